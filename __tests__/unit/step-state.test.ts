import { describe, expect, it } from '@jest/globals';
import { STATE } from '../../src/names.js';
import { type BuilderRemoval, builderRemovalArgs, readStepState, stateWriter } from '../../src/step-state.js';

/** What the runner would hand the post step: each saved key as STATE_<key>. */
function roundTrip(write: (w: ReturnType<typeof stateWriter>) => void): Record<string, string> {
  const env: Record<string, string> = {};
  write(
    stateWriter((key, value) => {
      env[`STATE_${key}`] = value;
    }),
  );
  return env;
}

describe('step state: what main leaves and post reads', () => {
  it('nothing saved reads as nothing to clean up', () => {
    expect(readStepState({})).toEqual({});
  });

  it.each<[BuilderRemoval, string[] | undefined]>([
    ['remove', ['buildx', 'rm', 'kiln-b']],
    ['remove-keep-state', ['buildx', 'rm', '--keep-state', 'kiln-b']],
    ['keep', undefined],
  ])('a builder to %s reads back as such', (removal, args) => {
    const state = readStepState(
      roundTrip((w) => {
        w.builder('kiln-b', removal);
      }),
    );
    expect(state.builder).toEqual({ name: 'kiln-b', removal });
    expect(builderRemovalArgs(state.builder)).toEqual(args);
  });

  it('directories and the buildx group round-trip; the wire keys are names.ts’s', () => {
    const env = roundTrip((w) => {
      w.tempDir('/t/kiln-x');
      w.cacheDir('/t/kiln-x/kiln-cache');
      w.mountsDir('/t/kiln-x/kiln-mounts');
      w.buildxGroup(4242);
    });
    expect(env[`STATE_${STATE.tempDir}`]).toBe('/t/kiln-x');
    expect(env[`STATE_${STATE.buildxGroup}`]).toBe('4242');
    expect(readStepState(env)).toEqual({ tempDir: '/t/kiln-x', cacheDir: '/t/kiln-x/kiln-cache', mountsDir: '/t/kiln-x/kiln-mounts', buildxGroup: 4242 });
  });

  // A group id of 0 or 1 would signal this process's own group or init: never a buildx group.
  it('a buildx group that is not a real group id is ignored', () => {
    for (const value of ['', '0', '1', 'x']) expect(readStepState({ [`STATE_${STATE.buildxGroup}`]: value }).buildxGroup).toBeUndefined();
  });
});
