// The post step runs after every Kiln step, failed ones too, and its time is pure overhead, so it
// loads nothing but Node itself, and `node:child_process` only when there is a builder to remove.
// `STATE_<key>` is how the runner hands back what main saved.
import { rmSync } from 'node:fs';
import { signalGroup } from './process/process-group.js';
import { builderGone } from './process/builder-removal.js';
import { processFor } from './process/buildx-command.js';
import { builderRemovalArgs, readStepState } from './step-state.js';

const state = readStepState(process.env);

// A build the main step could not stop (it was killed before it could) is stopped first: it must
// not push after the step, nor hold the builder. Its process group is docker and buildx only.
const group = state.buildxGroup ?? 0;
if (group > 1 && signalGroup(group, 0)) {
  process.stdout.write(`Stopping buildx (process group ${group}), still running after the main step\n`);
  signalGroup(group, 'SIGTERM');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 3000 && signalGroup(group, 0); waited += 100) Atomics.wait(pause, 0, 0, 100);
  signalGroup(group, 'SIGKILL');
}

// Only a builder this step created is removed (never one it reused), unless `cleanup: false`.
const builder = state.builder?.name;
const args = builderRemovalArgs(state.builder);
if (builder !== undefined && args) {
  let result: { status: number | null; stderr: string };
  try {
    const command = processFor(args, process.env);
    // Synchronous and bundler-free (a dynamic import adds ncc's chunk runtime to this bundle).
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const run = spawnSync(command.file, command.args, { encoding: 'utf8' });
    result = { status: run.status, stderr: run.error ? `could not run ${command.shown}: ${run.error.message}` : run.stderr };
  } catch (error) {
    result = { status: null, stderr: error instanceof Error ? error.message : String(error) };
  }
  const gone = builderGone(result.status, result.stderr);
  process.stdout.write(gone ? `Removed builder ${builder}\n` : `::warning::Could not remove builder ${builder}: ${result.stderr.trim()}\n`);
}

for (const dir of [state.tempDir, state.cacheDir, state.mountsDir]) {
  if (!dir) continue;
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`Removed ${dir}\n`);
}
