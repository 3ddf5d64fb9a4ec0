// RUN --mount=type=cache contents kept across runs: restored from the Actions cache and copied
// into BuildKit's cache mounts before the build, copied out and saved after it. Loaded only for
// builds whose Dockerfile has cache mounts and whose cache persists (gha or local backends).
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type CacheMount, extractDockerfile, injectDockerfile } from '../plan/cache-mounts.js';
import * as core from '../runner.js';
import { restore, save } from './actions-cache.js';
import type { ServiceBudget } from '../plan/cache-service.js';
import { dockerOutput } from '../process/docker.js';
import type { Env } from '../inputs/types.js';

export interface MountCache {
  /** Where the mounts' files are restored to and extracted into: `kiln-mounts` in the step's temp directory (see actions-cache.ts). */
  root: string;
  reads: string[];
  write?: string;
  /** `--builder NAME`, or [] for buildx's current builder. */
  builder: string[];
  tempDir: string;
  /** The step's Actions cache service budget, shared by every restore and save. */
  budget: ServiceBudget;
  env: Env;
}

const keyPrefix = (scope: string, m: CacheMount) => `kiln-mount-${scope}-${m.key}-`;
const dirOf = (c: MountCache, m: CacheMount) => path.join(c.root, m.key);

/** A fingerprint of a directory's files (paths, sizes, times): equal means nothing to save. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const file = path.join(d, name);
      const stat = statSync(file);
      hash.update(`${path.relative(dir, file)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\0${stat.mode}\n`);
      if (stat.isDirectory()) walk(file);
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

async function build(c: MountCache, dockerfile: string, name: string, output: string, context: string): Promise<string | undefined> {
  const file = path.join(c.tempDir, name);
  writeFileSync(file, dockerfile);
  const { exitCode, stderr } = await dockerOutput(
    ['buildx', 'build', ...c.builder, '--file', file, '--build-arg', `KILN_NONCE=${randomUUID()}`, '--output', output, '--provenance', 'false', context],
    c.env,
  );
  return exitCode === 0
    ? undefined
    : stderr
        .split('\n')
        .filter((l) => l.includes('ERROR'))
        .slice(-2)
        .join(' | ') || `exit code ${exitCode}`;
}

/** Restores each mount's newest entry (most specific scope first) and copies it into BuildKit. Returns the restored keys by mount id. */
export async function restoreMounts(mounts: CacheMount[], c: MountCache): Promise<Map<string, string>> {
  const restored = new Map<string, string>();
  rmSync(c.root, { recursive: true, force: true });
  // Concurrently: they share one deadline (actions-cache.ts).
  await Promise.all(
    mounts.map(async (m) => {
      const prefixes = c.reads.map((s) => keyPrefix(s, m));
      const [first] = prefixes;
      try {
        const key = first === undefined ? undefined : await restore(c.budget, c.tempDir, [dirOf(c, m)], first, prefixes);
        if (key) restored.set(m.id, key);
      } catch (error) {
        core.warning(`Cache mount ${m.target}: could not restore (${error instanceof Error ? error.message : String(error)})`);
      }
    }),
  );
  const found = mounts.filter((m) => restored.has(m.id));
  if (found.length === 0) {
    core.info(`Cache mounts: ${mounts.map((m) => m.target).join(', ')}: nothing saved yet`);
    return restored;
  }
  const failed = await build(c, injectDockerfile(found), 'inject.Dockerfile', 'type=cacheonly', c.root);
  if (failed) core.warning(`Cache mounts: could not put the restored files into BuildKit's cache mounts (${failed}); the build runs without them`);
  else core.info(`Cache mounts: restored ${found.map((m) => `${m.target} (${restored.get(m.id) ?? ''})`).join(', ')}`);
  return restored;
}

/** After a successful build: copies the mounts out of BuildKit and saves each one that changed. */
export async function saveMounts(mounts: CacheMount[], restored: Map<string, string>, c: MountCache): Promise<void> {
  if (c.write === undefined || mounts.length === 0) return;
  rmSync(c.root, { recursive: true, force: true });
  mkdirSync(c.root, { recursive: true });
  // Nothing of the context is used: an empty directory keeps anything else out of the build.
  const empty = path.join(c.tempDir, 'empty-context');
  mkdirSync(empty, { recursive: true });
  const failed = await build(c, extractDockerfile(mounts), 'extract.Dockerfile', `type=local,dest=${c.root}`, empty);
  if (failed) {
    core.warning(`Cache mounts: could not copy them out of BuildKit (${failed}); not saved`);
    return;
  }
  const write = c.write;
  await Promise.all(
    mounts.map(async (m) => {
      const dir = dirOf(c, m);
      mkdirSync(dir, { recursive: true });
      const key = `${keyPrefix(write, m)}${fingerprint(dir)}`;
      if (key === restored.get(m.id)) {
        core.info(`Cache mount ${m.target}: unchanged (${key}); not saved again`);
        return;
      }
      try {
        core.info(
          (await save(c.budget, c.tempDir, [dir], key))
            ? `Cache mount ${m.target}: saved as ${key}`
            : `Cache mount ${m.target}: ${key} was not saved (see the Actions cache's message above)`,
        );
      } catch (error) {
        core.warning(`Cache mount ${m.target}: could not save ${key} (${error instanceof Error ? error.message : String(error)})`);
      }
    }),
  );
}
