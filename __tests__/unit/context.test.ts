import { describe, expect, it } from '@jest/globals';
import { readGithubContext, isPrivateRepository, runUrl } from '../../src/github/context.js';
import { InputError } from '../../src/inputs/errors.js';
import { chooseContext, contextArgument, gitContextUrl, isRemoteContext } from '../../src/plan/context.js';
import { githubContext, thrown } from './support.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ctx = githubContext({ sha: SHA, workspace: '/ws' });
const exists = (...paths: string[]) => {
  const set = new Set(paths);
  return (p: string) => set.has(p);
};

describe('chooseContext: empty context', () => {
  // The one test of the words: users read them in the log (`Context: … (…)`).
  it('builds the workspace when it holds a Dockerfile', () => {
    expect(chooseContext({ context: '', file: '' }, ctx, '/ws', exists('/ws/Dockerfile'))).toEqual({
      kind: 'path',
      path: '/ws',
      dockerfile: '/ws/Dockerfile',
      because: 'workspace-dockerfile',
      reason: 'the workspace holds Dockerfile, so .dockerignore and files from earlier steps count',
    });
  });

  it('finds a lower-case dockerfile in the workspace', () => {
    const chosen = chooseContext({ context: '', file: '' }, ctx, '/ws', exists('/ws/dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', path: '/ws', dockerfile: '/ws/dockerfile', because: 'workspace-dockerfile' });
  });

  it('prefers Dockerfile over dockerfile', () => {
    const chosen = chooseContext({ context: '', file: '' }, ctx, '/ws', exists('/ws/dockerfile', '/ws/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', dockerfile: '/ws/Dockerfile' });
  });

  it('uses a given file that exists, resolved from cwd', () => {
    const chosen = chooseContext({ context: '', file: 'docker/Dockerfile.prod' }, ctx, '/ws', exists('/ws/docker/Dockerfile.prod'));
    expect(chosen).toMatchObject({ kind: 'path', path: '/ws', dockerfile: '/ws/docker/Dockerfile.prod', because: 'workspace-dockerfile' });
  });

  it('falls back to the Git context of the commit without a Dockerfile', () => {
    const chosen = chooseContext({ context: '', file: '' }, ctx, '/ws', exists());
    expect(chosen).toMatchObject({
      kind: 'git',
      url: `https://github.com/o/r.git#${SHA}`,
      because: 'no-workspace-dockerfile',
      lookedFor: ['/ws/Dockerfile', '/ws/dockerfile'],
    });
  });

  it('falls back to the Git context when a given file is not in the workspace (it names a path in the repository)', () => {
    const chosen = chooseContext({ context: '', file: 'docker/Dockerfile' }, ctx, '/ws', exists('/ws/Dockerfile'));
    expect(chosen).toMatchObject({
      kind: 'git',
      url: `https://github.com/o/r.git#${SHA}`,
      because: 'no-workspace-dockerfile',
      lookedFor: ['/ws/docker/Dockerfile'],
    });
  });

  it('uses the PR merge ref for pull requests', () => {
    const pr = githubContext({ sha: SHA, ref: 'refs/pull/5/merge', eventName: 'pull_request' });
    const chosen = chooseContext({ context: '', file: '' }, pr, '/ws', exists());
    expect(chosen).toMatchObject({ kind: 'git', url: 'https://github.com/o/r.git#refs/pull/5/merge' });
  });

  it('does not look at the workspace when cwd differs: the Dockerfile must be in the workspace', () => {
    const chosen = chooseContext({ context: '', file: '' }, ctx, '/elsewhere', exists('/elsewhere/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'git', because: 'no-workspace-dockerfile', lookedFor: ['/ws/Dockerfile', '/ws/dockerfile'] });
  });
});

describe('chooseContext: context: git', () => {
  it('forces the Git context even when the workspace has a Dockerfile', () => {
    const chosen = chooseContext({ context: 'git', file: '' }, ctx, '/ws', exists('/ws/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'git', url: `https://github.com/o/r.git#${SHA}`, because: 'context-git' });
  });

  it('uses the server URL of a GHES instance', () => {
    const ghes = githubContext({ sha: SHA, serverUrl: 'https://ghe.example.com', repository: 'team/app' });
    expect(chooseContext({ context: 'git', file: '' }, ghes, '/ws', exists())).toMatchObject({
      url: `https://ghe.example.com/team/app.git#${SHA}`,
    });
  });
});

describe('chooseContext: URL contexts', () => {
  it.each([
    'https://github.com/o/other.git#main',
    'https://github.com/o/r.git#main:subdir',
    'git@github.com:o/r.git',
    'ssh://git@example.com/repo.git',
    'https://example.com/context.tar.gz',
    '-',
  ])('%s is a URL context, given to buildx as is', (url) => {
    const chosen = chooseContext({ context: url, file: '' }, ctx, '/ws', exists());
    expect(chosen).toMatchObject({ kind: 'url', url, because: 'context-url' });
    expect(contextArgument(chosen)).toBe(url);
  });
});

describe('chooseContext: directory contexts', () => {
  it('a directory with a Dockerfile is a path context, the path kept as given', () => {
    const chosen = chooseContext({ context: 'app', file: '' }, ctx, '/ws', exists('/ws/app', '/ws/app/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', path: 'app', dockerfile: '/ws/app/Dockerfile', because: 'context-directory' });
    expect(contextArgument(chosen)).toBe('app');
  });

  it('"." is the cwd', () => {
    const chosen = chooseContext({ context: '.', file: '' }, ctx, '/ws', exists('/ws', '/ws/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', path: '.', dockerfile: '/ws/Dockerfile', because: 'context-directory' });
  });

  it('finds a lower-case dockerfile in the directory', () => {
    const chosen = chooseContext({ context: 'app', file: '' }, ctx, '/ws', exists('/ws/app', '/ws/app/dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', dockerfile: '/ws/app/dockerfile' });
  });

  it('a given file that exists is used, resolved from cwd (not from the context)', () => {
    const chosen = chooseContext({ context: 'app', file: 'build/Dockerfile' }, ctx, '/ws', exists('/ws/app', '/ws/build/Dockerfile'));
    expect(chosen).toMatchObject({ kind: 'path', path: 'app', dockerfile: '/ws/build/Dockerfile' });
  });

  it('a directory without a Dockerfile is an InputError naming `context`', () => {
    const error = thrown(InputError, () => chooseContext({ context: 'app', file: '' }, ctx, '/ws', exists('/ws/app')));
    expect(error.input).toBe('context');
    expect(error.value).toBe('app');
    expect(error.message).toContain('no Dockerfile at /ws/app/Dockerfile');
  });

  it('a directory that does not exist is an InputError naming `context`', () => {
    const error = thrown(InputError, () => chooseContext({ context: 'nope', file: '' }, ctx, '/ws', exists('/ws/Dockerfile')));
    expect(error.input).toBe('context');
    expect(error.value).toBe('nope');
    expect(error.message).toContain('the directory /ws/nope does not exist');
  });

  it('a given file that is missing is an InputError naming `file`', () => {
    const error = thrown(InputError, () => chooseContext({ context: 'app', file: 'app/Dockerfile.prod' }, ctx, '/ws', exists('/ws/app', '/ws/app/Dockerfile')));
    expect(error.input).toBe('file');
    expect(error.value).toBe('app/Dockerfile.prod');
    expect(error.message).toContain('no Dockerfile at /ws/app/Dockerfile.prod');
  });
});

describe('gitContextUrl and isRemoteContext', () => {
  it.each<[string, string, string]>([
    ['refs/heads/main', SHA, `https://github.com/o/r.git#${SHA}`],
    ['refs/tags/v1.0.0', SHA, `https://github.com/o/r.git#${SHA}`],
    ['refs/pull/5/merge', SHA, 'https://github.com/o/r.git#refs/pull/5/merge'],
    ['refs/heads/main', '', 'https://github.com/o/r.git#refs/heads/main'],
  ])('ref %s, sha %j → %s', (ref, sha, url) => {
    expect(gitContextUrl(githubContext({ ref, sha }))).toBe(url);
  });

  it.each<[string, boolean]>([
    ['https://github.com/o/r.git', true],
    ['HTTP://example.com/x', true],
    ['git@github.com:o/r.git', true],
    ['-', true],
    ['.', false],
    ['./app', false],
    ['/abs/dir', false],
    ['C:\\dir', false],
    ['git', false],
  ])('isRemoteContext(%j) is %s', (context, remote) => {
    expect(isRemoteContext(context)).toBe(remote);
  });
});

describe('readGithubContext', () => {
  it('reads the runner environment and the event payload', () => {
    const read = readGithubContext(
      {
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_REPOSITORY: 'team/app',
        GITHUB_SHA: SHA,
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_RUN_ID: '99',
        GITHUB_RUN_ATTEMPT: '3',
        GITHUB_WORKSPACE: '/home/runner/work/app/app',
        RUNNER_TEMP: '/home/runner/work/_temp',
        GITHUB_ACTION: '__run_2',
        GITHUB_EVENT_PATH: '/event.json',
      },
      (p) => (p === '/event.json' ? '{"repository":{"private":false}}' : ''),
      '/cwd',
      '/tmp',
    );
    expect(read).toEqual({
      serverUrl: 'https://ghe.example.com',
      repository: 'team/app',
      sha: SHA,
      ref: 'refs/pull/7/merge',
      eventName: 'pull_request',
      runId: '99',
      runAttempt: '3',
      workspace: '/home/runner/work/app/app',
      runnerTemp: '/home/runner/work/_temp',
      action: '__run_2',
      payload: { repository: { private: false } },
    });
    expect(runUrl(read)).toBe('https://ghe.example.com/team/app/actions/runs/99/attempts/3');
    expect(isPrivateRepository(read)).toBe(false);
  });

  it('falls back to defaults outside a runner, and to {} for an unreadable payload', () => {
    const read = readGithubContext({ GITHUB_EVENT_PATH: '/bad.json' }, () => 'not json', '/cwd', '/tmp');
    expect(read).toEqual({
      serverUrl: 'https://github.com',
      repository: '',
      sha: '',
      ref: '',
      eventName: '',
      runId: '',
      runAttempt: '1',
      workspace: '/cwd',
      runnerTemp: '/tmp',
      action: 'kiln',
      payload: {},
    });
  });

  it.each<[Record<string, unknown>, boolean]>([
    [{}, true],
    [{ repository: {} }, true],
    [{ repository: { private: true } }, true],
    [{ repository: { private: false } }, false],
    [{ repository: { private: 'false' } }, true],
  ])('isPrivateRepository(%j) is %s (unknown counts as private)', (payload, expected) => {
    expect(isPrivateRepository(githubContext({ payload }))).toBe(expected);
  });
});
