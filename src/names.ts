// Every name the runner and the action share lives here, so action.yml, the code and the README
// cannot drift apart silently: __tests__/unit/action-yml.test.ts compares them.

/** build-push-action v7's inputs, same names and meanings. */
export const BUILD_PUSH_INPUTS = [
  'add-hosts',
  'allow',
  'annotations',
  'attests',
  'build-args',
  'build-contexts',
  'builder',
  'cache-from',
  'cache-to',
  'call',
  'cgroup-parent',
  'context',
  'file',
  'github-token',
  'labels',
  'load',
  'network',
  'no-cache',
  'no-cache-filters',
  'outputs',
  'platforms',
  'provenance',
  'pull',
  'push',
  'sbom',
  'secret-envs',
  'secret-files',
  'secrets',
  'shm-size',
  'ssh',
  'tags',
  'target',
  'ulimit',
] as const;

/** Kiln's own inputs for its builder and QEMU (setup-buildx-action's names where they exist). */
export const SETUP_INPUTS = [
  'append',
  'buildkitd-config',
  'buildkitd-config-inline',
  'buildkitd-flags',
  'cleanup',
  'driver',
  'driver-opts',
  'endpoint',
  'keep-state',
  'qemu',
  'qemu-image',
  'qemu-platforms',
] as const;

/** Kiln's cache inputs: zero configuration by default, every backend on request. */
export const CACHE_INPUTS = ['cache', 'cache-export-timeout', 'cache-mode', 'cache-mounts', 'cache-ref', 'cache-scope', 'cache-write'] as const;

/** Tags and labels from Git, with docker/metadata-action's names and rules. */
export const METADATA_INPUTS = ['images', 'flavor'] as const;

/** Registry login in the same step (login-action's names, and a list for several registries). */
export const LOGIN_INPUTS = ['password', 'registry', 'registry-auth', 'username'] as const;

/** What Kiln reports beyond its outputs. */
export const REPORT_INPUTS = ['summary', 'record-upload'] as const;

/** Kiln's multi-runner build: legs that assemble their own index. */
export const FAN_OUT_INPUTS = ['fan-out'] as const;

/** Keyless signing and provenance of the pushed image (Sigstore). */
export const SIGN_INPUTS = ['sign', 'signing-config', 'trusted-root'] as const;
/** Same commit, same image: timestamps from the commit. */
export const REPRODUCIBLE_INPUTS = ['reproducible'] as const;

export const INPUTS = [
  ...BUILD_PUSH_INPUTS,
  ...SETUP_INPUTS,
  ...CACHE_INPUTS,
  ...METADATA_INPUTS,
  ...REPORT_INPUTS,
  ...LOGIN_INPUTS,
  ...FAN_OUT_INPUTS,
  ...SIGN_INPUTS,
  ...REPRODUCIBLE_INPUTS,
] as const;
export type InputName = (typeof INPUTS)[number];

export const OUTPUTS = [
  'imageid',
  'digest',
  'metadata',
  'digests',
  'tags',
  'builder',
  'qemu-platforms',
  'manifest',
  'cache-hit-ratio',
  'cache',
  'duration',
  'build-ref',
  'labels',
  'version',
  'signatures',
  'attestation-url',
] as const;
export type OutputName = (typeof OUTPUTS)[number];

/** Keys the main step leaves for the post step (the runner hands them back as STATE_<key>). */
export const STATE = {
  /** The per-step temp directory holding secret files, iidfile and metadata file. */
  tempDir: 'kiln-temp-dir',
  /** The builder this step created (never one it reused), for the post step to remove. */
  builder: 'kiln-builder',
  /** The local cache directory (cache: local), removed by the post step once it is saved. */
  cacheDir: 'kiln-cache-dir',
  /** Where cache-mount contents were restored and extracted, removed by the post step. */
  mountsDir: 'kiln-mounts-dir',
  /** `buildx rm` flags for that builder: 'rm', '--keep-state', or absent to keep it (step-state.ts reads and writes it). */
  builderRemoveFlags: 'kiln-builder-rm-flags',
  /** The process group of the build's buildx, which the post step stops if it is still running. */
  buildxGroup: 'kiln-buildx-group',
} as const;

/**
 * The job variable (GITHUB_ENV) through which the main step tells the runner that its post step has
 * nothing left to do: its value is the step's GITHUB_ACTION, which action.yml's `post-if` compares
 * with `github.action` (src/post-skip.ts).
 */
export const POST_DONE_VARIABLE = 'KILN_POST_DONE';
