import { nodeCrypto } from '../crypto-on-demand.js';
import type { ImageManifest, ManifestEntry } from '../plan/image-manifest.js';
export type { ImageManifest, ManifestEntry };

interface RawDescriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${nodeCrypto().createHash('sha256').update(bytes).digest('hex')}`;
}

function platformOf(p: RawDescriptor['platform']): string {
  if (!p?.os || !p.architecture) return 'unknown/unknown';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * Reads a manifest or index as a registry serves it. `platform` names the platform of a
 * single-platform manifest, which does not say it itself.
 */
export function readManifest(raw: Buffer, platform: string): ImageManifest {
  const doc = JSON.parse(raw.toString('utf8')) as { mediaType?: string; manifests?: RawDescriptor[] };
  const digest = sha256Digest(raw);
  const mediaType = doc.mediaType ?? (doc.manifests ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json');
  if (!doc.manifests) {
    return { digest, mediaType, entries: [{ platform, digest, size: raw.length, mediaType, attestation: false }] };
  }
  return {
    digest,
    mediaType,
    entries: doc.manifests.map((m) => {
      const attestation = m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
      const refersTo = attestation ? m.annotations?.['vnd.docker.reference.digest'] : undefined;
      return {
        platform: platformOf(m.platform),
        digest: m.digest ?? '',
        size: m.size ?? 0,
        mediaType: m.mediaType ?? '',
        attestation,
        ...(refersTo ? { refersTo } : {}),
      };
    }),
  };
}

/** platform → image manifest digest, for the images only (attestations left out). */
export function platformDigests(manifest: ImageManifest): Record<string, string> {
  return Object.fromEntries(manifest.entries.filter((e) => !e.attestation).map((e) => [e.platform, e.digest]));
}

/**
 * The engine's view of an image (its `Manifests`), in the registry's shape. The engine gives no
 * platform for a single-platform manifest (no index names one): `platform` stands in for it.
 */
export function fromEngineManifests(
  digest: string,
  mediaType: string,
  platform: string,
  manifests: {
    Kind?: string;
    AttestationData?: { For?: string };
    Descriptor?: { digest?: string; size?: number; mediaType?: string; platform?: RawDescriptor['platform']; annotations?: Record<string, string> };
  }[],
): ImageManifest {
  return {
    digest,
    mediaType,
    entries: manifests.map((m) => {
      const attestation = m.Kind === 'attestation';
      const refersTo = attestation ? (m.AttestationData?.For ?? m.Descriptor?.annotations?.['vnd.docker.reference.digest']) : undefined;
      return {
        platform: m.Descriptor?.platform?.os ? platformOf(m.Descriptor.platform) : attestation ? 'unknown/unknown' : platform,
        digest: m.Descriptor?.digest ?? '',
        size: m.Descriptor?.size ?? 0,
        mediaType: m.Descriptor?.mediaType ?? '',
        attestation,
        ...(refersTo ? { refersTo } : {}),
      };
    }),
  };
}
