// The trusted root from an instance's TUF repository, read with @sigstore/tuf (loaded only here),
// its cache in the step's temp dir under RUNNER_TEMP (removed by the post step).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { Deadline } from './deadline.js';

/** Where a TUF client starts: the repository's root.json, or the library's seed for a mirror it knows. */
export type TufSeed = { root: Uint8Array } | 'library';

export async function trustedRootFromTuf(mirrorURL: string, seed: TufSeed, tempDir: string, limit: Deadline): Promise<TrustedRoot> {
  const cachePath = path.join(tempDir, 'tuf');
  let rootPath: string | undefined;
  if (seed !== 'library') {
    mkdirSync(cachePath, { recursive: true });
    rootPath = path.join(cachePath, 'seed-root.json');
    writeFileSync(rootPath, seed.root);
  }
  const { getTrustedRoot } = await import('@sigstore/tuf');
  return getTrustedRoot({
    mirrorURL,
    cachePath,
    ...(rootPath ? { rootPath } : {}),
    // Within the signing deadline: a few seconds per request, two retries.
    timeout: Math.max(1000, Math.min(5000, limit.left())),
    retry: { retries: 2 },
  });
}
