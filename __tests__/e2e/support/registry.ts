import { gunzipSync } from 'node:zlib';

// The open test registry that scripts/engine.sh starts; tests read it over plain HTTP, as a
// puller would, so what they check is what the registry serves.
export const REGISTRY = '127.0.0.1:5000';
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface Manifest {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

/** `localhost:5000/a/b:tag` → { repo: 'a/b', ref: 'tag' }. */
export function splitRef(ref: string): { repo: string; ref: string } {
  const withoutHost = ref.replace(/^(localhost|127\.0\.0\.1):5000\//, '');
  const at = withoutHost.indexOf('@');
  if (at >= 0) return { repo: withoutHost.slice(0, at), ref: withoutHost.slice(at + 1) };
  const colon = withoutHost.lastIndexOf(':');
  return { repo: withoutHost.slice(0, colon), ref: withoutHost.slice(colon + 1) };
}

export async function getManifest(image: string): Promise<{ digest: string; manifest: Manifest; bytes: Buffer }> {
  const { repo, ref } = splitRef(image);
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${ref}`, { headers: { Accept: ACCEPT } });
  if (!res.ok) throw new Error(`registry: ${image} → HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { digest: res.headers.get('docker-content-digest') ?? '', manifest: JSON.parse(bytes.toString('utf8')) as Manifest, bytes };
}

export async function getBlob(repo: string, digest: string): Promise<Buffer> {
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/blobs/${digest}`);
  if (!res.ok) throw new Error(`registry: blob ${repo}@${digest} → HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export function platformName(d: Descriptor): string {
  return d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : 'unknown/unknown';
}

/** Every blob reachable from `image` (configs, layers, attestations), decompressed. */
export async function allBlobs(image: string): Promise<{ digest: string; mediaType: string; data: Buffer }[]> {
  const { repo } = splitRef(image);
  const { manifest } = await getManifest(image);
  const manifests: Manifest[] = [];
  if (manifest.manifests) {
    for (const d of manifest.manifests) manifests.push((await getManifest(`${repo}@${d.digest}`)).manifest);
  } else {
    manifests.push(manifest);
  }
  const blobs = [];
  for (const m of manifests) {
    for (const d of [...(m.config ? [m.config] : []), ...(m.layers ?? [])]) {
      const raw = await getBlob(repo, d.digest);
      const data = d.mediaType.endsWith('gzip') ? gunzipSync(raw) : raw;
      blobs.push({ digest: d.digest, mediaType: d.mediaType, data });
    }
  }
  return blobs;
}

/** Files in an uncompressed tar layer (regular files only), path → content. */
export function tarFiles(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if (type === '0' || type === '') files.set(name.replace(/^\.?\//, ''), tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The file `path` as the image for `platform` has it (last layer wins). */
export async function fileInImage(image: string, platform: string, path: string): Promise<string | undefined> {
  const { repo } = splitRef(image);
  const { manifest } = await getManifest(image);
  const entry = manifest.manifests?.find((d) => platformName(d) === platform);
  const m = entry ? (await getManifest(`${repo}@${entry.digest}`)).manifest : manifest;
  let found: string | undefined;
  for (const layer of m.layers ?? []) {
    const raw = await getBlob(repo, layer.digest);
    const content = tarFiles(layer.mediaType.endsWith('gzip') ? gunzipSync(raw) : raw).get(path);
    if (content !== undefined) found = content.toString('utf8');
  }
  return found;
}
