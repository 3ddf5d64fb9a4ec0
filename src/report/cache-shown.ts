// The cache as the log, the debug line and the summary show it: Kiln's scopes, or the user's own
// entries with their credentials hidden.
import { shownEntry } from '../inputs/buildx-option.js';
import type { CachePlan } from '../plan/cache.js';

export { shownEntry };

/**
 * What the build reads and writes, as the log and the summary say it: Kiln's scopes for the
 * backends it plans, the user's own entries for cache-from / cache-to.
 */
export function cacheShown(plan: Pick<CachePlan, 'kind' | 'reads' | 'write' | 'cacheFrom' | 'cacheTo'>): { reads: string[]; written: string[] } {
  if (plan.kind === 'explicit') return { reads: plan.cacheFrom.map(shownEntry), written: plan.cacheTo.map(shownEntry) };
  return { reads: plan.reads, written: plan.write === undefined ? [] : [plan.write] };
}
