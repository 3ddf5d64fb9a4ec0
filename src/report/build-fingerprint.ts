// This build's fingerprint (plan/fingerprint.ts) from the files on disk: the Dockerfile, the
// `.dockerignore` and the context files its COPY / ADD steps read. The base images' digests come
// from the build's log, so before the build they are left empty.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildContext } from '../plan/context.js';
import { contextFiles, dockerfileSteps, filesUsed, type Fingerprint, fingerprint } from '../plan/fingerprint.js';

/** Every file below `root` (relative, `/`-separated), the `.git` directory left out. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (prefix === '' && entry.name === '.git') continue;
      const rel = prefix + entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), `${rel}/`);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
    }
  };
  visit(root, '');
  return out.sort();
}

const digestOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/** The fingerprint of the build of `context` (a directory on disk), with the given base digests. */
export function buildFingerprint(
  context: Extract<BuildContext, { kind: 'path' }>,
  buildArgs: Readonly<Record<string, string>>,
  target: string,
  bases: Fingerprint['bases'],
): Fingerprint {
  const steps = dockerfileSteps(readFileSync(context.dockerfile, 'utf8'), buildArgs);
  let ignore = '';
  try {
    ignore = readFileSync(path.join(context.path, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: the whole context.
  }
  const paths = contextFiles(walk(context.path), ignore);
  const used = filesUsed(steps, paths);
  const digests = Object.fromEntries(used.map((p) => [p, digestOf(path.join(context.path, p))]));
  const which = { dockerfile: path.relative(context.path, context.dockerfile).split(path.sep).join('/'), target };
  return fingerprint(steps, which, digests, paths, bases);
}
