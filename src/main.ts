import { runGuardedBuild } from './build/guarded-build.js';
import type { EarlyInfo } from './engine-api.js';
import { errorTitle, InputError, InputErrors } from './inputs/errors.js';
import { buildStep } from './phases/build.js';
import { mergeStep } from './phases/merge.js';
import { planStep } from './phases/plan.js';
import { readStep } from './phases/read-inputs.js';
import { reportStep } from './phases/report.js';
import { setUpStep } from './phases/set-up.js';
import { collectResult } from './report/collect.js';
import type { RunDeps } from './run-deps.js';
import { runnerIo } from './runner.js';
import { engineFacts } from './setup/engine-facts.js';
import { forgetLogin } from './setup/login.js';
import { prepare, prepareMerge } from './setup/prepare.js';
import type { StepEnv } from './step-env.js';

export type { RunDeps };

/** The real engine, runner and clock, over the environment the entry point took (src/step-env.ts). */
export function actionDeps(taken: StepEnv, early?: EarlyInfo): RunDeps {
  return {
    env: taken.children,
    stepEnv: taken.step,
    cwd: process.cwd(),
    io: runnerIo(taken.step),
    engine: { facts: (env) => engineFacts(env, early), prepare, prepareMerge, build: runGuardedBuild, collect: collectResult },
    clock: { now: () => new Date(), elapsed },
  };
}

/**
 * The main step: read inputs → plan → set up → build → report; the post step cleans up
 * (src/post.ts). A failure becomes annotations and a non-zero exit code, never a throw.
 */
export async function run(deps: RunDeps): Promise<void> {
  const core = deps.io;
  try {
    await runSteps(deps);
  } catch (error: unknown) {
    const invalid = error instanceof InputErrors ? error.errors : error instanceof InputError ? [error] : [];
    if (invalid.length === 0) {
      core.setFailed(error instanceof Error ? error.message : String(error));
      return;
    }
    for (const e of invalid) core.error(e.message, { title: errorTitle(e) });
    process.exitCode = 1;
  }
}

/** The pipeline: each phase (src/phases/) takes what the one before it returned. */
async function runSteps(deps: RunDeps): Promise<void> {
  const read = await readStep(deps);
  // `fan-out: merge` builds nothing: it assembles the legs' records (fanout/leg.ts).
  if (read.inputs.fanOut.mode === 'merge') return mergeStep(read, deps);
  const planned = await planStep(read, deps);
  const setUp = await setUpStep(planned, deps);
  try {
    const built = await buildStep(planned, setUp, deps);
    await reportStep(planned, setUp, built, deps);
  } finally {
    // The credentials go as soon as the step's docker work ends, however it ends.
    forgetLogin({ dir: setUp.prepared.loginDir });
  }
}

/** Seconds since the step's process started. */
function elapsed(): number {
  return Math.round(performance.now()) / 1000;
}
