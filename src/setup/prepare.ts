import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import { splitKeyValue } from '../inputs/lists.js';
import { attributesOption, cacheOption } from '../inputs/parse-buildx-options.js';
import { multiPlatform } from '../inputs/platforms.js';
import type { AppendNode, Inputs } from '../inputs/types.js';
import { STATE } from '../names.js';
import {
  type BuilderDecision,
  builderName,
  decideBuilder,
  defaultLoadOpt,
  type EngineFacts,
  loopbackRegistries,
  mayNeedHostNetwork,
  registryRefs,
} from '../plan/builder.js';
import { actionsCacheService, type BuilderCaps, type CachePlan, type CacheRequest, cacheShown, embeddedBuildkit, planCache, type ServiceHealth } from '../plan/cache.js';
import type { CacheMount } from '../plan/cache-mounts.js';
import { pushTargets } from '../plan/build-plan.js';
import type { BuildContext } from '../plan/context.js';
import { engineProblem } from '../plan/engine-needed.js';
import { planQemu, type QemuPlan } from '../plan/qemu.js';
import * as core from '../runner.js';
import { type BuilderInfo, prepareBuilder } from './builder.js';
import type { MountCache } from './cache-mounts.js';
import { engineFacts } from './engine-facts.js';
import { installEmulators, registeredHandlers } from './qemu.js';
import { logIn } from './login.js';
import type { LoginPlan } from '../plan/login.js';
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
  /** The registry logins made (and skipped), to explain a registry's refusal. */
  login: LoginPlan;
}

/** What the builder's BuildKit speaks: its own version, or for the docker driver the engine's. */
function builderCaps(reported: string | undefined, driver: string, facts: EngineFacts): BuilderCaps {
  const known = reported && !reported.includes('0.0.0') ? reported.replace(/^v/, '') : undefined;
  return {
    buildkit: known ?? (driver === 'docker' ? embeddedBuildkit(facts.engineVersion) : undefined),
    cacheExport: driver !== 'docker' || facts.containerdStore,
  };
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

function buildArgsOf(inputs: Inputs): Record<string, string> {
  return Object.fromEntries(inputs.buildArgs.map(splitKeyValue).filter((kv): kv is [string, string] => kv !== undefined));
}

/**
 * `network=host` for a created docker-container builder that would otherwise miss a registry on
 * the runner's loopback. The Dockerfile (for its base images) is read only then.
 */
async function hostNetworkOpt(decision: BuilderDecision, inputs: Inputs, pushed: string[], dockerfile?: () => string): Promise<string[]> {
  if (!mayNeedHostNetwork(decision, inputs.setup)) return [];
  const bases = dockerfile ? (await import('../plan/dockerfile-stages.js')).baseImages(dockerfile(), buildArgsOf(inputs)) : [];
  const loopback = loopbackRegistries(registryRefs(inputs, pushed, bases));
  if (loopback.length === 0) return [];
  core.info(`Builder: network=host for ${decision.name}, so it reaches ${loopback.join(', ')} on the runner's loopback (set driver-opts: network=… to choose)`);
  return ['network=host'];
}

/**
 * Plans the builder and emulators from the engine's answer (asked once), fails before anything
 * runs when the build cannot work, then sets up only what is missing: the builder, emulators,
 * the cache. Everything it creates is recorded first, so the post step removes it whatever
 * happens next.
 */
export async function prepare(
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  ctx: GithubContext,
  env: Env,
  asked: Promise<EngineFacts> = engineFacts(env),
): Promise<Prepared> {
  const facts = await asked;
  if (inputs.load && multiPlatform(inputs.platforms) && !facts.containerdStore) {
    throw new InputError(
      'load',
      'true',
      `this engine's classic image store cannot load a multi-platform image (platforms ${inputs.platforms.join(',')}); ` +
        'build one platform, push instead, or enable the containerd image store ({"features":{"containerd-snapshotter":true}} in daemon.json)',
    );
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
  const wanted = planCache(inputs.cache, cacheRequest, ctx, env, {}, tmpdir());
  // Checked while the builder is set up, only when the cache would need the service.
  const health = probeWanted(wanted, env);
  const decision = decideBuilder({ ...inputs, cacheTo: wanted.cacheTo.map(cacheOption) }, facts, builderName(ctx.runId, ctx.runAttempt, env.GITHUB_JOB ?? '', ctx.action, randomBytes(4).toString('hex')));
  const noEngine = engineProblem(decision, facts);
  if (noEngine) throw new Error(noEngine);
  const remote = ['remote', 'kubernetes'].includes(decision.driver);
  const requested = inputs.setup.qemuPlatforms.length ? inputs.setup.qemuPlatforms : inputs.platforms;
  // Remote nodes emulate on their own hosts; local ones run the engine's platform, appended ones theirs.
  const native = remote ? requested : [facts.platform, ...append.flatMap((n) => n.platforms)];
  const qemu = planQemu(inputs.setup.qemu, requested, native, registeredHandlers());
  if (qemu.error) throw new Error(qemu.error);

  const tempDir = makeTempDir(ctx.runnerTemp);
  core.saveState(STATE.tempDir, tempDir);
  // Before the builder: its image, QEMU's and the base images may be on a private registry.
  const login = logIn(inputs, pushed, ctx, env, tempDir);

  // Emulators first: a docker-container builder's BuildKit reports the platforms it can run
  // from the handlers present when it starts, so one created before them may not offer them.
  if (qemu.install) {
    core.info(`QEMU: installing ${qemu.install.join(', ')} with ${inputs.setup.qemuImage} (${qemu.reason})`);
    await installEmulators(inputs.setup.qemuImage, qemu.install, env);
    const after = registeredHandlers();
    const still = qemu.handlers.filter((h) => !after.has(h.handler));
    if (still.length) {
      throw new Error(`${inputs.setup.qemuImage} ran but ${still.map((h) => h.handler).join(', ')} is still not registered; register it on the runner (apt-get install qemu-user-static)`);
    }
  } else {
    core.info(`QEMU: ${qemu.reason}`);
  }

  const dockerfile = context.kind === 'path' ? once(() => readFileSync(context.dockerfile, 'utf8')) : undefined;
  const defaultLoad = defaultLoadOpt(decision, inputs);
  if (defaultLoad.length > 0) {
    core.info(`Builder: default-load=true for ${decision.name}: like the engine's own builder, it puts the image into the engine when the build names no output`);
  }
  const added = [...defaultLoad, ...(await hostNetworkOpt(decision, inputs, pushed, dockerfile))];
  const setup = added.length > 0 ? { ...inputs.setup, driverOpts: [...inputs.setup.driverOpts, ...added.map(attributesOption)] } : inputs.setup;
  const builder = await prepareBuilder(decision, setup, append, inputs.platforms, tempDir, env, (name) => {
    core.saveState(STATE.builder, name);
    if (inputs.setup.cleanup) core.saveState(STATE.builderRemoveFlags, inputs.setup.keepState ? '--keep-state' : 'rm');
  });
  core.info(
    builder.created
      ? `Builder: created ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkitVersion ?? 'unknown'}; ${builder.nodes.map((n) => `${n.name}: ${n.platforms.join(', ')}`).join('; ')}) because ${builder.reason}`
      : `Builder: ${builder.name} (${builder.driver} driver) because ${builder.reason}`,
  );

  const caps = builderCaps(builder.buildkitVersion, builder.driver, facts);
  // The local cache directory is this step's own; @actions/cache sees it by a path relative to tempDir.
  const cache = planCache(inputs.cache, cacheRequest, ctx, env, caps, tempDir, await health);
  const shown = cacheShown(cache);
  const writes = cache.write ? `; writes ${cache.write} (mode=${cache.mode})` : shown.written.length ? `; writes ${shown.written.join(', ')}` : cache.backend !== 'none' ? '; writes nothing' : '';
  core.info(`Cache: ${cache.backend} (${[cache.reason, cache.why].filter(Boolean).join('; ')})${shown.reads.length ? `; reads ${shown.reads.join(', ')}` : ''}${writes}`);
  cache.warnings.forEach((w) => {
    core.warning(w);
  });
  if (cache.local) core.saveState(STATE.cacheDir, cache.local.dir);
  // Restores run concurrently, under one deadline (setup/actions-cache.ts).
  const restoringLocal = cache.local ? (await import('./persist.js')).restoreLocalCache({ ...cache.local, tempDir }) : Promise.resolve(undefined);

  const builderArg = decision.action === 'create' ? decision.name : inputs.builder;
  // Cache mounts persist only where the cache does: through the Actions cache (gha or local).
  const mountCache: MountCache = {
    root: path.join(tempDir, 'kiln-mounts'),
    reads: cache.reads,
    write: cache.write,
    builder: builderArg ? ['--builder', builderArg] : [],
    tempDir,
    env,
  };
  const mounts =
    (cache.backend === 'gha' || cache.backend === 'local') && inputs.cache.mounts !== 'none' && dockerfile
      ? (await import('./persist.js')).findCacheMounts(
          dockerfile(),
          inputs.target,
          buildArgsOf(inputs),
          Array.isArray(inputs.cache.mounts) ? inputs.cache.mounts : undefined,
        )
      : [];
  if (mounts.length > 0) core.saveState(STATE.mountsDir, mountCache.root);
  const mountsRestored = mounts.length > 0 ? await (await import('./persist.js')).restoreMounts(mounts, mountCache) : new Map<string, string>();
  const localRestored = await restoringLocal;

  return { tempDir, facts, builder, caps, defaultLoad: defaultLoad.length > 0, builderArg, qemu, cache, localRestored, mounts, mountCache, mountsRestored, login };
}

/** After a successful build: saves what the cache backends and mounts carry to the next run. */
export async function persistCache(prepared: Prepared, ranSteps: boolean): Promise<void> {
  const { cache, mounts, mountCache, mountsRestored, tempDir, localRestored } = prepared;
  // Saves run concurrently, under one deadline (setup/actions-cache.ts).
  const savingMounts = mounts.length > 0 ? (await import('./persist.js')).saveMounts(mounts, mountsRestored, mountCache) : undefined;
  const saveLocal = async () => {
    if (!cache.local?.saveKeyPrefix) return;
    // Every step came from the cache: the directory holds nothing new worth an upload.
    if (!ranSteps && localRestored) {
      core.info(`Cache: every step came from ${localRestored}; not saved again`);
      return;
    }
    await (await import('./persist.js')).saveLocalCache({ ...cache.local, tempDir }, localRestored);
  };
  await Promise.all([savingMounts, saveLocal()]);
}

/** The Actions cache service's health, asked only when the planned cache would use it. */
async function probeWanted(wanted: CachePlan, env: Env): Promise<ServiceHealth> {
  const service = actionsCacheService(env);
  if (!service || (wanted.backend !== 'gha' && wanted.backend !== 'local')) return {};
  const { probeCacheService } = await import('./cache-service-probe.js');
  return probeCacheService(service, env.ACTIONS_RUNTIME_TOKEN ?? '');
}
