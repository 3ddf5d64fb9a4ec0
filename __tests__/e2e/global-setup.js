// End-to-end tests need the real engine and registries that scripts/engine.sh installs and
// starts. They never skip themselves: without the engine the whole run fails here, loudly, and
// says what to type.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default async function globalSetup() {
  const problems = [];
  const advice = [];
  const root = process.getuid?.() === 0;
  // Not a permission question only: the tests start a second dockerd in a network namespace of
  // its own (unshare, nsenter) and remove and re-register the kernel's binfmt handlers, which
  // only root can do; the docker group alone would not be enough.
  if (!root) {
    problems.push('they must run as root (they start a second dockerd in its own network namespace and change the kernel’s binfmt handlers)');
    advice.push('Run them with sudo: `sudo npm test` (or `sudo npm run test:e2e`); `npm run test:unit` needs no root.');
  }
  let engineDown = false;
  if (root) {
    try {
      const status = execFileSync('docker', ['info', '--format', '{{json .DriverStatus}}'], {
        encoding: 'utf8',
        timeout: 20000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (!status.includes('io.containerd.snapshotter')) {
        problems.push('the engine does not use the containerd image store');
        engineDown = true;
      }
    } catch (err) {
      problems.push(
        `the Docker engine does not answer (${
          String(err.stderr || err.message)
            .trim()
            .split('\n')[0]
        })`,
      );
      engineDown = true;
    }
  }
  for (const [port, expected] of [
    [5000, 200],
    [5001, 401],
  ]) {
    const status = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== expected) {
      problems.push(`the registry on 127.0.0.1:${port} answers ${status || 'nothing'} (expected ${expected})`);
      engineDown = true;
    }
  }
  const base = await fetch('http://127.0.0.1:5000/v2/busybox/manifests/latest', { method: 'HEAD' }).then(
    (r) => r.status,
    () => 0,
  );
  if (base !== 200) {
    problems.push('the base image localhost:5000/busybox:latest is missing');
    engineDown = true;
  }
  if (!existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')) {
    problems.push('no QEMU handler for arm64 is registered');
    engineDown = true;
  }
  // The older engine the cache-fallback tests start beside the main one: missing, the run fails.
  const oldEngine = '/var/cache/kiln-engine/old-engine/usr/sbin/dockerd';
  if (!existsSync(oldEngine)) {
    problems.push(`trixie's dockerd 26.1 is not unpacked at ${oldEngine}`);
    engineDown = true;
  }
  // The signing tests verify Kiln's signatures with the real cosign 3 (never Kiln's own code).
  // Debian's build says "GitVersion: devel", so the check is for what the tests use.
  try {
    execFileSync('cosign', ['version'], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
    const help = execFileSync('cosign', ['verify', '--help'], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
    if (!help.includes('--trusted-root') || !help.includes('--use-signed-timestamps')) {
      problems.push('the installed cosign has no --trusted-root / --use-signed-timestamps (cosign 3 is needed)');
      engineDown = true;
    }
  } catch (err) {
    problems.push(
      `\`cosign version\` fails (${
        String(err.stderr || err.message)
          .trim()
          .split('\n')[0]
      }): cosign 3 is missing`,
    );
    engineDown = true;
  }
  if (engineDown) advice.push(`Start the engine (idempotent): \`${root ? '' : 'sudo '}bash scripts/engine.sh\`.`);
  if (!existsSync(new URL('../../dist/main/index.js', import.meta.url))) {
    problems.push('dist/ is not built');
    advice.push('Build the action: `npm run build`.');
  }
  if (problems.length > 0) {
    throw new Error(`End-to-end tests cannot run: ${problems.join('; ')}.\n${advice.join('\n')}`);
  }
}
