import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { builderGone, removeBuilderArgs } from '../../src/process/builder-removal.js';

describe('removeBuilderArgs', () => {
  it('removes the builder with its state unless keep-state', () => {
    expect(removeBuilderArgs('kiln-1-build', false)).toEqual(['buildx', 'rm', 'kiln-1-build']);
    expect(removeBuilderArgs('kiln-1-build', true)).toEqual(['buildx', 'rm', '--keep-state', 'kiln-1-build']);
  });
});

describe('builderGone', () => {
  it.each<[number | null, string, boolean]>([
    [0, '', true],
    // What buildx 0.29.1 prints for a builder that no longer exists (`docker buildx rm` on this engine).
    [1, 'failed to remove kiln-x: no builder "kiln-x" found\nERROR: failed to remove one or more builders\n', true],
    // Any other failure leaves it in place.
    [1, 'failed to remove kiln-x: context deadline exceeded\nERROR: failed to remove one or more builders\n', false],
    [null, 'could not run docker: spawn docker ENOENT', false],
  ])('exit %s, %j → %s', (exitCode, stderr, gone) => {
    expect(builderGone(exitCode, stderr)).toBe(gone);
  });

  it('the module imports nothing, so the post step stays cheap to load', () => {
    const source = readFileSync(new URL('../../src/process/builder-removal.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).toMatch(/export function removeBuilderArgs/);
  });
});
