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
});
