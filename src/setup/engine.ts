import { InputError } from '../inputs/errors.js';

/**
 * Whether the engine keeps images in containerd's store, the only store that can hold a
 * multi-platform image. Asked only when a build needs to know: every call costs a process.
 */
export async function hasContainerdImageStore(): Promise<boolean> {
  // Loaded only on this rare path: most runs never pay for it.
  const { getExecOutput } = await import('@actions/exec');
  const { stdout, exitCode, stderr } = await getExecOutput('docker', ['info', '--format', '{{json .DriverStatus}}'], {
    silent: true,
    ignoreReturnCode: true,
  });
  if (exitCode !== 0) throw new Error(`Cannot reach the Docker engine: ${stderr.trim() || `docker info exited ${exitCode}`}`);
  return stdout.includes('io.containerd.snapshotter');
}

export async function checkMultiPlatformLoad(platforms: string[]): Promise<void> {
  if (await hasContainerdImageStore()) return;
  throw new InputError(
    'load',
    'true',
    `this engine's classic image store cannot load a multi-platform image (platforms ${platforms.join(',')}); ` +
      'build one platform, push instead, or enable the containerd image store ({"features":{"containerd-snapshotter":true}} in daemon.json)',
  );
}
