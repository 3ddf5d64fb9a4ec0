// The trusted root a new bundle is verified against: the `trusted-root` file, or the instance's
// TUF repository (tuf.ts, loaded only then), its cache in the step's temp dir under RUNNER_TEMP
// (removed by the post step). Public-good's client starts from @sigstore/tuf's seed for its
// mirror (the seeds file alone: the library's client would load undici); GitHub's repository is
// not among those seeds, so its client starts from the root Kiln embeds (github-tuf-root.ts).
import { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TrustedRootFile } from '../inputs/sign.js';
import type { TrustedRootSource } from '../plan/sign.js';
import type { Deadline } from './deadline.js';
import type { TufSeed } from './tuf.js';

/** The target that holds the trusted root in Sigstore's and GitHub's TUF repositories. */
const TRUSTED_ROOT_TARGET = 'trusted_root.json';

export async function loadTrustedRoot(source: TrustedRootSource, file: TrustedRootFile | undefined, tempDir: string, limit: Deadline): Promise<TrustedRoot> {
  if (source.from === 'file') {
    if (!file) throw new Error(`the trusted-root ${source.path} was not read`);
    return TrustedRoot.fromJSON(file.json);
  }
  if (source.from === 'none') throw new Error(source.why);
  const [seed, { trustedRootFromTuf }] = await Promise.all([source.seed === 'github' ? githubSeed() : librarySeed(source.mirrorURL), import('./tuf.js')]);
  return trustedRootFromTuf(source.mirrorURL, seed, tempDir, limit);
}

async function githubSeed(): Promise<TufSeed> {
  const { GITHUB_TUF_ROOT } = await import('./github-tuf-root.js');
  return { root: Buffer.from(JSON.stringify(GITHUB_TUF_ROOT)) };
}

/** @sigstore/tuf's seed for `mirrorURL`: its root.json and the trusted root it ships (base64), used when the fresh targets metadata still names it. */
export async function librarySeed(mirrorURL: string): Promise<TufSeed> {
  const seeds = (await import('@sigstore/tuf/seeds.json', { with: { type: 'json' } })).default as Record<
    string,
    { 'root.json': string; targets: Record<string, string> } | undefined
  >;
  const seed = seeds[mirrorURL];
  if (!seed) throw new Error(`no TUF root is known for ${mirrorURL}`);
  return {
    root: Buffer.from(seed['root.json'], 'base64'),
    targets: Object.fromEntries(
      Object.entries(seed.targets)
        .filter(([name]) => name === TRUSTED_ROOT_TARGET)
        .map(([name, bytes]) => [name, Buffer.from(bytes, 'base64')]),
    ),
  };
}
