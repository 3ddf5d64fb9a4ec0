// The `cache` output: what the cache did for this build, as JSON for later steps and dashboards.
import type { BuildStep } from '../build/log.js';
import { onlyPlatform, type Platform } from '../inputs/platforms.js';
import type { CachePlan } from '../plan/cache.js';
import type { FirstMiss as MissFound, PlatformMiss, StepRef } from '../plan/cache-miss.js';
import { cacheShown } from './cache-shown.js';
import { isDockerfileStep } from './steps.js';
import { ghaWrites } from '../build/gha-writes.js';

export { ghaWrites };

/** The first step of a platform the cache did not serve, and why (filled by the miss explainer). */
export interface FirstMiss {
  step: string;
  cause: string;
  [detail: string]: unknown;
}

export interface PlatformCache {
  /** Cached Dockerfile steps / Dockerfile steps of this platform, 0..1 (rounded to 3 places). */
  hitRatio: number;
  firstMiss?: FirstMiss;
}

/**
 * The `cache` output. `rule`: why the build may write or not (plan/cache.ts WriteRule, `explicit`
 * for the user's own cache-to). The byte and entry counts are set
 * only when Kiln could learn them; `limited` says why Kiln wrote less than it would have.
 */
export interface CacheOutput {
  backend: string;
  rule: string;
  read: string[];
  written: string[];
  platforms: Record<string, PlatformCache>;
  bytesWritten?: number;
  entriesWritten?: number;
  entriesSkipped?: number;
  limited?: string;
}

/** What the build's cache writes cost, as far as Kiln could tell, and what it cut back. */
export interface CacheSpend {
  bytesWritten?: number;
  entriesWritten?: number;
  entriesSkipped?: number;
  limited?: string;
}

/** What the build found beside the plan: each platform's first miss (report/cache-miss.ts) and the spend. */
export interface CacheFound extends CacheSpend {
  misses?: readonly PlatformMiss[];
}

/** `[stage 2] COPY app/ /app/`: the Dockerfile's own text (never BuildKit's title, which expands argument values). */
const stepLabel = (s: StepRef) => `[${s.stage ? `${s.stage} ` : ''}${s.n}] ${s.text}`;

/**
 * A first miss as the output gives it: `step` and `cause` (its kind) as strings, the cause's own
 * fields beside them (file paths, argument names, digests, scopes; never an argument value).
 */
export function outputMiss(m: MissFound): FirstMiss {
  const { kind, ...detail } = m.cause;
  const out: FirstMiss = { step: stepLabel(m.step), cause: kind, line: m.step.line, ...detail };
  if (m.at) out.at = stepLabel(m.at);
  if (m.comparedWith !== undefined) out.comparedWith = m.comparedWith;
  return out;
}

/**
 * The platform a step built for: `linux/amd64->arm64` (cross-compiled on amd64) counts for
 * linux/arm64; a step that names none (a single-platform build) for `fallback`.
 */
export function stepPlatform(step: Pick<BuildStep, 'platform'>, fallback: string): string {
  const p = step.platform;
  if (p === undefined) return fallback;
  const arrow = p.indexOf('->');
  if (arrow < 0) return p;
  const os = p.slice(0, p.indexOf('/'));
  return `${os}/${p.slice(arrow + 2)}`;
}

/** The platform of steps that name none: the build's only platform, else the engine's own. */
export function defaultPlatform(platforms: readonly Platform[], engine: string): string {
  return onlyPlatform(platforms) ?? engine;
}

/** Per platform: Dockerfile steps and how many the cache served. */
export function platformHits(steps: BuildStep[], fallback: string): Record<string, { cached: number; total: number }> {
  const out: Record<string, { cached: number; total: number }> = {};
  for (const step of steps) {
    if (!isDockerfileStep(step)) continue;
    const counts = (out[stepPlatform(step, fallback)] ??= { cached: 0, total: 0 });
    counts.total++;
    if (step.cached) counts.cached++;
  }
  return out;
}

const ratio = (cached: number, total: number) => (total === 0 ? 0 : Math.round((cached / total) * 1000) / 1000);

/**
 * The output's value for this plan and build. `fallback`: the platform of steps that name none
 * (the misses must have been found with the same).
 */
export function cacheOutput(
  plan: Pick<CachePlan, 'kind' | 'backend' | 'rule' | 'reads' | 'write' | 'cacheFrom' | 'cacheTo' | 'limited'>,
  steps: BuildStep[],
  fallback: string,
  found: CacheFound = {},
): CacheOutput {
  const { misses = [], ...given } = found;
  const known = Object.fromEntries(Object.entries(given).filter(([, v]) => (v as unknown) !== undefined)) as CacheSpend;
  const spend = { ...ghaWrites(steps), ...known };
  const shown = cacheShown(plan);
  const platforms: Record<string, PlatformCache> = {};
  for (const [platform, { cached, total }] of Object.entries(platformHits(steps, fallback))) platforms[platform] = { hitRatio: ratio(cached, total) };
  for (const { platform, firstMiss } of misses) {
    const entry = platforms[platform];
    if (entry && firstMiss) entry.firstMiss = outputMiss(firstMiss);
  }
  const rule = plan.kind === 'explicit' ? 'explicit' : plan.rule;
  const defined = Object.fromEntries(Object.entries({ ...spend, limited: spend.limited ?? plan.limited }).filter(([, v]) => v !== undefined)) as CacheSpend;
  return { backend: plan.backend, rule, read: shown.reads, written: shown.written, platforms, ...defined };
}
