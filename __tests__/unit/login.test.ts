import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { InputError, InputErrors } from '../../src/inputs/errors.js';
import { DOCKER_HUB, readLogins, registryKey } from '../../src/inputs/login.js';
import { readInputs } from '../../src/inputs/read.js';
import type { RegistryLogin } from '../../src/inputs/types.js';
import {
  basicAuth,
  type DockerConfigFile,
  explainRegistryFailure,
  imagesNeedingLogin,
  type LoginRequest,
  planLogin,
  privateConfig,
} from '../../src/plan/login.js';
import { cacheOption } from '../../src/inputs/parse-buildx-options.js';
import { inputSource, thrown } from './support.js';

type LoginValues = Partial<Record<'registry' | 'username' | 'password' | 'registry-auth', string>>;

function read(values: LoginValues): { logins: RegistryLogin[]; errors: InputError[] } {
  const errors: InputError[] = [];
  const logins = readLogins({ get: (name) => values[name] ?? '', parseYaml: parse }, errors);
  return { logins, errors };
}

describe('registryKey: the registry as Docker’s config keys it', () => {
  it.each([
    ['ghcr.io', 'ghcr.io'],
    ['GHCR.io', 'ghcr.io'],
    ['https://ghcr.io/owner', 'ghcr.io'],
    ['localhost:5001', 'localhost:5001'],
    ['http://127.0.0.1:5001/', '127.0.0.1:5001'],
    ['', DOCKER_HUB],
    ['docker.io', DOCKER_HUB],
    ['registry-1.docker.io', DOCKER_HUB],
    [DOCKER_HUB, DOCKER_HUB],
    ['not a host', undefined],
    ['ghcr.io:port', undefined],
  ])('%j → %j', (given, key) => {
    expect(registryKey(given)).toBe(key);
  });
});

describe('readLogins: registry, username, password and registry-auth', () => {
  it('reads login-action’s three inputs into one login; an empty registry means Docker Hub', () => {
    expect(read({ registry: 'localhost:5001', username: 'kiln', password: 'pw' })).toEqual({
      logins: [{ registry: 'localhost:5001', username: 'kiln', password: 'pw', input: 'password' }],
      errors: [],
    });
    expect(read({ username: 'me', password: 'pw' }).logins).toEqual([{ registry: DOCKER_HUB, username: 'me', password: 'pw', input: 'password' }]);
    expect(read({})).toEqual({ logins: [], errors: [] });
  });

  it('keeps a login whose password is empty (the plan skips it), with or without a username', () => {
    expect(read({ registry: 'ghcr.io', username: 'me', password: '' }).logins).toEqual([
      { registry: 'ghcr.io', username: 'me', password: '', input: 'password' },
    ]);
    expect(read({ registry: 'ghcr.io' }).logins).toEqual([{ registry: 'ghcr.io', username: '', password: '', input: 'password' }]);
  });

  it('reads registry-auth, a YAML list, after the three inputs', () => {
    const { logins, errors } = read({
      registry: 'ghcr.io',
      username: 'me',
      password: 'a',
      'registry-auth':
        '- registry: localhost:5000\n  username: u1\n  password: p1\n- registry: https://localhost:5001\n  username: u2\n  password: 12345\n- username: hub\n  password: p3\n',
    });
    expect(errors).toEqual([]);
    expect(logins).toEqual([
      { registry: 'ghcr.io', username: 'me', password: 'a', input: 'password' },
      { registry: 'localhost:5000', username: 'u1', password: 'p1', input: 'registry-auth' },
      { registry: 'localhost:5001', username: 'u2', password: '12345', input: 'registry-auth' },
      { registry: DOCKER_HUB, username: 'hub', password: 'p3', input: 'registry-auth' },
    ]);
  });

  it.each<[string, LoginValues, string, string]>([
    ['a password without a username', { registry: 'ghcr.io', password: 'hunter22' }, 'username', 'a password for ghcr.io needs a username'],
    ['a registry that is no host', { registry: 'ghcr io', username: 'u', password: 'hunter22' }, 'registry', 'use a registry host'],
    [
      'a registry given twice',
      { registry: 'ghcr.io', username: 'u', password: 'hunter22', 'registry-auth': '- registry: GHCR.IO\n  username: u\n  password: hunter22' },
      'registry-auth',
      'ghcr.io is already given (input registry)',
    ],
    [
      'registry-auth that is no list',
      { 'registry-auth': 'registry: ghcr.io\nusername: u\npassword: hunter22' },
      'registry-auth',
      'use a YAML list of registry, username, password',
    ],
    ['registry-auth that is not YAML', { 'registry-auth': '- registry: [ghcr.io\n  password: hunter22' }, 'registry-auth', 'not valid YAML'],
    ['an unknown key in registry-auth', { 'registry-auth': '- registry: ghcr.io\n  user: u\n  password: hunter22' }, 'registry-auth', 'unknown key user'],
    ['an entry that is no mapping', { 'registry-auth': '- ghcr.io' }, 'registry-auth', 'use a YAML list'],
    ['a password without a username in registry-auth', { 'registry-auth': '- registry: ghcr.io\n  password: hunter22' }, 'registry-auth', 'needs a username'],
  ])('rejects %s, never showing the password', (_, values, input, says) => {
    const { errors } = read(values);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.input).toBe(input);
    expect(errors[0]?.message).toContain(says);
    expect(errors[0]?.message).not.toContain('hunter22');
  });

  it('are read by readInputs with the others, their mistakes collected with the rest', () => {
    const source = { ...inputSource({ registry: 'ghcr.io', password: 'pw', platforms: 'linux/nope' }), parseYaml: parse };
    const errors = thrown(InputErrors, () => readInputs(source)).errors.map((e) => e.input);
    expect(errors.sort()).toEqual(['platforms', 'username']);
    const { inputs } = readInputs({ ...inputSource({ 'registry-auth': '- registry: localhost:5001\n  username: kiln\n  password: pw' }), parseYaml: parse });
    expect(inputs.logins).toEqual([{ registry: 'localhost:5001', username: 'kiln', password: 'pw', input: 'registry-auth' }]);
  });
});

const request = (overrides: Partial<LoginRequest> = {}): LoginRequest => ({
  logins: [],
  user: {},
  images: [],
  repository: 'Kiln-Dev/kiln',
  githubToken: 'ghs_token123',
  actor: 'octocat',
  ...overrides,
});
const login = (registry: string, username: string, password: string, input: RegistryLogin['input'] = 'password'): RegistryLogin => ({
  registry,
  username,
  password,
  input,
});

describe('planLogin', () => {
  it('knows the registries of the images, Docker Hub’s short names included', () => {
    expect(planLogin(request({ images: ['ghcr.io/a/b:1', 'acme/app:1', 'GHCR.IO/a/c', 'localhost:5000/x'] })).registries).toEqual([
      'ghcr.io',
      DOCKER_HUB,
      'localhost:5000',
    ]);
  });

  it('logs in to every registry given with a password, and masks the password and its encoded form', () => {
    const plan = planLogin(request({ logins: [login('localhost:5001', 'kiln', 'pw1'), login('localhost:5000', 'u', 'pw2', 'registry-auth')] }));
    expect(plan.credentials).toEqual([
      { registry: 'localhost:5001', username: 'kiln', password: 'pw1', from: 'input password' },
      { registry: 'localhost:5000', username: 'u', password: 'pw2', from: 'input registry-auth' },
    ]);
    expect(plan.masks).toEqual(['pw1', basicAuth({ username: 'kiln', password: 'pw1' }), 'pw2', basicAuth({ username: 'u', password: 'pw2' })]);
    expect(plan.info).toEqual([
      'Registry: logging in to localhost:5001 as kiln (input password)',
      'Registry: logging in to localhost:5000 as u (input registry-auth)',
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('says that an empty registry is Docker Hub', () => {
    expect(planLogin(request({ logins: [login(DOCKER_HUB, 'me', 'pw')] })).info[0]).toContain('`registry` is empty, which means Docker Hub');
  });

  it('skips a login with an empty password (a fork’s pull request) with a notice, and the build goes on', () => {
    const plan = planLogin(request({ logins: [login('registry.example.com', 'me', ''), login('localhost:5001', 'kiln', 'pw', 'registry-auth')] }));
    expect(plan.credentials.map((c) => c.registry)).toEqual(['localhost:5001']);
    expect(plan.skipped).toEqual([{ registry: 'registry.example.com', from: 'input password' }]);
    expect(plan.notices).toEqual([
      'Registry: not logging in to registry.example.com: its password (input password) is empty, as secrets are on a pull request from a fork. The build goes on; a push to registry.example.com will fail.',
    ]);
    expect(plan.masks).not.toContain('');
  });
});

describe('planLogin: zero-config GHCR', () => {
  const ghcr = (p: ReturnType<typeof planLogin>) => p.credentials.filter((c) => c.registry === 'ghcr.io');

  it('logs in with github-token when an image is on ghcr.io/<owner of this repository> (owner in any case) and says why', () => {
    const plan = planLogin(request({ images: ['ghcr.io/kiln-dev/app:1'] }));
    expect(ghcr(plan)).toEqual([{ registry: 'ghcr.io', username: 'octocat', password: 'ghs_token123', from: 'github-token' }]);
    expect(plan.info).toEqual([
      'Registry: logging in to ghcr.io as octocat with github-token, because ghcr.io/kiln-dev/app:1 is on ghcr.io/kiln-dev and no credential for ghcr.io was given; to push, the job needs `permissions: packages: write`.',
    ]);
    expect(plan.masks).toContain('ghs_token123');
    expect(ghcr(planLogin(request({ images: ['GHCR.IO/KILN-DEV/app:1'] })))).toHaveLength(1);
  });

  it.each<[string, Partial<LoginRequest>]>([
    ['the image is another owner’s', { images: ['ghcr.io/someone-else/app:1'] }],
    ['the image is not on ghcr.io', { images: ['docker.io/kiln-dev/app:1', 'localhost:5000/kiln-dev/app'] }],
    ['a login for ghcr.io is given', { images: ['ghcr.io/kiln-dev/app:1'], logins: [login('ghcr.io', 'bot', 'pat', 'registry-auth')] }],
    ['a login for ghcr.io is given with an empty password (a fork)', { images: ['ghcr.io/kiln-dev/app:1'], logins: [login('ghcr.io', 'bot', '')] }],
    ['the runner’s config has ghcr.io in auths', { images: ['ghcr.io/kiln-dev/app:1'], user: { auths: { 'ghcr.io': { auth: 'eDp5' } } } }],
    ['the runner’s config has it under a URL', { images: ['ghcr.io/kiln-dev/app:1'], user: { auths: { 'https://ghcr.io': {} } } }],
    ['the runner’s config has a helper for ghcr.io', { images: ['ghcr.io/kiln-dev/app:1'], user: { credHelpers: { 'ghcr.io': 'gh' } } }],
    ['nothing is pushed or cached', { images: [] }],
  ])('does not log in to ghcr.io when %s', (_, overrides) => {
    const plan = planLogin(request(overrides));
    expect(plan.credentials.filter((c) => c.from === 'github-token')).toEqual([]);
    expect(plan.info.join('\n')).not.toContain('github-token');
  });

  it('says so when it would log in but github-token is empty', () => {
    const plan = planLogin(request({ images: ['ghcr.io/kiln-dev/app:1'], githubToken: '' }));
    expect(plan.credentials).toEqual([]);
    expect(plan.notices[0]).toContain('there is no credential for ghcr.io and no github-token to log in with');
  });

  it('finds ghcr images among pushed tags and the cache plan’s registry entries, not among tags only loaded', () => {
    const none = { cacheFrom: [], cacheTo: [] };
    expect(imagesNeedingLogin([], none)).toEqual([]);
    expect(imagesNeedingLogin(['ghcr.io/o/app:1'], none)).toEqual(['ghcr.io/o/app:1']);
    expect(
      imagesNeedingLogin([], {
        cacheFrom: ['type=registry,ref=ghcr.io/o/app:cache', 'type=gha'].map(cacheOption),
        cacheTo: ['ghcr.io/o/app:c2'].map(cacheOption),
      }),
    ).toEqual(['ghcr.io/o/app:cache', 'ghcr.io/o/app:c2']);
    // Kiln's registry cache, derived from cache-ref: the plan's entries name it.
    expect(
      imagesNeedingLogin(['ghcr.io/o/app:1'], {
        cacheFrom: [{ raw: 'type=registry,ref=ghcr.io/o/cache:x-main', attrs: { type: 'registry', ref: 'ghcr.io/o/cache:x-main' } }],
        cacheTo: [],
      }),
    ).toEqual(['ghcr.io/o/app:1', 'ghcr.io/o/cache:x-main']);
  });
});

describe('privateConfig: the runner’s config, merged read-only, plus the step’s logins', () => {
  const kiln = { registry: 'localhost:5001', username: 'kiln', password: 'kiln-secret-pw', from: 'input password' as const };

  it('keeps every other setting and credential, and writes the login as docker login does', () => {
    const user: DockerConfigFile = {
      auths: { 'other.example': { auth: 'b3RoZXI6eA==' } },
      proxies: { default: { httpProxy: 'http://p:3128' } },
      currentContext: 'ctx',
    };
    expect(privateConfig(user, [kiln])).toEqual({
      auths: { 'other.example': { auth: 'b3RoZXI6eA==' }, 'localhost:5001': { auth: Buffer.from('kiln:kiln-secret-pw').toString('base64') } },
      proxies: { default: { httpProxy: 'http://p:3128' } },
      currentContext: 'ctx',
    });
    // The input object is not changed.
    expect(user.auths).toEqual({ 'other.example': { auth: 'b3RoZXI6eA==' } });
  });

  it('routes the step’s registries past a credsStore or credHelper to the file, leaving the others’ helpers', () => {
    const user: DockerConfigFile = {
      credsStore: 'desktop',
      credHelpers: { 'localhost:5001': 'pass', 'gcr.io': 'gcloud' },
      auths: { 'https://localhost:5001': {} },
    };
    expect(privateConfig(user, [kiln])).toEqual({
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud', 'localhost:5001': '' },
      auths: { 'localhost:5001': { auth: basicAuth(kiln) } },
    });
    expect(privateConfig({ credHelpers: { 'localhost:5001': 'pass' } }, [kiln]).credHelpers).toEqual({});
  });
});

describe('explainRegistryFailure: a registry’s refusal, said with its cause', () => {
  const push401 =
    'failed to build: failed to solve: failed to push localhost:5001/app:1: unexpected status from HEAD request to http://localhost:5001/v2/app/blobs/sha256:61: 401 Unauthorized';
  const ghcr403 =
    'failed to solve: failed to push ghcr.io/kiln-dev/app:1: unexpected status from POST request to https://ghcr.io/v2/kiln-dev/app/blobs/uploads/: 403 Forbidden';

  it('names the empty password that made Kiln skip the login', () => {
    const plan = planLogin(request({ logins: [login('localhost:5001', 'kiln', '')] }));
    expect(explainRegistryFailure(push401, plan)).toBe(
      "localhost:5001 refused access (401 Unauthorized) because Kiln did not log in to it: its password (input password) was empty. GitHub withholds secrets from pull requests from forks; skip the push there (e.g. push: ${{ github.event_name != 'pull_request' }}) or give the secret.",
    );
  });

  it('explains a 403 after the zero-config GHCR login as the missing packages: write permission', () => {
    const plan = planLogin(request({ images: ['ghcr.io/kiln-dev/app:1'] }));
    expect(explainRegistryFailure(ghcr403, plan)).toContain('the job needs `permissions: packages: write`');
  });

  it('names the user whose credentials were refused, or the missing login', () => {
    const plan = planLogin(request({ logins: [login('localhost:5001', 'kiln', 'wrong', 'registry-auth')] }));
    expect(explainRegistryFailure(push401, plan)).toBe(
      'localhost:5001 refused the credentials of kiln (input registry-auth) (401 Unauthorized): check the username and the password or token.',
    );
    expect(explainRegistryFailure(push401, planLogin(request()))).toContain(
      'localhost:5001 asks for credentials (401 Unauthorized) and this step has none for it',
    );
  });

  it('finds the registry of a base image that could not be pulled', () => {
    const pull =
      'failed to solve: localhost:5001/base:1: failed to resolve source metadata for localhost:5001/base:1: unexpected status from HEAD request to http://localhost:5001/v2/base/manifests/1: 401 Unauthorized';
    expect(explainRegistryFailure(pull, planLogin(request({ logins: [login('localhost:5001', 'kiln', '')] })))).toContain('Kiln did not log in to it');
  });

  it.each([
    'failed to solve: unexpected status: 403 Forbidden',
    'denied: permission_denied: write_package',
    'failed to push ghcr.io/kiln-dev/app:1: denied: installation not allowed to Write organization package',
  ])('places a refusal that names no URL (%s) on the registry the build pushes to', (message) => {
    const plan = planLogin(request({ images: ['ghcr.io/kiln-dev/app:1'] }));
    expect(explainRegistryFailure(message, plan)).toContain('`permissions: packages: write`');
    // With two registries and none named, it does not guess.
    const two = planLogin(request({ images: ['ghcr.io/kiln-dev/app:1', 'localhost:5001/app:1'] }));
    if (!message.includes('ghcr.io/')) expect(explainRegistryFailure(message, two)).toBeUndefined();
  });

  it('says nothing about failures that are no refusal', () => {
    expect(
      explainRegistryFailure('failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3', planLogin(request())),
    ).toBeUndefined();
  });
});
