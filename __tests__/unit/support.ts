// Plain-data builders shared by the unit tests: no mocks, just the values the pure code takes.
import { parse } from 'yaml';
import type { GithubContext } from '../../src/github/context.js';
import type { Annotation, Label } from '../../src/inputs/annotations.js';
import type { AttestationInput, BuildxOption } from '../../src/inputs/buildx-option.js';
import type { InputSource } from '../../src/inputs/read.js';
import { DEFAULT_FLAVOR } from '../../src/inputs/flavor.js';
import type { Platform } from '../../src/inputs/platforms.js';
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

// Nothing below calls the parsers in src/inputs: a test that builds its values with the code it
// checks cannot catch a fault in that code. A test writes each value in full, or in the one plain
// form below whose meaning is obvious from the text.

/**
 * A buildx option entry a test writes as plain `key=value` fields (no quoting, no bare forms):
 * split on `,` and each field on its first `=`. Anything else (a bare reference, a quoted field)
 * is written out as a BuildxOption literal.
 */
export function entry(raw: string): BuildxOption {
  const attrs: Record<string, string> = {};
  for (const field of raw.split(',')) {
    const at = field.indexOf('=');
    if (at <= 0 || field.includes('"')) throw new Error(`test entry ${JSON.stringify(raw)}: write it as a BuildxOption literal`);
    attrs[field.slice(0, at)] = field.slice(at + 1);
  }
  return { raw, attrs };
}

/** A bare `cache-from` / `cache-to` reference: a registry cache at that reference. */
export const bareRef = (ref: string): BuildxOption => ({ raw: ref, attrs: { type: 'registry', ref } });
/** A bare `outputs` path: a local export to it. */
export const barePath = (dest: string): BuildxOption => ({ raw: dest, attrs: { type: 'local', dest } });
/** `outputs: -`: a tar to stdout. */
export const TAR_TO_STDOUT: BuildxOption = { raw: '-', attrs: { type: 'tar', dest: '-' } };

/** An entry a test gives either as plain `key=value` text (entry) or as a literal. */
export const entryOf = (given: string | BuildxOption): BuildxOption => (typeof given === 'string' ? entry(given) : given);

/** A `labels` item a test writes as `key=value`: the key before the first `=`. */
export function label(raw: string): Label {
  const at = raw.indexOf('=');
  if (at <= 0) throw new Error(`test label ${JSON.stringify(raw)}: write it as a Label literal`);
  return { raw, key: raw.slice(0, at), value: raw.slice(at + 1) };
}

/** Setup inputs as a test writes them: platforms already normalized, driver-opts as plain entries. */
export type SetupOverrides = Omit<Partial<SetupInputs>, 'driverOpts' | 'append' | 'qemuPlatforms'> & {
  driverOpts?: (string | BuildxOption)[];
  append?: (Omit<AppendNode, 'driverOpts' | 'platforms'> & { driverOpts: (string | BuildxOption)[]; platforms: string[] })[];
  qemuPlatforms?: string[];
};

/** Inputs as a test writes them: platforms already normalized, buildx option entries and labels in their plain form. */
export type InputOverrides = Omit<Partial<Inputs>, 'attests' | 'cacheFrom' | 'cacheTo' | 'labels' | 'outputs' | 'platforms'> & {
  labels?: (string | Label)[];
  platforms?: string[];
  attests?: (string | BuildxOption)[];
  cacheFrom?: (string | BuildxOption)[];
  cacheTo?: (string | BuildxOption)[];
  outputs?: (string | BuildxOption)[];
};

/** The builder/QEMU inputs as readSetup returns them for an empty `with:` block, with overrides. */
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
    qemuPlatforms: platformsOf(...(qemuPlatforms ?? [])),
    driverOpts: (driverOpts ?? []).map(entryOf),
    append: (append ?? []).map((n) => ({ ...n, platforms: platformsOf(...n.platforms), driverOpts: n.driverOpts.map(entryOf) })),
  };
}

/** The cache inputs as readCache returns them for an empty `with:` block. */
export function makeCache(overrides: Partial<CacheInputs> = {}): CacheInputs {
  return { backend: 'auto', scope: '', mode: 'auto', ref: '', write: 'auto', mounts: 'auto', exportTimeout: 300, ...overrides };
}

/** An annotation without levels, written as `key=value`. */
export function annotation(raw: string): Annotation {
  return { ...label(raw), levels: [], platform: '' };
}

/** `provenance` / `sbom` on with the attributes a test writes as plain `key=value` fields. */
export function attestationOn(raw: string): AttestationInput {
  return { mode: 'on', raw, attrs: entry(raw).attrs };
}

/** Inputs as readInputs returns them for an empty `with:` block, with overrides. */
export function makeInputs(given: InputOverrides = {}): Inputs {
  const { attests, cacheFrom, cacheTo, labels, outputs, platforms, ...overrides } = given;
  return {
    addHosts: [],
    allow: [],
    annotations: [],
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
    provenance: { mode: 'default' },
    pull: false,
    push: false,
    sbom: { mode: 'default' },
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
    sign: { mode: 'auto' },
    ...overrides,
    platforms: platformsOf(...(platforms ?? [])),
    labels: (labels ?? []).map((l) => (typeof l === 'string' ? label(l) : l)),
    attests: (attests ?? []).map(entryOf),
    cacheFrom: (cacheFrom ?? []).map(entryOf),
    cacheTo: (cacheTo ?? []).map(entryOf),
    outputs: (outputs ?? []).map(entryOf),
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
