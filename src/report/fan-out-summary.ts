import type { Platform } from '../inputs/platforms.js';
import type { Assembly } from '../plan/fan-out.js';
import { formatDuration } from './summary.js';
import { legsTimeline } from './timeline.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The fan-out part of the job summary: every platform known, who built it, and what happens next. */
export function renderFanOutSummary(assembly: Assembly, outcome: { index?: string; tags: string[]; seconds?: number }): string {
  const lines = ['### Fan-out', ''];
  if (assembly.complete && outcome.index) {
    const took = outcome.seconds === undefined ? '' : ` in ${formatDuration(outcome.seconds)}`;
    lines.push(
      `This leg found every platform recorded and assembled the index \`${outcome.index}\`${took}, tagged ${outcome.tags.map((t) => `\`${t}\``).join(', ')}.`,
    );
  } else if (!assembly.complete) {
    lines.push(`Waiting for ${assembly.missing.map((p) => `\`${p}\``).join(', ')}: another leg will finish the image and tag it.`);
  }
  lines.push('', '| Platform | Digest | Leg (runner) | Duration | Emulated |', '| --- | --- | --- | --- | --- |');
  for (const r of assembly.records) {
    const leg = [r.runner, r.job && `job ${r.job}`, r.attempt && `attempt ${r.attempt}`].filter(Boolean).join(', ');
    lines.push(`| \`${r.platform}\` | \`${r.digest}\` | ${cell(leg)} | ${formatDuration(r.seconds)} | ${r.emulated ? 'yes (QEMU)' : 'no'} |`);
  }
  if (!assembly.complete) for (const p of assembly.missing) lines.push(`| \`${p}\` | not yet recorded | | | |`);
  const emulated = assembly.records.filter((r) => r.emulated).map((r) => r.platform);
  // Where the time went: one bar per leg (report/timeline.ts).
  const chart = legsTimeline(assembly.records);
  if (chart.length > 0) lines.push('', '```mermaid', ...chart, '```');
  lines.push(
    '',
    emulated.length === 0 ? 'Nothing was emulated: every platform was built natively by its own leg.' : `Emulated under QEMU: ${emulated.join(', ')}.`,
    '',
  );
  return lines.join('\n');
}

/** A `push: false` leg's (or merge job's) part of the summary: what it validated, and that nothing else happened. */
export function renderValidationSummary(built: Platform[], platforms: Platform[]): string {
  const what =
    built.length > 0
      ? `This leg built ${built.map((p) => `\`${p}\``).join(', ')} of ${platforms.map((p) => `\`${p}\``).join(', ')} as a validation build (\`push: false\`)`
      : `This merge job ran with \`push: false\`: the legs were validation builds`;
  return ['### Fan-out', '', `${what}: nothing was exported or pushed, no record was written and no index assembled.`, ''].join('\n');
}
