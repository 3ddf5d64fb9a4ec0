import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import type { AppendNode, Inputs } from '../inputs/types.js';
import { builderName, type EngineFacts } from '../plan/builder.js';
import type { BuildContext } from '../plan/context.js';
import { planSetup, type SetupProblem } from '../plan/setup-plan.js';
import * as core from '../runner.js';
import { applySetup, type Prepared } from './apply-setup.js';
import type { StateWriter } from '../step-state.js';
import { registeredHandlers } from './qemu.js';

export type { Prepared };

type Env = Readonly<Record<string, string | undefined>>;

/** Why the build cannot run here, as the error the step fails with (an input's as an InputError). */
export function setupError(problem: SetupProblem): Error {
  return problem.kind === 'input' ? new InputError(problem.input, problem.value, problem.message) : new Error(problem.message);
}

/**
 * Plans the builder, emulators and cache from the engine's answer (asked once), fails before
 * anything runs when the build cannot work (plan/setup-plan.ts), then sets up only what is
 * missing (setup/apply-setup.ts).
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
  const facts = await asked;
  const planned = planSetup(
    inputs,
    {
      facts,
      registered: registeredHandlers(),
      append,
      context,
      builderName: builderName(ctx.runId, ctx.runAttempt, env.GITHUB_JOB ?? '', ctx.action, randomBytes(4).toString('hex')),
      cacheRoot: tmpdir(),
    },
    ctx,
    env,
  );
  if (!planned.ok) throw setupError(planned.problem);
  return applySetup(planned.plan, inputs, append, context, ctx, env, state);
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
