#!/usr/bin/env node
// What fan-out saves: one job building linux/amd64 + linux/arm64 (arm64 under QEMU) against its
// slowest native leg. This machine is amd64 only, so the native arm64 leg is stood in for by the
// amd64 leg doing the same work natively (a native arm64 runner runs it in comparable time).
//
//   node scripts/bench-fan-out.mjs [--rounds 3] [--work 200000]
//
// Builds bench/fan-out (a CPU-bound RUN, as compiling is) on the engine's own builder, without
// cache (a fresh NONCE each time), exporting nothing. A report, not a test.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from './local.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = opt('rounds', 3);
const work = opt('work', 200000);
const context = path.join(projectRoot, 'bench', 'fan-out');

function build(platforms) {
  const started = performance.now();
  execFileSync(
    'docker',
    [
      'buildx',
      'build',
      '--builder',
      'default',
      '--platform',
      platforms,
      '--build-arg',
      `ROUNDS=${work}`,
      '--build-arg',
      `NONCE=${Math.random()}`,
      '--output',
      'type=cacheonly',
      '--progress',
      'quiet',
      context,
    ],
    { stdio: 'ignore' },
  );
  return (performance.now() - started) / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const emulated = [];
const native = [];
for (let r = 0; r < rounds; r++) {
  native.push(build('linux/amd64'));
  emulated.push(build('linux/amd64,linux/arm64'));
}
const e = median(emulated);
const n = median(native);
console.log(`one job, amd64 + arm64 under QEMU: ${e.toFixed(1)} s (median of ${rounds})`);
console.log(`slowest native leg (amd64, standing in for a native arm64 runner): ${n.toFixed(1)} s`);
console.log(`fan-out saves ${(e - n).toFixed(1)} s per build (${(e / n).toFixed(1)}x)`);
