import { dockerOutput } from '../setup/docker.js';

/**
 * The manifest or index bytes a registry serves for `ref`. buildx reads them with the same
 * credentials and registry configuration the push used, so private registries work too.
 */
export async function fetchManifest(ref: string, env: Readonly<Record<string, string | undefined>>): Promise<Buffer> {
  const { exitCode, stderr, raw } = await dockerOutput(['buildx', 'imagetools', 'inspect', '--raw', ref], env);
  if (exitCode !== 0) throw new Error(`Could not read ${ref} back from its registry: ${stderr.trim()}`);
  return raw;
}
