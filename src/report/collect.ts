import { readFileSync } from 'node:fs';
import type { BuildLog } from '../build/log.js';
import { readBuildMetadata } from '../build/metadata-file.js';
import { onlyPlatform, type Platform } from '../inputs/platforms.js';
import type { Env } from '../inputs/types.js';
import type { BuildPlan } from '../plan/build-plan.js';
import { type EngineImage, engineSocket, inspectEngineImage } from '../engine-api.js';
import { fromEngineManifests, type ImageManifest, readManifest } from './manifest.js';
import type { BuildResult } from './outputs.js';
import { fetchManifestRetrying } from './registry.js';

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isSingleManifest(mediaType: string): boolean {
  return /manifest\.v\d\+json$/.test(mediaType) && !mediaType.includes('list');
}

export type Lookup = (image: string) => Promise<EngineImage | undefined>;

export function engineLookup(env: Env): Lookup {
  const socket = engineSocket(env);
  return (image) => (socket ? inspectEngineImage(socket, image) : Promise.resolve(undefined));
}

/**
 * Asks the engine for the pushed image as soon as buildx's log says it is named (the docker
 * driver names it in the engine's store before it pushes), so the request overlaps the push
 * instead of following it. `collectResult` still checks that the answer is this build's image.
 */
export function watchPush(plan: Pick<BuildPlan, 'pushed' | 'exporters'>, lookupImage: Lookup) {
  const [pushed] = plan.pushed;
  let early: Promise<EngineImage | undefined> | undefined;
  return {
    /** Looks at the log after each chunk. */
    onProgress: (log: BuildLog): void => {
      if (early || pushed === undefined || plan.exporters !== 1) return;
      if (log.imageNamed()) early = lookupImage(pushed);
    },
    /** The request already under way, if the log said the image was named. */
    lookup: (): Lookup | undefined => {
      const started = early;
      return started && (() => started);
    },
  };
}

/**
 * The engine's copy of `image`, trusted only when it is the one this build made (`digest`): a
 * stale tag from an earlier build, or another builder's push, falls through to the registry.
 */
async function fromEngine(image: string, digest: string, platform: string, lookup: Lookup): Promise<ImageManifest | undefined> {
  const found = await lookup(image);
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
export async function collectResult(
  plan: BuildPlan,
  tags: string[],
  /** The engine's platform (EngineFacts): what a build that named none was built for. */
  enginePlatform: Platform,
  env: Env,
  early?: Lookup,
): Promise<BuildResult> {
  const lookup = early ?? engineLookup(env);
  const imageId = readIfPresent(plan.iidFile).trim();
  const metadata = readBuildMetadata(plan.metadataFile);
  const { descriptor, digest: reported } = metadata;
  const single = onlyPlatform(plan.platforms) ?? enginePlatform;

  let manifest: ImageManifest | undefined;
  let readBack: BuildResult['readBack'];
  const [pushed] = plan.pushed;
  if (pushed !== undefined) {
    if (plan.exporters === 1 && reported !== '') manifest = await fromEngine(pushed, reported, single, lookup);
    if (manifest === undefined) {
      // A pushed image is never lost to its read-back: when the registry cannot say, the outputs
      // buildx's own files give are still set, and the caller warns.
      const read = await fetchManifestRetrying(pushed, env);
      let error = read.error?.message;
      try {
        if (read.value) manifest = readManifest(read.value, single);
      } catch (caught) {
        error = `Could not read ${pushed} back from its registry: ${caught instanceof Error ? caught.message : String(caught)}`;
      }
      readBack = { ref: pushed, attempts: read.attempts, error };
    }
  } else if (plan.loads && reported !== '') {
    manifest = await fromEngine(imageId || reported, reported, single, engineLookup(env));
  }
  if (manifest === undefined && descriptor && isSingleManifest(descriptor.mediaType)) {
    manifest = {
      digest: descriptor.digest,
      mediaType: descriptor.mediaType,
      entries: [{ platform: single, digest: descriptor.digest, size: descriptor.size, mediaType: descriptor.mediaType, attestation: false }],
    };
  }

  return { imageId, metadata, digest: manifest?.digest ?? reported, manifest, tags, readBack };
}
