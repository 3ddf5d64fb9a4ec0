import { maskPieces } from '../plan/masks.js';
import { ghaWrites } from './cache-output.js';
import type { WriteSpend } from '../plan/cache-spend.js';
import type { ImageManifest } from './manifest.js';
import type { BuildCheck, BuildStep } from '../build/log.js';
import { cacheHits, slowest } from './steps.js';
import { stepsWithoutArgValues, titleWithoutArgValues } from './step-titles.js';
import { buildTimeline } from './timeline.js';

export interface SummaryData {
  ok: boolean;
  /** Total step time. */
  seconds: number;
  tags: string[];
  /** For tags made from `images` rules: tag → the rule that made it. */
  tagRules?: Record<string, string>;
  /** Index digest + mediaType + entries (platform, digest, size, attestation). */
  manifest?: ImageManifest;
  builder: { name: string; driver: string; buildkit?: string; nodes: { name: string; platforms: string[] }[]; emulated: string[] };
  /** `written`: what the build exports (Kiln's scope, or the user's cache-to entries). */
  cache: { backend: string; reason: string; reads: string[]; written: string[]; warnings: string[] };
  /** What the Actions cache exports cost, as far as Kiln learnt it (report/gha-spend.ts, report/local-spend.ts); from the log alone when absent. */
  cacheSpend?: WriteSpend;
  steps: BuildStep[];
  /** The platform of steps that name none (a single-platform build), for the timeline. */
  platform?: string;
  checks: BuildCheck[];
  failure?: { step?: string; message: string; output: string[] };
  /** What the step could not do or report although the build succeeded (e.g. a failed registry read-back). */
  warnings?: string[];
  /** Secret values: the renderer must never print them, whatever field they turn up in (replace with ***). */
  secrets: string[];
  /** Build-argument values (name → value): step titles show them expanded; the summary shows `$NAME`. */
  buildArgs?: Readonly<Record<string, string>>;
}

/** GitHub refuses a step summary over 1 MiB; the summary stays well under it. */
export const SUMMARY_MAX_BYTES = 1_000_000;

const MASK = '***';
// Each part is capped so that the whole stays far below the limit, even with every list full.
const LIMITS = {
  tags: 50,
  rows: 100,
  checks: 50,
  warnings: 20,
  cell: 200,
  text: 1000,
  message: 4000,
  outputLines: 50,
  outputLine: 1000,
  slowest: 5,
};

// ANSI escapes (colours, cursor moves, OSC titles) as compilers and test runners print them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// Other control characters, but tab and the line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The strings to mask: each non-blank secret and each non-blank line of a multi-line one, as
 * given and trimmed; longest first, so that a secret holding another goes whole.
 */
function maskable(secrets: string[]): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    for (const piece of maskPieces(secret)) {
      found.add(piece);
      found.add(piece.trim());
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every secret, and every line of one, replaced (for annotations outside the summary). */
export function redactSecrets(text: string, secrets: string[]): string {
  return redact(text, maskable(secrets));
}

function redact(text: string, masks: string[]): string {
  let out = text;
  for (const m of masks) if (out.includes(m)) out = out.replaceAll(m, MASK);
  return out;
}

/**
 * Makes a value of the data fit to show: colours dropped (they could split a secret), then
 * secrets masked. Every shown string goes through it before it is cut or escaped, which would
 * leave a secret no longer whole; lists are cut to what is shown first, so that a huge input
 * costs nothing.
 */
type Clean = (text: string) => string;

/** Cuts `text` to `max` characters, marking the cut, without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

const oneLine = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, '');

/** Inline Markdown text: no syntax, no HTML, no raw newline, pipes escaped (safe in table cells). */
function md(text: string, max = LIMITS.text): string {
  return cut(oneLine(text), max).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/**
 * Inline code. In a table cell (`cell`) GFM splits on any pipe not escaped by a backslash, even
 * inside code, and shows `\|` inside code as `|`: pipes are escaped there, and text with a
 * backslash just before a pipe, which cannot be written so, falls back to escaped text.
 */
function code(text: string, max = LIMITS.cell, cell = false): string {
  const t = cut(oneLine(text), max);
  if (t === '') return '';
  if (cell && t.includes('\\|')) return md(t, max);
  const ticks = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(ticks + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  const span = `${fence}${pad}${t}${pad}${fence}`;
  return cell ? span.replace(/\|/g, '\\|') : span;
}

const cellCode = (text: string, max = LIMITS.cell): string => code(text, max, true);

function list(items: string[], max: number, render: (s: string) => string): string {
  const shown = items.slice(0, max).map(render).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function more(hidden: number, what: string): string[] {
  return hidden > 0 ? ['', `_${hidden} more ${what} not shown._`] : [];
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 59.95) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${s}s` : `${m}m ${s}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

function isIndex(mediaType: string): boolean {
  return /index|manifest\.list/.test(mediaType);
}

function platformsSection(manifest: ImageManifest | undefined, c: Clean): string[] {
  if (!manifest) return [];
  const images = manifest.entries.filter((e) => !e.attestation);
  if (images.length === 0) return [];
  const out = ['#### Platforms', ''];
  // An entry's size is its manifest's (a registry's descriptor), not the image's layers.
  const rows = images.slice(0, LIMITS.rows).map((e) => [md(c(e.platform), LIMITS.cell), cellCode(c(e.digest)), formatBytes(e.size)]);
  out.push(...table(['Platform', 'Digest', 'Manifest size'], rows), ...more(images.length - rows.length, 'platforms'));
  if (isIndex(manifest.mediaType)) {
    const attestations = manifest.entries.length - images.length;
    const extra = attestations > 0 ? `, with ${attestations} attestation manifest${attestations === 1 ? '' : 's'}` : '';
    out.push('', `Index ${code(c(manifest.digest))} (${code(c(manifest.mediaType))})${extra}.`);
  }
  return out;
}

function builderSection(builder: SummaryData['builder'], c: Clean): string[] {
  if (builder.name === '' && builder.driver === '') return [];
  const facts = [builder.name !== '' ? code(c(builder.name)) : 'Unnamed builder'];
  if (builder.driver !== '') facts.push(`driver ${code(c(builder.driver))}`);
  if (builder.buildkit) facts.push(`BuildKit ${code(c(builder.buildkit))}`);
  const out = ['#### Builder', '', facts.join(' · ')];
  if (builder.emulated.length > 0) out.push('', `Emulated (QEMU): ${list(builder.emulated, LIMITS.rows, (p) => code(c(p)))}`);
  if (builder.nodes.length > 0) {
    const rows = builder.nodes.slice(0, LIMITS.rows).map((n) => [cellCode(c(n.name)) || '—', md(list(n.platforms, LIMITS.rows, c)) || '—']);
    out.push('', ...table(['Node', 'Platforms'], rows), ...more(builder.nodes.length - rows.length, 'nodes'));
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `Actions cache: wrote 4 entries, 1.2 MiB; skipped 3 that the cache held` (`local`: the cache
 * directory's blob files). What Kiln could not learn is said to be unknown, never filled in.
 */
export function spendLine(spend: WriteSpend, backend = 'gha'): string | undefined {
  if (spend.entriesWritten === undefined) return undefined;
  const local = backend === 'local';
  const wrote = `${local ? 'Cache directory' : 'Actions cache'}: wrote ${local ? plural(spend.entriesWritten, 'blob', 'blobs') : plural(spend.entriesWritten, 'entry', 'entries')}`;
  const bytes = spend.bytesWritten !== undefined ? `, ${formatBytes(spend.bytesWritten)}` : '';
  const skipped = spend.entriesSkipped !== undefined ? `; skipped ${spend.entriesSkipped} that the ${local ? 'directory' : 'cache'} held` : '';
  const unknown = [spend.bytesWritten === undefined ? 'their bytes' : '', spend.entriesSkipped === undefined ? 'the entries skipped' : ''].filter(Boolean);
  const why = unknown.length > 0 ? ` (${unknown.join(' and ')} unknown: BuildKit's log does not say them, and its exported index could not be read back)` : '';
  return `${wrote}${bytes}${skipped}${why}`;
}

function cacheSection(cache: SummaryData['cache'], steps: BuildStep[], c: Clean, spend?: WriteSpend): string[] {
  if (cache.backend === '') return [];
  const items = [`Backend: ${code(c(cache.backend))}${cache.reason !== '' ? ` — ${md(c(cache.reason))}` : ''}`];
  if (cache.reads.length > 0) items.push(`Read: ${list(cache.reads, LIMITS.rows, (s) => code(c(s)))}`);
  const written = cache.written.filter((w) => w !== '');
  items.push(`Written: ${written.length > 0 ? list(written, LIMITS.rows, (s) => code(c(s))) : 'none'}`);
  const spent = spendLine(spend ?? ghaWrites(steps) ?? {}, cache.backend);
  if (spent !== undefined) items.push(md(spent));
  const hits = cacheHits(steps);
  if (hits.total > 0) items.push(`Hits: ${hits.cached}/${hits.total} Dockerfile steps (${Math.round(hits.ratio * 100)}%)`);
  for (const w of cache.warnings.slice(0, LIMITS.warnings)) items.push(`⚠️ ${md(c(w))}`);
  if (cache.warnings.length > LIMITS.warnings) items.push(`${cache.warnings.length - LIMITS.warnings} more warnings not shown`);
  return ['#### Cache', '', ...items.map((i) => `- ${i}`)];
}

/** `[linux/arm64 base 2/3] RUN make` → `[base 2/3] RUN make`: the platform has its own column. */
function withoutPlatform(step: BuildStep): string {
  return step.platform !== undefined ? step.name.replace(`[${step.platform} `, '[') : step.name;
}

function slowestSection(steps: BuildStep[], c: Clean): string[] {
  // Steps that took no measurable time are no news (a fully cached build has only those).
  const top = slowest(steps, LIMITS.slowest).filter((s) => (s.seconds ?? 0) >= 0.05);
  if (top.length === 0) return [];
  const rows = top.map((s) => [
    cellCode(c(withoutPlatform(s)) || `#${s.id}`),
    s.platform !== undefined ? md(c(s.platform), LIMITS.cell) : '—',
    // A failed step's time is that of its last output line: at least that long.
    `${s.error !== undefined ? '≥ ' : ''}${(s.seconds ?? 0).toFixed(1)}`,
  ]);
  return ['#### Slowest steps', '', ...table(['Step', 'Platform', 'Seconds'], rows)];
}

/** Where the time went, per platform, as a Mermaid gantt chart (report/timeline.ts). */
function timelineSection(data: SummaryData, c: Clean): string[] {
  const chart = buildTimeline(data.steps, { platform: data.platform ?? 'build', emulated: data.builder.emulated, clean: c });
  if (chart.length === 0) return [];
  return [
    '#### Timeline',
    '',
    'Per platform, in log order (stages that ran side by side are shown one after the other); grey: from the cache; red: emulated.',
    '',
    ...fenced(chart, 'mermaid'),
  ];
}

function ruleLink(check: BuildCheck, c: Clean): string {
  const rule = md(c(check.rule), LIMITS.cell);
  const url = c(check.url);
  if (!/^https?:\/\/[^\s<>]+$/.test(url) || url.length > LIMITS.text) return rule;
  const safe = url.replace(/[()|[\]\\`*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${rule}](${safe})`;
}

function checksSection(checks: BuildCheck[], c: Clean): string[] {
  if (checks.length === 0) return [];
  const rows = checks.slice(0, LIMITS.checks).map((check) => {
    const file = check.file ?? '';
    const line = check.line !== undefined ? String(check.line) : '';
    const where = file !== '' ? `${file}${line !== '' ? `:${line}` : ''}` : line !== '' ? `line ${line}` : '';
    return [ruleLink(check, c), md(c(check.message)), where !== '' ? cellCode(c(where)) : '—'];
  });
  return ['#### Build checks', '', ...table(['Rule', 'Message', 'Location'], rows), ...more(checks.length - rows.length, 'warnings')];
}

/** A fenced block that no line of `lines` can close. */
function fenced(lines: string[], info = ''): string[] {
  const ticks = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
  const fence = '`'.repeat(ticks + 1);
  return [`${fence}${info}`, ...lines, fence];
}

/** A terminal shows what follows a line's last carriage return (progress bars). */
function terminalLine(line: string): string {
  const parts = line.split('\r').filter((p) => p !== '');
  return (parts.at(-1) ?? '').replace(CONTROL, '');
}

/** The last `n` lines of `output` (whose items may hold several), and how many it has: one pass, no copy. */
function lastLines(output: string[], n: number): { total: number; tail: string[] } {
  let total = 0;
  for (const item of output) total += item.includes('\n') ? item.split('\n').length : 1;
  const tail: string[] = [];
  for (let i = output.length - 1; i >= 0 && tail.length < n; i--) {
    const parts = (output[i] ?? '').split('\n');
    for (let j = parts.length - 1; j >= 0 && tail.length < n; j--) tail.push(parts[j] ?? '');
  }
  return { total, tail: tail.reverse() };
}

function failureSection(failure: NonNullable<SummaryData['failure']>, c: Clean): string[] {
  const out = ['#### Failure', ''];
  if (failure.step !== undefined && failure.step !== '') out.push(`Step: ${code(c(failure.step), LIMITS.text)}`, '');
  const message = cut(c(failure.message), LIMITS.message)
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(CONTROL, ''));
  out.push('Error:', '', ...fenced(message, 'text'));
  const { total, tail } = lastLines(failure.output, LIMITS.outputLines);
  if (total > 0) {
    const last = tail.map((l) => terminalLine(c(l)));
    const shown = last.map((l) => cut(l, LIMITS.outputLine));
    const longCut = last.some((l) => l.length > LIMITS.outputLine);
    const what =
      total > shown.length ? `Last ${shown.length} of ${total} output lines (truncated)` : `Last ${shown.length} output line${shown.length === 1 ? '' : 's'}`;
    out.push('', `<details><summary>${what}${longCut ? ', long lines cut' : ''}</summary>`, '', ...fenced(shown, 'text'), '', '</details>');
  }
  return out;
}

const CUT_NOTE = "_The summary was cut to stay under GitHub's 1 MiB step-summary limit._";

/**
 * Cuts a summary over `maxBytes` after the last line that leaves room to close the code block
 * or <details> the cut leaves open, and says so. renderSummary's parts are capped so that only
 * wide characters in every field at once come near the limit; this is the guarantee.
 */
export function fitSummary(markdown: string, maxBytes = SUMMARY_MAX_BYTES): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown;
  const lines = Buffer.from(markdown, 'utf8').subarray(0, maxBytes).toString('utf8').split('\n');
  lines.pop(); // cut short (or empty)
  let fence: string | undefined;
  let details = 0;
  let size = 0;
  let keep = 0;
  let ending = ['', CUT_NOTE, ''];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
    } else if (/^`{3,}/.test(line)) {
      fence = /^`+/.exec(line)?.[0];
    } else if (line.startsWith('<details>')) {
      details++;
    } else if (line.startsWith('</details>')) {
      details--;
    }
    size += Buffer.byteLength(line, 'utf8') + 1;
    const closing = [
      ...(fence !== undefined ? [fence] : []),
      ...Array.from({ length: Math.max(0, details) }, () => ['', '</details>']).flat(),
      '',
      CUT_NOTE,
      '',
    ];
    if (size + Buffer.byteLength(closing.join('\n'), 'utf8') <= maxBytes) {
      keep = i + 1;
      ending = closing;
    }
  }
  return (
    lines
      .slice(0, keep)
      .map((l) => `${l}\n`)
      .join('') + ending.join('\n')
  );
}

/** The tags on one line; tags made by `images` rules one per line, each with its rule. */
function tagsSection(tags: string[], rules: Record<string, string> | undefined, c: Clean): string[] {
  if (!rules || !tags.some((t) => rules[t] !== undefined)) return [`Tags: ${list(tags, LIMITS.tags, (t) => code(c(t)))}`];
  const shown = tags.slice(0, LIMITS.tags).map((t) => {
    const rule = rules[t];
    return rule === undefined ? `- ${code(c(t))}` : `- ${code(c(t))} from ${code(c(rule))}`;
  });
  const more = tags.length > LIMITS.tags ? [`- … and ${tags.length - LIMITS.tags} more`] : [];
  return ['Tags:', '', ...shown, ...more];
}

/** The data with BuildKit's step titles (which expand build arguments) back to `$NAME`. */
function withoutArgValues(data: SummaryData): SummaryData {
  const args = data.buildArgs ?? {};
  if (Object.keys(args).length === 0) return data;
  // BuildKit's failure message quotes the expanded command too (`process "/bin/sh -c …" did not complete`).
  const failure = data.failure && {
    ...data.failure,
    message: titleWithoutArgValues(data.failure.message, args),
    ...(data.failure.step === undefined ? {} : { step: titleWithoutArgValues(data.failure.step, args) }),
  };
  return { ...data, steps: stepsWithoutArgValues(data.steps, args), ...(failure ? { failure } : {}) };
}

/** The job summary for a build, as GitHub-flavoured Markdown. */
export function renderSummary(given: SummaryData): string {
  const data = withoutArgValues(given);
  const masks = maskable(data.secrets);
  const c: Clean = (text) => redact(text.replace(ANSI, ''), masks);

  const sections: string[][] = [];
  const verdict = data.ok ? `✅ Build succeeded in ${formatDuration(data.seconds)}` : `❌ Build failed after ${formatDuration(data.seconds)}`;
  sections.push([`### ${verdict}`]);
  if (data.tags.length > 0) sections.push(tagsSection(data.tags, data.tagRules, c));
  sections.push((data.warnings ?? []).slice(0, LIMITS.warnings).map((w) => `> ⚠️ ${md(c(w), LIMITS.message)}`));
  sections.push(platformsSection(data.manifest, c));
  sections.push(builderSection(data.builder, c));
  sections.push(cacheSection(data.cache, data.steps, c, data.cacheSpend));
  sections.push(slowestSection(data.steps, c));
  sections.push(checksSection(data.checks, c));
  sections.push(timelineSection(data, c));
  if (!data.ok && data.failure) sections.push(failureSection(data.failure, c));

  const markdown = `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')}\n`;
  // Once more over the whole, whatever the parts.
  return fitSummary(redact(markdown, masks));
}
