// The step's one cache plan. The facts it rests on are gathered before set-up starts (the Actions
// cache service's health, the repository's cache usage, the builder's BuildKit as the builder
// decision and the engine tell it); this pure function then decides, once, what the login, the
// build's arguments, the log and the summary all read.
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import type { BuildxOption } from '../inputs/buildx-option.js';
import type { CacheInputs, Env, Inputs } from '../inputs/types.js';
import { pushTargets } from './build-plan.js';
import { applyBudget, budgetDecision, type CacheUsage } from './cache-budget.js';
import { actionsCacheService, type BuilderCaps, type CachePlan, type CacheRequest, eventScopes, planCache, type ServiceHealth } from './cache.js';
import type { BuildContext } from './context.js';

/** What the cache plan is decided from, beyond the inputs and the job. */
export interface CacheFacts {
  /** What the builder's BuildKit speaks (plan/setup-plan.ts builderCaps). */
  caps: BuilderCaps;
  /** What the probe found wrong with the Actions cache service ({} when it was not asked). */
  health: ServiceHealth;
  /** The repository's Actions cache usage, when it was asked and answered. */
  usage?: CacheUsage;
}

/** What the build is about, as the cache policy sees it. */
export function cacheRequest(inputs: Inputs, context: BuildContext, ctx: Pick<GithubContext, 'workspace'>): CacheRequest {
  return {
    tags: inputs.tags,
    platforms: inputs.platforms,
    pushes: pushTargets(inputs).length > 0,
    dockerfile: context.kind === 'path' ? path.relative(ctx.workspace, context.dockerfile) : inputs.file,
    target: inputs.target,
    cacheFrom: inputs.cacheFrom,
    cacheTo: inputs.cacheTo,
  };
}

/**
 * Whether the cache may use the Actions cache service (gha, or a local directory it carries):
 * then the service is probed before the plan is made. Explicit cache-from / cache-to never do.
 */
export function mayUseActionsCache(cache: Pick<CacheInputs, 'backend'>, request: Pick<CacheRequest, 'cacheFrom' | 'cacheTo'>, env: Env): boolean {
  if (request.cacheFrom.length > 0 || request.cacheTo.length > 0) return false;
  return ['auto', 'gha', 'local'].includes(cache.backend) && actionsCacheService(env) !== undefined;
}

/** Whether the build may write to the Actions cache: then the repository's usage is asked (with github-token). */
export function mayWriteActionsCache(
  cache: Pick<CacheInputs, 'backend' | 'write'>,
  request: Pick<CacheRequest, 'cacheFrom' | 'cacheTo'>,
  ctx: GithubContext,
  env: Env,
  token: string,
): boolean {
  return token !== '' && ctx.repository !== '' && mayUseActionsCache(cache, request, env) && eventScopes(ctx, cache.write).write !== undefined;
}

/**
 * The cache-to entries this build asks of any builder that can export: the builder decision's
 * `cache-export` demand. Only whether there are any matters, and that does not depend on the
 * builder's BuildKit (gha and local both export), so it is known before the builder is decided.
 */
export function cacheExportAsked(cache: CacheInputs, request: CacheRequest, ctx: GithubContext, env: Env, health: ServiceHealth): BuildxOption[] {
  return planCache(cache, request, ctx, env, {}, '', health).cacheTo;
}

/** The plan writes to the Actions cache (gha, or a local directory carried by it): the budget applies. */
function writesActionsCache(plan: CachePlan): boolean {
  return plan.kind === 'managed' && (plan.backend === 'gha' || plan.backend === 'local') && plan.write !== undefined;
}

/**
 * The step's cache: the backend and scopes for this builder and service (plan/cache.ts), within
 * the repository's Actions cache budget (plan/cache-budget.ts). `tempDir` holds a local cache's
 * directory.
 */
export function planStepCache(cache: CacheInputs, request: CacheRequest, ctx: GithubContext, env: Env, facts: CacheFacts, tempDir: string): CachePlan {
  const plan = planCache(cache, request, ctx, env, facts.caps, tempDir, facts.health);
  if (facts.usage === undefined || !writesActionsCache(plan)) return plan;
  const decision = budgetDecision(facts.usage, plan.rule === 'pull-request');
  if (decision.limited === undefined) return plan;
  const limited = applyBudget(plan, decision);
  return { ...limited, limited: decision.limited, warnings: [...limited.warnings, budgetWarning(decision.limited)] };
}

/** The budget's warning, as the log and the summary say it. */
export function budgetWarning(limited: string): string {
  return `Cache budget: ${limited}.`;
}

/**
 * A created builder's BuildKit is known only once it runs: the plan assumed a recent one. Said
 * when it is too old for the Actions cache service v2 the plan uses (its import and export then
 * fail, without failing the build: ignore-error).
 */
export function staleBuildkit(plan: Pick<CachePlan, 'backend' | 'cacheFrom'>, reported: string | undefined): string | undefined {
  const v2 = plan.backend === 'gha' && plan.cacheFrom.some((e) => e.attrs.version === '2');
  const [major = 0, minor = 0] = (reported ?? '').replace(/^v/, '').split('.').map(Number);
  if (!v2 || reported === undefined || reported.includes('0.0.0') || major > 0 || minor >= 20) return undefined;
  return `This builder's BuildKit (${reported}) is older than 0.20, which the Actions cache service v2 needs: its gha cache import and export will fail (the build goes on). Use a newer BuildKit image (driver-opts: image=moby/buildkit:buildx-stable-1) or \`cache: local\`.`;
}
