// What a build's cache writes cost, from facts the backends leave behind. Pure: the keys to look
// for, the listings, and the sums; report/gha-spend.ts and report/local-spend.ts read the facts.
//
// Actions cache: BuildKit's log names the blobs it uploaded (build/gha-writes.ts), and the index
// entry each export writes lists every layer of the export with its size. BuildKit's gha exporter
// (cache/remotecache/gha/gha.go): a blob is stored as `buildkit-blob-1-<digest>` after asking
// whether that key exists (skipped when it does); the index as
// `index-<scope>-1-<8 hex of sha256(the token's write scope)>#<n>`, a new `#n` on every export;
// all entries under go-actions-cache's one version.
//
// Local directory (an OCI layout): the blob files the export added, and the cache manifest's
// layers that were there before it.
import { createHash } from 'node:crypto';

/** go-actions-cache's version of every entry it writes: sha256 of a constant, not of the key. */
export const GHA_ENTRY_VERSION = createHash('sha256').update('|go-actionscache-1.0').digest('hex');

/** What the writes cost; a field is set only when it is known (never guessed). Entries: the backend's own (Actions cache entries, blob files). */
export interface WriteSpend {
  entriesWritten?: number;
  bytesWritten?: number;
  entriesSkipped?: number;
}

/** An export's index entry as read back: its layers (blob digest → size) and its own length. */
export interface ExportIndex {
  layers: ReadonlyMap<string, number>;
  bytes: number;
}

/**
 * The scope the runtime token writes (its `ac` claim: `[{"Scope":…,"Permission":…}]`, bit 2 =
 * write; the last such scope, as go-actions-cache picks it). Undefined when the token says none.
 */
export function tokenWriteScope(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { ac?: unknown };
    if (typeof payload.ac !== 'string') return undefined;
    const grants = JSON.parse(payload.ac) as unknown;
    if (!Array.isArray(grants)) return undefined;
    const writes = grants.filter(
      (g): g is { Scope: string; Permission: number } =>
        typeof (g as { Scope?: unknown }).Scope === 'string' &&
        typeof (g as { Permission?: unknown }).Permission === 'number' &&
        ((g as { Permission: number }).Permission & 2) !== 0,
    );
    return writes.at(-1)?.Scope;
  } catch {
    return undefined;
  }
}

/** The prefix of the index entries an export to `scope` writes with a token writing `writeScope`. */
export function indexKeyPrefix(scope: string, writeScope: string): string {
  return `index-${scope}-1-${createHash('sha256').update(writeScope).digest('hex').slice(0, 8)}#`;
}

/** The layers an exported index lists (BuildKit's cache config: `layers[].blob`, `.annotations.size`); undefined if it is not one. */
export function indexLayers(text: string): Map<string, number> | undefined {
  try {
    const config = JSON.parse(text) as { layers?: unknown } | null;
    if (!Array.isArray(config?.layers)) return undefined;
    const layers = new Map<string, number>();
    for (const layer of config.layers as { blob?: unknown; annotations?: { size?: unknown } }[]) {
      const size = layer.annotations?.size;
      if (typeof layer.blob !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
      layers.set(layer.blob, size);
    }
    return layers;
  } catch {
    return undefined;
  }
}

/**
 * The spend of the Actions cache exports: the entries written (the blobs the log names, one index
 * per finished export) always; with every finished export's index read back, the bytes (the
 * written blobs' sizes as the indexes list them, plus the indexes themselves) and the layers the
 * exports skipped (listed, not written: the cache held them). Both stay unknown when a written
 * blob is in no index read: that index is not this build's (another build wrote the scope since).
 */
export function ghaSpend(written: { blobs: readonly string[]; indexes: number }, read: readonly ExportIndex[] | undefined): WriteSpend {
  const spend: WriteSpend = { entriesWritten: written.blobs.length + written.indexes };
  if (read === undefined || written.indexes === 0 || read.length !== written.indexes) return spend;
  const listed = new Map<string, number>();
  for (const index of read) for (const [blob, size] of index.layers) listed.set(blob, size);
  const sizes = written.blobs.map((blob) => listed.get(blob));
  if (!sizes.every((s): s is number => s !== undefined)) return spend;
  const wrote = new Set(written.blobs);
  return {
    ...spend,
    bytesWritten: sizes.reduce((sum, s) => sum + s, 0) + read.reduce((sum, index) => sum + index.bytes, 0),
    entriesSkipped: [...listed.keys()].filter((blob) => !wrote.has(blob)).length,
  };
}

/** The layer digests a cache manifest lists (an OCI image manifest's `layers`); undefined if it is not one. */
export function manifestLayers(text: string): string[] | undefined {
  try {
    const manifest = JSON.parse(text) as { layers?: unknown } | null;
    if (!Array.isArray(manifest?.layers)) return undefined;
    const digests = (manifest.layers as { digest?: unknown }[]).map((l) => l.digest);
    return digests.every((d): d is string => typeof d === 'string') ? digests : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A local cache directory's spend: the blob files the export added (`after` minus `before`, with
 * their sizes), and the layers its cache manifest lists that the directory held before (`listed`).
 */
export function directorySpend(before: ReadonlySet<string>, after: ReadonlyMap<string, number>, listed: readonly string[]): WriteSpend {
  const added = [...after].filter(([blob]) => !before.has(blob));
  return {
    entriesWritten: added.length,
    bytesWritten: added.reduce((sum, [, size]) => sum + size, 0),
    entriesSkipped: new Set(listed.filter((blob) => before.has(blob))).size,
  };
}
