// A fan-out leg's effects: before the build, what it builds and where its record goes; after
// it, write its record, read every leg's, and assemble the index when the image is complete.
// Write first, read after: of two legs finishing together, at least the later reader sees both
// records, and if both do, both push the same index bytes, so the race is harmless.
import { type BuildMetadata, NO_METADATA, readBuildMetadata } from '../build/metadata-file.js';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import { normalizePlatform, onlyPlatform, type Platform } from '../inputs/platforms.js';
import type { Env, Inputs } from '../inputs/types.js';
import {
  type Assembly,
  canonicalOrder,
  decideAssembly,
  imageKey,
  indexAnnotations,
  type LegRecord,
  legInputs,
  legPlatforms,
  recordKey,
  recordPrefix,
  repositories,
} from '../plan/fan-out.js';
import { renderFanOutSummary, renderValidationSummary } from '../report/fan-out-summary.js';
import { readManifest } from '../report/manifest.js';
import type { BuildResult } from '../report/outputs.js';
import { fetchManifest } from '../report/registry.js';
import * as core from '../runner.js';
import type { RunnerIo } from '../runner.js';
import { dockerOutput, failureLines } from '../process/docker.js';
import { type RecordStore, recordStore } from './records.js';

/** The runner's I/O a leg writes to. */
export type LegIo = Pick<RunnerIo, 'appendSummary' | 'saveState' | 'setOutput'>;

export interface Leg {
  /** What this leg builds (as `platforms` names them); [] for `fan-out: merge`. */
  platforms: Platform[];
  setup: Inputs;
  build: Inputs;
  image: string;
  repos: string[];
  /** Undefined for a validation leg (`push: false`): it records nothing, so it needs no service. */
  store: RecordStore | undefined;
}

/** Everything a leg needs decided before anything runs; bad fan-out fails here. */
export function startLeg(inputs: Inputs, enginePlatform: Platform, ctx: GithubContext, env: Env): Leg {
  const chosen = legPlatforms(inputs.fanOut, inputs.platforms, enginePlatform);
  if ('error' in chosen) throw new InputError('fan-out', inputs.fanOut.mode, chosen.error);
  // A validation leg never touches the records: a fork's read-only cache token cannot fail it.
  const store = inputs.push ? recordStore(env) : undefined;
  if (store && 'error' in store) throw new Error(store.error);
  const { setup, build } = legInputs(inputs, chosen.platforms);
  const image = imageKey(ctx.repository, inputs.tags, inputs.platforms);
  const leg = { platforms: chosen.platforms, setup, build, image, repos: repositories(inputs.tags), store };
  if (!inputs.push) {
    core.info(
      inputs.fanOut.mode === 'merge'
        ? 'Fan-out (push: false): the legs were validation builds; there is nothing to assemble'
        : `Fan-out (push: false): this leg validates ${chosen.platforms.join(', ')} of ${canonicalOrder(inputs.platforms).join(', ')}: it builds them and exports nothing, records nothing, assembles nothing`,
    );
  } else if (inputs.fanOut.mode !== 'merge') {
    core.info(
      `Fan-out: this leg builds ${chosen.platforms.join(', ')} of ${canonicalOrder(inputs.platforms).join(', ')} and pushes it by digest to ${leg.repos.join(', ')}; the leg that finds every platform recorded assembles and tags the index`,
    );
  }
  return leg;
}

/** Every platform's newest record in this run, read in parallel. */
async function readRecords(leg: Leg, inputs: Inputs, runId: string, store: RecordStore): Promise<Map<Platform, LegRecord>> {
  const platforms = canonicalOrder(inputs.platforms);
  const found = await Promise.all(platforms.map((p) => store.read(recordPrefix(leg.image, runId, p), p)));
  return new Map(found.flatMap((r) => (r ? [[r.platform, r] as const] : [])));
}

/**
 * One index over the legs' pushes (their attestation manifests included), with the index
 * annotations, pushed to every repository under every tag. `imagetools create` writes no
 * timestamp, so the same sources in the same order always give the same bytes. Its dry run,
 * alongside, prints those bytes (plus a newline): the index is known without reading it back,
 * unless the push names another digest.
 */
async function assemble(sources: string[], inputs: Inputs, env: Env): Promise<{ manifest: ReturnType<typeof readManifest>; seconds: number }> {
  const started = performance.now();
  const args = ['buildx', 'imagetools', 'create', '--progress', 'plain'];
  for (const a of indexAnnotations(inputs.annotations)) args.push('--annotation', a);
  for (const t of inputs.tags) args.push('--tag', t);
  const [created, dry] = await Promise.all([dockerOutput([...args, ...sources], env), dockerOutput([...args, '--dry-run', ...sources], env)]);
  if (created.exitCode !== 0)
    throw new Error(`Fan-out: assembling the index failed (docker ${args.join(' ')} ${sources.join(' ')}): ${failureLines(created.stderr)}`);
  const bytes = dry.exitCode === 0 && dry.raw.at(-1) === 0x0a ? dry.raw.subarray(0, -1) : dry.raw;
  let manifest = dry.exitCode === 0 ? readManifest(bytes, 'unknown/unknown') : undefined;
  if (!manifest || !created.stderr.includes(`pushing ${manifest.digest} `))
    manifest = readManifest(await fetchManifest(inputs.tags[0] ?? '', env), 'unknown/unknown');
  return { manifest, seconds: (performance.now() - started) / 1000 };
}

/** Reads the records, assembles when complete, and reports; the result the outputs show. */
async function conclude(
  leg: Leg,
  store: RecordStore,
  inputs: Inputs,
  ctx: GithubContext,
  env: Env,
  own: BuildResult | undefined,
  io: LegIo,
): Promise<BuildResult> {
  const started = performance.now();
  const found = await readRecords(leg, inputs, ctx.runId, store);
  const assembly: Assembly = decideAssembly(inputs.platforms, found, leg.repos[0] ?? '');
  if (!assembly.complete) {
    core.info(`Fan-out: ${assembly.missing.join(', ')} not recorded yet: another leg will finish the image and tag it`);
    if (inputs.summary) io.appendSummary(renderFanOutSummary(assembly, { tags: inputs.tags }));
    if (own) return own;
    throw new Error(
      `Fan-out merge: ${assembly.missing.join(', ')} not recorded in run ${ctx.runId}; run this job after every leg (needs:) and check that the legs succeeded`,
    );
  }
  const { manifest, seconds } = await assemble(assembly.sources, inputs, env);
  const total = (performance.now() - started) / 1000;
  core.info(
    `Fan-out: every platform recorded; assembled ${manifest.digest} from ${assembly.sources.join(', ')} and tagged ${inputs.tags.join(', ')} (records read and index pushed in ${total.toFixed(2)} s, imagetools ${seconds.toFixed(2)} s)`,
  );
  if (inputs.summary) io.appendSummary(renderFanOutSummary(assembly, { index: manifest.digest, tags: inputs.tags, seconds: total }));
  return { imageId: own?.imageId ?? '', metadata: own?.metadata ?? NO_METADATA, digest: manifest.digest, manifest, tags: inputs.tags };
}

/** After the leg's build: what it pushed, its records, then the assembly if the image is complete. */
export async function finishLeg(
  leg: Leg,
  inputs: Inputs,
  metadata: BuildMetadata | string,
  ctx: GithubContext,
  env: Env,
  how: { seconds: number; emulated: Platform[] },
  io: LegIo,
): Promise<BuildResult> {
  // A path is main.ts's form until it passes the metadata it read once.
  if (typeof metadata === 'string') metadata = readBuildMetadata(metadata);
  const { store } = leg;
  if (!store) {
    if (inputs.summary) io.appendSummary(renderValidationSummary(leg.platforms, inputs.platforms));
    return { imageId: '', metadata, digest: '', tags: [] };
  }
  const { digest } = metadata;
  if (digest === '') {
    const why =
      metadata.problem === 'missing'
        ? 'buildx wrote no metadata file'
        : metadata.problem === 'malformed'
          ? "buildx's metadata file is not JSON"
          : 'buildx reported no digest';
    throw new Error(`Fan-out: ${why} for this leg's push; nothing to record`);
  }
  const manifest = readManifest(await fetchManifest(`${leg.repos[0] ?? ''}@${digest}`, env), onlyPlatform(leg.platforms) || 'unknown/unknown');
  const emulated = new Set(how.emulated);
  const writing = performance.now();
  await Promise.all(
    canonicalOrder(leg.platforms).map((platform) => {
      const record: LegRecord = {
        platform,
        digest,
        runner: env.RUNNER_NAME ?? '',
        job: env.GITHUB_JOB ?? '',
        seconds: Math.round(how.seconds * 10) / 10,
        emulated: emulated.has(platform),
        attempt: ctx.runAttempt,
      };
      return store.write(recordKey(leg.image, ctx.runId, platform, ctx.runAttempt), record);
    }),
  );
  core.info(
    `Fan-out: recorded ${canonicalOrder(leg.platforms).join(', ')} = ${digest} for run ${ctx.runId} (in ${((performance.now() - writing) / 1000).toFixed(2)} s)`,
  );
  const result = await conclude(leg, store, inputs, ctx, env, { imageId: '', metadata, digest, manifest, tags: [] }, io);
  // Signing: this leg's platform manifests, and the index when this leg assembled it.
  const assembled = result.digest !== digest ? [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: false } }] : [];
  return { ...result, signing: [{ manifest, digest, which: { top: false, platforms: true } }, ...assembled] };
}

/**
 * `fan-out: merge`'s leg: it builds nothing, so the engine's platform plays no part. Undefined
 * for the legs' validation builds (`push: false`): there is nothing to assemble, as the summary says.
 */
export function startMerge(inputs: Inputs, ctx: GithubContext, io: Pick<RunnerIo, 'appendSummary'>, env: Env): (Leg & { store: RecordStore }) | undefined {
  const leg = startLeg(inputs, normalizePlatform(''), ctx, env);
  if (leg.store) return { ...leg, store: leg.store };
  if (inputs.summary) io.appendSummary(renderValidationSummary([], inputs.platforms));
  return undefined;
}

/** Assembles the image from the legs' records (it fails when one is missing) and sets the outputs. */
export async function assembleMerge(
  leg: Leg & { store: RecordStore },
  inputs: Inputs,
  ctx: GithubContext,
  env: Env,
  io: LegIo,
  seconds: () => number,
): Promise<BuildResult> {
  const result = await conclude(leg, leg.store, inputs, ctx, env, undefined, io);
  const { setOutputs } = await import('../report/outputs.js');
  setOutputs(io.setOutput, result, { builder: '', qemuPlatforms: [], seconds: seconds() });
  return result;
}
