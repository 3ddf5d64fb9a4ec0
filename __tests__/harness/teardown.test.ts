import { describe, expect, it } from '@jest/globals';
import { mountsUnder } from '../e2e/support/mounts.js';
import { teardown } from '../e2e/support/teardown.js';

describe('teardown', () => {
  it('runs every clean-up after the first one throws EBUSY, and then fails with its error', async () => {
    const ran: string[] = [];
    const ebusy = Object.assign(new Error("EBUSY: resource busy or locked, rmdir '/tmp/kiln-engine-x/data'"), { code: 'EBUSY' });
    const result = teardown(
      {
        name: 'the second engine',
        run: () => {
          ran.push('engine');
          throw ebusy;
        },
      },
      {
        name: 'the cache service',
        run: async () => {
          await new Promise((r) => setTimeout(r, 10));
          ran.push('cache service');
        },
      },
      { name: 'the scratch dir', run: () => ran.push('scratch') },
    );
    const err = await result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ran).toEqual(['engine', 'cache service', 'scratch']);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors).toHaveLength(1);
    expect((err as AggregateError).message).toContain('the second engine: EBUSY');
    expect(((err as AggregateError).errors[0] as Error).cause).toBe(ebusy);
  });

  it('gives up on a clean-up that hangs after its timeout, runs the rest, and fails', async () => {
    const ran: string[] = [];
    const started = Date.now();
    const err = await teardown(
      { name: 'a server that never closes', run: () => new Promise(() => undefined), timeoutMs: 200 },
      { name: 'a rejected close', run: () => Promise.reject(new Error('ECONNRESET')) },
      { name: 'the last one', run: () => ran.push('last') },
    ).then(
      () => undefined,
      (e: unknown) => e as AggregateError,
    );
    const took = Date.now() - started;
    expect(ran).toEqual(['last']);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(2000);
    expect(err?.errors.map((e) => (e as Error).message)).toEqual(['a server that never closes: did not finish within 200 ms', 'a rejected close: ECONNRESET']);
  });

  it('resolves when every clean-up succeeds, and skips the ones never set up', async () => {
    const ran: string[] = [];
    await expect(teardown(false, { name: 'a', run: () => ran.push('a') }, undefined, null)).resolves.toBeUndefined();
    expect(ran).toEqual(['a']);
  });
});

describe('mountsUnder', () => {
  // Lines of a real /proc/self/mountinfo, with a dockerd data root left mounted in a /tmp that is
  // itself a bind mount (what made rmdir fail with EBUSY).
  const mountinfo = [
    '22 1 0:21 / / rw,relatime - overlay overlay rw',
    '30 22 0:25 /tmp /tmp rw,relatime - ext4 /dev/sda1 rw',
    '41 30 0:25 /tmp/kiln-engine-AbC/data /tmp/kiln-engine-AbC/data rw,relatime - ext4 /dev/sda1 rw',
    '42 41 0:44 / /tmp/kiln-engine-AbC/data/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/3/fs rw - overlay overlay rw',
    '43 41 0:45 / /tmp/kiln-engine-AbC/exec/netns/default rw - nsfs nsfs rw',
    '44 41 0:46 / /tmp/kiln-engine-AbC/data rw - tmpfs shm rw',
    '45 30 0:47 / /tmp/kiln-engine-AbCD/data rw - tmpfs other rw',
    '46 30 0:48 / /tmp/kiln-engine-AbC/with\\040space rw - tmpfs sp rw',
    '',
  ].join('\n');

  it('lists the mounts inside the directory, deepest and uppermost first, and nothing beside it', () => {
    expect(mountsUnder(mountinfo, '/tmp/kiln-engine-AbC/')).toEqual([
      '/tmp/kiln-engine-AbC/data/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/3/fs',
      '/tmp/kiln-engine-AbC/exec/netns/default',
      '/tmp/kiln-engine-AbC/with space',
      '/tmp/kiln-engine-AbC/data',
      '/tmp/kiln-engine-AbC/data',
    ]);
  });

  it('is empty when nothing is mounted there', () => {
    expect(mountsUnder(mountinfo, '/tmp/kiln-engine-Zz')).toEqual([]);
  });
});
