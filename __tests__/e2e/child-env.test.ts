// Every process the step starts gets an explicit environment without the secret inputs and the
// OIDC request variables (src/step-env.ts). A `docker` first on PATH records the environment and
// the arguments of every docker process the step (main and post) starts, then runs the real one.
// A named builder (BUILDX_BUILDER) makes the step ask `buildx inspect` before it logs in: the
// process that used to inherit the password.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { expectSuccess, kiln, runTag } from './support/kiln.js';
import { teardown } from './support/teardown.js';

jest.setTimeout(240_000);

// The htpasswd registry scripts/engine.sh runs on 127.0.0.1:5001, and its one user.
const PRIVATE = 'localhost:5001';
const USER = 'kiln';
const PASSWORD = 'kiln-secret-pw';
const GITHUB_TOKEN = `ghs_h1childenv${runTag}`;
const OIDC_TOKEN = `h1-oidc-request-token-${runTag}`;
const BUILDER = `h1-childenv-${runTag}`;

interface Call {
  argv: string[];
  env: Map<string, string>;
}

let home: string;
let calls: string;
let endpoint: BuildkitEndpoint;

function recorded(): Call[] {
  return readdirSync(calls)
    .filter((f) => f.endsWith('.argv'))
    .sort()
    .map((f) => {
      const argv = readFileSync(path.join(calls, f), 'utf8').split('\0').slice(0, -1);
      const env = new Map(
        readFileSync(path.join(calls, f.replace(/\.argv$/, '.env')), 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
      );
      return { argv, env };
    });
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'kiln-h1-childenv-'));
  calls = path.join(home, 'calls');
  mkdirSync(calls);
  mkdirSync(path.join(home, '.docker'));
  mkdirSync(path.join(home, 'bin'));
  const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
  // /proc/$$/environ is the environment the process was started with, exactly as given.
  writeFileSync(
    path.join(home, 'bin', 'docker'),
    `#!/bin/sh\nf=$(mktemp ${calls}/call.XXXXXXXX)\ncat /proc/$$/environ > "$f.env"\nprintf '%s\\0' "$@" > "$f.argv"\nexec ${realDocker} "$@"\n`,
    { mode: 0o755 },
  );
  // A builder by name, known only to this test's Docker config: a remote builder whose endpoint
  // is the engine's own BuildKit (its docker-container image cannot be pulled here).
  endpoint = await startBuildkitEndpoint({ kind: 'unix' });
  execFileSync('docker', ['buildx', 'create', '--name', BUILDER, '--driver', 'remote', endpoint.endpoint], {
    env: { ...process.env, DOCKER_CONFIG: path.join(home, '.docker') },
    stdio: 'ignore',
  });
});

afterAll(() =>
  teardown(
    { name: 'the BuildKit endpoint', run: () => endpoint.close() },
    {
      name: 'the test home',
      run: () => {
        rmSync(home, { recursive: true, force: true });
      },
    },
  ),
);

async function served(ref: string): Promise<string> {
  const [, rest = ''] = ref.split(`${PRIVATE}/`);
  const [repo = '', tag = ''] = rest.split(':');
  const res = await fetch(`http://127.0.0.1:5001/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      Accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? '') : `HTTP ${res.status}`;
}

describe('child processes get an explicit environment', () => {
  it('a password, a GitHub token and the OIDC request token reach no docker process, by environment or argument; the build still pushes', async () => {
    const tag = `${PRIVATE}/kiln-e2e/h1-child-env:${runTag}`;
    const result = await kiln(
      {
        context: 'login',
        push: 'true',
        tags: tag,
        registry: PRIVATE,
        username: USER,
        password: PASSWORD,
        'github-token': GITHUB_TOKEN,
        'build-args': `NONCE=${runTag}`,
      },
      {
        env: {
          HOME: home,
          PATH: `${path.join(home, 'bin')}:${process.env.PATH ?? ''}`,
          BUILDX_BUILDER: BUILDER,
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_TOKEN,
        },
      },
    );
    expectSuccess(result);
    expect(result.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await served(tag)).toBe(result.outputs.digest);

    const all = recorded();
    const secrets = [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64'), GITHUB_TOKEN, OIDC_TOKEN];
    const leaks = all.flatMap((c) =>
      secrets.flatMap((s) => [
        ...(c.argv.some((a) => a.includes(s)) ? [`argv of docker ${c.argv.join(' ')}`] : []),
        ...[...c.env].filter(([, v]) => v.includes(s)).map(([k]) => `${k} in the environment of docker ${c.argv.join(' ')}`),
      ]),
    );
    expect(leaks).toEqual([]);
    // Not vacuous: the named builder was asked about before the login, and the build ran, both through this docker.
    const inspect = all.find((c) => c.argv.join(' ') === `buildx inspect ${BUILDER}`);
    const build = all.find((c) => c.argv[0] === 'buildx' && c.argv[1] === 'build');
    expect(inspect).toBeDefined();
    expect(build).toBeDefined();
    // Every child starts from the step's environment: the runner's variables are there, the secret ones are not.
    for (const c of all) {
      expect(c.env.get('GITHUB_REPOSITORY')).toBe('kiln-dev/kiln');
      expect(c.env.has('INPUT_PASSWORD')).toBe(false);
      expect(c.env.has('INPUT_GITHUB-TOKEN')).toBe(false);
      expect(c.env.has('ACTIONS_ID_TOKEN_REQUEST_TOKEN')).toBe(false);
      expect(c.env.has('ACTIONS_ID_TOKEN_REQUEST_URL')).toBe(false);
    }
    // The login's private config reaches the build through the set-up's overlay, not through the
    // inspect that ran before it.
    expect(build?.env.get('DOCKER_CONFIG')).toMatch(/docker-config$/);
    expect(build?.env.get('BUILDX_CONFIG')).toBe(path.join(home, '.docker', 'buildx'));
    expect(inspect?.env.has('DOCKER_CONFIG')).toBe(false);
  });
});
