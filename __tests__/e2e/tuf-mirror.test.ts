import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deadline } from '../../src/sign/deadline.js';
import { librarySeed, loadTrustedRoot } from '../../src/sign/trusted-root.js';
import { trustedRootFromTuf } from '../../src/sign/tuf.js';
import { type SigstoreDoubles, startSigstore } from './support/sigstore.js';
import { startTufRepo, type TufRepoDouble } from './support/tuf-repo.js';

jest.setTimeout(60_000);

// The default signing path (no `trusted-root`) reads the instance's trusted root from its TUF
// repository with tuf-js over Kiln's own HTTP. Against a TUF repository double on the loopback,
// serving the trusted root of the Sigstore doubles: no build needed, the module called directly.

let sigstore: SigstoreDoubles;
let repo: TufRepoDouble;
let served: { tlogs: { baseUrl: string }[]; certificateAuthorities: { uri: string }[]; timestampAuthorities?: { uri: string }[] };
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-tuf-'));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const fromDouble = (dir: string, ms = 20_000) => trustedRootFromTuf(repo.url, { root: repo.root }, dir, deadline(ms));

beforeAll(async () => {
  sigstore = await startSigstore();
  const bytes = readFileSync(sigstore.trustedRoot);
  served = JSON.parse(bytes.toString('utf8')) as typeof served;
  repo = await startTufRepo(bytes);
});
afterEach(() => {
  repo.fault(undefined);
  repo.requests.length = 0;
  repo.userAgents.length = 0;
});
afterAll(async () => {
  await repo.close();
  await sigstore.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the trusted root from a TUF repository', () => {
  it('is the served one, read through the TUF client workflow over Kiln’s HTTP, its files under the given temp dir only', async () => {
    const dir = tempDir();
    // Nothing may go to the system's temp dir: pointed at a directory that does not exist, any
    // use of it (tuf-js's own download files) fails the read. And no `fetch` (undici): tuf-js's
    // DefaultFetcher would call it.
    const tmp = process.env.TMPDIR;
    const realFetch = globalThis.fetch;
    let fetched = 0;
    process.env.TMPDIR = path.join(dir, 'no-such-dir');
    globalThis.fetch = () => {
      fetched++;
      return Promise.reject(new Error('fetch is not to be used'));
    };
    let root;
    try {
      root = await fromDouble(dir);
    } finally {
      globalThis.fetch = realFetch;
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(fetched).toBe(0);
    expect([...new Set(repo.userAgents)]).toEqual(['kiln']);
    expect(root.tlogs.map((t) => t.baseUrl)).toEqual(served.tlogs.map((t) => t.baseUrl));
    expect(root.tlogs.map((t) => t.baseUrl)).toEqual([sigstore.urls.rekor]);
    expect(root.certificateAuthorities.map((c) => c.uri)).toEqual([sigstore.urls.fulcio]);
    expect(root.timestampAuthorities.map((t) => t.uri)).toEqual((served.timestampAuthorities ?? []).map((t) => t.uri));
    expect(root.timestampAuthorities.length).toBeGreaterThan(0);
    // The client workflow: a newer root is looked for (none), then timestamp, snapshot, targets, the target.
    const hash = /^\/targets\/([0-9a-f]{64})\.trusted_root\.json$/.exec(repo.requests.at(-1) ?? '')?.[1];
    expect(repo.requests).toEqual(['/2.root.json', '/timestamp.json', '/1.snapshot.json', '/1.targets.json', `/targets/${hash}.trusted_root.json`]);
    // @sigstore/tuf's layout: <tempDir>/tuf/<host+path, URI-encoded>/…, no download left behind.
    const host = encodeURIComponent(new URL(repo.url).host);
    expect(filesUnder(dir)).toEqual(
      [
        `tuf/${host}/root.json`,
        `tuf/${host}/snapshot.json`,
        `tuf/${host}/targets.json`,
        `tuf/${host}/targets/trusted_root.json`,
        `tuf/${host}/timestamp.json`,
      ].sort(),
    );
    expect(readFileSync(path.join(dir, 'tuf', host, 'targets', 'trusted_root.json'))).toEqual(repo.trustedRoot);
  });

  it('a seeded target the fresh metadata still names is not downloaded again', async () => {
    const root = await trustedRootFromTuf(repo.url, { root: repo.root, targets: { 'trusted_root.json': repo.trustedRoot } }, tempDir(), deadline(20_000));
    expect(root.tlogs.map((t) => t.baseUrl)).toEqual([sigstore.urls.rekor]);
    expect(repo.requests).toEqual(['/2.root.json', '/timestamp.json', '/1.snapshot.json', '/1.targets.json']);
  });

  it('a mirror that answers 503 twice, then serves, still gives the trusted root', async () => {
    repo.fault({ status: 503, times: 2 });
    const root = await fromDouble(tempDir());
    expect(root.tlogs.map((t) => t.baseUrl)).toEqual([sigstore.urls.rekor]);
    expect(repo.requests.slice(0, 3)).toEqual(['/2.root.json', '/2.root.json', '/2.root.json']);
    expect(repo.requests).toHaveLength(7);
  });

  it('a mirror that hangs is given up within the deadline', async () => {
    repo.fault({ hang: true });
    const started = performance.now();
    await expect(fromDouble(tempDir(), 2_000)).rejects.toThrow(`the trusted root from the TUF repository ${repo.url}: GET ${repo.url}/2.root.json: no answer`);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(5_000);
  });

  it.each(['timestamp', 'snapshot'] as const)('a %s signed by a key the root does not trust is refused, and no target is read', async (role) => {
    repo.fault({ forged: role });
    const dir = tempDir();
    await expect(fromDouble(dir)).rejects.toThrow(new RegExp(`^the trusted root from the TUF repository ${repo.url}: .*${role}`));
    expect(repo.requests.some((p) => p.startsWith('/targets/'))).toBe(false);
    const host = encodeURIComponent(new URL(repo.url).host);
    expect(filesUnder(dir)).not.toContain(`tuf/${host}/${role}.json`);
  });
});

describe('where the TUF client starts', () => {
  it('public-good: @sigstore/tuf’s seed for its mirror, with its trusted_root.json and nothing else', async () => {
    const seed = await librarySeed('https://tuf-repo-cdn.sigstore.dev');
    const root = JSON.parse(Buffer.from(seed.root).toString('utf8')) as { signed: { _type: string; consistent_snapshot: boolean } };
    expect(root.signed._type).toBe('root');
    expect(root.signed.consistent_snapshot).toBe(true);
    expect(Object.keys(seed.targets ?? {})).toEqual(['trusted_root.json']);
    const trusted = JSON.parse(Buffer.from(seed.targets?.['trusted_root.json'] ?? '').toString('utf8')) as { mediaType: string; tlogs: { baseUrl: string }[] };
    expect(trusted.mediaType).toBe('application/vnd.dev.sigstore.trustedroot+json;version=0.1');
    expect(trusted.tlogs.map((t) => t.baseUrl)).toContain('https://rekor.sigstore.dev');
  });

  it('a mirror no seed is known for is refused before any request', async () => {
    await expect(librarySeed('https://tuf.example.org')).rejects.toThrow('no TUF root is known for https://tuf.example.org');
  });

  it('loadTrustedRoot without a mirror to read says why', async () => {
    await expect(loadTrustedRoot({ from: 'none', why: 'a signing-config names no TUF repository' }, undefined, tempDir(), deadline(1_000))).rejects.toThrow(
      'a signing-config names no TUF repository',
    );
  });
});
