import type { Env } from '../inputs/types.js';
import { dockerOutput } from '../process/docker.js';
import { retrying, type RetryOutcome } from './retry.js';

/** One read-back may not hang the step: buildx gets this long per attempt. */
const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * The manifest or index bytes a registry serves for `ref`. buildx reads them with the same
 * credentials and registry configuration the push used, so private registries work too.
 */
export async function fetchManifest(ref: string, env: Env): Promise<Buffer> {
  const { exitCode, stderr, raw } = await dockerOutput(['buildx', 'imagetools', 'inspect', '--raw', ref], env, { timeoutMs: ATTEMPT_TIMEOUT_MS });
  if (exitCode !== 0) throw new Error(`Could not read ${ref} back from its registry: ${stderr.trim() || `no answer within ${ATTEMPT_TIMEOUT_MS / 1000}s`}`);
  return raw;
}

/** fetchManifest, retried with backoff on errors that may heal (connection errors, 5xx, 429). */
export function fetchManifestRetrying(ref: string, env: Env, delays?: readonly number[]): Promise<RetryOutcome<Buffer>> {
  return retrying(() => fetchManifest(ref, env), { delays });
}
