// The pipeline's third phase: the builder, QEMU, login and cache, set up from the facts
// (setup/prepare.ts), and said in the log (report/setup-lines.ts).
import { logSetup } from '../report/setup-lines.js';
import type { RunDeps } from '../run-deps.js';
import type { Prepared } from '../setup/prepare.js';
import { stateWriter, type StateWriter } from '../step-state.js';
import type { Planned } from './plan.js';

export interface SetUp {
  prepared: Prepared;
  /** Where the step records what the post step cleans up. */
  state: StateWriter;
}

export async function setUpStep(planned: Planned, deps: RunDeps): Promise<SetUp> {
  const { inputs, context, ctx, asked } = planned;
  const state = stateWriter(deps.io.saveState);
  const prepared = await deps.engine.prepare(planned.setup, inputs.setup.append, context, ctx, deps.env, asked, state);
  const { builder, added } = prepared;
  logSetup(
    deps.io,
    prepared,
    { ...builder, buildkit: builder.buildkitVersion, addedDriverOpts: added.driverOpts, loopback: added.loopback },
    prepared.cache,
    context,
  );
  return { prepared, state };
}
