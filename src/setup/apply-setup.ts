// Carries out a SetupPlan (plan/setup-plan.ts), in the order the effects must happen: the temp
// directory and its state first (so the post step removes whatever follows), the cache plan for
// it (pure, from the facts gathered before), the login (the builder's, QEMU's and the base images
// may be on a private registry), emulators before the builder, the builder, then the cache's
// restores. Each step is a function of its own; the log lines about the cache are the report's
// (report/setup-lines.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import type { Dockerfile } from '../inputs/dockerfile.js';
import { type BuildxOption, optionFrom } from '../inputs/buildx-option.js';
import type { AppendNode, Env, Inputs } from '../inputs/types.js';
import { type BuilderDecision, type EngineFacts, loopbackRegistries, mayNeedHostNetwork, registryRefs } from '../plan/builder.js';
import type { BuilderCaps, CachePlan } from '../plan/cache.js';
import type { CacheMount } from '../plan/cache-mounts.js';
import { cacheServiceBudget, type ServiceBudget } from '../plan/cache-service.js';
import type { BuildContext } from '../plan/context.js';
import { baseImages } from '../plan/dockerfile-stages.js';
import type { LoginPlan } from '../plan/login.js';
import type { QemuPlan } from '../plan/qemu.js';
import { keepsCacheMounts, type SetupPlan } from '../plan/setup-plan.js';
import { type CacheFacts, planStepCache, staleBuildkit } from '../plan/step-cache.js';
import * as core from '../runner.js';
import type { StateWriter } from '../step-state.js';
import { type BuilderInfo, prepareBuilder } from './builder.js';
import type { MountCache } from './cache-mounts.js';
import { forgetLogin, type Login, logIn } from './login.js';
import { installEmulators, registeredHandlers } from './qemu.js';
import { makeTempDir } from './temp-dir.js';

/** Everything the set-up made ready for the build, and what the report says about it. */
export interface Prepared {
  tempDir: string;
  facts: EngineFacts;
  /** The builder decided (its action, for the debug line). */
  decision: Pick<BuilderDecision, 'action'>;
  builder: BuilderInfo;
  /** driver-opts Kiln added to a builder it created, and the loopback registries network=host is for. */
  added: { driverOpts: string[]; loopback: string[] };
  caps: BuilderCaps;
  /** The created builder loads into the engine when the build names no output (default-load). */
  defaultLoad: boolean;
  /** `--builder` for buildx: the created builder, the named one, or '' for the current one. */
  builderArg: string;
  qemu: QemuPlan;
  /** The step's one cache plan (plan/step-cache.ts): the login, the build's arguments and the report read it. */
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

/** The step's temp directory, recorded in state before anything goes into it. */
export function startTempDir(ctx: Pick<GithubContext, 'runnerTemp'>, state: Pick<StateWriter, 'tempDir'>): string {
  const tempDir = makeTempDir(ctx.runnerTemp);
  state.tempDir(tempDir);
  return tempDir;
}

/**
 * Emulators first: a docker-container builder's BuildKit reports the platforms it can run from
 * the handlers present when it starts, so one created before them may not offer them.
 */
async function setUpQemu(plan: SetupPlan, env: Env): Promise<void> {
  const { qemu } = plan;
  if (!qemu.install) {
    core.info(`QEMU: ${qemu.reason}`);
    return;
  }
  core.info(`QEMU: installing ${qemu.install.join(', ')} with ${plan.qemuImage} (${qemu.reason})`);
  await installEmulators(plan.qemuImage, qemu.install, env);
  const after = registeredHandlers();
  const still = qemu.handlers.filter((h) => !after.has(h.handler));
  if (still.length) {
    throw new Error(
      `${plan.qemuImage} ran but ${still.map((h) => h.handler).join(', ')} is still not registered; register it on the runner (apt-get install qemu-user-static)`,
    );
  }
}

/** The Dockerfile, read and parsed once by the first set-up step that needs it (the parser loads only then). */
function dockerfileOnce(context: BuildContext, inputs: Inputs): (() => Promise<Dockerfile>) | undefined {
  if (context.kind !== 'path') return undefined;
  return once(async () => (await import('../inputs/dockerfile.js')).parseDockerfile(readFileSync(context.dockerfile, 'utf8'), inputs.buildArgValues));
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

/** The decided builder, made ready with the driver-opts Kiln adds (default-load, network=host). */
async function setUpBuilder(
  plan: SetupPlan,
  inputs: Inputs,
  append: AppendNode[],
  made: { tempDir: string; env: Env; state: StateWriter; dockerfile?: () => Promise<Dockerfile> },
): Promise<{ builder: BuilderInfo; added: Prepared['added'] }> {
  const { decision } = plan;
  if (plan.defaultLoad.length > 0) {
    core.info(
      `Builder: default-load=true for ${decision.name}: like the engine's own builder, it puts the image into the engine when the build names no output`,
    );
  }
  const hostNetwork = await hostNetworkOpt(decision, inputs, plan.pushed, made.dockerfile);
  const added = [...plan.defaultLoad, ...hostNetwork.opts];
  const setup = added.length > 0 ? { ...inputs.setup, driverOpts: [...inputs.setup.driverOpts, ...added] } : inputs.setup;
  const builder = await prepareBuilder(decision, setup, append, inputs.platforms, made.tempDir, made.env, (name) => {
    made.state.builder(name, !inputs.setup.cleanup ? 'keep' : inputs.setup.keepState ? 'remove-keep-state' : 'remove');
  });
  core.info(
    builder.created
      ? `Builder: created ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkitVersion ?? 'unknown'}; ${builder.nodes.map((n) => `${n.name}: ${n.platforms.join(', ')}`).join('; ')}) because ${builder.reason}`
      : `Builder: ${builder.name} (${builder.driver} driver) because ${builder.reason}`,
  );
  return { builder, added: { driverOpts: added.map((o) => o.raw), loopback: hostNetwork.loopback } };
}

/** The cache's restores (the local backend's directory, the cache mounts), run concurrently under one deadline (setup/actions-cache.ts). */
async function restoreCaches(
  plan: SetupPlan,
  cache: CachePlan,
  inputs: Inputs,
  made: { tempDir: string; env: Env; state: StateWriter; dockerfile?: () => Promise<Dockerfile> },
): Promise<Pick<Prepared, 'localRestored' | 'mounts' | 'mountCache' | 'mountsRestored' | 'cacheBudget'>> {
  const { tempDir, env, state, dockerfile } = made;
  if (cache.local) state.cacheDir(cache.local.dir);
  const cacheBudget = cacheServiceBudget();
  const restoringLocal = cache.local
    ? (await import('./persist.js')).restoreLocalCache({ ...cache.local, tempDir, budget: cacheBudget })
    : Promise.resolve(undefined);
  const mountCache: MountCache = {
    root: path.join(tempDir, 'kiln-mounts'),
    reads: cache.reads,
    write: cache.write,
    builder: plan.builderArg ? ['--builder', plan.builderArg] : [],
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
  return { localRestored: await restoringLocal, mounts, mountCache, mountsRestored, cacheBudget };
}

/** Sets up what the plan decided; everything it creates is recorded in state before it exists. */
export async function applySetup(
  plan: SetupPlan,
  gathered: Omit<CacheFacts, 'caps'>,
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  ctx: GithubContext,
  stepEnv: Env,
  state: StateWriter,
): Promise<Prepared> {
  const tempDir = startTempDir(ctx, state);
  // The one cache plan: the login, the build's arguments and the report all read it.
  const cache = planStepCache(inputs.cache, plan.cacheRequest, ctx, stepEnv, { caps: plan.caps, ...gathered }, tempDir);
  // Before the builder: its image, QEMU's and the base images may be on a private registry.
  const login = logIn(inputs, plan.pushed, cache, ctx, stepEnv, tempDir);
  try {
    return await afterLogin(plan, cache, inputs, append, context, { env: { ...stepEnv, ...login.env }, state, tempDir, login });
  } catch (error) {
    // The credentials go with the failure; the post step removes the temp dir again.
    forgetLogin(login);
    throw error;
  }
}

async function afterLogin(
  plan: SetupPlan,
  cache: CachePlan,
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  made: { env: Env; state: StateWriter; tempDir: string; login: Login },
): Promise<Prepared> {
  const { env, state, tempDir, login } = made;
  await setUpQemu(plan, env);
  const dockerfile = dockerfileOnce(context, inputs);
  const { builder, added } = await setUpBuilder(plan, inputs, append, { tempDir, env, state, dockerfile });
  // A created builder's BuildKit is known only now; the plan assumed a recent one.
  const stale = builder.created ? staleBuildkit(cache, builder.buildkitVersion) : undefined;
  if (stale) core.warning(stale);
  const restored = await restoreCaches(plan, cache, inputs, { tempDir, env, state, dockerfile });
  return {
    tempDir,
    facts: plan.facts,
    decision: plan.decision,
    builder,
    added,
    caps: plan.caps,
    defaultLoad: plan.defaultLoad.length > 0,
    builderArg: plan.builderArg,
    qemu: plan.qemu,
    cache,
    ...restored,
    login: login.plan,
    loginDir: login.dir,
    env,
  };
}
