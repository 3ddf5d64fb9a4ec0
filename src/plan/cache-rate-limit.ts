// GitHub's Actions cache takes at most 200 new entries a minute per repository and answers 429
// past that; BuildKit's gha backend writes one entry per layer blob, so a mode=max export of a big
// build (or a matrix of them) hits it. With ignore-error=true the build succeeds without its
// cache. Kiln then writes less: the export again at mode=min (the build itself is cached, only
// the export runs again), and if that is refused too, nothing more. Pure: the re-run is
// build/write-less.ts's.
import { optionFrom, typeOf } from '../inputs/buildx-option.js';
import type { CachePlan } from './cache.js';

/**
 * How a refused upload reads in BuildKit's export error: BuildKit retries a 429 until its gha
 * `timeout`, then fails with `maximum timeout reached: <the last answer>`. That answer is the
 * Twirp code (`resource_exhausted`: go-actions-cache reads a Twirp body's `msg` as no message),
 * the v1 service's message (`Request was blocked due to exceeding usage of resource 'Count'`), or
 * an unparsable body quoted with its status (`failed to parse error response 429: …`).
 */
const RATE_LIMITED = /\b429\b|too many requests|resource.exhausted|rate.limit|blocked due to exceeding usage/i;

export function rateLimited(exportFailures: readonly string[]): boolean {
  return exportFailures.some((f) => RATE_LIMITED.test(f));
}

export type WriteLess =
  /** Nothing to do: no export was refused for its rate, or the cache is not Kiln's to cut back. */
  | { next: 'done' }
  /** Run the build again with these arguments: its Actions cache exports at mode=min. */
  | { next: 'retry-min'; args: string[]; said: string }
  /** Refused at mode=min too (or the plan was min already): nothing more is written. */
  | { next: 'stop'; said: string };

const REFUSED = "the Actions cache refused this build's uploads (HTTP 429: more than 200 new entries a minute in this repository)";

/**
 * What to do after a build whose cache export may have been refused. `attempt`: the export that
 * ran (`planned`, or the `min` retry). Only Kiln's own Actions cache entries are cut back: a
 * user's cache-to stays as given.
 */
export function writeLessAfter(
  exportFailures: readonly string[],
  plan: Pick<CachePlan, 'kind' | 'backend' | 'cacheTo' | 'mode'>,
  args: readonly string[],
  attempt: 'planned' | 'min',
): WriteLess {
  if (plan.kind !== 'managed' || plan.backend !== 'gha' || !rateLimited(exportFailures)) return { next: 'done' };
  if (attempt === 'min') return { next: 'stop', said: `${REFUSED}, at mode=min too: nothing more written` };
  const gha = plan.cacheTo.filter((o) => typeOf(o) === 'gha' && o.attrs.mode !== 'min');
  if (gha.length === 0) return { next: 'stop', said: `${REFUSED}; it already wrote at mode=min: nothing more written` };
  const lessened = new Map(gha.map((o) => [o.raw, optionFrom({ ...o.attrs, mode: 'min' }).raw]));
  const out = args.map((arg, i) => (i > 0 && args[i - 1] === '--cache-to' ? (lessened.get(arg) ?? arg) : arg));
  return { next: 'retry-min', args: out, said: `${REFUSED}: the export ran again at mode=min` };
}
