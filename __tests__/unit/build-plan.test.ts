import { describe, expect, it } from '@jest/globals';
import type { GithubContext } from '../../src/github/context.js';
import { type BuildxOption, optionFrom, registryRefOption } from '../../src/inputs/buildx-option.js';
import type { Secret } from '../../src/inputs/types.js';
import { type BuildPlan, planBuild } from '../../src/plan/build-plan.js';
import type { BuildContext } from '../../src/plan/context.js';
import { planSecrets } from '../../src/plan/secrets.js';
import { annotation, attestationOn, barePath, TAR_TO_STDOUT, githubContext, type InputOverrides, makeInputs, RUN_URL } from './support.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const TEMP = '/runner/temp/kiln-1';
const IID = `${TEMP}/iidfile`;
const META = `${TEMP}/metadata.json`;
const MIN = `mode=min,inline-only=true,builder-id=${RUN_URL}`;
const MAX = `mode=max,builder-id=${RUN_URL}`;

const privateRepo = githubContext({ sha: SHA });
const publicRepo = githubContext({ sha: SHA, payload: { repository: { private: false } } });
const workspace: BuildContext = { kind: 'path', path: '/ws', dockerfile: '/ws/Dockerfile', because: 'context-directory', reason: 'test' };
const ownGit: BuildContext = { kind: 'git', url: `https://github.com/o/r.git#${SHA}`, because: 'context-git', reason: 'test' };

function plan(
  overrides: InputOverrides = {},
  options: { context?: BuildContext; ctx?: GithubContext; env?: Record<string, string>; attestations?: boolean; defaultLoad?: boolean; driver?: string } = {},
): BuildPlan {
  const inputs = makeInputs(overrides);
  // The cache plan's entries: the inputs' own, as an explicit plan passes them on.
  const decided = {
    cache: { cacheFrom: inputs.cacheFrom, cacheTo: inputs.cacheTo },
    ...(options.driver === undefined ? {} : { driver: options.driver }),
    ...(options.attestations === undefined ? {} : { attestations: options.attestations }),
    ...(options.defaultLoad === undefined ? {} : { defaultLoad: options.defaultLoad }),
  };
  return planBuild(inputs, options.context ?? workspace, options.ctx ?? privateRepo, TEMP, options.env ?? {}, decided);
}

const inline = (id: string, value: string): Secret => ({ id, input: 'secrets', source: { kind: 'inline', value } });
const fromFile = (id: string, path: string): Secret => ({ id, input: 'secret-files', source: { kind: 'file', path } });
const fromEnv = (id: string, name: string): Secret => ({ id, input: 'secret-envs', source: { kind: 'env', name } });

/** The values of every occurrence of `flag` in `args`. */
function flagValues(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1] ?? '<missing>'] : []));
}

describe('planBuild: argument lists', () => {
  it('defaults: iidfile, metadata file, default provenance, the context last', () => {
    const p = plan();
    expect(p.args).toEqual(['buildx', 'build', '--iidfile', IID, '--metadata-file', META, '--provenance', MIN, '/ws']);
    expect(p).toMatchObject({
      tempDir: TEMP,
      iidFile: IID,
      metadataFile: META,
      secretFiles: [],
      masks: [],
      pushed: [],
      loads: false,
      platforms: [],
      provenanceNote: 'provenance: mode=min (private or unknown repository)',
    });
  });

  it('every input, each flag in its place', () => {
    const p = plan(
      {
        builder: 'kiln-builder',
        addHosts: ['docker:10.180.0.1', 'db=10.0.0.2'],
        allow: ['network.host', 'security.insecure'],
        annotations: [{ raw: 'index:a=1', key: 'a', value: '1', levels: ['index'], platform: '' }, annotation('b=2')],
        attests: ['type=sbom,generator=image'],
        buildArgs: ['A=1', 'B=2,3'],
        buildContexts: ['alpine=docker-image://alpine:3'],
        cacheFrom: ['type=gha,scope=a', 'type=registry,ref=r/app:cache'],
        cacheTo: ['type=gha,mode=max'],
        cgroupParent: 'parent',
        file: './Dockerfile.prod',
        labels: ['org.opencontainers.image.title=Kiln'],
        network: 'host',
        noCache: true,
        noCacheFilters: ['stage1', 'stage2'],
        outputs: [{ raw: 'type=image,"name=r/app:out",push=true', attrs: { type: 'image', name: 'r/app:out', push: 'true' } }],
        platforms: ['linux/amd64', 'linux/arm64'],
        provenance: attestationOn('mode=max'),
        pull: true,
        push: true,
        sbom: { mode: 'on', raw: 'true' },
        secrets: [fromFile('npmrc', '/home/u/.npmrc')],
        shmSize: '2g',
        ssh: ['default', 'key=/k'],
        tags: ['r/app:1', 'r/app:latest'],
        target: 'prod',
        ulimit: ['nofile=1024:1024'],
      },
      { ctx: publicRepo },
    );
    expect(p.args).toEqual([
      'buildx',
      'build',
      '--builder',
      'kiln-builder',
      '--add-host',
      'docker:10.180.0.1',
      '--add-host',
      'db=10.0.0.2',
      '--allow',
      'network.host,security.insecure',
      '--annotation',
      'index:a=1',
      '--annotation',
      'b=2',
      '--attest',
      'type=sbom,generator=image',
      '--build-arg',
      'A=1',
      '--build-arg',
      'B=2,3',
      '--build-context',
      'alpine=docker-image://alpine:3',
      '--cache-from',
      'type=gha,scope=a',
      '--cache-from',
      'type=registry,ref=r/app:cache',
      '--cache-to',
      'type=gha,mode=max',
      '--cgroup-parent',
      'parent',
      '--file',
      './Dockerfile.prod',
      '--iidfile',
      IID,
      '--metadata-file',
      META,
      '--label',
      'org.opencontainers.image.title=Kiln',
      '--network',
      'host',
      '--no-cache',
      '--no-cache-filter',
      'stage1',
      '--no-cache-filter',
      'stage2',
      '--output',
      'type=image,"name=r/app:out",push=true',
      '--platform',
      'linux/amd64,linux/arm64',
      '--provenance',
      `mode=max,builder-id=${RUN_URL}`,
      '--pull',
      '--push',
      '--sbom',
      'true',
      '--secret',
      'id=npmrc,src=/home/u/.npmrc',
      '--shm-size',
      '2g',
      '--ssh',
      'default',
      '--ssh',
      'key=/k',
      '--tag',
      'r/app:1',
      '--tag',
      'r/app:latest',
      '--target',
      'prod',
      '--ulimit',
      'nofile=1024:1024',
      '/ws',
    ]);
    expect(p.pushed).toEqual(['r/app:1', 'r/app:latest', 'r/app:out']);
    expect(p.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(p.provenanceNote).toBe('');
  });

  it('push with load on the engine’s own builder: --push alone, which stores the image in the engine as it pushes', () => {
    const p = plan({ push: true, load: true, tags: ['r.example/a:1'] }, { driver: 'docker' });
    expect(p.args).toEqual(['buildx', 'build', '--iidfile', IID, '--metadata-file', META, '--push', '--tag', 'r.example/a:1', '/ws']);
    expect(p).toMatchObject({ loads: true, pushed: ['r.example/a:1'], exporters: 1 });
    // Any other builder keeps both exporters: its image exporter does not reach the engine.
    const other = plan({ push: true, load: true, tags: ['r.example/a:1'] }, { driver: 'docker-container' });
    expect(other.args).toEqual(['buildx', 'build', '--iidfile', IID, '--metadata-file', META, '--load', '--push', '--tag', 'r.example/a:1', '/ws']);
    expect(other).toMatchObject({ loads: true, exporters: 2 });
    // load alone on the docker driver stays.
    expect(plan({ load: true }, { driver: 'docker' }).args).toContain('--load');
  });

  it('load and call, with the Git context last', () => {
    const p = plan({ load: true, call: 'check,format=json' }, { context: ownGit });
    expect(p.args).toEqual(['buildx', 'build', '--call', 'check,format=json', '--iidfile', IID, '--metadata-file', META, '--load', ownGit.url]);
    expect(p.loads).toBe(true);
  });

  // buildx: "local and tar exporters are incompatible with image ID file" (checked on 0.29.1,
  // also when another exporter makes an image).
  it.each<[(string | BuildxOption)[], boolean]>([
    [[], true],
    [['type=registry,name=r/a'], true],
    [['type=image,name=r/a,push=true'], true],
    [['type=docker'], true],
    [['type=local,dest=out'], false],
    [['type=tar,dest=out.tar'], false],
    [[barePath('out')], false],
    [[TAR_TO_STDOUT], false],
    [['type=image,name=r/a', 'type=local,dest=out'], false],
  ])('outputs %j: --iidfile %s, --metadata-file always', (outputs, iid) => {
    const p = plan({ outputs });
    expect(flagValues(p.args, '--iidfile')).toEqual(iid ? [IID] : []);
    expect(flagValues(p.args, '--metadata-file')).toEqual([META]);
    expect(p.iidFile).toBe(IID);
  });

  // The cache plan's records (plan/cache.ts) reach the command line by their text, in place of the inputs'.
  it('the cache entries decided for the builder: their text, in place of cache-from / cache-to', () => {
    const decided = {
      cache: {
        cacheFrom: [optionFrom({ type: 'gha', scope: 'a' }), registryRefOption('r/app:1')],
        cacheTo: [optionFrom({ type: 'gha', scope: 'a', mode: 'min' })],
      },
    };
    const p = planBuild(makeInputs({ cacheFrom: ['type=local,src=/x'], cacheTo: ['type=local,dest=/x'] }), workspace, privateRepo, TEMP, {}, decided);
    expect(flagValues(p.args, '--cache-from')).toEqual(['type=gha,scope=a', 'r/app:1']);
    expect(flagValues(p.args, '--cache-to')).toEqual(['type=gha,scope=a,mode=min']);
    const none = planBuild(makeInputs({ cacheFrom: ['type=local,src=/x'] }), workspace, privateRepo, TEMP, {}, { cache: { cacheFrom: [], cacheTo: [] } });
    expect(none.args).not.toContain('--cache-from');
  });

  it('a URL context is the last argument, as given', () => {
    const url: BuildContext = { kind: 'url', url: 'https://example.com/ctx.tar.gz', because: 'context-url', reason: 'test' };
    expect(plan({}, { context: url }).args.at(-1)).toBe('https://example.com/ctx.tar.gz');
  });

  it('a relative path context stays relative', () => {
    const rel: BuildContext = { kind: 'path', path: 'app', dockerfile: '/ws/app/Dockerfile', because: 'context-directory', reason: 'test' };
    expect(plan({}, { context: rel }).args.at(-1)).toBe('app');
  });
});

describe('planBuild: secrets', () => {
  const secrets = [
    inline('npm', 'hunter2-inline'),
    fromFile('key', '/secrets/key.pem'),
    fromEnv('tok', 'TOKEN_VAR'),
    inline('pem', '-----BEGIN KEY-----\nAAAAline-one\r\nBBBBline-two\n-----END KEY-----\n'),
  ];
  const env = { TOKEN_VAR: 'value-from-env' };

  it('inline secrets become files under tempDir, files and envs are referenced', () => {
    const p = plan({ secrets }, { env });
    expect(flagValues(p.args, '--secret')).toEqual([
      `id=npm,src=${TEMP}/secret-0`,
      'id=key,src=/secrets/key.pem',
      'id=tok,env=TOKEN_VAR',
      `id=pem,src=${TEMP}/secret-3`,
    ]);
    expect(p.secretFiles).toEqual([
      { path: `${TEMP}/secret-0`, value: 'hunter2-inline' },
      { path: `${TEMP}/secret-3`, value: '-----BEGIN KEY-----\nAAAAline-one\r\nBBBBline-two\n-----END KEY-----\n' },
    ]);
  });

  it('no argument holds any secret value or any line of one', () => {
    const p = plan({ secrets }, { env });
    expect(flagValues(p.args, '--secret').length).toBeGreaterThan(0);
    for (const value of ['hunter2', 'value-from-env', 'AAAAline-one', 'BBBBline-two', 'BEGIN KEY']) {
      for (const arg of p.args) expect(arg).not.toContain(value);
    }
  });

  it('masks hold inline values, env values and each line of multi-line values', () => {
    const p = plan({ secrets }, { env });
    expect(p.masks).toEqual([
      'hunter2-inline',
      'value-from-env',
      '-----BEGIN KEY-----\nAAAAline-one\r\nBBBBline-two\n-----END KEY-----',
      '-----BEGIN KEY-----',
      'AAAAline-one',
      'BBBBline-two',
      '-----END KEY-----',
    ]);
  });

  it("a secret file's contents are masked line by line, all but lines under 4 characters (a JSON file's braces)", () => {
    const contents = '{\n  "private_key": "KEY-abc",\r\n  "id": "x"\n}\nabcd\n';
    const file: Secret = { id: 'f', input: 'secret-files', source: { kind: 'file', path: '/f', contents } };
    expect(planSecrets([file], TEMP, {}).masks).toEqual(['"private_key": "KEY-abc",', '"id": "x"', 'abcd']);
  });

  it('an id or path with a comma or quote is CSV-quoted for buildx', () => {
    const p = planSecrets([fromFile('a,b', '/dir,x/"f"')], TEMP, {});
    expect(p.flags).toEqual(['"id=a,b","src=/dir,x/""f"""']);
  });

  it('empty values and unset env variables add no mask', () => {
    const p = planSecrets([inline('empty', ''), fromEnv('e', 'UNSET')], TEMP, {});
    expect(p.masks).toEqual([]);
    expect(p.files).toEqual([{ path: `${TEMP}/secret-0`, value: '' }]);
  });
});

describe('planBuild: default provenance', () => {
  it.each<[string, InputOverrides, GithubContext, string | undefined]>([
    ['private repository', {}, githubContext({ payload: { repository: { private: true } } }), MIN],
    ['unknown visibility (no payload)', {}, privateRepo, MIN],
    ['public repository', {}, publicRepo, MAX],
    ['load=true: none', { load: true }, publicRepo, undefined],
    ['an output of type docker: none', { outputs: ['type=docker,name=x'] }, publicRepo, undefined],
    ['provenance: false', { provenance: { mode: 'off', raw: 'false' } }, publicRepo, 'false'],
    ['provenance: FALSE', { provenance: { mode: 'off', raw: 'FALSE' } }, publicRepo, 'false'],
    ['provenance: true', { provenance: { mode: 'on', raw: 'true' } }, publicRepo, `builder-id=${RUN_URL}`],
    ['provenance: True with load', { provenance: { mode: 'on', raw: 'True' }, load: true }, publicRepo, `builder-id=${RUN_URL}`],
    ['user attrs get the builder-id', { provenance: attestationOn('mode=max') }, privateRepo, MAX],
    [
      'user attrs with a builder-id are kept',
      { provenance: attestationOn('mode=min,builder-id=https://ci.example/1') },
      publicRepo,
      'mode=min,builder-id=https://ci.example/1',
    ],
    ['provenance given with load is still passed', { provenance: attestationOn('mode=min'), load: true }, publicRepo, `mode=min,builder-id=${RUN_URL}`],
    ['call: check: none', { call: 'check' }, publicRepo, undefined],
    ['call: build keeps the default', { call: 'build' }, publicRepo, MAX],
    ['an attests provenance entry: none', { attests: ['type=provenance,mode=max'] }, publicRepo, undefined],
    ['an attests sbom entry keeps the default', { attests: ['type=sbom'] }, privateRepo, MIN],
  ])('%s', (_name, inputs, ctx, expected) => {
    const values = flagValues(plan(inputs, { ctx }).args, '--provenance');
    expect(values).toEqual(expected === undefined ? [] : [expected]);
  });

  it('the note says why', () => {
    expect(plan({}, { ctx: publicRepo }).provenanceNote).toBe('provenance: mode=max (public repository)');
    expect(plan({ load: true }).provenanceNote).toBe('provenance: none by default when the image is loaded into the engine');
    expect(plan({ provenance: { mode: 'off', raw: 'false' } }).provenanceNote).toBe('');
  });

  it('none by default on a builder that cannot attach attestations (docker driver, classic store); what the user asks stays', () => {
    const classic = { ctx: publicRepo, attestations: false };
    expect(flagValues(plan({}, classic).args, '--provenance')).toEqual([]);
    expect(plan({}, classic).provenanceNote).toBe(
      'provenance: none by default: this builder (the docker driver with the classic image store) cannot attach attestations',
    );
    expect(flagValues(plan({ provenance: attestationOn('mode=max') }, classic).args, '--provenance')).toEqual([MAX]);
    expect(flagValues(plan({ provenance: { mode: 'off', raw: 'false' } }, classic).args, '--provenance')).toEqual(['false']);
    expect(flagValues(plan({}, { ctx: publicRepo, attestations: true }).args, '--provenance')).toEqual([MAX]);
  });

  it('none by default when a default-load builder loads the image (the build names no output)', () => {
    const loading = { ctx: publicRepo, defaultLoad: true };
    expect(flagValues(plan({}, loading).args, '--provenance')).toEqual([]);
    expect(plan({}, loading).provenanceNote).toBe('provenance: none by default when the image is loaded into the engine');
    // An output of its own, or a push: nothing is loaded, the default stays.
    expect(flagValues(plan({ push: true, tags: ['r/a:1'] }, loading).args, '--provenance')).toEqual([MAX]);
    expect(flagValues(plan({ outputs: ['type=local,dest=out'] }, loading).args, '--provenance')).toEqual([MAX]);
  });

  it('builder-id is the run URL of this attempt', () => {
    const ctx = githubContext({ serverUrl: 'https://ghe.example.com', repository: 'team/app', runId: '7', runAttempt: '2' });
    expect(flagValues(plan({}, { ctx }).args, '--provenance')).toEqual([
      'mode=min,inline-only=true,builder-id=https://ghe.example.com/team/app/actions/runs/7/attempts/2',
    ]);
  });
});

describe('planBuild: pushed references and loads', () => {
  it.each<[string, InputOverrides, string[]]>([
    ['push=true pushes the tags', { push: true, tags: ['r/a:1', 'r/a:2'] }, ['r/a:1', 'r/a:2']],
    ['push=false pushes nothing', { tags: ['r/a:1'] }, []],
    ['type=registry,name=a', { outputs: ['type=registry,name=a'] }, ['a']],
    ['type=image,name=b,push=true', { outputs: ['type=image,name=b,push=true'] }, ['b']],
    ['type=image without push', { outputs: ['type=image,name=c'] }, []],
    ['type=image,push=false', { outputs: ['type=image,name=c,push=false'] }, []],
    ['type=local pushes nothing', { outputs: ['type=local,dest=out'], tags: ['r/a:1'] }, []],
    ['a bare path output pushes nothing', { outputs: [barePath('out')], tags: ['r/a:1'] }, []],
    ['type=registry without a name pushes the tags', { outputs: ['type=registry'], tags: ['r/a:1'] }, ['r/a:1']],
    [
      'a quoted list of names',
      { outputs: [{ raw: 'type=image,"name=x:1,y:2",push=true', attrs: { type: 'image', name: 'x:1,y:2', push: 'true' } }] },
      ['x:1', 'y:2'],
    ],
    ['duplicates appear once', { push: true, tags: ['a'], outputs: ['type=registry,name=a'] }, ['a']],
    ['tags then output names', { push: true, tags: ['t'], outputs: ['type=registry,name=o'] }, ['t', 'o']],
  ])('%s', (_name, inputs, pushed) => {
    expect(plan(inputs).pushed).toEqual(pushed);
  });

  // BuildKit reads the image exporter's `push` with Go's strconv.ParseBool (1, t, T, TRUE, true,
  // True): each pushes, so each must be read back from the registry.
  it.each(['True', 'TRUE', '1', 't'])('type=image,name=b,push=%s pushes b', (value) => {
    expect(plan({ outputs: [`type=image,name=b,push=${value}`] }).pushed).toEqual(['b']);
  });

  it.each<[string, InputOverrides, boolean]>([
    ['load=true', { load: true }, true],
    ['type=docker output', { outputs: ['type=docker'] }, true],
    ['type=registry output', { outputs: ['type=registry,name=a'] }, false],
    ['nothing', {}, false],
  ])('loads: %s → %s', (_name, inputs, loads) => {
    expect(plan(inputs).loads).toBe(loads);
  });
});

describe('planBuild: github-token for Git contexts', () => {
  const TOKEN = 'ghs_jobtoken0123456789';

  it("becomes a GIT_AUTH_TOKEN.<host> secret file for the repository's own Git context", () => {
    const p = plan({ githubToken: TOKEN, secrets: [inline('npm', 'x')] }, { context: ownGit });
    expect(flagValues(p.args, '--secret')).toEqual([`id=npm,src=${TEMP}/secret-0`, `id=GIT_AUTH_TOKEN.github.com,src=${TEMP}/secret-1`]);
    expect(p.secretFiles).toContainEqual({ path: `${TEMP}/secret-1`, value: TOKEN });
    expect(p.masks).toContain(TOKEN);
    for (const arg of p.args) expect(arg).not.toContain(TOKEN);
  });

  it('names the GHES host', () => {
    const ctx = githubContext({ serverUrl: 'https://ghe.example.com:8443', sha: SHA });
    const git: BuildContext = { kind: 'git', url: `https://ghe.example.com:8443/o/r.git#${SHA}`, because: 'context-git', reason: 'test' };
    const p = plan({ githubToken: TOKEN }, { context: git, ctx });
    expect(flagValues(p.args, '--secret')).toEqual([`id=GIT_AUTH_TOKEN.ghe.example.com:8443,src=${TEMP}/secret-0`]);
  });

  it("is given for a subdirectory of the repository's own Git context", () => {
    const sub: BuildContext = { kind: 'url', url: `https://github.com/o/r.git#${SHA}:docker`, because: 'context-url', reason: 'test' };
    expect(flagValues(plan({ githubToken: TOKEN }, { context: sub }).args, '--secret')).toEqual([`id=GIT_AUTH_TOKEN.github.com,src=${TEMP}/secret-0`]);
  });

  it.each<[string, BuildContext]>([
    ['a path context', workspace],
    ['a Git URL on another host', { kind: 'url', url: 'https://gitlab.com/o/r.git', because: 'context-url', reason: 'test' }],
    ['a host that merely starts like the server', { kind: 'url', url: 'https://github.com.evil.example/o/r.git', because: 'context-url', reason: 'test' }],
    ['an SSH Git URL', { kind: 'url', url: 'git@github.com:o/r.git', because: 'context-url', reason: 'test' }],
  ])('is not given for %s', (_name, context) => {
    const p = plan({ githubToken: TOKEN }, { context });
    expect(flagValues(p.args, '--secret')).toEqual([]);
    expect(p.secretFiles).toEqual([]);
    expect(p.masks).toEqual([]);
  });

  it('is not given when the token is empty', () => {
    expect(flagValues(plan({ githubToken: '' }, { context: ownGit }).args, '--secret')).toEqual([]);
  });

  it.each(['GIT_AUTH_TOKEN.github.com', 'GIT_AUTH_TOKEN'])('is not added when the user gave a %s secret', (id) => {
    const p = plan({ githubToken: TOKEN, secrets: [inline(id, 'users-own-token')] }, { context: ownGit });
    expect(flagValues(p.args, '--secret')).toEqual([`id=${id},src=${TEMP}/secret-0`]);
    expect(p.secretFiles).toEqual([{ path: `${TEMP}/secret-0`, value: 'users-own-token' }]);
    expect(p.masks).not.toContain(TOKEN);
  });

  // Like build-push-action, the token goes only to the repository's own Git context: another
  // repository's Dockerfile could read it (`RUN --mount=type=secret,id=GIT_AUTH_TOKEN.github.com`).
  it("is not given to another repository's Git context on the same server", () => {
    const other: BuildContext = { kind: 'url', url: 'https://github.com/someone/else.git#main', because: 'context-url', reason: 'test' };
    expect(flagValues(plan({ githubToken: TOKEN }, { context: other }).args, '--secret')).toEqual([]);
  });
});
