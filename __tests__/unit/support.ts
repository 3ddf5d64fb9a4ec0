// Plain-data builders shared by the unit tests: no mocks, just the values the pure code takes.
import { parse } from 'yaml';
import type { GithubContext } from '../../src/github/context.js';
import type { InputSource } from '../../src/inputs/read.js';
import type { CacheInputs, Inputs, SetupInputs } from '../../src/inputs/types.js';
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

/** An InputSource over plain objects: `with:` values, the step's environment, existing paths. */
export function inputSource(
  values: Partial<Record<InputName, string>>,
  env: Record<string, string> = {},
  files: Iterable<string> = [],
): InputSource {
  const existing = new Set(files);
  return {
    get: (name) => values[name] ?? '',
    env,
    fileExists: (p) => existing.has(p),
    parseYaml: parse,
  };
}

/** The builder/QEMU inputs as readSetup returns them for an empty `with:` block. */
export function makeSetup(overrides: Partial<SetupInputs> = {}): SetupInputs {
  return {
    driver: 'auto',
    driverOpts: [],
    buildkitdFlags: '',
    buildkitdConfig: '',
    buildkitdConfigInline: '',
    endpoint: '',
    append: [],
    keepState: false,
    cleanup: true,
    qemu: 'auto',
    qemuImage: 'docker.io/tonistiigi/binfmt:latest',
    qemuPlatforms: [],
    ...overrides,
  };
}

/** The cache inputs as readCache returns them for an empty `with:` block. */
export function makeCache(overrides: Partial<CacheInputs> = {}): CacheInputs {
  return { backend: 'auto', scope: '', mode: 'auto', ref: '', write: 'auto', mounts: 'auto', exportTimeout: 300, ...overrides };
}

/** Inputs as readInputs returns them for an empty `with:` block, with overrides. */
export function makeInputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    addHosts: [],
    allow: [],
    annotations: [],
    attests: [],
    buildArgs: [],
    buildContexts: [],
    builder: '',
    cacheFrom: [],
    cacheTo: [],
    call: '',
    cgroupParent: '',
    context: '',
    file: '',
    githubToken: '',
    labels: [],
    load: false,
    network: '',
    noCache: false,
    noCacheFilters: [],
    outputs: [],
    platforms: [],
    provenance: '',
    pull: false,
    push: false,
    sbom: '',
    secrets: [],
    shmSize: '',
    ssh: [],
    tags: [],
    metadata: { images: [], rules: [] },
    target: '',
    ulimit: [],
    setup: makeSetup(),
    cache: makeCache(),
    summary: true,
    logins: [],
    report: { summary: true, checkAnnotations: true, recordUpload: false },
    fanOut: { mode: 'off' },
    ...overrides,
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
