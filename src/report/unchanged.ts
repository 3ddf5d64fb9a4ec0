// `reproducible: true`: a rebuild of a commit already pushed pushes no new image. What the first
// tag served before this push is read before the build, after the login.
import type { Env } from '../inputs/types.js';
import { type ImageManifest, platformDigests, readManifest } from './manifest.js';
import { fetchManifest } from './registry.js';

/** The manifest `ref` served before the push; undefined when the registry serves none (or cannot be read). */
export async function servedBefore(ref: string, env: Env): Promise<ImageManifest | undefined> {
  try {
    return readManifest(await fetchManifest(ref, env), 'unknown/unknown');
  } catch {
    return undefined;
  }
}

/**
 * The line for the log and the summary when the push changed nothing; undefined otherwise. The
 * same index is unchanged outright; an index whose images are all the same differs only in its
 * provenance attestations, which record when the build ran.
 */
export function unchangedLine(ref: string, before: ImageManifest | undefined, pushed: ImageManifest | undefined): string | undefined {
  if (!before || !pushed) return undefined;
  if (before.digest === pushed.digest) return `Unchanged: ${ref} already served ${pushed.digest} before this push (same commit, same image).`;
  const was = platformDigests(before);
  const now = platformDigests(pushed);
  const platforms = Object.keys(now);
  if (platforms.length === 0 || platforms.length !== Object.keys(was).length || platforms.some((p) => was[p] !== now[p])) return undefined;
  return `Unchanged images: ${ref} already served the same image manifests (${platforms.map((p) => `${p} ${now[p] ?? ''}`).join(', ')}) before this push; only the index is new (${pushed.digest}), its provenance records when this build ran.`;
}
