// What the build found wrong with the cache: a warning for each failed import and export, and the
// same in words for the summary, beside the set-up's own warnings (the plan stays as it was made).
import type { BuildLog } from '../build/log.js';
import type { RunnerIo } from '../runner.js';

/** Warns of each failed cache import and export; returns what the summary says of them. */
export function reportCacheFailures(io: Pick<RunnerIo, 'warning'>, log: BuildLog, exportStopped: boolean): string[] {
  const failed = log.cacheFailures();
  for (const failure of failed.imports) {
    io.warning(`Cache import failed; the build ran without that cache: ${failure}`, { title: 'Cache import failed' });
  }
  // A stopped export has said so already (the cancelled vertex is no news).
  for (const failure of exportStopped ? [] : failed.exports) {
    io.warning(`Cache export failed; the build succeeded, but the next run will not find this cache: ${failure}`, { title: 'Cache export failed' });
  }
  return [...failed.exports.map((f) => `export failed: ${f}`), ...failed.imports.map((f) => `import failed: ${f}`)];
}
