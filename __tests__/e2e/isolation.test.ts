// Two Kiln steps on one machine at once, with the same run, job and step id: two legs of one
// matrix job on a self-hosted host. Everything each one creates must be its own.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { builderLeftovers, kilnBuilders, startBuildkitDouble } from './support/buildkit-double.js';
import { type CacheService, committedKeys, startCacheService } from './support/cache-service/server.js';
import { decisionsOf, expectSuccess, kiln, runTag } from './support/kiln.js';

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

    const builders = [a, b].map((r) => decisionsOf(r).builder);
    expect(builders.map((d) => d.created)).toEqual([true, true]);
    const names = builders.map((d) => d.name);
    expect(names[0]).toMatch(/^kiln-matrix-kiln-same-step-[0-9a-f]{8}$/);
    expect(names[1]).toMatch(/^kiln-matrix-kiln-same-step-[0-9a-f]{8}$/);
    expect(names[0]).not.toBe(names[1]);
    for (const [i, r] of [a, b].entries()) {
      // Each had BuildKit read and write a cache directory inside its own RUNNER_TEMP (the local
      // runner gives each step a run directory of its own).
      const command = r.stdout.split('\n').find((l) => l.startsWith('[command]') && l.includes(' buildx build ')) ?? '';
      const dest = /--cache-to type=local,dest=([^,\s]+)/.exec(command)?.[1] ?? '';
      expect(dest.startsWith(`${r.runDir}/temp/kiln-`)).toBe(true);
      expect(command).toContain(`--cache-from type=local,src=${dest}`);
      expect(r.commands.filter((c) => c.command === 'warning' || c.command === 'error')).toEqual([]);
      expect(r.leftInRunnerTemp).toEqual([]);
      expect(builderLeftovers(names[i] ?? '')).toEqual([]);
    }
    // Both builders were removed by their post steps.
    expect(kilnBuilders()).toEqual(before);
    // Each saved its own cache directory (their RUN_IDs differ, so do their contents and keys).
    const committed = committedKeys(service.requests());
    expect(new Set(committed.filter((k) => k.startsWith('kiln-buildkit-isolation-'))).size).toBe(2);
    // Each copied its mount out of BuildKit from its own staging directory and asked to save it.
    // Both builders run on the engine's one BuildKit here, so they share the mount itself and may
    // find the same contents: then the second reservation of that key is refused, which is no failure.
    const mountSaves = service.requests().filter((r) => r.path.endsWith('/CreateCacheEntry') && r.key?.startsWith('kiln-mount-isolation-'));
    expect(mountSaves).toHaveLength(2);
    expect(committed.filter((k) => k.startsWith('kiln-mount-isolation-')).length).toBeGreaterThanOrEqual(1);
  });
});
