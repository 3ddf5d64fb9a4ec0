// The facts the cache is planned from, gathered before set-up starts and side by side: the Actions
// cache service's health (a probe) and the repository's cache usage (the budget). Each is asked
// only when the cache could use it (plan/step-cache.ts); the modules load only then.
import type { GithubContext } from '../github/context.js';
import type { Env, Inputs } from '../inputs/types.js';
import type { CacheUsage } from '../plan/cache-budget.js';
import { actionsCacheService, type CacheRequest, type ServiceHealth } from '../plan/cache.js';
import { mayUseActionsCache, mayWriteActionsCache } from '../plan/step-cache.js';

export interface GatheredCacheFacts {
  health: ServiceHealth;
  usage?: CacheUsage;
}

async function probe(env: Env): Promise<ServiceHealth> {
  const service = actionsCacheService(env);
  if (!service) return {};
  const { probeCacheService } = await import('./cache-service-probe.js');
  return probeCacheService(service, env.ACTIONS_RUNTIME_TOKEN ?? '');
}

export async function gatherCacheFacts(
  inputs: Pick<Inputs, 'cache' | 'githubToken'>,
  request: CacheRequest,
  ctx: GithubContext,
  env: Env,
): Promise<GatheredCacheFacts> {
  const health = mayUseActionsCache(inputs.cache, request, env) ? probe(env) : Promise.resolve({});
  const usage = mayWriteActionsCache(inputs.cache, request, ctx, env, inputs.githubToken)
    ? import('./cache-usage.js').then((m) => m.cacheUsage(ctx.repository, inputs.githubToken, env))
    : Promise.resolve(undefined);
  const [h, u] = await Promise.all([health, usage]);
  return u ? { health: h, usage: u } : { health: h };
}
