// Why did the cache miss? After the build: this build's fingerprint (plan/fingerprint.ts) from
// the Dockerfile, the context files its COPY/ADD steps read and the log, compared with the one
// stored beside the cache this build read (plan/cache-miss.ts), then stored beside the cache it
// wrote (report/fingerprint-store.ts). Nothing here may fail the build: a problem is a warning,
// and a build without a managed cache computes nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildStep } from '../build/log.js';
import type { Env } from '../inputs/types.js';
import { firstMisses, type PlatformMiss } from '../plan/cache-miss.js';
import type { CachePlan } from '../plan/cache.js';
import type { BuildContext } from '../plan/context.js';
import { baseDigests, contextFiles, dockerfileSteps, filesUsed, fingerprint } from '../plan/fingerprint.js';
import * as core from '../runner.js';
import { renderCacheMisses } from './cache-miss-summary.js';
import { fingerprintStore } from './fingerprint-store.js';

export interface CacheMissRequest {
  cache: CachePlan;
  context: BuildContext;
  buildArgs: Readonly<Record<string, string>>;
  target: string;
  steps: readonly BuildStep[];
  /** The platform a log without platforms built (the engine's). */
  platform: string;
  /** `--builder` value ('' for the current one): the registry store pushes with it. */
  builder: string;
  tempDir: string;
  env: Env;
}

export interface CacheMissReport {
  misses: PlatformMiss[];
  /** Markdown for the job summary. */
  summary: string;
}

/** Every file below `root` (relative, `/`-separated), the `.git` directory left out. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (prefix === '' && entry.name === '.git') continue;
      const rel = prefix + entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), `${rel}/`);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
    }
  };
  visit(root, '');
  return out.sort();
}

const digestOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/**
 * Explains each platform's first cache miss and stores this build's fingerprint. Undefined when
 * there is nothing to explain: no cache Kiln manages, or a context not on disk.
 */
export async function explainCacheMiss(request: CacheMissRequest): Promise<CacheMissReport | undefined> {
  const { cache, context } = request;
  if (cache.kind !== 'managed' || cache.backend === 'inline' || context.kind !== 'path') return undefined;
  const store = fingerprintStore(cache, request.env, request.builder, request.tempDir);
  if (!store) return undefined;
  try {
    const reading = store.read().catch(() => undefined);
    const steps = dockerfileSteps(readFileSync(context.dockerfile, 'utf8'), request.buildArgs);
    let ignore = '';
    try {
      ignore = readFileSync(path.join(context.path, '.dockerignore'), 'utf8');
    } catch {
      // No .dockerignore: the whole context.
    }
    const paths = contextFiles(walk(context.path), ignore);
    const used = filesUsed(steps, paths);
    const digests = Object.fromEntries(used.map((p) => [p, digestOf(path.join(context.path, p))]));
    const which = { dockerfile: path.relative(context.path, context.dockerfile).split(path.sep).join('/'), target: request.target };
    const current = fingerprint(steps, which, digests, paths, baseDigests(request.steps, request.platform));
    const previous = await reading;
    const misses = firstMisses(current, { fingerprint: previous?.fingerprint, scope: previous?.scope, scopes: cache.reads }, request.steps, request.platform);
    core.debug(`Kiln cache-miss: ${JSON.stringify(misses)}`);
    if (cache.write !== undefined) {
      await store.write({ scope: cache.write, fingerprint: current }).catch((error: unknown) => {
        core.info(
          `Cache: the build's fingerprint was not stored (${error instanceof Error ? error.message : String(error)}); the next build cannot say why it missed`,
        );
      });
    }
    return { misses, summary: renderCacheMisses(misses) };
  } catch (error) {
    core.info(`Cache: could not tell why the cache missed (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}
