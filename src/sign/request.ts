// What the main step (and a fan-out leg) hands the signing phase: its own module, so that
// after-push.ts (which loads step.ts lazily) and step.ts both import it and neither imports the other.
import type { GithubContext } from '../github/context.js';
import type { Env, Inputs } from '../inputs/types.js';
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
