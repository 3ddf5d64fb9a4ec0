// GitHub's Actions results service, as the runner offers it to JavaScript steps (ACTIONS_RESULTS_URL
// and the runtime token). Its APIs (CacheService, ArtifactService) are Twirp: a JSON body POSTed to
// `{url}/twirp/github.actions.results.api.v1.{Service}/{Method}`, errors as JSON `{code, msg}`.
import type { Env } from '../inputs/types.js';
import { type HttpResponse, type RetryPolicy, send, SERVICE_POLICY } from './http.js';

export interface ServiceEndpoint {
  /** The service's base URL, with or without a trailing '/'. */
  url: string;
  /** Sent as the bearer token: never on a command line or in a message. */
  token: string;
}

export type TwirpService = 'CacheService' | 'ArtifactService';

/** `path` below `base`, whether or not `base` ends in '/' (the runner's URLs do, a hand-set one may not). */
export function serviceUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function twirpUrl(base: string, service: TwirpService, method: string): string {
  return serviceUrl(base, `twirp/github.actions.results.api.v1.${service}/${method}`);
}

/** The results service (v2 cache, artifacts) the runner offers this step, if it offers one. */
export function resultsService(env: Env): ServiceEndpoint | undefined {
  const url = env.ACTIONS_RESULTS_URL;
  const token = env.ACTIONS_RUNTIME_TOKEN;
  return url && token ? { url, token } : undefined;
}

/** The service answered, but not with success. */
export class TwirpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Twirp's error code (`already_exists`, `not_found`, ...), '' when the body named none. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'TwirpError';
  }
}

function errorOf(service: TwirpService, method: string, res: HttpResponse): TwirpError {
  const text = res.body.toString('utf8');
  let code = '';
  let detail = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (typeof parsed.code === 'string') code = parsed.code;
    if (typeof parsed.msg === 'string') detail = `${code}: ${parsed.msg}`.slice(0, 300);
  } catch {
    // Not a Twirp error body (a proxy's page): its text is the detail.
  }
  return new TwirpError(`${service}.${method} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}`, res.status, code);
}

/**
 * One Twirp call: the answer's fields, unchecked (the caller checks what it uses). Throws
 * TwirpError on an unsuccessful answer, HttpError when none came within `policy`.
 */
export async function twirp(
  endpoint: ServiceEndpoint,
  service: TwirpService,
  method: string,
  body: object,
  policy: RetryPolicy = SERVICE_POLICY,
): Promise<Record<string, unknown>> {
  const res = await send(
    { method: 'POST', url: twirpUrl(endpoint.url, service, method), headers: { Authorization: `Bearer ${endpoint.token}` }, json: body },
    policy,
  );
  if (!res.ok) throw errorOf(service, method, res);
  try {
    const parsed = JSON.parse(res.body.toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new TwirpError(`${service}.${method} answered HTTP ${res.status} with a body that is not a JSON object`, res.status, '');
}
