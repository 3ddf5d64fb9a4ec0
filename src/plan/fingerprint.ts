// A build's fingerprint: what BuildKit's cache keys depend on, per Dockerfile step, small enough
// to store beside the cache (report/fingerprint-store.ts) and compare with the next build's
// (plan/cache-miss.ts). It holds the instructions as written (never expanded), build-argument
// names with hashes of their values (never a value), the digests of the context files each
// COPY/ADD reads and the digests the base images resolved to. Pure: the caller lists and hashes
// the context files and hands over the build log's steps.
import { createHash } from 'node:crypto';
import ignoreModule from '@balena/dockerignore';
import { DockerfileParser } from 'dockerfile-ast';
import type { BuildStep } from './build-step.js';
import { substitute } from '../inputs/dockerfile.js';

/** One step as BuildKit counts them: a FROM of an image, RUN, COPY, ADD, WORKDIR. */
export interface FingerprintStep {
  /** The stage as BuildKit titles it: its name, `stage-<i>` when unnamed. */
  stage: string;
  /** BuildKit's counter within the stage (`[stage n/m]`). */
  n: number;
  /** The Dockerfile line (1-based). */
  line: number;
  /** The instruction as written, whitespace collapsed: never expanded, so no argument value. */
  text: string;
  /** RUN: the ARGs in scope, name → hash of the value the step sees. */
  args?: Record<string, string>;
  /** COPY / ADD from the context: the files they read, path → content digest. */
  files?: Record<string, string>;
}

export interface Fingerprint {
  v: 1;
  /** The Dockerfile's path, as the build names it, and the target: another pair is another build. */
  dockerfile: string;
  target: string;
  steps: FingerprintStep[];
  /** Stage → the stages it builds on or copies from: a miss there explains a miss here. */
  needs: Record<string, string[]>;
  /** Per platform, per stage: the digest its FROM image resolved to. */
  bases: Record<string, Record<string, string>>;
}

/** What the fingerprint needs from the Dockerfile, before the context's files are hashed. */
export interface DockerfileSteps {
  steps: (FingerprintStep & { sources?: string[] })[];
  /** Stage (as titled) → the stages it builds on or copies from. */
  needs: Record<string, string[]>;
}

// A CommonJS module whose typings declare an ES default: Node's ESM loader hands over
// module.exports itself, the typings promise `.default`; either works.
type Matcher = { add: (patterns: string[]) => Matcher; ignores: (path: string) => boolean };
const loaded = ignoreModule as unknown as (() => Matcher) | { default: () => Matcher };
const dockerignore = typeof loaded === 'function' ? loaded : loaded.default;

const COUNTED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** A value's hash, salted with the name: equal values of two arguments do not look alike. */
export function argHash(name: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  return createHash('sha256').update(`kiln-build-arg\0${name}\0${value}`).digest('hex').slice(0, 16);
}

const collapse = (text: string) =>
  text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The Dockerfile's steps as BuildKit numbers them (`[base 3/6]`), with the ARGs each RUN sees
 * (build-args over the Dockerfile's defaults) hashed, and the context sources each COPY / ADD
 * reads, expanded (kept out of the stored fingerprint).
 */
export function dockerfileSteps(text: string, buildArgs: Readonly<Record<string, string>>): DockerfileSteps {
  const parsed = DockerfileParser.parse(text);
  const froms = parsed.getFROMs();
  const firstFrom = froms[0]?.getRange().start.line ?? Infinity;
  const globalDefaults: Record<string, string | undefined> = {};
  const names = froms.map((from, i) => from.getBuildStage()?.toLowerCase() ?? `stage-${i}`);
  // BuildKit names the stage in a step's title only when there are several (`[2/3]`, `[base 2/3]`).
  const titled = (i: number) => (froms.length === 1 ? '' : (names[i] ?? `stage-${i}`));
  const stageRef = (ref: string) => {
    const i = names.findIndex((n, index) => n === ref.toLowerCase() || String(index) === ref);
    return i === -1 ? undefined : titled(i);
  };
  const steps: DockerfileSteps['steps'] = [];
  const needs: Record<string, string[]> = {};
  let stage = -1;
  let n = 0;
  let scope: Record<string, string | undefined> = {};
  const stageNeeds = new Set<string>();
  const closeStage = () => {
    if (stage >= 0) needs[titled(stage)] = [...stageNeeds];
    stageNeeds.clear();
  };
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line;
    if (line < firstFrom) {
      if (keyword === 'ARG') for (const arg of argsOf(instruction.getArgumentsContent() ?? '')) globalDefaults[arg.name] = arg.value;
      continue;
    }
    const shown = collapse(instruction.getTextContent());
    if (keyword === 'FROM') {
      closeStage();
      stage += 1;
      n = 0;
      scope = {};
      const image = substitute(froms[stage]?.getImage() ?? '', { ...defined(globalDefaults), ...buildArgs });
      const parent = stageRef(image);
      if (parent !== undefined) stageNeeds.add(parent);
      else if (image !== 'scratch') steps.push({ stage: titled(stage), n: ++n, line: line + 1, text: shown });
      continue;
    }
    if (stage < 0) continue;
    if (keyword === 'ARG') {
      for (const arg of argsOf(instruction.getArgumentsContent() ?? '')) scope[arg.name] = arg.value ?? globalDefaults[arg.name];
      continue;
    }
    if (!COUNTED.has(keyword)) continue;
    const flags = 'getFlags' in instruction ? (instruction as { getFlags: () => { getName: () => string; getValue: () => string | null }[] }).getFlags() : [];
    const values = { ...defined(scope), ...pick(buildArgs, Object.keys(scope)) };
    for (const flag of flags) {
      const from =
        flag.getName() === 'from' ? flag.getValue() : flag.getName() === 'mount' ? /(?:^|,)from=([^,]+)/.exec(flag.getValue() ?? '')?.[1] : undefined;
      const ref = from === undefined || from === null ? undefined : stageRef(substitute(from, values));
      if (ref !== undefined) stageNeeds.add(ref);
    }
    const step: DockerfileSteps['steps'][number] = { stage: titled(stage), n: ++n, line: line + 1, text: shown };
    if (keyword === 'RUN') {
      step.args = Object.fromEntries(
        Object.keys(scope)
          .sort()
          .map((name) => [name, argHash(name, buildArgs[name] ?? scope[name])]),
      );
    }
    const fromContext = !flags.some((f) => f.getName() === 'from');
    if ((keyword === 'COPY' || keyword === 'ADD') && fromContext) {
      step.sources = sourcesOf(instruction.getArgumentsContent() ?? '').map((s) => substitute(s, values));
    }
    steps.push(step);
  }
  closeStage();
  return { steps, needs };
}

function defined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));
}

function pick(record: Readonly<Record<string, string>>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (record[k] === undefined ? [] : [[k, record[k]]])));
}

/** `ARG A=1 B` → names with their defaults. */
function argsOf(content: string): { name: string; value?: string }[] {
  return content
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const eq = item.indexOf('=');
      return eq === -1 ? { name: item } : { name: item.slice(0, eq), value: item.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2') };
    });
}

/** The sources of `COPY a b dest` / `COPY ["a", "b", "dest"]`: URLs, Git and heredocs read no context file. */
function sourcesOf(content: string): string[] {
  let args: string[];
  if (content.trim().startsWith('[')) {
    try {
      args = (JSON.parse(content) as unknown[]).map(String);
    } catch {
      args = [];
    }
  } else {
    if (content.includes('<<')) return [];
    args = content.split(/\s+/).filter(Boolean);
  }
  return args.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('git@'));
}

const normal = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');

/** The context files (relative, `/`-separated) that `sources` name: a directory its files, a glob its matches. */
export function filesOf(sources: readonly string[], paths: readonly string[]): string[] {
  // Steps repeat their sources (and filesUsed and fingerprint ask for the same ones): matched once per list of paths.
  const memo = matched.get(paths) ?? new Map<string, string[]>();
  matched.set(paths, memo);
  const key = sources.join('\0');
  const known = memo.get(key);
  if (known) return known;
  const patterns = sources.map(normal);
  const matcher = patterns.some((p) => p === '' || p === '.' || p === '*') ? undefined : dockerignore().add(patterns);
  const files = matcher ? paths.filter((p) => matcher.ignores(p)) : [...paths];
  memo.set(key, files);
  return files;
}
const matched = new WeakMap<readonly string[], Map<string, string[]>>();

/** Every context file some COPY / ADD step reads: the only ones worth hashing. */
export function filesUsed(dockerfile: DockerfileSteps, paths: readonly string[]): string[] {
  const used = new Set<string>();
  for (const step of dockerfile.steps) if (step.sources) for (const p of filesOf(step.sources, paths)) used.add(p);
  return [...used].sort();
}

/** The context's files minus those `.dockerignore` excludes (its text, '' for none). */
export function contextFiles(paths: readonly string[], ignoreText: string): string[] {
  const patterns = ignoreText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (patterns.length === 0) return [...paths];
  const matcher = dockerignore().add(patterns);
  return paths.filter((p) => !matcher.ignores(p));
}

const DIGEST = /@(sha256:[0-9a-f]{64})/;

/**
 * Per platform and stage, the digest each FROM image resolved to, from the log's FROM steps
 * (`[linux/arm64 base 1/6] FROM image@sha256:…`). `platform`: the one a log without platforms built.
 */
export function baseDigests(steps: readonly BuildStep[], platform: string): Record<string, Record<string, string>> {
  const bases: Record<string, Record<string, string>> = {};
  for (const step of steps) {
    if (!step.instruction?.startsWith('FROM ')) continue;
    const digest = DIGEST.exec(step.instruction)?.[1];
    if (digest === undefined) continue;
    const on = step.platform ?? platform;
    (bases[on] ??= {})[step.stage ?? ''] = digest;
  }
  return bases;
}

/** The fingerprint, from the Dockerfile's steps, the used files' digests and the bases. */
export function fingerprint(
  dockerfile: DockerfileSteps,
  which: { dockerfile: string; target: string },
  digests: Readonly<Record<string, string>>,
  paths: readonly string[],
  bases: Record<string, Record<string, string>>,
): Fingerprint {
  const steps = dockerfile.steps.map(({ sources, ...step }) => {
    if (!sources) return step;
    const files = Object.fromEntries(filesOf(sources, paths).map((p) => [p, digests[p] ?? '?']));
    return { ...step, files };
  });
  return { v: 1, dockerfile: which.dockerfile, target: which.target, steps, needs: dockerfile.needs, bases };
}
