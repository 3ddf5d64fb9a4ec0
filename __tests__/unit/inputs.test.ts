import { describe, expect, it } from '@jest/globals';
import { InputError, InputErrors } from '../../src/inputs/errors.js';
import { readInputs } from '../../src/inputs/read.js';
import type { InputName } from '../../src/names.js';
import { inputSource, makeInputs, thrown } from './support.js';

type Values = Partial<Record<InputName, string>>;

function errorsOf(values: Values, env: Record<string, string> = {}, files: string[] = []): InputError[] {
  return thrown(InputErrors, () => readInputs(inputSource(values, env, files))).errors;
}

/** The one error a set of values gives. */
function errorOf(values: Values, env: Record<string, string> = {}, files: string[] = []): InputError {
  const errors = errorsOf(values, env, files);
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (error === undefined) throw new Error('no error');
  return error;
}

describe('readInputs: defaults and parsing', () => {
  it('an empty with: block gives the defaults and no warnings', () => {
    expect(readInputs(inputSource({}))).toEqual({ inputs: makeInputs(), warnings: [] });
  });

  it('action.yml defaults ("false") read as false', () => {
    const { inputs } = readInputs(inputSource({ load: 'false', push: 'false', pull: 'false', 'no-cache': 'false' }));
    expect([inputs.load, inputs.push, inputs.pull, inputs.noCache]).toEqual([false, false, false, false]);
  });

  it('reads every input into its field, each list split its own way', () => {
    const { inputs, warnings } = readInputs(
      inputSource(
        {
          'add-hosts': 'docker:10.180.0.1,db=10.0.0.2',
          allow: 'network.host,security.insecure',
          annotations: 'index:org.opencontainers.image.title=Kiln, the app',
          attests: 'type=sbom,generator=image',
          'build-args': 'A=1,2\nFROM_ENV',
          'build-contexts': 'alpine=docker-image://alpine:3',
          builder: ' mybuilder ',
          'cache-from': 'type=gha,scope=a\ntype=registry,ref=r/app:cache',
          'cache-to': 'type=gha,mode=max',
          call: 'build',
          'cgroup-parent': 'parent',
          context: './app',
          file: './app/Dockerfile',
          'github-token': 'ghs_token',
          labels: 'a=b,c\nempty=',
          load: 'True',
          network: 'host',
          'no-cache': 'TRUE',
          'no-cache-filters': 'stage1,stage2',
          outputs: 'type=image,"name=a,b",push=true',
          platforms: 'linux/amd64, linux/arm64\nlinux/arm/v7',
          provenance: 'mode=max',
          pull: 'true',
          push: 'FALSE',
          sbom: 'true',
          'secret-envs': 'tok=TOKEN_VAR,other=OTHER_VAR',
          'secret-files': 'key=/secrets/key.pem',
          secrets: 'npm=abc,def',
          'shm-size': '2g',
          ssh: 'default',
          tags: 'r/app:1,r/app:latest',
          target: 'prod',
          ulimit: 'nofile=1024:1024',
        },
        { FROM_ENV: 'x', TOKEN_VAR: 't', OTHER_VAR: 'o', SSH_AUTH_SOCK: '/agent.sock' },
        ['/secrets/key.pem', '/agent.sock'],
      ),
    );
    expect(warnings).toEqual([]);
    expect(inputs).toEqual(
      makeInputs({
        addHosts: ['docker:10.180.0.1', 'db=10.0.0.2'],
        allow: ['network.host', 'security.insecure'],
        annotations: [
          {
            raw: 'index:org.opencontainers.image.title=Kiln, the app',
            key: 'org.opencontainers.image.title',
            value: 'Kiln, the app',
            levels: ['index'],
            platform: '',
          },
        ],
        attests: [{ raw: 'type=sbom,generator=image', attrs: { type: 'sbom', generator: 'image' } }],
        buildArgs: ['A=1,2', 'FROM_ENV'],
        buildArgValues: { A: '1,2', FROM_ENV: 'x' },
        buildContexts: ['alpine=docker-image://alpine:3'],
        builder: 'mybuilder',
        cacheFrom: [
          { raw: 'type=gha,scope=a', attrs: { type: 'gha', scope: 'a' } },
          { raw: 'type=registry,ref=r/app:cache', attrs: { type: 'registry', ref: 'r/app:cache' } },
        ],
        cacheTo: [{ raw: 'type=gha,mode=max', attrs: { type: 'gha', mode: 'max' } }],
        call: 'build',
        cgroupParent: 'parent',
        context: './app',
        file: './app/Dockerfile',
        githubToken: 'ghs_token',
        labels: [
          { raw: 'a=b,c', key: 'a', value: 'b,c' },
          { raw: 'empty=', key: 'empty', value: '' },
        ],
        load: true,
        network: 'host',
        noCache: true,
        noCacheFilters: ['stage1', 'stage2'],
        outputs: [{ raw: 'type=image,"name=a,b",push=true', attrs: { type: 'image', name: 'a,b', push: 'true' } }],
        platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
        provenance: { mode: 'on', raw: 'mode=max', attrs: { mode: 'max' } },
        pull: true,
        push: false,
        sbom: { mode: 'on', raw: 'true' },
        secrets: [
          { id: 'npm', input: 'secrets', source: { kind: 'inline', value: 'abc,def' } },
          { id: 'key', input: 'secret-files', source: { kind: 'file', path: '/secrets/key.pem' } },
          { id: 'tok', input: 'secret-envs', source: { kind: 'env', name: 'TOKEN_VAR' } },
          { id: 'other', input: 'secret-envs', source: { kind: 'env', name: 'OTHER_VAR' } },
        ],
        shmSize: '2g',
        ssh: ['default'],
        tags: ['r/app:1', 'r/app:latest'],
        target: 'prod',
        ulimit: ['nofile=1024:1024'],
      }),
    );
  });
});

describe('readInputs: booleans', () => {
  it.each<[InputName, string, boolean]>([
    ['load', 'true', true],
    ['load', 'True', true],
    ['load', 'TRUE', true],
    ['push', 'false', false],
    ['pull', 'False', false],
    ['no-cache', 'FALSE', false],
    ['no-cache', '  true  ', true],
  ])('%s: %j reads as %s', (name, value, expected) => {
    const { inputs } = readInputs(inputSource({ [name]: value, tags: 'r/app:1' }));
    const fields: Record<string, boolean> = { load: inputs.load, push: inputs.push, pull: inputs.pull, 'no-cache': inputs.noCache };
    expect(fields[name]).toBe(expected);
  });

  it.each<[InputName, string]>([
    ['load', 'yes'],
    ['push', '1'],
    ['pull', 'tRuE'],
    ['no-cache', 'on'],
    ['load', 'false\ntrue'],
  ])('%s: %j is rejected, naming the input, the value and the accepted words', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error).toBeInstanceOf(InputError);
    expect(error.input).toBe(name);
    expect(error.value).toBe(value.trim());
    expect(error.message).toBe(`Input "${name}" has ${JSON.stringify(value.trim())}: use true or false (true | True | TRUE | false | False | FALSE)`);
  });
});

describe('readInputs: platforms', () => {
  it.each([
    ['linux/amd46', 'unknown architecture "amd46"'],
    ['linux/arm/v9', 'unknown variant "v9" for arm; use one of v5, v6, v7, v8'],
    ['linux/amd64/v3/x', 'use os/arch[/variant]'],
    ['linxu/amd64', 'unknown OS "linxu"'],
    ['linux/386/v2', '386 takes no variant'],
    ['linux/', 'use os/arch[/variant]'],
  ])('%s is rejected', (platform, problem) => {
    const error = errorOf({ platforms: `linux/amd64,${platform}` });
    expect(error.input).toBe('platforms');
    expect(error.value).toBe(platform);
    expect(error.message).toContain(`Input "platforms" has "${platform}": `);
    expect(error.message).toContain(problem);
  });

  it.each(['local', 'linux', 'linux/arm/v7', 'linux/amd64', 'linux/arm64/v8', 'linux/amd64/v3', 'windows/amd64', 'linux/riscv64'])(
    '%s is accepted',
    (platform) => {
      expect(readInputs(inputSource({ platforms: platform })).inputs.platforms).toEqual([platform]);
    },
  );
});

describe('readInputs: key=value inputs', () => {
  it.each<[InputName, string]>([
    ['annotations', 'just-a-word'],
    ['build-contexts', 'alpine'],
    ['ulimit', 'nofile'],
    ['labels', '=value'],
  ])('%s: %j without a key=value is rejected, naming the input', (name, item) => {
    const error = errorOf({ [name]: `${name === 'ulimit' ? 'nproc' : 'good'}=1\n${item}` });
    expect(error.input).toBe(name);
    expect(error.value).toBe(item);
    expect(error.message).toContain(`Input "${name}" has "${item}"`);
  });

  it.each<[InputName, string]>([
    ['secrets', 'use id=value, one per line'],
    ['secret-files', 'use id=path, one per line'],
    ['secret-envs', 'use id=ENV_VAR_NAME'],
  ])('%s: an item without "=" is rejected, naming the input', (name, accepted) => {
    const error = errorOf({ [name]: 'noequals' });
    expect(error.input).toBe(name);
    expect(error.message).toContain(`Input "${name}" has`);
    expect(error.message).toContain(accepted);
  });

  it('a bare build-arg NAME is accepted when the environment has NAME (even empty)', () => {
    expect(readInputs(inputSource({ 'build-args': 'NAME\nOTHER' }, { NAME: 'v', OTHER: '' })).inputs.buildArgs).toEqual(['NAME', 'OTHER']);
  });

  it('a bare build-arg NAME is rejected when the environment lacks it', () => {
    const error = errorOf({ 'build-args': 'A=1\nNAME' }, { OTHER: 'x' });
    expect(error.input).toBe('build-args');
    expect(error.value).toBe('NAME');
    expect(error.message).toContain('bare NAME only when the environment variable NAME is set');
  });
});

describe('readInputs: push needs a destination', () => {
  it('push=true with neither tags nor a named output is rejected', () => {
    const error = errorOf({ push: 'true' });
    expect(error.input).toBe('push');
    expect(error.value).toBe('true');
    expect(error.message).toContain('set `tags`, or an `outputs` entry with name=<image>');
  });

  it('push=true with an unnamed output is still rejected', () => {
    expect(errorOf({ push: 'true', outputs: 'type=local,dest=out' }).input).toBe('push');
  });

  it.each<Values>([
    { push: 'true', tags: 'r/app:1' },
    { push: 'true', outputs: 'type=image,name=x,push=true' },
    { push: 'true', outputs: 'type=registry,"name=r/a:1,r/a:2"' },
    { push: 'false' },
  ])('%j is accepted', (values) => {
    expect(readInputs(inputSource(values)).inputs.push).toBe(values.push === 'true');
  });
});

describe('readInputs: call', () => {
  it.each(['check', 'check,format=json', 'build', 'outline', 'targets', 'subrequests.describe', 'outline,format=json'])('%j is accepted as given', (call) => {
    expect(readInputs(inputSource({ call })).inputs.call).toBe(call);
  });

  it.each(['frobnicate', 'lint', 'format=json', 'Check'])('%j is rejected', (call) => {
    const error = errorOf({ call });
    expect(error.input).toBe('call');
    expect(error.value).toBe(call);
    expect(error.message).toContain('use one of build, check, outline, targets, subrequests.describe');
  });
});

describe('readInputs: other validations', () => {
  it.each(['64m', '2g', '1073741824', '1.5g', '512mb', '2GB'])('shm-size %j is accepted', (shmSize) => {
    expect(readInputs(inputSource({ 'shm-size': shmSize })).inputs.shmSize).toBe(shmSize);
  });

  // Each of these is refused by buildx 0.29.1 too ("invalid size", "invalid suffix").
  it.each(['lots', '2gi', '-1m', '1.5x'])('shm-size %j is rejected', (shmSize) => {
    expect(errorOf({ 'shm-size': shmSize })).toMatchObject({ input: 'shm-size', value: shmSize });
  });

  // buildx parses --shm-size with go-units RAMInBytes, which also takes t/p units, an "i"
  // before "b" (GiB) and a space before the unit; buildx 0.29.1 accepts all three.
  it.each(['2GiB', '1t', '512 m'])('shm-size %j, which buildx accepts, is accepted', (shmSize) => {
    expect(readInputs(inputSource({ 'shm-size': shmSize })).inputs.shmSize).toBe(shmSize);
  });

  it.each(['docker', 'docker:', ':10.0.0.1', 'a b:1.2.3.4'])('add-hosts %j is rejected', (host) => {
    expect(errorOf({ 'add-hosts': host })).toMatchObject({ input: 'add-hosts', value: host });
  });
});

describe('readInputs: secrets', () => {
  it('a secret file that does not exist is rejected, naming the path', () => {
    const error = errorOf({ 'secret-files': 'key=/nope/key.pem\nok=/yes' }, {}, ['/yes']);
    expect(error.input).toBe('secret-files');
    expect(error.value).toBe('key=/nope/key.pem');
    expect(error.message).toContain('the file "/nope/key.pem" does not exist');
  });

  it('a secret env that is not set is rejected, naming the variable', () => {
    const error = errorOf({ 'secret-envs': 'tok=MISSING_VAR' }, { OTHER: 'x' });
    expect(error.input).toBe('secret-envs');
    expect(error.value).toBe('tok=MISSING_VAR');
    expect(error.message).toContain('the environment variable "MISSING_VAR" is not set');
  });

  it('secret-envs split on commas too', () => {
    const { inputs } = readInputs(inputSource({ 'secret-envs': 'a=A, b=B' }, { A: '1', B: '2' }));
    expect(inputs.secrets).toEqual([
      { id: 'a', input: 'secret-envs', source: { kind: 'env', name: 'A' } },
      { id: 'b', input: 'secret-envs', source: { kind: 'env', name: 'B' } },
    ]);
  });

  it('an inline secret keeps everything after the first "=" (commas, further "=")', () => {
    const { inputs } = readInputs(inputSource({ secrets: 'a=x=y,z\n"b=p,q"' }));
    expect(inputs.secrets).toEqual([
      { id: 'a', input: 'secrets', source: { kind: 'inline', value: 'x=y,z' } },
      { id: 'b', input: 'secrets', source: { kind: 'inline', value: 'p,q' } },
    ]);
  });

  // build-push-action warns and goes on; its own CI passes `INVALID_SECRET=` and expects a build.
  it('empty entries of all three inputs are skipped with a warning that shows no value', () => {
    const { inputs, warnings } = readInputs(
      inputSource({ secrets: 'empty=\nfull=hunter2-value', 'secret-files': 'nofile=', 'secret-envs': 'noname=,blank=BLANK_VAR' }, { BLANK_VAR: '' }),
    );
    expect(inputs.secrets).toEqual([{ id: 'full', input: 'secrets', source: { kind: 'inline', value: 'hunter2-value' } }]);
    expect(warnings).toEqual([
      expect.stringMatching(/^Secret "empty" \(input "secrets"\) is empty: skipped/),
      expect.stringMatching(/^Secret "nofile" \(input "secret-files"\) names no file: skipped/),
      expect.stringMatching(/^Secret "noname" \(input "secret-envs"\) names no variable: skipped/),
      expect.stringMatching(/^Secret "blank" \(input "secret-envs"\) reads BLANK_VAR, which is set but empty/),
    ]);
    expect(warnings.join('\n')).not.toContain('hunter2');
  });

  it('a variable that is set but empty is skipped, one that is not set at all is an error', () => {
    expect(readInputs(inputSource({ 'secret-envs': 'tok=TOKEN' }, { TOKEN: '' })).inputs.secrets).toEqual([]);
    expect(errorOf({ 'secret-envs': 'tok=TOKEN' }, {})).toMatchObject({ input: 'secret-envs', value: 'tok=TOKEN' });
  });

  // As build-push-action since #1538: a PEM key needs its last newline, and a value's spaces are
  // its own. Only the id is trimmed.
  it.each<[string, string, string]>([
    ['a quoted PEM key keeps its trailing newline', '"key=-----BEGIN K-----\nAAAA\n-----END K-----\n"\n', '-----BEGIN K-----\nAAAA\n-----END K-----\n'],
    ['trailing spaces stay', 'key=with spaces  \n', 'with spaces  '],
    ['leading spaces of the value stay', 'key=  lead', '  lead'],
    ['CRLF lines lose only the line break', 'key=crlf\r\nother=x\r\n', 'crlf'],
  ])('inline values are byte-exact: %s', (_, raw, value) => {
    const { inputs } = readInputs({ ...inputSource({ secrets: raw.trim() }), raw: () => raw });
    expect(inputs.secrets[0]).toEqual({ id: 'key', input: 'secrets', source: { kind: 'inline', value } });
  });

  it('the id is trimmed', () => {
    const { inputs } = readInputs(inputSource({ secrets: '  spaced id =v' }));
    expect(inputs.secrets[0]?.id).toBe('spaced id');
  });

  it('a secret file keeps its contents for masking; one too big to read is used unmasked, with a warning', () => {
    const files: Record<string, string | undefined> = { '/small': 'line1\nline2\n', '/big': undefined };
    const { inputs, warnings } = readInputs({
      ...inputSource({ 'secret-files': 'small=/small\nbig=/big' }, {}, Object.keys(files)),
      readFile: (p) => files[p],
    });
    expect(inputs.secrets).toEqual([
      { id: 'small', input: 'secret-files', source: { kind: 'file', path: '/small', contents: 'line1\nline2\n' } },
      { id: 'big', input: 'secret-files', source: { kind: 'file', path: '/big' } },
    ]);
    expect(warnings).toEqual([expect.stringContaining('/big is over 1 MiB or unreadable here, so its contents are not masked')]);
  });

  it('an inline secret with an empty id is rejected without showing its value', () => {
    const error = errorOf({ secrets: '=s3cr3t-value' });
    expect(error).toMatchObject({ input: 'secrets', value: '=***' });
    expect(error.message).not.toContain('s3cr3t');
  });

  // An item without "=" is most likely a pasted value (`secrets: ${{ secrets.TOKEN }}`, or the
  // unquoted lines of a multi-line PEM key); the runner masks a secret only as a whole, so
  // not even a prefix of it may reach the log.
  it.each(['ghp_0123456789abcdefghijklmnopqrstuvwxyz', 'nokvp-supersecret'])('an inline secret without "=" (%s) shows none of its characters', (item) => {
    const error = errorOf({ secrets: item });
    expect(error.input).toBe('secrets');
    expect(error.value).toBe('*** (hidden: it may be a secret)');
    expect(error.message).not.toContain(item.slice(0, 5));
  });

  it('error messages for unquoted multi-line secrets never show a line beyond 20 characters', () => {
    const pem = 'key=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    const errors = errorsOf({ secrets: pem });
    expect(errors.map((e) => e.input)).toEqual(['secrets', 'secrets']);
    const all = errors.map((e) => e.message).join('\n');
    expect(all).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7');
    expect(all).not.toContain('hkiG9w0BAQEFAASCBKcw');
  });

  it('a quoted multi-line secret is one secret', () => {
    const { inputs } = readInputs(inputSource({ secrets: '"key=line1\nline2"' }));
    expect(inputs.secrets).toEqual([{ id: 'key', input: 'secrets', source: { kind: 'inline', value: 'line1\nline2' } }]);
  });
});

describe('readInputs: every mistake at once', () => {
  it('reports all errors in one InputErrors, in a fixed order, one message line each', () => {
    const error = thrown(InputErrors, () =>
      readInputs(
        inputSource({
          load: 'yes',
          push: 'true',
          platforms: 'linux/amd46',
          labels: '=nolabel',
          call: 'frobnicate',
          'secret-files': 'k=/missing',
          'secret-envs': 'e=UNSET',
          'build-args': 'BARE',
        }),
      ),
    );
    expect(error.errors.map((e) => [e.input, e.value])).toEqual([
      ['build-args', 'BARE'],
      ['platforms', 'linux/amd46'],
      ['secret-files', 'k=/missing'],
      ['secret-envs', 'e=UNSET'],
      ['call', 'frobnicate'],
      ['load', 'yes'],
      ['labels', '=nolabel'],
      ['push', 'true'],
    ]);
    expect(error.message.split('\n')).toEqual(error.errors.map((e) => e.message));
    expect(error.name).toBe('InputErrors');
  });
});
