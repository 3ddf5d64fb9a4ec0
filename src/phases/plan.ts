// The pipeline's second phase: what this job builds (all of it, or its fan-out leg) and from
// which context. The builder, QEMU and the cache are planned by the set-up, from the engine's
// facts (setup/prepare.ts).
import { existsSync } from 'node:fs';
import type { Leg } from '../fanout/leg.js';
import type { Inputs } from '../inputs/types.js';
import { type BuildContext, chooseContext } from '../plan/context.js';
import type { RunDeps } from '../run-deps.js';
import type { Read } from './read-inputs.js';

export interface Planned extends Read {
  /** This job's part of a multi-runner image (`fan-out`), when it builds one. */
  leg?: Leg;
  /** The fan-out module, loaded only for a leg. */
  fanOut?: typeof import('../fanout/leg.js');
  context: BuildContext;
  /** What the set-up prepares for and the build builds: the leg's part, or everything. */
  setup: Inputs;
  build: Inputs;
}

export async function planStep(read: Read, deps: RunDeps): Promise<Planned> {
  const { inputs, ctx } = read;
  // Fan-out: this job builds a part of a multi-runner image.
  const fanOut = inputs.fanOut.mode === 'off' ? undefined : await import('../fanout/leg.js');
  const leg = fanOut?.startLeg(inputs, (await read.asked).platform, ctx, deps.env);
  const context = chooseContext(inputs, ctx, deps.cwd, existsSync);
  deps.io.info(`Context: ${context.kind === 'path' ? context.path : context.url} (${context.reason})`);
  return { ...read, leg, fanOut, context, setup: leg?.setup ?? inputs, build: leg?.build ?? inputs };
}
