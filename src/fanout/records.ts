// The legs' records in the Actions cache service (v2, the Twirp API github.com serves), spoken
// directly: a record is a few hundred bytes of JSON, and @actions/cache would spend two processes
// (tar, zstd) per entry and version entries by file path and compressor, which differ between
// runners. One constant version makes every leg, on any runner, find every other leg's entry.
import { createHash } from 'node:crypto';
import { twirp } from '../github/actions-service.js';
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
  if (service?.version !== 2) {
    return {
      error:
        "fan-out keeps each leg's digest in the Actions cache service (v2), which this runner does not offer (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2 must be set, as GitHub sets them for JavaScript steps). " +
        'GitHub Enterprise Server still serves the v1 service, which fan-out does not speak: build all platforms in one job there.',
    };
  }
  const endpoint = { url: service.url, token: env.ACTIONS_RUNTIME_TOKEN ?? '' };
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
      const res = await send({ url: download });
      if (!res.ok) throw new Error(`downloading ${String(found.matched_key)} from the Actions cache failed with HTTP ${res.status}`);
      return parseRecord(res.body.toString('utf8'), platform);
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
