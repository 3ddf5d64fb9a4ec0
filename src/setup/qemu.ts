import { readdirSync, readFileSync } from 'node:fs';
import { noDockerCli } from '../plan/buildx-command.js';
import { dockerCli } from '../process/buildx-command.js';
import { couldNotPull, dockerOutput, failureLines } from '../process/docker.js';
import type { Env } from '../inputs/types.js';

const BINFMT = '/proc/sys/fs/binfmt_misc';

/** The QEMU handlers the kernel has enabled (a file per handler, first line `enabled`). */
export function registeredHandlers(dir: string = BINFMT): Set<string> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('qemu-'));
  } catch {
    return new Set();
  }
  return new Set(
    names.filter((n) => {
      try {
        return readFileSync(`${dir}/${n}`, 'utf8').startsWith('enabled');
      } catch {
        return false;
      }
    }),
  );
}

/**
 * Registers emulators by running the installer image, as setup-qemu-action does, but only for
 * the handlers that are missing. Its container is removed when it exits (--rm).
 */
export async function installEmulators(image: string, names: string[], env: Env): Promise<void> {
  if (!dockerCli(env)) {
    throw new Error(
      noDockerCli(
        `Installing the QEMU emulators ${names.join(', ')} (docker run --privileged ${image})`,
        'register the handlers on the runner (apt-get install qemu-user-static, or docker/setup-qemu-action in an earlier step), or put the docker CLI on PATH',
      ),
    );
  }
  const { exitCode, stderr, stdout } = await dockerOutput(['run', '--rm', '--privileged', image, '--install', names.join(',')], env);
  if (exitCode === 0) return;
  throw new Error(
    `Could not install the QEMU emulators ${names.join(', ')} with ${image}: ${failureLines(stderr + stdout)}. Fix: ` +
      (couldNotPull(stderr)
        ? 'the image could not be pulled; point `qemu-image` at a copy the runner can reach (e.g. <your-registry>/tonistiigi/binfmt), or register the handlers on the runner (apt-get install qemu-user-static)'
        : 'the installer needs a privileged container and the binfmt_misc file system; register the handlers on the runner instead (apt-get install qemu-user-static)') +
      '.',
  );
}
