import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { BUILD_PUSH_INPUTS, INPUTS, OUTPUTS, POST_DONE_VARIABLE } from '../../src/names.js';
import { inputsTable, outputsTable } from '../../scripts/readme-tables.mjs';

interface ActionYml {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post: string; 'post-if': string };
}

const root = new URL('../../', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as ActionYml;
const readme = readFileSync(new URL('README.md', root), 'utf8');
const block = (marker: string) => new RegExp(`<!-- ${marker} -->\\n([\\s\\S]*?)\\n<!-- /${marker} -->`).exec(readme)?.[1];

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUTS].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
  });

  it('keeps build-push-action’s defaults for its inputs', () => {
    for (const name of ['load', 'push', 'pull', 'no-cache']) expect(action.inputs[name]?.default).toBe('false');
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    const withoutDefault = BUILD_PUSH_INPUTS.filter((n) => !['load', 'push', 'pull', 'no-cache', 'github-token'].includes(n));
    expect(withoutDefault.length).toBeGreaterThan(10);
    for (const name of withoutDefault) expect([name, action.inputs[name]?.default]).toEqual([name, undefined]);
  });

  it('runs on node24 with a post step, from the committed bundle', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always() && env.KILN_POST_DONE != github.action',
    });
  });

  it('starts the post step unless the main step named itself in the variable src/post-skip.ts writes', () => {
    expect(action.runs['post-if']).toContain(`env.${POST_DONE_VARIABLE} != github.action`);
  });
});

describe('README.md', () => {
  it('has inputs and outputs tables that match action.yml (regenerate: node scripts/readme-tables.mjs --write)', () => {
    expect(block('inputs')).toBe(inputsTable());
    expect(block('outputs')).toBe(outputsTable());
  });

  it('lists every input and output by name', () => {
    for (const name of [...INPUTS, ...OUTPUTS]) expect(readme).toContain(`| \`${name}\` |`);
  });
});
