// One HTTP request with node:http / node:https, for the calls on the path of every build (the
// cache fingerprint beside a registry cache): `fetch` loads undici on first use, which cost about
// as much CPU as the rest of the step's own code. One attempt within the policy's attempt
// deadline, no retry (a caller on that path treats a failure as "not known"); redirects are
// followed, without the Authorization header once they leave the host (as `fetch` does).
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpRequest, HttpResponse, RetryPolicy, Transport } from './http.js';

/** The two methods of `Headers` the registry client reads, over Node's header record. */
function headersOf(raw: IncomingHttpHeaders): Headers {
  const get = (name: string) => {
    const value = raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return { get, has: (name: string) => get(name) !== null } as unknown as Headers;
}

export async function sendOnce(request: HttpRequest, policy: Pick<RetryPolicy, 'attemptMs'>, redirects = 5): Promise<HttpResponse> {
  const url = new URL(request.url);
  const { request: send } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const method = request.method ?? (request.body !== undefined ? 'POST' : 'GET');
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: request.headers, timeout: policy.attemptMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location && redirects > 0) {
          const next = new URL(location, url);
          const headers = { ...request.headers };
          if (next.host !== url.host) delete headers.Authorization;
          sendOnce({ ...request, url: next, headers, method: status === 303 ? 'GET' : method }, policy, redirects - 1).then(resolve, reject);
          return;
        }
        resolve({ status, ok: status >= 200 && status < 300, headers: headersOf(res.headers), body: Buffer.concat(chunks), attempts: 1 });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.attemptMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * `send`'s transport over node:http / node:https, for a phase that makes many requests where
 * loading undici would be most of its CPU (signing). `signal` ends the attempt, body included;
 * redirects are followed as `fetch` follows them.
 */
export const nodeTransport = async (url: Parameters<Transport>[0], init: Parameters<Transport>[1], redirects = 5): ReturnType<Transport> => {
  const target = new URL(url);
  const { request: open } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers = { ...init.headers };
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
    headers['Content-Length'] = String(Buffer.byteLength(init.body));
  const answer = await new Promise<{ status: number; raw: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = open(target, { method: init.method, headers, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, raw: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
  const location = answer.raw.location;
  if ([301, 302, 303, 307, 308].includes(answer.status) && location && redirects > 0) {
    const next = new URL(location, target);
    // As fetch does: a 303, or a 301/302 after a POST, becomes a GET without a body or the headers
    // that describe one; Authorization stays on the host only.
    const get = answer.status === 303 || ((answer.status === 301 || answer.status === 302) && init.method === 'POST');
    const nextHeaders = Object.fromEntries(
      Object.entries(init.headers).filter(
        ([name]) =>
          !(next.host !== target.host && name.toLowerCase() === 'authorization') && !(get && /^content-(type|length|encoding|language|location)$/i.test(name)),
      ),
    );
    return nodeTransport(next, { ...init, headers: nextHeaders, ...(get ? { method: 'GET', body: undefined } : {}) }, redirects - 1);
  }
  return { status: answer.status, headers: headersOf(answer.raw), body: answer.body };
};
