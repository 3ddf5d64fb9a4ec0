import { readFileSync } from 'node:fs';
import type { BuildPlan } from '../plan/build-plan.js';
import { inspectEngineImage, engineSocket } from './engine-image.js';
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

function isSingleManifest(mediaType: string | undefined): mediaType is string {
  return mediaType !== undefined && /manifest\.v\d\+json$/.test(mediaType) && !mediaType.includes('list');
}

/**
 * The engine's copy of `image`, trusted only when it is the one this build made (`digest`): a
 * stale tag from an earlier build, or another builder's push, falls through to the registry.
 */
async function fromEngine(
  image: string,
  digest: string,
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ImageManifest | undefined> {
  const socket = engineSocket(env);
  const found = socket ? await inspectEngineImage(socket, image) : undefined;
  const foundDigest = found?.Descriptor?.digest ?? found?.Id;
  if (!found?.Manifests?.length || foundDigest !== digest) return undefined;
  return fromEngineManifests(digest, found.Descriptor?.mediaType ?? '', platform, found.Manifests);
}

/**
 * Reads what the build produced, as cheaply as the truth allows. With one exporter, the digest
 * buildx reports is the one it pushed, and the docker driver's engine holds that very index: one
 * socket request gives its platforms. With several exporters buildx's metadata may name another
 * exporter's digest, so the push is read back from the registry (a buildx process, ~100 ms).
 */
export async function collectResult(plan: BuildPlan, tags: string[], env: Readonly<Record<string, string | undefined>>): Promise<BuildResult> {
  const imageId = readIfPresent(plan.iidFile).trim();
  const metadataText = readIfPresent(plan.metadataFile);
  const metadata = (metadataText ? JSON.parse(metadataText) : {}) as Metadata;
  const descriptor = metadata['containerimage.descriptor'];
  const reported = metadata['containerimage.digest'] ?? '';
  const single = plan.platforms.length === 1 ? (plan.platforms[0] ?? hostPlatform()) : hostPlatform();

  let manifest: ImageManifest | undefined;
  const [pushed] = plan.pushed;
  if (pushed !== undefined) {
    if (plan.exporters === 1 && reported !== '') manifest = await fromEngine(pushed, reported, single, env);
    manifest ??= readManifest(await fetchManifest(pushed), single);
  } else if (plan.loads && reported !== '') {
    manifest = await fromEngine(imageId || reported, reported, single, env);
  }
  if (manifest === undefined && descriptor?.digest && isSingleManifest(descriptor.mediaType)) {
    manifest = {
      digest: descriptor.digest,
      mediaType: descriptor.mediaType,
      entries: [{ platform: single, digest: descriptor.digest, size: descriptor.size ?? 0, mediaType: descriptor.mediaType, attestation: false }],
    };
  }

  return { imageId, metadata: metadataText, digest: manifest?.digest ?? reported, manifest, tags };
}
