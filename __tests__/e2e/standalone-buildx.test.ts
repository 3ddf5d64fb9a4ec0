import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { errorsOf, expectSuccess, image, kiln } from './support/kiln.js';
import { fileInImage, getManifest, platformName } from './support/registry.js';

jest.setTimeout(240_000);

// A runner as setup-buildx-action's standalone mode leaves it: a `buildx` binary on PATH, node
// and the basic tools, and no docker CLI anywhere on PATH.
const PLUGIN = '/usr/libexec/docker/cli-plugins/docker-buildx';
const TOOLS = ['sh', 'bash', 'cat', 'ls', 'rm', 'mkdir', 'tar', 'gzip', 'zstd', 'git', 'env', 'uname'];
const nonce = Date.now().toString(36);
let bin: string;
let hidden: Record<string, string>;

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, name);
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

beforeAll(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'kiln-standalone-'));
  symlinkSync(PLUGIN, path.join(bin, 'buildx'));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  for (const tool of TOOLS) {
    const file = which(tool);
    if (file) symlinkSync(file, path.join(bin, tool));
  }
  hidden = { PATH: bin };
});
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

/** Builders buildx knows (the machine's full PATH), by name. */
function builders(): string[] {
  return execFileSync('docker', ['buildx', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('standalone buildx, no docker CLI on PATH', () => {
  it('the test runner really hides docker and really offers buildx', () => {
    const docker = spawnSync('docker', ['version'], { env: { ...process.env, ...hidden } });
    expect((docker.error as NodeJS.ErrnoException).code).toBe('ENOENT');
    const buildx = spawnSync('buildx', ['version'], { env: { ...process.env, ...hidden }, encoding: 'utf8' });
    expect(buildx.stdout).toMatch(/github\.com\/docker\/buildx/);
  });

  it('builds two platforms with the engine’s own builder and pushes them: the registry serves the digest Kiln reports', async () => {
    const tag = image('standalone-default');
    const result = await kiln(
      { context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: tag, 'build-args': `GREETING=standalone-${nonce}` },
      { env: hidden },
    );
    expectSuccess(result);
    expect(result.stdout).toMatch(/^\[command\]buildx build /m);
    expect(result.stdout).not.toMatch(/ENOENT/);
    const served = await getManifest(tag);
    expect(result.outputs.digest).toBe(served.digest);
    expect(
      served.manifest.manifests
        ?.filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
        .map(platformName)
        .sort(),
    ).toEqual(['linux/amd64', 'linux/arm64']);
    expect(await fileInImage(tag, 'linux/arm64', 'greeting.txt')).toBe(`standalone-${nonce} from aarch64 for arm64\n`);
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  describe('with a remote BuildKit and no reachable engine at all', () => {
    let endpoint: BuildkitEndpoint;
    beforeAll(async () => {
      endpoint = await startBuildkitEndpoint({ kind: 'unix' });
    });
    afterAll(async () => {
      await endpoint.close();
    });
    // The endpoint is the engine's BuildKit behind a proxy; the step itself is told of no engine.
    const noEngine = () => ({ ...hidden, DOCKER_HOST: `unix://${path.join(bin, 'no-engine.sock')}` });

    it('creates a remote builder with buildx alone, builds and pushes, and the post step removes the builder', async () => {
      const tag = image('standalone-remote');
      const result = await kiln(
        { context: 'basic', driver: 'remote', endpoint: endpoint.endpoint, push: 'true', tags: tag, 'build-args': `GREETING=remote-${nonce}` },
        { env: noEngine() },
      );
      expectSuccess(result);
      const name = result.outputs.builder ?? '';
      expect(name).toMatch(/^kiln-[a-z0-9-]+$/);
      expect(result.stdout).toContain(`[command]buildx build --builder ${name} `);
      expect(endpoint.connections()).toBeGreaterThan(0);
      expect(result.outputs.digest).toBe((await getManifest(tag)).digest);
      expect(await fileInImage(tag, 'linux/amd64', 'greeting.txt')).toBe(`remote-${nonce} from x86_64 for amd64\n`);
      // Cleaned up: buildx no longer knows the builder, its stored instance is gone.
      expect(result.postStdout).toContain(`Removed builder ${name}`);
      expect(builders()).not.toContain(name);
      expect(existsSync(path.join(process.env.DOCKER_CONFIG ?? path.join(homedir(), '.docker'), 'buildx', 'instances', name))).toBe(false);
      expect(result.leftInRunnerTemp).toEqual([]);
    });

    it('fails before creating anything when the build needs the engine, saying why', async () => {
      const result = await kiln({ context: 'basic', driver: 'docker', outputs: 'type=cacheonly' }, { env: noEngine() });
      expect(result.mainExitCode).toBe(1);
      expect(result.stdout).not.toContain('[command]');
      const message = errorsOf(result)[0]?.message ?? '';
      expect(message).toContain('runs on a Docker engine, and no Docker engine answers on');
      expect(message).toContain('Fix:');
      expect(result.leftInRunnerTemp).toEqual([]);
    });
  });

  it('with neither docker nor buildx on PATH, the step fails saying what to install, and leaves nothing behind', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'kiln-no-buildx-'));
    try {
      const result = await kiln({ context: 'basic', outputs: 'type=cacheonly' }, { env: { PATH: bare } });
      expect(result.mainExitCode).toBe(1);
      expect(result.postExitCode).toBe(0);
      const message = errorsOf(result)[0]?.message ?? '';
      expect(message).toContain('Neither `docker buildx` nor a standalone `buildx` is on PATH');
      expect(result.stdout).not.toContain('ENOENT');
      expect(result.leftInRunnerTemp).toEqual([]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('QEMU that must be installed fails only then, naming the missing docker CLI and the fix', async () => {
    const result = await kiln({ context: 'basic', platforms: 'linux/arm64', qemu: 'true', outputs: 'type=cacheonly' }, { env: hidden });
    expect(result.mainExitCode).toBe(1);
    expect(result.stdout).not.toContain('[command]');
    const message = errorsOf(result)[0]?.message ?? '';
    expect(message).toMatch(/Installing the QEMU emulators \S+ \(docker run --privileged .+\) needs the docker CLI, and there is no `docker` on PATH/);
    expect(message).toContain('qemu-user-static');
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});
