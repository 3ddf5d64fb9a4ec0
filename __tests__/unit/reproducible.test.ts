import { describe, expect, it } from '@jest/globals';
import { outputOption } from '../../src/inputs/parse-buildx-options.js';
import { planBuild } from '../../src/plan/build-plan.js';
import { decideBuilder } from '../../src/plan/builder.js';
import type { BuildContext } from '../../src/plan/context.js';
import { epochFromGitLog, epochFromPayload, pushOutput, rewritingTimestamps, withCommitTime } from '../../src/plan/reproducible.js';
import { githubContext, makeInputs, platformOf } from './support.js';

const TEMP = '/runner/temp/kiln-1';
const NO_CACHE = { cacheFrom: [], cacheTo: [] };
const workspace: BuildContext = { kind: 'path', path: '/ws', dockerfile: '/ws/Dockerfile', because: 'context-directory', reason: 'test' };

describe('the commit’s time', () => {
  it.each<[Record<string, unknown>, number | undefined]>([
    // A push event's head commit, as GitHub writes it (with its offset).
    [{ head_commit: { timestamp: '2024-03-01T12:34:56+01:00' } }, 1709292896],
    [{ head_commit: { timestamp: '2024-03-01T11:34:56Z' } }, 1709292896],
    [{ head_commit: null }, undefined],
    [{ head_commit: { timestamp: 'yesterday' } }, undefined],
    [{ pull_request: { number: 1 } }, undefined],
    [{}, undefined],
  ])('from the payload %j: %s', (payload, epoch) => {
    expect(epochFromPayload(payload)).toBe(epoch);
  });

  it.each<[string, number | undefined]>([
    ['1709292896\n', 1709292896],
    ['', undefined],
    ['fatal: your current branch has no commits yet', undefined],
  ])('from git log %j: %s', (stdout, epoch) => {
    expect(epochFromGitLog(stdout)).toBe(epoch);
  });

  it('becomes SOURCE_DATE_EPOCH and the created label, replacing the clock’s', () => {
    const inputs = makeInputs({ buildArgs: ['A=1'], labels: ['org.opencontainers.image.created=2030-01-01T00:00:00.000Z', 'x=y'] });
    const applied = withCommitTime(inputs, 1709292896);
    expect(applied.buildArgs).toEqual(['A=1', 'SOURCE_DATE_EPOCH=1709292896']);
    expect(applied.labels.map((l) => l.raw)).toEqual(['x=y', 'org.opencontainers.image.created=2024-03-01T11:34:56Z']);
    // A SOURCE_DATE_EPOCH the user gave wins.
    expect(withCommitTime(makeInputs({ buildArgs: ['SOURCE_DATE_EPOCH=0'] }), 1709292896).buildArgs).toEqual(['SOURCE_DATE_EPOCH=0']);
  });
});

describe('the exporters', () => {
  it('image-making outputs rewrite timestamps, files and cache-only do not change', () => {
    expect(rewritingTimestamps(outputOption('type=image,name=r.example/a,push=true')).raw).toBe('type=image,name=r.example/a,push=true,rewrite-timestamp=true');
    expect(rewritingTimestamps(outputOption('type=oci,dest=/o.tar')).raw).toBe('type=oci,dest=/o.tar,rewrite-timestamp=true');
    expect(rewritingTimestamps(outputOption('type=image,rewrite-timestamp=false')).raw).toBe('type=image,rewrite-timestamp=false');
    expect(rewritingTimestamps(outputOption('type=local,dest=out')).raw).toBe('type=local,dest=out');
    expect(rewritingTimestamps(outputOption('type=cacheonly')).raw).toBe('type=cacheonly');
    expect(pushOutput(['r.example/a:1', 'r.example/a:latest']).raw).toBe('type=image,"name=r.example/a:1,r.example/a:latest",push=true,rewrite-timestamp=true');
  });

  it('push: true is spelt out as the image exporter with rewrite-timestamp', () => {
    const inputs = makeInputs({ push: true, reproducible: true, tags: ['r.example/a:1'] });
    const p = planBuild(inputs, workspace, githubContext({}), TEMP, {}, { driver: 'docker-container', cache: NO_CACHE });
    expect(p.args).not.toContain('--push');
    expect(p.args.filter((_, i) => p.args[i - 1] === '--output')).toEqual(['type=image,name=r.example/a:1,push=true,rewrite-timestamp=true']);
    expect(p.pushed).toEqual(['r.example/a:1']);
    // Without reproducible, the plain flag.
    expect(planBuild({ ...inputs, reproducible: false }, workspace, githubContext({}), TEMP, {}, { cache: NO_CACHE }).args).toContain('--push');
  });

  it('needs a builder other than the engine’s own, and says why', () => {
    const facts = {
      platform: platformOf('linux/amd64'),
      containerdStore: true,
      engineVersion: '28.5.2',
      current: { name: 'default', driver: 'docker', platforms: [] },
    };
    expect(decideBuilder(makeInputs({ reproducible: true }), facts, () => 'kiln-x')).toEqual({
      action: 'create',
      name: 'kiln-x',
      driver: 'docker-container',
      because: 'reproducible',
      reason: 'the engine’s own BuildKit (docker driver) cannot rewrite timestamps in the layers, as `reproducible: true` needs',
    });
    expect(decideBuilder(makeInputs({}), facts, () => 'kiln-x')).toMatchObject({ action: 'use', name: 'default' });
  });
});
