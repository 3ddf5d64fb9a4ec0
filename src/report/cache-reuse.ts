// Before the build: would its cache export write what the cache already holds? This build's
// fingerprint and the one stored beside the scope it writes decide (plan/cache-reexport.ts); the
// fingerprint is kept for the explanation after the build (report/cache-miss.ts), which then
// stores it only when the cache changed. Nothing here may fail the build: any problem exports.
import type { Env } from '../inputs/types.js';
import { decideReexport, exportKey, type ReexportDecision } from '../plan/cache-reexport.js';
import type { CachePlan } from '../plan/cache.js';
import type { BuildContext } from '../plan/context.js';
import type { Fingerprint } from '../plan/fingerprint.js';
import * as core from '../runner.js';
import { fingerprintStore, type StoredFingerprint } from './fingerprint-store.js';

export interface CacheReuse {
  decision: ReexportDecision;
  /** How this build exports (exportKey), stored with its fingerprint when it did. */
  key: string;
  /** This build's fingerprint, its base images' digests still empty. */
  current: Fingerprint;
  /** What the scope this build writes holds. */
  stored?: StoredFingerprint;
}

export interface CacheReuseRequest {
  cache: CachePlan;
  context: BuildContext;
  buildArgs: Readonly<Record<string, string>>;
  target: string;
  platforms: readonly string[];
  /** `--builder` value ('' for the current one). */
  builder: string;
  tempDir: string;
  env: Env;
}

/** Undefined when Kiln does not manage the cache this build writes, or the context is not on disk. */
export async function cacheReuse(request: CacheReuseRequest): Promise<CacheReuse | undefined> {
  const { cache, context } = request;
  if (cache.kind !== 'managed' || cache.backend === 'inline' || cache.write === undefined || context.kind !== 'path') return undefined;
  const store = fingerprintStore(cache, request.env, request.builder, request.tempDir);
  if (!store) return undefined;
  try {
    const reading = store.readWritten().catch(() => undefined);
    // The request leaves only once its HTTP module has loaded (a dynamic import, a few promise
    // turns): let it go before the fingerprint's hashing holds the thread, so the registry's
    // answer travels while this build's fingerprint is computed instead of after it.
    // The Dockerfile parser's chunk is compiled after that, for the same reason.
    await new Promise((resolve) => setImmediate(resolve));
    const { buildFingerprint } = await import('./build-fingerprint.js');
    const current = buildFingerprint(context, request.buildArgs, request.target, {});
    const stored = await reading;
    const decision = decideReexport({ cache, platforms: request.platforms, current, stored });
    core.debug(`Kiln cache-reexport: ${JSON.stringify(decision)}`);
    return { decision, key: exportKey(cache.cacheTo, request.platforms), current, stored };
  } catch (error) {
    core.debug(`Kiln cache-reexport: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
