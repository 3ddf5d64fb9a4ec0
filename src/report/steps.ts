// What the report makes of the build's steps (read from the log by build/log.ts).
import type { BuildStep } from '../build/log.js';

function verb(instruction: string): string {
  const words = instruction.trimStart().split(/\s+/, 2);
  return ((words[0]?.toUpperCase() === 'ONBUILD' ? words[1] : words[0]) ?? '').toUpperCase();
}

/**
 * A Dockerfile instruction that makes a layer a cache can serve: RUN, COPY, ADD, WORKDIR... not
 * FROM (the base image is pulled or already there: its step says DONE even on a full cache hit),
 * and not BuildKit's own steps ([internal], exporting...). ENV, ARG, LABEL and the like make no step.
 */
export function isDockerfileStep(step: BuildStep): boolean {
  return step.instruction !== undefined && verb(step.instruction) !== 'FROM';
}

/** How many Dockerfile steps the cache served: 0 for a fresh build, 1 for a full cache hit. */
export function cacheHits(steps: BuildStep[]): { cached: number; total: number; ratio: number } {
  let cached = 0;
  let total = 0;
  for (const step of steps) {
    if (!isDockerfileStep(step)) continue;
    total++;
    if (step.cached) cached++;
  }
  return { cached, total, ratio: total === 0 ? 0 : cached / total };
}

/** The `n` steps that took longest (ties in log order), cached and untimed steps left out. */
export function slowest(steps: BuildStep[], n: number): BuildStep[] {
  return steps
    .filter((s): s is BuildStep & { seconds: number } => !s.cached && s.seconds !== undefined)
    .sort((a, b) => b.seconds - a.seconds || a.id - b.id)
    .slice(0, Math.max(0, n));
}
