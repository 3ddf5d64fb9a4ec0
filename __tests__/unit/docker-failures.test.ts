import { describe, expect, it } from '@jest/globals';
import { couldNotPull, failureLines } from '../../src/process/docker.js';

// What docker 28.5 / buildx 0.29 print when an image can't be fetched, and when something else failed.
describe('couldNotPull', () => {
  it.each([
    "Unable to find image 'localhost:5000/kiln/no-such-binfmt:1' locally\ndocker: Error response from daemon: manifest unknown",
    'ERROR: failed to initialize builder b (b0): Error response from daemon: pull access denied for moby/buildkit, repository does not exist',
    'docker: Error response from daemon: toomanyrequests: You have reached your pull rate limit.',
    'dial tcp: lookup registry-1.docker.io: no such host',
    'failed to resolve source metadata for docker.io/moby/buildkit:buildx-stable-1',
    'docker: Error response from daemon: unauthorized: authentication required',
  ])('%s', (stderr) => {
    expect(couldNotPull(stderr)).toBe(true);
  });

  it.each([
    'docker: Error response from daemon: failed to create task for container: operation not permitted',
    'mount: /proc/sys/fs/binfmt_misc: permission denied',
    '',
  ])('not a pull failure: %s', (stderr) => {
    expect(couldNotPull(stderr)).toBe(false);
  });
});

describe('failureLines', () => {
  it('keeps the last three error lines and drops the progress', () => {
    const stderr = [
      '#1 [internal] booting buildkit',
      'error one',
      '#2 pulling image',
      'ERROR: two',
      'connection refused',
      'tls: bad certificate',
      '#3 done',
    ].join('\n');
    expect(failureLines(stderr)).toBe('ERROR: two | connection refused | tls: bad certificate');
  });

  it('falls back to the last lines when none looks like an error', () => {
    expect(failureLines('a\nb\n\n c \nd\n')).toBe('b | c | d');
  });

  it('says so when there was no output', () => {
    expect(failureLines('\n  \n')).toBe('no output');
  });
});
