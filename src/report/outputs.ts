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

/** What the set-up gave the build, for the outputs. */
export interface SetupResult {
  builder: string;
  /** Platforms built under emulation. */
  qemuPlatforms: string[];
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
  };
}

export function setOutputs(result: BuildResult, setup: SetupResult): void {
  for (const [name, value] of Object.entries(outputValues(result, setup))) core.setOutput(name, value);
}
