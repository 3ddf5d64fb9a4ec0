import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './buildkit-endpoint.js';
import { fixtures } from './kiln.js';
import { addBusybox } from './scratch-context.js';

/**
 * fixtures/buildkit-double pushed to the local registry, and the engine's own BuildKit served on
 * the bridge's gateway for its containers: what `driver: docker-container` needs here, where
 * moby/buildkit cannot be pulled. `driverOpts` points a created builder at both.
 */
export async function startBuildkitDouble(): Promise<{ driverOpts: string; close: () => Promise<void> }> {
  const image = 'localhost:5000/kiln/buildkit-double:latest';
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bk-double-'));
  try {
    cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
    addBusybox(dir);
    execFileSync('docker', ['build', '-q', '-t', image, dir], { stdio: 'ignore' });
    execFileSync('docker', ['push', '-q', image], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const gateway = execFileSync('docker', ['network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}'], { encoding: 'utf8' }).trim();
  const buildkit: BuildkitEndpoint = await startBuildkitEndpoint({ kind: 'tcp', host: gateway });
  return { driverOpts: `image=${image}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`, close: () => buildkit.close() };
}

/** Builders Kiln created that buildx still lists (builders start a line; nodes are indented). */
export function kilnBuilders(): string[] {
  const ls = execFileSync('docker', ['buildx', 'ls'], { encoding: 'utf8' });
  return ls
    .split('\n')
    .filter((l) => /^kiln-/.test(l))
    .map((l) => l.split(/\s+/)[0] ?? '');
}

/** Containers and volumes `buildx create` made for a builder, still on the engine. */
export function builderLeftovers(name: string): string[] {
  const containers = execFileSync('docker', ['ps', '-aq', '--filter', `name=^buildx_buildkit_${name}0$`], { encoding: 'utf8' }).trim();
  const volumes = execFileSync('docker', ['volume', 'ls', '-q', '--filter', `name=^buildx_buildkit_${name}0_state$`], { encoding: 'utf8' }).trim();
  return [containers, volumes].filter(Boolean);
}
