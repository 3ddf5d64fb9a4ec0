// What the build's Actions cache exports wrote, read from its log: for the `cache` output, the
// summary and the write-less retry (build/write-less.ts).
import type { BuildStep } from './log.js';

// BuildKit's gha exporter: one vertex per cache-to entry.
const GHA_EXPORT = /^exporting to GitHub Actions Cache\b/;

/**
 * What the build's Actions cache exports wrote, from BuildKit's log: a `writing layer … done`
 * status per blob it uploaded (it asks the service first and skips a blob the cache holds, saying
 * nothing), and one index entry per export that finished. BuildKit says neither the blobs' sizes
 * nor how many it skipped: those stay unknown (undefined), never guessed. Undefined when the
 * build exported nothing to the Actions cache.
 */
export function ghaWrites(steps: readonly BuildStep[]): { entriesWritten: number } | undefined {
  const exports = steps.filter((s) => GHA_EXPORT.test(s.name));
  if (exports.length === 0) return undefined;
  const layers = exports.reduce((sum, s) => sum + (s.layersWritten ?? 0), 0);
  const indexes = exports.filter((s) => s.error === undefined && s.seconds !== undefined).length;
  return { entriesWritten: layers + indexes };
}
