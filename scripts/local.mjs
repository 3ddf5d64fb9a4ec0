#!/usr/bin/env node
// Runs a JavaScript action the way the GitHub runner does: inputs from action.yml's defaults
// overlaid by the caller's values as INPUT_* variables, the GITHUB_OUTPUT / GITHUB_STATE /
// GITHUB_ENV / GITHUB_STEP_SUMMARY file commands, a GitHub context, then the post step with the
// saved state as STATE_*. The end-to-end tests and the benchmark use it; so can you:
//
//   npm run local -- context=example push=true tags=localhost:5000/demo:1
//   npm run local -- --event pull_request --payload event.json build-args=A=1 build-args=B=2
//
// A key given twice becomes a multi-line input (one line per value).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..');

/**
 * Parses the runner's file-command format: `name=value` lines or heredocs
 * `name<<DELIM` ... `DELIM`, as @actions/core writes them.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseFileCommands(text) {
  /** @type {Record<string, string>} */
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i]);
      values[name] = body.join('\n');
    } else {
      const at = line.indexOf('=');
      if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

/**
 * Workflow commands (`::error file=F,line=N::message`) the step printed, as the runner would
 * turn them into annotations.
 * @param {string} stdout
 */
export function parseWorkflowCommands(stdout) {
  const unescape = (/** @type {string} */ s) =>
    s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
  const commands = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    /** @type {Record<string, string>} */
    const properties = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
    }
    commands.push({ command: m[1], properties, message: unescape(m[3]) });
  }
  return commands;
}

/**
 * Evaluates a `post-if` as the runner does, for the part of its expression language actions use:
 * `always()`, `success()`, `failure()`, `cancelled()`, `!`, `&&`, `||`, `==`, `!=` (strings compare
 * without regard to case), parentheses, 'string' literals and context properties (`env.NAME`,
 * `github.action`). Anything else throws, as the runner fails the post step on an expression it
 * cannot evaluate.
 * @param {string} expression
 * @param {{ status: 'success' | 'failure' | 'cancelled', contexts: Record<string, Record<string, string>> }} scope
 * @returns {boolean}
 */
export function evaluateCondition(expression, scope) {
  const tokens = expression.match(/\s*('(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/gy)?.map((t) => t.trim()) ?? [];
  if (tokens.join('').length !== expression.replace(/\s+/g, '').length) throw new Error(`post-if: cannot evaluate ${expression}`);
  let at = 0;
  /** @returns {string | boolean} */
  const primary = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`post-if: ${expression} ends early`);
    if (token === '!') return !truthy(primary());
    if (token === '(') {
      const value = or();
      if (tokens[at++] !== ')') throw new Error(`post-if: missing ) in ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (tokens[at] === '(') {
      at += 2;
      const status = { always: true, success: scope.status === 'success', failure: scope.status === 'failure', cancelled: scope.status === 'cancelled' };
      if (!(token in status) || tokens[at - 1] !== ')') throw new Error(`post-if: unknown function ${token} in ${expression}`);
      return status[/** @type {keyof typeof status} */ (token)];
    }
    const [context, property] = token.split('.');
    if (!(context in scope.contexts) || property === undefined) throw new Error(`post-if: unknown context ${token} in ${expression}`);
    return scope.contexts[context][property] ?? '';
  };
  const truthy = (/** @type {string | boolean} */ v) => v !== '' && v !== false;
  const same = (/** @type {string | boolean} */ a, /** @type {string | boolean} */ b) => String(a).toLowerCase() === String(b).toLowerCase();
  const comparison = () => {
    let left = primary();
    while (tokens[at] === '==' || tokens[at] === '!=') {
      const op = tokens[at++];
      const right = primary();
      left = op === '==' ? same(left, right) : !same(left, right);
    }
    return left;
  };
  const and = () => {
    let left = comparison();
    while (tokens[at] === '&&') {
      at++;
      const right = comparison();
      left = truthy(left) && truthy(right);
    }
    return left;
  };
  const or = () => {
    let left = and();
    while (tokens[at] === '||') {
      at++;
      const right = and();
      left = truthy(left) || truthy(right);
    }
    return left;
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`post-if: cannot evaluate ${expression}`);
  return truthy(value);
}

// The runner reads action.yml with a YAML parser compiled to native code: a millisecond. The
// `yaml` package here takes 10 to 40 ms for Kiln's (thirteen kilobytes of inputs) and under one
// for the bench's thin action, a difference the benchmark would charge to Kiln, so a process that
// runs actions many times (the bench, the tests) parses each action.yml once.
/** @type {Map<string, any>} */
const parsedActions = new Map();

/**
 * @param {string} actionDir
 * @returns {{ inputs: Record<string, {default?: string}>, runs: {main: string, post?: string, 'post-if'?: string} }}
 */
function readActionYml(actionDir) {
  const file = path.join(actionDir, 'action.yml');
  const { mtimeMs, size } = statSync(file);
  const key = `${file}\0${mtimeMs}\0${size}`;
  let parsed = parsedActions.get(key);
  if (!parsed) {
    parsed = parseYaml(readFileSync(file, 'utf8'));
    parsedActions.set(key, parsed);
  }
  // A copy: callers may not change what the next run reads.
  return structuredClone(parsed);
}

/**
 * @param {string} node
 * @param {string} script
 * @param {NodeJS.ProcessEnv} env
 * @param {string} cwd
 * @param {boolean} echo
 * @param {(text: string) => string} mask
 * @param {{ when: RegExp, signal: NodeJS.Signals }} [cancel] sends `signal` once stdout matches `when`, as the runner does when a job is cancelled
 * @returns {Promise<{ exitCode: number, stdout: string, stderr: string, signalledAt?: number, endedAt: number }>}
 */
function runNode(node, script, env, cwd, echo, mask, cancel) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    /** @type {number | undefined} */
    let signalledAt;
    // The build's progress arrives on either stream.
    const trigger = () => {
      if (cancel && signalledAt === undefined && cancel.when.test(stdout + stderr)) {
        signalledAt = Date.now();
        child.kill(cancel.signal);
      }
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (echo) process.stdout.write(mask(String(chunk)));
      trigger();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (echo) process.stderr.write(mask(String(chunk)));
      trigger();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, signalledAt, endedAt: Date.now() }));
  });
}

/**
 * Runs the action's main step, then its post step (which runs after failures too).
 * @param {{
 *   inputs?: Record<string, string | string[]>,
 *   actionDir?: string,
 *   workspace?: string,
 *   env?: Record<string, string>,
 *   eventName?: string,
 *   payload?: object,
 *   repository?: string,
 *   sha?: string,
 *   ref?: string,
 *   echo?: boolean,
 *   keepRunDir?: boolean,
 *   node?: string,
 *   cancel?: { when: RegExp, signal: NodeJS.Signals },
 *   afterMain?: (state: Record<string, string>) => void | Promise<void>,
 * }} options
 */
export async function runAction(options = {}) {
  const actionDir = path.resolve(options.actionDir ?? projectRoot);
  const action = readActionYml(actionDir);
  const runDir = mkdtempSync(path.join(tmpdir(), 'kiln-local-'));
  const files = {
    output: path.join(runDir, 'output'),
    state: path.join(runDir, 'state'),
    env: path.join(runDir, 'env'),
    path: path.join(runDir, 'path'),
    summary: path.join(runDir, 'summary.md'),
    event: path.join(runDir, 'event.json'),
  };
  for (const f of [files.output, files.state, files.env, files.path, files.summary]) writeFileSync(f, '');
  const runnerTemp = path.join(runDir, 'temp');
  mkdirSync(runnerTemp);
  writeFileSync(files.event, JSON.stringify(options.payload ?? {}));

  const token = options.env?.GITHUB_TOKEN ?? '';
  /** @type {Record<string, string>} */
  const inputEnv = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const fallback = String(spec?.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/, token);
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = fallback;
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!(name in (action.inputs ?? {}))) process.stderr.write(`warning: ${name} is not an input of ${actionDir}/action.yml\n`);
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = Array.isArray(value) ? value.join('\n') : value;
  }

  const workspace = path.resolve(options.workspace ?? process.cwd());
  /** @type {NodeJS.ProcessEnv} */
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT|STATE)_/.test(k)));
  const env = {
    ...base,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.repository ?? 'kiln-dev/kiln',
    GITHUB_REPOSITORY_OWNER: (options.repository ?? 'kiln-dev/kiln').split('/')[0],
    GITHUB_SHA: options.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'local',
    GITHUB_ACTION: `__kiln_local_${process.pid}_${Date.now()}`,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    ...options.env,
    ...inputEnv,
  };

  /** @type {string[]} */
  const masks = [];
  const mask = (/** @type {string} */ text) => {
    for (const line of text.split('\n')) {
      const m = /^::add-mask::(.*)$/.exec(line);
      if (m && m[1]) masks.push(m[1]);
    }
    return masks.reduce((t, m) => t.split(m).join('***'), text);
  };
  const echo = options.echo ?? false;
  // The runner starts the action with the Node of `runs.using`; by default, this process's Node.
  const node = options.node ?? process.execPath;
  const main = await runNode(node, path.join(actionDir, action.runs.main), env, workspace, echo, mask, options.cancel);
  const leftAfterMain = readdirSync(runnerTemp, { recursive: true }).map(String);
  const state = parseFileCommands(readFileSync(files.state, 'utf8'));
  const envFromMain = parseFileCommands(readFileSync(files.env, 'utf8'));
  await options.afterMain?.(state);

  /** @type {{ exitCode: number, stdout: string, stderr: string }} */
  let post = { exitCode: 0, stdout: '', stderr: '' };
  // The runner evaluates `post-if` (default `always()`) with the job's variables, GITHUB_ENV's included.
  const status = main.signalledAt !== undefined ? 'cancelled' : main.exitCode === 0 ? 'success' : 'failure';
  const postRuns =
    action.runs.post !== undefined &&
    evaluateCondition(action.runs['post-if'] ?? 'always()', {
      status,
      contexts: { env: { ...options.env, ...envFromMain }, github: { action: env.GITHUB_ACTION } },
    });
  if (action.runs.post && postRuns) {
    /** @type {Record<string, string>} */
    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
    post = await runNode(node, path.join(actionDir, action.runs.post), { ...env, ...envFromMain, ...stateEnv }, workspace, echo, mask);
  }

  const result = {
    mainExitCode: main.exitCode,
    postExitCode: post.exitCode,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state,
    summary: readFileSync(files.summary, 'utf8'),
    stdout: main.stdout,
    stderr: main.stderr,
    postStdout: post.stdout,
    /** Whether the runner started the post step (its `post-if` held). */
    postRan: postRuns,
    /** When the main step was sent `cancel.signal`, and when it ended (ms since the epoch). */
    signalledAt: main.signalledAt,
    mainEndedAt: main.endedAt,
    commands: parseWorkflowCommands(main.stdout + post.stdout),
    /** What was in RUNNER_TEMP between the main and the post step (what later steps could see). */
    leftAfterMain,
    /** Whatever the action left in RUNNER_TEMP after its post step. */
    leftInRunnerTemp: existsSync(runnerTemp) ? readdirSync(runnerTemp, { recursive: true }).map(String) : [],
    runDir,
  };
  if (!options.keepRunDir) rmSync(runDir, { recursive: true, force: true });
  return result;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string[]>} */
  const inputs = {};
  /** @type {Record<string, string>} */
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      // --quiet and --help take no value; every other flag takes the next argument.
      flags[arg.slice(2)] = ['--quiet', '--help'].includes(arg) ? 'true' : (argv[++i] ?? '');
      continue;
    }
    const at = arg.indexOf('=');
    if (at <= 0) throw new Error(`expected key=value or --flag value, got "${arg}"`);
    (inputs[arg.slice(0, at)] ??= []).push(arg.slice(at + 1));
  }
  return { inputs, flags };
}

async function cli() {
  const { inputs, flags } = parseArgs(process.argv.slice(2));
  if ('help' in flags) {
    process.stdout.write(
      'usage: npm run local -- [--event NAME] [--payload FILE] [--repository OWNER/NAME] [--sha SHA] [--ref REF]\n' +
        '                        [--workspace DIR] [--action DIR] [--node PATH] [--quiet] key=value ...\n',
    );
    return;
  }
  const result = await runAction({
    inputs,
    actionDir: flags.action,
    workspace: flags.workspace,
    eventName: flags.event,
    payload: flags.payload ? JSON.parse(readFileSync(flags.payload, 'utf8')) : undefined,
    repository: flags.repository,
    sha: flags.sha,
    ref: flags.ref,
    node: flags.node,
    env: process.env.GITHUB_TOKEN ? { GITHUB_TOKEN: process.env.GITHUB_TOKEN } : {},
    echo: !('quiet' in flags),
  });
  const out = process.stdout;
  out.write(`\n── main exited ${result.mainExitCode}, post exited ${result.postExitCode}\n── outputs\n`);
  for (const [name, value] of Object.entries(result.outputs)) {
    out.write(value.includes('\n') || value.length > 100 ? `${name}:\n${value}\n` : `${name}: ${value}\n`);
  }
  if (result.summary.trim()) out.write(`── summary\n${result.summary}\n`);
  process.exitCode = result.mainExitCode || result.postExitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exitCode = 2;
  });
}
