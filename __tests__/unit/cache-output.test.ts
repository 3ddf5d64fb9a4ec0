import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readBuildLog, type BuildStep } from '../../src/build/log.js';
import { optionFrom } from '../../src/inputs/buildx-option.js';
import type { CachePlan } from '../../src/plan/cache.js';
import { cacheOutput, ghaWrites, platformHits, stepPlatform } from '../../src/report/cache-output.js';

const progress = (name: string): BuildStep[] => readBuildLog(readFileSync(new URL(`./fixtures/progress/${name}`, import.meta.url), 'utf8')).steps();

function step(id: number, fields: Partial<BuildStep> = {}): BuildStep {
  return { id, name: `[${id}/9] RUN step ${id}`, instruction: `RUN step ${id}`, cached: false, output: [], ...fields };
}

type PlanPart = Pick<CachePlan, 'kind' | 'backend' | 'rule' | 'reads' | 'write' | 'cacheFrom' | 'cacheTo'>;
const gha: PlanPart = { kind: 'managed', backend: 'gha', rule: 'trusted-event', reads: ['app-main'], write: 'app-main', cacheFrom: [], cacheTo: [] };

describe('stepPlatform', () => {
  it.each([
    [undefined, 'linux/amd64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/amd64->arm64', 'linux/arm64'],
    ['linux/amd64->arm/v7', 'linux/arm/v7'],
  ])('%s → %s', (platform, expected) => {
    expect(stepPlatform({ platform }, 'linux/amd64')).toBe(expected);
  });
});

describe('platformHits', () => {
  it('counts Dockerfile steps per platform, FROM and internal steps left out', () => {
    const steps = [
      step(1, { name: '[internal] load build definition', instruction: undefined }),
      step(2, { platform: 'linux/amd64', instruction: 'FROM busybox', cached: true }),
      step(3, { platform: 'linux/amd64', cached: true }),
      step(4, { platform: 'linux/amd64' }),
      step(5, { platform: 'linux/arm64', cached: true }),
      step(6, { platform: 'linux/arm64', cached: true }),
      step(7, { platform: 'linux/amd64->arm64' }),
    ];
    expect(platformHits(steps, 'linux/amd64')).toEqual({ 'linux/amd64': { cached: 1, total: 2 }, 'linux/arm64': { cached: 2, total: 3 } });
  });

  // Per platform: base 2/3 and 3/3, stage-1 2/4 to 4/4 (the FROM lines are not counted).
  it('a real fresh two-platform log: nothing cached on either platform', () => {
    expect(platformHits(progress('multi-fresh.log'), 'linux/amd64')).toEqual({
      'linux/amd64': { cached: 0, total: 5 },
      'linux/arm64': { cached: 0, total: 5 },
    });
  });
});

describe('cacheOutput', () => {
  it('a managed backend: its scopes, its rule, a hit ratio per platform (3 places)', () => {
    const steps = [step(1, { cached: true }), step(2, { cached: true }), step(3)];
    expect(cacheOutput(gha, steps, 'linux/amd64')).toEqual({
      backend: 'gha',
      rule: 'trusted-event',
      read: ['app-main'],
      written: ['app-main'],
      platforms: { 'linux/amd64': { hitRatio: 0.667 } },
    });
  });

  it('an untrusted event: reads, writes nothing, and says which rule', () => {
    expect(cacheOutput({ ...gha, rule: 'untrusted-event', write: undefined }, [], 'linux/arm64')).toEqual({
      backend: 'gha',
      rule: 'untrusted-event',
      read: ['app-main'],
      written: [],
      platforms: {},
    });
  });

  it('explicit entries: the rule is explicit, the entries are shown as given (credentials hidden)', () => {
    const plan: PlanPart = {
      kind: 'explicit',
      backend: 'given',
      rule: 'untrusted-event',
      reads: [],
      cacheFrom: [optionFrom({ type: 'registry', ref: 'r/c:1' })],
      cacheTo: [optionFrom({ type: 's3', secret_access_key: 'hunter2' })],
    };
    expect(cacheOutput(plan, [], 'linux/amd64')).toMatchObject({
      rule: 'explicit',
      read: ['type=registry,ref=r/c:1'],
      written: ['type=s3,secret_access_key=***'],
    });
  });

  it('what the build wrote, when known; unknown counts are left out, not zero', () => {
    expect(
      cacheOutput(gha, [], 'linux/amd64', { bytesWritten: 2048, entriesWritten: 3, entriesSkipped: undefined, limited: 'mode=min: near the limit' }),
    ).toEqual({
      backend: 'gha',
      rule: 'trusted-event',
      read: ['app-main'],
      written: ['app-main'],
      platforms: {},
      bytesWritten: 2048,
      entriesWritten: 3,
      limited: 'mode=min: near the limit',
    });
  });
});

describe('cacheOutput: the first miss of each platform', () => {
  const copy = { stage: '', n: 2, line: 3, text: 'COPY app/ /app/' };
  const run = { stage: 'build', n: 3, line: 5, text: 'RUN echo "$GREETING" > /g' };

  it('names the step as the Dockerfile writes it, the cause and its details', () => {
    const steps = [step(1, { platform: 'linux/amd64', cached: true }), step(2, { platform: 'linux/amd64' }), step(3, { platform: 'linux/arm64' })];
    const out = cacheOutput(gha, steps, 'linux/amd64', {
      misses: [
        { platform: 'linux/amd64', firstMiss: { step: copy, cause: { kind: 'files', paths: ['app/main.txt'], more: 0 }, comparedWith: 'app-main' } },
        { platform: 'linux/arm64', firstMiss: { step: run, cause: { kind: 'build-arg', names: ['GREETING'] }, at: copy } },
      ],
    });
    expect(out.platforms).toEqual({
      'linux/amd64': {
        hitRatio: 0.5,
        firstMiss: { step: '[2] COPY app/ /app/', cause: 'files', line: 3, paths: ['app/main.txt'], more: 0, comparedWith: 'app-main' },
      },
      'linux/arm64': {
        hitRatio: 0,
        firstMiss: { step: '[build 3] RUN echo "$GREETING" > /g', cause: 'build-arg', line: 5, names: ['GREETING'], at: '[2] COPY app/ /app/' },
      },
    });
  });

  it('a platform that missed nothing has no firstMiss; a miss for a platform the log did not build is left out', () => {
    const out = cacheOutput(gha, [step(1, { cached: true })], 'linux/amd64', {
      misses: [{ platform: 'linux/amd64' }, { platform: 'linux/s390x', firstMiss: { step: copy, cause: { kind: 'not-in-cache' } } }],
    });
    expect(out.platforms).toEqual({ 'linux/amd64': { hitRatio: 1 } });
  });

  it('nothing to compare: the scopes read', () => {
    const out = cacheOutput(gha, [step(2)], 'linux/amd64', {
      misses: [
        { platform: 'linux/amd64', firstMiss: { step: copy, cause: { kind: 'nothing-to-compare', why: 'no-fingerprint', scopes: ['app-pr-1', 'app-main'] } } },
      ],
    });
    expect(out.platforms['linux/amd64']?.firstMiss).toEqual({
      step: '[2] COPY app/ /app/',
      cause: 'nothing-to-compare',
      line: 3,
      why: 'no-fingerprint',
      scopes: ['app-pr-1', 'app-main'],
    });
  });
});

describe('ghaWrites: what the Actions cache exports wrote, as BuildKit says it', () => {
  it('a real export: three blobs uploaded (two were in the cache: not printed) and one index entry', () => {
    expect(ghaWrites(progress('gha-export.log'))).toEqual({ entriesWritten: 4 });
    expect(cacheOutput(gha, progress('gha-export.log'), 'linux/amd64')).toMatchObject({ entriesWritten: 4 });
  });

  it('an export refused for its rate (HTTP 429): the refused blob, printed done as well, is not counted', () => {
    // Refused after one upload: 080ad… was committed, 14e94… refused until BuildKit's timeout.
    expect(ghaWrites(progress('gha-cache-rate-limited.log'))).toEqual({ entriesWritten: 1 });
    // Its mode=min re-run: 14e94… refused again; nothing written.
    expect(ghaWrites(progress('gha-cache-rate-limited-min.log'))).toEqual({ entriesWritten: 0 });
  });

  it('a failed export: the blobs it finished count, no index entry; bytes and skips stay unknown', () => {
    const log = [
      '#9 exporting to GitHub Actions Cache',
      '#9 preparing build cache for export',
      `#9 writing layer sha256:${'a'.repeat(64)}`,
      `#9 writing layer sha256:${'a'.repeat(64)} 0.1s done`,
      `#9 writing layer sha256:${'b'.repeat(64)}`,
      '#9 ERROR: error writing layer blob: failed to upload: 429 Too Many Requests',
      '',
    ].join('\n');
    const out = cacheOutput(gha, readBuildLog(log).steps(), 'linux/amd64');
    expect(out.entriesWritten).toBe(1);
    expect(out).not.toHaveProperty('bytesWritten');
    expect(out).not.toHaveProperty('entriesSkipped');
  });

  it('no Actions cache export: nothing said', () => {
    expect(ghaWrites(progress('multi-fresh.log'))).toBeUndefined();
    expect(cacheOutput(gha, progress('multi-fresh.log'), 'linux/amd64')).not.toHaveProperty('entriesWritten');
  });
});
