// Faults a CI build meets that have nothing to do with the build: a broken Actions cache service,
// a cancelled job, a registry that fails for a moment. Each test checks the step's outcome, its
// time against the fault-free run, what the registry serves, and what is left behind.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { STATE } from '../../src/names.js';
import { type CacheService, committedKeys, startCacheService } from './support/cache-service/server.js';
import { buildxArgs, decisionsOf, expectSuccess, image, kiln, runTag, valuesOf } from './support/kiln.js';
import { getManifest } from './support/registry.js';
import { type RegistryProxy, startRegistryProxy } from './support/registry-proxy.js';
import { scratchContext } from './support/scratch-context.js';

jest.setTimeout(300_000);

const MAIN = { scope: 'refs/heads/main', permission: 3 as const };
const repository = 'kiln-dev/kiln';
const mainPush = { eventName: 'push', ref: 'refs/heads/main', repository, payload: { repository: { default_branch: 'main', full_name: repository } } };
const warningsOf = (r: RunResult) => r.commands.filter((c) => c.command === 'warning').map((c) => c.message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = Date.now();
  const result = await fn();
  return { result, ms: Date.now() - start };
}

/** The processes of process group `pgid` (the `pgrp` field of /proc/PID/stat), with their command lines. */
function processGroup(pgid: number): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === pgid) found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Processes whose command line mentions `text` (a tag only this test uses). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

describe('a broken Actions cache service costs a build at most 10 s, with one warning', () => {
  let service: CacheService;
  let baseline = 0;
  const tag = image('cache-fault');
  // Zero cache configuration and a RUN --mount=type=cache: the gha cache, and the mount's
  // contents restored and saved through the service.
  const build = (run: string, env: Record<string, string>) =>
    timed(() => kiln({ context: 'mounts', target: 'base', push: 'true', tags: tag, 'build-args': `RUN_ID=${run}-${runTag}` }, { ...mainPush, env }));
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('fault-free: the gha cache and the cache mount go through the service (the time to beat)', async () => {
    const asked = service.requests().length;
    const { result, ms } = await build('healthy', service.env([MAIN]));
    expectSuccess(result);
    expect(decisionsOf(result).cache).toMatchObject({ kind: 'managed', backend: 'gha', reason: 'the runner offers the Actions cache service (v2)' });
    expect(result.stdout).toMatch(/--cache-from type=gha,version=2,url_v2=\S+,scope=\S+,timeout=30s/);
    // Both went through the service: BuildKit's gha export and the cache mount's entry.
    const committed = committedKeys(service.requests().slice(asked));
    expect(committed.filter((k) => k.startsWith('kiln-mount-kiln-e2e-cache-fault-main-'))).toHaveLength(1);
    expect(committed.filter((k) => k.startsWith('index-kiln-e2e-cache-fault-main-')).length).toBeGreaterThan(0);
    expect(warningsOf(result)).toEqual([]);
    baseline = ms;
  });

  it.each<[string, 'hang' | 500 | 'dummy', RegExp]>([
    ['hangs (accepts connections, never answers)', 'hang', /^The Actions cache service did not answer within 3 s: Kiln does not use it in this step/],
    ['answers HTTP 500', 500, /^The Actions cache service is failing \(HTTP 500\): Kiln does not use it in this step/],
    ['gets ACTIONS_RUNTIME_TOKEN=dummy', 'dummy', /^The Actions cache service refused the token \(HTTP 401\): Kiln does not use it in this step/],
  ])('a service that %s: the build succeeds, pushes, and asks the service once', async (_, fault, warning) => {
    expect(baseline).toBeGreaterThan(0);
    const before = service.requests().length;
    if (fault !== 'dummy') service.fault(fault);
    let run: Awaited<ReturnType<typeof build>>;
    try {
      run = await build(`fault-${String(fault)}`, { ...service.env([MAIN]), ...(fault === 'dummy' ? { ACTIONS_RUNTIME_TOKEN: 'dummy' } : {}) });
    } finally {
      service.fault(undefined);
    }
    const { result, ms } = run;
    expectSuccess(result);
    expect(ms).toBeLessThanOrEqual(baseline + 10_000);
    const warnings = warningsOf(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    expect(decisionsOf(result).cache).toMatchObject({ kind: 'managed', backend: 'registry' });
    expect(decisionsOf(result).cache.reason).toMatch(/^the Actions cache service /);
    expect([...valuesOf(buildxArgs(result), '--cache-from'), ...valuesOf(buildxArgs(result), '--cache-to')].filter((v) => v.includes('type=gha'))).toEqual([]);
    // One probe, then nothing: no restore, no save, no BuildKit import or export.
    await sleep(100);
    expect(service.requests().length - before).toBe(1);
    expect((await getManifest(tag)).digest).toBe(result.outputs.digest);
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('a cache service that answers lookups but hangs on downloads', () => {
  let service: CacheService;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service.close();
  });

  it('costs the restores’ shared 10 s deadline once, with one warning; nothing more is asked of it', async () => {
    const tag = image('cache-hang-blobs');
    const build = (run: string) =>
      timed(() =>
        kiln(
          { context: 'mounts', target: 'base', push: 'true', tags: tag, cache: 'local', 'build-args': `RUN_ID=${run}-${runTag}` },
          { ...mainPush, env: service.env([MAIN]) },
        ),
      );
    // A healthy run saves the local cache directory and the cache mount: the next run finds both.
    const healthy = await build('saves');
    expectSuccess(healthy.result);
    const saved = committedKeys(service.requests());
    expect(saved.filter((k) => k.startsWith('kiln-mount-kiln-e2e-cache-hang-blobs-main-'))).toHaveLength(1);
    expect(saved.filter((k) => k.startsWith('kiln-buildkit-kiln-e2e-cache-hang-blobs-main-'))).toHaveLength(1);

    const before = service.requests().length;
    service.fault('hang-blobs');
    let run: Awaited<ReturnType<typeof build>>;
    try {
      run = await build('hangs');
    } finally {
      service.fault(undefined);
    }
    const { result, ms } = run;
    expectSuccess(result);
    const warnings = warningsOf(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^The Actions cache service did not finish this step's cache restores within 10 s: Kiln skipped restoring kiln-(cache|mounts)\/\S+ and every later cache restore and save/,
    );
    // Both restores waited together, once: not 10 s each, and no save was tried after.
    expect(ms).toBeLessThanOrEqual(healthy.ms + 10_000 + 3_000);
    const asked = service.requests().slice(before);
    expect(asked.filter((r) => r.path.includes('CreateCacheEntry'))).toEqual([]);
    expect(asked.filter((r) => r.path.includes('GetCacheEntryDownloadURL')).length).toBeLessThanOrEqual(3);
    expect((await getManifest(tag)).digest).toBe(result.outputs.digest);
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('a cancelled step', () => {
  it('passes SIGTERM on to buildx, which stops within seconds; nothing is pushed, the post step leaves nothing', async () => {
    const tag = image('cancelled');
    const marker = `kiln-cancel-${runTag}`;
    const context = scratchContext(`FROM localhost:5000/busybox:latest\nRUN echo ${marker} && sleep 25 && echo finished > /done\n`);
    try {
      const result = await kiln(
        { context, push: 'true', tags: tag, cache: 'none', secrets: `token=cancel-${runTag}` },
        { cancel: { when: new RegExp(`^#\\d+ \\d+\\.\\d+ ${marker}$`, 'm'), signal: 'SIGTERM' } },
      );
      const signalled = result.signalledAt ?? 0;
      expect(signalled).toBeGreaterThan(0);
      expect(result.mainExitCode).not.toBe(0);
      expect(result.commands.some((c) => c.command === 'error' && c.properties.title === 'Cancelled')).toBe(true);
      // Kiln waited for buildx, briefly, and removed the secret file itself (later steps never see it).
      expect(result.mainEndedAt - signalled).toBeLessThan(8_000);
      expect(result.leftAfterMain.filter((f) => /secret-\d+$/.test(f))).toEqual([]);
      expect(processesMentioning(tag)).toEqual([]);
      expect(result.postExitCode).toBe(0);
      expect(result.leftInRunnerTemp).toEqual([]);
      // Past the moment the build would have finished and pushed: the tag never appears.
      await sleep(Math.max(0, signalled + 30_000 - Date.now()));
      await expect(getManifest(tag)).rejects.toThrow(/HTTP 404/);
      expect(processesMentioning(tag)).toEqual([]);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });
});

describe('a main step killed outright (SIGKILL: it cannot pass anything on)', () => {
  it('leaves buildx running only until the post step, which stops it before anything is pushed', async () => {
    const tag = image('killed');
    const marker = `kiln-killed-${runTag}`;
    const context = scratchContext(`FROM localhost:5000/busybox:latest\nRUN echo ${marker} && sleep 25 && echo finished > /done\n`);
    try {
      // What ran between the main and the post step: buildx's process group, saved in the step's state.
      let betweenSteps: string[] = [];
      const result = await kiln(
        { context, push: 'true', tags: tag, cache: 'none' },
        {
          cancel: { when: new RegExp(`^#\\d+ \\d+\\.\\d+ ${marker}$`, 'm'), signal: 'SIGKILL' },
          afterMain: (state) => {
            betweenSteps = processGroup(Number(state[STATE.buildxGroup]));
          },
        },
      );
      const signalled = result.signalledAt ?? 0;
      expect(signalled).toBeGreaterThan(0);
      expect(result.mainExitCode).not.toBe(0);
      // buildx outlived the killed main step; after the post step, nothing of its group is left.
      const group = Number(result.state[STATE.buildxGroup]);
      expect(group).toBeGreaterThan(1);
      expect(betweenSteps).toEqual(expect.arrayContaining([expect.stringContaining('buildx')]));
      expect(processGroup(group)).toEqual([]);
      expect(result.postExitCode).toBe(0);
      expect(processesMentioning(tag)).toEqual([]);
      expect(result.leftInRunnerTemp).toEqual([]);
      await sleep(Math.max(0, signalled + 30_000 - Date.now()));
      await expect(getManifest(tag)).rejects.toThrow(/HTTP 404/);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });
});

describe('transient registry errors', () => {
  let proxy: RegistryProxy;
  beforeAll(async () => {
    proxy = await startRegistryProxy();
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('a push whose manifest PUTs get 503 and 429 eight times in a row is run again until it succeeds, and the summary says how many times', async () => {
    // More failures than one buildx run takes (BuildKit's own attempts included): Kiln must run it again.
    const repo = `kiln-e2e/retry-${runTag}`;
    const failures = 8;
    proxy.failManifestPuts(failures, [503, 429]);
    const first = proxy.requests().length;
    let run: Awaited<ReturnType<typeof timed<RunResult>>>;
    try {
      run = await timed(() =>
        kiln({ context: 'basic', push: 'true', tags: `${proxy.host}/${repo}:1`, cache: 'none', 'build-args': `GREETING=retry-${runTag}` }),
      );
    } finally {
      proxy.failManifestPuts(0, 0);
    }
    const { result, ms } = run;
    expectSuccess(result);
    const puts = proxy
      .requests()
      .slice(first)
      .filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
    expect(puts.filter((r) => r.status === 503)).toHaveLength(failures / 2);
    expect(puts.filter((r) => r.status === 429)).toHaveLength(failures / 2);
    const builds = result.stdout.match(/\[command\]docker buildx build/g)?.length ?? 0;
    expect(builds).toBeGreaterThan(1);
    expect(result.summary).toContain(`Push retried ${builds - 1} time${builds > 2 ? 's' : ''} before it succeeded`);
    expect(result.commands.filter((c) => c.properties.title === 'Push retried')).toHaveLength(builds - 1);
    // Bounded: the waits between runs add up to well under a minute.
    expect(ms).toBeLessThan(120_000);
    expect((await getManifest(`localhost:5000/${repo}:1`)).digest).toBe(result.outputs.digest);
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('a push refused with 401 is not retried', async () => {
    const repo = `kiln-e2e/refused-${runTag}`;
    proxy.failManifestPuts(1000, 401);
    let result: RunResult;
    try {
      result = await kiln({ context: 'basic', push: 'true', tags: `${proxy.host}/${repo}:1`, cache: 'none' });
    } finally {
      proxy.failManifestPuts(0, 0);
    }
    expect(result.mainExitCode).toBe(1);
    expect(result.commands.some((c) => c.properties.title === 'Push retried')).toBe(false);
    expect(result.stdout.match(/\[command\]docker buildx build/g)).toHaveLength(1);
    await expect(getManifest(`localhost:5000/${repo}:1`)).rejects.toThrow(/HTTP 404/);
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('a cache export that hangs once the image is pushed', () => {
  let proxy: RegistryProxy;
  beforeAll(async () => {
    proxy = await startRegistryProxy();
    proxy.hangBlobUploads(true);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('is stopped at cache-export-timeout: the step succeeds with the pushed image’s outputs and one warning', async () => {
    const tag = image('export-deadline');
    const cacheRef = `${proxy.host}/kiln-e2e/stuck-cache:${runTag}`;
    const { result, ms } = await timed(() =>
      kiln({
        context: 'basic',
        push: 'true',
        tags: tag,
        'cache-to': `type=registry,ref=${cacheRef},mode=max`,
        'cache-export-timeout': '5s',
        'build-args': `GREETING=stuck-${runTag}`,
      }),
    );
    expectSuccess(result);
    // The export really started and hung on the cache registry.
    expect(proxy.requests().some((r) => r.status === 0 && r.path.includes('/blobs/uploads/'))).toBe(true);
    const warnings = result.commands.filter((c) => c.command === 'warning');
    expect(warnings.map((w) => w.properties.title)).toEqual(['Cache export stopped']);
    expect(warnings[0]?.message).toContain('still running 5 s after the image was pushed');
    const served = await getManifest(tag);
    expect(result.outputs.digest).toBe(served.digest);
    expect(JSON.parse(result.outputs.manifest ?? '{}')).toMatchObject({ digest: served.digest });
    // 5 s past the push, a few seconds to stop buildx: far from BuildKit's own export timeouts.
    expect(ms).toBeLessThan(45_000);
    expect(processesMentioning(cacheRef)).toEqual([]);
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});
