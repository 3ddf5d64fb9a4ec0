import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { InputErrors } from '../../src/inputs/errors.js';
import { type InputSource, readInputs } from '../../src/inputs/read.js';
import { checkImageRef } from '../../src/inputs/validate-refs.js';
import { otherFrontend } from '../../src/inputs/validate-target.js';
import { dockerfileTarget } from '../../src/setup/dockerfile-target.js';
import type { InputName } from '../../src/names.js';
import { ACCEPTED, MALFORMED, SSH_KEY, STAGES, type ValueRow } from './fixtures/buildx-values.js';
import { githubContext, inputSource, thrown } from './support.js';

function source(row: Pick<ValueRow, 'input' | 'value' | 'env'>, extra: Partial<Record<InputName, string>> = {}): InputSource {
  return {
    ...inputSource({ [row.input]: row.value, ...extra }, row.env, [SSH_KEY]),
    dockerfile: { file: '/ws/Dockerfile', stages: STAGES, otherFrontend: false },
  };
}

describe('values buildx refuses are input errors before anything runs', () => {
  it('the table has at least 31 malformed values, each its own', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(31);
    expect(new Set(MALFORMED.map((r) => `${r.input}\n${r.value}`)).size).toBe(MALFORMED.length);
  });

  it.each(MALFORMED.map((row) => [row.input, row.value, row] as const))('%s: %j is rejected, naming input, value and what is accepted', (input, value, row) => {
    const { errors } = thrown(InputErrors, () => readInputs(source(row)));
    expect(errors.map((e) => [e.input, e.value])).toEqual([[input, value]]);
    const [error] = errors;
    expect(error?.message).toContain(`Input "${input}" has ${JSON.stringify(value)}: `);
    for (const words of row.says ?? []) expect(error?.message).toContain(words);
    // More than buildx's "Run 'docker buildx build --help'": an example or a list of what works.
    expect(error?.accepted).toMatch(/use |e\.g\.|one of|are |give |set it/);
  });

  it.each(ACCEPTED.map((row) => [row.input, row.value, row] as const))('%s: %j, which buildx accepts, is accepted without a warning', (_input, _value, row) => {
    expect(readInputs(source(row)).warnings).toEqual([]);
  });

  it('all malformed values at once: every one reported, in one InputErrors', () => {
    // Inputs that hold one value (or one line): the last row of each is the one given.
    const single = new Set(['provenance', 'sbom', 'target', 'network', 'platforms', 'shm-size', 'call']);
    const values: Partial<Record<InputName, string>> = {};
    for (const row of MALFORMED)
      values[row.input] = values[row.input] === undefined || single.has(row.input) ? row.value : `${values[row.input]}\n${row.value}`;
    const { errors } = thrown(InputErrors, () =>
      readInputs({ ...inputSource(values), dockerfile: { file: 'Dockerfile', stages: STAGES, otherFrontend: false } }),
    );
    const expected = MALFORMED.filter((r) => !single.has(r.input) || values[r.input] === r.value).map((r) => `${r.input}=${r.value}`);
    expect(errors.map((e) => `${e.input}=${e.value}`).sort()).toEqual(expected.sort());
  });
});

describe('accepted with a warning: buildx takes these but BuildKit skips them', () => {
  it.each([
    ['type=bogus', 'no cache importer "bogus"'],
    ['localhost:5000/Cache:x', 'lower case'],
    ['type=registry,ref=localhost:5000/Cache:x', 'lower case'],
  ])('cache-from %j', (value, says) => {
    const { warnings } = readInputs(inputSource({ 'cache-from': value }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(says);
  });
});

describe('target: the Dockerfile is read only when it can answer', () => {
  it('without a Dockerfile on disk (a Git context) the target is left to BuildKit', () => {
    expect(readInputs(inputSource({ target: 'anything' })).inputs.target).toBe('anything');
  });

  it('a # syntax= frontend of its own may have other stages: not checked', () => {
    expect(otherFrontend('# syntax=example.com/my/frontend:1\nFROM scratch\n')).toBe(true);
    expect(otherFrontend('# syntax=docker/dockerfile:1.7\nFROM scratch AS a\n')).toBe(false);
    expect(otherFrontend('# check=skip=all\n# syntax=docker.io/docker/dockerfile-upstream:master\nFROM scratch\n')).toBe(false);
    expect(otherFrontend('FROM scratch\n# syntax=other\n')).toBe(false);
    const target = { file: 'Dockerfile', stages: ['a'], otherFrontend: true };
    expect(readInputs({ ...inputSource({ target: 'b' }), dockerfile: target }).inputs.target).toBe('b');
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-target-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (values: Partial<Record<InputName, string>>) => (name: InputName) => values[name] ?? '';
  const ctx = githubContext({ workspace: dir });

  it('reads the stages of the Dockerfile the build will use (context and file as chooseContext picks them)', async () => {
    writeFileSync(path.join(dir, 'Dockerfile'), 'ARG BASE=scratch\nFROM ${BASE} AS Builder\nFROM builder AS final\nFROM scratch\n');
    writeFileSync(path.join(dir, 'other.Dockerfile'), 'FROM scratch AS other\n');
    expect(await dockerfileTarget(get({ target: 'x' }), ctx, dir, () => true)).toEqual({
      file: path.join(dir, 'Dockerfile'),
      stages: ['builder', 'final'],
      otherFrontend: false,
    });
    expect(
      await dockerfileTarget(get({ target: 'x', context: '.', file: 'other.Dockerfile' }), ctx, dir, (p) => p === dir || p.endsWith('other.Dockerfile')),
    ).toMatchObject({ stages: ['other'] });
  });

  it('reads nothing without a target, for a remote context, or when the context is wrong (its own error says so)', async () => {
    const never = () => {
      throw new Error('looked at the disk');
    };
    expect(await dockerfileTarget(get({}), ctx, dir, never)).toBeUndefined();
    expect(await dockerfileTarget(get({ target: 'x', context: 'https://github.com/o/r.git' }), ctx, dir, () => true)).toBeUndefined();
    expect(await dockerfileTarget(get({ target: 'x', context: 'missing-dir' }), ctx, dir, () => false)).toBeUndefined();
  });
});

describe('checkImageRef follows the distribution reference grammar', () => {
  it.each([
    'localhost:5000/app',
    'ghcr.io/o/app:1.2.3',
    'a.b.c:443/x/y/z:t',
    '127.0.0.1:5000/x',
    'x-y--z/a.b_c__d',
    'LOCALHOST/app',
    'r/app@sha384:' + 'ab'.repeat(48),
  ])('%j is an image reference', (ref) => {
    expect(checkImageRef(ref)).toBeUndefined();
  });

  it.each([
    '',
    'App',
    'a/B',
    '-a',
    'a-',
    'a___b',
    'a/',
    '/a',
    'a//b',
    'host:port/x',
    '[::1/x',
    'a b',
    'a:b:c',
    `a:${'x'.repeat(129)}`,
    'a@sha256:' + 'a'.repeat(63),
  ])('%j is not', (ref) => {
    expect(checkImageRef(ref)).toMatch(/\[registry\[:port\]\/\]name\[:tag\]\[@digest\]/);
  });
});
