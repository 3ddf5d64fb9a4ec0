// `fan-out: merge`, the pipeline of a job that builds nothing: its set-up is the temp dir and the
// login (deps.engine.prepareMerge), it assembles the index from the legs' records
// (fanout/leg.ts), then signs and attests the index it assembled (the legs signed their platforms).
import { forgetLogin } from '../setup/login.js';
import { withOidcRequest } from '../step-env.js';
import { stateWriter } from '../step-state.js';
import type { RunDeps } from '../run-deps.js';
import type { Read } from './read-inputs.js';

export async function mergeStep(read: Read, deps: RunDeps): Promise<void> {
  const { inputs, ctx } = read;
  const { io, env } = deps;
  const fanOut = await import('../fanout/leg.js');
  const leg = fanOut.startMerge(inputs, ctx, io, env);
  if (!leg) return;
  // The merge job pushes the index and its tags: it logs in as a leg does (no builder, no QEMU).
  const made = await deps.engine.prepareMerge(inputs, leg.repos, ctx, env, stateWriter(io.saveState));
  try {
    const result = await fanOut.assembleMerge(leg, inputs, ctx, made.env, io, deps.clock.elapsed);
    await (
      await import('../sign/after-push.js')
    ).signAfterPush({
      inputs,
      ctx,
      env: withOidcRequest(made.env, deps.stepEnv),
      io,
      pushed: leg.repos,
      masks: [],
      tempDir: made.tempDir,
      metadataText: '',
      images: [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: false } }],
      context: '',
    });
  } finally {
    forgetLogin({ dir: made.loginDir });
  }
}
