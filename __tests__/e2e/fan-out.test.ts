import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { builderLeftovers, kilnBuilders } from './support/buildkit-double.js';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { buildxArgsOf, decisionsOf, expectRejectedBeforeRunning, expectSuccess, fixtures, kiln, runTag } from './support/kiln.js';
import { addBusybox } from './support/scratch-context.js';
import { type Descriptor, fileInImage, getManifest, platformName, REGISTRY, splitRef } from './support/registry.js';

jest.setTimeout(300_000);

// Fan-out legs on one amd64 machine: the amd64 leg runs natively (`fan-out: auto`), the arm64
// leg is named explicitly and runs under QEMU. Each leg is its own job of one workflow run
// (same GITHUB_RUN_ID, its own GITHUB_JOB, runner name and RUNNER_TEMP), on a docker-container
// builder of its own (push by digest needs one), whose BuildKit is the engine's, reached through
// fixtures/buildkit-double. Records go to the local double of the Actions cache service.

const nonce = Date.now().toString(36);
const PLATFORMS = 'linux/amd64,linux/arm64';
const MAIN_SCOPE = { scope: 'refs/heads/main', permission: 3 as const };
const doubleImage = `localhost:5000/kiln-e2e/fan-out-buildkit-double:${runTag}`;
let service: CacheService;
let buildkit: BuildkitEndpoint;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

beforeAll(async () => {
  service = await startCacheService();
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-fan-out-double-'));
  try {
    cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
    addBusybox(dir);
    execFileSync('docker', ['build', '-q', '-t', doubleImage, dir], { stdio: 'ignore' });
    docker('push', '-q', doubleImage);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  buildkit = await startBuildkitEndpoint({ kind: 'tcp', host: docker('network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}') });
});
afterAll(async () => {
  await buildkit.close();
  await service.close();
  execFileSync('docker', ['image', 'rm', '-f', doubleImage], { stdio: 'ignore' });
  // The legs' builders run on the engine's own BuildKit, so each push by digest also leaves an
  // untagged image in the engine's store: removed, or the store grows by dozens a run and dockerd's
  // GET /info (which counts them) slows every later build.
  const leftovers = docker('images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}')
    .split('\n')
    .filter((line) => line.includes('/kiln-e2e/fan-out-') && line.endsWith(`-${runTag}`))
    .map((line) => line.split(' ')[0] ?? '');
  if (leftovers.length > 0) execFileSync('docker', ['image', 'rm', '-f', ...new Set(leftovers)], { stdio: 'ignore' });
});

/**
 * Which cache service the legs keep their records in: v2 (github.com's Twirp API) or v1 (the
 * REST API GitHub Enterprise Server serves; there the runner sets no ACTIONS_CACHE_SERVICE_V2
 * and GITHUB_SERVER_URL names the server). Every scenario runs against both.
 */
type Protocol = 'v2' | 'v1';
let protocol: Protocol = 'v2';

function serviceEnv(): Record<string, string> {
  const env = service.env([MAIN_SCOPE]);
  if (protocol === 'v2') return env;
  delete env.ACTIONS_CACHE_SERVICE_V2;
  return { ...env, GITHUB_SERVER_URL: 'https://ghes.example.test' };
}

/** The records' requests, for this run: each one on the protocol the legs were given. */
function recordRequests(run: string) {
  return service.requests().filter((q) => (q.key ?? q.lookup ?? '').startsWith('kiln-leg-') && (q.key ?? q.lookup ?? '').includes(`-${run}-`));
}

const repo = (name: string) => `localhost:5000/kiln-e2e/fan-out-${protocol}-${name}-${runTag}`;

interface LegOptions {
  run: string;
  attempt?: string;
  tags: string[];
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}

/** One leg: `fan-out` is auto (amd64, native here) or linux/arm64 (emulated here). */
function leg(fanOut: 'auto' | 'linux/arm64' | 'merge', o: LegOptions): Promise<RunResult> {
  const name = fanOut === 'auto' ? 'amd64' : fanOut === 'merge' ? 'merge' : 'arm64';
  const attempt = o.attempt ?? '1';
  return kiln(
    {
      context: 'basic',
      platforms: PLATFORMS,
      'fan-out': fanOut,
      push: 'true',
      tags: o.tags.join('\n'),
      'driver-opts': `image=${doubleImage}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`,
      'build-args': `GREETING=fan-out-${nonce}`,
      ...o.inputs,
    },
    {
      env: {
        ...serviceEnv(),
        GITHUB_RUN_ID: o.run,
        GITHUB_RUN_ATTEMPT: attempt,
        GITHUB_JOB: `build-${name}`,
        GITHUB_ACTION: `__fan_out_${name}_${o.run}_${attempt}`,
        RUNNER_NAME: `runner-${name}`,
        ...o.env,
      },
    },
  );
}

/** The tags a repository holds, as the registry lists them ([] when it holds none). */
async function tagsOf(ref: string): Promise<string[]> {
  const { repo: name } = splitRef(/:[^/:]+$/.test(ref) ? ref : `${ref}:x`);
  const res = await fetch(`http://${REGISTRY}/v2/${name}/tags/list`);
  if (res.status === 404) return [];
  const body = (await res.json()) as { tags?: string[] | null };
  return [...(body.tags ?? [])].sort();
}

/** The digest a leg pushed by digest, as buildx reported it in the leg's metadata output. */
function pushedBy(result: RunResult): string {
  return (JSON.parse(result.outputs.metadata ?? '{}') as Record<string, string>)['containerimage.digest'] ?? '';
}

const repoOf = (tag = '') => tag.replace(/:[^/:]+$/, '');

/** The manifests (image and attestation) a leg's push holds. */
async function manifestsOf(repository: string, digest: string): Promise<Descriptor[]> {
  const { manifest } = await getManifest(`${repository}@${digest}`);
  return manifest.manifests ?? [];
}

/** The index a tag serves: its digest and its descriptors. */
async function served(tag: string) {
  const { digest, manifest } = await getManifest(tag);
  const manifests = manifest.manifests ?? [];
  const images = manifests.filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
  return { digest, manifests, annotations: (manifest as { annotations?: Record<string, string> }).annotations ?? {}, platforms: images.map(platformName) };
}

function legRecords(run: string) {
  return service.entries().filter((e) => e.key.startsWith('kiln-leg-') && e.key.includes(`-${run}-`));
}

/** Seconds the assembling leg spent reading records and pushing the index, as it logged them. */
function assemblySeconds(result: RunResult): number | undefined {
  const m = /records read and index pushed in ([\d.]+) s/.exec(result.stdout);
  return m ? Number(m[1]) : undefined;
}

describe.each<Protocol>(['v2', 'v1'])('fan-out, records in the cache service %s', (version) => {
  beforeAll(() => {
    protocol = version;
  });
  // What differs between v1 and v2 is only where records are read and written: v1 runs the
  // scenarios that read and write them (together, in turn, a retried attempt); the scenarios
  // whose point is elsewhere (logins, push: false, input errors) run once, against v2.
  const onV2Only = (name: string, fn: () => Promise<void>) => {
    if (version === 'v2') it(name, fn);
  };

  it('two legs started together: the tag serves one index of both legs’ pushes, in both repositories, tagged only as asked', async () => {
    const run = `9${Date.now() % 1_000_000}1`;
    const tags = [`${repo('a')}:v1`, `${repo('b')}:v1`];
    const annotation = `fan-out-${nonce}`;
    const [amd64, arm64] = await Promise.all([
      leg('auto', { run, tags, inputs: { annotations: `index:org.opencontainers.image.description=${annotation}` } }),
      leg('linux/arm64', { run, tags, inputs: { annotations: `index:org.opencontainers.image.description=${annotation}` } }),
    ]);
    expectSuccess(amd64);
    expectSuccess(arm64);
    // Each leg cleaned up its own RUNNER_TEMP (and removed its own builder).
    expect(amd64.leftInRunnerTemp).toEqual([]);
    expect(arm64.leftInRunnerTemp).toEqual([]);
    expect(amd64.outputs.builder).not.toBe(arm64.outputs.builder);
    const stillListed = kilnBuilders();
    for (const r of [amd64, arm64]) {
      expect(r.outputs.builder).toMatch(/^kiln-/);
      expect(stillListed).not.toContain(r.outputs.builder);
      expect(builderLeftovers(r.outputs.builder ?? '')).toEqual([]);
    }

    const index = await served(tags[0] ?? '');
    expect(index.platforms.sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.annotations['org.opencontainers.image.description']).toBe(annotation);
    // The same index in the second repository.
    expect((await served(tags[1] ?? '')).digest).toBe(index.digest);
    // Whichever leg assembled says so with its digest; at least one did.
    const assembled = [amd64, arm64].filter((r) => r.outputs.digest === index.digest);
    expect(assembled.length).toBeGreaterThanOrEqual(1);
    // Each leg's push (its platform and its provenance attestation) is in the index as pushed.
    const legManifests = [...(await manifestsOf(repo('a'), pushedBy(amd64))), ...(await manifestsOf(repo('a'), pushedBy(arm64)))];
    expect(legManifests.filter((d) => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')).toHaveLength(2);
    expect(index.manifests.map((d) => d.digest).sort()).toEqual(legManifests.map((d) => d.digest).sort());
    expect((await manifestsOf(repo('a'), pushedBy(amd64))).map(platformName)).toContain('linux/amd64');
    expect((await manifestsOf(repo('a'), pushedBy(arm64))).map(platformName)).toContain('linux/arm64');
    expect(await fileInImage(tags[0] ?? '', 'linux/arm64', 'greeting.txt')).toBe(`fan-out-${nonce} from aarch64 for arm64\n`);
    expect(await fileInImage(tags[0] ?? '', 'linux/amd64', 'greeting.txt')).toBe(`fan-out-${nonce} from x86_64 for amd64\n`);
    // No tag but the requested ones (the legs pushed by digest; the gha cache keeps no tags).
    expect(await tagsOf(repo('a'))).toEqual(['v1']);
    expect(await tagsOf(repo('b'))).toEqual(['v1']);
    // One record per platform for this run, and each leg's cache scope carries its platform.
    expect(legRecords(run)).toHaveLength(2);
    // Written and read through the protocol this runner offers (v1: GHES's REST API).
    const paths = recordRequests(run)
      .map((q) => q.path)
      .filter((p) => !p.startsWith('/devstoreaccount1/'));
    expect(paths.length).toBeGreaterThanOrEqual(2 + 2 * 2);
    for (const p of paths) expect(p.startsWith(version === 'v1' ? '/_apis/artifactcache/' : '/twirp/')).toBe(true);
    const scopes = service
      .entries()
      .map((e) => e.key)
      .filter((k) => k.startsWith('index-'));
    expect(scopes.some((k) => k.includes('-linux-amd64'))).toBe(true);
    expect(scopes.some((k) => k.includes('-linux-arm64'))).toBe(true);
    // The assembling leg's summary names both platforms, their digests and their legs.
    const summary = assembled[0]?.summary ?? '';
    expect(summary).toContain(pushedBy(amd64));
    expect(summary).toContain(pushedBy(arm64));
    expect(summary).toContain('runner-amd64');
    expect(summary).toContain('runner-arm64');
    // This machine is amd64: the arm64 leg ran under QEMU, and its record says so.
    expect(summary).toContain('Emulated under QEMU: linux/arm64.');
    expect(JSON.parse(assembled[0]?.outputs.digests ?? '{}')).toEqual({
      'linux/amd64': index.manifests.find((d) => platformName(d) === 'linux/amd64')?.digest,
      'linux/arm64': index.manifests.find((d) => platformName(d) === 'linux/arm64')?.digest,
    });
    // A non-assembling leg (if the two did not finish together) outputs its own push.
    for (const r of [amd64, arm64].filter((x) => !assembled.includes(x))) expect(r.outputs.digest).toBe(pushedBy(r));
    // Reported, not held to the budget: here the other leg's build and clean-up share the two
    // cores with this assembly, which on real runners (one leg per machine) never happens.
    for (const r of assembled) process.stdout.write(`fan-out: assembling took ${String(assemblySeconds(r))} s on the concurrent leg\n`);
  });

  for (const order of (
    [
      ['auto', 'linux/arm64'],
      ['linux/arm64', 'auto'],
    ] as const
  ).slice(0, version === 'v2' ? 2 : 1)) {
    it(`legs one after the other (${order.join(' then ')}): the first tags nothing, the second assembles`, async () => {
      const run = `8${Date.now() % 1_000_000}${order[0] === 'auto' ? 1 : 2}`;
      const tags = [`${repo(`seq-${order[0] === 'auto' ? 'amd' : 'arm'}`)}:v1`];
      const first = await leg(order[0], { run, tags });
      expectSuccess(first);
      expect(await tagsOf(tags[0] ?? '')).toEqual([]);
      expect(first.outputs.digest).toBe(pushedBy(first));
      expect(first.summary).toContain('another leg will finish the image');
      // It tagged nothing, and its summary lists no tag.
      expect(first.summary).not.toContain(tags[0] ?? '?');

      const second = await leg(order[1], { run, tags });
      expectSuccess(second);
      const index = await served(tags[0] ?? '');
      expect(second.outputs.digest).toBe(index.digest);
      expect(index.platforms.sort()).toEqual(['linux/amd64', 'linux/arm64']);
      const pushed = [...(await manifestsOf(repoOf(tags[0]), pushedBy(first))), ...(await manifestsOf(repoOf(tags[0]), pushedBy(second)))];
      expect(index.manifests.map((d) => d.digest).sort()).toEqual(pushed.map((d) => d.digest).sort());
      expect(await tagsOf(tags[0] ?? '')).toEqual(['v1']);
      const seconds = assemblySeconds(second);
      process.stdout.write(
        `fan-out: assembling took ${String(seconds)} s on the last leg; recording took ${String(/for run \S+ \(in ([\d.]+) s\)/.exec(second.stdout)?.[1])} s\n`,
      );
      // About 1 s on an idle machine; the bound catches a retry loop or a stalled read, not load.
      expect(seconds).toBeLessThanOrEqual(10);
    });
  }

  it('a failed leg leaves no tag; re-running only it (next attempt) completes the image; another run is not mixed in; two merges at once reassemble the same index', async () => {
    const run = `7${Date.now() % 1_000_000}`;
    const tags = [`${repo('retry')}:v1`];
    const amd64 = await leg('auto', { run, tags });
    expectSuccess(amd64);
    const failed = await leg('linux/arm64', { run, tags, inputs: { target: 'no-such-stage' } });
    expect(failed.mainExitCode).toBe(1);
    expect(await tagsOf(tags[0] ?? '')).toEqual([]);
    expect(legRecords(run)).toHaveLength(1);

    // Before the arm64 leg succeeds, merge has nothing complete to assemble.
    const early = await leg('merge', { run, tags });
    expect(early.mainExitCode).toBe(1);
    expect(await tagsOf(tags[0] ?? '')).toEqual([]);

    const rerun = await leg('linux/arm64', { run, tags, attempt: '2' });
    expectSuccess(rerun);
    const index = await served(tags[0] ?? '');
    expect(rerun.outputs.digest).toBe(index.digest);
    const pushed = [...(await manifestsOf(repoOf(tags[0]), pushedBy(amd64))), ...(await manifestsOf(repoOf(tags[0]), pushedBy(rerun)))];
    expect(index.manifests.map((d) => d.digest).sort()).toEqual(pushed.map((d) => d.digest).sort());

    // Another run with the same tags: its arm64 leg alone does not complete the image.
    const other = await leg('linux/arm64', { run: `${run}0`, tags, inputs: { 'build-args': `GREETING=other-${nonce}` } });
    expectSuccess(other);
    expect(other.outputs.digest).toBe(pushedBy(other));
    expect((await served(tags[0] ?? '')).digest).toBe(index.digest);

    // Explicit merge jobs after the legs, two at once (as two legs finishing together would
    // assemble): they build nothing and both push the very same index.
    const [merge, again] = await Promise.all([leg('merge', { run, tags }), leg('merge', { run, tags })]);
    expectSuccess(merge);
    expectSuccess(again);
    expect(buildxArgsOf(merge)).toBeUndefined();
    expect(buildxArgsOf(again)).toBeUndefined();
    expect(merge.outputs.digest).toBe(index.digest);
    expect(again.outputs.digest).toBe(index.digest);
    expect((await served(tags[0] ?? '')).digest).toBe(index.digest);
    expect(merge.summary).toContain(pushedBy(amd64));
    expect(merge.summary).toContain(pushedBy(rerun));
    expect(await tagsOf(tags[0] ?? '')).toEqual(['v1']);
  });

  onV2Only('legs and a merge job on a registry that needs a login: each logs in itself, the merge job included', async () => {
    const run = `7${Date.now() % 1_000_000}1`;
    const repository = `localhost:5001/kiln-e2e/fan-out-login-${runTag}`;
    const tags = [`${repository}:v1`];
    const login = { registry: 'localhost:5001', username: 'kiln', password: 'kiln-secret-pw' };
    const first = await leg('auto', { run, tags, inputs: login });
    expectSuccess(first);
    const second = await leg('linux/arm64', { run, tags, inputs: login });
    expectSuccess(second);
    // A merge job of its own (as for legs whose runners cannot tag) logs in and re-assembles
    // the same index; without the login the registry refuses its push.
    const merge = await leg('merge', { run, tags, inputs: login, env: { DOCKER_BUILD_SUMMARY: 'false' } });
    expectSuccess(merge);
    // DOCKER_BUILD_SUMMARY=false holds for the fan-out summary too.
    expect(second.summary).toContain('assembled the index');
    expect(merge.summary).toBe('');
    const basic = Buffer.from(`${login.username}:${login.password}`).toString('base64');
    const res = await fetch(`http://127.0.0.1:5001/v2/kiln-e2e/fan-out-login-${runTag}/manifests/v1`, {
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/vnd.oci.image.index.v1+json' },
    });
    expect(res.status).toBe(200);
    const index = JSON.parse(await res.text()) as { manifests: Descriptor[] };
    expect(
      index.manifests
        .filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
        .map(platformName)
        .sort(),
    ).toEqual(['linux/amd64', 'linux/arm64']);
    expect(merge.outputs.digest).toBe(res.headers.get('docker-content-digest'));
    expect(second.outputs.digest).toBe(merge.outputs.digest);
    for (const r of [first, second, merge]) {
      expect(r.leftInRunnerTemp).toEqual([]);
      const shown = [...r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')), r.stderr, r.postStdout, r.summary, JSON.stringify(r.outputs)].join(
        '\n',
      );
      expect(shown).not.toContain(login.password);
    }
  });

  onV2Only('push: false (a pull request run of the same matrix): both legs build their platforms, nothing is pushed, loaded or recorded', async () => {
    const run = `6${Date.now() % 1_000_000}1`;
    const tags = [`${repo('pr')}:v1`];
    // No driver-opts: nothing is pushed by digest, so the engine's own builder does the build.
    const pr = { push: 'false', 'driver-opts': '' };
    const [amd64, arm64] = await Promise.all([leg('auto', { run, tags, inputs: pr }), leg('linux/arm64', { run, tags, inputs: pr })]);
    expectSuccess(amd64);
    expectSuccess(arm64);
    for (const [r, platform] of [
      [amd64, 'linux/amd64'],
      [arm64, 'linux/arm64'],
    ] as const) {
      expect(r.leftInRunnerTemp).toEqual([]);
      expect(decisionsOf(r).builder).toMatchObject({ driver: 'docker', action: 'use' });
      // Each leg built its own platform, and only it.
      expect(r.stdout).toMatch(new RegExp(`\\[command\\][^\\n]*buildx build[^\\n]*--output type=cacheonly[^\\n]*--platform ${platform} `));
      expect(r.summary).toContain(`This leg built \`${platform}\` of \`linux/amd64\`, \`linux/arm64\` as a validation build (\`push: false\`)`);
      expect(r.outputs.digest).toBe('');
    }
    // The registry holds nothing of this image, the engine's store neither, and no leg wrote or read a record.
    expect(await tagsOf(tags[0] ?? '')).toEqual([]);
    expect((await fetch(`http://${REGISTRY}/v2/${splitRef(tags[0] ?? '').repo}/manifests/v1`)).status).toBe(404);
    expect(docker('images', '-q', repoOf(tags[0]))).toBe('');
    expect(legRecords(run)).toEqual([]);
    expect(recordRequests(run)).toEqual([]);
    // A merge job of the same run assembles nothing, and says so.
    const merge = await leg('merge', { run, tags, inputs: pr });
    expectSuccess(merge);
    expect(merge.summary).toContain('the legs were validation builds');
    expect(await tagsOf(tags[0] ?? '')).toEqual([]);
  });

  onV2Only('rejects bad fan-out before anything runs', async () => {
    const tags = [`${repo('bad')}:v1`];
    const env = serviceEnv();
    expectRejectedBeforeRunning(
      await kiln({ context: 'basic', platforms: PLATFORMS, 'fan-out': 'linux/s390x', push: 'true', tags: tags.join('\n') }, { env }),
      'fan-out',
      'not one of `platforms`',
    );
    expectRejectedBeforeRunning(
      await kiln({ context: 'basic', platforms: PLATFORMS, 'fan-out': 'auto', load: 'true', tags: tags.join('\n') }, { env }),
      'fan-out',
      'cannot `load`',
    );
    // This engine is amd64: auto finds nothing to build among arm64 and riscv64.
    expectRejectedBeforeRunning(
      await kiln({ context: 'basic', platforms: 'linux/arm64,linux/riscv64', 'fan-out': 'auto', push: 'true', tags: tags.join('\n') }, { env }),
      'fan-out',
      'none of `platforms`',
    );
  });
});
