// The one reader of buildx's plain progress log. The log streams to the step's output unchanged;
// each chunk also goes through `push`, which reads every line once and keeps only what the rest of
// Kiln asks about (bounded: a step's last output lines, the failing step's last lines, a few
// flags), never the log itself. Pure: no I/O, no timers.
//
// Why text and not buildx's structured answers (buildx 0.29, checked on the engine):
// - build checks: BUILDX_METADATA_WARNINGS=true does put them in the metadata file
//   (`buildx.build.warnings`: base64 message, file, line range, rule URL), but a failed build writes
//   no metadata file, and a failing build's checks must still be annotated; the log has them in
//   both cases, with the same rule, message, file and line.
// - `--progress=rawjson` gives vertices as JSON, but in place of the plain progress users read in
//   the step's output: Kiln would have to render BuildKit's progress again itself.
import type { BuildCheck, BuildStep } from '../plan/build-step.js';
export type { BuildCheck, BuildStep };

export interface BuildFailure {
  message: string;
  /** The failing step as BuildKit titles it (`[3/3] RUN make`), when the log names one. */
  step?: string;
  /** The failing step's last output lines, timestamps removed. */
  output: string[];
  /** The Dockerfile as BuildKit names it, when it points at a line. */
  file?: string;
  line?: number;
}

/** Cache exports and imports that failed (their vertices' `ERROR:` messages). */
export interface CacheFailures {
  exports: string[];
  imports: string[];
}

const MAX_OUTPUT = 20;
const MAX_FAILURE_OUTPUT = 10;

interface State extends BuildStep {
  /** The timestamp of the last output line, as printed. */
  stamp?: string;
  /** `#N ...`: another vertex took over; a partial line may be printed again, completed. */
  resumed: boolean;
  /** The blobs a `writing layer … done` status named. */
  written?: Set<string>;
  /** The blob the last `writing layer …` status named, done or not. */
  writing?: string;
}

// `s`: a step's output may hold carriage returns (progress bars), which `.` would not match.
const VERTEX_LINE = /^#(\d+) (.*)$/s;
const OUTPUT_LINE = /^(\d+\.\d+)(?: (.*))?$/s;
const DONE_LINE = /^DONE(?: (\d+(?:\.\d+)?)s)?$/;
// `WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)`
const WARN_LINE = /^WARN: ([A-Za-z0-9]+): (.*?)(?: \(line (\d+)\))?$/s;
const DEFINITION = /^\[internal\] load build definition from (.+)$/;
const COUNTER = /^\d+\/\d+$/;

// BuildKit's plain log ends a failed build with a source excerpt and the error:
//   Dockerfile:4
//   --------------------
//      4 | >>> RUN exit 3
//   --------------------
//   ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete ...
// and, above it, the failing step's output again between short rules:
//   ------
//    > [3/3] RUN make:
//   0.129 cc: error ...
//   ------
const SOURCE_LINE = /^(\S.*?):(\d+)\s*$/;
const EXCERPT_RULE = /^-{8,}\s*$/;
const STEP_RULE = '------';
const FAILING_STEP = /^ > (.*):\s*$/;

// Vertices whose failure is a cache's, not the build's (ignore-error=true lets the build succeed).
const CACHE_EXPORT_NAME = /^(?:exporting cache\b|exporting to .*cache\b)/i;
const CACHE_IMPORT_NAME = /^importing cache manifest from /;
// A cache that is simply not there yet (a new branch's first build) is no failure.
const CACHE_NOT_THERE = /not found|manifest unknown|404/i;

// A cache export's status for a blob it uploaded (and finished uploading).
const LAYER_WRITTEN = /^writing layer (sha256:[0-9a-f]{64})\b.*\bdone$/;
const LAYER_STARTED = /^writing layer (sha256:[0-9a-f]{64})\b/;

// The image export, and what follows it when only the cache is left to export.
const IMAGE_EXPORT = /^exporting to (?:image|docker image format|oci image format)\b/;
const CACHE_AFTER_IMAGE = /^(?:exporting cache\b|preparing build cache for export\b|exporting to GitHub Actions Cache\b|exporting to cache\b)/i;
// The docker driver names the image in the engine's store before it pushes it.
const IMAGE_NAMED = /naming to \S+ .*done/;

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
  if (step.written) {
    // BuildKit marks the blob whose upload failed done as well, then fails the export with
    // "error writing layer blob" (a refused upload, gha-cache-rate-limited.log): that one is not written.
    const failed = step.error?.startsWith('error writing layer blob') && step.writing !== undefined && step.written.has(step.writing);
    out.blobsWritten = [...step.written].filter((b) => !(failed && b === step.writing));
    out.layersWritten = out.blobsWritten.length;
  }
  return out;
}

/**
 * Reads buildx's plain progress log as it streams: `push` each chunk as it comes (any split,
 * CRLF or LF), `end` when the stream ends; ask at any time. Each line is looked at once.
 */
export class BuildLog {
  readonly #byId = new Map<number, State>();
  readonly #order: State[] = [];
  readonly #checks: BuildCheck[] = [];
  readonly #checkKeys = new Set<string>();
  /** The unfinished last line, in the pieces it came in (no quadratic concatenation). */
  #pending: string[] = [];
  /** The vertex of the previous line; -1 after any other line (a blank line starts a block). */
  #previous = -1;

  // The build's end, for the failure: read as it passes, the last of each kind wins.
  /** The previous line (one CR removed), for the rules that look one line back. */
  #before = '';
  #finalError: string | undefined;
  #lastCheckComplete: string | undefined;
  #lastMeaningful: string | undefined;
  #excerpt: { file: string; line: number } | undefined;
  #failing: { step: string; output: string[] } | undefined;
  /** The failing step's repeated output is being read (until the closing rule). */
  #inFailing = false;

  // Cache vertices, and the errors of all vertices: few, and a vertex's name may follow its error.
  readonly #cacheExports = new Set<number>();
  readonly #cacheImports = new Set<number>();
  readonly #vertexErrors: { id: number; message: string }[] = [];

  readonly #imageExports = new Set<number>();
  #imageExported = false;
  #cacheExportOnly = false;
  #imageNamed = false;

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

  /** The build's final `ERROR: ` line without its prefix (untrimmed), if it printed one. */
  finalError(): string | undefined {
    return this.#finalError;
  }

  /** Why the build failed, and the Dockerfile line BuildKit points at. */
  failure(): BuildFailure {
    let message = this.#finalError?.trim();
    // `--call check` fails without an ERROR line; its verdict is "Check complete, N warnings...".
    if (message === undefined) message = this.#lastCheckComplete ?? this.#lastMeaningful ?? 'the build failed';
    const output = this.#failing ? [...this.#failing.output] : [];
    const failure: BuildFailure = this.#failing ? { message, step: this.#failing.step, output } : { message, output };
    return this.#excerpt ? { ...failure, ...this.#excerpt } : failure;
  }

  /**
   * Cache exports and imports that failed. With ignore-error=true BuildKit reports a failed export
   * as an `exporting … cache` step ending in `ERROR:` and the build still succeeds; a failed
   * import likewise. The user must hear about both.
   */
  /** Cache imports that found nothing (not there yet, or gone): no failure, but the build read no cache there. */
  cacheImportsNotFound(): string[] {
    return this.#vertexErrors.filter((e) => this.#cacheImports.has(e.id) && CACHE_NOT_THERE.test(e.message)).map((e) => e.message);
  }

  cacheFailures(): CacheFailures {
    return {
      exports: this.#vertexErrors.filter((e) => this.#cacheExports.has(e.id)).map((e) => e.message),
      imports: this.#vertexErrors.filter((e) => this.#cacheImports.has(e.id) && !CACHE_NOT_THERE.test(e.message)).map((e) => e.message),
    };
  }

  /** The image export is done and a cache export started after it: only the cache is left. */
  cacheExportOnly(): boolean {
    return this.#cacheExportOnly;
  }

  /** The log said the image is named (`naming to … done`): the engine's store holds it. */
  imageNamed(): boolean {
    return this.#imageNamed;
  }

  #line(raw: string): void {
    const plain = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    this.#end(plain);
    this.#before = plain;
    // CRLF logs, and output lines that end in CR (a program's own CRLF): a trailing CR shows nothing.
    let end = plain.length;
    while (end > 0 && plain.charCodeAt(end - 1) === 13) end--;
    const line = end === plain.length ? plain : plain.slice(0, end);
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
    this.#vertex(id, plain.slice(m[1].length + 2));
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
    else this.#status(step, text);
  }

  /** A status line of a vertex (`writing layer sha256:… 0.1s done`). */
  #status(step: State, text: string): void {
    const started = LAYER_STARTED.exec(text)?.[1];
    if (started === undefined) return;
    step.writing = started;
    const layer = LAYER_WRITTEN.exec(text)?.[1];
    if (layer !== undefined) (step.written ??= new Set()).add(layer);
  }

  /** What the end of a build may say: the final error, the source excerpt, the failing step. */
  #end(line: string): void {
    if (IMAGE_NAMED.test(line)) this.#imageNamed = true;
    if (line.startsWith('ERROR: ')) this.#finalError = line.slice('ERROR: '.length);
    const trimmed = line.trim();
    if (trimmed !== '' && !/^-+$/.test(trimmed)) {
      this.#lastMeaningful = trimmed;
      if (trimmed.startsWith('Check complete')) this.#lastCheckComplete = trimmed;
    }
    // The excerpt's header is the line just above a rule of dashes.
    if (EXCERPT_RULE.test(line)) {
      const header = SOURCE_LINE.exec(this.#before.trim());
      if (header?.[1] !== undefined && header[2] !== undefined && !header[1].startsWith('#')) {
        this.#excerpt = { file: header[1], line: Number(header[2]) };
      }
    }
    const title = FAILING_STEP.exec(line);
    if (title?.[1] !== undefined && this.#before === STEP_RULE) {
      this.#failing = { step: title[1], output: [] };
      this.#inFailing = true;
    } else if (this.#inFailing && this.#failing) {
      if (line === STEP_RULE) {
        this.#inFailing = false;
      } else {
        this.#failing.output.push(line.replace(/^\d+\.\d+ /, ''));
        if (this.#failing.output.length > MAX_FAILURE_OUTPUT) this.#failing.output.shift();
      }
    }
  }

  /** A vertex line (`#N text`, text with inner CRs kept as printed): the cache and export facts. */
  #vertex(id: number, text: string): void {
    const error = /^ERROR: (.*)$/.exec(text);
    if (error) this.#vertexErrors.push({ id, message: (error[1] ?? '').trim() });
    if (CACHE_EXPORT_NAME.test(text)) this.#cacheExports.add(id);
    if (CACHE_IMPORT_NAME.test(text)) this.#cacheImports.add(id);
    if (IMAGE_EXPORT.test(text)) this.#imageExports.add(id);
    if (/^DONE\b/.test(text) && this.#imageExports.has(id)) this.#imageExported = true;
    if (this.#imageExported && CACHE_AFTER_IMAGE.test(text)) this.#cacheExportOnly = true;
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

/** A whole log, read. */
export function readBuildLog(log: string): BuildLog {
  return new BuildLog().push(log).end();
}
