// What the build's Actions cache exports cost: the blobs BuildKit's log says it uploaded, sized
// by the index entry each export wrote (read back from the cache service with the step's runtime
// token, as BuildKit itself reads it: one lookup and one download per export), which also lists
// the layers the export skipped because the cache held them. BuildKit uploads from its own
// container straight to storage, so Kiln sees no upload; what it cannot read back stays unknown.
// Loaded only when the build exported to the Actions cache.
import { serviceUrl, twirp } from '../github/actions-service.js';
import { type RetryPolicy, send } from '../github/http.js';
import type { Env } from '../inputs/types.js';
import { type BuildxOption, typeOf } from '../inputs/buildx-option.js';
import { actionsCacheService } from '../plan/cache.js';
import { type ExportIndex, GHA_ENTRY_VERSION, ghaSpend, indexKeyPrefix, indexLayers, tokenWriteScope, type WriteSpend } from '../plan/cache-spend.js';
import type { GhaWritten } from '../build/gha-writes.js';

// A report detail: a few seconds at most, never the build's time.
const QUICK: RetryPolicy = { attemptMs: 5_000, budgetMs: 8_000, attempts: 2, baseMs: 200, maxMs: 1_000 };

interface Where {
  version: 1 | 2;
  url: string;
  token: string;
}

/** Where an export entry writes: its own url/url_v2/token attributes, else what buildx fills in from the runner's environment. */
function whereOf(entry: BuildxOption, env: Env): Where | undefined {
  const token = entry.attrs.token ?? env.ACTIONS_RUNTIME_TOKEN;
  if (!token) return undefined;
  if (entry.attrs.url_v2 && entry.attrs.version !== '1') return { version: 2, url: entry.attrs.url_v2, token };
  if (entry.attrs.url) return { version: 1, url: entry.attrs.url, token };
  const service = actionsCacheService(env);
  return service ? { ...service, token } : undefined;
}

/** The newest entry whose key starts with `prefix`, downloaded; undefined when there is none. */
async function newest(where: Where, prefix: string): Promise<Buffer | undefined> {
  let url: string | undefined;
  if (where.version === 2) {
    const found = await twirp(where, 'CacheService', 'GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: GHA_ENTRY_VERSION }, QUICK);
    url = found.ok === true && typeof found.signed_download_url === 'string' ? found.signed_download_url : undefined;
  } else {
    const query = `keys=${encodeURIComponent(prefix)}&version=${GHA_ENTRY_VERSION}`;
    const res = await send(
      {
        url: serviceUrl(where.url, `_apis/artifactcache/cache?${query}`),
        headers: { Authorization: `Bearer ${where.token}`, Accept: 'application/json;api-version=6.0-preview.1' },
      },
      QUICK,
    );
    if (res.ok && res.status !== 204) {
      const location = (JSON.parse(res.body.toString('utf8')) as { archiveLocation?: unknown }).archiveLocation;
      url = typeof location === 'string' ? location : undefined;
    }
  }
  if (url === undefined) return undefined;
  const res = await send({ url }, QUICK);
  return res.ok ? res.body : undefined;
}

/** The index one export entry wrote, read back; undefined when it cannot be found or read. */
async function exportIndex(entry: BuildxOption, env: Env): Promise<ExportIndex | undefined> {
  const where = whereOf(entry, env);
  const writeScope = where && tokenWriteScope(where.token);
  if (!where || writeScope === undefined) return undefined;
  const body = await newest(where, indexKeyPrefix(entry.attrs.scope ?? 'buildkit', writeScope));
  const layers = body && indexLayers(body.toString('utf8'));
  return layers ? { layers, bytes: body.length } : undefined;
}

/**
 * The spend of this build's Actions cache exports (`cacheTo`: the plan's export entries): the
 * entries written from the log, and when every export's index reads back, their bytes and the
 * entries skipped. A failed read costs only those two facts, never the step.
 */
export async function ghaExportSpend(written: GhaWritten, cacheTo: readonly BuildxOption[], env: Env): Promise<WriteSpend> {
  const exports = cacheTo.filter((e) => typeOf(e) === 'gha');
  // One index per finished export, each under its entry's scope: with fewer finished than
  // entries, which one failed is not known, so none is read.
  if (written.indexes === 0 || exports.length !== written.indexes) return ghaSpend(written, undefined);
  const read = await Promise.all(exports.map((e) => exportIndex(e, env).catch(() => undefined)));
  return ghaSpend(written, read.every((r): r is ExportIndex => r !== undefined) ? read : undefined);
}
