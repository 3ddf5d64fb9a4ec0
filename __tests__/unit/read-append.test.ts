// `append` is read by readInputs with the other inputs: its nodes land in Inputs, its mistakes in
// the same InputErrors (main.ts no longer reads it apart and merges errors by hand).
import { describe, expect, it } from '@jest/globals';
import { InputErrors } from '../../src/inputs/errors.js';
import { readInputs } from '../../src/inputs/read.js';
import { inputSource, thrown } from './support.js';

describe('readInputs: append', () => {
  it('its nodes are in inputs.setup.append, parsed and normalized', () => {
    const { inputs } = readInputs(inputSource({ append: '- name: arm\n  endpoint: tcp://arm:1234\n  platforms: linux/aarch64\n' }));
    expect(inputs.setup.append).toEqual([{ name: 'arm', endpoint: 'tcp://arm:1234', platforms: ['linux/arm64'], driverOpts: [], buildkitdFlags: undefined }]);
  });

  it('its mistakes come in the one InputErrors, beside the other inputs’', () => {
    const errors = thrown(InputErrors, () => readInputs(inputSource({ platforms: 'linux/arm65', load: 'maybe', append: '- platforms: linux/arm64' }))).errors;
    expect(errors.map((e) => e.input).sort()).toEqual(['append', 'load', 'platforms']);
    expect(errors.find((e) => e.input === 'append')?.message).toContain('every node needs an endpoint');
  });

  it('without a YAML parser it is a programming error, not an input error', () => {
    const source = { ...inputSource({ append: '- endpoint: tcp://a:1' }), parseYaml: undefined };
    expect(() => readInputs(source)).toThrow('no YAML parser');
  });
});
