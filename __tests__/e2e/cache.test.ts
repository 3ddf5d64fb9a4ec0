import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { type CacheService, committedKeys, downloadedKeys, lookedUpKeys, startCacheService } from './support/cache-service/server.js';
import { type SecondEngine, startOldEngine } from './support/classic-engine.js';
import { docker } from './support/docker.js';
import { scratchContext } from './support/scratch-context.js';
import { teardown } from './support/teardown.js';
import { buildxArgs, decisionsOf, expectSuccess, image, kiln, runTag, valuesOf } from './support/kiln.js';
import { fileInImage, getManifest } from './support/registry.js';

jest.setTimeout(300_000);

/** A runner with an empty build cache: what a fresh GitHub-hosted runner starts with. */
async function freshRunner(): Promise<void> {
  const { code, output } = await docker(['buildx', 'prune', '-af']);
  if (code !== 0) throw new Error(`docker buildx prune: ${output}`);
}

/** The RUN steps of the fixture (basic: two stages, one RUN each), as the plain log shows them. */
function runSteps(result: RunResult): { name: string; cached: boolean }[] {
  const log = result.stdout + result.stderr;
  const ids = [...log.matchAll(/^#(\d+) \[[^\]]*\] RUN .*$/gm)].map((m) => ({ id: m[1] ?? '', name: m[0] }));
  const unique = [...new Map(ids.map((s) => [s.id, s])).values()];
  return unique.map((s) => ({ name: s.name, cached: new RegExp(`^#${s.id} CACHED$`, 'm').test(log) }));
}

const repository = 'kiln-dev/kiln';
const mainPush = { eventName: 'push', ref: 'refs/heads/main', repository, payload: { repository: { default_branch: 'main', full_name: repository } } };
const pullRequest = (n: number, fork = false) => ({
  eventName: 'pull_request',
  ref: `refs/pull/${n}/merge`,
  repository,
  payload: {
    number: n,
    repository: { default_branch: 'main', full_name: repository },
    pull_request: { number: n, base: { ref: 'main' }, head: { repo: { full_name: fork ? 'someone/kiln' : repository } } },
  },
});
const MAIN = { scope: 'refs/heads/main', permission: 3 as const };

describe('zero-configuration cache with the Actions cache service', () => {
  let service: CacheService;
  // A build argument unique to this test run makes the first build really cold.
  const greeting = `cache-${runTag}`;
  const tag = image('cache-app');
  const inputs = { context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: tag, 'build-args': `GREETING=${greeting}` };

  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('exports to the Actions cache on a push to main, and a fresh runner then gets every step from it', async () => {
    await freshRunner();
    const cold = await kiln(inputs, { ...mainPush, env: service.env([MAIN]) });
    expectSuccess(cold);
    expect(decisionsOf(cold).cache).toEqual({
      kind: 'managed',
      because: 'service-offered',
      backend: 'gha',
      reason: 'the runner offers the Actions cache service (v2)',
      reads: ['kiln-e2e-cache-app-main'],
      written: ['kiln-e2e-cache-app-main'],
      mode: 'max',
    });
    expect(runSteps(cold).length).toBeGreaterThanOrEqual(4);
    expect(runSteps(cold).every((s) => !s.cached)).toBe(true);
    // Everything landed in main's scope; the token never stood on the command line.
    const written = service.entries();
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(written.map((e) => e.scope))).toEqual(new Set(['refs/heads/main']));
    expect(written.some((e) => e.key.startsWith('index-kiln-e2e-cache-app-main-'))).toBe(true);
    const command = cold.stdout.split('\n').find((l) => l.startsWith('[command]')) ?? '';
    expect(command).toContain('--cache-to type=gha,version=2,url_v2=');
    expect(command).toContain('ignore-error=true,compression=zstd');
    expect(command).not.toContain(service.env([MAIN]).ACTIONS_RUNTIME_TOKEN);

    await freshRunner();
    const warm = await kiln(inputs, { ...mainPush, env: service.env([MAIN]) });
    expectSuccess(warm);
    const steps = runSteps(warm);
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.filter((s) => !s.cached)).toEqual([]);
  });

  it('lets a pull request read main’s cache and write only its own scope', async () => {
    const before = service.entries().length;
    const asked = service.requests().length;
    await freshRunner();
    const pr = await kiln(inputs, {
      ...pullRequest(7),
      env: service.env([
        { scope: 'refs/pull/7/merge', permission: 3 },
        { scope: 'refs/heads/main', permission: 1 },
      ]),
    });
    expectSuccess(pr);
    expect(decisionsOf(pr).cache).toMatchObject({
      reads: ['kiln-e2e-cache-app-pr-7', 'kiln-e2e-cache-app-main'],
      written: ['kiln-e2e-cache-app-pr-7'],
      mode: 'min',
    });
    expect(runSteps(pr).filter((s) => !s.cached)).toEqual([]);
    // It read main's cache from the service (its own scope had nothing yet)...
    expect(downloadedKeys(service.requests().slice(asked)).filter((k) => k.startsWith('index-kiln-e2e-cache-app-main-')).length).toBeGreaterThan(0);
    // ...and wrote into its own scope only.
    const added = service.entries().slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((e) => e.scope))).toEqual(new Set(['refs/pull/7/merge']));
    expect(added.some((e) => e.key.startsWith('index-kiln-e2e-cache-app-pr-7-'))).toBe(true);
  });

  it('lets a fork’s pull request read, and write nothing', async () => {
    const before = service.entries().length;
    const asked = service.requests().length;
    const fork = await kiln(inputs, { ...pullRequest(8, true), env: service.env([{ scope: 'refs/heads/main', permission: 1 }]) });
    expectSuccess(fork);
    expect(decisionsOf(fork).cache).toMatchObject({ kind: 'managed', backend: 'gha', reads: ['kiln-e2e-cache-app-main'], written: [] });
    expect(valuesOf(buildxArgs(fork), '--cache-to')).toEqual([]);
    expect(service.entries().length).toBe(before);
    expect(committedKeys(service.requests().slice(asked))).toEqual([]);
  });

  it('keeps two images of one repository in scopes of their own', async () => {
    const other = image('cache-other');
    const result = await kiln({ ...inputs, tags: other }, { ...mainPush, env: service.env([MAIN]) });
    expectSuccess(result);
    const keys = service.entries().map((e) => e.key);
    expect(keys.some((k) => k.startsWith('index-kiln-e2e-cache-other-main-'))).toBe(true);
    expect(keys.some((k) => k.startsWith('index-kiln-e2e-cache-app-main-'))).toBe(true);
  });

  it('carries a local cache directory between runners with @actions/cache (cache: local)', async () => {
    const local = { ...inputs, cache: 'local', tags: image('cache-local'), 'build-args': `GREETING=local-${runTag}` };
    const coldAsked = service.requests().length;
    await freshRunner();
    const cold = await kiln(local, { ...mainPush, env: service.env([MAIN]) });
    expectSuccess(cold);
    // The cold run committed its cache directory as one entry of main's scope.
    const saved = committedKeys(service.requests().slice(coldAsked)).filter((k) => k.startsWith('kiln-buildkit-'));
    expect(saved).toEqual([expect.stringMatching(/^kiln-buildkit-kiln-e2e-cache-local-main-[0-9a-f]{16}$/)]);
    const key = saved[0] ?? '';
    expect(
      service
        .entries()
        .filter((e) => e.key === key)
        .map((e) => e.scope),
    ).toEqual(['refs/heads/main']);
    const savesAfterCold = service.requests().filter((r) => r.path.includes('CreateCacheEntry')).length;

    // A new runner: an empty build cache and an empty RUNNER_TEMP (the local runner makes a new one).
    const warmAsked = service.requests().length;
    await freshRunner();
    const warm = await kiln(local, { ...mainPush, env: service.env([MAIN]) });
    expectSuccess(warm);
    // The service served the cold run's entry, and every step came from it.
    expect(downloadedKeys(service.requests().slice(warmAsked))).toEqual([key]);
    expect(runSteps(warm).filter((s) => !s.cached)).toEqual([]);
    expect(warm.outputs['cache-hit-ratio']).toBe('1');
    // So nothing was uploaded again: no entry reserved, none committed.
    const saves = service.requests().filter((r) => r.path.includes('CreateCacheEntry'));
    expect(saves.length).toBe(savesAfterCold);
    expect(committedKeys(service.requests().slice(warmAsked))).toEqual([]);

    // A pull request on a fresh runner starts from main's saved directory (same path, so the
    // same @actions/cache version), and reads every step from it.
    const prAsked = service.requests().length;
    await freshRunner();
    const pr = await kiln(local, {
      ...pullRequest(9),
      env: service.env([
        { scope: 'refs/pull/9/merge', permission: 3 },
        { scope: 'refs/heads/main', permission: 1 },
      ]),
    });
    expectSuccess(pr);
    const prDownloads = service
      .requests()
      .slice(prAsked)
      .filter((r) => r.method === 'GET' && r.key === key);
    expect(downloadedKeys(prDownloads)).toEqual([key]);
    expect(new Set(prDownloads.map((r) => r.scope))).toEqual(new Set(['refs/heads/main']));
    expect(runSteps(pr).filter((s) => !s.cached)).toEqual([]);
    expect(pr.outputs['cache-hit-ratio']).toBe('1');
  });

  it('says a local cache directory was not saved when the service does not answer', async () => {
    const entriesBefore = service.entries();
    await service.stop();
    try {
      const local = { ...inputs, cache: 'local', platforms: 'linux/amd64', tags: image('cache-local-down'), 'build-args': `GREETING=local-down-${runTag}` };
      const result = await kiln(local, { ...mainPush, env: service.env([MAIN]) });
      expectSuccess(result);
      // One lookup with a short deadline found it down: nothing is restored or saved, one warning says so.
      expect(decisionsOf(result).cache).toMatchObject({ kind: 'none', backend: 'none', reads: [], written: [] });
      expect(decisionsOf(result).cache.reason).toMatch(/^`cache: local`, but the Actions cache service could not be reached/);
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^`cache: local` carries its directory through the Actions cache service, but it could not be reached \(.+\): nothing is cached\.$/,
        ),
      ]);
      expect(service.entries()).toEqual(entriesBefore);
    } finally {
      await service.start();
    }
  });

  it('keeps RUN --mount=type=cache contents across runners (cache-mounts: auto)', async () => {
    const tag = image('cache-mounts');
    const run = (id: string) =>
      kiln({ context: 'mounts', target: 'base', push: 'true', tags: tag, 'build-args': `RUN_ID=${id}-${runTag}` }, { ...mainPush, env: service.env([MAIN]) });
    const firstAsked = service.requests().length;
    await freshRunner();
    const first = await run('a');
    expectSuccess(first);
    expect(await fileInImage(tag, 'linux/amd64', 'seen.txt')).toBe('');
    // The mount's contents were committed as one entry of main's scope; only /cache's: /never-built
    // is in a stage the target does not use.
    const saved = committedKeys(service.requests().slice(firstAsked)).filter((k) => k.startsWith('kiln-mount-'));
    expect(saved).toEqual([expect.stringMatching(/^kiln-mount-kiln-e2e-cache-mounts-main-[0-9a-f]{12}-[0-9a-f]{16}$/)]);
    const mountKey = saved[0] ?? '';
    expect(lookedUpKeys(service.requests().slice(firstAsked)).filter((k) => k.startsWith('kiln-mount-'))).toEqual([mountKey.replace(/[0-9a-f]{16}$/, '')]);
    expect(
      service
        .entries()
        .filter((e) => e.key === mountKey)
        .map((e) => e.scope),
    ).toEqual(['refs/heads/main']);

    const secondAsked = service.requests().length;
    await freshRunner();
    const second = await run('b');
    expectSuccess(second);
    // The service served the first run's mount entry to the second run.
    expect(downloadedKeys(service.requests().slice(secondAsked)).filter((k) => k.startsWith('kiln-mount-'))).toEqual([mountKey]);
    // The second run's RUN found the first run's file in its cache mount, after a prune.
    expect(await fileInImage(tag, 'linux/amd64', 'seen.txt')).toBe(`run-a-${runTag}.txt `);
    expect(second.leftInRunnerTemp).toEqual([]);
  });

  it('still builds, with a warning, when the cache service does not answer', async () => {
    await service.stop();
    try {
      const result = await kiln({ ...inputs, 'build-args': `GREETING=unreachable-${runTag}` }, { ...mainPush, env: service.env([MAIN]) });
      expectSuccess(result);
      // Found down before the build: the registry keeps the cache instead, with one warning.
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
      expect(warnings).toEqual([
        expect.stringMatching(/^The Actions cache service could not be reached \(.+\): Kiln does not use it in this step .* registry instead\.$/),
      ]);
      expect([...valuesOf(buildxArgs(result), '--cache-from'), ...valuesOf(buildxArgs(result), '--cache-to')].filter((v) => v.includes('type=gha'))).toEqual(
        [],
      );
      expect((await getManifest(tag)).digest).toBe(result.outputs.digest);
    } finally {
      await service.start();
    }
  });
});

describe('zero-configuration cache on an engine whose BuildKit is too old for the v2 service', () => {
  // Trixie's dockerd 26.1 (BuildKit 0.13) with the containerd store: it can export cache, but
  // only speaks the v1 Actions cache protocol. It runs in a network namespace of its own, so the
  // build takes everything from its context.
  let old: SecondEngine;
  let service: CacheService;
  let context: string;
  beforeAll(async () => {
    old = await startOldEngine();
    service = await startCacheService();
    context = scratchContext(
      `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox echo ${runTag} > /one"]\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox cat /one > /two"]\n`,
    );
  });
  afterAll(() =>
    teardown(
      { name: 'the old engine', run: () => old.stop() },
      { name: 'the cache service', run: () => service.close() },
      {
        name: context,
        run: () => {
          rmSync(context, { recursive: true, force: true });
        },
      },
    ),
  );
  const onOld = () => kiln({ context, 'cache-scope': 'old-engine' }, { ...mainPush, env: { ...service.env([MAIN]), DOCKER_HOST: old.host } });

  it('falls back to a local cache directory carried by @actions/cache, and a fresh runner gets every step from it', async () => {
    const cold = await onOld();
    expectSuccess(cold);
    expect(decisionsOf(cold).cache).toMatchObject({ kind: 'managed', backend: 'local', reads: ['old-engine-main'], written: ['old-engine-main'] });
    expect(decisionsOf(cold).cache.reason).toContain("this builder's BuildKit (0.13.0) is older than 0.20");
    expect(valuesOf(buildxArgs(cold), '--cache-to')).toEqual([expect.stringMatching(/^type=local,dest=/)]);
    expect([...valuesOf(buildxArgs(cold), '--cache-from'), ...valuesOf(buildxArgs(cold), '--cache-to')].filter((v) => v.includes('type=gha'))).toEqual([]);
    expect(service.entries().map((e) => e.key)).toEqual([expect.stringMatching(/^kiln-buildkit-old-engine-main-[0-9a-f]{16}$/)]);
    const key = service.entries()[0]?.key ?? '';
    expect(runSteps(cold).length).toBe(2);
    const warmAsked = service.requests().length;

    // A fresh runner: the old engine's build cache is gone.
    const pruned = await docker(['buildx', 'prune', '-af'], { env: { DOCKER_HOST: old.host } });
    expect(pruned.code).toBe(0);
    const warm = await onOld();
    expectSuccess(warm);
    expect(downloadedKeys(service.requests().slice(warmAsked))).toEqual([key]);
    expect(runSteps(warm).filter((s) => !s.cached)).toEqual([]);
    expect(warm.outputs['cache-hit-ratio']).toBe('1');
    // The post step removed the cache directory, and its kiln-cache folder with it.
    expect(existsSync(path.join(tmpdir(), 'kiln-cache'))).toBe(false);
  });
});

describe('zero-configuration cache without the Actions cache service', () => {
  it('keeps the cache in the registry when the build pushes, and a fresh runner gets every step from it', async () => {
    const tag = image('cache-registry');
    const inputs = { context: 'basic', push: 'true', tags: tag, 'build-args': `GREETING=registry-${runTag}` };
    await freshRunner();
    const cold = await kiln(inputs, mainPush);
    expectSuccess(cold);
    expect(decisionsOf(cold).cache).toMatchObject({
      kind: 'managed',
      backend: 'registry',
      reads: [expect.stringMatching(/-main$/)],
      written: [expect.stringMatching(/-main$/)],
    });
    const cacheRef = tag.replace(/:[^:]+$/, ':buildcache-main');
    const cache = await getManifest(cacheRef);
    expect(cache.manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');

    await freshRunner();
    const warm = await kiln(inputs, mainPush);
    expectSuccess(warm);
    expect(runSteps(warm).filter((s) => !s.cached)).toEqual([]);
  });

  it('says nothing will persist when there is no service and nothing is pushed', async () => {
    const result = await kiln({ context: 'basic', load: 'true', tags: 'kiln-e2e-nocache:1' }, mainPush);
    expectSuccess(result);
    expect(decisionsOf(result).cache).toEqual({
      kind: 'none',
      because: 'no-service-nothing-pushed',
      backend: 'none',
      reason: 'no Actions cache service and nothing is pushed',
      reads: [],
      written: [],
    });
    expect(result.commands.some((c) => c.command === 'warning' && c.message.startsWith('No cache will persist after this job'))).toBe(true);
  });
});
