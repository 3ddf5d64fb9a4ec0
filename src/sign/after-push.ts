// The one call the main step (and a fan-out leg) makes after its outputs and summary are written.
// Light on purpose: it decides with the pure plan and loads the signing code (sigstore-js) only
// when the step will sign.
import type { GithubContext } from '../github/context.js';
import type { Env, Inputs } from '../inputs/types.js';
import { decideSigning, NO_TOKEN_LINE } from '../plan/sign.js';
import type { ImageManifest } from '../report/manifest.js';
import type { RunnerIo } from '../runner.js';

export interface SignRequest {
  inputs: Pick<Inputs, 'sign' | 'summary' | 'githubToken'> & Parameters<typeof import('../plan/sign.js').buildParameters>[0];
  ctx: GithubContext;
  /** The step's environment with the set-up's overlay and the OIDC request variables (step-env.ts withOidcRequest). */
  env: Env;
  io: Pick<RunnerIo, 'setOutput' | 'appendSummary' | 'info' | 'notice' | 'warning' | 'error' | 'setSecret'>;
  /** The image references the build pushed (tags or `outputs` names). */
  pushed: string[];
  /** What to sign: the pushed image, or a fan-out leg's platforms and the index it assembled. */
  images: SignImage[];
  /** buildx's metadata file's text (the base images BuildKit resolved). */
  metadataText: string;
  /** The context as buildx got it, for the provenance. */
  context: string;
  masks: string[];
  tempDir: string;
}

/** A pushed image and which of its digests to sign (plan/sign.ts signTargets). */
export interface SignImage {
  /** What the registry serves: an index or a single manifest; undefined when it could not be read back. */
  manifest: ImageManifest | undefined;
  /** The pushed digest (the manifest's, or buildx's when there is none). */
  digest: string;
  which: { top: boolean; platforms: boolean };
}

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
