import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { startClassicEngine } from './support/classic-engine.js';
import {
  buildxArgs,
  buildxArgsOf,
  decisionsOf,
  errorsOf,
  expectRejectedBeforeRunning,
  expectSuccess,
  fixtures,
  image,
  kiln,
  valuesOf,
} from './support/kiln.js';
import { docker as dockerAsync } from './support/docker.js';
import { teardown } from './support/teardown.js';
import { addBusybox, MACHINE_DOCKERFILE, scratchContext } from './support/scratch-context.js';
import { fileInImage, getManifest, platformName } from './support/registry.js';

jest.setTimeout(240_000);

// Builders Kiln creates, seen from buildx itself: `docker buildx ls` names builders at the
// start of a line (nodes are indented), so Kiln's leftovers are lines starting with `kiln-`.
function kilnBuilders(env: NodeJS.ProcessEnv = process.env): string[] {
  const ls = execFileSync('docker', ['buildx', 'ls'], { encoding: 'utf8', env });
  return ls
    .split('\n')
    .filter((l) => /^kiln-/.test(l))
    .map((l) => l.split(/\s+/)[0] ?? '');
}

const nonce = Date.now().toString(36);

/**
 * Builds fixtures/buildkit-double, with the static busybox it runs on, as `tag` on the engine
 * `env` names (no registry needed); `addr` is baked in as KILN_BUILDKIT_ADDR.
 */
function buildBuildkitDouble(tag: string, env: NodeJS.ProcessEnv = process.env, addr = ''): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bk-double-'));
  try {
    cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
    addBusybox(dir);
    execFileSync('docker', ['build', '-q', '--build-arg', `KILN_BUILDKIT_ADDR=${addr}`, '-t', tag, dir], { env, stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MAIN_SCOPE = { scope: 'refs/heads/main', permission: 3 as const };
const imagesOf = async (tag: string) =>
  (await getManifest(tag)).manifest.manifests
    ?.filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map(platformName)
    .sort();

describe('driver: auto', () => {
  it('reuses the engine’s own builder for a multi-platform push when the containerd store is there', async () => {
    const tag = image('auto-reuse');
    const before = kilnBuilders();
    const result = await kiln({ context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: tag });
    expectSuccess(result);
    expect(result.outputs.builder).toBe('default');
    expect(decisionsOf(result).builder).toMatchObject({
      action: 'use',
      name: 'default',
      driver: 'docker',
      created: false,
      engineStore: 'containerd',
      because: 'containerd-store',
    });
    expect(decisionsOf(result).builder.demands).toContain('several-platforms');
    expect(await imagesOf(tag)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(kilnBuilders()).toEqual(before);
  });

  describe('on an engine with the classic image store', () => {
    let classic: Awaited<ReturnType<typeof startClassicEngine>>;
    let service: CacheService;
    // The classic engine has its own network namespace: its build takes everything from the context.
    let scratch: string;
    beforeAll(async () => {
      classic = await startClassicEngine();
      service = await startCacheService();
      scratch = scratchContext(`FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox echo ${nonce} > /built"]\n`);
    });
    afterAll(() =>
      teardown(
        { name: 'the classic-store engine', run: () => classic.stop() },
        { name: 'the cache service', run: () => service.close() },
        {
          name: scratch,
          run: () => {
            rmSync(scratch, { recursive: true, force: true });
          },
        },
      ),
    );
    const onClassic = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
      kiln({ context: scratch, ...inputs }, { env: { DOCKER_HOST: classic.host, ...env } });
    const mainPush = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' };

    it('builds one platform with the engine’s own BuildKit, without the default provenance it cannot attach', async () => {
      const result = await onClassic({});
      expectSuccess(result);
      expect(decisionsOf(result).builder).toMatchObject({
        action: 'use',
        name: 'default',
        driver: 'docker',
        created: false,
        engineStore: 'classic',
        because: 'classic-store-can',
      });
      const args = buildxArgs(result);
      expect(valuesOf(args, '--provenance')).toEqual([]);
      expect(valuesOf(args, '--attest')).toEqual([]);
      const id = result.outputs.imageid ?? '';
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(
        execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', id], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: classic.host } }).trim(),
      ).toBe(id);

      // What the default avoids: asked for provenance, this builder refuses the build.
      const asked = await onClassic({ provenance: 'mode=min' });
      expect(asked.mainExitCode).toBe(1);
      expect(valuesOf(buildxArgs(asked), '--provenance')).toEqual([expect.stringMatching(/^mode=min(,|$)/)]);
      expect(errorsOf(asked).map((e) => e.message)).toContainEqual(expect.stringContaining('Attestation is not supported for the docker driver'));
    });

    it('wants a builder that can export the cache it plans, and says so when that builder cannot start', async () => {
      const result = await onClassic({}, { ...service.env([MAIN_SCOPE]), ...mainPush });
      expect(result.mainExitCode).toBe(1);
      const [error] = errorsOf(result);
      expect(error?.message).toMatch(
        /Could not start the docker-container builder kiln-\S+ \(created because the engine's classic image store cannot do cache export\)/,
      );
      expect(buildxArgsOf(result)).toBeUndefined();
      expect(kilnBuilders({ ...process.env, DOCKER_HOST: classic.host })).toEqual([]);
    });

    it('with `driver: docker` it reads the cache it cannot write, and the build succeeds with a warning', async () => {
      const result = await onClassic({ driver: 'docker' }, { ...service.env([MAIN_SCOPE]), ...mainPush });
      expectSuccess(result);
      const args = buildxArgs(result);
      expect(valuesOf(args, '--cache-from')).toEqual([expect.stringMatching(/^type=gha,/)]);
      expect(valuesOf(args, '--cache-to')).toEqual([]);
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
      expect(warnings).toContainEqual(
        expect.stringContaining(
          'This builder (the docker driver on an engine with the classic image store) cannot export cache: the build reads the gha cache but writes nothing',
        ),
      );
      expect(service.entries()).toEqual([]);
    });

    describe('with moby/buildkit there (a stand-in, built on that engine)', () => {
      let proxy: ChildProcessByStdio<null, Readable, null>;
      const env = () => ({ ...process.env, DOCKER_HOST: classic.host });
      beforeAll(async () => {
        // The stand-in's BuildKit is this engine's own, served where its containers reach it: on
        // its bridge's gateway, inside its network namespace.
        const gateway = execFileSync('docker', ['network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}'], {
          encoding: 'utf8',
          env: env(),
        }).trim();
        proxy = spawn(
          'nsenter',
          [`--net=${classic.netns}`, process.execPath, path.join(fixtures, '..', 'support', 'engine-grpc.mjs'), gateway, classic.socket],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        const [line] = (await once(proxy.stdout, 'data')) as [Buffer];
        const addr = /^listening (\S+)/.exec(line.toString())?.[1] ?? '';
        // What buildx creates when no image is given: it cannot be pulled here, so buildx takes the engine's own copy.
        buildBuildkitDouble('moby/buildkit:buildx-stable-1', env(), addr);
      });
      afterAll(() =>
        teardown(
          { name: 'the BuildKit proxy', run: () => proxy.kill() },
          {
            name: 'the moby/buildkit stand-in',
            run: async () => {
              const rm = await dockerAsync(['image', 'rm', '-f', 'moby/buildkit:buildx-stable-1'], { env: { DOCKER_HOST: classic.host }, timeoutMs: 60_000 });
              if (rm.code !== 0) throw new Error(rm.output);
            },
          },
        ),
      );

      it('creates a docker-container builder for several platforms, builds both on it (arm64 emulated), and the post step removes it', async () => {
        const context = scratchContext(MACHINE_DOCKERFILE, ['amd64', 'arm64']);
        const out = path.join(context, 'out');
        try {
          const result = await onClassic({ context, platforms: 'linux/amd64,linux/arm64', outputs: `type=local,dest=${out}` });
          expectSuccess(result);
          const name = result.outputs.builder ?? '';
          expect(decisionsOf(result).builder).toMatchObject({
            action: 'create',
            name,
            driver: 'docker-container',
            created: true,
            engineStore: 'classic',
            because: 'classic-store-cannot',
            demands: ['several-platforms'],
          });
          expect(decisionsOf(result).builder.nodes.map((n) => n.name)).toEqual([`${name}0`]);
          expect(readFileSync(path.join(out, 'linux_amd64', 'machine'), 'utf8')).toBe('x86_64\n');
          expect(readFileSync(path.join(out, 'linux_arm64', 'machine'), 'utf8')).toBe('aarch64\n');
          expect(result.postStdout).toContain(`Removed builder ${name}`);
          expect(execFileSync('docker', ['ps', '-aq'], { encoding: 'utf8', env: env() }).trim()).toBe('');
          expect(execFileSync('docker', ['volume', 'ls', '-q'], { encoding: 'utf8', env: env() }).trim()).toBe('');
        } finally {
          rmSync(context, { recursive: true, force: true });
        }
      });

      it('gives a created single-platform builder default-load, as the engine’s own builder loads what it builds', async () => {
        // driver-opts call for a builder of its own. The stand-in's BuildKit, the engine's
        // embedded one, has no docker exporter to load with (nor a gha cache exporter): the
        // build names an output, and the kept builder's options are read instead.
        const result = await onClassic({ 'driver-opts': 'env.KILN_NOTE=default-load', cache: 'none', outputs: 'type=cacheonly', cleanup: 'false' });
        const name = result.outputs.builder ?? '';
        try {
          expectSuccess(result);
          expect(decisionsOf(result).builder).toMatchObject({
            action: 'create',
            name,
            driver: 'docker-container',
            created: true,
            because: 'shaping-inputs',
            shaping: ['driver-opts'],
            addedDriverOpts: ['default-load=true'],
          });
          const inspect = await dockerAsync(['buildx', 'inspect', name], { env: { DOCKER_HOST: classic.host } });
          expect(inspect.output).toMatch(/^Driver Options:.*default-load="true"/m);
        } finally {
          if (name) await dockerAsync(['buildx', 'rm', name], { env: { DOCKER_HOST: classic.host } });
        }
      });
    });

    it('decides to create a docker-container builder for several platforms, and fails clearly when its image cannot be pulled', async () => {
      // The classic engine lives in a network namespace of its own: moby/buildkit cannot be pulled.
      const env = { ...process.env, DOCKER_HOST: classic.host };
      const result = await kiln(
        { context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: image('auto-classic') },
        { env: { DOCKER_HOST: classic.host } },
      );
      expect(result.mainExitCode).toBe(1);
      expect(result.postExitCode).toBe(0);
      const [error] = errorsOf(result);
      expect(error?.message).toMatch(
        /Could not start the docker-container builder kiln-\S+ \(created because the engine's classic image store cannot do several platforms \(linux\/amd64,linux\/arm64\), cache export\): .+\. Fix: the BuildKit image could not be pulled/,
      );
      expect(buildxArgsOf(result)).toBeUndefined();
      expect(kilnBuilders(env)).toEqual([]);
      expect(execFileSync('docker', ['ps', '-aq'], { encoding: 'utf8', env }).trim()).toBe('');
    });
  });
});

describe('driver: docker-container', () => {
  // moby/buildkit is on Docker Hub; fixtures/buildkit-double stands in for it: a container that
  // buildx creates, bootstraps and execs into like the real one, whose `buildctl dial-stdio`
  // reaches the engine's own BuildKit, served on the bridge's gateway for containers to reach.
  const doubleImage = 'localhost:5000/kiln/buildkit-double:latest';
  let buildkit: BuildkitEndpoint;
  const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
  const containerOf = (builder: string) => docker('ps', '-aq', '--filter', `name=^buildx_buildkit_${builder}0$`);
  const volumeOf = (builder: string) => docker('volume', 'ls', '-q', '--filter', `name=^buildx_buildkit_${builder}0_state$`);
  beforeAll(async () => {
    buildBuildkitDouble(doubleImage);
    docker('push', '-q', doubleImage);
    buildkit = await startBuildkitEndpoint({ kind: 'tcp', host: docker('network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}') });
  });
  afterAll(() => teardown({ name: 'the BuildKit endpoint', run: () => buildkit.close() }));
  const driverOpts = () => `image=${doubleImage}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`;

  it('creates a builder container from the given image, builds both platforms on it, and the post step removes container and volume', async () => {
    const tag = image('container');
    const connectionsBefore = buildkit.connections();
    const result = await kiln({
      context: 'basic',
      driver: 'docker-container',
      'driver-opts': driverOpts(),
      'buildkitd-flags': '--allow-insecure-entitlement network.host',
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      tags: tag,
      'build-args': `GREETING=container-${nonce}`,
    });
    expectSuccess(result);
    const name = result.outputs.builder ?? '';
    expect(name).toMatch(/^kiln-[a-z0-9-]+$/);
    const { builder } = decisionsOf(result);
    expect(builder).toMatchObject({ action: 'create', name, driver: 'docker-container', created: true });
    expect(builder.nodes.find((n) => n.name === `${name}0`)?.platforms).toContain('linux/arm64');
    expect(result.stdout).toContain(`[command]docker buildx build --builder ${name} `);
    // The registry (and the base image) are on the runner's loopback: the builder gets the host's
    // network (its container's network mode: 'leaves the builder in place' below), and the push
    // to localhost:5000 below is what it reached there.
    expect(builder).toMatchObject({ addedDriverOpts: ['network=host'], loopback: ['localhost:5000'] });
    expect(buildkit.connections()).toBeGreaterThan(connectionsBefore);
    expect(await imagesOf(tag)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(await fileInImage(tag, 'linux/arm64', 'greeting.txt')).toBe(`container-${nonce} from aarch64 for arm64\n`);
    expect(result.outputs.digest).toBe((await getManifest(tag)).digest);
    expect(result.postStdout).toContain(`Removed builder ${name}`);
    expect(kilnBuilders()).not.toContain(name);
    expect(containerOf(name)).toBe('');
    expect(volumeOf(name)).toBe('');
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('is removed by the post step after a failed build too', async () => {
    const result = await kiln({ context: 'failing', driver: 'docker-container', 'driver-opts': driverOpts(), outputs: 'type=cacheonly' });
    expect(result.mainExitCode).toBe(1);
    expect(result.postExitCode).toBe(0);
    const name = result.outputs.builder ?? /Builder: created (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(name).toMatch(/^kiln-/);
    expect(result.stdout).toContain(`[command]docker buildx build --builder ${name} `);
    expect(result.postStdout).toContain(`Removed builder ${name}`);
    expect(kilnBuilders()).not.toContain(name);
    expect(containerOf(name)).toBe('');
    expect(volumeOf(name)).toBe('');
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('keeps the state volume and removes the container with keep-state', async () => {
    const result = await kiln({
      context: 'basic',
      driver: 'docker-container',
      'driver-opts': `${driverOpts()}\nnetwork=bridge`,
      'keep-state': 'true',
      outputs: 'type=cacheonly',
    });
    expectSuccess(result);
    const name = result.outputs.builder ?? '';
    try {
      // driver-opts chose the network: Kiln leaves it alone.
      expect(decisionsOf(result).builder).toMatchObject({ action: 'create', name, because: 'driver-input', addedDriverOpts: [] });
      expect(result.postStdout).toContain(`Removed builder ${name}`);
      expect(containerOf(name)).toBe('');
      expect(volumeOf(name)).toBe(`buildx_buildkit_${name}0_state`);
    } finally {
      if (volumeOf(name)) docker('volume', 'rm', `buildx_buildkit_${name}0_state`);
    }
  });

  it('leaves the builder in place with cleanup: false', async () => {
    const result = await kiln({ context: 'basic', driver: 'docker-container', 'driver-opts': driverOpts(), cleanup: 'false', outputs: 'type=cacheonly' });
    expectSuccess(result);
    const name = result.outputs.builder ?? '';
    try {
      // Asynchronously: the builder answers `buildx ls` through the proxy in this process.
      expect((await dockerAsync(['buildx', 'ls'])).output).toMatch(new RegExp(`^${name} `, 'm'));
      expect(containerOf(name)).not.toBe('');
      expect(docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', `buildx_buildkit_${name}0`)).toBe('host');
    } finally {
      expect((await dockerAsync(['buildx', 'rm', name])).code).toBe(0);
    }
  });

  it('fails before the build with the cause and the fix when its image cannot be pulled, leaving nothing behind', async () => {
    const result = await kiln({
      context: 'basic',
      driver: 'docker-container',
      'driver-opts': 'image=localhost:5000/kiln/no-such-buildkit:1',
      load: 'true',
    });
    expect(result.mainExitCode).toBe(1);
    const [error] = errorsOf(result);
    expect(error?.message).toContain('Could not start the docker-container builder');
    expect(error?.message).toContain('localhost:5000/kiln/no-such-buildkit');
    expect(error?.message).toContain('Fix: the BuildKit image could not be pulled');
    expect(buildxArgsOf(result)).toBeUndefined();
    expect(kilnBuilders()).toEqual([]);
    expect(execFileSync('docker', ['ps', '-a', '--filter', 'name=buildx_buildkit_kiln', '-q'], { encoding: 'utf8' }).trim()).toBe('');
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('driver: remote (a real BuildKit endpoint)', () => {
  const endpoints: BuildkitEndpoint[] = [];
  const start = async (kind: 'unix' | 'tcp' | 'tls') => {
    const endpoint = await startBuildkitEndpoint({ kind });
    endpoints.push(endpoint);
    return endpoint;
  };
  afterAll(() => teardown(...endpoints.map((e) => ({ name: `the BuildKit endpoint ${e.endpoint}`, run: () => e.close() }))));

  /** A created builder: used for the build, named per step, removed by the post step. */
  function expectCreatedAndRemoved(result: RunResult): string {
    expectSuccess(result);
    const name = result.outputs.builder ?? '';
    expect(name).toMatch(/^kiln-[a-z0-9-]+$/);
    const { builder } = decisionsOf(result);
    expect(builder).toMatchObject({ action: 'create', name, driver: 'remote', created: true });
    expect(builder.nodes.find((n) => n.name === `${name}0`)?.platforms).toContain('linux/arm64');
    expect(result.stdout).toContain(`[command]docker buildx build --builder ${name} `);
    expect(result.postStdout).toContain(`Removed builder ${name}`);
    expect(kilnBuilders()).not.toContain(name);
    return name;
  }

  it('creates, bootstraps and uses a builder on the endpoint, and the post step removes it', async () => {
    const endpoint = await start('unix');
    const tag = image('remote-unix');
    const result = await kiln({
      context: 'basic',
      driver: 'remote',
      endpoint: endpoint.endpoint,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      tags: tag,
      'build-args': `GREETING=remote-${nonce}`,
    });
    expectCreatedAndRemoved(result);
    expect(endpoint.connections()).toBeGreaterThan(0);
    expect(await fileInImage(tag, 'linux/arm64', 'greeting.txt')).toBe(`remote-${nonce} from aarch64 for arm64\n`);
    expect(result.outputs.digest).toBe((await getManifest(tag)).digest);
    // The remote builder emulates on its own host: nothing is installed on the runner for it.
    expect(result.outputs['qemu-platforms']).toBe('');
  });

  it('takes client TLS certificates from BUILDER_NODE_0_AUTH_TLS_*, as setup-buildx-action does', async () => {
    const endpoint = await start('tls');
    const tls = endpoint.tls ?? { cacert: '', cert: '', key: '' };
    const result = await kiln(
      { context: 'basic', driver: 'remote', endpoint: endpoint.endpoint, push: 'true', tags: image('remote-tls') },
      {
        env: {
          BUILDER_NODE_0_AUTH_TLS_CACERT: readFileSync(tls.cacert, 'utf8'),
          BUILDER_NODE_0_AUTH_TLS_CERT: readFileSync(tls.cert, 'utf8'),
          BUILDER_NODE_0_AUTH_TLS_KEY: readFileSync(tls.key, 'utf8'),
        },
      },
    );
    expectCreatedAndRemoved(result);
    expect(endpoint.connections()).toBeGreaterThan(0);
    expect(endpoint.rejected()).toBe(0);
    // The key went to a 0600 file in Kiln's temp dir, which the post step removed.
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('gives two steps of one job two builders, and each post step removes its own', async () => {
    const endpoint = await start('tcp');
    const step = (n: number) =>
      kiln(
        { context: 'basic', driver: 'remote', endpoint: endpoint.endpoint, outputs: 'type=cacheonly', 'build-args': `GREETING=step${n}-${nonce}` },
        { env: { GITHUB_JOB: 'build', GITHUB_RUN_ID: '77' } },
      );
    const [one, two] = await Promise.all([step(1), step(2)]);
    const names = [expectCreatedAndRemoved(one), expectCreatedAndRemoved(two)];
    expect(names[0]).not.toBe(names[1]);
    expect(names.every((n) => n.startsWith('kiln-build-'))).toBe(true);
  });

  describe('with an appended node', () => {
    // Two real BuildKit daemons: the main engine's, and a second engine's (in a network namespace
    // of its own, so the build takes everything from its context and exports files).
    let second: Awaited<ReturnType<typeof startClassicEngine>>;
    let context: string;
    beforeAll(async () => {
      second = await startClassicEngine();
      context = scratchContext(MACHINE_DOCKERFILE, ['amd64', 'arm64']);
    });
    afterAll(() =>
      teardown(
        { name: 'the second engine', run: () => second.stop() },
        {
          name: context,
          run: () => {
            rmSync(context, { recursive: true, force: true });
          },
        },
      ),
    );
    const secondEngineBuildCache = () =>
      execFileSync('docker', ['system', 'df', '--format', '{{if eq .Type "Build Cache"}}{{.TotalCount}}{{end}}'], {
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: second.host },
      }).trim();

    it('sends the platforms it claims to it, and the runner emulates nothing for them', async () => {
      const build = async (platforms: string, dest: string) => {
        const first = await start('unix');
        const arm64 = await startBuildkitEndpoint({ kind: 'unix', engineSocket: second.socket });
        endpoints.push(arm64);
        const result = await kiln({
          context,
          driver: 'remote',
          endpoint: first.endpoint,
          append: `- name: arm64-node\n  endpoint: ${arm64.endpoint}\n  platforms: linux/arm64\n`,
          platforms,
          outputs: `type=local,dest=${dest}`,
        });
        expectSuccess(result);
        return result;
      };

      // Control: linux/amd64 alone stays on the first node; the second engine builds nothing.
      await build('linux/amd64', path.join(context, 'out-control'));
      expect(secondEngineBuildCache()).toBe('0');

      const out = path.join(context, 'out');
      const result = await build('linux/amd64,linux/arm64', out);
      expect(decisionsOf(result).builder.nodes.find((n) => n.name === 'arm64-node')?.platforms).toContain('linux/arm64');
      expect(readFileSync(path.join(out, 'linux_amd64', 'machine'), 'utf8')).toBe('x86_64\n');
      expect(readFileSync(path.join(out, 'linux_arm64', 'machine'), 'utf8')).toBe('aarch64\n');
      // The arm64 half ran on the second engine: its build cache is no longer empty.
      expect(Number(secondEngineBuildCache())).toBeGreaterThan(0);
      // The arm64 node declares linux/arm64 as its own: nothing is emulated on the runner.
      expect(result.outputs['qemu-platforms']).toBe('');
      expect(decisionsOf(result).qemu).toMatchObject({ emulated: [], install: [] });
      expect(kilnBuilders()).toEqual([]);
    });
  });

  it('fails with the cause and the fix when the endpoint does not answer', async () => {
    const result = await kiln({ context: 'basic', driver: 'remote', endpoint: 'tcp://127.0.0.1:9', load: 'true' });
    expect(result.mainExitCode).toBe(1);
    const [error] = errorsOf(result);
    expect(error?.message).toMatch(
      /Could not start the remote builder kiln-\S+ \(created because `driver: remote` asks for one\): .+\. Fix: check that buildkitd listens at tcp:\/\/127\.0\.0\.1:9/,
    );
    expect(kilnBuilders()).toEqual([]);
  });
});

describe('builder inputs that are wrong fail before anything runs', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['bad append YAML', { driver: 'remote', endpoint: 'tcp://127.0.0.1:9', append: '- endpoint: [unclosed' }, 'append', 'not valid YAML'],
    [
      'an append node without endpoint',
      { driver: 'remote', endpoint: 'tcp://127.0.0.1:9', append: '- platforms: linux/arm64' },
      'append',
      'every node needs an endpoint',
    ],
    [
      'a TLS file that does not exist',
      { driver: 'remote', endpoint: 'tcp://127.0.0.1:9', 'driver-opts': 'cacert=/nonexistent/ca.pem' },
      'driver-opts',
      'does not exist',
    ],
    ['the remote driver without endpoint', { driver: 'remote' }, 'endpoint', 'needs the BuildKit daemon'],
    ['an unknown driver', { driver: 'docker-contianer' }, 'driver', 'docker-container'],
  ])('%s', async (_name, inputs, input, says) => {
    expectRejectedBeforeRunning(await kiln({ context: 'basic', ...inputs }), input, says);
    expect(kilnBuilders()).toEqual([]);
  });
});
