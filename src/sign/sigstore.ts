// Keyless signing with sigstore-js: one ephemeral P-256 key held in memory, one Fulcio
// certificate for it (asked once, shared by every bundle of the step), DSSE bundles witnessed by
// the instance's transparency log and/or timestamp authority; then each bundle verified against
// the trusted root and the identity the token names, before anything reports it as signed.
import { generateKeyPairSync, type KeyObject, sign as signBytes } from 'node:crypto';
import { type Bundle, bundleToJSON } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { DSSEBundleBuilder, FulcioSigner, type IdentityProvider, RekorWitness, type Signature, type Signer, TSAWitness, type Witness } from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { IN_TOTO_PAYLOAD_TYPE, type SigstoreInstance, type Statement } from '../plan/sign.js';
import type { Deadline } from './deadline.js';

/**
 * Signs with one key and one certificate: sigstore-js's FulcioSigner asks Fulcio for a new
 * certificate on every signature, so it is asked once (for the first) and its certificate reused.
 */
class OneCertificateSigner implements Signer {
  private readonly key: KeyObject;
  private readonly fulcio: FulcioSigner;
  private certificate: Promise<string> | undefined;

  constructor(fulcioUrl: string, identity: IdentityProvider, limit: Deadline) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey;
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const holder: Signer = {
      sign: (data) => Promise.resolve({ signature: signBytes('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: pem } }),
    };
    this.fulcio = new FulcioSigner({ fulcioBaseURL: fulcioUrl, identityProvider: identity, keyHolder: holder, ...fetchOptions(limit) });
  }

  async sign(data: Buffer): Promise<Signature> {
    this.certificate ??= this.fulcio.sign(Buffer.alloc(0)).then((s) => {
      if (s.key.$case !== 'x509Certificate') throw new Error('Fulcio answered without a certificate');
      return s.key.certificate;
    });
    const certificate = await this.certificate;
    return { signature: signBytes('sha256', data, this.key), key: { $case: 'x509Certificate', certificate } };
  }
}

/** sigstore-js's own retries (429, 5xx, timeouts), kept within the signing deadline. */
function fetchOptions(limit: Deadline): { timeout: number; retry: { retries: number; factor: number; minTimeout: number; maxTimeout: number } } {
  return { timeout: Math.max(1000, Math.min(10_000, limit.left())), retry: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000 } };
}

export interface Sigstore {
  /** A DSSE bundle for the statement. */
  bundle(statement: Statement): Promise<Bundle>;
}

export function sigstoreSigner(instance: SigstoreInstance, jwt: string, limit: Deadline): Sigstore {
  const identity: IdentityProvider = { getToken: () => Promise.resolve(jwt) };
  const witnesses: Witness[] = [];
  if (instance.rekor)
    witnesses.push(
      new RekorWitness({ rekorBaseURL: instance.rekor.url, majorApiVersion: instance.rekor.majorApiVersion, entryType: 'dsse', ...fetchOptions(limit) }),
    );
  if (instance.tsaUrl) witnesses.push(new TSAWitness({ tsaBaseURL: tsaBase(instance.tsaUrl), ...fetchOptions(limit) }));
  const builder = new DSSEBundleBuilder({ signer: new OneCertificateSigner(instance.fulcioUrl, identity, limit), witnesses });
  return { bundle: (statement) => builder.create({ data: Buffer.from(JSON.stringify(statement)), type: IN_TOTO_PAYLOAD_TYPE }) };
}

/** sigstore-js adds /api/v1/timestamp itself; a SigningConfig names the full URL. */
function tsaBase(url: string): string {
  return url.replace(/\/api\/v1\/timestamp\/?$/, '');
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
