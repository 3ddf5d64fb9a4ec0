// What the build's Actions cache exports wrote, read from its log: for the `cache` output, the
// summary and the write-less retry (build/write-less.ts).
import type { BuildStep } from './log.js';

// BuildKit's gha exporter: one vertex per cache-to entry.
const GHA_EXPORT = /^exporting to GitHub Actions Cache\b/;

/** The blobs the Actions cache exports uploaded (their digests) and the index entries they wrote. */
export interface GhaWritten {
  blobs: string[];
  indexes: number;
}

/**
 * From BuildKit's log: a `writing layer … done` status per blob it uploaded (it asks the service
 * first and skips a blob the cache holds, saying nothing), and one index entry per export that
 * finished (BuildKit writes a new `index-…#n` entry every time, changed or not). Undefined when
 * the build exported nothing to the Actions cache.
 */
export function ghaWritten(steps: readonly BuildStep[]): GhaWritten | undefined {
  const exports = steps.filter((s) => GHA_EXPORT.test(s.name));
  if (exports.length === 0) return undefined;
  return {
    blobs: [...new Set(exports.flatMap((s) => s.blobsWritten ?? []))],
    indexes: exports.filter((s) => s.error === undefined && s.seconds !== undefined).length,
  };
}

/**
 * How many entries the build's Actions cache exports wrote, from BuildKit's log. BuildKit says
 * neither the blobs' sizes nor how many it skipped: those come from the exported index
 * (report/gha-spend.ts), or stay unknown. Undefined when the build exported nothing there.
 */
export function ghaWrites(steps: readonly BuildStep[]): { entriesWritten: number } | undefined {
  const exports = steps.filter((s) => GHA_EXPORT.test(s.name));
  if (exports.length === 0) return undefined;
  const layers = exports.reduce((sum, s) => sum + (s.layersWritten ?? 0), 0);
  const indexes = exports.filter((s) => s.error === undefined && s.seconds !== undefined).length;
  return { entriesWritten: layers + indexes };
}
