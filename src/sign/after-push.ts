// The one call the main step (and a fan-out leg) makes after its outputs and summary are written.
// Light on purpose: it decides with the pure plan and loads the signing code (sigstore-js) only
// when the step will sign.
import { decideSigning, NO_TOKEN_LINE } from '../plan/sign.js';
import type { SignRequest } from './request.js';

// Re-exported for those that take them from here (fanout/leg.ts).
export type { SignImage, SignRequest } from './request.js';

/** A plain push: its digest and, for an index, each platform's manifest. */
export const WHOLE_IMAGE = { top: true, platforms: true } as const;

export async function signAfterPush(request: SignRequest): Promise<void> {
  const core = request.io;
  const { inputs, ctx, env } = request;
  const pushed = request.pushed.length > 0 && request.images.some((i) => (i.manifest?.digest ?? i.digest) !== '');
  const decision = decideSigning(inputs.sign, pushed, ctx, env);
  if (decision.sign) {
    await (await import('./step.js')).signStep(request);
    return;
  }
  if (decision.noToken) {
    if (decision.fail) core.error(`${decision.fail}. The image was pushed; every output is set.`, { title: 'Not signed' });
    else core.notice(NO_TOKEN_LINE, { title: 'Not signed' });
    if (inputs.summary) core.appendSummary(`### Signatures\n\n${NO_TOKEN_LINE}\n`);
  } else if (inputs.sign.mode !== 'false') {
    core.info(`Signing: not signed, ${decision.why}`);
  }
  if (decision.fail) process.exitCode = 1;
}
