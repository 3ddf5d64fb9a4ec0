import type { BuildMetadata } from '../build/metadata-file.js';
import type { OutputName } from '../names.js';
import type { CacheOutput } from './cache-output.js';
import { type ImageManifest, platformDigests } from './manifest.js';

/** What a finished build produced, gathered once and shared by outputs (and the summary). */
export interface BuildResult {
  imageId: string;
  /** buildx's metadata file, read once (src/build/metadata-file.ts). */
  metadata: BuildMetadata;
  /** For a push, the digest the registry serves; else buildx's `containerimage.digest`. */
  digest: string;
  /** The image's manifest list (or single manifest), when one could be read. */
  manifest?: ImageManifest;
  tags: string[];
  /** The registry read-back of a push, when there was one: attempts, and the last error if it never succeeded. */
  readBack?: { ref: string; attempts: number; error?: string };
  /** What signing signs when it is not this result as a whole: a fan-out leg's platforms and the index it assembled. */
  signing?: import('../sign/after-push.js').SignImage[];
}

/**
 * What the log and the summary say about the read-back: a warning when it failed (the push itself
 * succeeded), a note when it took retries; nothing when it went through at once or never ran.
 */
export function readBackNotes(result: Pick<BuildResult, 'readBack' | 'digest'>): { warning?: string; info?: string } {
  const r = result.readBack;
  if (!r) return {};
  const tries = `${r.attempts} attempt${r.attempts === 1 ? '' : 's'}`;
  if (r.error === undefined) return r.attempts > 1 ? { info: `Registry read-back of ${r.ref} succeeded after ${tries}` } : {};
  const digest = result.digest !== '' ? `digest is buildx's own (${result.digest}, from its metadata file)` : 'digest is empty (buildx reported none)';
  return {
    warning:
      `The image was pushed, but reading ${r.ref} back from its registry failed after ${tries}, so its platforms are unknown: ` +
      `the digests and manifest outputs are empty, ${digest}; imageid and metadata are set. Last error: ${r.error}`,
  };
}

/** What the set-up and the run add to the outputs. */
export interface SetupResult {
  builder: string;
  /** Platforms built under emulation. */
  qemuPlatforms: string[];
  /** Cached Dockerfile steps / Dockerfile steps, 0..1. */
  cacheHitRatio?: number;
  /** The `cache` output (report/cache-output.ts). */
  cache?: CacheOutput;
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

export function outputValues(result: BuildResult, setup: SetupResult): Record<OutputName, string> {
  return {
    imageid: result.imageId,
    digest: result.digest,
    metadata: result.metadata.text,
    digests: JSON.stringify(result.manifest ? platformDigests(result.manifest) : {}),
    tags: result.tags.join('\n'),
    builder: setup.builder,
    'qemu-platforms': setup.qemuPlatforms.join(','),
    manifest: manifestOutput(result.manifest),
    'cache-hit-ratio': setup.cacheHitRatio === undefined ? '' : String(Math.round(setup.cacheHitRatio * 1000) / 1000),
    cache: setup.cache ? JSON.stringify(setup.cache) : '',
    duration: setup.seconds === undefined ? '' : setup.seconds.toFixed(1),
    'build-ref': result.metadata.buildRef,
    labels: (setup.labels ?? []).join('\n'),
    version: setup.version ?? '',
    // Set now, so they exist however signing ends; the signing step (src/sign/step.ts) sets them again.
    signatures: '{}',
    'attestation-url': '',
  };
}

export function setOutputs(setOutput: (name: string, value: string) => void, result: BuildResult, setup: SetupResult): void {
  for (const [name, value] of Object.entries(outputValues(result, setup))) setOutput(name, value);
}
