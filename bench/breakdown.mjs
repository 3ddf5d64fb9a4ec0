#!/usr/bin/env node
// Where does Kiln's time go on the benchmark's fully cached push? (companion of scripts/bench.mjs)
//
//   node bench/breakdown.mjs [--rounds N] [--json]
//
// 1. Processes on their own (median wall time of N spawns each): bare Node, Kiln's post step,
//    Kiln's main up to input validation, the thin action, `docker buildx version` (the floor of
//    any buildx call) and the `imagetools inspect --raw` read-back Kiln does after a push.
// 2. Timelines of whole runs through the local runner, Kiln and thin alternately, with
//    bench/timeline-preload.mjs in each action process (NODE_OPTIONS=--import) to stamp Node's
//    boot, the first log line, every child process and the exit: median of each phase.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildxArgs, inputs, runStepsCached, stats, TAG, thinDir } from '../scripts/bench.mjs';
import { projectRoot, runAction } from '../scripts/local.mjs';

const argv = process.argv.slice(2);
const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 15;
const json = argv.includes('--json');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds wants a positive integer');
const note = (/** @type {string} */ text) => process.stderr.write(text);
const epochNow = () => performance.timeOrigin + performance.now();
const median = (/** @type {number[]} */ values) => stats(values).median;

/**
 * The INPUT_* variables of an action's defaults overlaid by `given`, as the runner sets them.
 * @param {string} actionDir
 * @param {Record<string, string>} given
 */
function inputEnv(actionDir, given) {
  const action = parseYaml(readFileSync(path.join(actionDir, 'action.yml'), 'utf8'));
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = String(spec?.default ?? '');
  for (const [name, value] of Object.entries(given)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

/**
 * Median wall time of running a command `rounds` times.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function timeProcess(command, args, env = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-breakdown-'));
  const fullEnv = { ...process.env, RUNNER_TEMP: scratch, GITHUB_WORKSPACE: projectRoot, ...env };
  /** @type {number[]} */
  const times = [];
  let status = 0;
  for (let i = 0; i < rounds + 1; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { env: fullEnv, cwd: projectRoot, stdio: 'ignore' });
    if (i > 0) times.push(performance.now() - started); // the first spawn warms the page cache
    status = result.status ?? 1;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { median: median(times), status };
}

async function main() {
  // Warm-up, and the thin action's arguments, as scripts/bench.mjs does.
  note('warm-up');
  await runAction({ inputs, workspace: projectRoot });
  const warm = await runAction({ inputs, workspace: projectRoot });
  if (warm.mainExitCode !== 0 || !runStepsCached(warm.stdout + warm.stderr))
    throw new Error(`Kiln's warm-up run failed or was not fully cached:\n${warm.stdout}${warm.stderr}`);
  const thinArgs = buildxArgs(warm.stdout);
  const thinInputs = { args: JSON.stringify(thinArgs) };
  note(' · processes');

  // 1. Processes on their own.
  const node = process.execPath;
  const processes = {
    'node -e 0 (bare Node start-up)': timeProcess(node, ['-e', '0']),
    'Kiln post step (no state: start-up only)': timeProcess(node, [path.join(projectRoot, 'dist/post/index.js')]),
    'Kiln main, stopped by an invalid input (bundle load + inputs)': timeProcess(
      node,
      [path.join(projectRoot, 'dist/main/index.js')],
      inputEnv(projectRoot, { ...inputs, push: 'not-a-boolean' }),
    ),
    'thin action running `docker buildx version`': timeProcess(node, [path.join(thinDir, 'index.mjs')], { INPUT_ARGS: '["buildx","version"]' }),
    'docker buildx version (floor of a buildx call)': timeProcess('docker', ['buildx', 'version']),
    'docker buildx imagetools inspect --raw (Kiln read-back)': timeProcess('docker', ['buildx', 'imagetools', 'inspect', '--raw', TAG]),
  };
  const parse = (/** @type {string} */ dir) => {
    const text = readFileSync(path.join(dir, 'action.yml'), 'utf8');
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      parseYaml(text);
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const runnerSide = { 'parse Kiln action.yml (runner, in-process)': parse(projectRoot), 'parse thin action.yml (runner, in-process)': parse(thinDir) };
  note(' · timelines');

  // 2. Timelines of whole runs.
  const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-breakdown-'));
  const timeline = path.join(scratch, 'timeline.jsonl');
  const env = { NODE_OPTIONS: `--import=${pathToFileURL(path.join(projectRoot, 'bench/timeline-preload.mjs')).href}`, KILN_BENCH_TIMELINE: timeline };
  /** @type {Record<'kiln' | 'thin', Record<string, number[]>>} */
  const phases = { kiln: {}, thin: {} };
  const add = (/** @type {'kiln' | 'thin'} */ name, /** @type {string} */ phase, /** @type {number} */ ms) => (phases[name][phase] ??= []).push(ms);
  for (let round = 0; round < rounds; round++) {
    /** @type {('kiln' | 'thin')[]} */
    const order = round % 2 === 0 ? ['kiln', 'thin'] : ['thin', 'kiln'];
    for (const name of order) {
      writeFileSync(timeline, '');
      const started = epochNow();
      const result = await runAction({
        inputs: name === 'kiln' ? inputs : thinInputs,
        actionDir: name === 'kiln' ? projectRoot : thinDir,
        workspace: projectRoot,
        env,
      });
      const ended = epochNow();
      if (result.mainExitCode !== 0 || result.postExitCode !== 0) throw new Error(`${name} failed:\n${result.stdout}${result.stderr}${result.postStdout}`);
      const records = readFileSync(timeline, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const mainRun = records.find((r) => /(dist\/main\/index\.js|thin\/index\.mjs)$/.test(r.script));
      const postRun = records.find((r) => /dist\/post\/index\.js$/.test(r.script));
      const [build, ...after] = mainRun.children;
      add(name, 'runner: before main (action.yml, temp files, spawn)', mainRun.start - started);
      add(name, 'main: Node boot', mainRun.booted - mainRun.start);
      if (name === 'kiln') {
        add(name, 'main: bundle load → first log line', mainRun.firstOutput - mainRun.booted);
        add(name, 'main: first log line → buildx spawned (plan, which)', build.spawned - mainRun.firstOutput);
      } else add(name, 'main: script → buildx spawned', build.spawned - mainRun.booted);
      add(name, 'docker buildx build', build.closed - build.spawned);
      let last = build.closed;
      for (const child of after) {
        add(name, 'main: between child processes', child.spawned - last);
        add(name, `child: ${child.command}`, child.closed - child.spawned);
        last = child.closed;
      }
      add(name, 'main: last child → exit (outputs)', mainRun.exit - last);
      if (postRun) {
        add(name, 'runner: main exit → post start', postRun.start - mainRun.exit);
        add(name, 'post step process', postRun.exit - postRun.start);
        add(name, 'runner: post exit → done', ended - postRun.exit);
      } else add(name, 'runner: main exit → done', ended - mainRun.exit);
      add(name, 'total', ended - started);
    }
    note('.');
  }
  rmSync(scratch, { recursive: true, force: true });
  note('\n');

  const summary = Object.fromEntries(
    Object.entries(phases).map(([name, byPhase]) => [name, Object.fromEntries(Object.entries(byPhase).map(([phase, values]) => [phase, median(values)]))]),
  );
  if (json) {
    process.stdout.write(`${JSON.stringify({ rounds, processes, runnerSide, phases: summary }, null, 2)}\n`);
    return;
  }
  const ms = (/** @type {number | undefined} */ v) => (v === undefined ? '' : `${v.toFixed(1)} ms`).padStart(10);
  let out = `\n1. Processes on their own (median of ${rounds})\n`;
  for (const [label, { median: m, status }] of Object.entries(processes)) out += `  ${label.padEnd(62)}${ms(m)}${status ? `  (exit ${status})` : ''}\n`;
  for (const [label, m] of Object.entries(runnerSide)) out += `  ${label.padEnd(62)}${ms(m)}\n`;
  out += `\n2. Phases of a run through the local runner (median of ${rounds}; with the timeline preload)\n  ${''.padEnd(62)}${'kiln'.padStart(10)}${'thin'.padStart(10)}\n`;
  const labels = [...new Set([...Object.keys(summary.kiln), ...Object.keys(summary.thin)])].filter((l) => l !== 'total');
  for (const label of [...labels, 'total']) out += `  ${label.padEnd(62)}${ms(summary.kiln[label])}${ms(summary.thin[label])}\n`;
  process.stdout.write(out);
}

main().catch((/** @type {unknown} */ error) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
