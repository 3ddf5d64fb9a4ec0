// Build steps for the timeline's tests: the unit tables and the e2e check that Mermaid parses the charts.
import type { BuildStep } from '../src/build/log.js';

export function step(id: number, fields: Partial<BuildStep> = {}): BuildStep {
  return { id, name: `[${id}/9] RUN step ${id}`, instruction: `RUN step ${id}`, cached: false, output: [], ...fields };
}

/** A 300-step, two-platform build: 150 steps each, every third cached, arm64 emulated. */
export function bigBuild(): BuildStep[] {
  const steps: BuildStep[] = [];
  for (let i = 0; i < 300; i++) {
    const platform = i % 2 === 0 ? 'linux/amd64' : 'linux/arm64';
    steps.push(
      step(i + 1, {
        name: `[${platform} stage-${i % 7} ${i}/300] RUN make target-${i}: with #hash; and % and a long tail of words that goes on`,
        instruction: `RUN make target-${i}`,
        platform,
        cached: i % 3 === 0,
        seconds: i % 3 === 0 ? 0 : (i % 17) + 0.25,
      }),
    );
  }
  return steps;
}
