// Plain-data builders shared by the unit tests: no mocks, just the values the pure code takes.
import { parse } from 'yaml';
import type { GithubContext } from '../../src/github/context.js';
import { type Annotation, readAnnotation, readLabel } from '../../src/inputs/annotations.js';
import type { InputSource } from '../../src/inputs/read.js';
import { DEFAULT_FLAVOR } from '../../src/inputs/flavor.js';
import { attestationInput, attributesOption, cacheOption, outputOption } from '../../src/inputs/parse-buildx-options.js';
import { normalizePlatforms, type Platform } from '../../src/inputs/platforms.js';
import type { AppendNode, CacheInputs, Inputs, SetupInputs } from '../../src/inputs/types.js';
import type { InputName } from '../../src/names.js';

export const RUN_URL = 'https://github.com/o/r/actions/runs/42/attempts/1';

export function githubContext(overrides: Partial<GithubContext> = {}): GithubContext {
  return {
    serverUrl: 'https://github.com',
    repository: 'o/r',
    sha: '0123456789abcdef0123456789abcdef01234567',
    ref: 'refs/heads/main',
    eventName: 'push',
    runId: '42',
    runAttempt: '1',
    workspace: '/ws',
    runnerTemp: '/runner/temp',
    action: '__run',
    payload: {},
    ...overrides,
  };
}

/** Platforms a test writes already normalized (what readInputs hands on), typed as such. */
export const platformsOf = (...names: string[]): Platform[] => names as Platform[];
export const platformOf = (name: string): Platform => name as Platform;

/** An InputSource over plain objects: `with:` values, the step's environment, existing paths. */
export function inputSource(values: Partial<Record<InputName, string>>, env: Record<string, string> = {}, files: Iterable<string> = []): InputSource {
  const existing = new Set(files);
  return {
    get: (name) => values[name] ?? '',
    env,
    fileExists: (p) => existing.has(p),
    parseYaml: parse,
  };
}

/** The builder/QEMU inputs as readSetup returns them for an empty `with:` block. */
/** Setup inputs as a test writes them: driver-opts as the text of each entry. */
export type SetupOverrides = Omit<Partial<SetupInputs>, 'driverOpts' | 'append' | 'qemuPlatforms'> & {
  driverOpts?: string[];
  append?: (Omit<AppendNode, 'driverOpts' | 'platforms'> & { driverOpts: string[]; platforms: string[] })[];
  qemuPlatforms?: string[];
};

/** Inputs as a test writes them: the buildx option entries as their text, parsed as readInputs parses them. */
export type InputOverrides = Omit<
  Partial<Inputs>,
  'annotations' | 'attests' | 'cacheFrom' | 'cacheTo' | 'labels' | 'outputs' | 'provenance' | 'sbom' | 'platforms'
> & {
  annotations?: string[];
  labels?: string[];
  platforms?: string[];
  attests?: string[];
  cacheFrom?: string[];
  cacheTo?: string[];
  outputs?: string[];
  provenance?: string;
  sbom?: string;
};

export function makeSetup(given: SetupOverrides = {}): SetupInputs {
  const { driverOpts, append, qemuPlatforms, ...overrides } = given;
  return {
    driver: 'auto',
    buildkitdFlags: '',
    buildkitdConfig: '',
    buildkitdConfigInline: '',
    endpoint: '',
    keepState: false,
    cleanup: true,
    qemu: 'auto',
    qemuImage: 'docker.io/tonistiigi/binfmt:latest',
    ...overrides,
    qemuPlatforms: normalizePlatforms(qemuPlatforms ?? []),
    driverOpts: (driverOpts ?? []).map(attributesOption),
    append: (append ?? []).map((n) => ({ ...n, platforms: normalizePlatforms(n.platforms), driverOpts: n.driverOpts.map(attributesOption) })),
  };
}

/** The cache inputs as readCache returns them for an empty `with:` block. */
export function makeCache(overrides: Partial<CacheInputs> = {}): CacheInputs {
  return { backend: 'auto', scope: '', mode: 'auto', ref: '', write: 'auto', mounts: 'auto', exportTimeout: 300, ...overrides };
}

/** An annotation a test writes, read as readInputs reads it (a test's annotation must be well-formed). */
export function annotationOfText(text: string): Annotation {
  const read = readAnnotation(text);
  if (read.problem !== undefined) throw new Error(`test annotation ${text}: ${read.problem}`);
  return read.annotation;
}

/** Inputs as readInputs returns them for an empty `with:` block, with overrides. */
export function makeInputs(given: InputOverrides = {}): Inputs {
  const { annotations, attests, cacheFrom, cacheTo, labels, outputs, provenance, sbom, platforms, ...overrides } = given;
  return {
    addHosts: [],
    allow: [],
    buildArgs: [],
    buildArgValues: {},
    buildContexts: [],
    builder: '',
    call: '',
    cgroupParent: '',
    context: '',
    file: '',
    githubToken: '',
    load: false,
    network: '',
    noCache: false,
    noCacheFilters: [],
    pull: false,
    push: false,
    reproducible: false,
    secrets: [],
    shmSize: '',
    ssh: [],
    tags: [],
    metadata: { images: [], rules: [], flavor: DEFAULT_FLAVOR, annotationLevels: [], shortShaLength: 7, prHeadSha: false },
    target: '',
    ulimit: [],
    setup: makeSetup(),
    cache: makeCache(),
    summary: true,
    logins: [],
    report: { summary: true, checkAnnotations: true, recordUpload: false },
    fanOut: { mode: 'off' },
    ...overrides,
    platforms: normalizePlatforms(platforms ?? []),
    annotations: (annotations ?? []).map(annotationOfText),
    labels: (labels ?? []).map(readLabel),
    attests: (attests ?? []).map(attributesOption),
    cacheFrom: (cacheFrom ?? []).map(cacheOption),
    cacheTo: (cacheTo ?? []).map(cacheOption),
    outputs: (outputs ?? []).map(outputOption),
    provenance: attestationInput(provenance ?? '', 'provenance'),
    sbom: attestationInput(sbom ?? '', 'sbom'),
  };
}

/** Runs `fn`, expecting it to throw an instance of `type`, and returns what it threw. */
export function thrown<T extends Error>(type: abstract new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw new Error(`expected ${type.name}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected ${type.name}, nothing was thrown`);
}
