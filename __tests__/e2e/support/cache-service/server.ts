import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { NewEntryLimit } from './rate-limit.js';
import { Store, type Entry } from './store.js';
import { issueToken, signBlobQuery, verifyBearer, verifyBlobQuery, type Access, type ScopeGrant } from './token.js';

export type { Permission, ScopeGrant } from './token.js';

/**
 * A local stand-in for the GitHub Actions cache service, faithful to what the real clients rely
 * on (see /work/shared/notes/toolchain.md): the v2 Twirp API (@actions/cache 6.3, BuildKit ≥ 0.20),
 * the legacy v1 REST API (BuildKit ≤ 0.19, GHES), Azure-style signed blob URLs, and GitHub's
 * branch scopes, which decide what a pull request may read and where its writes land.
 */
export interface CacheService {
  /** `http://127.0.0.1:PORT/`: ACTIONS_RESULTS_URL (v2) and ACTIONS_CACHE_URL (v1, which needs the slash). */
  url: string;
  /** A runtime token like the runner's for these scopes, in this order (reads try them in order). */
  token: (scopes: ScopeGrant[], options?: { expiresInSeconds?: number }) => string;
  /** The environment the runner gives a JavaScript action with that token. */
  env: (scopes: ScopeGrant[]) => Record<string, string>;
  /** Committed entries (reserved-but-unfinished uploads are not listed). */
  entries: () => { key: string; version: string; scope: string; size: number; created: number }[];
  /** Every request answered so far; `path` keeps the query minus the URL signature. */
  requests: () => RequestRecord[];
  /** Stops listening (open connections are cut) but keeps the entries, secret and port. */
  stop: () => Promise<void>;
  /** Listens again on the same port after stop(); earlier tokens and entries stay valid. */
  start: () => Promise<void>;
  /** stop() and delete the stored blobs. */
  close: () => Promise<void>;
  /**
   * A fault for every request from now on: 'hang' accepts and reads the request but never
   * answers, 'hang-blobs' does so only for blob downloads and uploads (the lookups work), 500
   * answers a Twirp `internal` error, 429 refuses every new entry (CreateCacheEntry) as GitHub
   * does past 200 new entries a minute (lookups and downloads work); undefined heals it (hung
   * requests are cut). BuildKit 0.25 retries a refused CreateCacheEntry with growing waits (seven
   * tries in 74 s for one blob, still trying at 90 s): under 429 an export takes minutes.
   */
  fault: (mode: 'hang' | 'hang-blobs' | 500 | 429 | undefined) => void;
  /**
   * GitHub's rate limit on new entries, scaled down: from now on at most `perMinute` reservations
   * (v2 CreateCacheEntry, v1 reserve) are accepted in any minute; past that the service answers
   * 429 with Retry-After, as a Twirp `resource_exhausted` error (v2) or a RequestBlockedException
   * (v1). Lookups and downloads are not limited; undefined lifts the limit. BuildKit retries a 429
   * with doubling waits, Retry-After unread, until its gha `timeout` attribute runs out, and only
   * then fails the export; @actions/cache gives up at once.
   */
  limitNewEntries: (perMinute: number | undefined) => void;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** 0 when the connection ended before an answer. */
  status: number;
  /** The scope the request read from or wrote to, when it touched an entry. */
  scope?: string;
  /** The key of the entry it touched (reserved, committed, found or downloaded). */
  key?: string;
  /** A lookup's primary key, found or not. */
  lookup?: string;
}

/** The primary keys clients looked up, found or not, one each, in order. */
export function lookedUpKeys(records: RequestRecord[]): string[] {
  return [...new Set(records.flatMap((r) => (r.lookup === undefined ? [] : [r.lookup])))];
}

/** What a client downloaded: the blob GETs answered in full or in part, one per entry, in order. */
export function downloadedKeys(records: RequestRecord[]): string[] {
  const keys = records.filter((r) => r.method === 'GET' && r.path.startsWith(BLOB_PREFIX) && (r.status === 200 || r.status === 206)).map((r) => r.key ?? '');
  return [...new Set(keys)];
}

/** What a client committed: the Twirp finalizes and v1 commits that succeeded, in order. */
export function committedKeys(records: RequestRecord[]): string[] {
  return records
    .filter(
      (r) =>
        r.key !== undefined &&
        ((r.path === `${TWIRP_PREFIX}FinalizeCacheEntryUpload` && r.status === 200) ||
          (/^\/_apis\/artifactcache\/caches\/\d+$/.test(r.path) && r.method === 'POST' && r.status === 204)),
    )
    .map((r) => r.key ?? '');
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const V1_PREFIX = '/_apis/artifactcache/';
// A path-style Azure URL (account/container/blob): the Azure JS SDK parses IP-host URLs this way.
const BLOB_PREFIX = '/devstoreaccount1/caches/';
const JSON_LIMIT = 1024 * 1024;

/** What one request handler needs; `record` is the request's log line, filled in as it goes. */
interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: RequestRecord;
  store: Store;
  secret: Buffer;
  base: string;
  /** Answer 429 to every new entry (the rate limit's fault). */
  refuseUploads: boolean;
  /** GitHub's rate limit on new entries, when set. */
  limit: NewEntryLimit | undefined;
}

export async function startCacheService(options: { port?: number } = {}): Promise<CacheService> {
  const secret = randomBytes(32);
  const store = new Store(mkdtempSync(path.join(tmpdir(), 'kiln-cache-service-')));
  const log: RequestRecord[] = [];
  let port = options.port ?? 0;
  let server: Server | undefined;
  let base = '';
  let fault: 'hang' | 'hang-blobs' | 500 | 429 | undefined;
  let limit: NewEntryLimit | undefined;
  const hung = new Set<ServerResponse>();

  const start = async () => {
    if (server) return;
    const s = createServer((req, res) => {
      if (fault === 'hang' || (fault === 'hang-blobs' && (req.url ?? '').startsWith(BLOB_PREFIX))) {
        const record: RequestRecord = { method: req.method ?? '', path: req.url ?? '', status: 0 };
        hung.add(res);
        res.once('close', () => {
          hung.delete(res);
          log.push(record);
        });
        req.resume();
        return;
      }
      if (fault === 500) {
        const record: RequestRecord = { method: req.method ?? '', path: req.url ?? '', status: 500 };
        req.resume();
        res.once('close', () => log.push(record));
        sendJson(res, 500, { code: 'internal', msg: 'injected fault' });
        return;
      }
      void handle(req, res, store, secret, base, log, fault === 429, limit);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        resolve();
      });
    });
    server = s;
    port = (s.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}/`;
  };
  const stop = async () => {
    const s = server;
    if (!s) return;
    server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => {
        resolve();
      });
      // Keep-alive connections (Go's client pools them) would otherwise hold close() open.
      s.closeAllConnections();
    });
  };

  try {
    await start();
  } catch (err) {
    store.destroy();
    throw err;
  }
  const token = (scopes: ScopeGrant[], tokenOptions: { expiresInSeconds?: number } = {}) => issueToken(secret, scopes, tokenOptions.expiresInSeconds);
  return {
    url: base,
    token,
    env: (scopes) => ({
      ACTIONS_RUNTIME_TOKEN: token(scopes),
      ACTIONS_RESULTS_URL: base,
      ACTIONS_CACHE_URL: base,
      // buildx and @actions/cache speak v2 only with this set; @actions/cache also falls back to
      // v1 when GITHUB_SERVER_URL is not github.com, *.ghe.com or *.localhost.
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_SERVER_URL: 'http://github.localhost',
    }),
    entries: () =>
      store
        .all()
        .filter((e) => e.state === 'committed')
        .map(({ key, version, scope, size, created }) => ({ key, version, scope, size, created })),
    requests: () => log.map((r) => ({ ...r })),
    stop,
    start,
    close: async () => {
      await stop();
      store.destroy();
    },
    fault: (mode) => {
      fault = mode;
      if (mode === undefined) for (const res of hung) res.destroy();
    },
    limitNewEntries: (perMinute) => {
      limit = perMinute === undefined ? undefined : new NewEntryLimit(perMinute);
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  secret: Buffer,
  base: string,
  log: RequestRecord[],
  refuseUploads: boolean,
  limit: NewEntryLimit | undefined,
): Promise<void> {
  // Some clients join base and path with a doubled slash; the real front end tolerates it.
  const [pathname = '/', query] = (req.url ?? '/').split(/\?(.*)/s);
  const url = new URL(`${pathname.replace(/\/{2,}/g, '/')}${query === undefined ? '' : `?${query}`}`, base);
  const record: RequestRecord = { method: req.method ?? '', path: loggedPath(url), status: 0 };
  res.once('close', () => {
    record.status = res.headersSent ? res.statusCode : 0;
    log.push(record);
  });
  const ctx: Context = { req, res, url, record, store, secret, base, refuseUploads, limit };
  try {
    if (url.pathname.startsWith(TWIRP_PREFIX)) await twirp(ctx, url.pathname.slice(TWIRP_PREFIX.length));
    else if (url.pathname.startsWith(V1_PREFIX)) await v1(ctx, url.pathname.slice(V1_PREFIX.length));
    else if (url.pathname.startsWith(BLOB_PREFIX)) await blob(ctx, url.pathname.slice(BLOB_PREFIX.length));
    else sendJson(res, 404, { message: `no route for ${url.pathname}` });
  } catch (err) {
    if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: String(err) });
    else res.destroy();
  }
}

/** The request's path and query, minus the blob URL's signature (noise in assertions). */
function loggedPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  for (const name of ['sp', 'se', 'sig']) query.delete(name);
  const rest = query.toString();
  return rest ? `${url.pathname}?${rest}` : url.pathname;
}

// ---------------------------------------------------------------------------------------------
// v2: Twirp JSON, what @actions/cache 6.x and BuildKit ≥ 0.20 speak.

/** Twirp's error codes and the HTTP status each one travels with. */
const TWIRP_STATUS = {
  bad_route: 404,
  malformed: 400,
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
} as const;

/**
 * A Twirp error is JSON `{code, msg}` and nothing else: BuildKit reads a `message` field as the
 * v1 error shape and would then miss `already_exists`; @actions/cache retries non-JSON bodies.
 */
function twirpError(res: ServerResponse, code: keyof typeof TWIRP_STATUS, msg: string, headers: Record<string, string> = {}): void {
  sendJson(res, TWIRP_STATUS[code], { code, msg }, headers);
}

async function twirp(ctx: Context, method: string): Promise<void> {
  const { req, res } = ctx;
  if (req.method !== 'POST') {
    twirpError(res, 'bad_route', `unsupported method ${req.method ?? ''} (only POST is allowed)`);
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    twirpError(res, 'bad_route', `unexpected Content-Type ${req.headers['content-type'] ?? '(none)'} (this server speaks Twirp JSON only)`);
    return;
  }
  const auth = verifyBearer(ctx.secret, req.headers.authorization);
  if (!auth.ok) {
    twirpError(res, 'unauthenticated', auth.reason);
    return;
  }
  const body = await readJson(req);
  if (body === undefined) {
    twirpError(res, 'malformed', 'the body is not a JSON object');
    return;
  }
  switch (method) {
    case 'CreateCacheEntry':
      if (ctx.refuseUploads) {
        twirpError(res, 'resource_exhausted', 'Too Many Requests: cache entry creation rate limit exceeded');
        return;
      }
      createCacheEntry(ctx, auth.access, body);
      return;
    case 'FinalizeCacheEntryUpload':
      finalizeCacheEntryUpload(ctx, auth.access, body);
      return;
    case 'GetCacheEntryDownloadURL':
      getCacheEntryDownloadURL(ctx, auth.access, body);
      return;
    default:
      twirpError(res, 'bad_route', `no method ${method}`);
  }
}

/** Protobuf JSON: parsers accept the proto field name (`size_bytes`) and the camelCase one. */
function field(body: Record<string, unknown>, snake: string): unknown {
  return body[snake] ?? body[snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
}

function stringField(body: Record<string, unknown>, snake: string): string {
  const value = field(body, snake);
  return typeof value === 'string' ? value : '';
}

function createCacheEntry(ctx: Context, access: Access, body: Record<string, unknown>): void {
  const key = stringField(body, 'key');
  const version = stringField(body, 'version');
  if (!key || !version) {
    twirpError(ctx.res, 'invalid_argument', 'key and version are required');
    return;
  }
  if (!access.writeScope) {
    twirpError(ctx.res, 'permission_denied', 'the token grants no scope with write permission');
    return;
  }
  ctx.record.scope = access.writeScope;
  ctx.record.key = key;
  const wait = ctx.limit?.retryAfter() ?? 0;
  if (wait > 0) {
    twirpError(ctx.res, 'resource_exhausted', 'rate limit exceeded', { 'Retry-After': String(wait) });
    return;
  }
  const entry = ctx.store.reserve(access.writeScope, key, version);
  if (!entry) {
    twirpError(ctx.res, 'already_exists', 'cache entry with the same key, version, and scope already exists');
    return;
  }
  ctx.limit?.took();
  sendJson(ctx.res, 200, { ok: true, signed_upload_url: blobUrl(ctx, entry, 'cw') });
}

function finalizeCacheEntryUpload(ctx: Context, access: Access, body: Record<string, unknown>): void {
  const key = stringField(body, 'key');
  const version = stringField(body, 'version');
  // int64 in protobuf JSON: @actions/cache sends a string, BuildKit a number.
  const sizeField = field(body, 'size_bytes');
  const sizeBytes = typeof sizeField === 'string' || typeof sizeField === 'number' ? Number(sizeField) : NaN;
  if (!key || !version || !Number.isSafeInteger(sizeBytes)) {
    twirpError(ctx.res, 'invalid_argument', 'key, version and size_bytes are required');
    return;
  }
  if (!access.writeScope) {
    twirpError(ctx.res, 'permission_denied', 'the token grants no scope with write permission');
    return;
  }
  ctx.record.scope = access.writeScope;
  ctx.record.key = key;
  const entry = ctx.store.reserved(access.writeScope, key, version);
  if (!entry) {
    twirpError(ctx.res, 'not_found', `no upload in progress for ${key} in ${access.writeScope}`);
    return;
  }
  const size = ctx.store.blobSize(entry);
  if (size === undefined) {
    twirpError(ctx.res, 'failed_precondition', 'nothing was uploaded to the signed URL');
    return;
  }
  if (size !== sizeBytes) {
    twirpError(ctx.res, 'invalid_argument', `size_bytes ${sizeBytes} does not match the uploaded ${size} bytes`);
    return;
  }
  ctx.store.commit(entry, size);
  // entry_id is an int64, so a string: BuildKit fails on a JSON number here.
  sendJson(ctx.res, 200, { ok: true, entry_id: String(entry.id) });
}

function getCacheEntryDownloadURL(ctx: Context, access: Access, body: Record<string, unknown>): void {
  const key = stringField(body, 'key');
  const version = stringField(body, 'version');
  const restoreKeys = field(body, 'restore_keys');
  const prefixes = Array.isArray(restoreKeys) ? restoreKeys.filter((k): k is string => typeof k === 'string') : [];
  ctx.record.lookup = key;
  const entry = ctx.store.find(access.readScopes, version, key, prefixes);
  // A miss is `ok: false` with HTTP 200; a 404 would break BuildKit's export.
  if (!entry) {
    sendJson(ctx.res, 200, { ok: false, signed_download_url: '', matched_key: '' });
    return;
  }
  ctx.record.scope = entry.scope;
  ctx.record.key = entry.key;
  sendJson(ctx.res, 200, { ok: true, signed_download_url: blobUrl(ctx, entry, 'r'), matched_key: entry.key });
}

function blobUrl(ctx: Context, entry: Entry, permissions: 'r' | 'cw'): string {
  return `${ctx.base}${BLOB_PREFIX.slice(1)}${entry.blobId}?${signBlobQuery(ctx.secret, entry.blobId, permissions)}`;
}

// ---------------------------------------------------------------------------------------------
// v1: the legacy REST API under ACTIONS_CACHE_URL, what BuildKit ≤ 0.19 and GHES speak.

/** v1 errors in the shape of the real service, which BuildKit parses (`typeKey`, `message`). */
function v1Error(res: ServerResponse, status: number, typeKey: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    status,
    {
      $id: '1',
      innerException: null,
      message,
      typeName: `Microsoft.Azure.DevOps.ActionsCache.WebApi.${typeKey}`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    },
    headers,
  );
}

async function v1(ctx: Context, resource: string): Promise<void> {
  const { req, res } = ctx;
  const auth = verifyBearer(ctx.secret, req.headers.authorization);
  if (!auth.ok) {
    v1Error(res, 401, 'UnauthorizedException', auth.reason);
    return;
  }
  const id = /^caches\/(\d+)$/.exec(resource)?.[1];
  if (req.method === 'GET' && resource === 'cache') v1Lookup(ctx, auth.access);
  else if (req.method === 'POST' && resource === 'caches') await v1Reserve(ctx, auth.access);
  else if (req.method === 'PATCH' && id) await v1UploadChunk(ctx, auth.access, Number(id));
  else if (req.method === 'POST' && id) await v1Commit(ctx, auth.access, Number(id));
  else v1Error(res, 404, 'NotFoundException', `no route for ${req.method ?? ''} ${resource}`);
}

/** `GET cache?keys=a,b&version=V`: the first key exact, then every key as a prefix, newest first. */
function v1Lookup(ctx: Context, access: Access): void {
  const keys = (ctx.url.searchParams.get('keys') ?? '').split(',').filter(Boolean);
  const version = ctx.url.searchParams.get('version') ?? '';
  const [primary] = keys;
  if (primary === undefined || !version) {
    v1Error(ctx.res, 400, 'ArgumentException', 'keys and version are required');
    return;
  }
  ctx.record.lookup = primary;
  const entry = ctx.store.find(access.readScopes, version, primary, keys);
  // A miss is 204 with no body; BuildKit's export breaks on a 404 here.
  if (!entry) {
    ctx.res.writeHead(204).end();
    return;
  }
  ctx.record.scope = entry.scope;
  ctx.record.key = entry.key;
  sendJson(ctx.res, 200, {
    scope: entry.scope,
    cacheKey: entry.key,
    cacheVersion: entry.version,
    creationTime: new Date(entry.created).toISOString(),
    archiveLocation: blobUrl(ctx, entry, 'r'),
  });
}

async function v1Reserve(ctx: Context, access: Access): Promise<void> {
  const body = await readJson(ctx.req);
  const key = body && typeof body.key === 'string' ? body.key : '';
  const version = body && typeof body.version === 'string' ? body.version : '';
  if (!key || !version) {
    v1Error(ctx.res, 400, 'ArgumentException', 'key and version are required');
    return;
  }
  if (!access.writeScope) {
    v1Error(ctx.res, 403, 'AccessDeniedException', 'the token grants no scope with write permission');
    return;
  }
  ctx.record.scope = access.writeScope;
  ctx.record.key = key;
  const wait = ctx.limit?.retryAfter() ?? 0;
  if (wait > 0) {
    v1Error(ctx.res, 429, 'RequestBlockedException', `Request was blocked due to exceeding usage of resource 'Count' in namespace ''.`, {
      'Retry-After': String(wait),
    });
    return;
  }
  const entry = ctx.store.reserve(access.writeScope, key, version);
  if (!entry) {
    // BuildKit recognises a taken key by this typeKey (or "already exists" in the message).
    v1Error(ctx.res, 409, 'ArtifactCacheAlreadyExistsException', `Cache already exists. Scope: ${access.writeScope}, Key: ${key}, Version: ${version}`);
    return;
  }
  // v1 writes land in the blob file at their offsets, so it exists from the reservation on.
  writeFileSync(ctx.store.blobPath(entry), '');
  ctx.limit?.took();
  sendJson(ctx.res, 201, { cacheId: entry.id });
}

/** The entry `id` if this token may write to it, else an answer has been sent. */
function v1WritableEntry(ctx: Context, access: Access, id: number): Entry | undefined {
  const entry = ctx.store.get(id);
  // Another scope's reservation is as good as absent for this token.
  if (!entry || entry.scope !== access.writeScope) {
    v1Error(ctx.res, 404, 'ArtifactCacheNotFoundException', `Cache ${id} not found`);
    return undefined;
  }
  ctx.record.scope = entry.scope;
  ctx.record.key = entry.key;
  if (entry.state !== 'reserved') {
    v1Error(ctx.res, 400, 'InvalidOperationException', `Cache ${id} is already committed`);
    return undefined;
  }
  return entry;
}

/** `PATCH caches/N` with `Content-Range: bytes S-E/*`: chunks come out of order, several at once. */
async function v1UploadChunk(ctx: Context, access: Access, id: number): Promise<void> {
  const entry = v1WritableEntry(ctx, access, id);
  if (!entry) return;
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(ctx.req.headers['content-range'] ?? '');
  if (!range?.[1] || !range[2]) {
    v1Error(ctx.res, 400, 'ArgumentException', `bad Content-Range ${ctx.req.headers['content-range'] ?? '(none)'}`);
    return;
  }
  const start = Number(range[1]);
  const expected = Number(range[2]) - start + 1;
  const written = await receive(ctx.req, ctx.store.blobPath(entry), { flags: 'r+', start });
  if (written !== expected) {
    v1Error(ctx.res, 400, 'ArgumentException', `Content-Range says ${expected} bytes, the body had ${written}`);
    return;
  }
  ctx.res.writeHead(204).end();
}

/** `POST caches/N {size}`: the size must be what the chunks added up to. */
async function v1Commit(ctx: Context, access: Access, id: number): Promise<void> {
  const body = await readJson(ctx.req);
  const entry = v1WritableEntry(ctx, access, id);
  if (!entry) return;
  const size = ctx.store.blobSize(entry) ?? 0;
  if (typeof body?.size !== 'number' || body.size !== size) {
    v1Error(ctx.res, 400, 'ArgumentException', `Cache size of ${String(body?.size)} bytes does not match the uploaded ${size} bytes`);
    return;
  }
  ctx.store.commit(entry, size);
  ctx.res.writeHead(204).end();
}

// ---------------------------------------------------------------------------------------------
// Blobs: what the Azure SDKs (Go in BuildKit, JS in @actions/cache) send to a signed URL.

function azureHeaders(): Record<string, string> {
  // BuildKit's Azure client dereferences x-ms-request-id unchecked: without it dockerd crashes.
  return { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2025-01-05', Date: new Date().toUTCString() };
}

function azureError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { ...azureHeaders(), 'x-ms-error-code': code, 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) }).end(xml);
}

async function blob(ctx: Context, blobId: string): Promise<void> {
  const { req, res } = ctx;
  const entry = ctx.store.byBlobId(blobId);
  if (!entry) {
    azureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    return;
  }
  ctx.record.scope = entry.scope;
  ctx.record.key = entry.key;
  const writing = req.method === 'PUT';
  const refused = verifyBlobQuery(ctx.secret, blobId, ctx.url.searchParams, writing ? 'w' : 'r');
  if (refused) {
    azureError(res, 403, 'AuthenticationFailed', refused);
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') serveBlob(ctx, entry);
  else if (writing) await putBlob(ctx, entry);
  else azureError(res, 405, 'UnsupportedHttpVerb', `${req.method ?? ''} is not supported`);
}

/** GET (or HEAD) of the whole blob, or from an offset: `Range`/`x-ms-range: bytes=O-[E]`. */
function serveBlob(ctx: Context, entry: Entry): void {
  const { req, res } = ctx;
  const size = ctx.store.blobSize(entry);
  if (entry.state !== 'committed' || size === undefined) {
    azureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    return;
  }
  const headers = {
    ...azureHeaders(),
    'Accept-Ranges': 'bytes',
    'x-ms-blob-type': 'BlockBlob',
    ETag: `"${entry.blobId}"`,
    'Last-Modified': new Date(entry.created).toUTCString(),
    'Content-Type': 'application/octet-stream',
  };
  const rangeHeader = req.headers['x-ms-range'] ?? req.headers.range;
  const range = typeof rangeHeader === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(rangeHeader) : null;
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range?.[1] !== undefined) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || end < start) {
      azureError(res, 416, 'InvalidRange', `The range ${String(rangeHeader)} is not satisfiable for ${size} bytes.`);
      return;
    }
    status = 206;
    Object.assign(headers, { 'Content-Range': `bytes ${start}-${end}/${size}` });
  }
  res.writeHead(status, { ...headers, 'Content-Length': Math.max(0, end - start + 1) });
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  createReadStream(ctx.store.blobPath(entry), { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}

/** The three Azure uploads: one-shot `PUT`, staged `comp=block`, and the `comp=blocklist` commit. */
async function putBlob(ctx: Context, entry: Entry): Promise<void> {
  const { req, res, store } = ctx;
  if (entry.state !== 'reserved') {
    azureError(res, 409, 'BlobImmutable', 'The cache entry is committed; its blob can no longer change.');
    return;
  }
  const comp = ctx.url.searchParams.get('comp');
  if (comp === null) {
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
      azureError(res, 400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified: x-ms-blob-type.');
      return;
    }
    await receiveAtomically(req, store.blobPath(entry));
  } else if (comp === 'block') {
    const blockId = ctx.url.searchParams.get('blockid');
    if (!blockId) {
      azureError(res, 400, 'InvalidQueryParameterValue', 'blockid is required');
      return;
    }
    mkdirSync(store.blockDir(entry), { recursive: true });
    await receiveAtomically(req, blockPath(store, entry, blockId));
  } else if (comp === 'blocklist') {
    const ids = parseBlockList((await readAll(req, JSON_LIMIT)).toString('utf8'));
    const missing = ids.find((id) => !existsSync(blockPath(store, entry, id)));
    if (ids.length === 0 || missing !== undefined) {
      azureError(res, 400, 'InvalidBlockList', `The specified block list is invalid${missing === undefined ? '' : ` (block ${missing} was never staged)`}.`);
      return;
    }
    await concatenate(
      ids.map((id) => blockPath(store, entry, id)),
      store.blobPath(entry),
    );
  } else {
    azureError(res, 400, 'InvalidQueryParameterValue', `comp=${comp} is not supported`);
    return;
  }
  const headers: Record<string, string> = { ...azureHeaders(), 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' };
  if (comp !== 'block') Object.assign(headers, { ETag: `"${randomUUID()}"`, 'Last-Modified': new Date().toUTCString() });
  // Exactly 201: the Azure SDKs treat any other success code as an error.
  res.writeHead(201, headers).end();
}

function blockPath(store: Store, entry: Entry, blockId: string): string {
  // Block ids are base64 (with / and +): hex keeps them file-name safe.
  return path.join(store.blockDir(entry), Buffer.from(blockId, 'utf8').toString('hex'));
}

/** `<BlockList><Latest>id</Latest>…</BlockList>` (Committed/Uncommitted name the same staged blocks here). */
function parseBlockList(xml: string): string[] {
  const ids: string[] = [];
  for (const m of xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)) {
    ids.push(
      (m[2] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return ids;
}

async function concatenate(parts: string[], target: string): Promise<void> {
  const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const out = createWriteStream(tmp);
  for (const part of parts) await pipeline(createReadStream(part), out, { end: false });
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => {
      if (err) reject(err);
      else resolve();
    }),
  );
  renameSync(tmp, target);
}

// ---------------------------------------------------------------------------------------------
// Plumbing.

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

async function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse((await readAll(req, JSON_LIMIT)).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Streams the body into `file` (at `start` with flags r+); returns the bytes written. */
async function receive(req: IncomingMessage, file: string, options: { flags: string; start?: number }): Promise<number> {
  const out = createWriteStream(file, options);
  await pipeline(req, out);
  return out.bytesWritten;
}

/** A whole-file upload lands under a temporary name first, so a cut connection leaves no torn blob. */
async function receiveAtomically(req: IncomingMessage, file: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await receive(req, tmp, { flags: 'w' });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
