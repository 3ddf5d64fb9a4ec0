import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { expectSuccess, image, kiln } from './support/kiln.js';
import { fileInImage, getManifest, platformName } from './support/registry.js';

jest.setTimeout(180_000);

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-e2e-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('a single-platform build loaded into the engine', () => {
  const tag = image('load').replace('localhost:5000/', 'kiln-e2e-');

  afterAll(() => {
    execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'ignore' });
  });

  it('runs, prints what its Dockerfile wrote, and reports the engine’s digests', async () => {
    const result = await kiln({ context: 'basic', target: 'base', load: 'true', tags: tag, 'build-args': 'GREETING=hi from kiln' });
    expectSuccess(result);

    expect(docker('run', '--rm', tag)).toBe('hi from kiln from x86_64 for amd64');

    const digests = JSON.parse(result.outputs.digests ?? '') as Record<string, string>;
    expect(Object.keys(digests)).toEqual(['linux/amd64']);
    const amd64 = JSON.parse(docker('image', 'inspect', '--platform', 'linux/amd64', tag, '--format', '{{json .Descriptor}}')) as { digest: string };
    expect(digests['linux/amd64']).toBe(amd64.digest);
    expect(result.outputs.imageid).toBe(docker('image', 'inspect', tag, '--format', '{{.Id}}'));
    expect(result.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.outputs.tags).toBe(tag);
    expect(JSON.parse(result.outputs.metadata ?? '')).toHaveProperty(['containerimage.digest'], result.outputs.digest);
  });
});

describe('a multi-platform push', () => {
  const tags = [image('multi'), image('multi').replace(/:[^:]+$/, ':latest')];

  it('pushes an index with both platforms whose digest and per-platform digests the registry serves', async () => {
    const result = await kiln({ context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags });
    expectSuccess(result);

    for (const tag of tags) {
      const served = await getManifest(tag);
      expect(served.digest).toBe(result.outputs.digest);
    }
    const { manifest } = await getManifest(tags[0] ?? '');
    const images = (manifest.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
    expect(images.map(platformName).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(JSON.parse(result.outputs.digests ?? '')).toEqual(Object.fromEntries(images.map((d) => [platformName(d), d.digest])));

    // The arm64 RUN executed an arm64 userland under QEMU: uname -m said so inside the build.
    expect(await fileInImage(tags[0] ?? '', 'linux/arm64', 'greeting.txt')).toBe('hello from aarch64 for arm64\n');
    expect(await fileInImage(tags[0] ?? '', 'linux/amd64', 'greeting.txt')).toBe('hello from x86_64 for amd64\n');
  });

  it('reports the digest the registry serves when `outputs` lists several exporters', async () => {
    // buildx's metadata names the OCI tarball's digest here, not the pushed one.
    const tag = image('several-exporters');
    const result = await kiln({
      context: 'basic',
      platforms: 'linux/amd64,linux/arm64',
      outputs: [`type=registry,name=${tag}`, `type=oci,dest=${path.join(scratch, 'image.tar')}`],
    });
    expectSuccess(result);
    const served = await getManifest(tag);
    expect(result.outputs.digest).toBe(served.digest);
    const metadataDigest = (JSON.parse(result.outputs.metadata ?? '{}') as Record<string, string>)['containerimage.digest'];
    expect(metadataDigest).not.toBe(served.digest);
    expect(Object.keys(JSON.parse(result.outputs.digests ?? '{}') as object).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });
});

describe('build options reach BuildKit', () => {
  const tag = image('options');

  it('applies build-args, target and labels', async () => {
    const result = await kiln({
      context: 'basic',
      target: 'base',
      push: 'true',
      tags: tag,
      'build-args': 'GREETING=bonjour',
      labels: ['org.opencontainers.image.title=kiln e2e', 'com.example.team=platform'],
      provenance: 'false',
    });
    expectSuccess(result);
    expect(await fileInImage(tag, 'linux/amd64', 'greeting.txt')).toBe('bonjour from x86_64 for amd64\n');
    // target=base: the final stage's file is not in the image.
    expect(await fileInImage(tag, 'linux/amd64', 'final.txt')).toBeUndefined();
    const config = JSON.parse(docker('buildx', 'imagetools', 'inspect', tag, '--format', '{{json .Image}}')) as {
      config: { Labels: Record<string, string> };
    };
    expect(config.config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'kiln e2e', 'com.example.team': 'platform' });
    // provenance=false: a single-platform push is a plain manifest, reported for its platform.
    const served = await getManifest(tag);
    expect(served.manifest.manifests).toBeUndefined();
    expect(JSON.parse(result.outputs.digests ?? '')).toEqual({ 'linux/amd64': served.digest });
    expect(result.outputs.digest).toBe(served.digest);
  });

  it('exports files with `outputs: type=local`, reuses the cache, and rebuilds with `no-cache`', async () => {
    const stamp = async (dest: string, noCache: string) => {
      const result = await kiln({ context: 'basic', outputs: `type=local,dest=${dest}`, 'no-cache': noCache });
      expectSuccess(result);
      expect(readFileSync(path.join(dest, 'final.txt'), 'utf8')).toBe('final\n');
      return readFileSync(path.join(dest, 'stamp.txt'), 'utf8');
    };
    const first = await stamp(path.join(scratch, 'out1'), 'false');
    const cached = await stamp(path.join(scratch, 'out2'), 'false');
    const rebuilt = await stamp(path.join(scratch, 'out3'), 'true');
    expect(cached).toBe(first);
    expect(rebuilt).not.toBe(first);
  });
});
