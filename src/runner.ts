// The runner's protocol, spoken directly: inputs from INPUT_* variables, outputs and state through
// the GITHUB_OUTPUT / GITHUB_STATE files, log annotations and masks as `::command::` lines.
// @actions/core does the same, but loading it costs ~45 ms on every run (its OIDC client pulls
// in undici at import), which is most of Kiln's start-up; this is the part Kiln uses, in the
// same formats (__tests__/unit/runner.test.ts checks them against @actions/core's).
import { appendFileSync } from 'node:fs';
import type { Env } from './inputs/types.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** `%`, CR and LF escaped, as the runner decodes a command's message. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value also escapes the separators `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/**
 * A delimiter that occurs in neither the name nor the value: the runner reads the value up to the
 * first line equal to it, so that is what keeps a value from writing other entries. (@actions/core
 * adds a random UUID, which only makes its same check unlikely to fail, and costs loading
 * node:crypto before the build starts.)
 */
function delimiterFor(name: string, value: string): string {
  let delimiter = 'ghadelimiter_kiln';
  for (let n = 1; name.includes(delimiter) || value.includes(delimiter); n++) delimiter = `ghadelimiter_kiln_${n}`;
  return delimiter;
}

/** `name<<DELIMITER`, the value, `DELIMITER`: the file-command form that allows any value. */
export function fileCommandEntry(name: string, value: string, delimiter = delimiterFor(name, value)): string {
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: ${name} contains the delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function setSecret(value: string): void {
  print(command('add-mask', {}, value));
}

export function info(message: string): void {
  print(message);
}

/** A line the runner shows only with step debug logging on (the e2e harness reads it as a command). */
export function debug(message: string): void {
  print(command('debug', {}, message));
}

function annotation(level: 'error' | 'warning' | 'notice', message: string, p: AnnotationProperties): void {
  print(command(level, { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn }, message));
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  annotation('warning', message, properties);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  annotation('notice', message, properties);
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  annotation('error', message, properties);
}

/** Fails the step: an error annotation, and a non-zero exit once the process ends. */
export function setFailed(message: string, properties: AnnotationProperties = {}): void {
  process.exitCode = 1;
  error(message, properties);
}

/**
 * The runner's I/O for one step, over the environment the step was started with (src/step-env.ts):
 * inputs from its INPUT_* variables (secret ones included: they are gone from `process.env`),
 * outputs, state and summary through the files it names. The log commands need no environment.
 */
export interface RunnerIo {
  /** An input as the runner passes it (action.yml's default when the workflow sets none), trimmed. */
  getInput: (name: string) => string;
  /** An input exactly as the workflow gave it (secret values keep their whitespace). */
  getRawInput: (name: string) => string;
  setOutput: (name: string, value: string) => void;
  saveState: (name: string, value: string) => void;
  /** Appends Markdown to the job summary (GITHUB_STEP_SUMMARY); a no-op outside a runner. */
  appendSummary: (markdown: string) => void;
  setSecret: typeof setSecret;
  info: typeof info;
  debug: typeof debug;
  notice: typeof notice;
  warning: typeof warning;
  error: typeof error;
  setFailed: typeof setFailed;
}

export function runnerIo(env: Env): RunnerIo {
  const input = (name: string) => env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] ?? '';
  const writeFileCommand = (variable: 'GITHUB_OUTPUT' | 'GITHUB_STATE', name: string, value: string) => {
    const file = env[variable];
    if (!file) throw new Error(`${variable} is not set: Kiln runs as a step of a GitHub Actions job (or under scripts/local.mjs)`);
    appendFileSync(file, fileCommandEntry(name, value), 'utf8');
  };
  return {
    getInput: (name) => input(name).trim(),
    getRawInput: input,
    setOutput: (name, value) => {
      writeFileCommand('GITHUB_OUTPUT', name, value);
    },
    saveState: (name, value) => {
      writeFileCommand('GITHUB_STATE', name, value);
    },
    appendSummary: (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
    },
    setSecret,
    info,
    debug,
    notice,
    warning,
    error,
    setFailed,
  };
}
