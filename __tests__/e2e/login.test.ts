import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { errorsOf, expectRejectedBeforeRunning, expectSuccess, fixtures, kiln, placesASecretCouldBe, runTag } from './support/kiln.js';
import { addBusybox } from './support/scratch-context.js';
import { type Manifest, tarFiles } from './support/registry.js';

jest.setTimeout(240_000);

// The htpasswd registry scripts/engine.sh runs on 127.0.0.1:5001, and its one user.
const PRIVATE = 'localhost:5001';
const USER = 'kiln';
const PASSWORD = 'kiln-secret-pw';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const nonce = Date.now().toString(36);
const privateImage = (name: string) => `${PRIVATE}/kiln-e2e/${name}:${runTag}`;
const openImage = (name: string) => `localhost:5000/kiln-e2e/${name}:${runTag}`;

const ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

/** What a registry serves, read over HTTP as a puller would; with the password for 5001. */
async function registryGet(ref: string, what: 'manifests' | 'blobs', digestOrTag: string): Promise<{ digest: string; body: Buffer }> {
  const [host = '', ...rest] = ref.split('/');
  const repo = rest.join('/').replace(/[:@].*$/, '');
  const base = host.replace('localhost', '127.0.0.1');
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (host === PRIVATE) headers.Authorization = `Basic ${BASIC}`;
  const res = await fetch(`http://${base}/v2/${repo}/${what}/${digestOrTag}`, { headers });
  if (!res.ok) throw new Error(`${ref}: ${what}/${digestOrTag} → HTTP ${res.status}`);
  return { digest: res.headers.get('docker-content-digest') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/** The digest a tag has, and the content of `file` in its linux/amd64 image. */
async function served(ref: string, file: string): Promise<{ digest: string; content?: string }> {
  const tag = ref.slice(ref.lastIndexOf(':') + 1);
  const top = await registryGet(ref, 'manifests', tag);
  let manifest = JSON.parse(top.body.toString('utf8')) as Manifest;
  const amd64 = manifest.manifests?.find((d) => d.platform?.architecture === 'amd64');
  if (amd64) manifest = JSON.parse((await registryGet(ref, 'manifests', amd64.digest)).body.toString('utf8')) as Manifest;
  let content: string | undefined;
  for (const layer of manifest.layers ?? []) {
    const raw = (await registryGet(ref, 'blobs', layer.digest)).body;
    content =
      tarFiles(layer.mediaType.endsWith('gzip') ? gunzipSync(raw) : raw)
        .get(file)
        ?.toString('utf8') ?? content;
  }
  return { digest: top.digest, content };
}

/** Every command line on the machine, sampled while `run` runs: which ones held a secret. */
async function sampleProcesses(
  secrets: string[],
  run: () => Promise<RunResult>,
): Promise<{ result: RunResult; samples: number; sawBuild: boolean; leaked: string[] }> {
  const leaked = new Set<string>();
  let samples = 0;
  let sawBuild = false;
  const sample = () => {
    samples++;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (secrets.some((s) => cmdline.includes(s))) leaked.add(cmdline);
        // The docker processes Kiln starts: not in their environment either (the runner gives the
        // step's own process its inputs as INPUT_* variables; its children must not inherit them).
        if (/^(\S*\/)?docker(-buildx)? /.test(cmdline) && secrets.some((s) => readFileSync(`/proc/${pid}/environ`, 'utf8').includes(s)))
          leaked.add(`environment of ${cmdline}`);
        if (/buildx build/.test(cmdline)) sawBuild = true;
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  const timer = setInterval(sample, 25);
  try {
    return { result: await run(), samples, sawBuild, leaked: [...leaked] };
  } finally {
    clearInterval(timer);
  }
}

/** Every file under `dir` whose bytes contain one of `secrets`. */
function filesHolding(dir: string, secrets: string[]): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => {
      const bytes = readFileSync(f);
      return secrets.some((s) => bytes.includes(s));
    });
}

/** The password and its encoded form appear nowhere the step wrote: log (but the mask), outputs, summary. */
function expectNoPassword(result: RunResult): void {
  const unmasked = placesASecretCouldBe(result);
  expect(unmasked).not.toContain(PASSWORD);
  expect(unmasked).not.toContain(BASIC);
  expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual(expect.arrayContaining([PASSWORD, BASIC]));
}

/** The private config is gone when the main step ends (later steps never see it), and the post step leaves nothing. */
function expectNothingLeft(result: RunResult): void {
  expect(result.leftAfterMain.filter((f) => f.includes('docker-config'))).toEqual([]);
  expect(result.leftInRunnerTemp).toEqual([]);
}

// The runner's own ~/.docker, in a HOME of its own: a credential for another registry, settings
// Kiln must keep, and a credential store, a helper on PATH that finds nothing and notes every
// request: the step's logins must neither be stored nor looked up there.
let home: string;
let userConfig: Buffer;
let helperLog: string;
const userConfigFile = () => path.join(home, '.docker', 'config.json');
const helperCalls = () => readFileSync(helperLog, 'utf8').split('\n').filter(Boolean);
const withHome = () => ({ env: { HOME: home, PATH: `${path.join(home, 'bin')}:${process.env.PATH ?? ''}` } });
beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), 'kiln-login-home-'));
  mkdirSync(path.join(home, '.docker'));
  mkdirSync(path.join(home, 'bin'));
  helperLog = path.join(home, 'helper.log');
  writeFileSync(helperLog, '');
  // docker-credential-helpers' protocol: the action as argument, the server (or JSON) on stdin.
  writeFileSync(
    path.join(home, 'bin', 'docker-credential-kiln-e2e'),
    `#!/bin/sh\nread -r input\ncase "$1" in\n  get) echo "get $input" >> ${helperLog}; echo "credentials not found in native keychain"; exit 1 ;;\n  list) echo "list" >> ${helperLog}; echo "{}" ;;\n  *) echo "$1" >> ${helperLog} ;;\nesac\n`,
    { mode: 0o755 },
  );
  // buildx installed in ~/.docker/cli-plugins, as setup-buildx-action installs it: a wrapper that
  // notes each use and runs the engine's own.
  mkdirSync(path.join(home, '.docker', 'cli-plugins'));
  writeFileSync(
    path.join(home, '.docker', 'cli-plugins', 'docker-buildx'),
    `#!/bin/sh\necho "$1 $2" >> ${path.join(home, 'buildx-plugin.log')}\nexec /usr/libexec/docker/cli-plugins/docker-buildx "$@"\n`,
    { mode: 0o755 },
  );
  userConfig = Buffer.from(
    `${JSON.stringify({ auths: { 'registry.other.example': { auth: Buffer.from('someone:else').toString('base64') } }, credsStore: 'kiln-e2e', detachKeys: 'ctrl-e,e' }, null, '\t')}\n`,
  );
  writeFileSync(userConfigFile(), userConfig, { mode: 0o600 });
});
afterAll(() => {
  // Byte for byte what the runner had, after every test in this file; nothing stored in its helper.
  expect(readFileSync(userConfigFile()).equals(userConfig)).toBe(true);
  expect(helperCalls().filter((c) => !c.startsWith('get ') && c !== 'list')).toEqual([]);
  expect(filesHolding(home, [PASSWORD, BASIC])).toEqual([]);
  rmSync(home, { recursive: true, force: true });
});

describe('registry login in the same step', () => {
  it('username and password: pushes to the htpasswd registry; the password is in no log, output, summary, command line or file', async () => {
    const tag = privateImage('login');
    const { result, samples, sawBuild, leaked } = await sampleProcesses([PASSWORD, BASIC], () =>
      kiln({ context: 'login', push: 'true', tags: tag, registry: PRIVATE, username: USER, password: PASSWORD, 'build-args': `NONCE=${nonce}` }, withHome()),
    );
    expectSuccess(result);
    expect(samples).toBeGreaterThan(10);
    expect(sawBuild).toBe(true);
    expect(leaked).toEqual([]);

    const image = await served(tag, 'built.txt');
    expect(image.content).toBe(`built ${nonce}\n`);
    expect(result.outputs.digest).toBe(image.digest);
    expect(result.stdout).toContain(`Registry: logging in to ${PRIVATE} as ${USER} (input password)`);

    expectNoPassword(result);
    expectNothingLeft(result);
    expect(readFileSync(userConfigFile()).equals(userConfig)).toBe(true);
    // buildx was the runner's own, found through the private config (a script there: run through the docker CLI, as it expects).
    expect(readFileSync(path.join(home, 'buildx-plugin.log'), 'utf8')).toContain('buildx build');
    // The registry Kiln logged in to was answered from the private config, never by the helper.
    expect(helperCalls().filter((c) => c.includes(PRIVATE))).toEqual([]);
  });

  it('registry-auth: logs in to two registries and pushes one build to both', async () => {
    const tags = [openImage('login-multi'), privateImage('login-multi')];
    const { result, leaked } = await sampleProcesses([PASSWORD, BASIC], () =>
      kiln(
        {
          context: 'login',
          push: 'true',
          tags: tags.join('\n'),
          'registry-auth': `- registry: localhost:5000\n  username: anyone\n  password: open-registry-pw\n- registry: ${PRIVATE}\n  username: ${USER}\n  password: ${PASSWORD}\n`,
          'build-args': `NONCE=${nonce}-multi`,
        },
        withHome(),
      ),
    );
    expectSuccess(result);
    expect(leaked).toEqual([]);
    const [open, closed] = await Promise.all(tags.map((t) => served(t, 'built.txt')));
    expect(closed?.content).toBe(`built ${nonce}-multi\n`);
    expect(open?.digest).toBe(closed?.digest);
    expect(result.outputs.digest).toBe(closed?.digest);
    expect(result.stdout).toContain('Registry: logging in to localhost:5000 as anyone (input registry-auth)');
    expect(result.stdout).toContain(`Registry: logging in to ${PRIVATE} as ${USER} (input registry-auth)`);
    expectNoPassword(result);
    expectNothingLeft(result);
  });

  it('keeps the credentials the runner already has working beside the step’s own logins (merged read-only)', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'kiln-login-home3-'));
    try {
      mkdirSync(path.join(own, '.docker'));
      const config = `${JSON.stringify({ auths: { [PRIVATE]: { auth: BASIC } } })}\n`;
      writeFileSync(path.join(own, '.docker', 'config.json'), config);
      const tags = [privateImage('login-merged'), openImage('login-merged')];
      const result = await kiln(
        {
          context: 'login',
          push: 'true',
          tags: tags.join('\n'),
          'registry-auth': '- registry: localhost:5000\n  username: anyone\n  password: open-registry-pw',
          'build-args': `NONCE=${nonce}-merged`,
        },
        { env: { HOME: own } },
      );
      expectSuccess(result);
      expect(result.stdout).toMatch(/Registry: credentials for localhost:5000 are in a private Docker config/);
      expect((await served(tags[0] ?? '', 'built.txt')).content).toBe(`built ${nonce}-merged\n`);
      expect(readFileSync(path.join(own, '.docker', 'config.json'), 'utf8')).toBe(config);
      expectNothingLeft(result);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  describe('a private base image', () => {
    const base = privateImage('login-base');
    let context: string;
    beforeAll(() => {
      // Pushed without Kiln, with a Docker config of its own.
      const dir = mkdtempSync(path.join(tmpdir(), 'kiln-login-base-'));
      try {
        mkdirSync(path.join(dir, 'cfg'));
        writeFileSync(path.join(dir, 'cfg', 'config.json'), JSON.stringify({ auths: { [PRIVATE]: { auth: BASIC } } }));
        writeFileSync(path.join(dir, 'Dockerfile'), `FROM localhost:5000/busybox:latest\nRUN echo "base ${nonce}" > /base.txt\n`);
        execFileSync('docker', ['buildx', 'build', '-q', '--push', '-t', base, dir], {
          env: { ...process.env, DOCKER_CONFIG: path.join(dir, 'cfg'), BUILDX_CONFIG: path.join(process.env.HOME ?? '/root', '.docker', 'buildx') },
          stdio: 'ignore',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      context = mkdtempSync(path.join(tmpdir(), 'kiln-login-ctx-'));
      writeFileSync(path.join(context, 'Dockerfile'), `FROM ${base}\nRUN cat /base.txt > /built.txt\n`);
    });
    afterAll(() => {
      rmSync(context, { recursive: true, force: true });
    });

    it('is pulled with the step’s login (pull: true asks the registry), and without one the step says which registry wants credentials', async () => {
      const tag = openImage('login-from-private');
      const result = await kiln(
        { context, pull: 'true', push: 'true', tags: tag, 'registry-auth': `- registry: ${PRIVATE}\n  username: ${USER}\n  password: ${PASSWORD}` },
        withHome(),
      );
      expectSuccess(result);
      expect((await served(tag, 'built.txt')).content).toBe(`base ${nonce}\n`);
      expectNoPassword(result);

      const without = await kiln({ context, pull: 'true', push: 'true', tags: tag }, withHome());
      expect(without.mainExitCode).toBe(1);
      expect(errorsOf(without)[0]?.message).toContain(`${PRIVATE} asks for credentials (401 Unauthorized) and this step has none for it`);
    });
  });

  describe('a pull request from a fork (secrets withheld: the password is empty)', () => {
    // The event a fork's pull request gives: its head is another repository.
    const fork = {
      eventName: 'pull_request',
      payload: {
        repository: { full_name: 'octo/kiln' },
        pull_request: { number: 7, head: { repo: { full_name: 'someone/kiln-fork', fork: true } }, base: { repo: { full_name: 'octo/kiln' } } },
      },
    };

    it('skips that login with a notice and builds what needs no login', async () => {
      const tag = openImage('login-fork');
      const result = await kiln(
        { context: 'login', push: 'true', tags: tag, registry: PRIVATE, username: USER, password: '', 'build-args': `NONCE=${nonce}-fork` },
        { ...withHome(), ...fork },
      );
      expectSuccess(result);
      const notices = result.commands.filter((c) => c.command === 'notice').map((c) => c.message);
      expect(notices).toEqual([
        `Registry: not logging in to ${PRIVATE}: its password (input password) is empty, as secrets are on a pull request from a fork. The build goes on; a push to ${PRIVATE} will fail.`,
      ]);
      expect((await served(tag, 'built.txt')).content).toBe(`built ${nonce}-fork\n`);
      // Nothing to log in with: no private config at all.
      expect(result.stdout).not.toContain('private Docker config');
    });

    it('fails a push that needs it with the reason, not the bare 401', async () => {
      const result = await kiln(
        {
          context: 'login',
          push: 'true',
          tags: privateImage('login-fork'),
          registry: PRIVATE,
          username: USER,
          password: '',
          'build-args': `NONCE=${nonce}-fork2`,
        },
        { ...withHome(), ...fork },
      );
      expect(result.mainExitCode).toBe(1);
      expect(result.postExitCode).toBe(0);
      const [error] = errorsOf(result);
      expect(error?.message).toContain(
        `${PRIVATE} refused access (401 Unauthorized) because Kiln did not log in to it: its password (input password) was empty.`,
      );
      expect(error?.message).toContain('401 Unauthorized');
      expect(result.summary).toContain(`${PRIVATE} refused access (401 Unauthorized) because Kiln did not log in to it`);
      await expect(registryGet(privateImage('login-fork'), 'manifests', runTag)).rejects.toThrow('HTTP 404');
    });
  });

  it('names the user whose password the registry refused', async () => {
    const result = await kiln(
      { context: 'login', push: 'true', tags: privateImage('login-wrong'), registry: PRIVATE, username: USER, password: 'not-the-password' },
      withHome(),
    );
    expect(result.mainExitCode).toBe(1);
    expect(errorsOf(result)[0]?.message).toContain(`${PRIVATE} refused the credentials of ${USER} (input password) (401 Unauthorized)`);
    expect(
      result.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('not-the-password');
    expectNothingLeft(result);
  });

  it('rejects a build-arg that carries the password before anything runs, without printing it', async () => {
    const result = await kiln(
      {
        context: 'login',
        push: 'true',
        tags: privateImage('login-leak'),
        registry: PRIVATE,
        username: USER,
        password: PASSWORD,
        'build-args': `REGISTRY_PW=${PASSWORD}`,
      },
      withHome(),
    );
    expectRejectedBeforeRunning(result, 'build-args', `REGISTRY_PW=***`, `the password for ${PRIVATE} (input password)`);
    expect(placesASecretCouldBe(result)).not.toContain(PASSWORD);
  });
});

describe('a docker-container builder created by Kiln', () => {
  // As in builder.test.ts: fixtures/buildkit-double stands in for moby/buildkit (on Docker Hub),
  // its `buildctl dial-stdio` reaching the engine's own BuildKit on the bridge's gateway.
  const doubleImage = 'localhost:5000/kiln/buildkit-double:latest';
  const privateDouble = privateImage('buildkit-double');
  let buildkit: BuildkitEndpoint;
  const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bk-double-'));
    try {
      cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
      addBusybox(dir);
      execFileSync('docker', ['build', '-q', '-t', doubleImage, dir], { stdio: 'ignore' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    docker('push', '-q', doubleImage);
    // The same image on the htpasswd registry only, not in the engine: the builder's own image
    // must be pulled with the step's credentials.
    const cfg = mkdtempSync(path.join(tmpdir(), 'kiln-login-cfg-'));
    try {
      writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ auths: { [PRIVATE]: { auth: BASIC } } }));
      docker('tag', doubleImage, privateDouble);
      execFileSync('docker', ['push', '-q', privateDouble], { env: { ...process.env, DOCKER_CONFIG: cfg }, stdio: 'ignore' });
      docker('rmi', privateDouble);
    } finally {
      rmSync(cfg, { recursive: true, force: true });
    }
    buildkit = await startBuildkitEndpoint({ kind: 'tcp', host: docker('network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}') });
  });
  afterAll(async () => {
    await buildkit.close();
    execFileSync('docker', ['rmi', privateDouble], { stdio: 'ignore' });
  });

  it('pulls its BuildKit image from, and pushes to, the htpasswd registry with the step’s credentials (BuildKit asks the buildx client for them)', async () => {
    const tag = privateImage('login-container');
    const connections = buildkit.connections();
    // A HOME without the unusable credential store: buildx asks for credentials when it pulls the builder's image.
    const own = mkdtempSync(path.join(tmpdir(), 'kiln-login-home2-'));
    try {
      const result = await kiln(
        {
          context: 'login',
          driver: 'docker-container',
          'driver-opts': `image=${privateDouble}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`,
          push: 'true',
          tags: tag,
          'registry-auth': `- registry: ${PRIVATE}\n  username: ${USER}\n  password: ${PASSWORD}`,
          'build-args': `NONCE=${nonce}-container`,
        },
        { env: { HOME: own } },
      );
      expectSuccess(result);
      const name = result.outputs.builder ?? '';
      expect(name).toMatch(/^kiln-/);
      expect(result.stdout).toContain(`[command]docker buildx build --builder ${name} `);
      expect(buildkit.connections()).toBeGreaterThan(connections);
      expect((await served(tag, 'built.txt')).content).toBe(`built ${nonce}-container\n`);
      expect(result.postStdout).toContain(`Removed builder ${name}`);
      expectNoPassword(result);
      expectNothingLeft(result);
      expect(filesHolding(own, [PASSWORD, BASIC])).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
