import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A local stand-in for the GitHub Actions artifact service as @actions/artifact 2.x speaks it
// (the v4 protocol): Twirp JSON at ACTIONS_RESULTS_URL
// (`/twirp/github.actions.results.api.v1.ArtifactService/{CreateArtifact,FinalizeArtifact}`, the
// runtime token as bearer, snake_case fields, int64 as strings), and an Azure-style signed blob
// URL that takes the artifact's bytes in one `PUT` with `x-ms-blob-type: BlockBlob` (answered 201).
// The workflow run and job the artifact belongs to come from the token's `scp` claim
// (`Actions.Results:<run>:<job>`); requests naming others are refused, as the service does.

export interface StoredArtifact {
  id: string;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  /** expires_at as sent (RFC 3339), or undefined for the repository's default retention. */
  expiresAt?: string;
  version: number;
  body: Buffer;
  /** size and hash as FinalizeArtifact gave them. */
  size: string;
  hash?: string;
}

export interface ArtifactRequest {
  method: string;
  path: string;
  status: number;
}

export interface ArtifactService {
  url: string;
  /** The step environment the runner gives a JavaScript action: token and results URL. */
  env: () => Record<string, string>;
  runBackendId: string;
  jobBackendId: string;
  /** Finalized artifacts only. */
  artifacts: () => StoredArtifact[];
  requests: () => ArtifactRequest[];
  close: () => Promise<void>;
}

const PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export async function startArtifactService(): Promise<ArtifactService> {
  const secret = randomBytes(32);
  const runBackendId = randomUUID();
  const jobBackendId = randomUUID();
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest();
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(
    JSON.stringify({ nbf: now - 60, exp: now + 6 * 3600, scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` }),
  )}`;
  const token = `${unsigned}.${b64(sign(unsigned))}`;

  const pending = new Map<string, Omit<StoredArtifact, 'size' | 'hash' | 'id'> & { uploadId: string; uploaded: boolean }>();
  const finalized: StoredArtifact[] = [];
  const requests: ArtifactRequest[] = [];
  const sockets = new Set<Socket>();
  let url = '';

  const authorized = (req: IncomingMessage): boolean => {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const [h, p, s] = (m?.[1] ?? '').split('.');
    if (!h || !p || !s) return false;
    const expected = sign(`${h}.${p}`);
    const given = Buffer.from(s, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const body = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  /** Answers with JSON; true, so handlers can `return answer(…)`. */
  const answer = (res: ServerResponse, record: ArtifactRequest, status: number, json: object, headers: Record<string, string> = {}): boolean => {
    record.status = status;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(json));
    return true;
  };
  const twirpError = (res: ServerResponse, record: ArtifactRequest, status: number, code: string, msg: string): boolean =>
    answer(res, record, status, { code, msg });

  const server = createServer((req, res) => {
    const record: ArtifactRequest = { method: req.method ?? '', path: (req.url ?? '').replace(/sig=[^&]*/, 'sig=…'), status: 0 };
    requests.push(record);
    void (async (): Promise<boolean> => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const data = await body(req);
      if (req.method === 'PUT' && path.startsWith('/blobs/')) {
        const uploadId = path.slice('/blobs/'.length);
        const entry = [...pending.values()].find((p) => p.uploadId === uploadId);
        const sig = new URL(req.url ?? '/', 'http://x').searchParams.get('sig');
        if (!entry || sig !== b64(sign(uploadId))) return answer(res, record, 403, { error: 'bad signature' }, { 'x-ms-request-id': randomUUID() });
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
          return answer(res, record, 400, { error: 'x-ms-blob-type must be BlockBlob' }, { 'x-ms-request-id': randomUUID() });
        entry.body = data;
        entry.uploaded = true;
        record.status = 201;
        res.writeHead(201, { 'x-ms-request-id': randomUUID() });
        res.end();
        return true;
      }
      if (req.method !== 'POST' || !path.startsWith(PREFIX)) return twirpError(res, record, 404, 'bad_route', `no such route ${path}`);
      if (!authorized(req)) return twirpError(res, record, 401, 'unauthenticated', 'invalid bearer token');
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      } catch {
        return twirpError(res, record, 400, 'malformed', 'body is not JSON');
      }
      if (msg.workflow_run_backend_id !== runBackendId || msg.workflow_job_run_backend_id !== jobBackendId) {
        return twirpError(res, record, 400, 'invalid_argument', 'workflow run / job backend ids do not match the token');
      }
      const name = typeof msg.name === 'string' ? msg.name : '';
      if (name === '') return twirpError(res, record, 400, 'invalid_argument', 'name is required');
      const method = path.slice(PREFIX.length);
      if (method === 'CreateArtifact') {
        if (pending.has(name) || finalized.some((a) => a.name === name)) return twirpError(res, record, 409, 'already_exists', `artifact ${name} exists`);
        if (msg.expires_at !== undefined && (typeof msg.expires_at !== 'string' || Number.isNaN(Date.parse(msg.expires_at)))) {
          return twirpError(res, record, 400, 'invalid_argument', 'expires_at must be an RFC 3339 timestamp');
        }
        const uploadId = randomUUID();
        pending.set(name, {
          name,
          runBackendId,
          jobBackendId,
          expiresAt: msg.expires_at,
          version: Number(msg.version),
          body: Buffer.alloc(0),
          uploadId,
          uploaded: false,
        });
        return answer(res, record, 200, { ok: true, signed_upload_url: `${url}blobs/${uploadId}?sig=${b64(sign(uploadId))}` });
      }
      if (method === 'FinalizeArtifact') {
        const entry = pending.get(name);
        if (!entry?.uploaded) return twirpError(res, record, 404, 'not_found', `no uploaded artifact ${name}`);
        if (String(msg.size) !== String(entry.body.length))
          return twirpError(res, record, 400, 'invalid_argument', `size ${String(msg.size)} is not the uploaded ${entry.body.length}`);
        const hash = typeof msg.hash === 'string' ? msg.hash : undefined;
        if (hash !== undefined && hash !== `sha256:${createHash('sha256').update(entry.body).digest('hex')}`)
          return twirpError(res, record, 400, 'invalid_argument', 'hash does not match');
        pending.delete(name);
        const id = String(finalized.length + 1);
        finalized.push({
          id,
          name,
          runBackendId,
          jobBackendId,
          expiresAt: entry.expiresAt,
          version: entry.version,
          body: entry.body,
          size: String(msg.size),
          hash,
        });
        return answer(res, record, 200, { ok: true, artifact_id: id });
      }
      return twirpError(res, record, 404, 'bad_route', `no method ${method}`);
    })().catch(() => {
      res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    runBackendId,
    jobBackendId,
    env: () => ({ ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: url }),
    artifacts: () => [...finalized],
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
