// post(deps): the clean-up from the state the runner hands back (STATE_<key>), with its effects
// as plain recording fakes. The keys are written out as the runner passes them.
import { describe, expect, it } from '@jest/globals';
import type { Env } from '../../src/inputs/types.js';
import { post, type PostDeps } from '../../src/post.js';

interface Recorded {
  printed: string[];
  docker: { args: string[]; env: Env }[];
  signals: [number, NodeJS.Signals | 0][];
  removed: string[];
}

function fakes(env: Env, options: { dockerStatus?: number; dockerStderr?: string; groupAliveFor?: number } = {}): { deps: PostDeps; rec: Recorded } {
  const rec: Recorded = { printed: [], docker: [], signals: [], removed: [] };
  let asks = 0;
  return {
    rec,
    deps: {
      env,
      print: (line) => rec.printed.push(line),
      docker: (args, childEnv) => {
        rec.docker.push({ args, env: childEnv });
        return { status: options.dockerStatus ?? 0, stderr: options.dockerStderr ?? '' };
      },
      signalGroup: (pgid, signal) => {
        rec.signals.push([pgid, signal]);
        if (signal !== 0) return true;
        return asks++ < (options.groupAliveFor ?? 0);
      },
      sleep: () => undefined,
      removeDir: (dir) => rec.removed.push(dir),
    },
  };
}

describe('post(deps)', () => {
  it('removes the builder the step created, then its directories, with the step’s environment', () => {
    const env = {
      PATH: '/usr/bin',
      'STATE_kiln-temp-dir': '/runner/temp/kiln-abc',
      'STATE_kiln-builder': 'kiln-1-1-build',
      'STATE_kiln-builder-rm-flags': 'rm',
      'STATE_kiln-cache-dir': '/runner/temp/kiln-abc/cache',
    };
    const { deps, rec } = fakes(env);
    post(deps);
    expect(rec.docker).toEqual([{ args: ['buildx', 'rm', 'kiln-1-1-build'], env }]);
    expect(rec.removed).toEqual(['/runner/temp/kiln-abc', '/runner/temp/kiln-abc/cache']);
    expect(rec.printed).toEqual(['Removed builder kiln-1-1-build', 'Removed /runner/temp/kiln-abc', 'Removed /runner/temp/kiln-abc/cache']);
    expect(rec.signals).toEqual([]);
  });

  it('keeps a builder with cleanup: false (no removal flags recorded) and runs no process', () => {
    const { deps, rec } = fakes({ 'STATE_kiln-builder': 'kiln-kept', 'STATE_kiln-temp-dir': '/t/kiln-x' });
    post(deps);
    expect(rec.docker).toEqual([]);
    expect(rec.removed).toEqual(['/t/kiln-x']);
  });

  it('keeps the builder’s state with keep-state, and warns when buildx cannot remove it', () => {
    const { deps, rec } = fakes(
      { 'STATE_kiln-builder': 'kiln-b', 'STATE_kiln-builder-rm-flags': '--keep-state' },
      { dockerStatus: 1, dockerStderr: 'ERROR: permission denied\n' },
    );
    post(deps);
    expect(rec.docker.map((d) => d.args)).toEqual([['buildx', 'rm', '--keep-state', 'kiln-b']]);
    expect(rec.printed).toEqual(['::warning::Could not remove builder kiln-b: ERROR: permission denied']);
  });

  it('a builder already gone counts as removed', () => {
    const { deps, rec } = fakes(
      { 'STATE_kiln-builder': 'kiln-b', 'STATE_kiln-builder-rm-flags': 'rm' },
      { dockerStatus: 1, dockerStderr: 'ERROR: no builder "kiln-b" found' },
    );
    post(deps);
    expect(rec.printed).toEqual(['Removed builder kiln-b']);
  });

  it('stops a buildx still running: TERM, waits while it lives, then KILL, before anything else', () => {
    const { deps, rec } = fakes({ 'STATE_kiln-buildx-group': '4321', 'STATE_kiln-temp-dir': '/t/kiln-y' }, { groupAliveFor: 3 });
    post(deps);
    expect(rec.signals).toEqual([
      [4321, 0],
      [4321, 'SIGTERM'],
      [4321, 0],
      [4321, 0],
      [4321, 0],
      [4321, 'SIGKILL'],
    ]);
    expect(rec.printed[0]).toBe('Stopping buildx (process group 4321), still running after the main step');
    expect(rec.removed).toEqual(['/t/kiln-y']);
  });

  it('with no state (the main step failed on its inputs) does nothing', () => {
    const { deps, rec } = fakes({});
    post(deps);
    expect(rec).toEqual({ printed: [], docker: [], signals: [], removed: [] });
  });
});
