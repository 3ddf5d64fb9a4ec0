// The repository's Actions cache usage (GET /repos/{owner}/{repo}/actions/cache/usage, with
// github-token and `actions: read`): a fact the cache plan's budget rests on (plan/step-cache.ts).
// Loaded only when the build may write to the Actions cache.
import { send } from '../github/http.js';
import { type CacheUsage, usageFromApi } from '../plan/cache-budget.js';
import type { Env } from '../inputs/types.js';
import * as core from '../runner.js';

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
