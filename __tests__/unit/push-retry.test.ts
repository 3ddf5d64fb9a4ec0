import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readBuildLog } from '../../src/build/log.js';
import { PUSH_RETRY, pushVerdict as judge, retryDelayMs } from '../../src/plan/push-retry.js';

/** The verdict on a failed build's log, as the retry loop reads it. */
const pushVerdict = (log: string) => judge(readBuildLog(log).finalError());

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/buildx/${name}`, import.meta.url), 'utf8');
const failed = (error: string) =>
  `#9 exporting to image\n#9 ERROR: ${error}\n------\n > exporting to image:\n------\nERROR: failed to build: failed to solve: ${error}\n`;
const PUT = 'failed to push 127.0.0.1:5002/kiln/app:1: unexpected status from PUT request to http://127.0.0.1:5002/v2/kiln/app/manifests/1';

describe('pushVerdict: is a failed push worth another run?', () => {
  it.each([
    [`${PUT}: 503 Service Unavailable`, 'the registry failed (5xx)'],
    [`${PUT}: 500 Internal Server Error`, 'the registry failed (5xx)'],
    [`${PUT}: 502 Bad Gateway`, 'the registry failed (5xx)'],
    [`${PUT}: 429 Too Many Requests`, 'the registry is rate-limiting (429)'],
    ['failed to push docker.io/me/app:1: toomanyrequests: You have reached your pull rate limit', 'the registry is rate-limiting (429)'],
    [
      'failed to push 127.0.0.1:5002/a:1: failed to do request: Put "http://127.0.0.1:5002/v2/a/blobs/uploads/x": read tcp 127.0.0.1:4->127.0.0.1:5002: read: connection reset by peer',
      'the connection to the registry failed',
    ],
    ['failed to push 127.0.0.1:5002/a:1: failed to do request: Put "http://127.0.0.1:5002/v2/a/manifests/1": EOF', 'the connection to the registry failed'],
  ])('%s: transient (%s)', (error, reason) => {
    expect(pushVerdict(failed(error))).toEqual({ push: true, transient: true, reason });
  });

  it('an image named at the same moment by another build in a shared store: transient', () => {
    expect(pushVerdict(failed('image "localhost:5000/kiln-e2e/fan-out-v2-a-tmxcht586": already exists'))).toEqual({
      push: true,
      transient: true,
      reason: "another build named the same image in the builder's store at the same moment",
    });
  });

  it('a registry that refuses connections (push-refused.log): transient', () => {
    expect(pushVerdict(fixture('push-refused.log'))).toMatchObject({ push: true, transient: true });
  });

  it.each([
    [`${PUT}: 401 Unauthorized`, 'the registry refused the credentials (401)'],
    [
      'failed to push 127.0.0.1:5001/a:1: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
      'the registry refused the credentials (401)',
    ],
    [`${PUT}: 403 Forbidden`, 'the registry refused access (403)'],
    ['failed to push ghcr.io/o/a:1: denied: permission_denied: write_package', 'the registry refused access (403)'],
    [`${PUT}: 400 Bad Request: NAME_INVALID`, 'the registry refused the image name'],
  ])('%s: not retried (%s)', (error, reason) => {
    expect(pushVerdict(failed(error))).toEqual({ push: true, transient: false, reason });
  });

  it.each(['run-exit-3.log', 'copy-missing.log', 'syntax-error.log', 'bad-call-option.log'])(
    '%s: a build that failed before pushing is never retried',
    (name) => {
      expect(pushVerdict(fixture(name))).toEqual({ push: false, transient: false, reason: '' });
    },
  );

  it('a RUN step whose own output mentions a 503 is not a push', () => {
    const log =
      '#7 [2/2] RUN curl -f http://x\n#7 0.3 curl: (22) The requested URL returned error: 503\n#7 ERROR: process "/bin/sh -c curl -f http://x" did not complete successfully: exit code: 22\nERROR: failed to build: failed to solve: process "/bin/sh -c curl -f http://x" did not complete successfully: exit code: 22\n';
    expect(pushVerdict(log).transient).toBe(false);
  });
});

describe('retryDelayMs: bounded exponential backoff', () => {
  it('doubles from 2 s and never waits more than 15 s', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('the retries a step may take, waits included, stay under half a minute', () => {
    const waits = Array.from({ length: PUSH_RETRY.retries }, (_, i) => retryDelayMs(i + 1));
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(30_000);
  });
});
