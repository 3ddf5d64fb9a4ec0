import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { type InputError, InputErrors } from '../../src/inputs/errors.js';
import { checkBuildArgLeaks } from '../../src/inputs/leaks.js';
import { readInputs } from '../../src/inputs/read.js';
import type { InputName } from '../../src/names.js';
import { inputSource, thrown } from './support.js';

const SECRET = 'tok-8f3a9c2e';

/** readInputs over plain data, secret files given as path → content. */
function read(values: Partial<Record<InputName, string>>, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  return readInputs({ ...inputSource(values, env, Object.keys(files)), readFile: (p) => files[p] ?? '', parseYaml: parse });
}

function leakErrors(values: Partial<Record<InputName, string>>, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  return thrown(InputErrors, () => read(values, env, files)).errors;
}

describe('build-args whose value is a secret given to the step', () => {
  it.each<[string, Partial<Record<InputName, string>>, Record<string, string>, Record<string, string>, string]>([
    ['an inline secret', { secrets: `npm=${SECRET}`, 'build-args': `NPM=${SECRET}` }, {}, {}, 'secret "npm" (input secrets)'],
    ['a secret-envs variable', { 'secret-envs': 'tok=MY_TOKEN', 'build-args': `A=${SECRET}` }, { MY_TOKEN: SECRET }, {}, 'secret "tok" (input secret-envs)'],
    [
      'a secret file’s content (its trailing newline aside)',
      { 'secret-files': 'key=/s/key', 'build-args': `A=${SECRET}` },
      {},
      { '/s/key': `${SECRET}\n` },
      'secret "key" (input secret-files)',
    ],
    [
      'the password input',
      { registry: 'localhost:5001', username: 'kiln', password: SECRET, 'build-args': `A=${SECRET}` },
      {},
      {},
      'the password for localhost:5001 (input password)',
    ],
    [
      'a registry-auth password',
      { 'registry-auth': `- registry: ghcr.io\n  username: u\n  password: ${SECRET}`, 'build-args': `A=${SECRET}` },
      {},
      {},
      'the password for ghcr.io (input registry-auth)',
    ],
    ['a bare NAME passing the step’s variable', { secrets: `npm=${SECRET}`, 'build-args': 'PASSED' }, { PASSED: SECRET }, {}, 'secret "npm" (input secrets)'],
  ])('are an input error for %s, naming both but never the value', (_, values, env, files, label) => {
    const errors = leakErrors(values, env, files);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.input).toBe('build-args');
    expect(errors[0]?.message).toContain(label);
    expect(errors[0]?.message).toContain('RUN --mount=type=secret');
    expect(errors[0]?.message).not.toContain(SECRET);
  });

  it('pass when no value is a secret, and do not compare values too short to be credentials', () => {
    expect(read({ secrets: `npm=${SECRET}`, 'build-args': 'A=other-value' }).warnings).toEqual([]);
    expect(read({ secrets: 'flag=1\nempty=', 'build-args': 'DEBUG=1\nE=' }).inputs.buildArgs).toEqual(['DEBUG=1', 'E=']);
  });
});

describe('build-args named like credentials', () => {
  it.each(['GITHUB_TOKEN', 'npm_token', 'DB_PASSWORD', 'APP_SECRET_VALUE', 'API_KEY'])('%s gets a warning pointing at secrets', (name) => {
    const { warnings } = read({ 'build-args': `${name}=x` });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Build-arg "${name}" looks like a credential`);
    expect(warnings[0]).toContain('`secrets`');
  });

  it.each(['VERSION', 'KEYBOARD', 'KEY_ID', 'MONKEY'])('%s gets none', (name) => {
    expect(read({ 'build-args': `${name}=x` }).warnings).toEqual([]);
  });

  it('checkBuildArgLeaks compares trimmed values and reports each build-arg once', () => {
    const errors: InputError[] = [];
    const warnings: string[] = [];
    checkBuildArgLeaks(['A= abcd ', 'B_TOKEN=abcd'], [{ label: 'secret "s" (input secrets)', value: 'abcd\n' }], {}, errors, warnings);
    expect(errors).toHaveLength(2);
    expect(warnings).toEqual([]);
  });
});
