// Whether a registry's error may heal on its own, read from the text BuildKit or buildx prints
// (a failed push, a failed read-back): one judgement for every caller that retries.

export interface RegistryErrorVerdict {
  /** A later attempt may succeed: 429, 5xx, a dropped, refused or timed-out connection. */
  transient: boolean;
  /** What failed, in a few words, for the log and the summary; undefined when the text names no known cause. */
  reason?: string;
}

// The server said it is overloaded or broken: worth another try, whatever else the text holds
// (a token server's 503 reads "failed to authorize: ... 503").
const SERVER: [RegExp, string][] = [
  [/\b429\b|too many requests|toomanyrequests|rate limit/i, 'the registry is rate-limiting (429)'],
  // A status and its reason phrase (`503 Service Unavailable`), case kept: `512 bytes` is no status.
  [/\b5\d\d [A-Z][a-z]+/, 'the registry failed (5xx)'],
  [/\b50[0-4]\b|internal server error|bad gateway|service unavailable|gateway timeout/i, 'the registry failed (5xx)'],
];
// Errors no retry heals: credentials, permissions, names, a missing image.
const PERMANENT: [RegExp, string][] = [
  [/\b401\b|unauthorized|authentication required|failed to authorize|no basic auth credentials/i, 'the registry refused the credentials (401)'],
  [/\b403\b|forbidden|denied|insufficient_scope/i, 'the registry refused access (403)'],
  [/name[ _]invalid|invalid reference|repository name must|NAME_UNKNOWN|name unknown/i, 'the registry refused the image name'],
  [/\b404\b|manifest unknown|not found/i, 'the registry has no such image (404)'],
  [/\b400\b/, 'the registry refused the request (400)'],
];
const CONNECTION =
  /connection reset|connection refused|broken pipe|\bEOF\b|i\/o timeout|timed? ?out|deadline exceeded|no answer within|TLS handshake|no route to host|server closed idle connection|http2: /i;

/** Judges a registry error's text. */
export function classifyRegistryError(message: string): RegistryErrorVerdict {
  for (const [pattern, reason] of SERVER) if (pattern.test(message)) return { transient: true, reason };
  for (const [pattern, reason] of PERMANENT) if (pattern.test(message)) return { transient: false, reason };
  if (CONNECTION.test(message)) return { transient: true, reason: 'the connection to the registry failed' };
  return { transient: false };
}
