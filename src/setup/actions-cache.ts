// @actions/cache, with everything it touches kept in this step's own temp directory: its scratch
// files (it makes folders in RUNNER_TEMP and does not always remove them), and the directories it
// restores and saves. Two Kiln steps on one machine (matrix legs on a self-hosted host) must never
// share a directory, yet @actions/cache versions an entry by the path strings it is given, so the
// same entry must be asked for with the same paths on every runner. Both hold when the paths are
// given relative to the step's temp directory (`kiln-cache/<scope>`, `kiln-mounts/<key>`): the
// strings, hence the versions, are the same everywhere, and the files land in this step's own
// directory. @actions/cache resolves relative paths against GITHUB_WORKSPACE (tar) and the working
// directory (glob), so both point at the temp directory while it runs.
import * as path from 'node:path';
import { restoreCache, saveCache } from '@actions/cache';
import { CACHE_SERVICE_LIMITS, type ServiceBudget } from '../plan/cache-service.js';
import * as core from '../runner.js';

async function guarded<T>(serviceBudget: ServiceBudget, phase: 'restore' | 'save', what: string, skipped: T, fn: () => Promise<T>): Promise<T> {
  if (serviceBudget.problem !== undefined) return skipped;
  const left = serviceBudget.left(phase, Date.now());
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => {
      resolve({ late: true });
    }, left);
  });
  const giveUp = (problem: string) => {
    if (serviceBudget.giveUp(problem))
      core.warning(
        `The Actions cache service ${problem}: Kiln skipped ${what} and every later cache restore and save of this step (the build itself is not affected).`,
      );
  };
  try {
    const outcome = await Promise.race([fn().then((value) => ({ value })), late]);
    if ('late' in outcome) {
      giveUp(
        `did not finish this step's cache ${phase}s within ${(phase === 'restore' ? CACHE_SERVICE_LIMITS.restoreMs : CACHE_SERVICE_LIMITS.saveMs) / 1000} s`,
      );
      return skipped;
    }
    return outcome.value;
  } catch (error) {
    giveUp(`failed (${error instanceof Error ? error.message : String(error)})`);
    return skipped;
  } finally {
    clearTimeout(timer);
  }
}

// The one place in src/ that changes process-wide state (src/step-env.ts aside), because
// @actions/cache reads it instead of taking it as arguments: the working directory (its glob) and
// GITHUB_WORKSPACE and RUNNER_TEMP (tar's -C, its scratch folder). The state is the process's, so
// the gate that guards it is too: uses with the same directory share one entry (the restores of
// a step run concurrently), a use with another directory waits until the last one has left, and
// the last one out puts everything back. Nothing else in Kiln reads it: every child process gets
// an explicit environment and working directory (__tests__/unit/actions-cache-gate.test.ts).
interface Entered {
  dir: string;
  inside: number;
  saved: { cwd: string; temp?: string; workspace?: string };
  left: Promise<void>;
  leave: () => void;
}
let entered: Entered | undefined;

const putBack = (name: 'RUNNER_TEMP' | 'GITHUB_WORKSPACE', value: string | undefined) => {
  if (value !== undefined) process.env[name] = value;
  else if (name === 'RUNNER_TEMP') delete process.env.RUNNER_TEMP;
  else delete process.env.GITHUB_WORKSPACE;
};

/**
 * Runs `fn` with the working directory, RUNNER_TEMP and GITHUB_WORKSPACE at `dir`, and puts them
 * back when the last use of `dir` ends. `keepEnv` (an abandoned restore may still extract, should
 * it ever finish: into the temp directory then, never into the user's workspace) leaves the
 * variables at `dir`.
 */
export async function inDirectory<T>(dir: string, fn: () => Promise<T>, keepEnv: () => boolean = () => false): Promise<T> {
  while (entered && entered.dir !== dir) await entered.left;
  if (!entered) {
    const gate: { leave?: () => void } = {};
    const left = new Promise<void>((resolve) => {
      gate.leave = resolve;
    });
    const leave = () => gate.leave?.();
    entered = { dir, inside: 0, saved: { cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE }, left, leave };
    process.env.RUNNER_TEMP = dir;
    process.env.GITHUB_WORKSPACE = dir;
    process.chdir(dir);
  }
  const mine = entered;
  mine.inside++;
  try {
    return await fn();
  } finally {
    if (--mine.inside === 0) {
      process.chdir(mine.saved.cwd);
      if (!keepEnv()) {
        putBack('RUNNER_TEMP', mine.saved.temp);
        putBack('GITHUB_WORKSPACE', mine.saved.workspace);
      }
      entered = undefined;
      mine.leave();
    }
  }
}

/** The path @actions/cache is given for a directory inside the temp directory: the same string on every runner. */
export function cachePath(tempDir: string, dir: string): string {
  const relative = path.relative(tempDir, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${dir} is not inside ${tempDir}`);
  return relative.split(path.sep).join('/');
}

export function restore(budget: ServiceBudget, tempDir: string, dirs: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
  const paths = dirs.map((d) => cachePath(tempDir, d));
  return inDirectory(
    tempDir,
    () => guarded(budget, 'restore', `restoring ${paths.join(', ')}`, undefined, () => restoreCache(paths, key, restoreKeys)),
    () => budget.problem !== undefined,
  );
}

/**
 * Whether the entry was stored. @actions/cache reports most failures (a key another job took, a
 * service that does not answer) with a warning of its own and -1, not an exception.
 */
export async function save(budget: ServiceBudget, tempDir: string, dirs: string[], key: string): Promise<boolean> {
  const paths = dirs.map((d) => cachePath(tempDir, d));
  return (
    (await inDirectory(
      tempDir,
      () => guarded(budget, 'save', `saving ${key}`, -1, () => saveCache(paths, key)),
      () => budget.problem !== undefined,
    )) !== -1
  );
}
