import { parse } from 'csv-parse/sync';
import { checkImageRef } from './validate-refs.js';

// The cache backends BuildKit has (s3 and azblob only in a BuildKit of its own, not the
// engine's embedded one: a builder matter, not a typo).
const CACHE_TYPES = ['registry', 'local', 'gha', 's3', 'azblob'] as const;
const EXPORT_ONLY = ['inline'];
// What BuildKit's importer or exporter refuses to start without.
const REQUIRED: Record<string, { from?: string; to?: string }> = {
  registry: { from: 'ref', to: 'ref' },
  local: { from: 'src', to: 'dest' },
};

export interface CacheCheck {
  /** Why buildx would refuse the entry, and what is accepted. */
  problem?: string;
  /** Accepted by buildx but without effect. */
  warning?: string;
}

/** The CSV fields of an entry, as buildx's go-csvvalue splits them. */
export function csvFields(entry: string): string[] {
  try {
    return parse(entry, { relax_quotes: true, relax_column_count: true })[0] ?? [];
  } catch {
    return [entry];
  }
}

/**
 * One `cache-from` or `cache-to` entry as buildx's ParseCacheEntry reads it: a bare image
 * reference, or `type=…` with `key=value` attributes and the attribute its backend requires.
 */
export function checkCacheEntry(entry: string, direction: 'from' | 'to'): CacheCheck {
  const types = direction === 'to' ? [...CACHE_TYPES, ...EXPORT_ONLY] : CACHE_TYPES;
  const form = `use type=${types.join('|')} with its attributes (e.g. type=registry,ref=ghcr.io/o/app:cache or type=local,${direction === 'from' ? 'src' : 'dest'}=/path), or an image reference`;
  if (!entry.includes('=')) {
    for (const ref of csvFields(entry)) {
      const problem = checkImageRef(ref.trim());
      if (problem) return badRef(entry, `"${ref}" is read as a registry cache reference, but ${problem}`, direction);
    }
    return {};
  }
  const attrs: Record<string, string> = {};
  for (const field of csvFields(entry)) {
    const at = field.indexOf('=');
    if (at < 0) return { problem: `"${field}" is not key=value; ${form}` };
    attrs[field.slice(0, at).toLowerCase()] = field.slice(at + 1);
  }
  const type = attrs.type ?? '';
  if (type === '') return { problem: `the cache type is missing; ${form}` };
  if (!(types as readonly string[]).includes(type)) {
    if (direction === 'to') return { problem: `BuildKit has no cache exporter "${type}"; ${form}` };
    return { warning: `cache-from "${entry}": BuildKit has no cache importer "${type}" and ignores this entry (it knows ${types.join(', ')})` };
  }
  const required = REQUIRED[type]?.[direction];
  if (required !== undefined && (attrs[required] ?? '') === '') {
    return {
      problem: `a ${type} cache ${direction === 'from' ? 'import' : 'export'} needs ${required}=…, e.g. type=${type},${required}=${type === 'registry' ? 'ghcr.io/o/app:cache' : '/path'}`,
    };
  }
  if (type === 'registry' && attrs.ref) {
    const problem = checkImageRef(attrs.ref);
    if (problem) return badRef(entry, `ref "${attrs.ref}": ${problem}`, direction);
  }
  return {};
}

// BuildKit refuses to export to a malformed reference but skips importing from one.
function badRef(entry: string, problem: string, direction: 'from' | 'to'): CacheCheck {
  return direction === 'to' ? { problem } : { warning: `cache-from "${entry}" is ignored by BuildKit: ${problem}` };
}
