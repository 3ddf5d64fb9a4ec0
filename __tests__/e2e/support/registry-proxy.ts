import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault double in front of the local registry (127.0.0.1:5000), on another loopback port: the
 * engine's BuildKit reaches it (the docker driver runs in the host's network namespace) and treats
 * it as an insecure registry, as every 127.0.0.0/8 registry. It forwards everything, except what
 * the test asks it to break.
 */
export interface RegistryProxy {
  /** `127.0.0.1:PORT`, for image names. */
  host: string;
  /** The next `count` manifest PUTs get `status` (e.g. 503, 429, 401; a list is taken in turn) instead of reaching the registry. */
  failManifestPuts: (count: number, status: number | number[]) => void;
  /** Every blob upload (POST/PATCH/PUT under /blobs/uploads) from now on is accepted and never answered. */
  hangBlobUploads: (on: boolean) => void;
  /** What was asked and answered, in order. */
  requests: () => { method: string; path: string; status: number }[];
  close: () => Promise<void>;
}

export async function startRegistryProxy(target = { host: '127.0.0.1', port: 5000 }): Promise<RegistryProxy> {
  let failures: { count: number; statuses: number[] } = { count: 0, statuses: [] };
  let failed = 0;
  let hang = false;
  const log: { method: string; path: string; status: number }[] = [];
  const hung = new Set<ServerResponse>();

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      log.push({ method: req.method ?? '', path: req.url ?? '', status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.destroy();
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const path = req.url ?? '';
    if (req.method === 'PUT' && /\/manifests\//.test(path) && failures.count > 0) {
      failures.count--;
      const status = failures.statuses[failed++ % failures.statuses.length] ?? 503;
      req.resume();
      req.on('end', () => {
        log.push({ method: 'PUT', path, status });
        const code = status === 429 ? 'TOOMANYREQUESTS' : status === 401 ? 'UNAUTHORIZED' : 'UNAVAILABLE';
        res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '1' } : {}) });
        res.end(JSON.stringify({ errors: [{ code, message: `injected ${status}` }] }));
      });
      return;
    }
    if (hang && /\/blobs\/uploads\//.test(path)) {
      log.push({ method: req.method ?? '', path, status: 0 });
      hung.add(res);
      res.once('close', () => hung.delete(res));
      req.resume();
      return;
    }
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    failManifestPuts: (count, status) => {
      failures = { count, statuses: Array.isArray(status) ? status : [status] };
      failed = 0;
    },
    hangBlobUploads: (on) => {
      hang = on;
      if (!on) for (const res of hung) res.destroy();
    },
    requests: () => [...log],
    close: async () => {
      for (const res of hung) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
