// Carries out a SetupPlan (plan/setup-plan.ts), in the order the effects must happen: the temp
// directory and its state first (so the post step removes whatever follows), the login (the
// builder's, QEMU's and the base images may be on a private registry), emulators before the
// builder, the builder, then the cache for the builder actually obtained, and its restores.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import type { Dockerfile } from '../inputs/dockerfile.js';
import { type BuildxOption, optionFrom } from '../inputs/buildx-option.js';
import type { AppendNode, Inputs } from '../inputs/types.js';
import { type BuilderDecision, type EngineFacts, loopbackRegistries, mayNeedHostNetwork, registryRefs } from '../plan/builder.js';
import { actionsCacheService, type BuilderCaps, type CachePlan, cacheShown, type ServiceHealth } from '../plan/cache.js';
import { cacheServiceBudget, type ServiceBudget } from '../plan/cache-service.js';
import type { CacheMount } from '../plan/cache-mounts.js';
import type { BuildContext } from '../plan/context.js';
import { baseImages } from '../plan/dockerfile-stages.js';
import type { LoginPlan } from '../plan/login.js';
import type { QemuPlan } from '../plan/qemu.js';
import { builderCaps, finalCache, keepsCacheMounts, type SetupPlan, setupDecisions } from '../plan/setup-plan.js';
import * as core from '../runner.js';
import type { StateWriter } from '../step-state.js';
import { type BuilderInfo, prepareBuilder } from './builder.js';
import type { MountCache } from './cache-mounts.js';
import { forgetLogin, type Login, logIn } from './login.js';
import { installEmulators, registeredHandlers } from './qemu.js';
import { makeTempDir } from './temp-dir.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything the set-up made ready for the build, and what the report says about it. */
export interface Prepared {
  tempDir: string;
  facts: EngineFacts;
  builder: BuilderInfo;
  caps: BuilderCaps;
  /** The created builder loads into the engine when the build names no output (default-load). */
  defaultLoad: boolean;
  /** `--builder` for buildx: the created builder, the named one, or '' for the current one. */
  builderArg: string;
  qemu: QemuPlan;
  cache: CachePlan;
  /** The local backend's restored key, to skip a save of the same content. */
  localRestored?: string;
  mounts: CacheMount[];
  mountCache: MountCache;
  mountsRestored: Map<string, string>;
  /** The Actions cache service's deadlines and first failure, for every restore and save of the step. */
  cacheBudget: ServiceBudget;
  /** The registry logins made (and skipped), to explain a registry's refusal. */
  login: LoginPlan;
  /** The private Docker config holding the step's credentials, removed (forgetLogin) as soon as the step's docker work ends. */
  loginDir?: string;
  /** The environment every later docker process gets: the step's, with the login's DOCKER_CONFIG and BUILDX_CONFIG. */
  env: Env;
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

/**
 * `network=host` for a created docker-container builder that would otherwise miss a registry on
 * the runner's loopback. The Dockerfile (for its base images) is read only then.
 */
async function hostNetworkOpt(
  decision: BuilderDecision,
  inputs: Inputs,
  pushed: string[],
  dockerfile?: () => Promise<Dockerfile>,
): Promise<{ opts: BuildxOption[]; loopback: string[] }> {
  if (!mayNeedHostNetwork(decision, inputs.setup)) return { opts: [], loopback: [] };
  const bases = dockerfile ? baseImages(await dockerfile()) : [];
  const loopback = loopbackRegistries(registryRefs(inputs, pushed, bases));
  if (loopback.length === 0) return { opts: [], loopback };
  core.info(`Builder: network=host for ${decision.name}, so it reaches ${loopback.join(', ')} on the runner's loopback (set driver-opts: network=… to choose)`);
  return { opts: [optionFrom({ network: 'host' })], loopback };
}

/** The Actions cache service's health, asked only when the planned cache would use it. */
async function probeWanted(plan: SetupPlan, env: Env): Promise<ServiceHealth> {
  const service = actionsCacheService(env);
  if (!service || !plan.probeService) return {};
  const { probeCacheService } = await import('./cache-service-probe.js');
  return probeCacheService(service, env.ACTIONS_RUNTIME_TOKEN ?? '');
}

/** Sets up what the plan decided; everything it creates is recorded in state before it exists. */
export async function applySetup(
  plan: SetupPlan,
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  ctx: GithubContext,
  stepEnv: Env,
  state: StateWriter,
): Promise<Prepared> {
  const { pushed } = plan;
  // Checked while the builder is set up, only when the cache would need the service.
  const health = probeWanted(plan, stepEnv);

  const tempDir = makeTempDir(ctx.runnerTemp);
  state.tempDir(tempDir);
  // Before the builder: its image, QEMU's and the base images may be on a private registry.
  const login = logIn(inputs, pushed, ctx, stepEnv, tempDir);
  try {
    return await afterLogin(plan, inputs, append, context, ctx, { env: { ...stepEnv, ...login.env }, state, tempDir, health, login });
  } catch (error) {
    // The credentials go with the failure; the post step removes the temp dir again.
    forgetLogin(login);
    throw error;
  }
}

async function afterLogin(
  plan: SetupPlan,
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  ctx: GithubContext,
  made: { env: Env; state: StateWriter; tempDir: string; health: Promise<ServiceHealth>; login: Login },
): Promise<Prepared> {
  const { decision, qemu, facts, pushed } = plan;
  const { env, state, tempDir, health, login } = made;

  // Emulators first: a docker-container builder's BuildKit reports the platforms it can run
  // from the handlers present when it starts, so one created before them may not offer them.
  if (qemu.install) {
    core.info(`QEMU: installing ${qemu.install.join(', ')} with ${plan.qemuImage} (${qemu.reason})`);
    await installEmulators(plan.qemuImage, qemu.install, env);
    const after = registeredHandlers();
    const still = qemu.handlers.filter((h) => !after.has(h.handler));
    if (still.length) {
      throw new Error(
        `${plan.qemuImage} ran but ${still.map((h) => h.handler).join(', ')} is still not registered; register it on the runner (apt-get install qemu-user-static)`,
      );
    }
  } else {
    core.info(`QEMU: ${qemu.reason}`);
  }

  // Read and parsed once, by the first set-up step that needs it (the parser loads only then).
  const dockerfile =
    context.kind === 'path'
      ? once(async () => (await import('../inputs/dockerfile.js')).parseDockerfile(readFileSync(context.dockerfile, 'utf8'), inputs.buildArgValues))
      : undefined;
  if (plan.defaultLoad.length > 0) {
    core.info(
      `Builder: default-load=true for ${decision.name}: like the engine's own builder, it puts the image into the engine when the build names no output`,
    );
  }
  const hostNetwork = await hostNetworkOpt(decision, inputs, pushed, dockerfile);
  const added = [...plan.defaultLoad, ...hostNetwork.opts];
  const setup = added.length > 0 ? { ...inputs.setup, driverOpts: [...inputs.setup.driverOpts, ...added] } : inputs.setup;
  const builder = await prepareBuilder(decision, setup, append, inputs.platforms, tempDir, env, (name) => {
    state.builder(name, !inputs.setup.cleanup ? 'keep' : inputs.setup.keepState ? 'remove-keep-state' : 'remove');
  });
  core.info(
    builder.created
      ? `Builder: created ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkitVersion ?? 'unknown'}; ${builder.nodes.map((n) => `${n.name}: ${n.platforms.join(', ')}`).join('; ')}) because ${builder.reason}`
      : `Builder: ${builder.name} (${builder.driver} driver) because ${builder.reason}`,
  );

  const caps = builderCaps(builder.buildkitVersion, builder.driver, facts);
  // The local cache directory is this step's own; @actions/cache sees it by a path relative to tempDir.
  const planned = finalCache(inputs, plan, ctx, env, caps, tempDir, await health);
  // h8-cache: the Actions cache budget may make the build write less (or nothing).
  const cache = planned.write === undefined ? planned : await (await import('./cache-usage.js')).withinBudget(planned, ctx, inputs.githubToken, env);
  const shown = cacheShown(cache);
  const writes = cache.write
    ? `; writes ${cache.write} (mode=${cache.mode})`
    : shown.written.length
      ? `; writes ${shown.written.join(', ')}`
      : cache.kind !== 'none'
        ? '; writes nothing'
        : '';
  core.info(
    `Cache: ${cache.backend} (${[cache.reason, cache.why].filter(Boolean).join('; ')})${shown.reads.length ? `; reads ${shown.reads.join(', ')}` : ''}${writes}`,
  );
  cache.warnings.forEach((w) => {
    core.warning(w);
  });
  core.debug(
    `Kiln set-up: ${setupDecisions(plan, { ...builder, buildkit: builder.buildkitVersion, addedDriverOpts: added.map((o) => o.raw), loopback: hostNetwork.loopback }, cache, context)}`,
  );
  if (cache.local) state.cacheDir(cache.local.dir);
  // Restores run concurrently, under one deadline (setup/actions-cache.ts).
  const cacheBudget = cacheServiceBudget();
  const restoringLocal = cache.local
    ? (await import('./persist.js')).restoreLocalCache({ ...cache.local, tempDir, budget: cacheBudget })
    : Promise.resolve(undefined);

  const { builderArg } = plan;
  const mountCache: MountCache = {
    root: path.join(tempDir, 'kiln-mounts'),
    reads: cache.reads,
    write: cache.write,
    builder: builderArg ? ['--builder', builderArg] : [],
    tempDir,
    budget: cacheBudget,
    env,
  };
  const mounts =
    keepsCacheMounts(cache, inputs) && dockerfile
      ? (await import('./persist.js')).cacheMountsOf(await dockerfile(), inputs.target, Array.isArray(inputs.cache.mounts) ? inputs.cache.mounts : undefined)
      : [];
  if (mounts.length > 0) state.mountsDir(mountCache.root);
  const mountsRestored = mounts.length > 0 ? await (await import('./persist.js')).restoreMounts(mounts, mountCache) : new Map<string, string>();
  const localRestored = await restoringLocal;

  return {
    tempDir,
    facts,
    builder,
    caps,
    defaultLoad: plan.defaultLoad.length > 0,
    builderArg,
    qemu,
    cache,
    localRestored,
    mounts,
    mountCache,
    mountsRestored,
    cacheBudget,
    login: login.plan,
    loginDir: login.dir,
    env,
  };
}
