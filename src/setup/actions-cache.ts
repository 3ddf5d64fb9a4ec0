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

export function save(tempDir: string, paths: string[], key: string): Promise<number> {
  return inTemp(tempDir, () => saveCache(paths, key));
}
