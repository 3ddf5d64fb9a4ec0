#!/usr/bin/env node
// What Kiln's zero-configuration cache costs and saves, on a realistic two-platform multi-stage
// build (bench/cache-example), with no cache input at all:
//   (a) a cold build that exports its cache ÷ the same cold build without cache (budget 1.25×)
//   (b) a rebuild on a fresh runner (empty build cache) ÷ the cold build
// Outside GitHub with a push, Kiln's default backend is the registry (localhost:5000). Each
// round uses a new NONCE so its cold builds really are cold; `docker buildx prune -af` empties
// the builder before every build, as a fresh runner would have it.
//
//   npm run bench:cache -- [--rounds 3] [--json]
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot, runAction } from './local.mjs';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const json = process.argv.includes('--json');
const tag = 'localhost:5000/kiln-bench/cache-example:latest';
const context = path.join(projectRoot, 'bench', 'cache-example');
const note = (/** @type {string} */ s) => process.stderr.write(s);

/** @param {Record<string, string>} extra @param {string} nonce */
async function timed(extra, nonce) {
  execFileSync('docker', ['buildx', 'prune', '-af'], { stdio: 'ignore' });
  const started = performance.now();
  const result = await runAction({
    inputs: { context, platforms: 'linux/amd64,linux/arm64', push: 'true', tags: tag, 'build-args': `NONCE=${nonce}`, summary: 'false', ...extra },
    workspace: projectRoot,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.mainExitCode !== 0) throw new Error(`a benchmark build failed:\n${result.stdout.slice(-4000)}`);
  return {
    seconds,
    hitRatio: Number(result.outputs['cache-hit-ratio'] ?? 'NaN'),
    cacheLine: result.stdout.split('\n').find((l) => l.startsWith('Cache: ')) ?? '',
  };
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const runs = { noCache: /** @type {number[]} */ ([]), coldExport: /** @type {number[]} */ ([]), fresh: /** @type {number[]} */ ([]) };
let cacheLine = '';
for (let round = 0; round < rounds; round++) {
  const nonce = `${Date.now().toString(36)}-${round}`;
  // Alternate which cold build goes first, so neither always meets a warmer machine.
  const order = round % 2 === 0 ? ['noCache', 'coldExport'] : ['coldExport', 'noCache'];
  for (const kind of order) {
    const run = kind === 'noCache' ? await timed({ cache: 'none' }, `${nonce}-plain`) : await timed({}, nonce);
    runs[/** @type {'noCache' | 'coldExport'} */ (kind)].push(run.seconds);
    if (kind === 'coldExport') cacheLine = run.cacheLine;
  }
  const fresh = await timed({}, nonce);
  if (fresh.hitRatio !== 1) note(`warning: the fresh-runner rebuild took ${fresh.hitRatio * 100}% of its steps from the cache\n`);
  runs.fresh.push(fresh.seconds);
  note(
    `round ${round + 1}/${rounds}: no cache ${runs.noCache[round]?.toFixed(1)} s, cold + export ${runs.coldExport[round]?.toFixed(1)} s, fresh-runner rebuild ${fresh.seconds.toFixed(1)} s (hit ratio ${fresh.hitRatio})\n`,
  );
}

const result = {
  rounds,
  cache: cacheLine,
  seconds: { noCache: median(runs.noCache), coldExport: median(runs.coldExport), freshRebuild: median(runs.fresh) },
  ratios: { coldExportOverNoCache: median(runs.coldExport) / median(runs.noCache), freshRebuildOverCold: median(runs.fresh) / median(runs.coldExport) },
  runs,
};
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    `\nZero-configuration cache, bench/cache-example (linux/amd64 + linux/arm64), ${rounds} rounds, medians:\n` +
      `  ${cacheLine}\n` +
      `  cold build, no cache:        ${result.seconds.noCache.toFixed(1)} s\n` +
      `  cold build + cache export:   ${result.seconds.coldExport.toFixed(1)} s  → ${result.ratios.coldExportOverNoCache.toFixed(2)}× (budget 1.25×)\n` +
      `  fresh-runner rebuild:        ${result.seconds.freshRebuild.toFixed(1)} s  → ${result.ratios.freshRebuildOverCold.toFixed(2)}× the cold build\n`,
  );
}
