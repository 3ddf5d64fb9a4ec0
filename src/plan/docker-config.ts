// Where the docker CLI and buildx keep their configuration, by the CLI's own rule: DOCKER_CONFIG
// when it is set and not empty, else ~/.docker (HOME, or the account's home when HOME is empty);
// buildx's state under BUILDX_CONFIG, else the config directory's buildx/. The one place the
// step computes them: every reader and the login's private config agree.
import * as path from 'node:path';
import type { Env } from '../inputs/types.js';

/** The Docker config directory the docker CLI uses in this environment. */
export function dockerConfigDir(env: Env, home: () => string): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || home(), '.docker');
}

/** The directory buildx keeps its builders and its current one in. */
export function buildxConfigDir(env: Env, home: () => string): string {
  return env.BUILDX_CONFIG || path.join(dockerConfigDir(env, home), 'buildx');
}
