import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { startClassicEngine } from './support/classic-engine.js';
import { mountsUnder } from './support/mounts.js';

jest.setTimeout(120_000);

const mountinfo = () => readFileSync('/proc/self/mountinfo', 'utf8');

describe('the second engine the tests start', () => {
  it('stops, and its directory goes away even when something is still mounted in it (EBUSY otherwise)', async () => {
    const engine = await startClassicEngine();
    const dir = path.dirname(engine.socket);
    const pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    // What a bind-mounted /tmp leaves behind: a mount inside the data root that outlives the daemon.
    const stuck = path.join(dir, 'data', 'stuck');
    mkdirSync(stuck, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', 'kiln-e2e-stuck', stuck]);
    writeFileSync(path.join(stuck, 'file'), 'x');
    expect(mountsUnder(mountinfo(), dir)).toContain(stuck);

    await engine.stop();

    expect(mountsUnder(mountinfo(), dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
