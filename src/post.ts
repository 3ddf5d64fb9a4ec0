// The post step runs after every Kiln step, failed ones too, and its time is pure overhead, so it
// loads nothing but Node itself, and `node:child_process` only when there is a builder to remove.
// `STATE_<key>` is how the runner hands back what main saved. `post(deps)` is the clean-up with its
// effects passed in (tested in __tests__/unit/post.test.ts); src/post-entry.ts builds the real ones.
import { rmSync } from 'node:fs';
import type { Env } from './inputs/types.js';
import { signalGroup } from './process/process-group.js';
import { builderGone } from './process/builder-removal.js';
import { childCwd, processFor } from './process/buildx-command.js';
import { builderRemovalArgs, readStepState, stepDirs } from './step-state.js';

/** What the post step reaches outside itself. */
export interface PostDeps {
  /** The step's environment as child processes get it (src/step-env.ts): the state is read from it too. */
  env: Env;
  print: (line: string) => void;
  /** Runs `docker ARGS` (buildx through the resolved command) to its end. */
  docker: (args: string[], env: Env) => { status: number | null; stderr: string };
  /** Signals a process group; false once it is gone (signal 0 only asks). */
  signalGroup: (pgid: number, signal: NodeJS.Signals | 0) => boolean;
  sleep: (ms: number) => void;
  removeDir: (dir: string) => void;
}

/** The real processes, file system and stdout. */
export function postDeps(env: Env): PostDeps {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return {
    env,
    print: (line) => process.stdout.write(`${line}\n`),
    docker: (args, childEnv) => {
      try {
        const command = processFor(args, childEnv);
        // Synchronous and bundler-free (a dynamic import adds ncc's chunk runtime to this bundle).
        const { spawnSync } = process.getBuiltinModule('node:child_process');
        const run = spawnSync(command.file, command.args, { encoding: 'utf8', env: childEnv, cwd: childCwd(childEnv) });
        return { status: run.status, stderr: run.error ? `could not run ${command.shown}: ${run.error.message}` : run.stderr };
      } catch (error) {
        return { status: null, stderr: error instanceof Error ? error.message : String(error) };
      }
    },
    signalGroup,
    sleep: (ms) => {
      Atomics.wait(pause, 0, 0, ms);
    },
    removeDir: (dir) => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a build still running, removes the builder this step created, and removes what the step left on disk. */
export function post(deps: PostDeps): void {
  const state = readStepState(deps.env);

  // A build the main step could not stop (it was killed before it could) is stopped first: it must
  // not push after the step, nor hold the builder. Its process group is docker and buildx only.
  const group = state.buildxGroup ?? 0;
  if (group > 1 && deps.signalGroup(group, 0)) {
    deps.print(`Stopping buildx (process group ${group}), still running after the main step`);
    deps.signalGroup(group, 'SIGTERM');
    for (let waited = 0; waited < 3000 && deps.signalGroup(group, 0); waited += 100) deps.sleep(100);
    deps.signalGroup(group, 'SIGKILL');
  }

  // Only a builder this step created is removed (never one it reused), unless `cleanup: false`.
  const builder = state.builder?.name;
  const args = builderRemovalArgs(state.builder);
  if (builder !== undefined && args) {
    const result = deps.docker(args, deps.env);
    const gone = builderGone(result.status, result.stderr);
    deps.print(gone ? `Removed builder ${builder}` : `::warning::Could not remove builder ${builder}: ${result.stderr.trim()}`);
  }

  for (const dir of stepDirs(state)) {
    deps.removeDir(dir);
    deps.print(`Removed ${dir}`);
  }
}
