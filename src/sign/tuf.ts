// The trusted root from an instance's TUF repository: tuf-js's Updater (the TUF client workflow:
// root rotations, timestamp, snapshot, targets, each checked against the keys the root names),
// reading the mirror through Kiln's own HTTP (tuf-fetcher.ts), its cache in the step's temp dir
// under RUNNER_TEMP (removed by the post step), laid out as @sigstore/tuf lays it out:
// `<tempDir>/tuf/<host and path, URI-encoded>/root.json`, `targets/`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Updater } from 'tuf-js';
import type { Deadline } from './deadline.js';
import { TufFetcher } from './tuf-fetcher.js';

const TRUSTED_ROOT_TARGET = 'trusted_root.json';

/** Where a TUF client starts: the repository's root.json, and targets known with it (checked against the fresh metadata before use). */
export interface TufSeed {
  root: Uint8Array;
  targets?: Record<string, Uint8Array>;
}

/** `<tempDir>/tuf/<host+path>`: @sigstore/tuf's cache directory for `mirrorURL`. */
export function tufCacheDir(tempDir: string, mirrorURL: string): string {
  const url = new URL(mirrorURL);
  return path.join(tempDir, 'tuf', encodeURIComponent(url.host + url.pathname.replace(/\/$/, '')));
}

export async function trustedRootFromTuf(mirrorURL: string, seed: TufSeed, tempDir: string, limit: Deadline): Promise<TrustedRoot> {
  const dir = tufCacheDir(tempDir, mirrorURL);
  const targetDir = path.join(dir, 'targets');
  mkdirSync(targetDir, { recursive: true });
  writeFileSync(path.join(dir, 'root.json'), seed.root);
  for (const [name, bytes] of Object.entries(seed.targets ?? {})) writeFileSync(path.join(targetDir, name), bytes);
  const base = mirrorURL.replace(/\/$/, '');
  try {
    const updater = new Updater({ metadataBaseUrl: base, targetBaseUrl: `${base}/targets`, metadataDir: dir, targetDir, fetcher: new TufFetcher(limit, dir) });
    await updater.refresh();
    const info = await updater.getTargetInfo(TRUSTED_ROOT_TARGET);
    if (!info) throw new Error(`it has no ${TRUSTED_ROOT_TARGET} target`);
    const file = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info));
    return TrustedRoot.fromJSON(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`the trusted root from the TUF repository ${base}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
