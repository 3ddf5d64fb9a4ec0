import { describe, expect, it } from '@jest/globals';
import { buildxArgsLine } from '../../src/build/args-line.js';

describe('buildxArgsLine: the build’s arguments as one debug line', () => {
  it('is the prefix and the arguments as one JSON object, each argument whole', () => {
    expect(buildxArgsLine(['buildx', 'build', '--cache-to', 'type=gha,"scope=a,b"', '.'])).toBe(
      'Kiln buildx: {"args":["buildx","build","--cache-to","type=gha,\\"scope=a,b\\"","."]}',
    );
  });
});
