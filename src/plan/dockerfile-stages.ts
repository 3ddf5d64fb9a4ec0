// Questions about a Dockerfile's stages, on the plain value inputs/dockerfile.ts reads.
import type { Dockerfile, DockerfileStage } from '../inputs/dockerfile.js';

/** The stage a `target` (or `--from`) names, by name (case-insensitively) or index. */
export function stageNamed(dockerfile: Dockerfile, ref: string): DockerfileStage | undefined {
  return dockerfile.stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
}

/** The images the Dockerfile's stages build on (not earlier stages, not scratch). */
export function baseImages(dockerfile: Dockerfile): string[] {
  return [...new Set(dockerfile.stages.filter((s) => s.from !== '' && s.from.toLowerCase() !== 'scratch' && s.parent === undefined).map((s) => s.from))];
}
