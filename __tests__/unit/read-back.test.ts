import { describe, expect, it } from '@jest/globals';
import { readBackNotes } from '../../src/report/outputs.js';
import { READ_BACK_DELAYS_MS, retrying } from '../../src/report/retry.js';
import { renderSummary } from '../../src/report/summary.js';

// What buildx imagetools prints when a read-back fails, by cause (buildx 0.29).
const RESET =
  'ERROR: failed to do request: Get "http://localhost:39111/v2/app/manifests/1": read tcp 127.0.0.1:5222->127.0.0.1:39111: read: connection reset by peer';
const HTTP_500 = 'ERROR: unexpected status from GET request to http://localhost:39111/v2/app/manifests/1: 500 Internal Server Error';
const UNAUTHORIZED = 'ERROR: failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized';

describe('retrying', () => {
  const recordSleeps = () => {
    const slept: number[] = [];
    return { slept, sleep: (ms: number) => (slept.push(ms), Promise.resolve()) };
  };

  it('tries again after transient failures, waiting longer each time, and returns the value', async () => {
    const { slept, sleep } = recordSleeps();
    let calls = 0;
    const outcome = await retrying(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(new Error(RESET)) : Promise.resolve('bytes');
      },
      { sleep },
    );
    expect(outcome).toEqual({ value: 'bytes', attempts: 3 });
    expect(slept).toEqual([1000, 2000]);
  });

  it('stops after the last delay, with the last error', async () => {
    const { slept, sleep } = recordSleeps();
    let calls = 0;
    const outcome = await retrying(() => Promise.reject(new Error(`${HTTP_500} #${++calls}`)), { sleep });
    expect(outcome.attempts).toBe(READ_BACK_DELAYS_MS.length + 1);
    expect(outcome.error?.message).toBe(`${HTTP_500} #4`);
    expect(slept).toEqual([...READ_BACK_DELAYS_MS]);
  });

  it('does not wait on an error that cannot heal', async () => {
    const { slept, sleep } = recordSleeps();
    const outcome = await retrying(() => Promise.reject(new Error(UNAUTHORIZED)), { sleep });
    expect(outcome).toMatchObject({ attempts: 1 });
    expect(outcome.error?.message).toBe(UNAUTHORIZED);
    expect(slept).toEqual([]);
  });
});

describe('readBackNotes', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  it('says nothing when there was no read-back or it went through at once', () => {
    expect(readBackNotes({ digest })).toEqual({});
    expect(readBackNotes({ digest, readBack: { ref: 'r/app:1', attempts: 1 } })).toEqual({});
  });
  it('notes the retries a read-back took', () => {
    expect(readBackNotes({ digest, readBack: { ref: 'r/app:1', attempts: 3 } })).toEqual({ info: 'Registry read-back of r/app:1 succeeded after 3 attempts' });
  });
  it('warns what is missing and what is still set when it failed', () => {
    const { warning, info } = readBackNotes({ digest, readBack: { ref: 'r/app:1', attempts: 4, error: HTTP_500 } });
    expect(info).toBeUndefined();
    expect(warning).toContain('The image was pushed, but reading r/app:1 back from its registry failed after 4 attempts');
    expect(warning).toContain('the digests and manifest outputs are empty');
    expect(warning).toContain(digest);
    expect(warning).toContain(HTTP_500);
    expect(readBackNotes({ digest: '', readBack: { ref: 'r/app:1', attempts: 1, error: UNAUTHORIZED } }).warning).toContain('digest is empty');
  });
  it('the summary shows the warning, escaped, and still says the build succeeded', () => {
    const warning = readBackNotes({ digest, readBack: { ref: 'r/app:1', attempts: 4, error: '500 <b>Internal</b>' } }).warning ?? '';
    const md = renderSummary({
      ok: true,
      seconds: 3,
      tags: ['r/app:1'],
      builder: { name: '', driver: '', nodes: [], emulated: [] },
      cache: { backend: '', reason: '', reads: [], written: [], warnings: [] },
      steps: [],
      checks: [],
      secrets: [],
      warnings: [warning],
    });
    expect(md).toContain('✅ Build succeeded');
    expect(md).toContain('> ⚠️ The image was pushed, but reading r/app:1 back');
    expect(md).toContain('\\<b\\>Internal\\</b\\>');
  });
});
