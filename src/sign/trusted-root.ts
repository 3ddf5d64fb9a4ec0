// The trusted root a new bundle is verified against: the `trusted-root` file, or the instance's
// TUF repository read with @sigstore/tuf (loaded only here), its cache in the step's temp dir
// under RUNNER_TEMP (removed by the post step). GitHub's repository is not among the library's
// seeds, so its client starts from the root Kiln embeds (github-tuf-root.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TrustedRootFile } from '../inputs/sign.js';
import type { TrustedRootSource } from '../plan/sign.js';
import type { Deadline } from './deadline.js';

export async function loadTrustedRoot(source: TrustedRootSource, file: TrustedRootFile | undefined, tempDir: string, limit: Deadline): Promise<TrustedRoot> {
  if (source.from === 'file') {
    if (!file) throw new Error(`the trusted-root ${source.path} was not read`);
    return TrustedRoot.fromJSON(file.json);
  }
  if (source.from === 'none') throw new Error(source.why);
  const cachePath = path.join(tempDir, 'tuf');
  let rootPath: string | undefined;
  if (source.seed === 'github') {
    const { GITHUB_TUF_ROOT } = await import('./github-tuf-root.js');
    mkdirSync(cachePath, { recursive: true });
    rootPath = path.join(cachePath, 'github-root.json');
    writeFileSync(rootPath, JSON.stringify(GITHUB_TUF_ROOT));
  }
  const { getTrustedRoot } = await import('@sigstore/tuf');
  return getTrustedRoot({
    mirrorURL: source.mirrorURL,
    cachePath,
    ...(rootPath ? { rootPath } : {}),
    // Within the signing deadline: a few seconds per request, two retries.
    timeout: Math.max(1000, Math.min(5000, limit.left())),
    retry: { retries: 2 },
  });
}
