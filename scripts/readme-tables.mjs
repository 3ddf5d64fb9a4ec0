#!/usr/bin/env node
// Prints the README's inputs and outputs tables from action.yml; with --write, replaces them
// between the <!-- inputs --> / <!-- outputs --> markers. A unit test fails when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url);
const action = parse(readFileSync(new URL('action.yml', root), 'utf8'));
const cell = (s) =>
  String(s ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')
    .trim();

export function inputsTable() {
  const rows = Object.entries(action.inputs).map(
    ([name, spec]) => `| \`${name}\` | ${spec.default === undefined ? '' : `\`${cell(spec.default)}\``} | ${cell(spec.description)} |`,
  );
  return ['| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable() {
  const rows = Object.entries(action.outputs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

if (process.argv.includes('--write')) {
  const file = new URL('README.md', root);
  let readme = readFileSync(file, 'utf8');
  for (const [marker, table] of [
    ['inputs', inputsTable()],
    ['outputs', outputsTable()],
  ]) {
    const re = new RegExp(`(<!-- ${marker} -->\\n)[\\s\\S]*?(<!-- /${marker} -->)`);
    if (!re.test(readme)) throw new Error(`README.md has no <!-- ${marker} --> ... <!-- /${marker} --> block`);
    readme = readme.replace(re, `$1${table}\n$2`);
  }
  writeFileSync(file, readme);
} else if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  process.stdout.write(`${inputsTable()}\n\n${outputsTable()}\n`);
}
