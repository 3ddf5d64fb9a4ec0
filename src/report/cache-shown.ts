// The cache as the log, the debug line and the summary show it: Kiln's scopes, or the user's own
// entries with their credentials hidden.
import { type BuildxOption, optionFrom } from '../inputs/buildx-option.js';
import type { CachePlan } from '../plan/cache.js';

// Cache attributes that carry credentials (s3, azblob, gha): shown as *** wherever an entry is shown.
const CREDENTIALS = new Set(['token', 'access_key_id', 'secret_access_key', 'session_token', 'account_key', 'secret']);

/**
 * A cache entry fit for the log and the summary: as given, or, when it carries credentials,
 * written out again from its attributes with their values hidden.
 */
export function shownEntry(entry: BuildxOption): string {
  if (!Object.keys(entry.attrs).some((key) => CREDENTIALS.has(key))) return entry.raw;
  return optionFrom(Object.fromEntries(Object.entries(entry.attrs).map(([key, value]) => [key, CREDENTIALS.has(key) ? '***' : value]))).raw;
}

/**
 * What the build reads and writes, as the log and the summary say it: Kiln's scopes for the
 * backends it plans, the user's own entries for cache-from / cache-to.
 */
export function cacheShown(plan: Pick<CachePlan, 'kind' | 'reads' | 'write' | 'cacheFrom' | 'cacheTo'>): { reads: string[]; written: string[] } {
  if (plan.kind === 'explicit') return { reads: plan.cacheFrom.map(shownEntry), written: plan.cacheTo.map(shownEntry) };
  return { reads: plan.reads, written: plan.write === undefined ? [] : [plan.write] };
}
