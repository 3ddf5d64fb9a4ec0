import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { proxyToEngine } from './engine-grpc.mjs';

export type BuildkitEndpointOptions = ({ kind: 'unix' } | { kind: 'tcp' } | { kind: 'tls' }) & {
  /** The engine whose embedded BuildKit answers; /var/run/docker.sock unless told. */
  engineSocket?: string;
  /** For 'tcp': the address to listen on; 127.0.0.1 unless told (containers reach the host at the bridge's gateway). */
  host?: string;
};

export interface BuildkitEndpoint {
  /** What `docker buildx create --driver remote` takes: `unix:///…/buildkitd.sock` or `tcp://127.0.0.1:PORT`. */
  endpoint: string;
  /** For 'tls': PEM files for `--driver-opt cacert=…,cert=…,key=…` (the CA, a client certificate and its key). */
  tls?: { cacert: string; cert: string; key: string };
  /** Client connections the proxy accepted (for 'tls': those that completed the handshake). */
  connections: () => number;
  /** For 'tls': connections refused during the handshake (no or a wrong client certificate); 0 otherwise. */
  rejected: () => number;
  /** Stops listening, destroys open sockets and removes the temp files. */
  close: () => Promise<void>;
}

/**
 * A plain buildkitd endpoint (what `buildkitd --addr` would listen on) that is really the
 * engine's embedded BuildKit: a unix socket, loopback TCP, or loopback TCP with mutual TLS.
 */
export async function startBuildkitEndpoint(options: BuildkitEndpointOptions): Promise<BuildkitEndpoint> {
  const engineSocket = options.engineSocket ?? '/var/run/docker.sock';
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bk-'));
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  let accepted = 0;
  let refused = 0;

  const proxy = (client: Socket) => {
    accepted++;
    track(client);
    proxyToEngine(client, engineSocket, track);
  };

  let server: Server;
  let endpoint: string;
  let files: BuildkitEndpoint['tls'];
  try {
    if (options.kind === 'tls') {
      const pki = makeCertificates(dir);
      files = { cacert: pki.ca, cert: pki.clientCert, key: pki.clientKey };
      server = tls.createServer(
        {
          key: readFileSync(pki.serverKey),
          cert: readFileSync(pki.serverCert),
          ca: readFileSync(pki.ca),
          requestCert: true,
          rejectUnauthorized: true,
          // gRPC-Go refuses a TLS connection that did not negotiate h2 through ALPN.
          ALPNProtocols: ['h2'],
          minVersion: 'TLSv1.2',
        },
        proxy,
      );
      server.on('tlsClientError', (_err: Error, socket: tls.TLSSocket) => {
        refused++;
        socket.destroy();
      });
    } else {
      server = createServer(proxy);
    }
    // Raw sockets too (a TLS handshake in progress is not yet a secure connection).
    server.on('connection', track);
    if (options.kind === 'unix') {
      const socket = path.join(dir, 'buildkitd.sock');
      await listen(server, () => server.listen(socket));
      endpoint = `unix://${socket}`;
    } else {
      const host = options.host ?? '127.0.0.1';
      await listen(server, () => server.listen(0, host));
      endpoint = `tcp://${host}:${(server.address() as AddressInfo).port}`;
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    ...(files ? { tls: files } : {}),
    connections: () => accepted,
    rejected: () => refused,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        // Removing the directory inside the callback must not throw there: an exception in a
        // server callback escapes the test's teardown, and the servers after it stay open.
        server.close((closeErr) => {
          try {
            rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (closeErr && (closeErr as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(closeErr);
          else resolve();
        });
        for (const socket of sockets) socket.destroy();
      })),
  };
}

function listen(server: Server, start: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
    start();
  });
}

/**
 * A throwaway CA, a server certificate for 127.0.0.1 (IP and DNS SANs: Go checks the SAN, never
 * the CN) and a client certificate, all signed by the CA, valid for a day.
 */
function makeCertificates(dir: string) {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=kiln-e2e-buildkit-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const sign = (name: string, subject: string, extensions: string) => {
    writeFileSync(file(`${name}.ext`), extensions);
    openssl('req', '-new', ...newKey, '-keyout', file(`${name}-key.pem`), '-out', file(`${name}.csr`), '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca-key.pem'),
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      '1',
      '-sha256',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  const common = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n';
  sign('server', '/CN=127.0.0.1', `${common}extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n`);
  sign('client', '/CN=kiln-e2e-buildkit-client', `${common}extendedKeyUsage=clientAuth\n`);
  return {
    ca: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server-key.pem'),
    clientCert: file('client.pem'),
    clientKey: file('client-key.pem'),
  };
}
