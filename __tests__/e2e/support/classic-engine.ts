import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unmountAndRemove } from './mounts.js';

export interface SecondEngine {
  /** DOCKER_HOST for it. */
  host: string;
  socket: string;
  /** Its network namespace, for helpers that must run where its containers can reach them. */
  netns: string;
  /** Stops it and deletes its directory; rejects (never hangs) when either fails. */
  stop: () => Promise<void>;
}

/** Where scripts/engine.sh unpacks trixie's dockerd 26.1 (BuildKit 0.13). */
export const OLD_DOCKERD = '/var/cache/kiln-engine/old-engine/usr/sbin/dockerd';

/**
 * A second, real dockerd with the classic image store (the store many self-hosted engines
 * still have), on its own socket beside the main engine: what an engine that cannot hold a
 * multi-platform image really answers.
 */
export function startClassicEngine(): Promise<SecondEngine> {
  return startSecondEngine('dockerd', {});
}

/**
 * Trixie's dockerd 26.1 with the containerd image store: an older engine some self-hosted
 * runners have, whose BuildKit (0.13) speaks only the v1 Actions cache protocol.
 */
export function startOldEngine(): Promise<SecondEngine> {
  return startSecondEngine(OLD_DOCKERD, { features: { 'containerd-snapshotter': true } });
}

async function startSecondEngine(dockerd: string, daemonJson: object): Promise<SecondEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-engine-'));
  const socket = path.join(dir, 'docker.sock');
  writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify(daemonJson));
  mkdirSync(path.join(dir, 'exec'));
  // Its own network namespace: a second dockerd on the host network deletes the main engine's
  // docker0 bridge (seen here), which breaks every later RUN on the main engine. Inside the
  // namespace it makes a docker0 of its own, which its RUN steps need.
  const child = spawn(
    'unshare',
    [
      '--net',
      dockerd,
      '--config-file',
      path.join(dir, 'daemon.json'),
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'pid'),
      '-H',
      `unix://${socket}`,
      '--iptables=false',
      '--ip6tables=false',
    ],
    // From /: a daemon's working directory must outlive the test's temp dirs.
    { detached: true, stdio: 'ignore', cwd: '/' },
  );
  child.unref();
  const host = `unix://${socket}`;
  const pid = () => Number(readFileSync(path.join(dir, 'pid'), 'utf8')) || child.pid;
  let stopping: Promise<void> | undefined;
  // Stops the daemon, waits until it is gone (it unmounts its own layers on the way out), then
  // unmounts whatever it left and deletes its directory; rejects rather than hangs.
  const stop = () => (stopping ??= stopAndRemove(dir, pid));
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('docker', ['info'], { env: { ...process.env, DOCKER_HOST: host }, stdio: 'ignore' });
      const netns = `/proc/${readFileSync(path.join(dir, 'pid'), 'utf8').trim()}/ns/net`;
      return { host, socket, netns, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await stop().catch(() => undefined);
  throw new Error(`the second dockerd (${dockerd}) did not start within 20 s`);
}

const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopAndRemove(dir: string, pidOf: () => number | undefined): Promise<void> {
  let pid: number | undefined;
  try {
    pid = pidOf();
  } catch {
    pid = undefined;
  }
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    // It stops its containers and its containerd first: 20 s, then it is killed.
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 200));
    if (alive(pid)) {
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 25 && alive(pid); i++) await new Promise((r) => setTimeout(r, 200));
    }
  }
  await unmountAndRemove(dir);
}
