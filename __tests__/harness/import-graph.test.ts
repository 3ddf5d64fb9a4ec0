// No module of src/ imports itself back through others (`npx madge --circular src` finds nothing),
// type-only and lazy (`await import(...)`) imports included: a cycle makes the layers of the
// pipeline (inputs → plan → setup → build → report) meaningless and the load order fragile.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import madge from 'madge';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsConfig = path.join(root, 'tsconfig.json');

async function graphOf(dir: string): Promise<madge.MadgeInstance> {
  return madge(dir, { fileExtensions: ['ts'], tsConfig });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-import-graph-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the import graph of src/', () => {
  let graph: madge.MadgeInstance;
  beforeAll(async () => {
    graph = await graphOf(path.join(root, 'src'));
  });

  it('has no cycle', () => {
    expect(graph.circular()).toEqual([]);
  });

  it('is the whole graph: every relative import resolved, the type-only and lazy ones too', () => {
    const edges = graph.obj();
    // `./x.js` names `x.ts`: an import madge could not resolve would drop out of the graph silently.
    expect(graph.warnings().skipped).toEqual([]);
    expect(Object.keys(edges).length).toBeGreaterThan(100);
    expect(edges['index.ts']).toEqual(expect.arrayContaining(['main-entry.ts', 'step-env.ts']));
    expect(edges['main-entry.ts']).toEqual(expect.arrayContaining(['main.ts', 'post-skip.ts']));
    // A type-only import (inputs/types.ts) and a lazy one (after-push.ts loads step.ts when it signs).
    expect(edges['inputs/types.ts']).toContain('inputs/sign.ts');
    expect(edges['sign/after-push.ts']).toContain('sign/step.ts');
  });

  it('finds a cycle when there is one, through a type-only import', async () => {
    const dir = path.join(scratch, 'cycle');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport interface A { n: number }\nexport const a = b + 1;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import type { A } from './a.js';\nexport const b: A['n'] = 1;\n");
    expect((await graphOf(dir)).circular()).toEqual([['a.ts', 'b.ts']]);
  });
});
