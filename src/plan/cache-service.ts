// Decisions about the Actions cache service that need no network: whether its token can work,
// what one probe's answer means, and how long Kiln waits for it. A cache is an optimisation: a
// service that is broken, slow or refuses the token must cost a build seconds, not minutes.

/** How long Kiln waits for the service, in milliseconds, and BuildKit's own gha `timeout`s. */
export const CACHE_SERVICE_LIMITS = {
  /** One lookup before choosing a backend that needs the service. */
  probeMs: 3_000,
  /** Every restore of the step (cache mounts, the local directory), together, concurrently. */
  restoreMs: 10_000,
  /** Every save of the step, together, concurrently. */
  saveMs: 30_000,
  /** BuildKit's gha import (`cache-from`); its default is 10 minutes per import. */
  importTimeout: '30s',
} as const;

/**
 * BuildKit's gha `timeout` for an export (`cache-to`): how long it retries one request before the
 * export fails, which ignore-error=true turns into a build without that cache. BuildKit retries
 * only a 429 (the service refusing new entries for their rate), with doubling waits up to 90 s,
 * never reading Retry-After, for 10 minutes by default. Half of cache-export-timeout, at most 5
 * minutes: BuildKit must give up before Kiln's own deadline stops the export (build/guarded-build.ts),
 * so the build succeeds and Kiln can write less (plan/cache-rate-limit.ts). GitHub's window is
 * one minute: the default (150 s) outlasts it.
 */
export function ghaExportTimeout(exportTimeoutSeconds: number): string {
  if (exportTimeoutSeconds <= 0 || exportTimeoutSeconds >= 600) return '5m';
  return `${Math.max(1, Math.floor(exportTimeoutSeconds / 2))}s`;
}

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return undefined;
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Why BuildKit cannot use this runtime token, or undefined when it can. BuildKit parses it as a
 * JWT (signature unchecked) and reads its cache scopes from the `ac` claim: a token that is not
 * one (`ACTIONS_RUNTIME_TOKEN=dummy`, as act and local cache servers set it) fails every build
 * with "token is malformed". `now` is in seconds since the epoch.
 */
export function tokenProblem(token: string, now: number): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3)
    return `its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, a JWT has 3)`;
  const header = decodeSegment(parts[0] ?? '');
  const payload = decodeSegment(parts[1] ?? '');
  if (typeof header !== 'object' || header === null || typeof (header as { alg?: unknown }).alg !== 'string') {
    return 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (the header is not base64url JSON with an `alg`)';
  }
  if (typeof payload !== 'object' || payload === null) return 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (the claims are not base64url JSON)';
  const { exp, ac } = payload as { exp?: unknown; ac?: unknown };
  if (typeof exp === 'number' && exp <= now) return `its token (ACTIONS_RUNTIME_TOKEN) expired at ${new Date(exp * 1000).toISOString()}`;
  if (ac !== undefined) {
    let scopes: unknown;
    try {
      scopes = typeof ac === 'string' ? JSON.parse(ac) : undefined;
    } catch {
      scopes = undefined;
    }
    if (!Array.isArray(scopes)) return 'its token (ACTIONS_RUNTIME_TOKEN) has an `ac` claim that is not a JSON list of cache scopes';
  }
  return undefined;
}

/** What one probe of the service got: an HTTP status, or no answer at all. */
export type ProbeOutcome = { status: number } | { failed: 'timeout' | 'error'; message: string };

/**
 * Why the service is not usable, from one lookup of a key that does not exist; undefined when it
 * answered as a working service does (v2: 200 with ok:false; v1: 204 or 200).
 */
export function probeProblem(outcome: ProbeOutcome, deadlineMs: number): string | undefined {
  if ('failed' in outcome) {
    return outcome.failed === 'timeout' ? `did not answer within ${deadlineMs / 1000} s` : `could not be reached (${outcome.message})`;
  }
  const { status } = outcome;
  if (status >= 200 && status < 300) return undefined;
  if (status === 401 || status === 403) return `refused the token (HTTP ${status})`;
  if (status === 429) return 'is rate-limiting this runner (HTTP 429)';
  if (status >= 500) return `is failing (HTTP ${status})`;
  return `answered a cache lookup with HTTP ${status}`;
}

/**
 * A deadline shared by concurrent operations: each waits at most what is left of it. Given up
 * once, it stays given up: after the first clear failure the service is not asked again.
 */
export class ServiceBudget {
  private readonly ends = new Map<string, number>();
  problem: string | undefined;

  constructor(private readonly limits: Record<string, number>) {}

  /** Milliseconds left of the phase's budget, starting it on first use. */
  left(phase: string, now: number): number {
    const limit = this.limits[phase] ?? 0;
    const end = this.ends.get(phase) ?? now + limit;
    this.ends.set(phase, end);
    return Math.max(0, end - now);
  }

  /** Records the first failure; returns true when it is the first (the one to warn about). */
  giveUp(problem: string): boolean {
    if (this.problem !== undefined) return false;
    this.problem = problem;
    return true;
  }
}

/**
 * Every restore of a step shares one deadline, every save another; after the first clear failure
 * (a deadline passed, an error thrown) the service is not asked again in this step. @actions/cache
 * has no deadline of its own (its lookups retry 5xx answers for ~20 s, and a service that accepts
 * connections but never answers holds it forever): what runs past the deadline is abandoned, and
 * the main step exits when it is done (src/index.ts) instead of waiting for it. The budget is the
 * step's (Prepared.cacheBudget), made once per step.
 */
export function cacheServiceBudget(): ServiceBudget {
  return new ServiceBudget({ restore: CACHE_SERVICE_LIMITS.restoreMs, save: CACHE_SERVICE_LIMITS.saveMs });
}
