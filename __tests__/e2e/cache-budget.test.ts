import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type CacheService, committedKeys, startCacheService } from './support/cache-service/server.js';
import { docker } from './support/docker.js';
import { expectSuccess, image, kiln, runTag } from './support/kiln.js';

jest.setTimeout(300_000);

// The Actions cache budget (issue 19, item 3): the cache usage API decides whether a build writes
// as planned, at mode=min, or nothing. A loopback double of the API answers the usage we set.

const repository = 'kiln-dev/kiln';
const payload = { repository: { default_branch: 'main', full_name: repository } };
const GB = 1024 ** 3;
const TOKEN = 'ghs_h8-budget-token';

/** The cache usage API, answering `bytes`; it records the Authorization header of each call. */
async function usageApi(): Promise<{ url: string; bytes: number; asked: string[]; server: Server }> {
  const api = { url: '', bytes: 0, asked: [] as string[], server: undefined as unknown as Server };
  api.server = createServer((req, res) => {
    if (req.url !== `/repos/${repository}/actions/cache/usage`) {
      res.writeHead(404).end();
      return;
    }
    api.asked.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ full_name: repository, active_caches_size_in_bytes: api.bytes, active_caches_count: 42 }));
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}

describe('the Actions cache budget', () => {
  let service: CacheService;
  let api: Awaited<ReturnType<typeof usageApi>>;
  beforeAll(async () => {
    service = await startCacheService();
    api = await usageApi();
  });
  afterAll(async () => {
    await service.close();
    await new Promise((resolve) => api.server.close(resolve));
  });

  const build = async (
    bytes: number,
    event: { eventName: string; ref: string; payload: object },
    grants: { scope: string; permission: 1 | 2 | 3 }[],
    id: string,
  ) => {
    api.bytes = bytes;
    const asked = service.requests().length;
    const { code } = await docker(['buildx', 'prune', '-af']);
    expect(code).toBe(0);
    const result = await kiln(
      { context: 'basic', tags: image('h8-budget'), 'build-args': `GREETING=${id}-${runTag}`, 'cache-mounts': 'none' },
      { ...event, repository, env: { ...service.env(grants), GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url } },
    );
    expectSuccess(result);
    return { result, requests: service.requests().slice(asked), cache: JSON.parse(result.outputs.cache ?? '{}') as Record<string, unknown> };
  };
  const pr = {
    eventName: 'pull_request',
    ref: 'refs/pull/9/merge',
    payload: { ...payload, number: 9, pull_request: { number: 9, base: { ref: 'main' }, head: { repo: { full_name: repository } } } },
  };
  const PR_GRANTS = [
    { scope: 'refs/pull/9/merge', permission: 3 as const },
    { scope: 'refs/heads/main', permission: 1 as const },
  ];
  const push = { eventName: 'push', ref: 'refs/heads/main', payload };
  const MAIN = [{ scope: 'refs/heads/main', permission: 3 as const }];

  it('far from the limit, a pull request writes its own scope (the usage API was asked with github-token)', async () => {
    const { requests, cache } = await build(1 * GB, pr, PR_GRANTS, 'pr-room');
    expect(api.asked.at(-1)).toBe(`Bearer ${TOKEN}`);
    expect(committedKeys(requests).length).toBeGreaterThan(0);
    expect(cache).not.toHaveProperty('limited');
  });

  it('near the limit, a pull request writes nothing more, and says so', async () => {
    const { result, requests, cache } = await build(8.8 * GB, pr, PR_GRANTS, 'pr-full');
    expect(requests.filter((r) => r.path.endsWith('/CreateCacheEntry') || r.method === 'PUT')).toEqual([]);
    expect(result.stdout).not.toContain('--cache-to');
    expect(cache).toMatchObject({ written: [], limited: expect.stringContaining('so this pull request writes nothing') });
    expect(result.summary).toContain('holds 8.8 GB of its 10.0 GB');
  });

  it('near the limit, a push writes mode=min', async () => {
    const { result, requests, cache } = await build(8.5 * GB, push, MAIN, 'push-min');
    const command = result.stdout.split('\n').find((l) => l.startsWith('[command]')) ?? '';
    expect(command).toMatch(/--cache-to type=gha,[^ ]*mode=min/);
    expect(committedKeys(requests).length).toBeGreaterThan(0);
    expect(cache).toMatchObject({ limited: expect.stringContaining('writes mode=min') });
  });

  // Issue 19, item 3: what the writes cost. BuildKit uploads from its own container, so Kiln sizes
  // what its log says it uploaded by the index entry the export wrote, read back from the service.
  it('a build reports the entries and bytes the service stored; a rebuild with one change, the entries the cache held', async () => {
    const own = await startCacheService();
    try {
      const run = async (greeting: string) => {
        const asked = own.requests().length;
        const result = await kiln(
          { context: 'basic', tags: image('h19-bytes'), 'build-args': `GREETING=${greeting}-${runTag}`, 'cache-mounts': 'none' },
          { ...push, repository, env: { ...own.env(MAIN), GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url } },
        );
        expectSuccess(result);
        // BuildKit's entries this build committed (Kiln's own fingerprint aside), as the service stored them.
        const keys = committedKeys(own.requests().slice(asked)).filter((k) => !k.startsWith('kiln-fingerprint-'));
        const stored = own.entries().filter((e) => keys.includes(e.key));
        const cache = JSON.parse(result.outputs.cache ?? '{}') as { entriesWritten?: number; bytesWritten?: number; entriesSkipped?: number };
        return { result, keys, bytes: stored.reduce((sum, e) => sum + e.size, 0), cache };
      };
      const first = await run('bytes');
      const blobs = first.keys.filter((k) => k.startsWith('buildkit-blob-1-sha256:'));
      expect(blobs.length).toBeGreaterThan(1);
      expect(first.keys.filter((k) => k.startsWith('index-'))).toHaveLength(1);
      // An empty cache: everything written, nothing skipped.
      expect(first.cache).toMatchObject({ entriesWritten: first.keys.length, bytesWritten: first.bytes, entriesSkipped: 0 });
      expect(first.result.summary).toContain(`Actions cache: wrote ${first.keys.length} entries, `);

      // Another greeting: both RUN steps make new layers; the base image's layers are held, so skipped.
      // (Unchanged, Kiln would not export at all: plan/cache-reexport.ts.)
      const second = await run('bytes-changed');
      const rewritten = second.keys.filter((k) => k.startsWith('buildkit-blob-1-sha256:'));
      expect(rewritten).toHaveLength(2);
      expect(second.keys.filter((k) => k.startsWith('index-'))).toEqual([expect.stringMatching(/#2$/)]);
      const held = blobs.length - rewritten.length;
      expect(held).toBeGreaterThan(0);
      expect(second.cache).toMatchObject({ entriesWritten: 3, bytesWritten: second.bytes, entriesSkipped: held });
      expect(second.result.summary).toMatch(new RegExp(`Actions cache: wrote 3 entries, [0-9.]+ (B|KiB|MiB); skipped ${held} that the cache held`));
    } finally {
      await own.close();
    }
  });
});
