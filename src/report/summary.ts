import type { ImageManifest } from './manifest.js';
import { type BuildStep, cacheHits, slowest } from './steps.js';

/** A Dockerfile build-check warning (BuildKit's lint rules). */
export interface BuildCheck {
  rule: string;
  message: string;
  file?: string;
  line?: number;
  url?: string;
}

export interface SummaryData {
  ok: boolean;
  /** Total step time. */
  seconds: number;
  tags: string[];
  /** Index digest + mediaType + entries (platform, digest, size, attestation). */
  manifest?: ImageManifest;
  builder: { name: string; driver: string; buildkit?: string; nodes: { name: string; platforms: string[] }[]; emulated: string[] };
  cache: { backend: string; reason: string; reads: string[]; write?: string; warnings: string[] };
  steps: BuildStep[];
  checks: BuildCheck[];
  failure?: { step?: string; message: string; output: string[] };
  /** Secret values: the renderer must never print them, whatever field they turn up in (replace with ***). */
  secrets: string[];
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

/** The strings to mask: each non-blank secret, and each non-blank line of a multi-line one; longest first. */
function maskable(secrets: string[]): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    if (secret.trim() === '') continue;
    found.add(secret);
    for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') found.add(line);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

function redact(text: string, masks: string[]): string {
  let out = text;
  for (const m of masks) if (out.includes(m)) out = out.split(m).join(MASK);
  return out;
}

/** Maps every string in plain data (objects, arrays), leaving the shape alone. */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v as unknown, fn)])) as T;
  }
  return value;
}

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

function tableWithMore(headers: string[], rows: string[][], max: number, what: string): string[] {
  const lines = table(headers, rows.slice(0, max));
  if (rows.length > max) lines.push('', `_${rows.length - max} more ${what} not shown._`);
  return lines;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
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

function platformsSection(manifest: ImageManifest | undefined): string[] {
  if (!manifest) return [];
  const images = manifest.entries.filter((e) => !e.attestation);
  if (images.length === 0) return [];
  const out = ['#### Platforms', ''];
  // An entry's size is its manifest's (a registry's descriptor), not the image's layers.
  const rows = images.map((e) => [md(e.platform, LIMITS.cell), cellCode(e.digest), formatBytes(e.size)]);
  out.push(...tableWithMore(['Platform', 'Digest', 'Manifest size'], rows, LIMITS.rows, 'platforms'));
  if (isIndex(manifest.mediaType)) {
    const attestations = manifest.entries.length - images.length;
    const extra = attestations > 0 ? `, with ${attestations} attestation manifest${attestations === 1 ? '' : 's'}` : '';
    out.push('', `Index ${code(manifest.digest)} (${code(manifest.mediaType)})${extra}.`);
  }
  return out;
}

function builderSection(builder: SummaryData['builder']): string[] {
  if (builder.name === '' && builder.driver === '') return [];
  const facts = [builder.name !== '' ? code(builder.name) : 'Unnamed builder'];
  if (builder.driver !== '') facts.push(`driver ${code(builder.driver)}`);
  if (builder.buildkit) facts.push(`BuildKit ${code(builder.buildkit)}`);
  const out = ['#### Builder', '', facts.join(' · ')];
  if (builder.emulated.length > 0) out.push('', `Emulated (QEMU): ${list(builder.emulated, LIMITS.rows, (p) => code(p))}`);
  if (builder.nodes.length > 0) {
    const rows = builder.nodes.map((n) => [cellCode(n.name) || '—', md(n.platforms.join(', ')) || '—']);
    out.push('', ...tableWithMore(['Node', 'Platforms'], rows, LIMITS.rows, 'nodes'));
  }
  return out;
}

function cacheSection(cache: SummaryData['cache'], steps: BuildStep[]): string[] {
  if (cache.backend === '') return [];
  const items = [`Backend: ${code(cache.backend)}${cache.reason !== '' ? ` — ${md(cache.reason)}` : ''}`];
  if (cache.reads.length > 0) items.push(`Read: ${list(cache.reads, LIMITS.rows, (s) => code(s))}`);
  items.push(`Written: ${cache.write !== undefined && cache.write !== '' ? code(cache.write) : 'none'}`);
  const hits = cacheHits(steps);
  if (hits.total > 0) items.push(`Hits: ${hits.cached}/${hits.total} Dockerfile steps (${Math.round(hits.ratio * 100)}%)`);
  for (const w of cache.warnings.slice(0, LIMITS.warnings)) items.push(`⚠️ ${md(w)}`);
  if (cache.warnings.length > LIMITS.warnings) items.push(`${cache.warnings.length - LIMITS.warnings} more warnings not shown`);
  return ['#### Cache', '', ...items.map((i) => `- ${i}`)];
}

/** `[linux/arm64 base 2/3] RUN make` → `[base 2/3] RUN make`: the platform has its own column. */
function withoutPlatform(step: BuildStep): string {
  return step.platform !== undefined ? step.name.replace(`[${step.platform} `, '[') : step.name;
}

function slowestSection(steps: BuildStep[]): string[] {
  // Steps that took no measurable time are no news (a fully cached build has only those).
  const top = slowest(steps, LIMITS.slowest).filter((s) => (s.seconds ?? 0) >= 0.05);
  if (top.length === 0) return [];
  const rows = top.map((s) => [
    cellCode(withoutPlatform(s) || `#${s.id}`),
    s.platform !== undefined ? md(s.platform) : '—',
    // A failed step's time is that of its last output line: at least that long.
    `${s.error !== undefined ? '≥ ' : ''}${(s.seconds ?? 0).toFixed(1)}`,
  ]);
  return ['#### Slowest steps', '', ...table(['Step', 'Platform', 'Seconds'], rows)];
}

function ruleLink(check: BuildCheck): string {
  const rule = md(check.rule, LIMITS.cell);
  const url = check.url ?? '';
  if (!/^https?:\/\/[^\s<>]+$/.test(url)) return rule;
  const safe = url.replace(/[()|[\]\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${rule}](${safe})`;
}

function checksSection(checks: BuildCheck[]): string[] {
  if (checks.length === 0) return [];
  const rows = checks.map((c) => {
    const where = c.file !== undefined && c.file !== '' ? `${c.file}${c.line !== undefined ? `:${c.line}` : ''}` : c.line !== undefined ? `line ${c.line}` : '';
    return [ruleLink(c), md(c.message), where !== '' ? cellCode(where) : '—'];
  });
  return ['#### Build checks', '', ...tableWithMore(['Rule', 'Message', 'Location'], rows, LIMITS.checks, 'warnings')];
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

function failureSection(failure: NonNullable<SummaryData['failure']>): string[] {
  const out = ['#### Failure', ''];
  if (failure.step !== undefined && failure.step !== '') out.push(`Step: ${code(failure.step, LIMITS.text)}`, '');
  const message = cut(failure.message, LIMITS.message).split(/\r\n|\r|\n/).map((l) => l.replace(CONTROL, ''));
  out.push('Error:', '', ...fenced(message, 'text'));
  const lines = failure.output.flatMap((l) => l.split('\n'));
  if (lines.length > 0) {
    const shown = lines.slice(-LIMITS.outputLines).map((l) => cut(terminalLine(l), LIMITS.outputLine));
    const longCut = lines.slice(-LIMITS.outputLines).some((l) => terminalLine(l).length > LIMITS.outputLine);
    const what =
      lines.length > shown.length
        ? `Last ${shown.length} of ${lines.length} output lines (truncated)`
        : `Last ${shown.length} output line${shown.length === 1 ? '' : 's'}`;
    out.push('', `<details><summary>${what}${longCut ? ', long lines cut' : ''}</summary>`, '', ...fenced(shown, 'text'), '', '</details>');
  }
  return out;
}

/** Cuts a summary that would still exceed the limit at a line boundary, and says so. */
function fit(markdown: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= SUMMARY_MAX_BYTES) return markdown;
  const note = `\n\n_The summary was cut to stay under GitHub's 1 MiB step-summary limit._\n`;
  const head = Buffer.from(markdown, 'utf8').subarray(0, SUMMARY_MAX_BYTES - 1024).toString('utf8');
  return head.slice(0, Math.max(0, head.lastIndexOf('\n'))) + note;
}

/** The job summary for a build, as GitHub-flavoured Markdown. */
export function renderSummary(input: SummaryData): string {
  const masks = maskable(input.secrets);
  // Secrets go first, from every field, before anything is cut or escaped (a cut or escaped
  // secret would no longer match); once more over the result below.
  const data = mapStrings({ ...input, secrets: [] }, (s) => redact(s.replace(ANSI, ''), masks));

  const sections: string[][] = [];
  const verdict = data.ok ? `✅ Build succeeded in ${formatDuration(data.seconds)}` : `❌ Build failed after ${formatDuration(data.seconds)}`;
  sections.push([`### ${verdict}`]);
  if (data.tags.length > 0) sections.push([`Tags: ${list(data.tags, LIMITS.tags, (t) => code(t))}`]);
  sections.push(platformsSection(data.manifest));
  sections.push(builderSection(data.builder));
  sections.push(cacheSection(data.cache, data.steps));
  sections.push(slowestSection(data.steps));
  sections.push(checksSection(data.checks));
  if (!data.ok && data.failure) sections.push(failureSection(data.failure));

  const markdown = `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')}\n`;
  return fit(redact(markdown, masks));
}
