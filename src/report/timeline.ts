// Where the build's time went, as a Mermaid gantt chart (GitHub renders it in job summaries).
// BuildKit's plain log gives each step's duration but not its start: the bars of a platform are
// laid end to end in log order, so stages that ran side by side show one after the other.
import type { BuildStep } from '../build/log.js';
import { stepPlatform } from './cache-output.js';

/** Bounds that keep the chart readable, and small for builds with hundreds of steps. */
export const TIMELINE_LIMITS = {
  /** Steps shown one bar each per platform (the slowest that ran); the rest are collapsed. */
  barsPerSection: 12,
  sections: 8,
  label: 48,
  /** The chart's size in characters, whatever the build: the limits above keep it under this. */
  maxChars: 12_000,
} as const;

/** The section of steps that belong to no platform: BuildKit's own work (metadata, export, push). */
const BUILDKIT = 'BuildKit';

export interface TimelineOptions {
  /** The platform of steps that name none (a single-platform build). */
  platform: string;
  /** Platforms built under QEMU: their sections are marked and their bars red (`crit`). */
  emulated: string[];
  /** Makes a label fit to show (colours dropped, secrets masked): the summary's own. */
  clean?: (text: string) => string;
}

interface Bar {
  label: string;
  ms: number;
  /** `done` for cached steps (grey), `crit` for emulated ones (red). */
  tag?: 'done' | 'crit';
}

/** Mermaid's gantt syntax has no escapes: `:` `;` `#` and line breaks end or break a task's text. */
function label(text: string, max: number): string {
  const plain = text
    .replace(/[:;#%\r\n\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stepMs = (s: BuildStep) => Math.round((s.seconds ?? 0) * 1000);

/** `[linux/arm64 base 2/3] RUN make` → `[base 2/3] RUN make`: the platform is the section's. */
function stepName(step: BuildStep): string {
  return step.platform !== undefined ? step.name.replace(`[${step.platform} `, '[') : step.name;
}

/**
 * A platform's bars: each of its slowest steps that ran on its own, everything between them
 * (cached steps, quick ones) collapsed into one bar that says how many steps it holds.
 */
function barsOf(steps: BuildStep[], emulated: boolean, clean: (t: string) => string): Bar[] {
  const ran = steps.filter((s) => !s.cached);
  const kept = new Set(
    [...ran]
      .sort((a, b) => stepMs(b) - stepMs(a) || a.id - b.id)
      .slice(0, TIMELINE_LIMITS.barsPerSection)
      .map((s) => s.id),
  );
  const bars: Bar[] = [];
  let group: BuildStep[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const cached = group.filter((s) => s.cached).length;
    const ms = group.reduce((sum, s) => sum + stepMs(s), 0);
    const what = cached === group.length ? `${cached} cached step${cached === 1 ? '' : 's'}` : `${group.length} steps (${cached} cached)`;
    bars.push({ label: `${what} ${seconds(ms)}`, ms, tag: cached === group.length ? 'done' : undefined });
    group = [];
  };
  for (const step of steps) {
    if (!kept.has(step.id)) {
      group.push(step);
      continue;
    }
    flush();
    const ms = stepMs(step);
    bars.push({ label: `${label(clean(stepName(step)), TIMELINE_LIMITS.label)} ${seconds(ms)}`, ms, tag: emulated ? 'crit' : undefined });
  }
  flush();
  return bars;
}

/** Sections in the order their platforms first appear, BuildKit's own steps last. */
function sectionsOf(steps: BuildStep[], platform: string): Map<string, BuildStep[]> {
  const sections = new Map<string, BuildStep[]>();
  const add = (name: string, step: BuildStep) => {
    const list = sections.get(name) ?? [];
    list.push(step);
    sections.set(name, list);
  };
  const own: BuildStep[] = [];
  for (const step of steps) {
    if (step.instruction !== undefined) add(stepPlatform(step, platform), step);
    // BuildKit's own steps matter only when they took time (pulling metadata, exporting, pushing).
    else if ((step.seconds ?? 0) >= 0.1) own.push(step);
  }
  if (own.length > 0) sections.set(BUILDKIT, own);
  return sections;
}

function render(sections: { title: string; bars: Bar[] }[], more: string): string[] {
  const lines = ['gantt', '  dateFormat x', '  axisFormat %M:%S'];
  let id = 0;
  for (const { title, bars } of sections) {
    lines.push(`  section ${title}`);
    let at = 0;
    for (const bar of bars) {
      // A bar needs a length: a step that took no measurable time gets one millisecond.
      const end = at + Math.max(1, bar.ms);
      lines.push(`  ${bar.label} :${bar.tag ? `${bar.tag}, ` : ''}t${id++}, ${at}, ${end}`);
      at = end;
    }
  }
  if (more !== '') lines.push(`  section ${more}`);
  return lines;
}

/**
 * The build's steps as a gantt chart (the lines of a ```mermaid block), one section per
 * platform; [] when no step took measurable time or ran at all.
 */
export function buildTimeline(steps: BuildStep[], options: TimelineOptions): string[] {
  const clean = options.clean ?? ((t: string) => t);
  const all = [...sectionsOf(steps, options.platform)];
  if (all.every(([, list]) => list.every((s) => s.cached || stepMs(s) === 0))) return [];
  const shown = all.slice(0, TIMELINE_LIMITS.sections).map(([name, list]) => {
    const emulated = options.emulated.includes(name);
    return { title: label(clean(emulated ? `${name} (emulated, QEMU)` : name), TIMELINE_LIMITS.label), bars: barsOf(list, emulated, clean) };
  });
  const hidden = all.length - shown.length;
  return render(shown, hidden > 0 ? `${hidden} more platforms not shown` : '');
}

/** Fan-out: one bar per leg, all starting together (the legs run on their own runners at once). */
export function legsTimeline(legs: { platform: string; seconds: number; emulated: boolean; runner?: string }[]): string[] {
  if (legs.length === 0) return [];
  const bars = legs.slice(0, TIMELINE_LIMITS.barsPerSection * TIMELINE_LIMITS.sections).map((leg, i) => {
    const ms = Math.round(leg.seconds * 1000);
    const who = label(`${leg.platform}${leg.runner ? ` on ${leg.runner}` : ''}${leg.emulated ? ' (emulated, QEMU)' : ''}`, TIMELINE_LIMITS.label);
    return `  ${who} ${seconds(ms)} :${leg.emulated ? 'crit, ' : ''}l${i}, 0, ${Math.max(1, ms)}`;
  });
  return ['gantt', '  dateFormat x', '  axisFormat %M:%S', '  section Legs', ...bars];
}
