// A multi-platform image built by several jobs (legs), each on a runner that runs its platforms
// natively, and assembled by whichever leg finds every platform recorded. Every decision lives
// here, on plain data: which platforms a leg builds, where the record of a leg goes, whether the
// image is complete, and which index it becomes.
import { createHash } from 'node:crypto';
import { type Annotation, type AnnotationLevel, annotationOf } from '../inputs/annotations.js';
import type { BuildxOption } from '../inputs/buildx-option.js';
import type { Platform } from '../inputs/platforms.js';
import type { FanOut, Inputs } from '../inputs/types.js';
import { imageName } from './image-ref.js';

/** "Platform P of image I in run R is digest D", as a leg records it for the others. */
export interface LegRecord {
  platform: Platform;
  /** What the leg pushed by digest: its platform's manifest, or an index with its attestations. */
  digest: string;
  /** Runner name (RUNNER_NAME) and job of the leg, for the summary. */
  runner: string;
  job: string;
  /** The leg's build, in seconds. */
  seconds: number;
  /** Whether the leg built this platform under QEMU. */
  emulated: boolean;
  attempt: string;
}

/** Same OS and architecture: the variant of one machine's architecture runs natively too. */
function osArch(platform: Platform): string {
  return platform.split('/').slice(0, 2).join('/');
}

/**
 * The platforms this leg builds, as `platforms` names them; an error (for `fan-out`) when it
 * would build nothing. `merge` builds nothing by design.
 */
export function legPlatforms(fanOut: FanOut, platforms: Platform[], enginePlatform: Platform): { platforms: Platform[] } | { error: string } {
  if (fanOut.mode === 'off') return { platforms };
  if (fanOut.mode === 'merge') return { platforms: [] };
  if (fanOut.mode === 'list') {
    const chosen = new Set(fanOut.platforms);
    return { platforms: platforms.filter((p) => chosen.has(p)) };
  }
  const native = platforms.filter((p) => osArch(p) === osArch(enginePlatform));
  if (native.length > 0) return { platforms: native };
  return {
    error: `this runner's engine runs ${enginePlatform}, none of \`platforms\` (${platforms.join(',')}): run this leg on a runner of one of them, or name its platforms instead of auto`,
  };
}

/** The repositories of `tags`, in their order: each leg pushes to all of them. */
export function repositories(tags: string[]): string[] {
  return [...new Set(tags.map(imageName))];
}

/** The docs.docker.com multi-runner recipe's output: push by digest, no tag, to every repository. */
export function legOutput(repos: string[]): string {
  return `type=image,"name=${repos.join(',')}",push-by-digest=true,name-canonical=true,push=true`;
}

/** legOutput as the parsed `outputs` entry a leg builds with. */
function legOutputOption(repos: string[]): BuildxOption {
  return { raw: legOutput(repos), attrs: { type: 'image', name: repos.join(','), 'push-by-digest': 'true', 'name-canonical': 'true', push: 'true' } };
}

const INDEX_LEVELS: readonly AnnotationLevel[] = ['index', 'index-descriptor'];

/** Annotations that target the index in part: a leg must not apply them (its push may be one manifest). */
function forIndex(annotation: Annotation): boolean {
  return annotation.levels.some((l) => INDEX_LEVELS.includes(l));
}

/** The index annotations, as `imagetools create --annotation` takes them. */
export function indexAnnotations(annotations: Annotation[]): string[] {
  return annotations.filter((a) => a.levels.includes('index')).map((a) => `index:${a.key}=${a.value}`);
}

/**
 * A validation leg's output (`push: false`, a pull request's run): the cache-only exporter builds
 * every step and exports nothing, so no builder is demanded beyond the engine's own and nothing
 * lands in the image store either.
 */
export const VALIDATION_OUTPUT: BuildxOption = { raw: 'type=cacheonly', attrs: { type: 'cacheonly' } };

/**
 * The inputs a leg sets up and builds with: only its platforms (so the builder, QEMU and the
 * per-platform cache scope follow them), pushed by digest, or with `push: false` exported nowhere
 * (a validation build). `setup` keeps the tags, which name the image's cache scope; `build` writes
 * no tag and leaves the index annotations to the assembly.
 */
export function legInputs(inputs: Inputs, platforms: Platform[]): { setup: Inputs; build: Inputs } {
  if (!inputs.push) {
    const setup: Inputs = { ...inputs, platforms, outputs: [VALIDATION_OUTPUT] };
    return { setup, build: { ...setup, tags: [], annotations: [] } };
  }
  const setup: Inputs = { ...inputs, platforms, outputs: [legOutputOption(repositories(inputs.tags))] };
  const annotations = inputs.annotations.flatMap((a) => {
    if (!forIndex(a)) return [a];
    // The other levels of a mixed annotation (manifest,index:k=v) stay with the leg, platform and all.
    const others = a.levels.filter((l) => !INDEX_LEVELS.includes(l));
    return others.length > 0 ? [annotationOf(others, a.key, a.value, a.platform)] : [];
  });
  const build: Inputs = { ...setup, tags: [], push: false, annotations };
  return { setup, build };
}

/**
 * One image of one run: the repository, where it goes and the platform set. Another run, another
 * image pushed by the same job, or the same repositories with other tags never share records.
 */
export function imageKey(repository: string, tags: string[], platforms: Platform[]): string {
  const parts = [repository, [...tags].sort().join(','), canonicalOrder(platforms).join(',')];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

function pair(platform: Platform): string {
  return platform.replace(/\//g, '-');
}

/**
 * The records' keys in the Actions cache: one entry per platform and run attempt. A lookup asks
 * for the prefix and gets the newest attempt's; the dot ends the platform, so linux/arm never
 * matches linux/arm/v7, and the dash after the run id keeps run 12 from matching run 123.
 */
export function recordPrefix(image: string, runId: string, platform: Platform): string {
  return `kiln-leg-${image}-${runId}-${pair(platform)}.`;
}

export function recordKey(image: string, runId: string, platform: Platform, attempt: string): string {
  return `${recordPrefix(image, runId, platform)}${attempt}`;
}

/** Canonical platform order: each once, sorted, so every leg lists them alike. */
export function canonicalOrder(platforms: Platform[]): Platform[] {
  return [...new Set(platforms)].sort();
}

export type Assembly = { complete: false; missing: Platform[]; records: LegRecord[] } | { complete: true; records: LegRecord[]; sources: string[] };

/**
 * Whether the image is complete, and the index's sources: each leg's pushed digest once, in
 * canonical platform order, from the first repository. Every leg that finds all platforms
 * computes the same list, so concurrent assemblies push the same bytes.
 */
export function decideAssembly(platforms: Platform[], found: ReadonlyMap<Platform, LegRecord>, repository: string): Assembly {
  const order = canonicalOrder(platforms);
  const records = order.map((p) => found.get(p)).filter((r): r is LegRecord => r !== undefined);
  const missing = order.filter((p) => !found.has(p));
  if (missing.length > 0) return { complete: false, missing, records };
  const digests = [...new Set(records.map((r) => r.digest))];
  return { complete: true, records, sources: digests.map((d) => `${repository}@${d}`) };
}
