import { createHash } from 'node:crypto';
import { REGISTRY } from './registry.js';

// Signatures and attestations as cosign 3 stores them (OCI 1.1 referrers; on a registry without
// the referrers API, as Debian's, an index tagged `sha256-<hex of the subject>` lists them), read
// over the registry's HTTP API so tests check what a verifier finds, not what the step says.

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
export const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
export const SLSA_PREDICATE = 'https://slsa.dev/provenance/v1';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const ACCEPT = [
  OCI_INDEX,
  OCI_MANIFEST,
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface Statement {
  _type: string;
  subject: { name?: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

export interface Referrer {
  /** The referrer manifest's digest (what the `signatures` output points at). */
  digest: string;
  /** As the `sha256-<hex>` index lists it. */
  descriptor: OciDescriptor;
  manifest: {
    mediaType?: string;
    artifactType?: string;
    config: OciDescriptor;
    layers?: OciDescriptor[];
    subject?: OciDescriptor;
    annotations?: Record<string, string>;
  };
  /** The Sigstore bundle (the manifest's one layer), parsed. */
  bundle: {
    mediaType: string;
    verificationMaterial: Record<string, unknown> & { tlogEntries?: unknown[]; timestampVerificationData?: unknown };
    dsseEnvelope?: { payload: string; payloadType: string; signatures: { sig: string }[] };
  };
  /** The in-toto statement inside the bundle's DSSE envelope. */
  statement: Statement | undefined;
}

export interface Target {
  /** Host:port of the registry (default 127.0.0.1:5000). */
  registry?: string;
  /** `user:password` for basic auth (127.0.0.1:5001). */
  basic?: string;
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

function headers(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  return target.basic ? { Authorization: `Basic ${Buffer.from(target.basic).toString('base64')}`, ...extra } : extra;
}

const base = (target: Target) => `http://${target.registry ?? REGISTRY}/v2`;

/** The referrers tag schema's tag for a subject digest. */
export const referrersTag = (digest: string) => digest.replace(':', '-');

/** `localhost:5000/a/b:tag` or `127.0.0.1:5000/a/b@sha256:…` → `a/b`. */
export function repositoryOf(image: string): string {
  const withoutHost = image.replace(/^[^/]+(:\d+)?\//, '');
  return withoutHost.replace(/@.*$/, '').replace(/:[^/]*$/, '');
}

export async function fetchManifest(repo: string, ref: string, target: Target = {}): Promise<{ digest: string; mediaType: string; bytes: Buffer } | undefined> {
  const res = await fetch(`${base(target)}/${repo}/manifests/${ref}`, { headers: headers(target, { Accept: ACCEPT }) });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`registry: ${repo}:${ref} → HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { digest: res.headers.get('docker-content-digest') ?? sha256(bytes), mediaType: res.headers.get('content-type') ?? '', bytes };
}

async function fetchBlob(repo: string, digest: string, target: Target): Promise<Buffer> {
  const res = await fetch(`${base(target)}/${repo}/blobs/${digest}`, { headers: headers(target) });
  if (!res.ok) throw new Error(`registry: blob ${repo}@${digest} → HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Every referrer of `subject` the tag schema lists, with its bundle and statement. */
export async function referrersOf(repo: string, subject: string, target: Target = {}): Promise<Referrer[]> {
  const index = await fetchManifest(repo, referrersTag(subject), target);
  if (!index) return [];
  const { manifests = [] } = JSON.parse(index.bytes.toString('utf8')) as { manifests?: OciDescriptor[] };
  const referrers: Referrer[] = [];
  for (const descriptor of manifests) {
    const got = await fetchManifest(repo, descriptor.digest, target);
    if (!got) throw new Error(`registry: ${repo}@${descriptor.digest} is listed in ${referrersTag(subject)} but missing`);
    const manifest = JSON.parse(got.bytes.toString('utf8')) as Referrer['manifest'];
    const layer = manifest.layers?.[0];
    if (!layer) throw new Error(`registry: referrer ${repo}@${descriptor.digest} has no layer`);
    const bundle = JSON.parse((await fetchBlob(repo, layer.digest, target)).toString('utf8')) as Referrer['bundle'];
    const payload = bundle.dsseEnvelope?.payload;
    const statement = payload ? (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Statement) : undefined;
    referrers.push({ digest: descriptor.digest, descriptor, manifest, bundle, statement });
  }
  return referrers;
}

/** The referrer whose statement has `predicateType` (signature or provenance), if any. */
export async function referrerOf(repo: string, subject: string, predicateType: string, target: Target = {}): Promise<Referrer | undefined> {
  return (await referrersOf(repo, subject, target)).find((r) => r.statement?.predicateType === predicateType);
}

export async function pushBlob(repo: string, data: Buffer, target: Target = {}): Promise<OciDescriptor & { mediaType: string }> {
  const digest = sha256(data);
  const start = await fetch(`${base(target)}/${repo}/blobs/uploads/`, { method: 'POST', headers: headers(target) });
  if (start.status !== 202) throw new Error(`registry: upload to ${repo} → HTTP ${start.status}`);
  const location = new URL(start.headers.get('location') ?? '', `${base(target)}/`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: headers(target, { 'Content-Type': 'application/octet-stream' }),
    body: data,
  });
  if (put.status !== 201) throw new Error(`registry: blob ${digest} to ${repo} → HTTP ${put.status}`);
  return { mediaType: 'application/octet-stream', digest, size: data.length };
}

export async function putManifest(repo: string, ref: string | undefined, manifest: object, target: Target = {}): Promise<OciDescriptor> {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = sha256(bytes);
  const mediaType = (manifest as { mediaType?: string }).mediaType ?? OCI_MANIFEST;
  const res = await fetch(`${base(target)}/${repo}/manifests/${ref ?? digest}`, {
    method: 'PUT',
    headers: headers(target, { 'Content-Type': mediaType }),
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`registry: manifest ${repo}:${ref ?? digest} → HTTP ${res.status}: ${await res.text()}`);
  return { mediaType, digest, size: bytes.length };
}

/** A tiny image of one layer holding `content` (no build needed): what the doubles test signs. */
export async function pushTinyImage(repo: string, tag: string, content: string, target: Target = {}): Promise<OciDescriptor> {
  const layer = await pushBlob(repo, Buffer.from(content), target);
  const config = await pushBlob(
    repo,
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {} })),
    target,
  );
  return putManifest(
    repo,
    tag,
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
    },
    target,
  );
}

/**
 * Attaches a bundle to `subject` the way cosign 3 does on a registry without the referrers API:
 * the referrer manifest pushed by digest, then the `sha256-<hex>` index read, extended, written.
 */
export async function attachBundle(
  repo: string,
  subject: OciDescriptor,
  bundleJSON: string,
  predicateType: string,
  target: Target = {},
): Promise<OciDescriptor> {
  const empty = await pushBlob(repo, Buffer.from('{}'), target);
  const layer = await pushBlob(repo, Buffer.from(bundleJSON), target);
  const annotations = { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': predicateType };
  const referrer = await putManifest(
    repo,
    undefined,
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: BUNDLE_MEDIA_TYPE,
      config: { mediaType: EMPTY_MEDIA_TYPE, digest: empty.digest, size: empty.size, data: 'e30=' },
      layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: layer.digest, size: layer.size }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations,
    },
    target,
  );
  const existing = await fetchManifest(repo, referrersTag(subject.digest), target);
  const index = existing
    ? (JSON.parse(existing.bytes.toString('utf8')) as { manifests?: OciDescriptor[] })
    : { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
  const entry = { ...referrer, artifactType: BUNDLE_MEDIA_TYPE, annotations };
  await putManifest(repo, referrersTag(subject.digest), { ...index, manifests: [...(index.manifests ?? []), entry] }, target);
  return referrer;
}
