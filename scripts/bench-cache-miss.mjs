// Measures what "why did my cache miss?" adds to a build: the fingerprint and its comparison for a
// 300-step Dockerfile whose COPY steps read 300 context files (pure parts; the context walk and
// file hashing are measured separately). Compiles src/ with tsc into a temp directory first.
// Usage: node scripts/bench-cache-miss.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Inside the project, so the compiled modules find node_modules.
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = mkdtempSync(path.join(root, 'node_modules', '.kiln-bench-miss-'));
try {
  execFileSync('npx', ['tsc', '--outDir', out, '--noEmit', 'false', '--declaration', 'false'], { stdio: 'inherit', cwd: root });
  const load = (p) => import(pathToFileURL(path.join(out, 'src', p)).href);
  const fp = await load('plan/fingerprint.js');
  const miss = await load('plan/cache-miss.js');

  // 300 steps over 3 stages: WORKDIR, COPY of a directory, RUN with two ARGs, repeated.
  const lines = ['ARG BASE=localhost:5000/busybox:latest'];
  const steps = [];
  for (let stage = 0; stage < 3; stage++) {
    lines.push(stage === 0 ? 'FROM $BASE AS s0' : `FROM s${stage - 1} AS s${stage}`, 'ARG A=1', 'ARG B');
    for (let i = 0; i < 100; i++) {
      const kind = i % 3;
      lines.push(kind === 0 ? `WORKDIR /w${i}` : kind === 1 ? `COPY dir${i % 30}/ /d${i}/` : `RUN echo ${i} $A $B > /r${i}`);
      steps.push({ stage: `s${stage}`, n: i + (stage === 0 ? 2 : 1), kind });
    }
  }
  const text = lines.join('\n');
  const paths = Array.from({ length: 300 }, (_, i) => `dir${i % 30}/file${i}.txt`);
  const digest = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  const digestsOld = Object.fromEntries(paths.map((p) => [p, digest(p)]));
  const digestsNew = { ...digestsOld, 'dir29/file299.txt': 'changed' };
  const logOf = () =>
    steps.map((s, id) => ({
      id,
      name: `[${s.stage} ${s.n}/101] X`,
      instruction: s.kind === 2 ? 'RUN x' : 'COPY x',
      stage: s.stage,
      cached: id < 280,
      output: [],
    }));

  const once = (args, digests) => {
    const parsed = fp.dockerfileSteps(text, args);
    const used = fp.filesUsed(parsed, paths);
    return fp.fingerprint(parsed, { dockerfile: 'Dockerfile', target: '' }, digests, used, fp.baseDigests(logOf(), 'linux/amd64'));
  };
  const previous = once({ A: '1', B: 'x' }, digestsOld);
  const runs = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    const current = once({ A: '1', B: 'y' }, digestsNew);
    const result = miss.firstMisses(current, { fingerprint: previous, scope: 'main', scopes: ['main'] }, logOf(), 'linux/amd64');
    runs.push(performance.now() - t0);
    if (r === 0) console.log('first miss:', JSON.stringify(result[0]?.firstMiss?.cause), 'fingerprint bytes:', JSON.stringify(current).length);
  }
  runs.sort((a, b) => a - b);
  console.log(`300-step fingerprint + comparison: first ${runs[0].toFixed(1)}…max ${runs.at(-1).toFixed(1)} ms, median ${runs[3].toFixed(1)} ms (7 runs)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
