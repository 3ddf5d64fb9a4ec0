/** Where a build secret's value comes from; the value itself never reaches a command line. */
export type SecretSource =
  | { kind: 'inline'; value: string }
  | { kind: 'file'; path: string }
  | { kind: 'env'; name: string };

export interface Secret {
  id: string;
  /** The input it came from, for messages. */
  input: 'secrets' | 'secret-files' | 'secret-envs';
  source: SecretSource;
}

/** The step's inputs, parsed and validated once; nothing downstream reads raw inputs. */
export interface Inputs {
  addHosts: string[];
  allow: string[];
  annotations: string[];
  attests: string[];
  buildArgs: string[];
  buildContexts: string[];
  builder: string;
  cacheFrom: string[];
  cacheTo: string[];
  /** `--call` method with its options as given, '' for a plain build. */
  call: string;
  cgroupParent: string;
  /** As given: '' (Kiln chooses), 'git' (force the Git context), a path or a URL. */
  context: string;
  file: string;
  githubToken: string;
  labels: string[];
  load: boolean;
  network: string;
  noCache: boolean;
  noCacheFilters: string[];
  outputs: string[];
  platforms: string[];
  provenance: string;
  pull: boolean;
  push: boolean;
  sbom: string;
  secrets: Secret[];
  shmSize: string;
  ssh: string[];
  tags: string[];
  target: string;
  ulimit: string[];
  setup: SetupInputs;
  cache: CacheInputs;
  /** Write the job summary. */
  summary: boolean;
}

/** How the build is cached when cache-from / cache-to are not given. */
export interface CacheInputs {
  backend: 'auto' | 'gha' | 'registry' | 'local' | 'inline' | 'none';
  /** '' derives it from the image name. */
  scope: string;
  mode: 'auto' | 'min' | 'max';
  /** Registry cache image; '' derives <repository of the first tag>:buildcache. */
  ref: string;
  write: 'auto' | 'true' | 'false';
  /** RUN --mount=type=cache targets kept across runs: auto (from the Dockerfile), none, or a list. */
  mounts: 'auto' | 'none' | string[];
  /** Seconds a cache export may run once the image is pushed, before it is stopped; 0: no limit. */
  exportTimeout: number;
}

export type Driver = 'docker' | 'docker-container' | 'remote' | 'kubernetes';

/** One extra builder node (`append`), as setup-buildx-action takes them. */
export interface AppendNode {
  name?: string;
  endpoint?: string;
  platforms: string[];
  driverOpts: string[];
  buildkitdFlags?: string;
}

/** How the step gets its builder and emulators (Kiln's own inputs). */
export interface SetupInputs {
  driver: 'auto' | Driver;
  driverOpts: string[];
  buildkitdFlags: string;
  buildkitdConfig: string;
  buildkitdConfigInline: string;
  endpoint: string;
  /** The `append` YAML as given; parsed by parseAppend (its parser loads only when needed). */
  append: string;
  keepState: boolean;
  cleanup: boolean;
  qemu: 'auto' | 'true' | 'false';
  qemuImage: string;
  /** Platforms to emulate; [] means those of `platforms` that no node runs natively. */
  qemuPlatforms: string[];
}
