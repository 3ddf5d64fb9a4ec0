import { describe, expect, it } from '@jest/globals';
import { attachesProvenance, buildxBuildEnv } from '../../src/build/buildx-env.js';

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

  it('leaves buildx.build.provenance out of the metadata file when the build attaches no provenance', () => {
    expect(buildxBuildEnv({ PATH: '/usr/bin' }, ['buildx', 'build', '--provenance', 'false', '.'])).toEqual({
      PATH: '/usr/bin',
      BUILDX_METADATA_WARNINGS: 'true',
      BUILDX_METADATA_PROVENANCE: 'disabled',
    });
    expect(buildxBuildEnv({ PATH: '/usr/bin' }, ['buildx', 'build', '--provenance', 'mode=max', '.'])).toEqual({
      PATH: '/usr/bin',
      BUILDX_METADATA_WARNINGS: 'true',
    });
  });

  it('leaves the job’s own BUILDX_METADATA_PROVENANCE as it is', () => {
    expect(buildxBuildEnv({ BUILDX_METADATA_PROVENANCE: 'max' }, ['buildx', 'build', '--provenance', 'false', '.'])).toEqual({
      BUILDX_METADATA_PROVENANCE: 'max',
      BUILDX_METADATA_WARNINGS: 'true',
    });
  });
});

describe('attachesProvenance (checked against buildx 0.29: an index with an attestation manifest, or a plain manifest)', () => {
  it.each<[string[], Record<string, string>, boolean]>([
    [['buildx', 'build', '.'], {}, true],
    [['buildx', 'build', '--load', '.'], {}, true],
    [['buildx', 'build', '.'], { BUILDX_NO_DEFAULT_ATTESTATIONS: '1' }, false],
    [['buildx', 'build', '--provenance', 'mode=min,inline-only=true,builder-id=https://x/run', '.'], { BUILDX_NO_DEFAULT_ATTESTATIONS: '1' }, true],
    [['buildx', 'build', '--provenance', 'false', '.'], {}, false],
    [['buildx', 'build', '--provenance', '0', '.'], {}, false],
    [['buildx', 'build', '--provenance', 'True', '.'], {}, true],
    [['buildx', 'build', '--provenance', 'mode=max,disabled=true', '.'], {}, false],
    [['buildx', 'build', '--attest', 'type=provenance,disabled=true', '.'], {}, false],
    [['buildx', 'build', '--attest', 'type=provenance,mode=max', '.'], {}, true],
    [['buildx', 'build', '--attest', 'type=sbom', '--provenance', 'false', '.'], {}, false],
    [['buildx', 'build', '--attest', 'type=sbom,disabled=true', '.'], {}, true],
  ])('%j with %j: %s', (args, env, expected) => {
    expect(attachesProvenance(args, env)).toBe(expected);
  });
});
