// Fulcio, Rekor and the timestamp authority, asked over the signing phase's own HTTP (http.ts):
// what sigstore-js's FulcioSigner, RekorWitness and TSAWitness send and read, without their
// client (make-fetch-happen), whose loading alone cost more CPU than the whole of signing.
// The requests and entries are sigstore-js's own (toProposedEntry, toCreateEntryRequest, the
// protobuf types); only the Rekor v1 answer is read into the bundle's log entry here, field for
// field as RekorWitness reads it; every bundle is then verified with @sigstore/verify.
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { TransparencyLogEntry as TransparencyLogEntryJson } from '@sigstore/protobuf-specs';
import { CreateEntryRequest } from '@sigstore/protobuf-specs/rekor/v2';
import type { SignatureBundle, VerificationMaterial, Witness } from '@sigstore/sign';
import { toCreateEntryRequest, toProposedEntry } from '@sigstore/sign/dist/witness/tlog/entry.js';
import { createHash } from 'node:crypto';
import type { HttpResponse } from '../github/http.js';
import type { Deadline } from './deadline.js';
import { sendWithin } from './http.js';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** An answer that is not a success, as sigstore-js words it: the service's own `message` when it gives one. */
function refused(service: string, res: HttpResponse): Error {
  let message = '';
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { message?: unknown };
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: the status says it
  }
  return new Error(`${service} answered ${res.status}${message ? `: ${message}` : ''}`);
}

function jsonOf(service: string, res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new Error(`${service} answered ${res.status} with a body that is not JSON`);
  }
}

/**
 * Fulcio's certificate chain (PEM, leaf first) for `publicKey`, proved held by `proof` (the
 * token's subject signed with the key), for the identity the token names.
 */
export async function fulcioCertificates(fulcioUrl: string, jwt: string, publicKey: string, proof: Buffer, limit: Deadline): Promise<string[]> {
  const res = await sendWithin(
    {
      method: 'POST',
      url: `${fulcioUrl.replace(/\/$/, '')}/api/v2/signingCert`,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        credentials: { oidcIdentityToken: jwt },
        publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: publicKey }, proofOfPossession: proof.toString('base64') },
      }),
    },
    limit,
  );
  if (!res.ok) throw refused('Fulcio', res);
  type Chain = { chain?: { certificates?: unknown } };
  const body = jsonOf('Fulcio', res) as { signedCertificateEmbeddedSct?: Chain; signedCertificateDetachedSct?: Chain };
  const certificates = (body.signedCertificateEmbeddedSct ?? body.signedCertificateDetachedSct)?.chain?.certificates;
  if (!Array.isArray(certificates) || typeof certificates[0] !== 'string') throw new Error(`Fulcio answered ${res.status} without a certificate`);
  return certificates as string[];
}

/** Rekor v1's answer for one entry (the value under its UUID). */
interface RekorEntry {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification?: {
    signedEntryTimestamp?: string;
    inclusionProof?: { logIndex: number; treeSize: number; rootHash: string; hashes: string[]; checkpoint: string };
  };
}

/** The bundle's log entry for Rekor v1's answer, as sigstore-js's RekorWitness makes it. */
export function rekorV1Entry(entry: RekorEntry): TransparencyLogEntry {
  const body = JSON.parse(Buffer.from(entry.body, 'base64').toString('utf8')) as { kind: string; apiVersion: string };
  const proof = entry.verification?.inclusionProof;
  const stamp = entry.verification?.signedEntryTimestamp;
  return {
    logIndex: entry.logIndex.toString(),
    logId: { keyId: Buffer.from(entry.logID, 'hex') },
    integratedTime: entry.integratedTime.toString(),
    kindVersion: { kind: body.kind, version: body.apiVersion },
    inclusionPromise: stamp ? { signedEntryTimestamp: Buffer.from(stamp, 'base64') } : undefined,
    inclusionProof: proof
      ? {
          logIndex: proof.logIndex.toString(),
          treeSize: proof.treeSize.toString(),
          rootHash: Buffer.from(proof.rootHash, 'hex'),
          hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
          checkpoint: { envelope: proof.checkpoint },
        }
      : undefined,
    canonicalizedBody: Buffer.from(entry.body, 'base64'),
  };
}

function onlyEntry(data: unknown): RekorEntry {
  const entries = typeof data === 'object' && data !== null ? Object.values(data) : [];
  if (entries.length !== 1) throw new Error('Rekor answered without exactly one entry');
  return entries[0] as RekorEntry;
}

/** A transparency log entry for each bundle (Rekor v1: a `dsse` entry; v2: its own request). */
export function rekorWitness(rekor: { url: string; majorApiVersion: number }, limit: Deadline): Witness {
  const base = rekor.url.replace(/\/$/, '');
  return {
    async testify(content: SignatureBundle, publicKey: string): Promise<VerificationMaterial> {
      if (rekor.majorApiVersion === 2) {
        const body = JSON.stringify(CreateEntryRequest.toJSON(toCreateEntryRequest(content, publicKey)));
        const res = await sendWithin({ method: 'POST', url: `${base}/api/v2/log/entries`, headers: JSON_HEADERS, body }, limit);
        if (!res.ok) throw refused('Rekor', res);
        const entry = TransparencyLogEntryJson.fromJSON(jsonOf('Rekor', res));
        if (entry.logId === undefined || entry.kindVersion === undefined) throw new Error('Rekor answered with an entry without its log or kind');
        return { tlogEntries: [{ ...entry, logId: entry.logId, kindVersion: entry.kindVersion }] };
      }
      const body = JSON.stringify(toProposedEntry(content, publicKey, 'dsse'));
      let res = await sendWithin({ method: 'POST', url: `${base}/api/v1/log/entries`, headers: JSON_HEADERS, body }, limit);
      // A retried request whose first attempt was logged: the entry exists, and is read back.
      const location = res.headers.get('location');
      if (res.status === 409 && location) {
        res = await sendWithin(
          { method: 'GET', url: `${base}/api/v1/log/entries/${location.split('/').pop() ?? ''}`, headers: { Accept: 'application/json' } },
          limit,
        );
      }
      if (!res.ok) throw refused('Rekor', res);
      return { tlogEntries: [rekorV1Entry(onlyEntry(jsonOf('Rekor', res)))] };
    },
  };
}

/** An RFC 3161 timestamp of each bundle's signature. `url` is the full endpoint (a SigningConfig's `tsaUrls`). */
export function tsaWitness(url: string, limit: Deadline): Witness {
  const endpoint = new URL(url).pathname === '/' ? `${url.replace(/\/$/, '')}/api/v1/timestamp` : url;
  return {
    async testify(content: SignatureBundle): Promise<VerificationMaterial> {
      const signature = content.$case === 'dsseEnvelope' ? content.dsseEnvelope.signatures[0]?.sig : content.messageSignature.signature;
      if (!signature) throw new Error('nothing to timestamp: the bundle has no signature');
      const body = JSON.stringify({ artifactHash: createHash('sha256').update(signature).digest('base64'), hashAlgorithm: 'sha256' });
      const res = await sendWithin({ method: 'POST', url: endpoint, headers: { 'Content-Type': 'application/json' }, body }, limit);
      if (!res.ok) throw refused('The timestamp authority', res);
      return { rfc3161Timestamps: [{ signedTimestamp: res.body }] };
    },
  };
}
