// The legs' records in the Actions cache service (v2, the Twirp API github.com serves), spoken
// directly: a record is a few hundred bytes of JSON, and @actions/cache would spend two processes
// (tar, zstd) per entry and version entries by file path and compressor, which differ between
// runners. One constant version makes every leg, on any runner, find every other leg's entry.
import { createHash } from 'node:crypto';
import { normalizePlatform, type Platform } from '../inputs/platforms.js';
import type { LegRecord } from '../plan/fan-out.js';
import type { Env } from '../inputs/types.js';

const SERVICE = 'twirp/github.actions.results.api.v1.CacheService';
const VERSION = createHash('sha256').update('kiln fan-out record v1').digest('hex');

export interface RecordStore {
  write(key: string, record: LegRecord): Promise<void>;
  /** The newest record whose key starts with `prefix`, if any. */
  read(prefix: string, platform: Platform): Promise<LegRecord | undefined>;
}

/** The service as the runner offers it to JavaScript actions, or why fan-out cannot use it. */
export function recordStore(env: Env): RecordStore | { error: string } {
  const token = env.ACTIONS_RUNTIME_TOKEN;
  const url = env.ACTIONS_RESULTS_URL;
  const v2 = env.ACTIONS_CACHE_SERVICE_V2 !== undefined && !['', 'false', '0'].includes(env.ACTIONS_CACHE_SERVICE_V2);
  if (!token || !url || !v2) {
    return {
      error:
        "fan-out keeps each leg's digest in the Actions cache service (v2), which this runner does not offer (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2 must be set, as GitHub sets them for JavaScript steps). " +
        'GitHub Enterprise Server still serves the v1 service, which fan-out does not speak: build all platforms in one job there.',
    };
  }
  const base = url.endsWith('/') ? url : `${url}/`;
  const call = async (method: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetchRetrying(`${base}${SERVICE}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`the Actions cache service answered ${method} with HTTP ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  return {
    async write(key, record) {
      const created = await call('CreateCacheEntry', { key, version: VERSION });
      const upload = created.signed_upload_url;
      if (created.ok !== true || typeof upload !== 'string') throw new Error(`the Actions cache service refused to create ${key}`);
      const body = Buffer.from(JSON.stringify(record));
      const put = await fetchRetrying(upload, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'Content-Type': 'application/json' },
        body,
      });
      if (!put.ok) throw new Error(`uploading ${key} to the Actions cache failed with HTTP ${put.status}`);
      const done = await call('FinalizeCacheEntryUpload', { key, version: VERSION, size_bytes: String(body.length) });
      if (done.ok !== true) throw new Error(`the Actions cache service refused to finalize ${key}`);
    },
    async read(prefix, platform) {
      const found = await call('GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: VERSION });
      const download = found.signed_download_url;
      if (found.ok !== true || typeof download !== 'string' || download === '') return undefined;
      const res = await fetchRetrying(download, {});
      if (!res.ok) throw new Error(`downloading ${String(found.matched_key)} from the Actions cache failed with HTTP ${res.status}`);
      return parseRecord(await res.text(), platform);
    },
  };
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

/** The service's transient failures (network, 5xx, 429) are retried briefly, as its clients do. */
async function fetchRetrying(url: string, init: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      if (attempt >= attempts || (res.status < 500 && res.status !== 429)) return res;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
}
