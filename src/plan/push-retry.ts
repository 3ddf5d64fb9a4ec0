// Whether a failed build is worth running again: only when it failed pushing (the build itself
// is cached by then, so another run only exports again) and the registry's error can heal.

export const PUSH_RETRY = {
  /** Runs after the first one, at most. */
  retries: 3,
  /** Wait before retry n (1-based): base · 2^(n-1), at most max. */
  baseMs: 2_000,
  maxMs: 15_000,
} as const;

export interface PushVerdict {
  /** The build failed while pushing. */
  push: boolean;
  /** The registry's answer can change on its own: 429, 5xx, a dropped or refused connection. */
  transient: boolean;
  /** What failed, in a few words, for the log and the summary. */
  reason: string;
}

// What BuildKit says when it fails to push (resolver and pusher errors).
const PUSHING =
  /failed to push|unexpected status from (?:PUT|POST|PATCH|HEAD|GET) request|failed to do request|failed commit on ref|failed to copy|failed to upload|pushing (?:layers|manifest)/i;
// Errors no retry heals: credentials, permissions, names.
const PERMANENT: [RegExp, string][] = [
  [/\b401\b|unauthorized|authentication required|failed to authorize|no basic auth credentials/i, 'the registry refused the credentials (401)'],
  [/\b403\b|forbidden|denied|insufficient_scope/i, 'the registry refused access (403)'],
  [/name[ _]invalid|invalid reference format|repository name must|NAME_UNKNOWN/i, 'the registry refused the image name'],
  [/\b40[04]\b/, 'the registry answered 400/404'],
];
const TRANSIENT: [RegExp, string][] = [
  [/\b429\b|too many requests|toomanyrequests|rate limit/i, 'the registry is rate-limiting (429)'],
  [/\b5\d\d (?:[A-Z][a-z]+)/, 'the registry failed (5xx)'],
  [/\b50[0-4]\b/, 'the registry failed (5xx)'],
  [
    /connection reset|connection refused|broken pipe|unexpected EOF|: EOF\b|i\/o timeout|TLS handshake timeout|context deadline exceeded|server closed idle connection|http2: /i,
    'the connection to the registry failed',
  ],
];

/** Judges the final error of a failed build (its log's last `ERROR: ` line, prefix removed). */
export function pushVerdict(finalError: string | undefined): PushVerdict {
  const final = finalError ?? '';
  if (!PUSHING.test(final)) return { push: false, transient: false, reason: '' };
  for (const [pattern, reason] of PERMANENT) if (pattern.test(final)) return { push: true, transient: false, reason };
  for (const [pattern, reason] of TRANSIENT) if (pattern.test(final)) return { push: true, transient: true, reason };
  return { push: true, transient: false, reason: 'the push failed' };
}

/** How long to wait before retry `n` (1-based). */
export function retryDelayMs(n: number): number {
  return Math.min(PUSH_RETRY.baseMs * 2 ** (n - 1), PUSH_RETRY.maxMs);
}
