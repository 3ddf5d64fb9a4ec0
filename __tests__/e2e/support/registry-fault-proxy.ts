import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A registry that fails where a test says: an HTTP proxy on the loopback in front of the open
// test registry (127.0.0.1:5000). Every request passes through, Host header kept (the registry
// builds its upload URLs from it, so they point back at the proxy), except those `fault` picks:
// those get their connection reset, or an HTTP 500 with the registry's JSON error shape.

export type Fault = 'reset' | 500;

export interface RequestSeen {
  method: string;
  path: string;
  userAgent: string;
  /** 'reset', or the status answered (the injected 500 or the registry's own). */
  outcome: 'reset' | number;
}

export interface FaultProxy {
  /** `localhost:PORT`, the registry host for image names. */
  host: string;
  requests: RequestSeen[];
  close: () => Promise<void>;
}

/** `GET /v2/<name>/manifests/<ref>`: what a read-back asks and a push never does (it HEADs and PUTs). */
export const isManifestGet = (req: IncomingMessage): boolean => req.method === 'GET' && /^\/v2\/.+\/manifests\/[^/]+$/.test(req.url ?? '');

/**
 * Starts the proxy. `fault(req, n)` is asked for each request with n = how many requests it
 * picked before (so "the first N" and "all" are easy); undefined lets the request through.
 */
export async function startFaultProxy(
  fault: (req: IncomingMessage, picked: number) => Fault | undefined,
  upstream = { host: '127.0.0.1', port: 5000 },
): Promise<FaultProxy> {
  const requests: RequestSeen[] = [];
  const sockets = new Set<Socket>();
  let picked = 0;
  const server: Server = createServer((req, res) => {
    const seen: RequestSeen = { method: req.method ?? '', path: req.url ?? '', userAgent: req.headers['user-agent'] ?? '', outcome: 0 };
    requests.push(seen);
    const chosen = fault(req, picked);
    if (chosen !== undefined) {
      picked++;
      seen.outcome = chosen;
      if (chosen === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'injected fault', detail: 'kiln e2e fault proxy' }] }));
      return;
    }
    const forward = request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      seen.outcome = up.statusCode ?? 0;
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `localhost:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
