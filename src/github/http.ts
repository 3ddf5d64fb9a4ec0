// The one way Kiln speaks HTTP to GitHub's services: the Actions results service (Twirp), the signed
// blob URLs it hands out, and whatever joins them (the runner's OIDC token endpoint, the REST API).
// Deadlines and retries live here only: every attempt has a deadline that covers the body too,
// transient failures (HTTP 429 and 5xx, a dropped or refused connection, an attempt past its
// deadline) are tried again with growing waits, and all attempts of one call share one budget, so
// a service that hangs or keeps failing costs a bounded time. Messages never carry a URL's query:
// signed URLs hold their credential there.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
  method?: HttpMethod;
  url: string | URL;
  headers?: Record<string, string>;
  /** A JSON body: serialized, with `Content-Type: application/json`. */
  json?: unknown;
  /** A body as is (with `json`, `json` wins). */
  body?: Uint8Array | string;
}

export interface RetryPolicy {
  /** One attempt's deadline, answer and body included. */
  attemptMs: number;
  /** Every attempt and every wait of one call together. */
  budgetMs: number;
  /** Attempts at most (1: no retry). */
  attempts: number;
  /** Wait before retry n: baseMs · 2^(n-1), at most maxMs, never past the budget. */
  baseMs: number;
  maxMs: number;
}

/** A request to a service: its clients (@actions/cache, @actions/artifact) give up after about a minute too. */
export const SERVICE_POLICY: RetryPolicy = { attemptMs: 30_000, budgetMs: 60_000, attempts: 5, baseMs: 500, maxMs: 8_000 };

export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  body: Buffer;
  /** Attempts it took (1 when the first answered). */
  attempts: number;
}

/** No answer at all: every attempt timed out or lost its connection. */
export class HttpError extends Error {
  constructor(
    message: string,
    /** `timeout`: the last attempt reached its deadline; `network`: the connection failed. */
    readonly kind: 'timeout' | 'network',
    readonly attempts: number,
    /** The last attempt's failure alone (`connect ECONNREFUSED 127.0.0.1:1`, `no answer within 3 s`). */
    readonly detail: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** What a log may show of a URL: no query (a signed URL's credential), no user info. */
export function shownUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return String(url).replace(/[?#].*$/s, '');
  }
}

/** One attempt on the wire: the answer with its body read, or a throw; `signal` ends it, body included. */
export type Transport = (
  url: string | URL,
  init: { method: HttpMethod; headers: Record<string, string>; body: Uint8Array | string | undefined; signal: AbortSignal },
) => Promise<{ status: number; headers: Headers; body: Buffer }>;

/** `fetch` (undici, loaded on first use). */
const viaFetch: Transport = async (url, init) => {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};

/** HTTP answers a later attempt may not get again. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` in seconds (the date form is not used by GitHub's services), as ms. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

// fetch's errors come from Node's own realm: read by shape, not by instanceof.
function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/** Why an attempt got no answer: undici's `fetch failed` holds the reason in its cause. */
function networkFailure(error: unknown): string {
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return messageOf(cause ?? error);
}

/** The least time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 250;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `request`, retrying transient failures within `policy`, and returns the last answer,
 * whatever its status (the caller reads 4xx as it needs). Throws HttpError when no attempt got an
 * answer.
 */
export async function send(request: HttpRequest, policy: RetryPolicy = SERVICE_POLICY, transport: Transport = viaFetch): Promise<HttpResponse> {
  const started = performance.now();
  const left = () => policy.budgetMs - (performance.now() - started);
  const method = request.method ?? (request.json !== undefined || request.body !== undefined ? 'POST' : 'GET');
  const headers = { ...request.headers, ...(request.json !== undefined ? { 'Content-Type': 'application/json' } : {}) };
  const body = request.json !== undefined ? JSON.stringify(request.json) : request.body;
  const what = `${method} ${shownUrl(request.url)}`;
  // Another attempt only when it would still have time to be answered after the wait.
  const retry = (attempt: number, wait: number) => attempt < policy.attempts && left() - wait >= Math.min(policy.attemptMs, MIN_ATTEMPT_MS);
  for (let attempt = 1; ; attempt++) {
    const deadline = Math.max(1, Math.ceil(Math.min(policy.attemptMs, left())));
    const signal = AbortSignal.timeout(deadline);
    try {
      const res = await transport(request.url, { method, headers, body, signal });
      const answer: HttpResponse = { status: res.status, ok: res.status >= 200 && res.status < 300, headers: res.headers, body: res.body, attempts: attempt };
      if (!isTransientStatus(res.status)) return answer;
      const wait = waitBefore(attempt, policy, retryAfterMs(res.headers));
      if (!retry(attempt, wait)) return answer;
      await pause(wait);
    } catch (error) {
      const wait = waitBefore(attempt, policy);
      if (!retry(attempt, wait)) {
        const kind = signal.aborted ? 'timeout' : 'network';
        const detail = signal.aborted ? `no answer within ${formatSeconds(deadline)}` : networkFailure(error);
        throw new HttpError(`${what}: ${detail} (${attempt} attempt${attempt === 1 ? '' : 's'})`, kind, attempt, detail);
      }
      await pause(wait);
    }
  }
}

function waitBefore(attempt: number, policy: RetryPolicy, retryAfter?: number): number {
  return Math.max(Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs), retryAfter ?? 0);
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
