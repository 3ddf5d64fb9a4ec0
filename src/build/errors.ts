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

// BuildKit's plain log ends a failed build with a source excerpt and the error:
//   Dockerfile:4
//   --------------------
//      4 | >>> RUN exit 3
//   --------------------
//   ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete ...
const SOURCE_LINE = /^(\S.*?):(\d+)\s*$/;
const EXCERPT_RULE = /^-{8,}\s*$/;

/** Finds the error and the Dockerfile line it points at in the end of buildx's log. */
export function parseBuildFailure(log: string): BuildFailure {
  const lines = log.split(/\r?\n/);
  let message = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('ERROR: ')) {
      message = line.slice('ERROR: '.length).trim();
      break;
    }
  }
  if (message === '') {
    // `--call check` fails without an ERROR line; its verdict is "Check complete, N warnings...".
    const meaningful = lines.map((l) => l.trim()).filter((l) => l !== '' && !/^-+$/.test(l));
    message = meaningful.findLast((l) => l.startsWith('Check complete')) ?? meaningful.at(-1) ?? 'the build failed';
  }

  const { step, output } = failingStep(lines);
  // The excerpt's header is the line just above a rule of dashes, nearest the end.
  for (let i = lines.length - 1; i > 0; i--) {
    if (!EXCERPT_RULE.test(lines[i] ?? '')) continue;
    const header = SOURCE_LINE.exec((lines[i - 1] ?? '').trim());
    if (header?.[1] !== undefined && header[2] !== undefined && !header[1].startsWith('#')) {
      return { message, step, output, file: header[1], line: Number(header[2]) };
    }
  }
  return { message, step, output };
}

// BuildKit repeats the failing step's output between short rules:
//   ------
//    > [3/3] RUN make:
//   0.129 cc: error ...
//   ------
function failingStep(lines: string[]): { step?: string; output: string[] } {
  for (let i = lines.length - 1; i >= 0; i--) {
    const title = /^ > (.*):\s*$/.exec(lines[i] ?? '');
    if (title?.[1] === undefined || lines[i - 1] !== '------') continue;
    const output: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j] !== '------'; j++) {
      output.push((lines[j] ?? '').replace(/^\d+\.\d+ /, ''));
    }
    return { step: title[1], output: output.slice(-10) };
  }
  return { output: [] };
}

/**
 * Cache exports and imports that failed. With ignore-error=true BuildKit reports a failed export
 * as an `exporting … cache` step ending in `ERROR:` and the build still succeeds; a failed import
 * likewise. The user must hear about both. A cache that is simply not there yet (a new branch's
 * first build) is no failure.
 */
export function cacheFailures(log: string): { exports: string[]; imports: string[] } {
  const ids = (pattern: RegExp) => new Set([...log.matchAll(pattern)].map((m) => m[1]));
  const exporting = ids(/^#(\d+) exporting (?:cache\b|to .*cache\b).*$/gim);
  const importing = ids(/^#(\d+) importing cache manifest from .*$/gm);
  const errors = [...log.matchAll(/^#(\d+) ERROR: (.*)$/gm)].map((m) => ({ id: m[1], message: (m[2] ?? '').trim() }));
  return {
    exports: errors.filter((e) => exporting.has(e.id)).map((e) => e.message),
    imports: errors.filter((e) => importing.has(e.id) && !/not found|manifest unknown|404/i.test(e.message)).map((e) => e.message),
  };
}
