import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readBuildLog } from '../../src/build/log.js';
import { optionFrom } from '../../src/inputs/buildx-option.js';
import type { CachePlan } from '../../src/plan/cache.js';
import { rateLimited, writeLessAfter } from '../../src/plan/cache-rate-limit.js';

type Part = Pick<CachePlan, 'kind' | 'backend' | 'cacheTo' | 'mode'>;
const ghaMax = optionFrom({ type: 'gha', scope: 'app-main', mode: 'max', 'ignore-error': 'true' });
const plan: Part = { kind: 'managed', backend: 'gha', mode: 'max', cacheTo: [ghaMax] };
const args = ['buildx', 'build', '--cache-from', 'type=gha,scope=app-main', '--cache-to', 'type=gha,scope=app-main,mode=max,ignore-error=true', '--push', '.'];
// As BuildKit 0.25 words a refused upload in the export vertex's ERROR line (gha-cache-rate-limited.log).
const refused = 'error writing layer blob: maximum timeout reached: resource_exhausted';

describe('rateLimited', () => {
  it('reads the export failure of a real refused export (gha-cache-rate-limited.log)', () => {
    const log = readBuildLog(readFileSync(new URL('./fixtures/progress/gha-cache-rate-limited.log', import.meta.url), 'utf8'));
    expect(log.cacheFailures().exports).toEqual([refused]);
    expect(rateLimited(log.cacheFailures().exports)).toBe(true);
  });

  it.each([
    [[refused], true],
    [['failed to upload: unexpected status 429'], true],
    [['error writing layer blob: Too Many Requests'], true],
    // BuildKit 0.13 on the v1 service (GitHub's body, moby/buildkit#2276), after its retries.
    [["error writing layer blob: maximum timeout reached: Request was blocked due to exceeding usage of resource 'Count' in namespace ''."], true],
    [['failed to parse error response 429: rate limit exceeded: invalid character'], true],
    [['error writing layer blob: maximum timeout reached'], false],
    [['error writing layer blob: context deadline exceeded'], false],
    [['failed to reserve cache: HTTP 500'], false],
    [[], false],
  ])('%j → %s', (failures, expected) => {
    expect(rateLimited(failures)).toBe(expected);
  });
});

describe('writeLessAfter: a refused export runs again at mode=min, then not at all', () => {
  it('refused at mode=max: the same arguments, the Actions cache entry at mode=min', () => {
    expect(writeLessAfter([refused], plan, args, 'planned')).toEqual({
      next: 'retry-min',
      args: ['buildx', 'build', '--cache-from', 'type=gha,scope=app-main', '--cache-to', 'type=gha,scope=app-main,mode=min,ignore-error=true', '--push', '.'],
      said: "the Actions cache refused this build's uploads (HTTP 429: more than 200 new entries a minute in this repository): the export ran again at mode=min",
    });
  });

  it('refused at mode=min too: nothing more', () => {
    expect(writeLessAfter([refused], plan, args, 'min')).toEqual({
      next: 'stop',
      said: "the Actions cache refused this build's uploads (HTTP 429: more than 200 new entries a minute in this repository), at mode=min too: nothing more written",
    });
  });

  it('a plan at mode=min already (the budget, or a pull request): nothing more, no second run', () => {
    const min = { ...plan, mode: 'min' as const, cacheTo: [optionFrom({ type: 'gha', scope: 'app-main', mode: 'min' })] };
    expect(writeLessAfter([refused], min, args, 'planned').next).toBe('stop');
  });

  it('another failure, a user cache-to or another backend: nothing to do', () => {
    expect(writeLessAfter(['error writing layer blob: EOF'], plan, args, 'planned')).toEqual({ next: 'done' });
    expect(writeLessAfter([refused], { ...plan, kind: 'explicit' }, args, 'planned')).toEqual({ next: 'done' });
    expect(writeLessAfter([refused], { ...plan, backend: 'registry' }, args, 'planned')).toEqual({ next: 'done' });
    expect(writeLessAfter([], plan, args, 'planned')).toEqual({ next: 'done' });
  });
});
