// The repository's Actions cache usage (GET /repos/{owner}/{repo}/actions/cache/usage, with
// github-token and `actions: read`), and the plan the budget leaves (plan/cache-budget.ts).
// Loaded only when the build would write to the Actions cache.
import type { GithubContext } from '../github/context.js';
import { send } from '../github/http.js';
import { applyBudget, budgetDecision, type CacheUsage, usageFromApi } from '../plan/cache-budget.js';
import type { CachePlan } from '../plan/cache.js';
import * as core from '../runner.js';

type Env = Readonly<Record<string, string | undefined>>;

/** One quick attempt: the budget is advice, and must not hold a build up. */
const USAGE_POLICY = { attemptMs: 5_000, budgetMs: 5_000, attempts: 1, baseMs: 0, maxMs: 0 };

export async function cacheUsage(repository: string, token: string, env: Env): Promise<CacheUsage | undefined> {
  const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  try {
    const res = await send(
      {
        url: `${api}/repos/${repository}/actions/cache/usage`,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
      },
      USAGE_POLICY,
    );
    if (!res.ok) {
      core.info(`Cache budget: the cache usage API answered HTTP ${res.status} (github-token needs actions: read); writing as planned`);
      return undefined;
    }
    return usageFromApi(JSON.parse(res.body.toString('utf8')) as unknown);
  } catch (error) {
    core.info(`Cache budget: the cache usage API could not be asked (${error instanceof Error ? error.message : String(error)}); writing as planned`);
    return undefined;
  }
}

/**
 * The plan within the repository's Actions cache budget: asked only when the plan writes to the
 * Actions cache (gha, or local carried by it) and a github-token is there.
 */
export async function withinBudget(plan: CachePlan, ctx: GithubContext, token: string, env: Env): Promise<CachePlan> {
  if (plan.kind !== 'managed' || (plan.backend !== 'gha' && plan.backend !== 'local') || plan.write === undefined || token === '' || ctx.repository === '') {
    return plan;
  }
  const usage = await cacheUsage(ctx.repository, token, env);
  if (!usage) return plan;
  const decision = budgetDecision(usage, plan.rule === 'pull-request');
  if (decision.limited === undefined) return plan;
  const said = `Cache budget: ${decision.limited}.`;
  core.warning(said, { title: 'Cache budget' });
  const limited = applyBudget(plan, decision);
  return { ...limited, limited: decision.limited, warnings: [...limited.warnings, said] };
}
