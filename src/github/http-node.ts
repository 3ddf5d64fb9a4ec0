// One HTTP request with node:http / node:https, for the calls on the path of every build (the
// cache fingerprint beside a registry cache): `fetch` loads undici on first use, which cost about
// as much CPU as the rest of the step's own code. One attempt within the policy's attempt
// deadline, no retry (a caller on that path treats a failure as "not known"); redirects are
// followed, without the Authorization header once they leave the host (as `fetch` does).
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpRequest, HttpResponse, RetryPolicy } from './http.js';

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
