// The runner starts the post step after every Kiln step, and a Node start is about a tenth of a
// second of CPU, while on the common path (the engine's own builder, no local cache) the post step
// has nothing to do but delete the step's temp directory. So, once the main step has ended, it
// deletes what it left itself and then names its step in POST_DONE_VARIABLE (GITHUB_ENV):
// action.yml's `post-if` reads it, and the runner does not start the post step at all. What needs
// a process (a builder to remove) or a check at the end of the job (a build still running) stays
// with the post step, which then runs as before. The order matters: a main step stopped between
// the two leaves the variable unset, and the post step runs.
import { appendFileSync, rmSync } from 'node:fs';
import type { Env } from './inputs/types.js';
import { POST_DONE_VARIABLE } from './names.js';
import { signalGroup } from './process/process-group.js';
import { fileCommandEntry, type RunnerIo } from './runner.js';
import { builderRemovalArgs, readStepState, type StepState, stepDirs } from './step-state.js';

/** The runner's I/O with every saveState also kept here, as the post step would get it (`STATE_<key>`). */
export function recordingState(io: RunnerIo): { io: RunnerIo; saved: Record<string, string> } {
  const saved: Record<string, string> = {};
  return {
    saved,
    io: {
      ...io,
      saveState: (name, value) => {
        io.saveState(name, value);
        saved[`STATE_${name}`] = value;
      },
    },
  };
}

/** Whether the post step's work is only deleting directories (pure, but for asking whether a process group still runs). */
export function onlyDirectoriesLeft(state: StepState, groupAlive: (pgid: number) => boolean): boolean {
  if (builderRemovalArgs(state.builder)) return false;
  return state.buildxGroup === undefined || !groupAlive(state.buildxGroup);
}

export interface PostSkipDeps {
  removeDir: (dir: string) => void;
  groupAlive: (pgid: number) => boolean;
  /** Appends a job variable (GITHUB_ENV); false when the runner gave no such file. */
  exportVariable: (name: string, value: string) => boolean;
}

/** The real file system, process table and GITHUB_ENV of the step `env`. */
export function postSkipDeps(env: Env): PostSkipDeps {
  return {
    removeDir: (dir) => {
      rmSync(dir, { recursive: true, force: true });
    },
    groupAlive: (pgid) => signalGroup(pgid, 0),
    exportVariable: (name, value) => {
      const file = env.GITHUB_ENV;
      if (!file) return false;
      appendFileSync(file, fileCommandEntry(name, value), 'utf8');
      return true;
    },
  };
}

/**
 * At the end of the main step, however it ended: the post step's clean-up done here when it is
 * only deleting directories, then the step named in POST_DONE_VARIABLE. True when the post step
 * has nothing left to do. Never throws: whatever fails here, the post step does.
 */
export function finishPostWork(saved: Record<string, string>, stepEnv: Env, deps: PostSkipDeps): boolean {
  const action = stepEnv.GITHUB_ACTION;
  if (!action) return false;
  try {
    const state = readStepState(saved);
    if (!onlyDirectoriesLeft(state, deps.groupAlive)) return false;
    for (const dir of stepDirs(state)) deps.removeDir(dir);
    return deps.exportVariable(POST_DONE_VARIABLE, action);
  } catch {
    return false;
  }
}
