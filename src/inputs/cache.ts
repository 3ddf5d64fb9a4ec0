import type { InputName } from '../names.js';
import { parseDuration } from './duration.js';
import { InputError } from './errors.js';
import { parseList } from './lists.js';
import type { InputSource } from './types.js';
import type { CacheInputs } from './types.js';

function oneOf<T extends string>(source: InputSource, errors: InputError[], name: InputName, words: readonly T[], accepted: string): T {
  const value = source.get(name).trim() || words[0];
  const normal = value?.toLowerCase() as T;
  if (words.includes(normal)) return normal;
  errors.push(new InputError(name, source.get(name).trim(), accepted));
  return words[0] as T;
}

/** Reads the cache inputs, adding every mistake to `errors`. */
export function readCache(source: InputSource, errors: InputError[]): CacheInputs {
  const mountsRaw = source.get('cache-mounts').trim();
  const mounts = mountsRaw === '' || mountsRaw === 'auto' ? 'auto' : mountsRaw === 'none' ? 'none' : parseList(mountsRaw, { newlinesOnly: true });
  if (Array.isArray(mounts)) {
    for (const target of mounts) {
      if (!target.startsWith('/'))
        errors.push(new InputError('cache-mounts', target, 'use auto, none, or absolute paths of RUN --mount=type=cache targets, one per line'));
    }
  }
  return {
    backend: oneOf(
      source,
      errors,
      'cache',
      ['auto', 'gha', 'registry', 'local', 'inline', 'none'] as const,
      'use auto (the default), gha, registry, local, inline or none',
    ),
    scope: source.get('cache-scope').trim(),
    mode: oneOf(source, errors, 'cache-mode', ['auto', 'min', 'max'] as const, 'use auto (max on the default branch, min elsewhere), min or max'),
    ref: source.get('cache-ref').trim(),
    write: oneOf(
      source,
      errors,
      'cache-write',
      ['auto', 'true', 'false'] as const,
      'use auto (by event: push, schedule, workflow_dispatch and merge_group write, same-repository pull requests their own scope, every other event nothing), true or false',
    ),
    mounts,
    exportTimeout: readExportTimeout(source, errors),
  };
}

/** `cache-export-timeout`: how long a cache export may run once the image is pushed (seconds; 0: no limit). */
function readExportTimeout(source: InputSource, errors: InputError[]): number {
  const raw = source.get('cache-export-timeout').trim();
  if (raw === '') return DEFAULT_EXPORT_TIMEOUT;
  const seconds = parseDuration(raw);
  if (seconds !== undefined) return seconds;
  errors.push(new InputError('cache-export-timeout', raw, 'use a duration such as 300, 90s, 5m or 1h (0 for no limit)'));
  return DEFAULT_EXPORT_TIMEOUT;
}

export const DEFAULT_EXPORT_TIMEOUT = 300;
