import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { decisionsOf, expectSuccess, image, kiln } from './support/kiln.js';
import { fileInImage } from './support/registry.js';
import { type GitServer, makeRepository, startGitServer } from './support/git-server.js';
import { teardown } from './support/teardown.js';

jest.setTimeout(180_000);

const token = `ghs_kilnTestToken${Date.now().toString(36)}`;
const dockerfile = (source: string) =>
  `FROM localhost:5000/busybox:latest\nCOPY . /src\nRUN echo "${source}" > /source.txt && ls /src | sort | tr '\\n' ' ' > /files.txt\n`;

let scratch: string;
let server: GitServer;
let sha: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kiln-context-'));
  const root = path.join(scratch, 'git');
  mkdirSync(path.join(root, 'kiln-dev'), { recursive: true });
  sha = makeRepository(root, 'kiln-dev/app', { Dockerfile: dockerfile('from the commit'), 'committed.txt': 'in git\n' }, path.join(scratch, 'clone'));
  server = await startGitServer(root, token);
});
afterAll(() =>
  teardown(
    { name: 'the Git server', run: () => server.close() },
    {
      name: scratch,
      run: () => {
        rmSync(scratch, { recursive: true, force: true });
      },
    },
  ),
);

const job = () => ({
  repository: 'kiln-dev/app',
  sha,
  env: { GITHUB_SERVER_URL: server.url, GITHUB_TOKEN: token },
});

describe('the default context', () => {
  it('builds the workspace when it holds the Dockerfile, so .dockerignore and files from earlier steps count', async () => {
    const workspace = path.join(scratch, 'checkout');
    mkdirSync(workspace);
    writeFileSync(path.join(workspace, 'Dockerfile'), dockerfile('from the workspace'));
    writeFileSync(path.join(workspace, 'generated-by-earlier-step.txt'), 'built\n');
    writeFileSync(path.join(workspace, 'ignored.log'), 'noise\n');
    writeFileSync(path.join(workspace, '.dockerignore'), '*.log\n');
    const tag = image('context-workspace');

    const result = await kiln({ push: 'true', tags: tag }, { ...job(), workspace });
    expectSuccess(result);
    expect(decisionsOf(result).context).toMatchObject({
      kind: 'path',
      path: workspace,
      dockerfile: path.join(workspace, 'Dockerfile'),
      because: 'workspace-dockerfile',
    });
    expect(await fileInImage(tag, 'linux/amd64', 'source.txt')).toBe('from the workspace\n');
    expect(await fileInImage(tag, 'linux/amd64', 'files.txt')).toBe('Dockerfile generated-by-earlier-step.txt ');
  });

  it('builds the Git context of the commit, with the job token, when the job did not check out', async () => {
    const workspace = path.join(scratch, 'empty');
    mkdirSync(workspace);
    const tag = image('context-git');
    const seen = server.authorizations.length;

    const result = await kiln({ push: 'true', tags: tag }, { ...job(), workspace });
    expectSuccess(result);
    expect(decisionsOf(result).context).toMatchObject({
      kind: 'git',
      url: `${server.url}/kiln-dev/app.git#${sha}`,
      because: 'no-workspace-dockerfile',
      lookedFor: [path.join(workspace, 'Dockerfile'), path.join(workspace, 'dockerfile')],
    });
    expect(await fileInImage(tag, 'linux/amd64', 'source.txt')).toBe('from the commit\n');
    expect(await fileInImage(tag, 'linux/amd64', 'files.txt')).toBe('Dockerfile committed.txt ');

    // The server (which refuses anonymous requests) got the token from BuildKit, as a secret:
    // it never stood on the command line or in the log.
    const credentials = Buffer.from(`x-access-token:${token}`).toString('base64');
    expect(server.authorizations.slice(seen).map((a) => a.replace(/^basic /i, ''))).toContain(credentials);
    const log = result.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(log).not.toContain(token);
    expect(log).toMatch(/--secret id=GIT_AUTH_TOKEN\.127\.0\.0\.1:\d+,src=/);
  });

  it('builds the Git context when `context: git` asks for it, even from a checkout', async () => {
    const workspace = path.join(scratch, 'checkout');
    const tag = image('context-forced-git');
    const result = await kiln({ context: 'git', push: 'true', tags: tag }, { ...job(), workspace });
    expectSuccess(result);
    expect(decisionsOf(result).context).toMatchObject({ kind: 'git', url: `${server.url}/kiln-dev/app.git#${sha}`, because: 'context-git' });
    expect(await fileInImage(tag, 'linux/amd64', 'source.txt')).toBe('from the commit\n');
  });
});
