import type { BuildCheck } from './summary.js';

/** One vertex of buildx's plain progress log (`#N ...`). */
export interface BuildStep {
  /** The `#N` vertex number. */
  id: number;
  /** As BuildKit titles it: `[linux/arm64 base 2/3] RUN make`, `[internal] load build definition from Dockerfile`. */
  name: string;
  /** The Dockerfile instruction (`RUN make`), when the name counts steps (`[stage n/m]`). */
  instruction?: string;
  /** The stage's name (`base`); undefined for a build's only stage, which BuildKit leaves unnamed. */
  stage?: string;
  /** `linux/arm64` when the name carries one (multi-platform builds); `linux/amd64->arm64` when cross-compiling. */
  platform?: string;
  /** The log said `#N CACHED`. */
  cached: boolean;
  /**
   * From `#N DONE 1.2s`. A failed step's `#N ERROR:` line carries no time: its seconds are those
   * of its last output line (a lower bound), if it printed any.
   */
  seconds?: number;
  /** The `#N ERROR: ...` message. */
  error?: string;
  /** The step's own output (`#N 0.123 text`), timestamps removed: its last 20 lines at most. */
  output: string[];
}

const MAX_OUTPUT = 20;

interface State extends BuildStep {
  /** The timestamp of the last output line, as printed. */
  stamp?: string;
  /** `#N ...`: another vertex took over; a partial line may be printed again, completed. */
  resumed: boolean;
}

// `s`: a step's output may hold carriage returns (progress bars), which `.` would not match.
const VERTEX_LINE = /^#(\d+) (.*)$/s;
const OUTPUT_LINE = /^(\d+\.\d+)(?: (.*))?$/s;
const DONE_LINE = /^DONE(?: (\d+(?:\.\d+)?)s)?$/;
// `WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)`
const WARN_LINE = /^WARN: ([A-Za-z0-9]+): (.*?)(?: \(line (\d+)\))?$/s;
const DEFINITION = /^\[internal\] load build definition from (.+)$/;
const COUNTER = /^\d+\/\d+$/;

/** BuildKit's build-check rules are documented under their names in kebab case. */
function ruleUrl(rule: string): string {
  const kebab = rule
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

// BuildKit's Dockerfile frontend titles a step `[platform stage n/m] INSTRUCTION`: the platform
// only in multi-platform builds (with `->target` when cross-compiling), the stage only when the
// Dockerfile has several, and n padded to m's width (`[stage-1  2/11]`).
function readName(step: State, name: string): void {
  step.name = name;
  const m = /^\[([^\]]*)\] ?(.*)$/.exec(name);
  if (!m) return;
  const tokens = (m[1] ?? '').trim().split(/\s+/);
  let i = 0;
  const first = tokens[0] ?? '';
  if (first.includes('/') && !COUNTER.test(first)) {
    step.platform = first;
    i = 1;
  }
  const rest = tokens.slice(i);
  const last = rest.at(-1);
  if (last !== undefined && COUNTER.test(last) && rest.length <= 2) {
    step.instruction = m[2] ?? '';
    if (rest.length === 2) step.stage = rest[0];
  }
}

function copy(step: State): BuildStep {
  const out: BuildStep = { id: step.id, name: step.name, cached: step.cached, output: [...step.output] };
  if (step.instruction !== undefined) out.instruction = step.instruction;
  if (step.stage !== undefined) out.stage = step.stage;
  if (step.platform !== undefined) out.platform = step.platform;
  if (step.seconds !== undefined) out.seconds = step.seconds;
  if (step.error !== undefined) out.error = step.error;
  return out;
}

/**
 * Reads buildx's plain progress log as it streams: `push` each chunk as it comes (any split,
 * CRLF or LF), `end` when the stream ends, `steps` at any time. Each line is looked at once.
 */
export class ProgressParser {
  readonly #byId = new Map<number, State>();
  readonly #order: State[] = [];
  readonly #checks: BuildCheck[] = [];
  readonly #checkKeys = new Set<string>();
  /** The unfinished last line, in the pieces it came in (no quadratic concatenation). */
  #pending: string[] = [];
  /** The vertex of the previous line; -1 after any other line (a blank line starts a block). */
  #previous = -1;

  push(chunk: string): this {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      let line = chunk.slice(start, nl);
      if (this.#pending.length > 0) {
        this.#pending.push(line);
        line = this.#pending.join('');
        this.#pending = [];
      }
      this.#line(line);
      start = nl + 1;
    }
    if (start < chunk.length) this.#pending.push(chunk.slice(start));
    return this;
  }

  /** The stream ended: reads its last line even without a newline. */
  end(): this {
    if (this.#pending.length > 0) {
      const line = this.#pending.join('');
      this.#pending = [];
      this.#line(line);
    }
    return this;
  }

  /** The steps so far, in first-seen order (copies). */
  steps(): BuildStep[] {
    return this.#order.map(copy);
  }

  /** The Dockerfile's build-check warnings (`#N WARN: Rule: message (line n)`), once each. */
  checks(): BuildCheck[] {
    return this.#checks.map((c) => ({ ...c }));
  }

  #line(raw: string): void {
    // CRLF logs, and output lines that end in CR (a program's own CRLF): a trailing CR shows nothing.
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
    const line = end === raw.length ? raw : raw.slice(0, end);
    const m = line.startsWith('#') ? VERTEX_LINE.exec(line) : null;
    if (m?.[1] === undefined) {
      this.#previous = -1;
      return;
    }
    const id = Number(m[1]);
    const text = m[2] ?? '';
    const blockStart = this.#previous !== id;
    this.#previous = id;
    // #0 is buildx's own line ("building with ... instance"), not a vertex.
    if (id === 0) return;
    let step = this.#byId.get(id);
    if (!step) {
      step = { id, name: '', cached: false, output: [], resumed: false };
      this.#byId.set(id, step);
      this.#order.push(step);
    }

    const out = OUTPUT_LINE.exec(text);
    if (out?.[1] !== undefined) {
      this.#output(step, out[1], out[2] ?? '');
      return;
    }
    if (text === 'CACHED') {
      step.cached = true;
      return;
    }
    const done = DONE_LINE.exec(text);
    if (done) {
      // Printed again when a vertex runs again; each gives its total time so far. A CACHED
      // vertex with no output of its own did not run: it is printed again when the export
      // fetches its cached layer (`sha256:… 230B / 230B done`).
      if (step.output.length > 0) step.cached = false;
      if (done[1] !== undefined) step.seconds = Number(done[1]);
      return;
    }
    if (text.startsWith('ERROR: ')) {
      step.error = text.slice('ERROR: '.length);
      step.cached = false;
      if (step.seconds === undefined && step.stamp !== undefined) step.seconds = Number(step.stamp);
      return;
    }
    if (text === 'CANCELED') return;
    if (text === '...') {
      step.resumed = true;
      return;
    }
    if (text.startsWith('WARN: ')) {
      this.#warning(step, text);
      return;
    }
    // Each block opens with the vertex's name (again, when the vertex resumes); the lines after
    // it are statuses (`resolve ... done`, `transferring context: 2B done`).
    if (blockStart && step.name === '') readName(step, text);
  }

  #output(step: State, stamp: string, text: string): void {
    const last = step.output.length - 1;
    // A line left partial when another vertex took over is printed again in full on resuming.
    if (step.resumed && stamp === step.stamp && last >= 0 && text.startsWith(step.output[last] ?? '')) {
      step.output[last] = text;
    } else {
      step.output.push(text);
      if (step.output.length > MAX_OUTPUT) step.output.shift();
    }
    step.stamp = stamp;
    step.resumed = false;
  }

  #warning(step: State, text: string): void {
    const w = WARN_LINE.exec(text);
    if (w?.[1] === undefined) return;
    const check: BuildCheck = { rule: w[1], message: w[2] ?? '', url: ruleUrl(w[1]) };
    const file = DEFINITION.exec(step.name)?.[1];
    if (file !== undefined) check.file = file;
    if (w[3] !== undefined) check.line = Number(w[3]);
    const key = `${check.rule}\0${check.file ?? ''}\0${String(check.line)}\0${check.message}`;
    if (this.#checkKeys.has(key)) return;
    this.#checkKeys.add(key);
    this.#checks.push(check);
  }
}

/** The steps of a whole plain progress log, in first-seen order. */
export function parseProgress(log: string): BuildStep[] {
  return new ProgressParser().push(log).end().steps();
}

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
