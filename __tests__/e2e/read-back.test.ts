import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { expectSuccess, kiln, runTag } from './support/kiln.js';
import { getManifest, platformName } from './support/registry.js';
import { type FaultProxy, isManifestGet, startFaultProxy } from './support/registry-fault-proxy.js';

jest.setTimeout(180_000);

// Issue 8 item 5 / issue 11 item 4b: after a successful push, Kiln reads the image back from the
// registry (with several exporters buildx's metadata may name another exporter's digest). A
// registry that fails that read-back must not lose the pushed image's outputs.
// `push` to the proxy + an `outputs` entry pushing a copy straight to the registry is two
// exporters on the engine's own builder: the read-back goes to the registry. (`push` + `load`
// would do too, but the engine then names one image twice and now and then refuses the second
// with "already exists"; a local exporter would leave no image ID.)
// `cache: none`, so that the only manifest GETs are the read-back's (BuildKit's push HEADs and
// PUTs manifests; its registry cache import would GET them too).

const loaded: string[] = [];

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(() => {
  for (const tag of loaded) execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'ignore' });
});

/** The image at the proxy, and the same image as the registry behind it names it. */
function names(host: string, leg: string) {
  const path = `kiln-e2e/read-back:${runTag}-${leg}`;
  loaded.push(`${host}/${path}`, `localhost:5000/${path}-copy`);
  return { tag: `${host}/${path}`, direct: `localhost:5000/${path}` };
}

const warningsOf = (result: Awaited<ReturnType<typeof kiln>>) => result.commands.filter((c) => c.command === 'warning');

/** Read-back attempts: each `buildx imagetools inspect` resolves the tag with one HEAD (BuildKit's push HEADs it as `buildkit/…`). */
const readBackAttempts = (p: FaultProxy, tag: string) =>
  p.requests.filter((r) => r.method === 'HEAD' && r.path.endsWith(`/manifests/${tag.split(':').at(-1) ?? ''}`) && !r.userAgent.startsWith('buildkit/')).length;

describe('registry read-back after a push', () => {
  it('retries a read-back whose connections are reset, and reports what the registry serves', async () => {
    proxy = await startFaultProxy((req, picked) => (isManifestGet(req) && picked < 3 ? 'reset' : undefined));
    const { tag, direct } = names(proxy.host, 'retry');
    const result = await kiln({ context: 'basic', push: 'true', outputs: `type=image,name=${direct}-copy,push=true`, tags: tag, cache: 'none' });
    expectSuccess(result);

    const served = await getManifest(direct);
    expect(result.outputs.digest).toBe(served.digest);
    const manifest = JSON.parse(result.outputs.manifest ?? '{}') as { digest?: string; manifests?: { platform: string; digest: string }[] };
    expect(manifest.digest).toBe(served.digest);
    const platforms = (served.manifest.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
    expect(JSON.parse(result.outputs.digests ?? '{}')).toEqual(Object.fromEntries(platforms.map((d) => [platformName(d), d.digest])));
    // Three reset, then one answered: the read-back was tried again, and nothing was lost. (Go's
    // HTTP client retries a GET on a reused connection once by itself: the resets outnumber that.)
    const gets = proxy.requests.filter((r) => r.method === 'GET' && /\/manifests\//.test(r.path));
    expect(gets.map((r) => r.outcome)).toEqual(['reset', 'reset', 'reset', 200]);
    // Kiln ran the read-back again (a new buildx process, a new resolve), not only buildx inside.
    expect(readBackAttempts(proxy, tag)).toBeGreaterThanOrEqual(2);
    expect(warningsOf(result).filter((w) => w.properties.title === 'Registry read-back failed')).toEqual([]);
  });

  it('gives up on a registry that answers 500 to every read-back: outputs it knows, a warning, the summary, success', async () => {
    proxy = await startFaultProxy((req) => (isManifestGet(req) ? 500 : undefined));
    const { tag, direct } = names(proxy.host, 'give-up');
    const started = Date.now();
    const result = await kiln({ context: 'basic', push: 'true', outputs: `type=image,name=${direct}-copy,push=true`, tags: tag, cache: 'none' });
    const seconds = (Date.now() - started) / 1000;
    expectSuccess(result);

    // The push went through: the registry serves it, and the digest output is that image's.
    const served = await getManifest(direct);
    expect(result.outputs.digest).toBe(served.digest);
    expect(result.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    const metadata = JSON.parse(result.outputs.metadata ?? '{}') as Record<string, unknown>;
    expect(metadata['containerimage.digest']).toBe(served.digest);
    expect(result.outputs['build-ref']).not.toBe('');
    // What only the registry could say is empty, not made up.
    expect(result.outputs.digests).toBe('{}');
    expect(result.outputs.manifest).toBe('');
    expect(result.outputs.tags).toBe(tag);

    const [warning, ...others] = warningsOf(result).filter((w) => w.properties.title === 'Registry read-back failed');
    expect(others).toEqual([]);
    expect(warning?.message).toContain(`reading ${tag} back from its registry failed after 4 attempts`);
    expect(result.summary).toContain('✅ Build succeeded');
    expect(result.summary).toContain('failed after 4 attempts');

    // Bounded: four attempts, about 7 s of backoff between them.
    const gets = proxy.requests.filter((r) => r.method === 'GET' && /\/manifests\//.test(r.path));
    expect(readBackAttempts(proxy, tag)).toBe(4);
    expect(gets.length).toBeGreaterThanOrEqual(4);
    expect(gets.every((r) => r.outcome === 500)).toBe(true);
    expect(seconds).toBeLessThan(60);
  });
});
