// The legs' records in the Actions cache service (v2, the Twirp API github.com serves; v1, the REST
// API GitHub Enterprise Server serves), spoken directly: a record is a few hundred bytes of JSON, and @actions/cache would spend two processes
// (tar, zstd) per entry and version entries by file path and compressor, which differ between
// runners. One constant version makes every leg, on any runner, find every other leg's entry.
import { createHash } from 'node:crypto';
import { type ServiceEndpoint, serviceUrl, twirp } from '../github/actions-service.js';
import { send, shownUrl } from '../github/http.js';
import { normalizePlatform, type Platform } from '../inputs/platforms.js';
import type { Env } from '../inputs/types.js';
import { actionsCacheService } from '../plan/cache.js';
import type { LegRecord } from '../plan/fan-out.js';

const VERSION = createHash('sha256').update('kiln fan-out record v1').digest('hex');

export interface RecordStore {
  write(key: string, record: LegRecord): Promise<void>;
  /** The newest record whose key starts with `prefix`, if any. */
  read(prefix: string, platform: Platform): Promise<LegRecord | undefined>;
}

/** The service as the runner offers it to JavaScript actions, or why fan-out cannot use it. */
export function recordStore(env: Env): RecordStore | { error: string } {
  const service = actionsCacheService(env);
  if (!service) {
    return {
      error:
        "fan-out keeps each leg's digest in the Actions cache service, which this runner does not offer to this step (ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2, or on GitHub Enterprise Server ACTIONS_CACHE_URL, as the runner sets them for JavaScript steps)",
    };
  }
  const endpoint = { url: service.url, token: env.ACTIONS_RUNTIME_TOKEN ?? '' };
  return service.version === 2 ? v2Store(endpoint) : v1Store(endpoint);
}

function v2Store(endpoint: ServiceEndpoint): RecordStore {
  return {
    async write(key, record) {
      const created = await twirp(endpoint, 'CacheService', 'CreateCacheEntry', { key, version: VERSION });
      const upload = created.signed_upload_url;
      if (created.ok !== true || typeof upload !== 'string') throw new Error(`the Actions cache service refused to create ${key}`);
      const body = Buffer.from(JSON.stringify(record));
      const put = await send({
        method: 'PUT',
        url: upload,
        headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'Content-Type': 'application/json' },
        body,
      });
      if (!put.ok) throw new Error(`uploading ${key} to the Actions cache (${shownUrl(upload)}) failed with HTTP ${put.status}`);
      const done = await twirp(endpoint, 'CacheService', 'FinalizeCacheEntryUpload', { key, version: VERSION, size_bytes: String(body.length) });
      if (done.ok !== true) throw new Error(`the Actions cache service refused to finalize ${key}`);
    },
    async read(prefix, platform) {
      const found = await twirp(endpoint, 'CacheService', 'GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: VERSION });
      const download = found.signed_download_url;
      if (found.ok !== true || typeof download !== 'string' || download === '') return undefined;
      return fetchRecord(download, String(found.matched_key), platform);
    },
  };
}

/**
 * v1, GHES's REST API under ACTIONS_CACHE_URL, as @actions/cache speaks it: reserve (`POST caches`),
 * upload in one ranged `PATCH caches/{id}`, commit with the size (`POST caches/{id}`); a lookup is
 * `GET cache?keys=…&version=…`, 204 when nothing matches, else the entry's download URL.
 */
function v1Store(endpoint: ServiceEndpoint): RecordStore {
  const headers = { Authorization: `Bearer ${endpoint.token}`, Accept: 'application/json;api-version=6.0-preview.1' };
  const url = (resource: string) => serviceUrl(endpoint.url, `_apis/artifactcache/${resource}`);
  const refused = (what: string, status: number, body: Buffer) =>
    new Error(`the Actions cache service (v1) refused to ${what} (HTTP ${status}${body.length > 0 ? `: ${body.toString('utf8').slice(0, 200)}` : ''})`);
  return {
    async write(key, record) {
      const body = Buffer.from(JSON.stringify(record));
      const reserved = await send({ method: 'POST', url: url('caches'), headers, json: { key, version: VERSION, cacheSize: body.length } });
      const id = reserved.ok ? (JSON.parse(reserved.body.toString('utf8')) as { cacheId?: unknown }).cacheId : undefined;
      if (typeof id !== 'number') throw refused(`reserve ${key}`, reserved.status, reserved.body);
      const put = await send({
        method: 'PATCH',
        url: url(`caches/${id}`),
        headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes 0-${body.length - 1}/*` },
        body,
      });
      if (!put.ok) throw refused(`take ${key}'s bytes`, put.status, put.body);
      const done = await send({ method: 'POST', url: url(`caches/${id}`), headers, json: { size: body.length } });
      if (!done.ok) throw refused(`commit ${key}`, done.status, done.body);
    },
    async read(prefix, platform) {
      const found = await send({ url: url(`cache?keys=${encodeURIComponent(prefix)}&version=${VERSION}`), headers });
      if (found.status === 204) return undefined;
      if (!found.ok) throw refused(`look up ${prefix}`, found.status, found.body);
      const entry = JSON.parse(found.body.toString('utf8')) as { archiveLocation?: unknown; cacheKey?: unknown };
      if (typeof entry.archiveLocation !== 'string' || entry.archiveLocation === '') return undefined;
      return fetchRecord(entry.archiveLocation, String(entry.cacheKey), platform);
    },
  };
}

/** A record's bytes from the signed URL a lookup gave (no credential of ours goes there). */
async function fetchRecord(location: string, key: string, platform: Platform): Promise<LegRecord | undefined> {
  const res = await send({ url: location });
  if (!res.ok) throw new Error(`downloading ${key} from the Actions cache failed with HTTP ${res.status}`);
  return parseRecord(res.body.toString('utf8'), platform);
}

/**
 * A record as read back, its platform parsed as the inputs' are; undefined when it is not one
 * (another writer, another format) or is another platform's.
 */
export function parseRecord(text: string, platform: Platform): LegRecord | undefined {
  try {
    const r = JSON.parse(text) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    if (typeof r.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(r.digest) || normalizePlatform(str(r.platform)) !== platform) return undefined;
    return {
      platform,
      digest: r.digest,
      runner: str(r.runner),
      job: str(r.job),
      seconds: typeof r.seconds === 'number' ? r.seconds : 0,
      emulated: r.emulated === true,
      attempt: str(r.attempt),
    };
  } catch {
    return undefined;
  }
}
