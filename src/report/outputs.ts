import * as core from '../runner.js';
import type { OutputName } from '../names.js';
import { type ImageManifest, platformDigests } from './manifest.js';

/** What a finished build produced, gathered once and shared by outputs (and the summary). */
export interface BuildResult {
  imageId: string;
  /** The metadata file as buildx wrote it ('' when it wrote none, e.g. `call: check`). */
  metadata: string;
  /** For a push, the digest the registry serves; else buildx's `containerimage.digest`. */
  digest: string;
  /** The image's manifest list (or single manifest), when one could be read. */
  manifest?: ImageManifest;
  tags: string[];
}

/** What the set-up and the run add to the outputs. */
export interface SetupResult {
  builder: string;
  /** Platforms built under emulation. */
  qemuPlatforms: string[];
  /** Cached Dockerfile steps / Dockerfile steps, 0..1. */
  cacheHitRatio?: number;
  /** The step's time so far. */
  seconds?: number;
  /** The labels the build applied, and the version `images` rules gave. */
  labels?: string[];
  version?: string;
}

/** The manifest list as an output: the index and each entry, attestations marked. */
export function manifestOutput(manifest: ImageManifest | undefined): string {
  if (!manifest) return '';
  return JSON.stringify({
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    manifests: manifest.entries.map((e) => ({ platform: e.platform, digest: e.digest, size: e.size, mediaType: e.mediaType, attestation: e.attestation })),
  });
}

function buildRef(metadata: string): string {
  try {
    return ((JSON.parse(metadata) as Record<string, unknown>)['buildx.build.ref'] as string | undefined) ?? '';
  } catch {
    return '';
  }
}

export function outputValues(result: BuildResult, setup: SetupResult): Record<OutputName, string> {
  return {
    imageid: result.imageId,
    digest: result.digest,
    metadata: result.metadata,
    digests: JSON.stringify(result.manifest ? platformDigests(result.manifest) : {}),
    tags: result.tags.join('\n'),
    builder: setup.builder,
    'qemu-platforms': setup.qemuPlatforms.join(','),
    manifest: manifestOutput(result.manifest),
    'cache-hit-ratio': setup.cacheHitRatio === undefined ? '' : String(Math.round(setup.cacheHitRatio * 1000) / 1000),
    duration: setup.seconds === undefined ? '' : setup.seconds.toFixed(1),
    'build-ref': buildRef(result.metadata),
    labels: (setup.labels ?? []).join('\n'),
    version: setup.version ?? '',
  };
}

export function setOutputs(result: BuildResult, setup: SetupResult): void {
  for (const [name, value] of Object.entries(outputValues(result, setup))) core.setOutput(name, value);
}
