// @actions/cache, with its scratch files kept in Kiln's temp directory: it makes folders in
// RUNNER_TEMP and does not always remove them, and Kiln leaves nothing behind (the post step
// removes its own temp directory).
import { restoreCache, saveCache } from '@actions/cache';

async function inTemp<T>(tempDir: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.RUNNER_TEMP;
  process.env.RUNNER_TEMP = tempDir;
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.RUNNER_TEMP;
    else process.env.RUNNER_TEMP = previous;
  }
}

export function restore(tempDir: string, paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
  return inTemp(tempDir, () => restoreCache(paths, key, restoreKeys));
}

/**
 * Whether the entry was stored. @actions/cache reports most failures (a key another job took, a
 * service that does not answer) with a warning of its own and -1, not an exception.
 */
export async function save(tempDir: string, paths: string[], key: string): Promise<boolean> {
  return (await inTemp(tempDir, () => saveCache(paths, key))) !== -1;
}
