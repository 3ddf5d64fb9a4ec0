// What the Actions cache may cost: the repository's usage against its limit decides whether this
// build writes as planned, writes less (mode=min) or nothing. Pure: the usage is fetched by
// setup/cache-usage.ts.
import { optionFrom } from '../inputs/buildx-option.js';
import type { CachePlan } from './cache.js';

const GB = 1024 ** 3;

export const CACHE_BUDGET = {
  /** GitHub's Actions cache per repository, unless an admin pays for more. */
  limitBytes: 10 * GB,
  /** Writes stop above this part of the limit: eviction is hourly, and evicts the default branch too. */
  stopAt: 0.9,
  /** A write may add up to this part of the limit: nearer than that to stopAt, a build writes mode=min. */
  writeShare: 0.1,
  /** A pull request's build may add at most this part of the limit, and only while that fits under stopAt. */
  pullRequestShare: 0.05,
} as const;

/** The repository's Actions cache, from the cache usage API. */
export interface CacheUsage {
  bytes: number;
  limitBytes: number;
}

export interface BudgetDecision {
  write: 'as-planned' | 'min' | 'nothing';
  /** Said in the log, the summary and the `cache` output's `limited` when the build writes less. */
  limited?: string;
}

const gb = (bytes: number) => `${(bytes / GB).toFixed(1)} GB`;

/**
 * How much this build may write to the Actions cache. A pull request writes nothing when its share
 * would take the repository over stopAt; any other build writes nothing over stopAt and mode=min
 * when a full write (writeShare) would cross it.
 */
export function budgetDecision(usage: CacheUsage, pullRequest: boolean): BudgetDecision {
  const stop = usage.limitBytes * CACHE_BUDGET.stopAt;
  const held = `the repository's Actions cache holds ${gb(usage.bytes)} of its ${gb(usage.limitBytes)}`;
  if (usage.bytes >= stop) return { write: 'nothing', limited: `${held} (${Math.round(CACHE_BUDGET.stopAt * 100)}% or more): nothing written` };
  if (pullRequest) {
    const share = usage.limitBytes * CACHE_BUDGET.pullRequestShare;
    if (usage.bytes + share > stop) {
      return {
        write: 'nothing',
        limited: `${held}: a pull request's share (${gb(share)}) would take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this pull request writes nothing`,
      };
    }
    return { write: 'as-planned' };
  }
  if (usage.bytes + usage.limitBytes * CACHE_BUDGET.writeShare > stop) {
    return { write: 'min', limited: `${held}: a full write could take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this build writes mode=min` };
  }
  return { write: 'as-planned' };
}

/** The plan this decision leaves: the same, its exports at mode=min, or nothing written anywhere. */
export function applyBudget(plan: CachePlan, decision: BudgetDecision): CachePlan {
  if (decision.write === 'as-planned' || plan.kind !== 'managed' || plan.write === undefined) return plan;
  if (decision.write === 'min') {
    return { ...plan, mode: 'min', cacheTo: plan.cacheTo.map((entry) => optionFrom({ ...entry.attrs, mode: 'min' })) };
  }
  return {
    ...plan,
    write: undefined,
    cacheTo: [],
    ...(plan.local ? { local: { ...plan.local, saveKeyPrefix: undefined } } : {}),
  };
}

/** The cache usage API's answer (`GET /repos/{owner}/{repo}/actions/cache/usage`), read defensively. */
export function usageFromApi(body: unknown, limitBytes: number = CACHE_BUDGET.limitBytes): CacheUsage | undefined {
  const bytes = (body as { active_caches_size_in_bytes?: unknown } | null)?.active_caches_size_in_bytes;
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? { bytes, limitBytes } : undefined;
}
