// What an export to the local cache directory (an OCI layout) cost: the blob files it added, and
// the layers of its cache manifest the directory already held. The directory is listed before
// the build (after the restore) and after it: a blob BuildKit finds there it does not write again.
// Loaded only for the local backend.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { directorySpend, manifestLayers, type WriteSpend } from '../plan/cache-spend.js';

const blobDir = (dir: string) => path.join(dir, 'blobs', 'sha256');
const blobPath = (dir: string, digest: string) => path.join(blobDir(dir), digest.replace(/^sha256:/, ''));

/** The blobs the directory holds (`sha256:<hex>`); none when it has none yet. */
export function localBlobs(dir: string): Set<string> {
  try {
    return new Set(readdirSync(blobDir(dir)).map((name) => `sha256:${name}`));
  } catch {
    return new Set();
  }
}

/**
 * The export's spend, from the blobs held `before` it; undefined when the directory has no cache
 * manifest to read (the export did not finish), so nothing is said rather than something guessed.
 */
export function localSpend(dir: string, before: ReadonlySet<string>): WriteSpend | undefined {
  try {
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { manifests?: { digest?: unknown }[] };
    const manifest = index.manifests?.[0]?.digest;
    if (typeof manifest !== 'string') return undefined;
    const listed = manifestLayers(readFileSync(blobPath(dir, manifest), 'utf8'));
    if (listed === undefined) return undefined;
    const after = new Map([...localBlobs(dir)].map((blob) => [blob, statSync(blobPath(dir, blob)).size] as const));
    return directorySpend(before, after, listed);
  } catch {
    return undefined;
  }
}
