
/**
 * The manifest or index bytes a registry serves for `ref`. buildx reads them with the same
 * credentials and registry configuration the push used, so private registries work too.
 */
export async function fetchManifest(ref: string): Promise<Buffer> {
  // Loaded only on this path (several exporters, other drivers): most runs never pay for it.
  const { getExecOutput } = await import('@actions/exec');
  const chunks: Buffer[] = [];
  const { exitCode, stderr } = await getExecOutput('docker', ['buildx', 'imagetools', 'inspect', '--raw', ref], {
    silent: true,
    ignoreReturnCode: true,
    listeners: { stdout: (chunk: Buffer) => chunks.push(chunk) },
  });
  if (exitCode !== 0) throw new Error(`Could not read ${ref} back from its registry: ${stderr.trim()}`);
  return Buffer.concat(chunks);
}
