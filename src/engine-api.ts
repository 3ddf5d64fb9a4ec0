import { request } from 'node:http';
import { connect } from 'node:net';
import type { Env } from './inputs/types.js';

export interface EngineImage {
  Id?: string;
  Descriptor?: { digest?: string; mediaType?: string; size?: number };
  Manifests?: EngineManifest[];
}

export interface EngineManifest {
  Kind?: string;
  /** An attestation manifest's image manifest. */
  AttestationData?: { For?: string };
  Descriptor?: { digest?: string; size?: number; mediaType?: string; platform?: { os?: string; architecture?: string; variant?: string } };
}

/** The engine's Unix socket, or undefined when DOCKER_HOST points elsewhere (tcp, ssh). */
export function engineSocket(env: Env): string | undefined {
  const host = env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** GET `path` on the engine's API socket; undefined when it does not answer 200 with JSON. */
export function engineGet<T>(socketPath: string, path: string): Promise<T | undefined> {
  return engineRequest<T>(socketPath, path).answer;
}

/**
 * GET `path` on the engine's socket: `sent` settles once the request is on the socket (or has
 * failed, or after 50 ms: a socket that slow to accept is not worth waiting for), `answer` with the parsed body, undefined when the engine does not answer 200 with JSON.
 */
function engineRequest<T>(socketPath: string, path: string): { sent: Promise<void>; answer: Promise<T | undefined> } {
  let markSent = () => {};
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  setTimeout(markSent, 50).unref();
  const answer = new Promise<T | undefined>((resolve) => {
    // Our own connection, no agent: the agent's server-name check compiles Node's IPv6 pattern,
    // a few milliseconds of start-up for a Unix socket that has no server name.
    const req = request({ createConnection: () => connect(socketPath), path, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          resolve(undefined);
          return;
        }
        try {
          resolve(JSON.parse(body) as T);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('finish', markSent);
    req.on('close', markSent);
    req.on('error', () => {
      markSent();
      resolve(undefined);
    });
    req.on('timeout', () => req.destroy());
    req.end();
  });
  return { sent, answer };
}

/** GET /info asked before the rest of the bundle loads (src/index.ts), on the socket of `DOCKER_HOST`. */
export interface EarlyInfo {
  socket: string;
  info: Promise<EngineInfo | undefined>;
  /** Settles once the request is written: the entry point waits for it before compiling the rest. */
  sent: Promise<void>;
}

/**
 * Asks the engine GET /info at the step's start, so that dockerd answers while Node compiles the
 * rest of Kiln (the engine counts its images and containers to answer: tens of milliseconds on a
 * busy engine). Only when no docker context can be in play (DOCKER_CONTEXT unset); the facts use
 * the answer only when they would have asked that very socket (setup/engine-facts.ts).
 */
export function askInfoEarly(env: Env): EarlyInfo | undefined {
  if (env.DOCKER_CONTEXT) return undefined;
  const socket = engineSocket(env);
  if (!socket) return undefined;
  const { sent, answer } = engineRequest<EngineInfo>(socket, '/info');
  return { socket, info: answer, sent };
}

/**
 * An image in the engine's containerd store with its per-platform manifests, by one request on
 * the engine's socket (Engine API >= 1.48): a `docker image inspect` process would cost ten times
 * more. Undefined when the engine cannot say (classic store, older engine, no such image).
 */
export function inspectEngineImage(socketPath: string, image: string): Promise<EngineImage | undefined> {
  return engineGet<EngineImage>(socketPath, `/images/${encodeURIComponent(image)}/json?manifests=1`);
}

/** The parts of GET /info that Kiln reads. */
export interface EngineInfo {
  Architecture?: string;
  OSType?: string;
  ServerVersion?: string;
  DriverStatus?: [string, string][];
}
