// The environment `docker buildx build` runs in. docker/build-push-action runs buildx with
// BUILDX_METADATA_WARNINGS=true, so the metadata file (and with it the step's `metadata` output)
// carries the build checks as `buildx.build.warnings`; Kiln does the same, as a drop-in. A value
// the user set in the job's environment is theirs and wins (build-push-action overwrites it).
// Pure: the caller passes the step's environment in.
import type { Env } from '../inputs/types.js';

export function buildxBuildEnv(env: Env): NodeJS.ProcessEnv {
  return env.BUILDX_METADATA_WARNINGS === undefined ? { ...env, BUILDX_METADATA_WARNINGS: 'true' } : { ...env };
}
