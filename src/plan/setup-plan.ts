// The set-up's decisions, from the inputs and the engine's answer only: which builder, which
// emulators, which cache, and every reason the build cannot run that needs the engine to know.
// Pure: setup/apply-setup.ts carries them out, in the order the effects must happen.
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import type { BuildxOption } from '../inputs/buildx-option.js';
import { multiPlatform } from '../inputs/platforms.js';
import type { AppendNode, Env, Inputs } from '../inputs/types.js';
import { type BuilderCause, builderCause, type BuilderDecision, decideBuilder, defaultLoadOpt, type EngineFacts } from './builder.js';
import { pushTargets } from './build-plan.js';
import { type BuilderCaps, type CachePlan, type CacheRequest, cacheShown, embeddedBuildkit, planCache, type ServiceHealth } from './cache.js';
import type { BuildContext } from './context.js';
import { engineProblem } from './engine-needed.js';
import { planQemu, type QemuPlan } from './qemu.js';

/** Why the build cannot run on this engine, found before anything is set up. */
export type SetupProblem =
  /** An input the engine cannot honour (reported like any bad input). */
  | { kind: 'input'; input: string; value: string; message: string }
  /** The builder runs on an engine that could not be asked. */
  | { kind: 'engine'; message: string }
  /** Platforms need emulation that `qemu: false` forbids installing. */
  | { kind: 'qemu'; platforms: string[]; handlers: string[]; message: string };

/** Everything set-up does, decided. */
export interface SetupPlan {
  facts: EngineFacts;
  /** What the build pushes (the login and the cache depend on it). */
  pushed: string[];
  decision: BuilderDecision;
  /** driver-opts Kiln adds to a builder it creates (default-load), before any network=host. */
  defaultLoad: BuildxOption[];
  qemu: QemuPlan;
  qemuImage: string;
  cacheRequest: CacheRequest;
  /** The cache planned for a builder that can export it: whether the cache service is probed. */
  wanted: CachePlan;
  /** Whether the wanted cache needs the Actions cache service (so it is probed). */
  probeService: boolean;
  /** `--builder` for buildx: the created builder, the named one, or '' for the current one. */
  builderArg: string;
}

export interface SetupFacts {
  facts: EngineFacts;
  /** Handlers /proc/sys/fs/binfmt_misc has enabled. */
  registered: Set<string>;
  append: AppendNode[];
  context: BuildContext;
  /** The name a created builder gets (unique to this step instance). */
  builderName: string;
  /** Where the wanted cache's directory would be (only its shape matters before the builder exists). */
  cacheRoot: string;
}

/** Plans the set-up, or says why the build cannot run here. */
export function planSetup(
  inputs: Inputs,
  given: SetupFacts,
  ctx: GithubContext,
  env: Env,
): { ok: true; plan: SetupPlan } | { ok: false; problem: SetupProblem } {
  const { facts, context, append } = given;
  if (inputs.load && multiPlatform(inputs.platforms) && !facts.containerdStore) {
    return {
      ok: false,
      problem: {
        kind: 'input',
        input: 'load',
        value: 'true',
        message:
          `this engine's classic image store cannot load a multi-platform image (platforms ${inputs.platforms.join(',')}); ` +
          'build one platform, push instead, or enable the containerd image store ({"features":{"containerd-snapshotter":true}} in daemon.json)',
      },
    };
  }
  const pushed = pushTargets(inputs);
  const cacheRequest: CacheRequest = {
    tags: inputs.tags,
    platforms: inputs.platforms,
    pushes: pushed.length > 0,
    dockerfile: context.kind === 'path' ? path.relative(ctx.workspace, context.dockerfile) : inputs.file,
    target: inputs.target,
    cacheFrom: inputs.cacheFrom,
    cacheTo: inputs.cacheTo,
  };
  // The cache Kiln plans is something this build asks of its builder, like an explicit cache-to:
  // planned first for a builder that can export it, then again for the builder it gets.
  const wanted = planCache(inputs.cache, cacheRequest, ctx, env, {}, given.cacheRoot);
  const decision = decideBuilder({ ...inputs, cacheTo: wanted.cacheTo }, facts, given.builderName);
  const noEngine = engineProblem(decision, facts);
  if (noEngine) return { ok: false, problem: { kind: 'engine', message: noEngine } };
  const remote = ['remote', 'kubernetes'].includes(decision.driver);
  const requested = inputs.setup.qemuPlatforms.length ? inputs.setup.qemuPlatforms : inputs.platforms;
  // Remote nodes emulate on their own hosts; local ones run the engine's platform, appended ones theirs.
  const native = remote ? requested : [facts.platform, ...append.flatMap((n) => n.platforms)];
  const qemu = planQemu(inputs.setup.qemu, requested, native, given.registered);
  if (qemu.error) return { ok: false, problem: { kind: 'qemu', ...qemu.error } };
  return {
    ok: true,
    plan: {
      facts,
      pushed,
      decision,
      defaultLoad: defaultLoadOpt(decision, inputs),
      qemu,
      qemuImage: inputs.setup.qemuImage,
      cacheRequest,
      wanted,
      probeService: wanted.kind === 'managed' && (wanted.backend === 'gha' || wanted.backend === 'local'),
      builderArg: decision.action === 'create' ? decision.name : inputs.builder,
    },
  };
}

/** What the builder's BuildKit speaks: its own version, or for the docker driver the engine's. */
export function builderCaps(reported: string | undefined, driver: string, facts: EngineFacts): BuilderCaps {
  const known = reported && !reported.includes('0.0.0') ? reported.replace(/^v/, '') : undefined;
  return {
    buildkit: known ?? (driver === 'docker' ? embeddedBuildkit(facts.engineVersion) : undefined),
    cacheExport: driver !== 'docker' || facts.containerdStore,
  };
}

/** The cache for the builder actually obtained, under the step's own temp directory. */
export function finalCache(
  inputs: Inputs,
  plan: SetupPlan,
  ctx: GithubContext,
  env: Env,
  caps: BuilderCaps,
  tempDir: string,
  health: ServiceHealth,
): CachePlan {
  return planCache(inputs.cache, plan.cacheRequest, ctx, env, caps, tempDir, health);
}

/** Cache mounts persist only where the cache does: through the Actions cache (gha or local). */
export function keepsCacheMounts(cache: CachePlan, inputs: Pick<Inputs, 'cache'>): boolean {
  return cache.kind === 'managed' && (cache.backend === 'gha' || cache.backend === 'local') && inputs.cache.mounts !== 'none';
}

/**
 * The builder obtained, as the debug line shows it: the decision's cause and the facts it rests
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

/** The set-up's decisions as one line of JSON for the debug log: what tests and tools read. */
export function setupDecisions(plan: SetupPlan, obtained: BuilderObtained, cache: CachePlan, context: BuildContext): string {
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
