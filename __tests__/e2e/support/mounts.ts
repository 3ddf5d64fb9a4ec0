import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The mount points at or below `dir` in a /proc/self/mountinfo text, deepest first: the order
 * they must be unmounted in (a parent stays busy while a child is mounted on it). A mount point
 * stacked twice appears twice, so each layer gets its own umount.
 */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const root = path.resolve(dir);
  const found: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (!field) continue;
    const point = unescapeMountPath(field);
    if (point === root || point.startsWith(`${root}/`)) found.push(point);
  }
  // Deepest first; among equals, the later (upper) layer first.
  return found
    .map((point, order) => ({ point, order }))
    .sort((a, b) => b.point.split('/').length - a.point.split('/').length || b.order - a.order)
    .map((m) => m.point);
}

const run = promisify(execFile);

/**
 * Deletes a directory a daemon used, unmounting whatever is still mounted under it first: a
 * dockerd data root can keep overlay, shm or netns mounts after the daemon exited (seen with a
 * bind-mounted /tmp), and rmdir on a mount point fails with EBUSY. A mount that will not go
 * away normally is detached lazily, so the delete below can proceed.
 */
export async function unmountAndRemove(dir: string): Promise<void> {
  const points = mountsUnder(readFileSync('/proc/self/mountinfo', 'utf8'), dir);
  for (const point of points) {
    try {
      await run('umount', [point], { timeout: 10_000 });
    } catch {
      await run('umount', ['--lazy', point], { timeout: 10_000 }).catch(() => undefined);
    }
  }
  const left = mountsUnder(readFileSync('/proc/self/mountinfo', 'utf8'), dir);
  if (left.length > 0) throw new Error(`still mounted under ${dir}: ${left.join(', ')}`);
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
