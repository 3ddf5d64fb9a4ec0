// The one reader and writer of what the main step leaves for the post step (as actions/cache's
// state provider): keys from names.ts, values typed here. It imports nothing heavy: the post step
// loads it, and its start-up is pure overhead.
import { STATE } from './names.js';
import { removeBuilderArgs } from './process/builder-removal.js';

/** What the post step does with the builder this step created (a reused one is never removed). */
export type BuilderRemoval = 'remove' | 'remove-keep-state' | 'keep';

/** Everything the post step cleans up, as the main step recorded it. */
export interface StepState {
  /** The per-step temp directory (secret files, iidfile, metadata file). */
  tempDir?: string;
  /** The builder this step created, and whether `buildx rm` removes it (keeping its state or not). */
  builder?: { name: string; removal: BuilderRemoval };
  /** The local cache directory (cache: local). */
  cacheDir?: string;
  /** Where cache-mount contents were restored. */
  mountsDir?: string;
  /** The process group of the build's buildx, stopped if it is still running. */
  buildxGroup?: number;
}

// The wire values of a removal: what older bundles wrote too, so a main and post of one version agree.
const REMOVAL_FLAGS: Record<BuilderRemoval, string> = { remove: 'rm', 'remove-keep-state': '--keep-state', keep: '' };

/** Writes state through the runner's `saveState`; each call records one fact at the moment it becomes true. */
export function stateWriter(save: (key: string, value: string) => void) {
  return {
    tempDir: (dir: string) => {
      save(STATE.tempDir, dir);
    },
    builder: (name: string, removal: BuilderRemoval) => {
      save(STATE.builder, name);
      if (removal !== 'keep') save(STATE.builderRemoveFlags, REMOVAL_FLAGS[removal]);
    },
    cacheDir: (dir: string) => {
      save(STATE.cacheDir, dir);
    },
    mountsDir: (dir: string) => {
      save(STATE.mountsDir, dir);
    },
    buildxGroup: (pgid: number) => {
      save(STATE.buildxGroup, String(pgid));
    },
  };
}

export type StateWriter = ReturnType<typeof stateWriter>;

/** The state the runner hands back to the post step as `STATE_<key>` variables. */
export function readStepState(env: Readonly<Record<string, string | undefined>>): StepState {
  const get = (key: string) => env[`STATE_${key}`] ?? '';
  const name = get(STATE.builder);
  const flags = get(STATE.builderRemoveFlags);
  const removal: BuilderRemoval = flags === '--keep-state' ? 'remove-keep-state' : flags === '' ? 'keep' : 'remove';
  const group = Number(get(STATE.buildxGroup));
  return {
    tempDir: get(STATE.tempDir) || undefined,
    builder: name ? { name, removal } : undefined,
    cacheDir: get(STATE.cacheDir) || undefined,
    mountsDir: get(STATE.mountsDir) || undefined,
    buildxGroup: Number.isInteger(group) && group > 1 ? group : undefined,
  };
}

/** `buildx rm` arguments for a builder to remove; undefined when it stays. */
/** The directories the step left on disk, for whichever of the two steps removes them (post.ts, post-skip.ts). */
export function stepDirs(state: StepState): string[] {
  return [state.tempDir, state.cacheDir, state.mountsDir].filter((dir): dir is string => dir !== undefined);
}

export function builderRemovalArgs(builder: StepState['builder']): string[] | undefined {
  if (!builder || builder.removal === 'keep') return undefined;
  return removeBuilderArgs(builder.name, builder.removal === 'remove-keep-state');
}
