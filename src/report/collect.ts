import { readFileSync } from 'node:fs';
import type { BuildPlan } from '../plan/build-plan.js';
import { engineImageManifests, engineSocket } from './engine-image.js';
import { fromEngineManifests, hostPlatform, type ImageManifest, readManifest } from './manifest.js';
import type { BuildResult } from './outputs.js';
import { fetchManifest } from './registry.js';

interface Metadata {
  'containerimage.digest'?: string;
  'containerimage.descriptor'?: { mediaType?: string; digest?: string; size?: number };
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Reads what the build produced. A push is read back from the registry, because with several
 * exporters buildx's metadata names a digest the registry does not serve; a loaded image is
 * asked of the engine; anything else is taken from the metadata file.
 */
export async function collectResult(plan: BuildPlan, tags: string[], env: Readonly<Record<string, string | undefined>>): Promise<BuildResult> {
  const imageId = readIfPresent(plan.iidFile).trim();
  const metadataText = readIfPresent(plan.metadataFile);
  const metadata = (metadataText ? JSON.parse(metadataText) : {}) as Metadata;
  const descriptor = metadata['containerimage.descriptor'];
  const single = plan.platforms.length === 1 ? (plan.platforms[0] ?? hostPlatform()) : hostPlatform();

  let manifest: ImageManifest | undefined;
  const [pushed] = plan.pushed;
  if (pushed !== undefined) {
    manifest = readManifest(await fetchManifest(pushed), single);
  } else if (plan.loads && imageId !== '') {
    const socket = engineSocket(env);
    const manifests = socket ? await engineImageManifests(socket, imageId) : undefined;
    if (manifests && manifests.length > 0) manifest = fromEngineManifests(metadata['containerimage.digest'] ?? imageId, descriptor?.mediaType ?? '', manifests);
  }
  if (manifest === undefined && descriptor?.digest && isSingleManifest(descriptor.mediaType)) {
    manifest = { digest: descriptor.digest, mediaType: descriptor.mediaType, entries: [{ platform: single, digest: descriptor.digest, size: descriptor.size ?? 0, mediaType: descriptor.mediaType, attestation: false }] };
  }

  return { imageId, metadata: metadataText, digest: manifest?.digest ?? metadata['containerimage.digest'] ?? '', manifest, tags };
}

function isSingleManifest(mediaType: string | undefined): mediaType is string {
  return mediaType !== undefined && /manifest\.v\d\+json$/.test(mediaType) && !mediaType.includes('list');
}
