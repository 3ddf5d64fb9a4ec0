// The trusted root a new bundle is verified against: the `trusted-root` file, or the instance's
// TUF repository read with @sigstore/tuf (loaded only here), its cache in the step's temp dir
// under RUNNER_TEMP (removed by the post step). GitHub's repository is not among the library's
// seeds, so its client starts from the root Kiln embeds (github-tuf-root.ts).
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
  const seed = source.seed === 'github' ? { root: Buffer.from(JSON.stringify((await import('./github-tuf-root.js')).GITHUB_TUF_ROOT)) } : 'library';
  const { trustedRootFromTuf } = await import('./tuf.js');
  return trustedRootFromTuf(source.mirrorURL, seed, tempDir, limit);
}
