import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, rekorHandler, tsaHandler } from '@sigstore/mock';

// Loopback doubles of everything a signing step talks to: a Sigstore instance (Fulcio with a CT
// log, Rekor v1, an RFC 3161 timestamp authority; @sigstore/mock's handlers, served over HTTP so a
// separately started action reaches them), the runner's OIDC token endpoint and GitHub's
// attestations API. Each one counts its calls and can be told to hang, refuse, or fail.

/** The identity a signature made against these doubles carries (the mock Fulcio's SAN is `sub`). */
export const TOKEN_ISSUER = 'https://token.actions.githubusercontent.com';
export const TEST_REPOSITORY = 'kiln-test/kiln';
export const TEST_WORKFLOW_REF = `${TEST_REPOSITORY}/.github/workflows/release.yml@refs/heads/main`;
export const TOKEN_SUBJECT = `https://github.com/${TEST_WORKFLOW_REF}`;
/** What the runner hands a job with `id-token: write` to ask for tokens with (not the token). */
export const REQUEST_TOKEN = `kiln-request-token-${randomBytes(12).toString('hex')}`;

export type Service = 'oidc' | 'fulcio' | 'rekor' | 'tsa' | 'github';
const SERVICES: Service[] = ['oidc', 'fulcio', 'rekor', 'tsa', 'github'];

export type Fault =
  /** Accept the request and never answer (until close()). */
  | { hang: true }
  /** Answer `status` the next `times` requests (every request without `times`), then serve. */
  | { status: number; times?: number };

export interface AttestationRecord {
  owner: string;
  repo: string;
  authorization: string | undefined;
  accept: string | undefined;
  bundle: unknown;
}

export interface SigstoreDoubles {
  /** Base URLs (no trailing slash). */
  urls: Record<Service, string>;
  /** SigningConfig v0.2: Fulcio + Rekor v1 (the public-good shape). */
  signingConfig: string;
  /** SigningConfig v0.2: Fulcio + timestamp authority, no transparency log (GitHub's private instance shape). */
  tsaSigningConfig: string;
  /** TrustedRoot for all of the above (cosign's and Kiln's `--trusted-root`). */
  trustedRoot: string;
  /** The GitHub-shaped OIDC token the token endpoint hands out. */
  jwt: string;
  /** The runner's environment for a job with `id-token: write` plus the API base URL. */
  env(): Record<string, string>;
  /** Requests each service received (faulted ones included). */
  calls: Record<Service, number>;
  /** Audiences asked of the token endpoint, in order. */
  audiences: string[];
  /** What GitHub's attestations API received. */
  attestations: AttestationRecord[];
  /** Rekor entries, as logged (canonical bodies). */
  rekorEntries: unknown[];
  fault(service: Service, fault: Fault | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

interface Listener {
  server: Server;
  sockets: Set<Socket>;
  url: string;
}

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void> | void;

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listener> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, sockets, url: `http://127.0.0.1:${port}` };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An RS256 JWT with GitHub Actions' claims; nothing in these tests checks its signature. */
function githubToken(key: KeyObject, audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const [owner] = TEST_REPOSITORY.split('/');
  const claims = {
    jti: randomBytes(16).toString('hex'),
    sub: TOKEN_SUBJECT,
    aud: audience,
    ref: 'refs/heads/main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    repository: TEST_REPOSITORY,
    repository_owner: owner,
    repository_owner_id: '4242',
    repository_id: '424242',
    repository_visibility: 'public',
    run_id: '1',
    run_number: '1',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    actor: 'kiln-bot',
    actor_id: '4243',
    workflow: 'release',
    workflow_ref: TEST_WORKFLOW_REF,
    workflow_sha: '0123456789abcdef0123456789abcdef01234567',
    job_workflow_ref: TEST_WORKFLOW_REF,
    job_workflow_sha: '0123456789abcdef0123456789abcdef01234567',
    head_ref: '',
    base_ref: '',
    event_name: 'push',
    ref_type: 'branch',
    ref_protected: 'true',
    iss: TOKEN_ISSUER,
    nbf: now - 5,
    exp: now + 300,
    iat: now,
  };
  const signingInput = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'kiln-test' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
  return `${signingInput}.${b64url(signature)}`;
}

const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * What Rekor v1 stores for a proposed `dsse` 0.0.1 entry: not the proposed envelope but hashes
 * of it and the signatures with their verifiers (rekor pkg/types/dsse/v0.0.1 Canonicalize).
 * Verifiers (cosign, sigstore-js) rebuild exactly this from the bundle and compare.
 */
export function canonicalRekorEntry(proposed: unknown): unknown {
  const entry = proposed as {
    kind?: string;
    apiVersion?: string;
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
  };
  if (entry.kind !== 'dsse' || !entry.spec?.proposedContent) return proposed;
  const { envelope, verifiers } = entry.spec.proposedContent;
  const parsed = JSON.parse(envelope) as { payload: string; signatures: { sig: string }[] };
  return {
    apiVersion: entry.apiVersion ?? '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256hex(envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256hex(Buffer.from(parsed.payload, 'base64')) },
      signatures: parsed.signatures.map((s, i) => ({ signature: s.sig, verifier: verifiers[i] ?? verifiers[0] })),
    },
  };
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** Starts every double; close() stops them (hanging requests included). */
export async function startSigstore(): Promise<SigstoreDoubles> {
  const calls = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>;
  const faults = new Map<Service, Fault>();
  const audiences: string[] = [];
  const attestations: AttestationRecord[] = [];
  const rekorEntries: unknown[] = [];
  let attestationId = 1000;

  const listeners = new Map<Service, Listener>();
  const handlers = new Map<Service, Handler>();
  for (const service of SERVICES) {
    listeners.set(
      service,
      await listen((req, res) => {
        calls[service]++;
        void (async () => {
          const body = await readBody(req);
          const fault = faults.get(service);
          if (fault && 'hang' in fault) return; // the socket stays open until close()
          if (fault && 'status' in fault) {
            if (fault.times === undefined || fault.times > 0) {
              if (fault.times !== undefined) fault.times--;
              json(res, fault.status, { message: `double: injected ${fault.status}` });
              return;
            }
          }
          await handlers.get(service)?.(req, body, res);
        })().catch((err: unknown) => {
          if (!res.headersSent) json(res, 500, { message: `double crashed: ${String(err)}` });
          else res.destroy();
        });
      }),
    );
  }
  const urls = Object.fromEntries(SERVICES.map((s) => [s, listeners.get(s)?.url ?? ''])) as Record<Service, string>;

  const validFrom = new Date(Date.now() - 3600_000);
  const ctlog = await initializeCTLog(p256());
  const ca = await initializeCA(p256(), ctlog);
  const tlogKeys = p256();
  const tlog = await initializeTLog(urls.rekor, tlogKeys);
  const tsa = await initializeTSA(p256());
  // Go's encoding/asn1 (cosign) rejects a GeneralizedTime whose fraction does not re-serialize
  // the same (pkijs writes milliseconds with trailing zeros), so the double stamps whole seconds.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => new Date(Math.floor(Date.now() / 1000) * 1000);

  const fulcio = fulcioHandler(ca);
  const rekor = rekorHandler({
    publicKey: tlog.publicKey,
    log: (proposed: object): Promise<unknown> => {
      const canonical = canonicalRekorEntry(proposed) as object;
      rekorEntries.push(canonical);
      return tlog.log(canonical) as Promise<unknown>;
    },
    logV2: tlog.logV2.bind(tlog),
  });
  const timestamp = tsaHandler(tsa);
  const mockRoute =
    (handler: { path: string; fn: (body: string) => Promise<{ statusCode: number; response: string | ArrayBufferView; contentType?: string }> }): Handler =>
    async (req, body, res) => {
      const route = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST' || route !== handler.path) {
        json(res, 404, { message: `double: no ${req.method} ${route}` });
        return;
      }
      const out = await handler.fn(body.toString('utf8'));
      const headers: Record<string, string> = { 'Content-Type': out.contentType ?? 'text/plain' };
      // Rekor's Go client finds the new entry by ETag (the entry's UUID, the response's key).
      if (handler.path === '/api/v1/log/entries' && out.statusCode === 201) {
        const text = typeof out.response === 'string' ? out.response : Buffer.from(out.response.buffer).toString('utf8');
        const uuid = Object.keys(JSON.parse(text) as object)[0] ?? '';
        headers.ETag = uuid;
        headers.Location = `/api/v1/log/entries/${uuid}`;
      }
      res.writeHead(out.statusCode, headers);
      res.end(typeof out.response === 'string' ? out.response : Buffer.from(out.response.buffer, out.response.byteOffset, out.response.byteLength));
    };
  handlers.set('fulcio', mockRoute(fulcio));
  handlers.set('rekor', mockRoute(rekor));
  handlers.set('tsa', mockRoute(timestamp));

  const tokenKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwt = githubToken(tokenKey, 'sigstore');
  handlers.set('oidc', (req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) {
      json(res, 401, { message: 'double: wrong or missing request token' });
      return;
    }
    const audience = url.searchParams.get('audience') ?? '';
    audiences.push(audience);
    json(res, 200, { value: audience === 'sigstore' ? jwt : githubToken(tokenKey, audience) });
  });

  handlers.set('github', (req, body, res) => {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/attestations$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'POST' || !m) {
      json(res, 404, { message: 'Not Found' });
      return;
    }
    const parsed = JSON.parse(body.toString('utf8') || '{}') as { bundle?: unknown };
    attestations.push({
      owner: m[1] ?? '',
      repo: m[2] ?? '',
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      bundle: parsed.bundle,
    });
    json(res, 201, { id: ++attestationId });
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-sigstore-'));
  const validFor = { start: validFrom.toISOString() };
  const der = (data: ArrayBufferView | Buffer) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  const service = (url: string) => ({ url, majorApiVersion: 1, validFor, operator: 'kiln-test' });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: urls.rekor,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: der(tlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: urls.fulcio,
        certChain: { certificates: [{ rawBytes: der(ca.rootCertificate) }] },
        validFor,
      },
    ],
    ctlogs: [
      {
        baseUrl: urls.fulcio,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: der(ctlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
        logId: { keyId: der(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: urls.tsa,
        certChain: { certificates: [{ rawBytes: der(tsa.intCertificate) }, { rawBytes: der(tsa.rootCertificate) }] },
        validFor,
      },
    ],
  };
  const signingConfig = (withRekor: boolean, withTsa: boolean) => ({
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [service(urls.fulcio)],
    oidcUrls: [service(TOKEN_ISSUER)],
    rekorTlogUrls: withRekor ? [service(urls.rekor)] : [],
    tsaUrls: withTsa ? [service(`${urls.tsa}/api/v1/timestamp`)] : [],
    // sigstore-js's bundleBuilderFromSigningConfig throws on a selector with no URLs behind it.
    ...(withRekor ? { rekorTlogConfig: { selector: 'ANY' } } : {}),
    ...(withTsa ? { tsaConfig: { selector: 'ANY' } } : {}),
  });
  const files = {
    trustedRoot: path.join(dir, 'trusted_root.json'),
    signingConfig: path.join(dir, 'signing_config.json'),
    tsaSigningConfig: path.join(dir, 'signing_config_tsa.json'),
  };
  writeFileSync(files.trustedRoot, JSON.stringify(trustedRoot, null, 2));
  writeFileSync(files.signingConfig, JSON.stringify(signingConfig(true, false), null, 2));
  writeFileSync(files.tsaSigningConfig, JSON.stringify(signingConfig(false, true), null, 2));

  return {
    urls,
    ...files,
    jwt,
    calls,
    audiences,
    attestations,
    rekorEntries,
    env: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${urls.oidc}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      GITHUB_API_URL: urls.github,
    }),
    fault(s, f) {
      if (f) faults.set(s, { ...f });
      else faults.delete(s);
    },
    reset() {
      faults.clear();
      for (const s of SERVICES) calls[s] = 0;
      audiences.length = 0;
      attestations.length = 0;
      rekorEntries.length = 0;
    },
    async close() {
      await Promise.all(
        [...listeners.values()].map(
          (l) =>
            new Promise<void>((resolve) => {
              for (const socket of l.sockets) socket.destroy();
              l.server.close(() => {
                resolve();
              });
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
