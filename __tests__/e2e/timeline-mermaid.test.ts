// The timeline charts against the mermaid package's own parser, which runs in a child process (it
// needs a DOM shim Jest's node environment lacks), so this lives with the tests that start programs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { buildTimeline, legsTimeline } from '../../src/report/timeline.js';
import { bigBuild, step } from '../timeline-steps.js';

/** Mermaid's own parser, in a child process (it needs a DOM shim Jest's node environment lacks). */
function mermaidParse(diagrams: string[]): { ok: boolean; type?: string; error?: string }[] {
  const run = spawnSync(process.execPath, [new URL('./support/mermaid-parse.mjs', import.meta.url).pathname], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`mermaid-parse: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ok: boolean; type?: string; error?: string }[];
}

describe('the charts are valid Mermaid (the mermaid package’s parser)', () => {
  it('single-platform, multi-platform, the 300-step build and fan-out legs all parse as gantt; a broken chart does not', () => {
    const single = buildTimeline([step(1, { seconds: 1 }), step(2, { cached: true })], { platform: 'linux/amd64', emulated: [] });
    const big = buildTimeline(bigBuild(), { platform: 'linux/amd64', emulated: ['linux/arm64'] });
    const legs = legsTimeline([{ platform: 'linux/arm64', seconds: 3, emulated: true, runner: 'r: #1; x' }]);
    const broken = ['gantt', '  dateFormat x', '  section a', '  task a1 0 5'];
    const results = mermaidParse([single, big, legs, broken].map((lines) => lines.join('\n')));
    expect(results.slice(0, 3)).toEqual([
      { ok: true, type: 'gantt' },
      { ok: true, type: 'gantt' },
      { ok: true, type: 'gantt' },
    ]);
    expect(results[3]).toMatchObject({ ok: false });
  }, 90_000);
});
