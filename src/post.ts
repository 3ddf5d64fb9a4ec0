// The post step runs after every Kiln step, failed ones too, and its time is pure overhead, so it
// loads nothing but Node itself. `STATE_<key>` is how the runner hands back what main saved.
import { spawnSync } from 'node:child_process';
import { rmdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { STATE } from './names.js';
import { processFor } from './setup/buildx-command.js';

const state = (key: string): string => process.env[`STATE_${key}`] ?? '';

// Only a builder this step created is removed (never one it reused), unless `cleanup: false`.
const builder = state(STATE.builder);
const removeFlags = state(STATE.builderRemoveFlags);
if (builder !== '' && removeFlags !== '') {
  const args = ['buildx', 'rm', ...(removeFlags === '--keep-state' ? ['--keep-state'] : []), builder];
  let result: { status: number | null; stderr: string };
  try {
    const command = processFor(args, process.env);
    const run = spawnSync(command.file, command.args, { encoding: 'utf8' });
    result = { status: run.status, stderr: run.error ? `could not run ${command.shown}: ${run.error.message}` : run.stderr };
  } catch (error) {
    result = { status: null, stderr: error instanceof Error ? error.message : String(error) };
  }
  const gone = result.status === 0 || /not found|no builder/i.test(result.stderr);
  process.stdout.write(gone ? `Removed builder ${builder}\n` : `::warning::Could not remove builder ${builder}: ${result.stderr.trim()}\n`);
}

for (const dir of [state(STATE.tempDir), state(STATE.cacheDir), state(STATE.mountsDir)]) {
  if (!dir) continue;
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`Removed ${dir}\n`);
}

// The local cache directory sits in a kiln-cache folder of its own (its path must be the same on
// every runner); the folder goes too once no other Kiln step's cache is in it.
const cacheDir = state(STATE.cacheDir);
if (cacheDir) {
  try {
    rmdirSync(path.dirname(cacheDir));
  } catch {
    // Another step's cache is still there, or it is already gone.
  }
}
