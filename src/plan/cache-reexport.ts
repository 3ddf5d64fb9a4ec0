// Whether the cache export of this build would write what the cache already holds. The default
// cache re-exports the cache of a build that changed nothing on every push: BuildKit cannot tell
// that the registry (or Actions cache) already has it, and its cache manifest differs from run to
// run, so it uploads it again. Kiln can tell beforehand: the fingerprint (plan/fingerprint.ts)
// stored beside the scope this build would write says which build exported it, with which export
// settings. Pure: the caller computes the fingerprint and reads the stored one.
import type { BuildxOption } from '../inputs/buildx-option.js';
import type { CachePlan } from './cache.js';
import { shownEntry } from '../inputs/buildx-option.js';
import type { Fingerprint } from './fingerprint.js';

/** What is stored beside the cache: the build's fingerprint, its scope and, when it exported, how. */
export interface StoredBuild {
  scope: string;
  fingerprint: Fingerprint;
  /** exportKey of the export that wrote the cache; absent when that build did not export (or an older Kiln wrote it). */
  exported?: string;
}

/**
 * The export settings and platforms as one text: another mode, compression or platform list writes
 * another cache, so it must be exported again. Credentials are hidden (shownEntry).
 */
export function exportKey(cacheTo: readonly BuildxOption[], platforms: readonly string[]): string {
  return JSON.stringify({ to: cacheTo.map(shownEntry).sort(), platforms: [...platforms].sort() });
}

/** The same build, as far as it is known before it runs: the base images' digests are known only from its log. */
export function sameBuild(a: Fingerprint, b: Fingerprint): boolean {
  const known = (f: Fingerprint) => JSON.stringify({ v: f.v, dockerfile: f.dockerfile, target: f.target, steps: f.steps, needs: f.needs });
  return known(a) === known(b);
}

export type ReexportDecision =
  | { skip: true; line: string }
  | {
      skip: false;
      why: 'not-managed' | 'no-write' | 'reads-elsewhere-first' | 'no-fingerprint' | 'other-scope' | 'not-exported' | 'export-changed' | 'build-changed';
    };

export interface ReexportRequest {
  cache: Pick<CachePlan, 'kind' | 'backend' | 'reads' | 'write' | 'cacheTo'>;
  platforms: readonly string[];
  /** This build's fingerprint before it runs (its `bases` empty). */
  current: Fingerprint;
  stored?: StoredBuild;
}

/**
 * Skip `--cache-to` when the scope this build writes is the first it reads and holds the cache of
 * this very build, exported with these settings. Anything else exports as usual.
 */
export function decideReexport({ cache, platforms, current, stored }: ReexportRequest): ReexportDecision {
  if (cache.kind !== 'managed' || cache.backend === 'inline') return { skip: false, why: 'not-managed' };
  if (cache.write === undefined || cache.cacheTo.length === 0) return { skip: false, why: 'no-write' };
  // The build must read what it would overwrite: a fallback scope's cache is no copy of this one's.
  if (cache.reads[0] !== cache.write) return { skip: false, why: 'reads-elsewhere-first' };
  if (!stored) return { skip: false, why: 'no-fingerprint' };
  if (stored.scope !== cache.write) return { skip: false, why: 'other-scope' };
  if (stored.exported === undefined) return { skip: false, why: 'not-exported' };
  if (stored.exported !== exportKey(cache.cacheTo, platforms)) return { skip: false, why: 'export-changed' };
  if (!sameBuild(current, stored.fingerprint)) return { skip: false, why: 'build-changed' };
  return { skip: true, line: `Cache unchanged: not re-exported (${cache.write} holds the cache of this same build)` };
}

export interface SkippedOutcome {
  /** Dockerfile steps that ran (not cached). */
  ran: number;
  /** Cache imports that failed or found nothing (the build did not read the stored cache). */
  importProblems: number;
  /** The base images' digests this build resolved, and those of the build that exported. */
  bases: Fingerprint['bases'];
  storedBases: Fingerprint['bases'];
}

/**
 * After a build that skipped its export: either the cache still holds all of it (nothing to
 * store), or the stored record must stop claiming so, so that the next build exports again.
 */
export function afterSkippedExport(outcome: SkippedOutcome): { holds: true } | { holds: false; line: string } {
  const why =
    outcome.importProblems > 0
      ? 'the cache import did not find it'
      : outcome.ran > 0
        ? `${outcome.ran} step${outcome.ran === 1 ? '' : 's'} ran`
        : sortedBases(outcome.bases) !== sortedBases(outcome.storedBases)
          ? 'a base image changed'
          : undefined;
  if (why === undefined) return { holds: true };
  return { holds: false, line: `Cache: not re-exported, but ${why}: the cache is not current; the next build exports it` };
}

/**
 * The digests the base images resolved to, as one text. Not per platform and stage: BuildKit's log
 * shows a step shared by several platforms or stages once, under any one of their names.
 */
function sortedBases(bases: Fingerprint['bases']): string {
  return JSON.stringify([...new Set(Object.values(bases).flatMap((stages) => Object.values(stages)))].sort());
}
