// Why did the cache miss? After the build: this build's fingerprint (plan/fingerprint.ts) from
// the Dockerfile, the context files its COPY/ADD steps read and the log, compared with the one
// stored beside the cache this build read (plan/cache-miss.ts), then stored beside the cache it
// wrote (report/fingerprint-store.ts). Nothing here may fail the build: a problem is a warning,
// and a build without a managed cache computes nothing.
import type { BuildStep } from '../build/log.js';
import type { Env } from '../inputs/types.js';
import { firstMisses, type PlatformMiss } from '../plan/cache-miss.js';
import type { CachePlan } from '../plan/cache.js';
import type { BuildContext } from '../plan/context.js';
import { afterSkippedExport } from '../plan/cache-reexport.js';
import { baseDigests } from '../plan/fingerprint.js';
import * as core from '../runner.js';
import { renderCacheMisses } from './cache-miss-summary.js';
import type { CacheReuse } from './cache-reuse.js';
import { buildFingerprint } from './build-fingerprint.js';
import { isDockerfileStep } from './steps.js';
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
  /** What was decided before the build (report/cache-reuse.ts): its fingerprint and the stored one are not computed or read again. */
  reuse?: CacheReuse;
  /** The build exported its cache and the export did not fail: the stored fingerprint says so. */
  exported: boolean;
  /** Cache imports that failed or found nothing. */
  importProblems: number;
}

export interface CacheMissReport {
  misses: PlatformMiss[];
  /** Markdown for the job summary. */
  summary: string;
}

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
    const { reuse } = request;
    // The scope written is the first read: what was read before the build is what this read would find.
    const known = reuse?.stored && cache.reads[0] === cache.write ? reuse.stored : undefined;
    const reading = known ? Promise.resolve(known) : store.read().catch(() => undefined);
    const bases = baseDigests(request.steps, request.platform);
    const current = reuse ? { ...reuse.current, bases } : buildFingerprint(context, request.buildArgs, request.target, bases);
    const previous = await reading;
    const misses = firstMisses(current, { fingerprint: previous?.fingerprint, scope: previous?.scope, scopes: cache.reads }, request.steps, request.platform);
    core.debug(`Kiln cache-miss: ${JSON.stringify(misses)}`);
    // Skipped export: the stored record stays while the cache holds this build; otherwise it stops
    // claiming an export, so that the next build exports again.
    const skipped = reuse?.decision.skip === true;
    const after = skipped
      ? afterSkippedExport({
          ran: request.steps.filter((s) => isDockerfileStep(s) && !s.cached).length,
          importProblems: request.importProblems,
          bases,
          storedBases: reuse.stored?.fingerprint.bases ?? {},
        })
      : undefined;
    if (after && !after.holds) core.info(after.line);
    if (cache.write !== undefined && after?.holds !== true) {
      const exported = request.exported && !skipped ? reuse?.key : undefined;
      await store.write({ scope: cache.write, fingerprint: current, ...(exported ? { exported } : {}) }).catch((error: unknown) => {
        core.info(
          `Cache: the build's fingerprint was not stored (${error instanceof Error ? error.message : String(error)}); the next build cannot say why it missed`,
        );
      });
    }
    // The summary says whether the cache was exported again, beside why it missed.
    const exportLine = reuse?.decision.skip ? `${after?.holds ? reuse.decision.line : (after?.line ?? '')}\n\n` : '';
    return { misses, summary: exportLine + renderCacheMisses(misses) };
  } catch (error) {
    core.info(`Cache: could not tell why the cache missed (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}
