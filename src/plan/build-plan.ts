import * as path from 'node:path';
import { type GithubContext, isPrivateRepository, runUrl } from '../github/context.js';
import { type BuildxOption, namesOf, pushes, sets, typeOf } from '../inputs/buildx-option.js';
import type { Platform } from '../inputs/platforms.js';
import type { Inputs, Secret } from '../inputs/types.js';
import type { CachePlan } from './cache.js';
import { type BuildContext, contextArgument } from './context.js';
import { pushOutput, rewritingTimestamps } from './reproducible.js';
import { planSecrets, type SecretFile } from './secrets.js';

const raw = (option: BuildxOption): string => option.raw;

export interface BuildPlan {
  /** `docker` arguments, starting with `buildx build`. Holds no secret value. */
  args: string[];
  context: BuildContext;
  tempDir: string;
  iidFile: string;
  metadataFile: string;
  secretFiles: SecretFile[];
  masks: string[];
  /** Image references the build pushes to a registry (tags, or names from `outputs`). */
  pushed: string[];
  /** The image lands in the engine's image store (`load`, or an output of type docker). */
  loads: boolean;
  /** How many exporters the build runs (`outputs` entries, `push`, `load`). */
  exporters: number;
  /** Platforms requested ([] means the builder's default). */
  platforms: Platform[];
  /** How the default provenance was chosen, for the log; '' when the user chose. */
  provenanceNote: string;
}

/** Which references an entry of `outputs` pushes; [] when it pushes nothing. */
function pushedByOutput(output: BuildxOption, tags: string[]): string[] {
  if (!pushes(output)) return [];
  return output.attrs.name ? namesOf(output) : tags;
}

/** Image references the build pushes: the tags with `push`, and what push-exporting `outputs` name. */
export function pushTargets(inputs: Pick<Inputs, 'push' | 'tags' | 'outputs'>): string[] {
  return [...new Set([...(inputs.push ? inputs.tags : []), ...inputs.outputs.flatMap((o) => pushedByOutput(o, inputs.tags))])];
}

/**
 * On the engine's own builder (the docker driver) the image exporter stores the image in the
 * engine as it pushes it. `--load` beside `--push` adds a second exporter that names the same
 * tags in the same store, and the two race to create the image: the loser fails the build with
 * `image "…": already exists` (buildx 0.29, Docker 28.5, containerd store, when the tag is new).
 * The push alone leaves the image loaded, under the same ID.
 */
export function pushLoads(inputs: Pick<Inputs, 'push' | 'load'>, driver: string | undefined): boolean {
  return inputs.push && inputs.load && driver === 'docker';
}

/** The default builder-id is the run's URL, as build-push-action records it. */
function withBuilderId(attrs: string, ctx: GithubContext, given: Readonly<Record<string, string>> = {}): string {
  return sets({ attrs: given }, 'builder-id') ? attrs : `${attrs},builder-id=${runUrl(ctx)}`;
}

function provenanceFlag(inputs: Inputs, loads: boolean, attestations: boolean, ctx: GithubContext): { value?: string; note: string } {
  const given = inputs.provenance;
  if (given.mode === 'off') return { value: 'false', note: '' };
  if (given.mode === 'on') return { value: given.attrs === undefined ? `builder-id=${runUrl(ctx)}` : withBuilderId(given.raw, ctx, given.attrs), note: '' };
  // build-push-action's default: none when loading into the engine, else min for private
  // repositories and max for public ones.
  if (loads) return { note: 'provenance: none by default when the image is loaded into the engine' };
  // buildx refuses any attestation on such a builder, and a default must not fail the build.
  if (!attestations) return { note: 'provenance: none by default: this builder (the docker driver with the classic image store) cannot attach attestations' };
  if (inputs.call !== '' && !inputs.call.startsWith('build')) return { note: '' };
  if (inputs.attests.some((a) => typeOf(a) === 'provenance')) return { note: '' };
  return isPrivateRepository(ctx)
    ? { value: withBuilderId('mode=min,inline-only=true', ctx), note: 'provenance: mode=min (private or unknown repository)' }
    : { value: withBuilderId('mode=max', ctx), note: 'provenance: mode=max (public repository)' };
}

/** Git contexts of the repository's own server get the job token, as build-push-action does. */
function gitAuthSecret(inputs: Inputs, context: BuildContext, ctx: GithubContext): Secret | undefined {
  if (context.kind === 'path' || inputs.githubToken === '') return undefined;
  const host = new URL(ctx.serverUrl).host;
  // Only the repository's own Git context, as build-push-action: another repository's
  // Dockerfile could read the token with RUN --mount=type=secret.
  const own = `${ctx.serverUrl}/${ctx.repository}.git`;
  if (context.url !== own && !context.url.startsWith(`${own}#`)) return undefined;
  if (inputs.secrets.some((s) => s.id.startsWith('GIT_AUTH_TOKEN'))) return undefined;
  return { id: `GIT_AUTH_TOKEN.${host}`, input: 'secrets', source: { kind: 'inline', value: inputs.githubToken } };
}

/** Everything the build needs, decided from the inputs and the job alone: no I/O. */
export function planBuild(
  inputs: Inputs,
  context: BuildContext,
  ctx: GithubContext,
  tempDir: string,
  env: Readonly<Record<string, string | undefined>>,
  /**
   * The builder to name on the command line ('' for buildx's current one), the cache plan's
   * entries (plan/step-cache.ts: the only source of --cache-from / --cache-to), whether the builder can attach attestations (not the docker driver with the classic store),
   * whether it loads into the engine by default (a created builder with default-load), and the
   * builder's driver.
   */
  decided: { builder?: string; driver?: string; cache: Pick<CachePlan, 'cacheFrom' | 'cacheTo'>; attestations?: boolean; defaultLoad?: boolean },
): BuildPlan {
  const builder = decided.builder ?? inputs.builder;
  const iidFile = path.join(tempDir, 'iidfile');
  const metadataFile = path.join(tempDir, 'metadata.json');
  // A builder with default-load loads the image when the build names no output of its own.
  const loadsByDefault = decided.defaultLoad === true && !inputs.push && inputs.outputs.length === 0;
  const loads = inputs.load || loadsByDefault || inputs.outputs.some((o) => typeOf(o) === 'docker');
  const pushed = pushTargets(inputs);
  const loadFlag = inputs.load && !pushLoads(inputs, decided.driver);

  const gitAuth = gitAuthSecret(inputs, context, ctx);
  const secrets = planSecrets(gitAuth ? [...inputs.secrets, gitAuth] : inputs.secrets, tempDir, env);
  const provenance = provenanceFlag(inputs, loads, decided.attestations ?? true, ctx);

  const args = ['buildx', 'build'];
  const each = (flag: string, values: string[]) => {
    values.forEach((v) => args.push(flag, v));
  };
  const one = (flag: string, value: string | undefined) => {
    if (value) args.push(flag, value);
  };
  const when = (flag: string, on: boolean) => {
    if (on) args.push(flag);
  };

  one('--builder', builder);
  each('--add-host', inputs.addHosts);
  one('--allow', inputs.allow.join(','));
  each(
    '--annotation',
    inputs.annotations.map((a) => a.raw),
  );
  each('--attest', inputs.attests.map(raw));
  each('--build-arg', inputs.buildArgs);
  each('--build-context', inputs.buildContexts);
  each('--cache-from', decided.cache.cacheFrom.map(raw));
  each('--cache-to', decided.cache.cacheTo.map(raw));
  one('--call', inputs.call);
  one('--cgroup-parent', inputs.cgroupParent);
  one('--file', inputs.file);
  // buildx refuses an image ID file next to local and tar exporters (no image is made there).
  const filesOnly = inputs.outputs.some((o) => ['local', 'tar'].includes(typeOf(o)));
  if (!filesOnly) args.push('--iidfile', iidFile);
  args.push('--metadata-file', metadataFile);
  each(
    '--label',
    inputs.labels.map((l) => l.raw),
  );
  when('--load', loadFlag);
  one('--network', inputs.network);
  when('--no-cache', inputs.noCache);
  each('--no-cache-filter', inputs.noCacheFilters);
  // reproducible: the push spelt out as its image exporter, every image exporter rewriting timestamps.
  const pushAsOutput = inputs.reproducible && inputs.push && inputs.outputs.length === 0;
  const outputs = inputs.reproducible ? [...inputs.outputs.map(rewritingTimestamps), ...(pushAsOutput ? [pushOutput(inputs.tags)] : [])] : inputs.outputs;
  each('--output', outputs.map(raw));
  one('--platform', inputs.platforms.join(','));
  one('--provenance', provenance.value);
  when('--pull', inputs.pull);
  when('--push', inputs.push && !pushAsOutput);
  one('--sbom', inputs.sbom.mode === 'default' ? undefined : inputs.sbom.raw);
  each('--secret', secrets.flags);
  one('--shm-size', inputs.shmSize);
  each('--ssh', inputs.ssh);
  each('--tag', inputs.tags);
  one('--target', inputs.target);
  each('--ulimit', inputs.ulimit);
  args.push(contextArgument(context));

  return {
    args,
    context,
    tempDir,
    iidFile,
    metadataFile,
    secretFiles: secrets.files,
    masks: secrets.masks,
    pushed,
    loads,
    exporters: inputs.outputs.length + (inputs.push ? 1 : 0) + (loadFlag ? 1 : 0),
    platforms: inputs.platforms,
    provenanceNote: provenance.note,
  };
}
