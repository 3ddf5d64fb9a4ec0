// The `local` cache backend: BuildKit reads and writes a cache directory (an OCI layout), and
// the Actions cache carries it between runs. Loaded only for that backend: @actions/cache is by
// far the heaviest module Kiln has.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { restore, save } from './actions-cache.js';
import * as core from '../runner.js';
import type { ServiceBudget } from '../plan/cache-service.js';

export interface LocalCache {
  dir: string;
  /** Kiln's temp directory, for @actions/cache's scratch files. */
  tempDir: string;
  /** The step's Actions cache service budget, shared by every restore and save. */
  budget: ServiceBudget;
  restoreKeys: string[];
  saveKeyPrefix?: string;
}

/** Restores the newest entry of the first scope that has one; returns the key it restored. */
export async function restoreLocalCache(local: LocalCache): Promise<string | undefined> {
  try {
    // The primary key is matched exactly and restore keys as prefixes: every scope's prefix goes
    // in the restore keys, most specific first, so the newest entry of the first scope that has
    // one is restored.
    const [first] = local.restoreKeys;
    const key = first === undefined ? undefined : await restore(local.budget, local.tempDir, [local.dir], first, local.restoreKeys);
    core.info(key ? `Cache: restored ${key} into ${local.dir}` : `Cache: nothing to restore for ${local.restoreKeys.join(', ')}`);
    return key;
  } catch (error) {
    core.warning(`Cache: could not restore ${local.dir} (${error instanceof Error ? error.message : String(error)}); building without it`);
    return undefined;
  }
}

/** Saves the cache directory under a key of its contents, unless that is what was restored. */
export async function saveLocalCache(local: LocalCache, restored: string | undefined): Promise<void> {
  if (!local.saveKeyPrefix) return;
  let index: string;
  try {
    index = readFileSync(`${local.dir}/index.json`, 'utf8');
  } catch {
    core.warning(`Cache: BuildKit wrote no cache to ${local.dir}; nothing saved`);
    return;
  }
  const key = `${local.saveKeyPrefix}${createHash('sha256').update(index).digest('hex').slice(0, 16)}`;
  if (key === restored) {
    core.info(`Cache: unchanged (${key}); not saved again`);
    return;
  }
  try {
    core.info(
      (await save(local.budget, local.tempDir, [local.dir], key))
        ? `Cache: saved ${local.dir} as ${key}`
        : `Cache: ${key} was not saved (see the Actions cache's message above); the build itself succeeded`,
    );
  } catch (error) {
    core.warning(`Cache: could not save ${key} (${error instanceof Error ? error.message : String(error)}); the build itself succeeded`);
  }
}
