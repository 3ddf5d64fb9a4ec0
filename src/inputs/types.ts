import type { Annotation, Label } from './annotations.js';
import type { AttestationInput, BuildxOption } from './buildx-option.js';
import type { MetadataInputs } from './metadata.js';
import type { Platform } from './platforms.js';
import type { ReportSwitches } from './report-env.js';
import type { SignInputs } from './sign.js';

export type { Env, InputSource } from './source.js';

/** Where a build secret's value comes from; the value itself never reaches a command line. */
export type SecretSource =
  | { kind: 'inline'; value: string }
  /** `contents`: the file's text when small enough to mask (inputs/secrets.ts). */
  | { kind: 'file'; path: string; contents?: string }
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
  annotations: Annotation[];
  attests: BuildxOption[];
  buildArgs: string[];
  /** build-args as the Dockerfile's ARGs see them: NAME=value, a bare NAME with the step's variable. */
  buildArgValues: Readonly<Record<string, string>>;
  buildContexts: string[];
  builder: string;
  cacheFrom: BuildxOption[];
  cacheTo: BuildxOption[];
  /** `--call` method with its options as given, '' for a plain build. */
  call: string;
  cgroupParent: string;
  /** As given: '' (Kiln chooses), 'git' (force the Git context), a path or a URL. */
  context: string;
  file: string;
  githubToken: string;
  labels: Label[];
  load: boolean;
  network: string;
  noCache: boolean;
  noCacheFilters: string[];
  outputs: BuildxOption[];
  /** Normalized (inputs/platforms.ts) and each once: compare them as they are. */
  platforms: Platform[];
  provenance: AttestationInput;
  pull: boolean;
  push: boolean;
  /** Timestamps from the commit's time, so the same commit gives the same image. */
  reproducible: boolean;
  sbom: AttestationInput;
  secrets: Secret[];
  shmSize: string;
  ssh: string[];
  tags: string[];
  /** `images` and the `type=…` rules of `tags` (metadata-action's); `tags` keeps the literal ones. */
  metadata: MetadataInputs;
  target: string;
  ulimit: string[];
  setup: SetupInputs;
  cache: CacheInputs;
  /** Write the job summary. */
  summary: boolean;
  /** Registry logins (`registry`/`username`/`password` and `registry-auth`), in that order. */
  logins: RegistryLogin[];
  /** docker/build-push-action's DOCKER_BUILD_* switches and `record-upload`. */
  report: ReportSwitches;
  /** This job's part of a multi-runner build (`fan-out`); mode off builds as usual. */
  fanOut: FanOut;
  /** `sign`, `signing-config`, `trusted-root`: keyless signing and provenance of the push. */
  sign: SignInputs;
}

/** One registry to log in to. An empty password (secrets withheld from a fork) is skipped with a notice. */
export interface RegistryLogin {
  /** As Docker's config keys it: host[:port], or https://index.docker.io/v1/ for Docker Hub. */
  registry: string;
  username: string;
  password: string;
  /** Where it was given: the `password` trio or `registry-auth`. */
  input: 'password' | 'registry-auth';
}

/** `fan-out`: off (''), auto (the runner's native platforms), an explicit list, or merge (assemble only). */
export type FanOut = { mode: 'off' } | { mode: 'auto' } | { mode: 'merge' } | { mode: 'list'; platforms: Platform[] };

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
  platforms: Platform[];
  driverOpts: BuildxOption[];
  buildkitdFlags?: string;
}

/** How the step gets its builder and emulators (Kiln's own inputs). */
export interface SetupInputs {
  driver: 'auto' | Driver;
  driverOpts: BuildxOption[];
  buildkitdFlags: string;
  buildkitdConfig: string;
  buildkitdConfigInline: string;
  endpoint: string;
  /** `append`'s nodes, parsed by parseAppend (the YAML parser comes in through InputSource). */
  append: AppendNode[];
  keepState: boolean;
  cleanup: boolean;
  qemu: 'auto' | 'true' | 'false';
  qemuImage: string;
  /** Platforms to emulate; [] means those of `platforms` that no node runs natively. */
  qemuPlatforms: Platform[];
}
