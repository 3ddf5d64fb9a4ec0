import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { expectRejectedBeforeRunning, expectSuccess, fixtures, kiln, runTag } from './support/kiln.js';
import { addBusybox } from './support/scratch-context.js';
import { getManifest, platformName } from './support/registry.js';

jest.setTimeout(600_000);

// `reproducible: true` on two fresh docker-container builders. Docker Hub (moby/buildkit) is out of
// reach here, so each builder's container is fixtures/buildkit-double, whose BuildKit is the
// engine's own: the builders are fresh, their BuildKit is shared. Its cache would hand the second
// build the first one's layers, so every build here runs with `no-cache`: each RUN executes again
// and writes its files with new times, which only rewrite-timestamp brings back to the commit's.
// Pushing to 127.0.0.1:5000 from such a builder works (the engine's BuildKit runs on the host).

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const doubleImage = `localhost:5000/kiln-e2e/h7-reproducible-buildkit-double:${runTag}`;
const repository = `localhost:5000/kiln-e2e/h7-reproducible-${runTag}`;
// A push event's head commit: the time every reproducible build here takes.
const payload = { head_commit: { id: '0123456789abcdef0123456789abcdef01234567', timestamp: '2024-03-01T12:34:56+01:00' } };
let buildkit: BuildkitEndpoint;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-reproducible-double-'));
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
  execFileSync('docker', ['image', 'rm', '-f', doubleImage], { stdio: 'ignore' });
});

/**
 * One no-cache push of the commit. `reproducible` builds run on a fresh docker-container builder
 * each (the set-up picks one); the plain ones on the engine's own builder, which is all it takes
 * to show that without reproducible two builds differ (and spares two builder start-ups).
 */
function build(tag: string, reproducible: boolean): Promise<RunResult> {
  return kiln(
    {
      context: 'basic',
      target: 'base',
      push: 'true',
      reproducible: String(reproducible),
      'no-cache': 'true',
      tags: tag,
      'build-args': `GREETING=same-${runTag}`,
      ...(reproducible ? { 'driver-opts': `image=${doubleImage}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}` } : {}),
    },
    { payload },
  );
}

/** The linux/amd64 image manifest the tag serves, and the index over it. */
async function served(tag: string) {
  const { digest, manifest } = await getManifest(tag);
  const image = (manifest.manifests ?? []).find((d) => platformName(d) === 'linux/amd64');
  return { index: digest, image: image?.digest ?? '' };
}

async function configOf(tag: string, image: string): Promise<{ created?: string; config?: { Labels?: Record<string, string> } }> {
  const { manifest } = await getManifest(`${tag.replace(/:[^/:]+$/, '')}@${image}`);
  const config = (manifest as { config?: { digest: string } }).config?.digest ?? '';
  const name = tag.replace(/^localhost:5000\//, '').replace(/:[^/:]+$/, '');
  return (await (await fetch(`http://localhost:5000/v2/${name}/blobs/${config}`)).json()) as { created?: string; config?: { Labels?: Record<string, string> } };
}

describe('reproducible', () => {
  it('two builds of one commit on two fresh builders push one image manifest; the second says it is unchanged; without it they differ', async () => {
    const tag = `${repository}:v1`;
    const first = await build(tag, true);
    expectSuccess(first);
    const one = await served(tag);
    expect(one.image).toMatch(/^sha256:/);
    expect(first.summary).not.toContain('Unchanged');

    const second = await build(tag, true);
    expectSuccess(second);
    expect(second.outputs.builder).not.toBe(first.outputs.builder);
    const two = await served(tag);
    expect(two.image).toBe(one.image);
    expect(JSON.parse(second.outputs.digests ?? '{}')).toEqual({ 'linux/amd64': one.image });
    // The index differs only when provenance records the run's own times.
    expect(second.summary).toContain(two.index === one.index ? 'Unchanged:' : 'Unchanged images:');
    // The image's times are the commit's.
    const config = await configOf(tag, one.image);
    expect(config.created).toBe('2024-03-01T11:34:56Z');
    expect(config.config?.Labels?.['org.opencontainers.image.created']).toBe('2024-03-01T11:34:56Z');

    // Without reproducible, the same two builds push two different images.
    const plain = [await build(`${repository}:p1`, false), await build(`${repository}:p2`, false)];
    plain.forEach(expectSuccess);
    const [p1, p2] = [await served(`${repository}:p1`), await served(`${repository}:p2`)];
    expect(p1.image).not.toBe(p2.image);
    expect(p1.image).not.toBe(one.image);
  });

  it('without the commit’s time (no head commit in the event, no Git repository) is an input error before anything runs', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'kiln-reproducible-nogit-'));
    try {
      cpSync(path.join(fixtures, 'basic'), workspace, { recursive: true });
      const result = await kiln({ context: '.', reproducible: 'true', push: 'true', tags: `${repository}:never` }, { workspace, payload: {} });
      expectRejectedBeforeRunning(result, 'reproducible', "needs the commit's time", 'git log -1 --format=%ct');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
