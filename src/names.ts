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

export const INPUTS = [...BUILD_PUSH_INPUTS] as const;
export type InputName = (typeof INPUTS)[number];

export const OUTPUTS = ['imageid', 'digest', 'metadata', 'digests', 'tags'] as const;
export type OutputName = (typeof OUTPUTS)[number];

/** Keys the main step leaves for the post step (the runner hands them back as STATE_<key>). */
export const STATE = {
  /** The per-step temp directory holding secret files, iidfile and metadata file. */
  tempDir: 'kiln-temp-dir',
} as const;
