// The signing code is loaded only when a step signs: nothing the entry points import statically
// (what ncc puts in dist/main/index.js and dist/post/index.js) imports sigstore-js, or a heavy
// HTTP client it would bring along. Read from src/'s text, as effects-at-the-edge reads it.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The specifiers a file imports statically for their values (`import type` is erased; `import(…)` is a lazy chunk). */
function staticImports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const from = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
  const bare = [...text.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
  return [...from, ...bare];
}

/** Every package reachable from `entry` through static imports of src/ files, with the file that imports it. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.ts'))));
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, file);
    }
  }
  return packages;
}

const HEAVY = /^(@sigstore\/|sigstore$|make-fetch-happen|@tufjs\/|tuf-js)/;

describe('the signing code is loaded lazily', () => {
  it.each(['src/index.ts', 'src/post-entry.ts'])('%s imports no sigstore-js statically', (entry) => {
    const heavy = [...packagesReachedFrom(entry)].filter(([name]) => HEAVY.test(name)).map(([name, by]) => `${name} (imported by ${by})`);
    expect(heavy).toEqual([]);
  });

  it('the signing step itself does reach sigstore-js (what the check above looks for is there to find)', () => {
    const reached = [...packagesReachedFrom('src/sign/step.ts').keys()].filter((name) => HEAVY.test(name)).sort();
    expect(reached).toEqual([
      '@sigstore/bundle',
      '@sigstore/core',
      '@sigstore/protobuf-specs',
      '@sigstore/protobuf-specs/rekor/v2',
      '@sigstore/sign/dist/bundler/dsse.js',
      '@sigstore/sign/dist/util/oidc.js',
      '@sigstore/sign/dist/witness/tlog/entry.js',
      '@sigstore/verify',
    ]);
  });

  it('signing imports none of @sigstore/sign that loads its HTTP client (make-fetch-happen)', () => {
    const sign = [...packagesReachedFrom('src/sign/step.ts').keys()].filter((name) => name.startsWith('@sigstore/sign'));
    expect(
      sign.filter(
        (name) =>
          !name.startsWith('@sigstore/sign/dist/bundler/') &&
          !name.startsWith('@sigstore/sign/dist/util/') &&
          !name.startsWith('@sigstore/sign/dist/witness/tlog/entry'),
      ),
    ).toEqual([]);
  });

  it('the TUF path loads @sigstore/tuf’s seeds file only (its client reads mirrors with `fetch`, which loads undici): tuf-js with Kiln’s own fetcher', () => {
    const files = readdirSync(path.join(root, 'src'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/${f.split(path.sep).join('/')}`);
    const imports = (file: string) =>
      [...readFileSync(path.join(root, file), 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'([^']+)'/g)].map((m) => m[1] ?? '');
    const tuf = files
      .flatMap((f) =>
        imports(f)
          .filter((s) => /^(@sigstore\/tuf|tuf-js)/.test(s))
          .map((s) => `${f}: ${s}`),
      )
      .sort();
    expect(tuf).toEqual([
      'src/sign/trusted-root.ts: @sigstore/tuf/seeds.json',
      'src/sign/tuf-fetcher.ts: tuf-js',
      'src/sign/tuf-fetcher.ts: tuf-js/dist/error.js',
      'src/sign/tuf.ts: tuf-js',
    ]);
    // tuf.ts is loaded lazily (a step with `trusted-root` never loads tuf-js), and the Updater gets Kiln's fetcher.
    expect(imports('src/sign/trusted-root.ts')).toContain('./tuf.js');
    expect(staticImports('src/sign/trusted-root.ts')).not.toContain('./tuf.js');
    expect(readFileSync(path.join(root, 'src/sign/tuf.ts'), 'utf8')).toMatch(/new Updater\(\{[^;]*fetcher: new TufFetcher\(/);
  });
});
