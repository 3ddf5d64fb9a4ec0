// Keyless signing with sigstore-js: one ephemeral P-256 key held in memory, one Fulcio
// certificate for it (asked once, shared by every bundle of the step), DSSE bundles witnessed by
// the instance's transparency log and/or timestamp authority; then each bundle verified against
// the trusted root and the identity the token names, before anything reports it as signed.
import { generateKeyPairSync, type KeyObject, sign as signBytes } from 'node:crypto';
import { type Bundle, bundleToJSON } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { Signature, Signer, Witness } from '@sigstore/sign';
// The bundle builder and the token's subject only: @sigstore/sign's index loads its HTTP client too.
import { DSSEBundleBuilder } from '@sigstore/sign/dist/bundler/dsse.js';
import { extractJWTSubject } from '@sigstore/sign/dist/util/oidc.js';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { IN_TOTO_PAYLOAD_TYPE, type SigstoreInstance, type Statement } from '../plan/sign.js';
import type { Deadline } from './deadline.js';
import { fulcioCertificates, rekorWitness, tsaWitness } from './sigstore-services.js';
// Certificates compared by DER encoded once (sigstore-js encodes them again at every comparison).
import './certificate-der.js';

/**
 * Signs with one key and one certificate, asked of Fulcio once (for the first signature) and
 * shared by every bundle of the step; the proof of possession is the token's subject signed with
 * the key, as sigstore-js's FulcioSigner makes it.
 */
class OneCertificateSigner implements Signer {
  private readonly key: KeyObject;
  private readonly publicKey: string;
  private certificate: Promise<string> | undefined;

  constructor(
    private readonly fulcioUrl: string,
    private readonly jwt: string,
    private readonly limit: Deadline,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey;
    this.publicKey = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  private async certify(): Promise<string> {
    let subject: string;
    try {
      subject = extractJWTSubject(this.jwt);
    } catch (error) {
      throw new Error(`the OIDC token names no subject to certify: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const proof = signBytes('sha256', Buffer.from(subject), this.key);
    const [leaf = ''] = await fulcioCertificates(this.fulcioUrl, this.jwt, this.publicKey, proof, this.limit);
    return leaf;
  }

  async sign(data: Buffer): Promise<Signature> {
    this.certificate ??= this.certify();
    const certificate = await this.certificate;
    return { signature: signBytes('sha256', data, this.key), key: { $case: 'x509Certificate', certificate } };
  }
}

export interface Sigstore {
  /** A DSSE bundle for the statement. */
  bundle(statement: Statement): Promise<Bundle>;
}

export function sigstoreSigner(instance: SigstoreInstance, jwt: string, limit: Deadline): Sigstore {
  const witnesses: Witness[] = [];
  if (instance.rekor) witnesses.push(rekorWitness(instance.rekor, limit));
  if (instance.tsaUrl) witnesses.push(tsaWitness(instance.tsaUrl, limit));
  const builder = new DSSEBundleBuilder({ signer: new OneCertificateSigner(instance.fulcioUrl, jwt, limit), witnesses });
  return { bundle: (statement) => builder.create({ data: Buffer.from(JSON.stringify(statement)), type: IN_TOTO_PAYLOAD_TYPE }) };
}

export function bundleJson(bundle: Bundle): Buffer {
  return Buffer.from(JSON.stringify(bundleToJSON(bundle)));
}

/** When the bundle says it was signed, and its log index (undefined without a log). */
export function bundleFacts(bundle: Bundle): { logIndex?: number; timestamp?: string } {
  const entry = bundle.verificationMaterial.tlogEntries[0];
  const stamp = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
  let timestamp: string | undefined;
  if (stamp) timestamp = RFC3161Timestamp.parse(Buffer.from(stamp.signedTimestamp)).signingTime.toISOString();
  else if (entry) timestamp = new Date(Number(entry.integratedTime) * 1000).toISOString();
  return { ...(entry ? { logIndex: Number(entry.logIndex) } : {}), ...(timestamp ? { timestamp } : {}) };
}

export interface ExpectedIdentity {
  /** The certificate's SAN: the workflow that signs (`https://github.com/owner/repo/.github/workflows/f.yml@ref`). */
  san: string | RegExp;
  issuer: string;
}

export type BundleVerifier = (bundle: Bundle) => { san: string; issuer: string };

/**
 * A verifier for the instance's bundles against its trusted root (trusted-root.ts): a transparency
 * log entry when the instance has a log, a timestamp either way.
 */
export function bundleVerifier(instance: SigstoreInstance, trustedRoot: TrustedRoot, expected: ExpectedIdentity): BundleVerifier {
  const verifier = new Verifier(toTrustMaterial(trustedRoot), {
    tlogThreshold: instance.rekor ? 1 : 0,
    ctlogThreshold: trustedRoot.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1,
  });
  return (bundle) => {
    const signer = verifier.verify(toSignedEntity(bundle), { subjectAlternativeName: expected.san, extensions: { issuer: expected.issuer } });
    return { san: signer.identity?.subjectAlternativeName ?? String(expected.san), issuer: signer.identity?.extensions?.issuer ?? expected.issuer };
  };
}
