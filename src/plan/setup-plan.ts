// The set-up's decisions, from the inputs and the engine's answer only: which builder, which
// emulators, which cache, and every reason the build cannot run that needs the engine to know.
// Pure: setup/apply-setup.ts carries them out, in the order the effects must happen.
import type { GithubContext } from '../github/context.js';
import type { BuildxOption } from '../inputs/buildx-option.js';
import { multiPlatform } from '../inputs/platforms.js';
import type { AppendNode, Env, Inputs } from '../inputs/types.js';
import { type BuilderDecision, decideBuilder, defaultLoadOpt, type EngineFacts } from './builder.js';
import { pushTargets } from './build-plan.js';
import { type BuilderCaps, type CachePlan, type CacheRequest, embeddedBuildkit, type ServiceHealth } from './cache.js';
import type { BuildContext } from './context.js';
import { engineProblem } from './engine-needed.js';
import { planQemu, type QemuPlan } from './qemu.js';
import { cacheExportAsked, cacheRequest } from './step-cache.js';

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
  /**
   * What the decided builder's BuildKit speaks, from the decision and the engine: the cache is
   * planned for it (plan/step-cache.ts). A builder Kiln creates is assumed recent.
   */
  caps: BuilderCaps;
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
  /** The name of a builder Kiln would create (plan/builder.ts builderName), asked only if it does. */
  builderName: () => string;
  /** What the probe found wrong with the Actions cache service ({} when it was not asked). */
  health: ServiceHealth;
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
  const request = cacheRequest(inputs, context, ctx);
  // The cache Kiln plans is something this build asks of its builder, like an explicit cache-to.
  const asked = cacheExportAsked(inputs.cache, request, ctx, env, given.health);
  const decision = decideBuilder({ ...inputs, cacheTo: asked }, facts, given.builderName);
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
      cacheRequest: request,
      // A builder that is used reports no version (setup/builder.ts): its caps are the decision's.
      caps: builderCaps(undefined, decision.driver, facts),
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

/** Cache mounts persist only where the cache does: through the Actions cache (gha or local). */
export function keepsCacheMounts(cache: CachePlan, inputs: Pick<Inputs, 'cache'>): boolean {
  return cache.kind === 'managed' && (cache.backend === 'gha' || cache.backend === 'local') && inputs.cache.mounts !== 'none';
}
