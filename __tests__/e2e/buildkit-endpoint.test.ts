import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { docker } from './support/docker.js';
import { startBuildkitEndpoint, type BuildkitEndpoint } from './support/buildkit-endpoint.js';
import { fixtures } from './support/kiln.js';
import { teardown } from './support/teardown.js';
import { fileInImage, getManifest, platformName } from './support/registry.js';

jest.setTimeout(180_000);

const nonce = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const created = new Set<string>();
const leftovers: string[] = [];

async function createBuilder(name: string, endpoint: string, driverOpt?: string): Promise<void> {
  const result = await docker(['buildx', 'create', '--name', name, '--driver', 'remote', ...(driverOpt ? ['--driver-opt', driverOpt] : []), endpoint]);
  created.add(name);
  expect(result).toMatchObject({ code: 0 });
}

async function removeBuilders(): Promise<void> {
  for (const name of created) {
    await docker(['buildx', 'rm', name]);
    created.delete(name);
  }
}

describe.each(['unix', 'tcp', 'tls'] as const)('a buildkitd endpoint over %s, proxied to the engine’s BuildKit', (kind) => {
  let ep: BuildkitEndpoint;
  const builder = `kiln-e2e-ep-${kind}-${nonce}`;
  const tag = `localhost:5000/kiln-e2e/endpoint-${kind}:${nonce}`;
  const greeting = `endpoint-${kind}-${nonce}`;

  beforeAll(async () => {
    ep = await startBuildkitEndpoint({ kind });
    leftovers.push(ep.tls ? path.dirname(ep.tls.cacert) : path.dirname(ep.endpoint.replace(/^unix:\/\//, '')));
  });
  afterAll(() => teardown({ name: 'the builders', run: removeBuilders, timeoutMs: 120_000 }, { name: `the ${kind} endpoint`, run: () => ep.close() }));

  it('is a working buildx remote builder: it bootstraps, builds two platforms and pushes', async () => {
    if (kind === 'unix') expect(ep.endpoint).toMatch(/^unix:\/\/\/.+\/buildkitd\.sock$/);
    else expect(ep.endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(ep.tls !== undefined).toBe(kind === 'tls');
    const tlsOpt = ep.tls ? `cacert=${ep.tls.cacert},cert=${ep.tls.cert},key=${ep.tls.key}` : undefined;

    try {
      await createBuilder(builder, ep.endpoint, tlsOpt);
      const inspect = await docker(['buildx', 'inspect', '--bootstrap', builder]);
      expect(inspect).toMatchObject({ code: 0 });
      expect(inspect.output).toMatch(/^Driver:\s+remote$/m);
      expect(inspect.output).toContain(`Endpoint:         ${ep.endpoint}\n`);
      expect(inspect.output).toMatch(/^Status:\s+running$/m);
      expect(inspect.output).toMatch(/^Platforms:.*linux\/arm64/m);
      const afterBootstrap = ep.connections();
      expect(afterBootstrap).toBeGreaterThan(0);

      // A greeting no earlier build used, so both RUN steps really execute through the endpoint.
      const build = await docker([
        'buildx',
        'build',
        '--builder',
        builder,
        '--platform',
        'linux/amd64,linux/arm64',
        '--build-arg',
        `GREETING=${greeting}`,
        '--push',
        '-t',
        tag,
        path.join(fixtures, 'basic'),
      ]);
      expect(build).toMatchObject({ code: 0 });
      expect(ep.connections()).toBeGreaterThan(afterBootstrap);

      const { manifest } = await getManifest(tag);
      const images = (manifest.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
      expect(images.map(platformName).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      expect(await fileInImage(tag, 'linux/amd64', 'greeting.txt')).toBe(`${greeting} from x86_64 for amd64\n`);
      expect(await fileInImage(tag, 'linux/arm64', 'greeting.txt')).toBe(`${greeting} from aarch64 for arm64\n`);
      expect(ep.rejected()).toBe(0);
    } finally {
      await removeBuilders();
    }
  });

  if (kind === 'tls') {
    it('refuses a client without a client certificate signed by its CA', async () => {
      const tls = ep.tls;
      if (!tls) throw new Error('a tls endpoint has no certificates');
      // Another endpoint's CA: its client certificate is well formed but signed by a stranger.
      const other = await startBuildkitEndpoint({ kind: 'tls' });
      const otherTls = other.tls;
      try {
        if (!otherTls) throw new Error('a tls endpoint has no certificates');
        const connections = ep.connections();
        const noCert = `${builder}-nocert`;
        const strangerCert = `${builder}-stranger`;
        await createBuilder(noCert, ep.endpoint, `cacert=${tls.cacert}`);
        await createBuilder(strangerCert, ep.endpoint, `cacert=${tls.cacert},cert=${otherTls.cert},key=${otherTls.key}`);
        // buildx retries until its 20 s bootstrap deadline, then fails; both wait side by side.
        const results = await Promise.all([noCert, strangerCert].map((name) => docker(['buildx', 'inspect', '--bootstrap', name])));
        for (const result of results) {
          expect(result.code).not.toBe(0);
          expect(result.output).not.toMatch(/^Status:\s+running$/m);
        }
        // Both reached the endpoint and were turned away in the handshake: nothing was proxied.
        expect(ep.rejected()).toBeGreaterThanOrEqual(2);
        expect(ep.connections()).toBe(connections);
      } finally {
        await removeBuilders();
        await other.close();
      }
    });
  }
});

it('leaves no builder and no temp files behind', async () => {
  const ls = await docker(['buildx', 'ls']);
  expect(ls).toMatchObject({ code: 0 });
  expect(ls.output).not.toContain(nonce);
  expect(leftovers).toHaveLength(3);
  for (const dir of leftovers) expect(existsSync(dir)).toBe(false);
});
