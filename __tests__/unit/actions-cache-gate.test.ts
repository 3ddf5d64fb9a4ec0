// setup/actions-cache.ts moves the process's working directory, RUNNER_TEMP and GITHUB_WORKSPACE
// while @actions/cache runs (it reads them instead of taking arguments). Work that runs at the same
// time must never see that: a child process started meanwhile runs where the step's environment
// says, with that environment, and another directory's use waits its turn.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inDirectory } from '../../src/setup/actions-cache.js';
import { dockerOutput } from '../../src/process/docker.js';

let root: string;
let bin: string;
let workspace: string;
let stepTemp: string;
let cacheDir: string;
let otherDir: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'kiln-gate-')));
  [bin, workspace, stepTemp, cacheDir, otherDir] = ['bin', 'ws', 'runner-temp', 'step-temp', 'other-step-temp'].map((d) => {
    mkdirSync(path.join(root, d));
    return path.join(root, d);
  }) as [string, string, string, string, string];
  // A `docker` that is Node itself: `docker -e CODE` prints what the child sees.
  symlinkSync(process.execPath, path.join(bin, 'docker'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** What a child started now sees: its working directory and its RUNNER_TEMP, GITHUB_WORKSPACE. */
async function childSees(): Promise<string[]> {
  const env = { PATH: bin, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: stepTemp };
  const out = await dockerOutput(['-e', 'console.log([process.cwd(), process.env.RUNNER_TEMP, process.env.GITHUB_WORKSPACE].join("\\n"))'], env);
  expect(out.exitCode).toBe(0);
  return out.stdout.trim().split('\n');
}

describe('inDirectory: the one process-wide change, confined', () => {
  it('a child started while @actions/cache runs sees the step’s directory and environment, not the moved ones', async () => {
    const before = { cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE };
    let release: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside: string[] = [];
    const restore = inDirectory(cacheDir, async () => {
      // What @actions/cache reads while it runs.
      inside.push(process.cwd(), process.env.RUNNER_TEMP ?? '', process.env.GITHUB_WORKSPACE ?? '');
      await holding;
      return 'restored';
    });
    // Meanwhile, other work: a docker process.
    const seen = await childSees();
    release();
    expect(await restore).toBe('restored');

    expect(inside).toEqual([cacheDir, cacheDir, cacheDir]);
    expect(seen).toEqual([workspace, stepTemp, workspace]);
    expect({ cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE }).toEqual(before);
  });

  it('uses of the same directory share one entry; a use with another directory waits until the last one leaves', async () => {
    const order: string[] = [];
    const gates = [0, 1].map(() => {
      let open: () => void = () => undefined;
      const wait = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { open, wait };
    });
    const a = inDirectory(cacheDir, async () => {
      order.push(`a in ${process.cwd()}`);
      await gates[0]?.wait;
      order.push('a out');
    });
    const b = inDirectory(cacheDir, async () => {
      order.push(`b in ${process.cwd()}`);
      await gates[1]?.wait;
      order.push('b out');
    });
    const other = inDirectory(otherDir, () => {
      order.push(`other in ${process.cwd()}`);
      return Promise.resolve();
    });
    await new Promise((r) => setTimeout(r, 20));
    gates[0]?.open();
    await a;
    await new Promise((r) => setTimeout(r, 20));
    // b is still inside: the other directory has not been entered.
    expect(order).toEqual([`a in ${cacheDir}`, `b in ${cacheDir}`, 'a out']);
    gates[1]?.open();
    await Promise.all([b, other]);
    expect(order).toEqual([`a in ${cacheDir}`, `b in ${cacheDir}`, 'a out', 'b out', `other in ${otherDir}`]);
  });

  it('puts everything back when the work throws', async () => {
    const before = process.cwd();
    await expect(
      inDirectory(cacheDir, () => {
        throw new Error('service down');
      }),
    ).rejects.toThrow('service down');
    expect(process.cwd()).toBe(before);
  });
});
