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
import { CACHE_SERVICE_LIMITS, ServiceBudget } from '../plan/cache-service.js';
import * as core from '../runner.js';

/**
 * Every restore of a step shares one deadline, every save another; after the first clear failure
 * (a deadline passed, an error thrown) the service is not asked again in this step. @actions/cache
 * has no deadline of its own (its lookups retry 5xx answers for ~20 s, and a service that accepts
 * connections but never answers holds it forever): what runs past the deadline is abandoned, and
 * the main step exits when it is done (src/main.ts) instead of waiting for it.
 */
export const serviceBudget = new ServiceBudget({ restore: CACHE_SERVICE_LIMITS.restoreMs, save: CACHE_SERVICE_LIMITS.saveMs });

async function guarded<T>(phase: 'restore' | 'save', what: string, skipped: T, fn: () => Promise<T>): Promise<T> {
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

let inside = 0;
let saved: { cwd: string; temp?: string; workspace?: string } | undefined;

const restoreEnv = (name: 'RUNNER_TEMP' | 'GITHUB_WORKSPACE', value: string | undefined) => {
  if (value !== undefined) process.env[name] = value;
  else if (name === 'RUNNER_TEMP') delete process.env.RUNNER_TEMP;
  else delete process.env.GITHUB_WORKSPACE;
};

// Restores and saves run concurrently, all with the same temp directory: the first one in moves
// the process there, the last one out moves it back.
async function inTemp<T>(tempDir: string, fn: () => Promise<T>): Promise<T> {
  if (inside++ === 0) {
    saved = { cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE };
    process.env.RUNNER_TEMP = tempDir;
    process.env.GITHUB_WORKSPACE = tempDir;
    process.chdir(tempDir);
  }
  try {
    return await fn();
  } finally {
    if (--inside === 0 && saved) {
      process.chdir(saved.cwd);
      // An abandoned restore still extracts relative to GITHUB_WORKSPACE, should it ever finish:
      // into this step's temp directory then, never into the user's workspace.
      if (serviceBudget.problem === undefined) {
        restoreEnv('RUNNER_TEMP', saved.temp);
        restoreEnv('GITHUB_WORKSPACE', saved.workspace);
      }
      saved = undefined;
    }
  }
}

/** The path @actions/cache is given for a directory inside the temp directory: the same string on every runner. */
export function cachePath(tempDir: string, dir: string): string {
  const relative = path.relative(tempDir, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${dir} is not inside ${tempDir}`);
  return relative.split(path.sep).join('/');
}

export function restore(tempDir: string, dirs: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
  const paths = dirs.map((d) => cachePath(tempDir, d));
  return inTemp(tempDir, () => guarded('restore', `restoring ${paths.join(', ')}`, undefined, () => restoreCache(paths, key, restoreKeys)));
}

/**
 * Whether the entry was stored. @actions/cache reports most failures (a key another job took, a
 * service that does not answer) with a warning of its own and -1, not an exception.
 */
export async function save(tempDir: string, dirs: string[], key: string): Promise<boolean> {
  const paths = dirs.map((d) => cachePath(tempDir, d));
  return (await inTemp(tempDir, () => guarded('save', `saving ${key}`, -1, () => saveCache(paths, key)))) !== -1;
}
