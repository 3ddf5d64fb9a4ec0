#!/usr/bin/env node
// What signing adds to a push, without the services' round trips (issue 17: at most 300 ms), and
// whether the main bundle loads the signing code when it does not sign.
//
//   npm run bench:sign                 # 9 rounds
//   npm run bench:sign -- --rounds 15 --json
//
// 1. __tests__/bench/sign-bench.ts, bundled here with ncc as dist/ is, serves loopback doubles
//    that answer at once (Sigstore: Fulcio, Rekor v1; the token endpoint; GitHub's attestations
//    API; a registry in memory) and runs each round in a fresh Node process, as each step is one:
//    loading the signing chunk, then signStep on a two-platform push (index, two platform
//    manifests, its attestation manifest, provenance: five bundles, one certificate, verified, attached with the referrers
//    tag schema, recorded with GitHub), then the pure parts alone. The doubles' own work (the mock
//    CA issuing a certificate, the mock log signing entries) is inside `sign`, so `sign` is an
//    upper bound of Kiln's own work. Then, in the same process, the trusted root from a TUF
//    repository double (__tests__/e2e/support/tuf-repo.ts): what a step without `trusted-root`
//    (the default) adds to it.
// 2. Start-up: which files of dist/main a cached push that does not sign imports (a real run
//    through scripts/local.mjs, sign: auto without a token), and whether any of them holds
//    sigstore-js. Needs `npm run build` first and the engine and registry of scripts/engine.sh.
// A report, not a test: exits 0 whatever the numbers, 1 only when a run fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot, runAction } from './local.mjs';

export const GOAL_MS = 300;
/** What only sigstore-js's code holds (a minified bundle keeps strings, not names; comments name it anywhere): @sigstore/verify's error code. */
const SIGSTORE_MARKERS = ['CERTIFICATE_ERROR'];

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { rounds: 9, json: false, startup: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--no-startup') options.startup = false;
    else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      options.rounds = Number(value);
      if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new Error(`--rounds wants a positive integer, got "${value}"`);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench:sign -- [--rounds N] [--json] [--no-startup]\n');
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}" (usage: npm run bench:sign -- [--rounds N] [--json] [--no-startup])`);
  }
  return options;
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Bundles the bench entry with ncc into .kiln-local/bench-sign/ and returns its path. */
function bundle() {
  const out = path.join(projectRoot, '.kiln-local', 'bench-sign');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(
    path.join(projectRoot, 'node_modules', '.bin', 'ncc'),
    ['build', path.join(projectRoot, '__tests__', 'bench', 'sign-bench.ts'), '-o', out, '--target', 'es2022', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return path.join(out, 'index.js');
}

/** @param {string} script @param {number} rounds */
function signRounds(script, rounds) {
  const stdout = execFileSync(process.execPath, [script, String(rounds)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/** Which dist/main files a cached push that does not sign imports, and which of them hold sigstore-js. */
async function startup() {
  const dist = path.join(projectRoot, 'dist', 'main');
  if (!existsSync(path.join(dist, 'index.js'))) throw new Error('dist/main/index.js is missing: npm run build first');
  const holding = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .filter((f) => {
      const text = readFileSync(path.join(dist, f), 'utf8');
      return SIGSTORE_MARKERS.some((m) => text.includes(m));
    });
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bench-sign-chunks-'));
  const list = path.join(dir, 'chunks');
  try {
    const result = await runAction({
      inputs: { context: path.join(projectRoot, 'example'), push: 'true', tags: 'localhost:5000/h13-bench-sign:latest', cache: 'none' },
      actionDir: projectRoot,
      workspace: projectRoot,
      node: process.execPath,
      env: { NODE_OPTIONS: `--import ${path.join(projectRoot, 'bench', 'chunk-preload.mjs')}`, KILN_BENCH_CHUNKS: list },
    });
    if (result.mainExitCode !== 0) throw new Error(`the unsigned push failed (main exited ${result.mainExitCode}):\n${result.stdout}\n${result.stderr}`);
    const loaded = existsSync(list)
      ? [
          ...new Set(
            readFileSync(list, 'utf8')
              .trim()
              .split('\n')
              .filter(Boolean)
              .map((u) => fileURLToPath(u)),
          ),
        ]
          .filter((f) => f.startsWith(dist))
          .map((f) => path.basename(f))
      : [];
    return {
      indexBytes: readFileSync(path.join(dist, 'index.js')).length,
      sigstoreChunks: holding,
      loaded,
      loadedSigstore: loaded.filter((f) => holding.includes(f)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const script = bundle();
  const rounds = signRounds(script, options.rounds);
  if (rounds.length !== options.rounds) throw new Error(`expected ${options.rounds} rounds, got ${rounds.length}`);
  const keys = ['importMs', 'signMs', 'cpuMs', 'tufMs', 'tufCpuMs', 'keyMs', 'statementsMs', 'bundlesMs', 'verifyMs', 'referrersMs'];
  const medians = Object.fromEntries(keys.map((k) => [k, median(rounds.map((r) => r[k]))]));
  // Kiln's own work: the CPU its process spends loading the signing chunk and signing. Wall time
  // adds the waits on the doubles (their own CPU work and loopback HTTP), so it is an upper bound.
  const added = medians.cpuMs;
  const wall = medians.importMs + medians.signMs;
  // Without `trusted-root` (the default), the step also reads the trusted root from the
  // instance's TUF repository: its CPU adds to the same process's.
  const addedTuf = medians.cpuMs + medians.tufCpuMs;
  const start = options.startup ? await startup() : undefined;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ rounds, medians, addedMs: added, addedDefaultMs: addedTuf, wallMs: wall, goalMs: GOAL_MS, startup: start }, null, 2)}\n`,
    );
    return;
  }
  const ms = (v) => `${v.toFixed(1).padStart(7)} ms`;
  const lines = [
    `Signing a two-platform push (5 bundles, 1 certificate), doubles answering at once: median of ${options.rounds} rounds, each a fresh process`,
    `  load the signing chunk     ${ms(medians.importMs)}   wall`,
    `  signStep (all of it)       ${ms(medians.signMs)}   wall, waits on the doubles included`,
    `  Kiln's own work (CPU)      ${ms(added)}   loading + signing, user + system, with trusted-root: goal ≤ ${GOAL_MS} ms: ${added <= GOAL_MS ? 'met' : 'NOT met'}`,
    `  trusted root from TUF      ${ms(medians.tufCpuMs)}   CPU (${medians.tufMs.toFixed(1)} ms wall): the TUF client, refresh, the target, from the TUF double`,
    `  undici (fetch) loaded by then: ${rounds.some((r) => r.undiciLoaded) ? 'YES' : 'no'}`,
    `  Kiln's own work, default   ${ms(addedTuf)}   CPU without trusted-root (the two above): goal ≤ ${GOAL_MS} ms: ${addedTuf <= GOAL_MS ? 'met' : 'NOT met'}`,
    `The pure parts, timed alone in the same processes:`,
    `  P-256 key generation       ${ms(medians.keyMs)}`,
    `  5 statements               ${ms(medians.statementsMs)}`,
    `  5 DSSE bundles (no witness)${ms(medians.bundlesMs)}`,
    `  5 verifications            ${ms(medians.verifyMs)}`,
    `  5 referrer manifests+index ${ms(medians.referrersMs)}`,
  ];
  if (start) {
    lines.push(
      `Start-up without signing (a cached push, sign: auto, no token): dist/main/index.js ${(start.indexBytes / 1024).toFixed(0)} KiB`,
      `  chunks holding sigstore-js: ${start.sigstoreChunks.join(', ') || 'none'}`,
      `  files the run imported:     ${start.loaded.join(', ') || 'none'}`,
      `  sigstore-js loaded:         ${start.loadedSigstore.length === 0 ? 'no' : `YES (${start.loadedSigstore.join(', ')})`}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
