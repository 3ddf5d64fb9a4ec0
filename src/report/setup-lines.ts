// What the set-up decided and obtained, as the log says it: the cache line, the cache's warnings,
// and the one debug line of JSON that tests and tools read.
import { type BuilderCause, builderCause, type BuilderDecision, type EngineFacts } from '../plan/builder.js';
import type { CachePlan } from '../plan/cache.js';
import type { BuildContext } from '../plan/context.js';
import type { QemuPlan } from '../plan/qemu.js';
import { budgetWarning } from '../plan/step-cache.js';
import type { RunnerIo } from '../runner.js';
import { cacheShown } from './cache-shown.js';

/**
 * on, the nodes buildx reports, and the driver-opts Kiln added to a builder it created
 * (default-load, network=host) with the registries on the runner's loopback network=host is for.
 */
export type BuilderObtained = {
  name: string;
  driver: string;
  created: boolean;
  buildkit?: string;
  reason: string;
  nodes: { name: string; platforms: string[] }[];
  addedDriverOpts: string[];
  loopback: string[];
} & BuilderCause;

/** The plan's part of the debug line: the decision's action, the engine's store, QEMU. */
export interface SetupDecided {
  decision: Pick<BuilderDecision, 'action'>;
  facts: Pick<EngineFacts, 'containerdStore'>;
  qemu: QemuPlan;
}

/** The set-up's decisions as one line of JSON for the debug log: what tests and tools read. */
export function setupDecisions(plan: SetupDecided, obtained: BuilderObtained, cache: CachePlan, context: BuildContext): string {
  const shown = cacheShown(cache);
  return JSON.stringify({
    builder: {
      name: obtained.name,
      driver: obtained.driver,
      created: obtained.created,
      buildkit: obtained.buildkit,
      nodes: obtained.nodes,
      action: plan.decision.action,
      engineStore: plan.facts.containerdStore ? 'containerd' : 'classic',
      ...builderCause(obtained),
      addedDriverOpts: obtained.addedDriverOpts,
      loopback: obtained.loopback,
      reason: obtained.reason,
    },
    qemu: {
      emulated: plan.qemu.emulated,
      install: plan.qemu.install ?? [],
      because: plan.qemu.because,
      registered: [...new Set(plan.qemu.handlers.filter((h) => h.present).map((h) => h.handler))],
      missing: [...new Set(plan.qemu.handlers.filter((h) => !h.present).map((h) => h.handler))],
      noEmulator: plan.qemu.noEmulator,
      reason: plan.qemu.reason,
    },
    // mode is Kiln's choice only for its own scopes: a user's entries carry their own.
    cache: {
      kind: cache.kind,
      backend: cache.backend,
      reason: cache.reason,
      because: cache.because,
      reads: shown.reads,
      written: shown.written,
      ...(cache.kind === 'managed' ? { mode: cache.mode } : {}),
    },
    context,
  });
}

/** The cache line of the log: the backend and why, what the build reads and what it writes. */
export function cacheLine(cache: CachePlan): string {
  const shown = cacheShown(cache);
  const writes = cache.write
    ? `; writes ${cache.write} (mode=${cache.mode})`
    : shown.written.length
      ? `; writes ${shown.written.join(', ')}`
      : cache.kind !== 'none'
        ? '; writes nothing'
        : '';
  return `Cache: ${cache.backend} (${[cache.reason, cache.why].filter(Boolean).join('; ')})${shown.reads.length ? `; reads ${shown.reads.join(', ')}` : ''}${writes}`;
}

/** The set-up as the log says it: its cache, the cache's warnings (the budget's titled), and the debug line. */
export function logSetup(
  io: Pick<RunnerIo, 'info' | 'warning' | 'debug'>,
  decided: SetupDecided,
  obtained: BuilderObtained,
  cache: CachePlan,
  context: BuildContext,
): void {
  io.info(cacheLine(cache));
  const budget = cache.limited === undefined ? undefined : budgetWarning(cache.limited);
  cache.warnings.forEach((w) => {
    io.warning(w, w === budget ? { title: 'Cache budget' } : {});
  });
  io.debug(`Kiln set-up: ${setupDecisions(decided, obtained, cache, context)}`);
}
