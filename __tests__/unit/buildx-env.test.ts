import { describe, expect, it } from '@jest/globals';
import { buildxBuildEnv } from '../../src/build/buildx-env.js';

describe('buildxBuildEnv', () => {
  it('asks buildx to write the build checks into the metadata file, as build-push-action does', () => {
    expect(buildxBuildEnv({ PATH: '/usr/bin', HOME: '/home/runner' })).toEqual({ PATH: '/usr/bin', HOME: '/home/runner', BUILDX_METADATA_WARNINGS: 'true' });
  });

  it.each(['false', '0', '1', ''])('leaves the job’s own BUILDX_METADATA_WARNINGS=%j as it is', (value) => {
    expect(buildxBuildEnv({ PATH: '/usr/bin', BUILDX_METADATA_WARNINGS: value })).toEqual({ PATH: '/usr/bin', BUILDX_METADATA_WARNINGS: value });
  });

  it('does not change the environment it is given (the step’s own, which other commands share)', () => {
    const env = { PATH: '/usr/bin' };
    buildxBuildEnv(env);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});
