// One lookup of a key that does not exist, with a short deadline, before Kiln chooses a cache
// backend that needs the Actions cache service: a service that hangs, fails or refuses the token
// then costs seconds once, instead of minutes in every restore, save, import and export.
import { serviceUrl, twirpUrl } from '../github/actions-service.js';
import { HttpError, send } from '../github/http.js';
import type { ServiceHealth } from '../plan/cache.js';
import { CACHE_SERVICE_LIMITS, probeProblem, type ProbeOutcome, tokenProblem } from '../plan/cache-service.js';

// A version no entry has: the lookup is a miss on a working service.
const PROBE_VERSION = '0'.repeat(64);

/** One attempt, no retry: the probe is there to find out fast. */
async function lookup(service: { version: 1 | 2; url: string }, token: string, deadlineMs: number): Promise<ProbeOutcome> {
  const auth = { Authorization: `Bearer ${token}` };
  const once = { attempts: 1, attemptMs: deadlineMs, budgetMs: deadlineMs, baseMs: 0, maxMs: 0 };
  try {
    const res =
      service.version === 2
        ? await send(
            {
              method: 'POST',
              url: twirpUrl(service.url, 'CacheService', 'GetCacheEntryDownloadURL'),
              headers: auth,
              json: { key: 'kiln-probe', restore_keys: [], version: PROBE_VERSION },
            },
            once,
          )
        : await send(
            {
              url: serviceUrl(service.url, `_apis/artifactcache/cache?keys=kiln-probe&version=${PROBE_VERSION}`),
              headers: { ...auth, Accept: 'application/json;api-version=6.0-preview.1' },
            },
            once,
          );
    return { status: res.status };
  } catch (error) {
    if (error instanceof HttpError && error.kind === 'timeout') return { failed: 'timeout', message: 'no answer' };
    return { failed: 'error', message: error instanceof HttpError ? error.detail : String(error) };
  }
}

export async function probeCacheService(
  service: { version: 1 | 2; url: string },
  token: string,
  deadlineMs: number = CACHE_SERVICE_LIMITS.probeMs,
): Promise<ServiceHealth> {
  const down = probeProblem(await lookup(service, token, deadlineMs), deadlineMs);
  if (down) return { service: down };
  const gha = tokenProblem(token, Date.now() / 1000);
  return gha ? { gha } : {};
}
