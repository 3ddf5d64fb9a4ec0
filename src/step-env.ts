// The step's environment, taken once at the entry point (src/index.ts, src/post-entry.ts) before
// anything else runs. Every process the step starts inherits `process.env` unless told otherwise
// (and @actions/cache's tar and zstd are not told otherwise), and a process's environment is
// readable in /proc/<pid>/environ: the inputs that hold secrets and the OIDC request variables
// leave `process.env` here, and nowhere else in src/ writes to it (__tests__/unit/effects-at-the-edge.test.ts).
import type { Env } from './inputs/types.js';

/** The inputs whose values are secrets: read from the snapshot, never passed to a child. */
export const SECRET_INPUTS = ['INPUT_PASSWORD', 'INPUT_REGISTRY-AUTH', 'INPUT_GITHUB-TOKEN', 'INPUT_SECRETS'] as const;

/** What lets the step request an OIDC token: only the step itself (signing) reads them. */
export const OIDC_REQUEST = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

const HIDDEN: ReadonlySet<string> = new Set([...SECRET_INPUTS, ...OIDC_REQUEST]);

export interface StepEnv {
  /** Everything the runner gave the step, frozen: inputs (secret ones too) and the OIDC variables. */
  step: Env;
  /** What every child process starts from: the step's environment without the secret inputs and OIDC variables. */
  children: Env;
}

/** The two views of an environment (pure: `env` is not changed). */
export function stepEnvOf(env: Env): StepEnv {
  const step = Object.freeze({ ...env });
  const children = Object.freeze(Object.fromEntries(Object.entries(step).filter(([name]) => !HIDDEN.has(name))));
  return { step, children };
}

/** The environment the signing phase reads: `env` with the OIDC request variables from the step's (no child process gets it). */
export function withOidcRequest(env: Env, step: Env): Env {
  return Object.freeze({ ...env, ...Object.fromEntries(OIDC_REQUEST.flatMap((name) => (step[name] === undefined ? [] : [[name, step[name]]]))) });
}

/** A child's environment: the base (already without secrets) with what set-up added (DOCKER_CONFIG, BUILDX_CONFIG). */
export function withOverlay(base: Env, overlay: Env): Env {
  return Object.freeze({ ...base, ...overlay });
}

/**
 * Snapshots the process's environment and removes the secret inputs and OIDC variables from it,
 * so that no process started later, by Kiln or by a library, can inherit them.
 */
export function takeStepEnv(): StepEnv {
  const taken = stepEnvOf(process.env);
  for (const name of HIDDEN) Reflect.deleteProperty(process.env, name);
  return taken;
}
