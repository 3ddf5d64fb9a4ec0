// The environment `docker buildx build` runs in. docker/build-push-action runs buildx with
// BUILDX_METADATA_WARNINGS=true, so the metadata file (and with it the step's `metadata` output)
// carries the build checks as `buildx.build.warnings`; Kiln does the same, as a drop-in. A value
// the user set in the job's environment is theirs and wins (build-push-action overwrites it).
//
// buildx writes `buildx.build.provenance` (a SLSA predicate of the build) into the metadata file
// even when the build attaches no provenance (`--provenance false` and the like): the `metadata`
// output would claim provenance the image does not have. BUILDX_METADATA_PROVENANCE=disabled
// leaves it out then; again the user's own value wins.
// Pure: the caller passes the step's environment in.
import type { Env } from '../inputs/types.js';
import { parseAttributes } from '../inputs/lists.js';

// What Go's strconv.ParseBool reads, as buildx reads these values.
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** A provenance entry as buildx canonicalizes it: a boolean, or attributes that may say disabled=true. */
function provenanceOff(value: string): boolean {
  if (GO_FALSE.includes(value)) return true;
  if (GO_TRUE.includes(value)) return false;
  return GO_TRUE.includes(parseAttributes(value).disabled ?? '');
}

/**
 * Whether a `buildx build` with these arguments attaches a provenance attestation: the last
 * provenance entry decides (`--attest type=provenance,…`, then `--provenance`, as buildx
 * appends it); with none, buildx's default (min) applies unless BUILDX_NO_DEFAULT_ATTESTATIONS.
 */
export function attachesProvenance(args: readonly string[], env: Env): boolean {
  const entries: string[] = [];
  let provenance: string | undefined;
  args.forEach((arg, i) => {
    const value = args[i + 1] ?? '';
    if (arg === '--attest' && parseAttributes(value).type === 'provenance') entries.push(value);
    if (arg === '--provenance') provenance = value;
  });
  if (provenance !== undefined) entries.push(provenance);
  const last = entries.at(-1);
  if (last === undefined) return !GO_TRUE.includes(env.BUILDX_NO_DEFAULT_ATTESTATIONS ?? '');
  return !provenanceOff(last);
}

export function buildxBuildEnv(env: Env, args: readonly string[] = []): NodeJS.ProcessEnv {
  const built: NodeJS.ProcessEnv = { ...env };
  if (env.BUILDX_METADATA_WARNINGS === undefined) built.BUILDX_METADATA_WARNINGS = 'true';
  if (env.BUILDX_METADATA_PROVENANCE === undefined && args.length > 0 && !attachesProvenance(args, env)) built.BUILDX_METADATA_PROVENANCE = 'disabled';
  return built;
}
