// finishPostWork: the main step does the post step's work itself when that is only deleting
// directories, and only then names its step for action.yml's post-if. State keys are written out
// as the runner passes them; the effects are plain recording fakes.
import { describe, expect, it } from '@jest/globals';
import { finishPostWork, type PostSkipDeps, recordingState } from '../../src/post-skip.js';
import type { RunnerIo } from '../../src/runner.js';
import { evaluateCondition } from '../../scripts/local.mjs';

interface Recorded {
  removed: string[];
  exported: [string, string][];
  asked: number[];
}

function fakes(options: { aliveGroups?: number[]; noEnvFile?: boolean; removeFails?: boolean } = {}): { deps: PostSkipDeps; rec: Recorded } {
  const rec: Recorded = { removed: [], exported: [], asked: [] };
  return {
    rec,
    deps: {
      removeDir: (dir) => {
        if (options.removeFails) throw new Error('EACCES');
        rec.removed.push(dir);
      },
      groupAlive: (pgid) => {
        rec.asked.push(pgid);
        return (options.aliveGroups ?? []).includes(pgid);
      },
      exportVariable: (name, value) => {
        if (options.noEnvFile) return false;
        rec.exported.push([name, value]);
        return true;
      },
    },
  };
}

const step = { GITHUB_ACTION: '__kiln_build' };

describe('finishPostWork', () => {
  it('deletes the temp, cache and mounts directories, then names the step in KILN_POST_DONE', () => {
    const { deps, rec } = fakes();
    const saved = {
      'STATE_kiln-temp-dir': '/runner/temp/kiln-abc',
      'STATE_kiln-cache-dir': '/runner/temp/kiln-abc/cache',
      'STATE_kiln-mounts-dir': '/runner/temp/kiln-abc/kiln-mounts',
      'STATE_kiln-buildx-group': '4242',
    };
    expect(finishPostWork(saved, step, deps)).toBe(true);
    expect(rec.removed).toEqual(['/runner/temp/kiln-abc', '/runner/temp/kiln-abc/cache', '/runner/temp/kiln-abc/kiln-mounts']);
    expect(rec.asked).toEqual([4242]);
    expect(rec.exported).toEqual([['KILN_POST_DONE', '__kiln_build']]);
  });

  it('names the step when nothing was saved at all (an input error)', () => {
    const { deps, rec } = fakes();
    expect(finishPostWork({}, step, deps)).toBe(true);
    expect(rec.removed).toEqual([]);
    expect(rec.exported).toEqual([['KILN_POST_DONE', '__kiln_build']]);
  });

  it('leaves everything to the post step when it must remove a builder the step created', () => {
    const { deps, rec } = fakes();
    const saved = { 'STATE_kiln-temp-dir': '/t/kiln-x', 'STATE_kiln-builder': 'kiln-1-1-b', 'STATE_kiln-builder-rm-flags': 'rm' };
    expect(finishPostWork(saved, step, deps)).toBe(false);
    expect(rec).toEqual({ removed: [], exported: [], asked: [] });
  });

  it('deletes the directories when the created builder is kept (cleanup: false)', () => {
    const { deps, rec } = fakes();
    expect(finishPostWork({ 'STATE_kiln-temp-dir': '/t/kiln-x', 'STATE_kiln-builder': 'kiln-kept' }, step, deps)).toBe(true);
    expect(rec.removed).toEqual(['/t/kiln-x']);
  });

  it('leaves everything to the post step while the build’s process group still runs', () => {
    const { deps, rec } = fakes({ aliveGroups: [77] });
    expect(finishPostWork({ 'STATE_kiln-temp-dir': '/t/kiln-x', 'STATE_kiln-buildx-group': '77' }, step, deps)).toBe(false);
    expect(rec.removed).toEqual([]);
    expect(rec.exported).toEqual([]);
  });

  it('does not name the step when a directory could not be deleted, nor without GITHUB_ACTION or GITHUB_ENV', () => {
    const failing = fakes({ removeFails: true });
    expect(finishPostWork({ 'STATE_kiln-temp-dir': '/t/kiln-x' }, step, failing.deps)).toBe(false);
    expect(failing.rec.exported).toEqual([]);

    const unnamed = fakes();
    expect(finishPostWork({ 'STATE_kiln-temp-dir': '/t/kiln-x' }, {}, unnamed.deps)).toBe(false);
    expect(unnamed.rec).toEqual({ removed: [], exported: [], asked: [] });

    const noFile = fakes({ noEnvFile: true });
    expect(finishPostWork({ 'STATE_kiln-temp-dir': '/t/kiln-x' }, step, noFile.deps)).toBe(false);
  });
});

describe('recordingState', () => {
  it('passes every saveState on and keeps it as the post step would get it', () => {
    const passed: [string, string][] = [];
    const io = { saveState: (name: string, value: string) => passed.push([name, value]) } as unknown as RunnerIo;
    const { io: recording, saved } = recordingState(io);
    recording.saveState('kiln-temp-dir', '/t/kiln-x');
    recording.saveState('kiln-builder', 'b1');
    expect(passed).toEqual([
      ['kiln-temp-dir', '/t/kiln-x'],
      ['kiln-builder', 'b1'],
    ]);
    expect(saved).toEqual({ 'STATE_kiln-temp-dir': '/t/kiln-x', 'STATE_kiln-builder': 'b1' });
  });
});

// The local runner (scripts/local.mjs) decides as the runner does whether the post step starts.
describe('the local runner’s post-if', () => {
  const postIf = 'always() && env.KILN_POST_DONE != github.action';
  const scope = (status: 'success' | 'failure' | 'cancelled', env: Record<string, string>) => ({
    status,
    contexts: { env, github: { action: '__kiln_build' } },
  });

  it.each<['success' | 'failure' | 'cancelled', Record<string, string>, boolean]>([
    ['success', {}, true],
    ['success', { KILN_POST_DONE: '__kiln_build' }, false],
    ['failure', { KILN_POST_DONE: '__kiln_build' }, false],
    ['cancelled', {}, true],
    // Another Kiln step of the job named itself: this one's post step still runs.
    ['success', { KILN_POST_DONE: '__kiln_other' }, true],
  ])('%s with %j: %s', (status, env, runs) => {
    expect(evaluateCondition(postIf, scope(status, env))).toBe(runs);
  });

  it('knows the status functions, negation, grouping and case-blind comparison', () => {
    expect(evaluateCondition('success()', scope('failure', {}))).toBe(false);
    expect(evaluateCondition('failure() || cancelled()', scope('cancelled', {}))).toBe(true);
    expect(evaluateCondition("!(env.A == 'x') || failure()", scope('success', { A: 'X' }))).toBe(false);
    expect(evaluateCondition("env.A != 'it''s'", scope('success', { A: "it's" }))).toBe(false);
  });

  it('refuses what it cannot evaluate, as the runner fails the post step', () => {
    expect(() => evaluateCondition('hashFiles(1)', scope('success', {}))).toThrow('cannot evaluate');
    expect(() => evaluateCondition('inputs.cleanup', scope('success', {}))).toThrow('unknown context');
    expect(() => evaluateCondition('always() &&', scope('success', {}))).toThrow('ends early');
  });
});
