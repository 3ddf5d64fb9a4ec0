#!/usr/bin/env node
// How much slower than the thinnest possible action is Kiln on a fully cached push?
//
//   npm run bench                      # 15 rounds, table on stdout
//   npm run bench -- --rounds 30 --json
//   npm run bench -- --node current    # this process's Node instead of Node 24
//   KILN_BENCH_TAG=localhost:5000/mine:latest npm run bench   # another repository to push to
//
// The actions run through the local runner (scripts/local.mjs), main and post, the way the
// GitHub runner would run them. The baseline (bench/thin) is a few lines of plain Node that spawn
// `docker buildx build` with exactly the arguments Kiln logged with `cache: none`, so both push
// the same image with the same flags. A second yardstick, `thin, plugin`, runs docker's buildx
// plugin itself with the same arguments, as Kiln does (src/plan/buildx-command.ts): against it
// the ratios are Kiln's own cost, without what it saves by not starting the docker CLI. Kiln runs twice per round: with `cache: none` (what Kiln
// costs on top of buildx; budget 1.10×) and with its default cache (which on this machine, with
// no Actions cache service, exports the registry cache: what the zero-configuration cache costs
// on top of that; budget 1.25×). Rounds rotate which of the four goes first. Both actions declare `runs.using: node24` and the
// runner starts them with Node 24, so that is what runs them here too (fetched once from the npm
// registry into .kiln-local/ when this machine's Node is another version): Node 20 starts a
// process in about twice the time, which weighs on Kiln's second process, the post step.
// This is a report, not a test: it exits 0 whatever the ratio, and 1 only when a run fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot, runAction } from './local.mjs';

/** Median ratio to the thin action allowed with `cache: none` and with the default cache. */
export const BUDGETS = { none: 1.1, default: 1.25 };
export const TAG = process.env.KILN_BENCH_TAG || 'localhost:5000/kiln-bench:latest';
export const thinDir = path.join(projectRoot, 'bench', 'thin');
/** docker's buildx plugin, where the CLI looks for it (the thin action's second yardstick runs it directly). */
export function buildxPlugin() {
  const dirs = [
    path.join(process.env.DOCKER_CONFIG || path.join(homedir(), '.docker'), 'cli-plugins'),
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
  const found = dirs.map((d) => path.join(d, 'docker-buildx')).find((f) => existsSync(f));
  if (!found) throw new Error(`docker's buildx plugin is in none of ${dirs.join(', ')}`);
  return found;
}

/** The benchmark's inputs of Kiln. */
export const inputs = {
  context: path.join(projectRoot, 'example'),
  platforms: 'linux/amd64,linux/arm64',
  push: 'true',
  tags: TAG,
};
/** The same with `cache: none`: the thin action's arguments come from this run. */
export const inputsNoCache = { ...inputs, cache: 'none' };

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { rounds: 15, json: false, node: '24' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--node') options.node = argv[++i] ?? '';
    else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      options.rounds = Number(value);
      if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error(`--rounds wants a positive integer, got "${value}"`);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench -- [--rounds N] [--json] [--node 24|current|PATH]\n');
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}" (usage: npm run bench -- [--rounds N] [--json])`);
  }
  return options;
}

/** @param {string} text */
const note = (text) => process.stderr.write(text);

/**
 * The Node binary to run both actions with: `current` (this one), a path, or a major version,
 * which is this Node when it matches, else the official build from the npm registry's
 * node-<os>-<arch> package, unpacked once under .kiln-local/.
 * @param {string} wanted
 */
function nodeBinary(wanted) {
  if (wanted === 'current' || wanted === process.versions.node.split('.')[0]) return process.execPath;
  if (!/^\d+$/.test(wanted)) return wanted;
  const dir = path.join(projectRoot, '.kiln-local', `node-${wanted}`);
  const binary = path.join(dir, 'package', 'bin', 'node');
  if (!existsSync(binary)) {
    note(`fetching Node ${wanted} (node-${process.platform}-${process.arch}@${wanted}) from the npm registry into ${dir}\n`);
    mkdirSync(dir, { recursive: true });
    const tgz =
      execFileSync('npm', ['pack', '--silent', `node-${process.platform}-${process.arch}@${wanted}`, '--pack-destination', dir], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop() ?? '';
    execFileSync('tar', ['-xzf', path.join(dir, tgz), '-C', dir]);
  }
  return binary;
}

/** The Node binary both actions run with (set in main). */
let node = process.execPath;

/**
 * Runs one action through the local runner and times the whole call (main + post).
 * A failed run ends the benchmark with exit code 1 and the run's output.
 * @param {'kiln' | 'kiln-none' | 'thin' | 'thin-plugin'} name
 * @param {Record<string, string>} actionInputs
 */
async function timedRun(name, actionInputs) {
  const started = performance.now();
  const result = await runAction({ inputs: actionInputs, actionDir: name.startsWith('thin') ? thinDir : projectRoot, workspace: projectRoot, node });
  const ms = performance.now() - started;
  if (result.mainExitCode !== 0 || result.postExitCode !== 0) {
    process.stderr.write(
      `\n${name} failed: main exited ${result.mainExitCode}, post exited ${result.postExitCode}\n` +
        `── main stdout\n${result.stdout}\n── main stderr\n${result.stderr}\n── post stdout\n${result.postStdout}\n`,
    );
    process.exit(1);
  }
  return { ms, result, log: result.stdout + result.stderr };
}

/**
 * Whether every RUN step in BuildKit's plain progress log came from the cache; false when the
 * log shows no RUN step at all.
 * @param {string} log
 */
export function runStepsCached(log) {
  const runSteps = new Set();
  const cached = new Set();
  for (const line of log.split('\n')) {
    const step = /^#(\d+) \[[^\]]*\] RUN /.exec(line);
    if (step) runSteps.add(step[1]);
    const hit = /^#(\d+) CACHED\s*$/.exec(line);
    if (hit) cached.add(hit[1]);
  }
  return runSteps.size > 0 && [...runSteps].every((id) => cached.has(id));
}

/**
 * The `docker` arguments of Kiln's `[command]docker buildx build ...` log line, with its
 * per-run temp files turned into `{RUNNER_TEMP}/<name>` for the thin action. @actions/exec joins
 * the arguments with spaces unquoted, which splits back exactly as long as none holds
 * whitespace (true of the benchmark's inputs; checked for the one that could, the repo path).
 * @param {string} stdout
 */
export function buildxArgs(stdout) {
  const line = stdout.split('\n').find((l) => /^\[command\]\S*docker buildx build /.test(l));
  if (!line) throw new Error('Kiln logged no [command]docker buildx build line');
  const args = line.split(' ').slice(1);
  for (const flag of ['--iidfile', '--metadata-file']) {
    const at = args.indexOf(flag);
    if (at < 0 || at + 1 >= args.length) throw new Error(`Kiln's buildx command has no ${flag}: ${line}`);
    args[at + 1] = `{RUNNER_TEMP}/${path.basename(args[at + 1])}`;
  }
  if (args.at(-1) !== inputs.context) throw new Error(`Kiln's buildx command does not end with the context ${inputs.context}: ${line}`);
  return args;
}

/**
 * The images (platform → manifest digest, attestations left out) of the index the registry
 * serves for TAG. Provenance records the build's time, so every push makes a new attestation
 * and index: the images are what two runs of the same build share.
 */
function registryImages() {
  const index = JSON.parse(execFileSync('docker', ['buildx', 'imagetools', 'inspect', '--raw', TAG], { encoding: 'utf8' }));
  /** @type {Record<string, string>} */
  const images = {};
  for (const m of index.manifests ?? []) {
    if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    images[[m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/')] = m.digest;
  }
  return images;
}

/** @param {number[]} values */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (/** @type {number} */ q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p90: rank(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (/\s/.test(projectRoot)) throw new Error(`the benchmark reads Kiln's logged command line, which cannot hold a path with whitespace: ${projectRoot}`);
  if (!existsSync(path.join(projectRoot, 'dist', 'main', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  node = nodeBinary(options.node);
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

  // Warm-up: the first run fills the cache (and the registry), the next ones must be fully
  // cached; the `cache: none` run's command line is the thin action's.
  note('warm-up: kiln');
  await timedRun('kiln', inputs);
  const warm = await timedRun('kiln', inputs);
  const warmNone = await timedRun('kiln-none', inputsNoCache);
  for (const [label, run] of [
    ['second warm-up run of Kiln', warm],
    ['warm-up run of Kiln with cache: none', warmNone],
  ]) {
    if (!runStepsCached(run.log)) {
      process.stderr.write(`\nthe ${label} did not take its RUN steps from the cache:\n${run.log}\n`);
      process.exit(1);
    }
  }
  const args = buildxArgs(warmNone.result.stdout);
  if (args.some((a) => a.startsWith('--cache-'))) throw new Error(`Kiln with cache: none still passed cache flags: ${args.join(' ')}`);
  const thinInputs = { args: JSON.stringify(args) };
  const thinPluginInputs = { ...thinInputs, plugin: buildxPlugin() };
  note(', thin');
  const thinWarm = await timedRun('thin', thinInputs);
  if (!runStepsCached(thinWarm.log)) {
    process.stderr.write(`\nthe thin action's warm-up run did not take its RUN steps from the cache:\n${thinWarm.log}\n`);
    process.exit(1);
  }
  // Same flags, same build: the thin action must have pushed the very images Kiln pushed.
  const canonical = (/** @type {Record<string, string>} */ images) => JSON.stringify(Object.entries(images).sort());
  const kilnImages = canonical(JSON.parse(warmNone.result.outputs.digests ?? '{}'));
  const thinImages = canonical(registryImages());
  const sameImage = kilnImages === thinImages;
  if (!sameImage) note(`\nwarning: Kiln pushed ${kilnImages}, the thin action ${thinImages}: not the same images\n`);
  note('\n');

  /** @type {('kiln-none' | 'kiln' | 'thin' | 'thin-plugin')[]} */
  const names = ['kiln-none', 'kiln', 'thin', 'thin-plugin'];
  /** @type {Record<'kiln-none' | 'kiln' | 'thin' | 'thin-plugin', number[]>} */
  const times = { 'kiln-none': [], kiln: [], thin: [], 'thin-plugin': [] };
  /** @type {{ none: number[], default: number[], ownNone: number[], ownDefault: number[] }} */
  const ratios = { none: [], default: [], ownNone: [], ownDefault: [] };
  const inputsOf = { 'kiln-none': inputsNoCache, kiln: inputs, thin: thinInputs, 'thin-plugin': thinPluginInputs };
  let uncached = 0;
  for (let round = 0; round < options.rounds; round++) {
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) {
      const run = await timedRun(name, inputsOf[name]);
      times[name].push(run.ms);
      if (!runStepsCached(run.log)) uncached++;
    }
    ratios.none.push(times['kiln-none'][round] / times.thin[round]);
    ratios.default.push(times.kiln[round] / times.thin[round]);
    ratios.ownNone.push(times['kiln-none'][round] / times['thin-plugin'][round]);
    ratios.ownDefault.push(times.kiln[round] / times['thin-plugin'][round]);
    note(
      `round ${round + 1}/${options.rounds} (${order.join(', ')}): kiln cache:none ${times['kiln-none'][round].toFixed(0)} ms ×${ratios.none[round].toFixed(2)}, ` +
        `kiln default cache ${times.kiln[round].toFixed(0)} ms ×${ratios.default[round].toFixed(2)}, thin ${times.thin[round].toFixed(0)} ms, ` +
        `thin running the plugin ${times['thin-plugin'][round].toFixed(0)} ms\n`,
    );
  }

  const thin = stats(times.thin);
  const thinPlugin = stats(times['thin-plugin']);
  const variant = (/** @type {'kiln-none' | 'kiln'} */ name, /** @type {'none' | 'default'} */ cache) => {
    const kiln = stats(times[name]);
    const ratio = stats(ratios[cache]).median;
    const own = stats(cache === 'none' ? ratios.ownNone : ratios.ownDefault).median;
    const budget = BUDGETS[cache];
    return {
      cache,
      kiln: { ...kiln, runs: times[name] },
      ratio: { median: ratio, ofMedians: kiln.median / thin.median, perRound: ratios[cache] },
      overheadMs: kiln.median - thin.median,
      /** Against the thin action running the plugin itself: Kiln's own cost. */
      own: { median: own, overheadMs: kiln.median - thinPlugin.median, verdict: own <= budget ? 'PASS' : 'OVER' },
      budget,
      verdict: ratio <= budget ? 'PASS' : 'OVER',
    };
  };
  const variants = [variant('kiln-none', 'none'), variant('kiln', 'default')];
  const results = {
    rounds: options.rounds,
    inputs,
    thinArgs: args,
    sameImage,
    images: JSON.parse(warmNone.result.outputs.digests ?? '{}'),
    uncachedRuns: uncached,
    node: nodeVersion,
    thin: { ...thin, runs: times.thin },
    thinPlugin: { ...thinPlugin, runs: times['thin-plugin'] },
    variants,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }

  const ms = (/** @type {number} */ v) => `${v.toFixed(0)} ms`.padStart(9);
  const row = (/** @type {string} */ name, /** @type {ReturnType<typeof stats>} */ s) =>
    `${name.padEnd(20)}${ms(s.median)}${ms(s.p90)}${ms(s.min)}${ms(s.max)}\n`;
  process.stdout.write(
    `\nKiln vs thin buildx action: fully cached push of example/ (${inputs.platforms}) to ${TAG}, ${options.rounds} rounds, actions run by Node ${nodeVersion}\n` +
      `${''.padEnd(20)}${'median'.padStart(9)}${'p90'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}\n` +
      row('kiln, cache: none', variants[0].kiln) +
      row('kiln, default cache', variants[1].kiln) +
      row('thin', thin) +
      row('thin, plugin', thinPlugin) +
      '\n' +
      variants
        .map(
          (v) =>
            `${v.cache === 'none' ? 'cache: none  ' : 'default cache'} median ratio kiln/thin: ${v.ratio.median.toFixed(2)}× ` +
            `(ratio of medians ${v.ratio.ofMedians.toFixed(2)}×, Kiln's overhead ${v.overheadMs.toFixed(0)} ms), budget ${v.budget.toFixed(2)}×: ${v.verdict}\n` +
            `${''.padEnd(13)} against the thin action running the plugin too: ${v.own.median.toFixed(2)}× (${v.own.overheadMs.toFixed(0)} ms): ${v.own.verdict}\n`,
        )
        .join('') +
      (sameImage ? '' : `warning: the two actions pushed different images (${kilnImages} vs ${thinImages})\n`) +
      (uncached ? `warning: ${uncached} timed run(s) did not take every RUN step from the cache\n` : ''),
  );
}

// bench/breakdown.mjs imports the helpers above; run only as a script.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((/** @type {unknown} */ error) => {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
