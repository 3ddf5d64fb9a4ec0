// What this build's cache exports cost, for the summary and the `cache` output (issue 19): the
// Actions cache's from its log and exported index (report/gha-spend.ts), the local directory's
// from its blob files (report/local-spend.ts). Other backends: unknown, so nothing is said.
import type { BuildStep } from '../build/log.js';
import { ghaWritten } from '../build/gha-writes.js';
import type { Env } from '../inputs/types.js';
import type { WriteSpend } from '../plan/cache-spend.js';
import type { CachePlan } from '../plan/cache.js';

export interface SpendFacts {
  steps: readonly BuildStep[];
  /** Kiln stopped the export at its deadline: what it wrote is not known. */
  exportStopped: boolean;
  cache: Pick<CachePlan, 'cacheTo' | 'local'>;
  /** Entries both runs of a write-less retry wrote (build/write-less.ts): the log of one run tells only its own. */
  retriedEntries?: number;
  /** The local cache directory's blobs before the build (phases/build.ts). */
  localBefore?: ReadonlySet<string>;
  env: Env;
}

export async function cacheSpend(facts: SpendFacts): Promise<WriteSpend | undefined> {
  if (facts.retriedEntries !== undefined) return { entriesWritten: facts.retriedEntries };
  if (facts.exportStopped) return undefined;
  const written = ghaWritten(facts.steps);
  if (written) return (await import('./gha-spend.js')).ghaExportSpend(written, facts.cache.cacheTo, facts.env);
  const dir = facts.cache.local?.dir;
  if (facts.localBefore && dir !== undefined) return (await import('./local-spend.js')).localSpend(dir, facts.localBefore);
  return undefined;
}
