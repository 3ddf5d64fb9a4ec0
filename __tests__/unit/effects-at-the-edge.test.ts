// The shape of src/, read from its text: effects on `process` only at the edge, imports only
// downwards through the layers, and no import cycle. A new module must be placed in LAYERS.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stepEnvOf } from '../../src/step-env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const files = readdirSync(path.join(root, 'src'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/${f.split(path.sep).join('/')}`)
  .sort();
const text = new Map(files.map((f) => [f, readFileSync(path.join(root, f), 'utf8')]));

/** The only modules that change `process.env` or the working directory, and why. */
const MAY_CHANGE_PROCESS = {
  // The entry points' snapshot: secret inputs leave the environment before any child exists.
  'src/step-env.ts': 'drops the secret inputs',
  // @actions/cache reads the working directory, GITHUB_WORKSPACE and RUNNER_TEMP instead of arguments.
  'src/setup/actions-cache.ts': '@actions/cache',
};

/** Lower layers never import higher ones: the rank of each file, by its path or its folder. */
const LAYERS: [string, number][] = [
  ['src/names.ts', 0],
  ['src/crypto-on-demand.ts', 0],
  ['src/inputs/', 0],
  ['src/github/', 1],
  ['src/plan/', 2],
  ['src/process/', 3],
  ['src/engine-api.ts', 3],
  ['src/runner.ts', 3],
  ['src/step-env.ts', 3],
  ['src/step-state.ts', 3],
  ['src/setup/', 4],
  ['src/build/', 4],
  ['src/report/', 5],
  ['src/sign/', 5],
  ['src/fanout/', 6],
  ['src/run-deps.ts', 6],
  ['src/phases/', 7],
  ['src/main.ts', 8],
  ['src/post-skip.ts', 8],
  ['src/post.ts', 8],
  ['src/main-entry.ts', 9],
  ['src/index.ts', 9],
  ['src/post-entry.ts', 9],
];

function rank(file: string): number | undefined {
  return LAYERS.find(([prefix]) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))?.[1];
}

/** Every relative import of a file (static, dynamic, type-only), as a path under src/. */
function importsOf(file: string): string[] {
  const found = [...(text.get(file) ?? '').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)];
  return found.map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts'))));
}

describe('effects at the edge', () => {
  it.each(files)('%s changes neither process.env nor the working directory (unless it is one of the two named)', (file) => {
    const code = (text.get(file) ?? '').replace(/^\s*(\/\/|\*).*$/gm, '');
    const changes = [
      ...code.matchAll(/process\.env(?:\.\w+|\[[^\]]+\])\s*(?:[-+*/?|&]{0,2}=)(?!=)/g),
      ...code.matchAll(/delete\s+process\.env/g),
      ...code.matchAll(/(?:Reflect\.deleteProperty|Object\.assign|Reflect\.set|Object\.defineProperty)\(\s*process\.env/g),
      ...code.matchAll(/process\.chdir\(/g),
    ].map((m) => m[0]);
    if (file in MAY_CHANGE_PROCESS) expect(changes.length).toBeGreaterThan(0);
    else expect(changes).toEqual([]);
  });

  it('the scan finds what it looks for (a check that cannot fail is no check)', () => {
    const sample = "process.env.X = 'a';\ndelete process.env.Y;\nprocess.env['Z'] ??= 'b';\nprocess.chdir(d);\nif (process.env.A === 'b') f();";
    const found = [
      ...sample.matchAll(/process\.env(?:\.\w+|\[[^\]]+\])\s*(?:[-+*/?|&]{0,2}=)(?!=)/g),
      ...sample.matchAll(/delete\s+process\.env/g),
      ...sample.matchAll(/process\.chdir\(/g),
    ].map((m) => m[0]);
    expect(found).toEqual(['process.env.X =', "process.env['Z'] ??=", 'delete process.env', 'process.chdir(']);
  });

  it('every module has a layer, and no import runs from a lower layer to a higher one', () => {
    expect(files.filter((f) => rank(f) === undefined)).toEqual([]);
    const upwards = files.flatMap((f) =>
      importsOf(f)
        .filter((to) => (rank(to) ?? 99) > (rank(f) ?? -1))
        .map((to) => `${f} -> ${to}`),
    );
    expect(upwards).toEqual([]);
  });

  it('no import cycle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((to) => text.has(to))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'visiting');
      for (const to of graph.get(f) ?? []) visit(to, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
    // The graph was read: main imports the phases.
    expect(graph.get('src/main.ts')).toEqual(expect.arrayContaining(['src/setup/prepare.ts', 'src/runner.ts']));
  });
});

describe('the step environment (src/step-env.ts)', () => {
  const runner = {
    PATH: '/usr/bin',
    GITHUB_REPOSITORY: 'o/r',
    INPUT_PASSWORD: 'pw',
    'INPUT_REGISTRY-AUTH': '- registry: x',
    'INPUT_GITHUB-TOKEN': 'ghs_x',
    INPUT_SECRETS: 'a=b',
    INPUT_TAGS: 'x:1',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
    ACTIONS_RUNTIME_TOKEN: 'runtime',
  };

  it('children get everything but the secret inputs and the OIDC request variables; the step keeps all, frozen', () => {
    const { step, children } = stepEnvOf(runner);
    expect(children).toEqual({ PATH: '/usr/bin', GITHUB_REPOSITORY: 'o/r', INPUT_TAGS: 'x:1', ACTIONS_RUNTIME_TOKEN: 'runtime' });
    expect(step).toEqual(runner);
    expect(Object.isFrozen(step)).toBe(true);
    expect(Object.isFrozen(children)).toBe(true);
  });
});
