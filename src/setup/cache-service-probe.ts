// One lookup of a key that does not exist, with a short deadline, before Kiln chooses a cache
// backend that needs the Actions cache service: a service that hangs, fails or refuses the token
// then costs seconds once, instead of minutes in every restore, save, import and export.
import type { ServiceHealth } from '../plan/cache.js';
import { CACHE_SERVICE_LIMITS, probeProblem, type ProbeOutcome, tokenProblem } from '../plan/cache-service.js';

// A version no entry has: the lookup is a miss on a working service.
const PROBE_VERSION = '0'.repeat(64);

async function lookup(service: { version: 1 | 2; url: string }, token: string, deadlineMs: number): Promise<ProbeOutcome> {
  const base = service.url.endsWith('/') ? service.url : `${service.url}/`;
  const signal = AbortSignal.timeout(deadlineMs);
  const auth = { Authorization: `Bearer ${token}` };
  try {
    const res =
      service.version === 2
        ? await fetch(`${base}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ key: 'kiln-probe', restore_keys: [], version: PROBE_VERSION }),
            signal,
          })
        : await fetch(`${base}_apis/artifactcache/cache?keys=kiln-probe&version=${PROBE_VERSION}`, {
            headers: { ...auth, Accept: 'application/json;api-version=6.0-preview.1' },
            signal,
          });
    await res.arrayBuffer();
    return { status: res.status };
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return timedOut ? { failed: 'timeout', message: 'no answer' } : { failed: 'error', message: cause };
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
