import { nodeCrypto } from '../crypto-on-demand.js';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import type { AppendNode, Env, Inputs } from '../inputs/types.js';
import { builderName, type EngineFacts } from '../plan/builder.js';
import type { BuildContext } from '../plan/context.js';
import { planSetup, type SetupProblem } from '../plan/setup-plan.js';
import { cacheRequest } from '../plan/step-cache.js';
import * as core from '../runner.js';
import { applySetup, type Prepared, startTempDir } from './apply-setup.js';
import type { StateWriter } from '../step-state.js';
import { gatherCacheFacts } from './cache-facts.js';
import { logIn } from './login.js';
import { registeredHandlers } from './qemu.js';

export type { Prepared };

/** Why the build cannot run here, as the error the step fails with (an input's as an InputError). */
export function setupError(problem: SetupProblem): Error {
  return problem.kind === 'input' ? new InputError(problem.input, problem.value, problem.message) : new Error(problem.message);
}

/**
 * Gathers the facts first (the engine's answer, asked once; the Actions cache service's health
 * and the repository's cache usage, side by side), plans the builder, emulators and cache from
 * them, fails before anything is set up when the build cannot work (plan/setup-plan.ts), then
 * sets up only what is missing (setup/apply-setup.ts).
 */
export async function prepare(
  inputs: Inputs,
  append: AppendNode[],
  context: BuildContext,
  ctx: GithubContext,
  env: Env,
  asked: Promise<EngineFacts>,
  state: StateWriter,
): Promise<Prepared> {
  const [facts, gathered] = await Promise.all([asked, gatherCacheFacts(inputs, cacheRequest(inputs, context, ctx), ctx, env)]);
  const planned = planSetup(
    inputs,
    {
      facts,
      registered: registeredHandlers(),
      append,
      context,
      builderName: () => builderName(ctx.runId, ctx.runAttempt, env.GITHUB_JOB ?? '', ctx.action, nodeCrypto().randomBytes(4).toString('hex')),
      health: gathered.health,
    },
    ctx,
    env,
  );
  if (!planned.ok) throw setupError(planned.problem);
  return applySetup(planned.plan, gathered, inputs, append, context, ctx, env, state);
}

/** After a successful build: saves what the cache backends and mounts carry to the next run. */
export async function persistCache(prepared: Prepared, ranSteps: boolean): Promise<void> {
  const { cache, mounts, mountCache, mountsRestored, tempDir, localRestored, cacheBudget } = prepared;
  // Saves run concurrently, under one deadline (setup/actions-cache.ts).
  const savingMounts = mounts.length > 0 ? (await import('./persist.js')).saveMounts(mounts, mountsRestored, mountCache) : undefined;
  const saveLocal = async () => {
    if (!cache.local?.saveKeyPrefix) return;
    // Every step came from the cache: the directory holds nothing new worth an upload.
    if (!ranSteps && localRestored) {
      core.info(`Cache: every step came from ${localRestored}; not saved again`);
      return;
    }
    await (await import('./persist.js')).saveLocalCache({ ...cache.local, tempDir, budget: cacheBudget }, localRestored);
  };
  await Promise.all([savingMounts, saveLocal()]);
}

/** What `fan-out: merge` sets up: no builder, no QEMU, no cache; the temp dir and the login. */
export interface MergePrepared {
  tempDir: string;
  /** The step's environment with the login's DOCKER_CONFIG and BUILDX_CONFIG. */
  env: Env;
  /** The private Docker config, removed (forgetLogin) as soon as the merge ends. */
  loginDir?: string;
}

/**
 * `fan-out: merge`'s set-up, the same steps as a build's: the temp dir recorded in state first,
 * then the login for the repositories it tags (`pushed`). A merge reads and writes no cache.
 */
export function prepareMerge(inputs: Inputs, pushed: string[], ctx: GithubContext, env: Env, state: Pick<StateWriter, 'tempDir'>): Promise<MergePrepared> {
  const tempDir = startTempDir(ctx, state);
  const login = logIn(inputs, pushed, { cacheFrom: [], cacheTo: [] }, ctx, env, tempDir);
  return Promise.resolve({ tempDir, env: { ...env, ...login.env }, loginDir: login.dir });
}
