import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startCacheService, type CacheService, type ScopeGrant } from './support/cache-service/server.js';
import { docker } from './support/docker.js';
import { fixtures } from './support/kiln.js';
import { teardown } from './support/teardown.js';

jest.setTimeout(240_000);

// The cache service used by the other end-to-end tests, proved here against the real clients:
// BuildKit's type=gha cache (v2, through the engine), and the v1 / v2 wire shapes that older
// BuildKit and @actions/cache 6.3 send, replayed with fetch.

const MAIN: ScopeGrant[] = [{ scope: 'refs/heads/main', permission: 3 }];
// A pull request's token: its own merge ref first (read+write), then the base branch (read).
const PULL_REQUEST: ScopeGrant[] = [
  { scope: 'refs/pull/7/merge', permission: 3 },
  { scope: 'refs/heads/main', permission: 1 },
];
// A pull request from a fork: read-only.
const FORK: ScopeGrant[] = [{ scope: 'refs/heads/main', permission: 1 }];

const TWIRP = 'twirp/github.actions.results.api.v1.CacheService';
const V1 = '_apis/artifactcache';

const nonce = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-e2e-cache-'));
let service: CacheService;

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(() =>
  teardown(
    { name: 'the cache service', run: () => service.close() },
    {
      name: scratch,
      run: () => {
        rmSync(scratch, { recursive: true, force: true });
      },
    },
  ),
);

interface BuildOptions {
  grants: ScopeGrant[];
  greeting: string;
  cacheFrom?: string;
  cacheTo?: string;
  output: string;
}

/** A build of the basic fixture on the engine's own builder, cache options as a workflow would pass them. */
function build(o: BuildOptions): Promise<{ code: number | null; output: string }> {
  const args = ['buildx', 'build', '--builder', 'default', '--progress', 'plain', '--build-arg', `GREETING=${o.greeting}`, '--output', o.output];
  if (o.cacheFrom) args.push('--cache-from', o.cacheFrom);
  if (o.cacheTo) args.push('--cache-to', o.cacheTo);
  // buildx takes the token and URL from the runner's environment (v2 needs ACTIONS_CACHE_SERVICE_V2).
  return docker([...args, path.join(fixtures, 'basic')], { env: service.env(o.grants) });
}

/** The engine forgets every build result, so a rebuild can only be cached by the service. */
async function pruneEngineCache(): Promise<void> {
  expect(await docker(['buildx', 'prune', '--builder', 'default', '-af'])).toMatchObject({ code: 0 });
}

/** RUN steps of a plain progress log, and whether each one was CACHED. */
function runSteps(output: string): { step: string; cached: boolean }[] {
  const steps = [...output.matchAll(/^#(\d+) \[[^\]]+\] RUN .*$/gm)].map((m) => m[1] ?? '');
  return [...new Set(steps)].map((step) => ({ step, cached: new RegExp(`^#${step} CACHED$`, 'm').test(output) }));
}

/** What the service stored and answered while `action` ran. */
async function during<T>(
  action: () => Promise<T>,
): Promise<{ result: T; entries: ReturnType<CacheService['entries']>; requests: ReturnType<CacheService['requests']> }> {
  const entriesBefore = service.entries().length;
  const requestsBefore = service.requests().length;
  const result = await action();
  return { result, entries: service.entries().slice(entriesBefore), requests: service.requests().slice(requestsBefore) };
}

function twirp(method: string, body: unknown, token: string): Promise<Response> {
  return fetch(`${service.url}${TWIRP}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

async function twirpJson(method: string, body: unknown, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await twirp(method, body, token);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('BuildKit (buildx 0.29.1, Docker 28.5.2) against the service over v2', () => {
  const cacheScope = `kiln-e2e-${nonce}-main`;
  const greeting = `gha-${nonce}`;

  it('exports layers and index under the writer’s scope; a pruned engine rebuilds every RUN from them', async () => {
    const first = path.join(scratch, 'first');
    const exported = await during(() =>
      build({ grants: MAIN, greeting, cacheTo: `type=gha,scope=${cacheScope},mode=max,ignore-error=false`, output: `type=local,dest=${first}` }),
    );
    expect(exported.result).toMatchObject({ code: 0 });
    expect(runSteps(exported.result.output).filter((s) => s.cached)).toEqual([]);

    // The index, saved as `#1` of its key, and one entry per layer, all in main's scope.
    const keys = exported.entries.map((e) => e.key);
    expect(keys.filter((k) => k.startsWith(`index-${cacheScope}-1-`))).toEqual([expect.stringMatching(/#1$/)]);
    expect(keys.filter((k) => k.startsWith('buildkit-blob-1-sha256:')).length).toBeGreaterThanOrEqual(3);
    expect(new Set(exported.entries.map((e) => e.scope))).toEqual(new Set(['refs/heads/main']));
    // Every blob PUT answered 201; the ≥ 1 MiB base layer went up as staged blocks and a block list.
    const puts = exported.requests.filter((r) => r.method === 'PUT');
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.every((r) => r.status === 201)).toBe(true);
    expect(puts.some((r) => r.path.includes('comp=block&') || r.path.endsWith('comp=block'))).toBe(true);
    expect(puts.some((r) => r.path.endsWith('comp=blocklist'))).toBe(true);
    expect(exported.requests.length).toBeGreaterThan(puts.length);
    expect(exported.requests.every((r) => r.status < 300)).toBe(true);

    await pruneEngineCache();
    const cacheFrom = `type=gha,scope=${cacheScope}`;
    const imported = await during(() => build({ grants: MAIN, greeting, cacheFrom, output: 'type=cacheonly' }));
    expect(imported.result).toMatchObject({ code: 0 });
    const steps = runSteps(imported.result.output);
    expect(steps).toHaveLength(2);
    expect(steps.filter((s) => !s.cached)).toEqual([]);
    expect(imported.requests.some((r) => r.method === 'GET' && r.status === 200)).toBe(true);

    // The files themselves come from the service: the stamp is the first build's, not a new one.
    const second = path.join(scratch, 'second');
    const pulled = await during(() => build({ grants: MAIN, greeting, cacheFrom, output: `type=local,dest=${second}` }));
    expect(pulled.result).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(second, 'greeting.txt'), 'utf8')).toBe(`${greeting} from x86_64 for amd64\n`);
    expect(readFileSync(path.join(second, 'stamp.txt'), 'utf8')).toBe(readFileSync(path.join(first, 'stamp.txt'), 'utf8'));
    expect(pulled.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/devstoreaccount1/')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('scopes decide what a pull request reads and where its writes land (BuildKit v2)', () => {
  const cacheScope = `kiln-e2e-${nonce}-pr`;
  const greeting = `pr-${nonce}`;

  beforeAll(async () => {
    const main = await build({ grants: MAIN, greeting, cacheTo: `type=gha,scope=${cacheScope},mode=max`, output: 'type=cacheonly' });
    expect(main).toMatchObject({ code: 0 });
    await pruneEngineCache();
  });

  it('a pull request reads main’s cache and writes only into its own merge ref', async () => {
    const pr = await during(() =>
      build({
        grants: PULL_REQUEST,
        greeting,
        cacheFrom: `type=gha,scope=${cacheScope}`,
        cacheTo: `type=gha,scope=${cacheScope},mode=max,ignore-error=false`,
        output: 'type=cacheonly',
      }),
    );
    expect(pr.result).toMatchObject({ code: 0 });
    expect(runSteps(pr.result.output).filter((s) => !s.cached)).toEqual([]);
    // Found through the token's read-only base-branch scope.
    expect(pr.requests.some((r) => r.path.endsWith('/GetCacheEntryDownloadURL') && r.scope === 'refs/heads/main')).toBe(true);
    // Its export: the layers exist already (readable in main), so only its own index is new.
    expect(pr.entries.length).toBeGreaterThan(0);
    expect(new Set(pr.entries.map((e) => e.scope))).toEqual(new Set(['refs/pull/7/merge']));
    const prIndex = pr.entries.find((e) => e.key.startsWith(`index-${cacheScope}-1-`));
    expect(prIndex).toBeDefined();

    // main cannot see what the pull request wrote; the pull request can.
    const lookup = { key: prIndex?.key ?? '', restore_keys: [], version: prIndex?.version ?? '' };
    expect((await twirpJson('GetCacheEntryDownloadURL', lookup, service.token(MAIN))).body).toMatchObject({ ok: false });
    expect((await twirpJson('GetCacheEntryDownloadURL', lookup, service.token(PULL_REQUEST))).body).toMatchObject({ ok: true, matched_key: prIndex?.key });
  });

  it('a read-only token (a fork’s pull request) has its export refused and writes nothing', async () => {
    const forkScope = `kiln-e2e-${nonce}-fork`;
    const options = (ignoreError: boolean): BuildOptions => ({
      grants: FORK,
      greeting: `fork-${nonce}`,
      cacheFrom: `type=gha,scope=${cacheScope}`,
      cacheTo: `type=gha,scope=${forkScope},mode=max,ignore-error=${ignoreError}`,
      output: 'type=cacheonly',
    });

    const tolerated = await during(() => build(options(true)));
    expect(tolerated.result).toMatchObject({ code: 0 });
    expect(tolerated.entries).toEqual([]);
    const creates = tolerated.requests.filter((r) => r.path.endsWith('/CreateCacheEntry'));
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((r) => r.status === 403)).toBe(true);
    expect(tolerated.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    const strict = await during(() => build(options(false)));
    expect(strict.result.code).not.toBe(0);
    expect(strict.result.output).toMatch(/permission/i);
    expect(strict.entries).toEqual([]);
  });
});

describe('the v1 REST API (BuildKit ≤ 0.19, GHES), as BuildKit sends it', () => {
  const version = createHash('sha256').update('|go-actionscache-1.0').digest('hex');
  const key = `index-v1-${nonce}-1-abcdef01`;
  const v1 = (resource: string, init: RequestInit = {}, token = service.token(MAIN)) =>
    fetch(`${service.url}${V1}/${resource}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json;api-version=6.0-preview.1',
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const reserve = (k: string, token?: string) =>
    v1('caches', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key: k, version }) }, token);
  const lookup = (keys: string, token?: string, v = version) => v1(`cache?keys=${encodeURIComponent(keys)}&version=${v}`, {}, token);

  async function upload(k: string, data: Buffer, chunk: number): Promise<number> {
    const res = await reserve(k);
    expect(res.status).toBe(201);
    const { cacheId } = (await res.json()) as { cacheId: number };
    // Chunks go up concurrently and last first, as BuildKit's four uploaders may deliver them.
    const offsets = Array.from({ length: Math.ceil(data.length / chunk) }, (_, i) => i * chunk).reverse();
    const statuses = await Promise.all(
      offsets.map(async (start) => {
        const end = Math.min(start + chunk, data.length) - 1;
        const patch = await v1(`caches/${cacheId}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${start}-${end}/*` },
          body: data.subarray(start, end + 1),
        });
        return patch.status;
      }),
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 204)).toBe(true);
    return cacheId;
  }

  const commit = (cacheId: number, size: number) =>
    v1(`caches/${cacheId}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ size }) });

  it('reserves, takes chunks out of order, commits, and finds the newest entry by prefix', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 12345);
    const cacheId = await upload(`${key}#1`, data, 1024 * 1024);

    // A reserved key is taken, and not found until it is committed.
    const taken = await reserve(`${key}#1`);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ typeKey: expect.stringContaining('AlreadyExists') });
    expect((await lookup(`${key}#`)).status).toBe(204);

    expect((await commit(cacheId, data.length - 1)).status).toBe(400);
    expect((await commit(cacheId, data.length)).status).toBe(204);

    // Asked without the `#N`, as BuildKit asks for its index.
    const hit = await lookup(key);
    expect(hit.status).toBe(200);
    const entry = (await hit.json()) as { cacheKey: string; scope: string; archiveLocation: string };
    expect(entry).toMatchObject({ cacheKey: `${key}#1`, scope: 'refs/heads/main' });

    const whole = await fetch(entry.archiveLocation);
    expect(whole.status).toBe(200);
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(sha256(data));
    const offset = 1_500_000;
    const tail = await fetch(entry.archiveLocation, { headers: { Range: `bytes=${offset}-` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${offset}-${data.length - 1}/${data.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(offset))).toBe(true);

    // A newer entry under the same prefix wins.
    const newer = Buffer.from('second index');
    expect((await commit(await upload(`${key}#2`, newer, 5), newer.length)).status).toBe(204);
    expect(await (await lookup(`${key}#`)).json()).toMatchObject({ cacheKey: `${key}#2` });
  });

  it('misses with 204, enforces scopes, and refuses bad tokens', async () => {
    expect((await lookup(`nothing-${nonce}`)).status).toBe(204);
    expect((await lookup(key, undefined, 'another-version')).status).toBe(204);
    // A pull request reads main's entry; a fork may read but not reserve.
    expect(await (await lookup(key, service.token(PULL_REQUEST))).json()).toMatchObject({ scope: 'refs/heads/main' });
    expect((await reserve(`fork-${nonce}`, service.token(FORK))).status).toBe(403);
    expect((await lookup(key, `${service.token(MAIN)}x`)).status).toBe(401);
    expect((await lookup(key, service.token(MAIN, { expiresInSeconds: -5 }))).status).toBe(401);
  });
});

describe('the v2 Twirp API, as @actions/cache 6.3 sends it', () => {
  const version = createHash('sha256').update(`node_modules|zstd-without-long|${nonce}`).digest('hex');

  async function save(key: string, put: (uploadUrl: string) => Promise<number>): Promise<{ size: number; entryId: unknown }> {
    const token = service.token(MAIN);
    const created = await twirpJson('CreateCacheEntry', { key, version }, token);
    expect(created).toMatchObject({ status: 200, body: { ok: true } });
    const size = await put(String(created.body.signed_upload_url));
    // int64 fields travel as strings from @actions/cache.
    const finalized = await twirpJson('FinalizeCacheEntryUpload', { key, size_bytes: String(size), version }, token);
    expect(finalized).toMatchObject({ status: 200, body: { ok: true } });
    return { size, entryId: finalized.body.entry_id };
  }

  async function restore(key: string, restoreKeys: string[], token = service.token(MAIN)): Promise<{ matchedKey: unknown; data?: Buffer }> {
    const found = await twirpJson('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version }, token);
    expect(found.status).toBe(200);
    if (found.body.ok !== true) return { matchedKey: undefined };
    const res = await fetch(String(found.body.signed_download_url));
    expect(res.status).toBe(200);
    return { matchedKey: found.body.matched_key, data: Buffer.from(await res.arrayBuffer()) };
  }

  it('saves with one PUT and restores by restore-key prefix', async () => {
    const data = randomBytes(300_000);
    const key = `npm-linux-${nonce}-1111`;
    const { entryId } = await save(key, async (uploadUrl) => {
      const res = await fetch(uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/octet-stream' }, body: data });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-ms-request-id')).toBeTruthy();
      return data.length;
    });
    expect(typeof entryId).toBe('string');

    const exact = await restore(key, []);
    expect(exact.matchedKey).toBe(key);
    expect(exact.data?.equals(data)).toBe(true);
    const byPrefix = await restore(`npm-linux-${nonce}-2222`, [`npm-linux-${nonce}-`]);
    expect(byPrefix.matchedKey).toBe(key);
    expect(await restore(`npm-linux-${nonce}-2222`, [`npm-macos-${nonce}-`])).toEqual({ matchedKey: undefined });

    // A taken key is a Twirp already_exists with HTTP 409.
    expect(await twirpJson('CreateCacheEntry', { key, version }, service.token(MAIN))).toEqual({
      status: 409,
      body: { code: 'already_exists', msg: expect.any(String) as unknown },
    });
  });

  it('saves a > 1 MiB archive as staged blocks and a block list', async () => {
    const block = 1024 * 1024;
    const data = randomBytes(3 * block + 4321);
    const key = `big-${nonce}`;
    await save(key, async (uploadUrl) => {
      const ids = Array.from({ length: Math.ceil(data.length / block) }, (_, i) => Buffer.from(`block-${String(i).padStart(6, '0')}`).toString('base64'));
      // Staged concurrently, in no particular order, as the Azure SDK's uploaders do.
      const staged = await Promise.all(
        ids.map((id, i) =>
          fetch(`${uploadUrl}&comp=block&blockid=${encodeURIComponent(id)}`, { method: 'PUT', body: data.subarray(i * block, (i + 1) * block) }).then(
            (r) => r.status,
          ),
        ),
      );
      expect(staged).toEqual(ids.map(() => 201));
      const list = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
      const committed = await fetch(`${uploadUrl}&comp=blocklist`, { method: 'PUT', headers: { 'Content-Type': 'application/xml' }, body: list });
      expect(committed.status).toBe(201);
      expect(committed.headers.get('x-ms-request-id')).toBeTruthy();
      return data.length;
    });
    const restored = await restore(key, []);
    expect(restored.data && sha256(restored.data)).toBe(sha256(data));
    expect(service.entries().find((e) => e.key === key)).toMatchObject({ size: data.length, scope: 'refs/heads/main' });
  });

  it('refuses what the real service refuses', async () => {
    const key = `refused-${nonce}`;
    const created = await twirpJson('CreateCacheEntry', { key, version }, service.token(MAIN));
    const uploadUrl = String(created.body.signed_upload_url);
    // An Azure PUT without x-ms-blob-type, or with a tampered signature.
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'x' })).status).toBe(400);
    expect((await fetch(uploadUrl.replace(/sig=.../, 'sig=AAA'), { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' })).status).toBe(403);
    expect((await fetch(uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'abc' })).status).toBe(201);
    // A size that is not what was uploaded.
    expect((await twirpJson('FinalizeCacheEntryUpload', { key, size_bytes: 4, version }, service.token(MAIN))).body).toMatchObject({
      code: 'invalid_argument',
    });
    // A fork's read-only token, a forged token, an expired one.
    expect(await twirpJson('CreateCacheEntry', { key: `fork-${key}`, version }, service.token(FORK))).toMatchObject({
      status: 403,
      body: { code: 'permission_denied' },
    });
    expect(await twirpJson('GetCacheEntryDownloadURL', { key, version }, `${service.token(MAIN)}x`)).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    expect(await twirpJson('GetCacheEntryDownloadURL', { key, version }, service.token(MAIN, { expiresInSeconds: -5 }))).toMatchObject({ status: 401 });
    // A download URL does not allow writing.
    expect((await twirpJson('FinalizeCacheEntryUpload', { key, size_bytes: 3, version }, service.token(MAIN))).body).toMatchObject({ ok: true });
    const found = await twirpJson('GetCacheEntryDownloadURL', { key, restore_keys: [], version }, service.token(MAIN));
    expect((await fetch(String(found.body.signed_download_url), { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'y' })).status).toBe(403);
  });
});

describe('an unreachable backend', () => {
  it('stops answering and comes back on the same URL with its entries', async () => {
    const before = service.entries().length;
    await service.stop();
    await expect(fetch(`${service.url}${TWIRP}/GetCacheEntryDownloadURL`, { method: 'POST' })).rejects.toThrow();
    await service.start();
    const res = await twirp('GetCacheEntryDownloadURL', { key: 'x', version: 'y' }, service.token(MAIN));
    expect(await res.json()).toEqual({ ok: false, signed_download_url: '', matched_key: '' });
    expect(service.entries()).toHaveLength(before);
  });
});
