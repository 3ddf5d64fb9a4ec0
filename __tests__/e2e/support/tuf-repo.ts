// A TUF repository on the loopback, shaped as Sigstore's mirrors are (consistent snapshots, one
// target: trusted_root.json), to read a trusted root from without the internet. Its metadata are
// signed with an ephemeral ed25519 key (one key, threshold 1, for the four top-level roles), so a
// real TUF client (tuf-js) checks it as it checks Sigstore's. Faults: answer a status a few
// times, hang, or serve a timestamp or snapshot signed by a key the root does not trust.
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Key, MetaFile, Metadata, Root, Signature, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';

export type TufFault =
  /** Answer `status` to the next `times` requests (every request without `times`), then serve. */
  | { status: number; times?: number }
  /** Accept every request and never answer (until close()). */
  | { hang: true }
  /** Serve this role's metadata signed by a key the root does not name under the trusted key's id. */
  | { forged: 'timestamp' | 'snapshot' };

export interface TufRepoDouble {
  /** The mirror's base URL (no trailing slash), as a TUF client's metadataBaseUrl. */
  url: string;
  /** 1.root.json: what a client starts from (its seed). */
  root: Buffer;
  /** The one target, as served. */
  trustedRoot: Buffer;
  /** Paths asked, in order (faulted ones included). */
  requests: string[];
  /** Each request's User-Agent, in order. */
  userAgents: string[];
  fault(fault: TufFault | undefined): void;
  close(): Promise<void>;
}

const TARGET = 'trusted_root.json';

function ed25519Key(): { key: Key; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the end of its SPKI DER; TUF keeps it as hex.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const keyID = createHash('sha256').update(raw).digest('hex');
  return { key: new Key({ keyID, keyType: 'ed25519', scheme: 'ed25519', keyVal: { public: raw } }), privateKey };
}

/** A signer for Metadata.sign: ed25519 over the canonical JSON tuf-js hands it, as `keyID`. */
const signer = (keyID: string, privateKey: KeyObject) => (data: Buffer) => new Signature({ keyID, sig: sign(null, data, privateKey).toString('hex') });

const bytesOf = (metadata: Metadata<Root | Timestamp | Snapshot | Targets>) => Buffer.from(JSON.stringify(metadata.toJSON()));

export async function startTufRepo(trustedRoot: Buffer): Promise<TufRepoDouble> {
  const { key, privateKey } = ed25519Key();
  const rogue = ed25519Key().privateKey;
  const expires = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const common = { specVersion: '1.0.31', expires };
  const roles = ['root', 'timestamp', 'snapshot', 'targets'];

  const root = new Metadata(new Root({ ...common, version: 1, consistentSnapshot: true }));
  for (const role of roles) root.signed.addKey(key, role);
  root.sign(signer(key.keyID, privateKey));

  const targetHash = createHash('sha256').update(trustedRoot).digest('hex');
  const targets = new Metadata(
    new Targets({ ...common, version: 1, targets: { [TARGET]: new TargetFile({ path: TARGET, length: trustedRoot.length, hashes: { sha256: targetHash } }) } }),
  );
  targets.sign(signer(key.keyID, privateKey));
  const targetsBytes = bytesOf(targets);

  const snapshotOf = (by: KeyObject) => {
    const m = new Metadata(new Snapshot({ ...common, version: 1, meta: { 'targets.json': new MetaFile({ version: 1 }) } }));
    m.sign(signer(key.keyID, by));
    return bytesOf(m);
  };
  const snapshotBytes = snapshotOf(privateKey);
  const timestampOf = (by: KeyObject) => {
    const m = new Metadata(new Timestamp({ ...common, version: 1, snapshotMeta: new MetaFile({ version: 1 }) }));
    m.sign(signer(key.keyID, by));
    return bytesOf(m);
  };

  let fault: TufFault | undefined;
  let faultsLeft = 0;
  const served = new Map<string, () => Buffer>([
    ['/1.root.json', () => bytesOf(root)],
    ['/timestamp.json', () => timestampOf(fault && 'forged' in fault && fault.forged === 'timestamp' ? rogue : privateKey)],
    ['/1.snapshot.json', () => (fault && 'forged' in fault && fault.forged === 'snapshot' ? snapshotOf(rogue) : snapshotBytes)],
    ['/1.targets.json', () => targetsBytes],
    [`/targets/${targetHash}.${TARGET}`, () => trustedRoot],
  ]);

  const requests: string[] = [];
  const userAgents: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://tuf').pathname;
    requests.push(path);
    userAgents.push(req.headers['user-agent'] ?? '');
    if (fault && 'hang' in fault) return;
    if (fault && 'status' in fault && (fault.times === undefined || faultsLeft-- > 0)) {
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('fault injected');
      return;
    }
    const body = served.get(path)?.();
    if (!body) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    root: bytesOf(root),
    trustedRoot,
    requests,
    userAgents,
    fault(next) {
      fault = next;
      faultsLeft = next && 'status' in next ? (next.times ?? 0) : 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
