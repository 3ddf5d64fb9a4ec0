// End-to-end tests need the real engine and registries that scripts/engine.sh installs and
// starts. They never skip themselves: without the engine the whole run fails here, loudly.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default async function globalSetup() {
  const problems = [];
  try {
    const status = execFileSync('docker', ['info', '--format', '{{json .DriverStatus}}'], { encoding: 'utf8', timeout: 20000 });
    if (!status.includes('io.containerd.snapshotter')) problems.push('the engine does not use the containerd image store');
  } catch (err) {
    problems.push(`the Docker engine does not answer (${String(err.message).split('\n')[0]})`);
  }
  for (const [port, expected] of [[5000, 200], [5001, 401]]) {
    const status = await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.status, () => 0);
    if (status !== expected) problems.push(`the registry on 127.0.0.1:${port} answers ${status || 'nothing'} (expected ${expected})`);
  }
  const base = await fetch('http://127.0.0.1:5000/v2/busybox/manifests/latest', { method: 'HEAD' }).then((r) => r.status, () => 0);
  if (base !== 200) problems.push('the base image localhost:5000/busybox:latest is missing');
  if (!existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')) problems.push('no QEMU handler for arm64 is registered');
  if (!existsSync(new URL('../../dist/main/index.js', import.meta.url))) problems.push('dist/ is not built (npm run build)');
  // The older engine the cache-fallback tests start beside the main one: missing, the run fails.
  const oldEngine = '/var/cache/kiln-engine/old-engine/usr/sbin/dockerd';
  if (!existsSync(oldEngine)) {
    problems.push(`trixie's dockerd 26.1 is not unpacked at ${oldEngine}`);
  }
  if (problems.length > 0) {
    throw new Error(`End-to-end tests need the engine: ${problems.join('; ')}.\nRun \`sudo bash scripts/engine.sh\` first.`);
  }
}
