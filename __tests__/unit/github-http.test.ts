// The client for GitHub's services against a loopback double of our own: what it sends, when it
// tries again, and that a failing or silent service costs no more than the call's budget.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resultsService, serviceUrl, twirp, TwirpError, twirpUrl } from '../../src/github/actions-service.js';
import { HttpError, type HttpRequest, type RetryPolicy, send, shownUrl, type Transport } from '../../src/github/http.js';
import { nodeTransport } from '../../src/github/http-node.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

/** What the double does with the n-th request (1-based). */
type Script = (n: number, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
let seen: Seen[] = [];
let script: Script = (_n, _req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      script(seen.length, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
/** Accepts the request and never answers (the connection stays open until the client gives up). */
const hang: Script = () => undefined;

const FAST: RetryPolicy = { attemptMs: 2_000, budgetMs: 5_000, attempts: 5, baseMs: 20, maxMs: 80 };

// Both transports: fetch (the default) and node:http (the signing phase's, http-node.ts).
describe.each<[string, Transport | undefined]>([
  ['fetch', undefined],
  ['node:http', nodeTransport],
])('send over %s: deadlines and retries in one place', (_name, transport) => {
  const call = (request: HttpRequest, policy: RetryPolicy) => send(request, policy, transport);

  it('429 then 200: tries again and returns the answer, with the attempts it took', async () => {
    script = (n, _req, res) => {
      if (n === 1) json(res, 429, { code: 'resource_exhausted', msg: 'slow down' });
      else json(res, 200, { ok: true });
    };
    const res = await call({ method: 'POST', url: `${base}/x`, json: { a: 1 } }, FAST);
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ ok: true });
    expect(seen).toEqual([
      { method: 'POST', url: '/x', authorization: undefined, contentType: 'application/json', body: '{"a":1}' },
      { method: 'POST', url: '/x', authorization: undefined, contentType: 'application/json', body: '{"a":1}' },
    ]);
  });

  it('a connection reset, then 200: tried again', async () => {
    script = (n, req, res) => {
      if (n === 1) req.socket.destroy();
      else json(res, 200, {});
    };
    const res = await call({ url: `${base}/reset` }, FAST);
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
  });

  it('500 until the budget ends: the last answer, within the budget, every attempt sent', async () => {
    script = (_n, _req, res) => {
      json(res, 500, { code: 'internal', msg: 'down' });
    };
    // Waits 100, 200, 200, 200: no sixth attempt, it would have under 250 ms left.
    const policy: RetryPolicy = { attemptMs: 1_000, budgetMs: 1_000, attempts: 100, baseMs: 100, maxMs: 200 };
    const started = performance.now();
    const res = await call({ url: `${base}/down` }, policy);
    const took = performance.now() - started;
    expect(res.status).toBe(500);
    expect(res.attempts).toBeGreaterThanOrEqual(4);
    expect(res.attempts).toBeLessThanOrEqual(6);
    expect(seen).toHaveLength(res.attempts);
    expect(took).toBeLessThan(1_000);
  });

  it('500 with attempts: 3: three requests, then the 500', async () => {
    script = (_n, _req, res) => {
      json(res, 503, {});
    };
    const res = await call({ url: `${base}/down` }, { ...FAST, attempts: 3 });
    expect(res.status).toBe(503);
    expect(res.attempts).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it('a 4xx is the answer: not tried again', async () => {
    script = (_n, _req, res) => {
      json(res, 404, {});
    };
    const res = await call({ url: `${base}/missing` }, FAST);
    expect(res.status).toBe(404);
    expect(res.attempts).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('Retry-After longer than the budget left: the 429 is the answer, no wait', async () => {
    script = (_n, _req, res) => {
      json(res, 429, {}, { 'Retry-After': '30' });
    };
    const started = performance.now();
    const res = await call({ url: `${base}/limited` }, FAST);
    expect(res.status).toBe(429);
    expect(res.attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a hang past the deadline: each attempt ends at its deadline, the call at its budget, a timeout error', async () => {
    script = hang;
    const started = performance.now();
    let caught: unknown;
    try {
      await call({ url: `${base}/hang?sig=SECRET-SIGNATURE` }, { attemptMs: 300, budgetMs: 1_000, attempts: 10, baseMs: 50, maxMs: 50 });
    } catch (error) {
      caught = error;
    }
    const took = performance.now() - started;
    expect(caught).toBeInstanceOf(HttpError);
    const error = caught as HttpError;
    expect(error.kind).toBe('timeout');
    // 300 ms, wait 50, 300 ms, wait 50, then the 300 ms left of the budget.
    expect(error.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(1_500);
    expect(error.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/hang: no answer within 0\.\d s \(3 attempts\)$/);
    expect(error.message).not.toContain('SECRET');
  });

  it('a body that stops half way: the attempt ends at its deadline, a timeout error', async () => {
    script = (_n, _req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part of it');
    };
    const started = performance.now();
    await expect(call({ url: `${base}/half` }, { attemptMs: 300, budgetMs: 400, attempts: 1, baseMs: 0, maxMs: 0 })).rejects.toMatchObject({
      kind: 'timeout',
      attempts: 1,
    });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('a budget shorter than one attempt cuts the attempt', async () => {
    script = hang;
    const started = performance.now();
    await expect(call({ url: `${base}/hang` }, { attemptMs: 30_000, budgetMs: 400, attempts: 1, baseMs: 0, maxMs: 0 })).rejects.toMatchObject({
      kind: 'timeout',
      attempts: 1,
      detail: 'no answer within 0.4 s',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('nothing listening: a network error naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(call({ url: `http://127.0.0.1:${port}/` }, { ...FAST, attempts: 2 })).rejects.toMatchObject({
      kind: 'network',
      attempts: 2,
      detail: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('a 307 is followed with its method and body; a 303 becomes a GET', async () => {
    script = (n, _req, res) => {
      if (n === 1) res.writeHead(307, { Location: '/again' }).end();
      else if (n === 2) res.writeHead(303, { Location: `${base}/done` }).end();
      else json(res, 200, { done: true });
    };
    const res = await call({ method: 'POST', url: `${base}/first`, headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain' }, body: 'abc' }, FAST);
    expect(res.status).toBe(200);
    expect(seen).toEqual([
      { method: 'POST', url: '/first', authorization: 'Bearer t', contentType: 'text/plain', body: 'abc' },
      { method: 'POST', url: '/again', authorization: 'Bearer t', contentType: 'text/plain', body: 'abc' },
      { method: 'GET', url: '/done', authorization: 'Bearer t', contentType: undefined, body: '' },
    ]);
  });
});

describe('shownUrl: what a message may show of a URL', () => {
  it.each([
    ['https://blob.example/c/n?sig=abc&se=1', 'https://blob.example/c/n'],
    ['https://user:pw@h.example/p#frag', 'https://h.example/p'],
    ['not a url?sig=1', 'not a url'],
  ])('%s → %s', (url, shown) => {
    expect(shownUrl(url)).toBe(shown);
  });
});

describe('the Actions results service: one URL rule, one Twirp call', () => {
  it.each([
    ['http://h:1', 'http://h:1/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry'],
    ['http://h:1/', 'http://h:1/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry'],
    ['http://h:1/results', 'http://h:1/results/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry'],
    ['http://h:1/results//', 'http://h:1/results/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry'],
  ])('base %s', (url, expected) => {
    expect(twirpUrl(url, 'CacheService', 'CreateCacheEntry')).toBe(expected);
  });

  it('serviceUrl joins a path with a query', () => {
    expect(serviceUrl('http://h:1/', '_apis/artifactcache/cache?keys=k')).toBe('http://h:1/_apis/artifactcache/cache?keys=k');
    expect(serviceUrl('http://h:1', '/_apis/x')).toBe('http://h:1/_apis/x');
  });

  it('resultsService: both the URL and the token, or none', () => {
    expect(resultsService({ ACTIONS_RESULTS_URL: 'http://h/', ACTIONS_RUNTIME_TOKEN: 't' })).toEqual({ url: 'http://h/', token: 't' });
    expect(resultsService({ ACTIONS_RESULTS_URL: 'http://h/' })).toBeUndefined();
    expect(resultsService({ ACTIONS_RESULTS_URL: '', ACTIONS_RUNTIME_TOKEN: 't' })).toBeUndefined();
  });

  it.each(['', '/'])('twirp against a base with trailing "%s": the method path, bearer token and JSON body', async (slash) => {
    script = (_n, _req, res) => {
      json(res, 200, { ok: true, signed_upload_url: 'http://blob/x' });
    };
    const answer = await twirp({ url: `${base}/results${slash}`, token: 'tok-1' }, 'ArtifactService', 'CreateArtifact', { name: 'a', version: 4 }, FAST);
    expect(answer).toEqual({ ok: true, signed_upload_url: 'http://blob/x' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/results/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact',
        authorization: 'Bearer tok-1',
        contentType: 'application/json',
        body: '{"name":"a","version":4}',
      },
    ]);
  });

  it('a Twirp error: TwirpError with status and code, not retried, the token in no message', async () => {
    script = (_n, _req, res) => {
      json(res, 409, { code: 'already_exists', msg: 'cache entry exists' });
    };
    let caught: unknown;
    try {
      await twirp({ url: base, token: 'tok-secret' }, 'CacheService', 'CreateCacheEntry', { key: 'k' }, FAST);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TwirpError);
    expect(caught).toMatchObject({
      status: 409,
      code: 'already_exists',
      message: 'CacheService.CreateCacheEntry answered HTTP 409 (already_exists: cache entry exists)',
    });
    expect(seen).toHaveLength(1);
  });

  it('a 502 page from a proxy, then success: retried, the answer parsed', async () => {
    script = (n, _req, res) => {
      if (n === 1) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html>bad gateway</html>');
      } else json(res, 200, { ok: false });
    };
    await expect(twirp({ url: base, token: 't' }, 'CacheService', 'GetCacheEntryDownloadURL', { key: 'k' }, FAST)).resolves.toEqual({ ok: false });
    expect(seen).toHaveLength(2);
  });

  it('a success whose body is not a JSON object is an error', async () => {
    script = (_n, _req, res) => {
      json(res, 200, ['x']);
    };
    await expect(twirp({ url: base, token: 't' }, 'CacheService', 'GetCacheEntryDownloadURL', {}, FAST)).rejects.toThrow(
      'CacheService.GetCacheEntryDownloadURL answered HTTP 200 with a body that is not a JSON object',
    );
  });
});
