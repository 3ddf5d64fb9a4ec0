// What the step reaches outside itself, passed in (src/main.ts builds the real ones; tests fake
// them): below the pipeline's phases, so every phase and the fan-out merge take the same deps.
import type { runGuardedBuild } from './build/guarded-build.js';
import type { Env } from './inputs/types.js';
import type { collectResult } from './report/collect.js';
import type { RunnerIo } from './runner.js';
import type { engineFacts } from './setup/engine-facts.js';
import type { prepare, prepareMerge } from './setup/prepare.js';

/**
 * What the step reaches outside itself: its environment, the runner's I/O, the engine (through
 * the phases that use it) and the clock.
 */
export interface RunDeps {
  /** The step's environment as child processes get it: no secret inputs, no OIDC variables (src/step-env.ts). */
  env: Env;
  /** Everything the runner gave the step, frozen (the OIDC request variables are read from here). */
  stepEnv: Env;
  cwd: string;
  /** Inputs, outputs, state, summary and log commands. */
  io: RunnerIo;
  engine: {
    facts: typeof engineFacts;
    prepare: typeof prepare;
    /** `fan-out: merge`'s set-up: the temp dir and the login, no builder. */
    prepareMerge: typeof prepareMerge;
    build: typeof runGuardedBuild;
    collect: typeof collectResult;
  };
  clock: {
    now: () => Date;
    /** Seconds since the step's process started. */
    elapsed: () => number;
  };
}
