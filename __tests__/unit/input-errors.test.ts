import { describe, expect, it } from '@jest/globals';
import { EnvError, errorTitle, InputError } from '../../src/inputs/errors.js';

describe('the title of an input error annotation', () => {
  it('names the input', () => {
    expect(errorTitle(new InputError('push', 'maybe', 'use true or false'))).toBe('Invalid input: push');
  });

  it('calls an environment variable by what it is, not an input', () => {
    const error = new EnvError('DOCKER_BUILD_SUMMARY', 'nope', 'use true or false');
    expect(errorTitle(error)).toBe('Invalid environment variable: DOCKER_BUILD_SUMMARY');
    expect(error.message).toBe('Environment variable DOCKER_BUILD_SUMMARY has "nope": use true or false');
  });
});
