// Two Kiln steps on one machine at once, with the same run, job and step id: two legs of one
// matrix job on a self-hosted host. Everything each one creates must be its own.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { builderLeftovers, kilnBuilders, startBuildkitDouble } from './support/buildkit-double.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { expectSuccess, kiln, runTag } from './support/kiln.js';

jest.setTimeout(300_000);

const MAIN = { scope: 'refs/heads/main', permission: 3 as const };
const repository = 'kiln-dev/kiln';

describe('two steps with the same run, job and step id, at once on one engine', () => {
  let service: CacheService;
  let double: Awaited<ReturnType<typeof startBuildkitDouble>>;
  beforeAll(async () => {
    service = await startCacheService();
    double = await startBuildkitDouble();
  });
  afterAll(async () => {
    await double.close();
    await service.close();
  });

  it('each creates, uses and removes its own builder, cache directory and cache-mount staging', async () => {
    const identity = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'matrix', GITHUB_ACTION: '__kiln_same_step' };
    const leg = (id: string) =>
      kiln(
        {
          context: 'mounts',
          target: 'base',
          driver: 'docker-container',
          'driver-opts': double.driverOpts,
          cache: 'local',
          'cache-scope': `isolation-${runTag}`,
          outputs: 'type=cacheonly',
          'build-args': `RUN_ID=${id}-${runTag}`,
        },
        {
          eventName: 'push',
          ref: 'refs/heads/main',
          repository,
          payload: { repository: { default_branch: 'main', full_name: repository } },
          env: { ...service.env([MAIN]), ...identity },
        },
      );
    const before = kilnBuilders();
    const [a, b] = await Promise.all([leg('a'), leg('b')]);
    expectSuccess(a);
    expectSuccess(b);

    const names = [a, b].map((r) => /Builder: created (\S+)/.exec(r.stdout)?.[1] ?? '');
    expect(names[0]).toMatch(/^kiln-matrix-kiln-same-step-[0-9a-f]{8}$/);
    expect(names[1]).toMatch(/^kiln-matrix-kiln-same-step-[0-9a-f]{8}$/);
    expect(names[0]).not.toBe(names[1]);
    for (const [i, r] of [a, b].entries()) {
      // Both saved their cache directory and their cache mount, each from its own directory
      // inside its own RUNNER_TEMP (the local runner gives each step a run directory of its own).
      const saved = /Cache: saved (\S+) as kiln-buildkit-isolation-/.exec(r.stdout)?.[1] ?? '';
      expect(saved.startsWith(`${r.runDir}/temp/kiln-`)).toBe(true);
      // Both copied their mount out of BuildKit from their own staging directory. Both builders
      // run on the engine's one BuildKit here, so they share the mount itself and may find the
      // same contents: then the second save of that key is refused, which is no failure.
      expect(r.stdout).toMatch(/Cache mount \/cache: (saved as|kiln-mount-\S+ was not saved)/);
      expect(r.commands.filter((c) => c.command === 'warning' || c.command === 'error')).toEqual([]);
      expect(r.postStdout).toContain(`Removed builder ${names[i] ?? ''}`);
      expect(r.leftInRunnerTemp).toEqual([]);
      expect(builderLeftovers(names[i] ?? '')).toEqual([]);
    }
    expect(kilnBuilders()).toEqual(before);
    expect(service.entries().filter((e) => e.key.startsWith('kiln-mount-isolation-')).length).toBeGreaterThanOrEqual(1);
    expect(service.entries().filter((e) => e.key.startsWith('kiln-buildkit-isolation-')).length).toBeGreaterThanOrEqual(1);
  });
});
