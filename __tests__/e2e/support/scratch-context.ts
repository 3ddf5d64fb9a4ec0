import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Static busybox binaries for amd64 and arm64, which scripts/engine.sh keeps from its seed image.
const SEED = '/var/cache/kiln-engine/seed';

/** Copies the static busybox for `arch` into `dir` as `name`. */
export function addBusybox(dir: string, arch = 'amd64', name = 'busybox'): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  copyFileSync(path.join(SEED, arch, 'busybox'), path.join(dir, name));
}

/**
 * A build context that needs no registry, for engines in a network namespace of their own: a
 * Dockerfile and the static busybox, at ./busybox for one architecture or at ./<arch>/busybox
 * for several. The caller removes it.
 */
export function scratchContext(dockerfile: string, arches: string[] = ['amd64']): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-scratch-'));
  for (const arch of arches) addBusybox(dir, arch, arches.length === 1 ? 'busybox' : path.join(arch, 'busybox'));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

/** Each platform's RUN writes `uname -m` to /machine: aarch64 proves where the arm64 step ran. */
export const MACHINE_DOCKERFILE =
  'FROM scratch\nARG TARGETARCH\nCOPY ${TARGETARCH}/busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /machine"]\n';
