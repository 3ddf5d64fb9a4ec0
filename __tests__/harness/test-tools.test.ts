// Every program a test or a script starts is one the project installs (scripts/test-tools.txt,
// which scripts/engine.sh installs and scripts/check-tools.sh checks): a fresh machine must not
// meet a spawn ENOENT halfway through `npm test`. And the unit tests start no program at all.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.split(path.sep).includes('fixtures'))
    .map((f) => path.join(dir, f));
}

// A program named as the first argument of a child_process call, or of a wrapper a file defines
// around one (a `const run = promisify(execFile)` or `const sync = (cmd, args) => execFileSync(cmd, ...)`).
const CALLS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execSync'];
const WRAPPER = /const (\w+) = (?:promisify\(execFile\)|\(cmd: string, args: string\[\]\) => execFileSync\(cmd)/g;

function programsIn(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const names = [...CALLS, ...[...text.matchAll(WRAPPER)].map((m) => m[1] ?? '')];
  const starts = new RegExp(`\\b(?:${names.join('|')})\\(\\s*['"\`]([a-z][\\w.+-]*)['"\`]`, 'g');
  return [...text.matchAll(starts)].map((m) => m[1] ?? '');
}

// Not on a machine's PATH but made by the test that runs it: standalone-buildx.test.ts links the
// docker-buildx plugin (which scripts/engine.sh installs with the engine) onto a PATH of its own.
const MADE_BY_THE_TEST = new Set(['buildx']);

const listed = new Set(
  readFileSync(path.join(root, 'scripts', 'test-tools.txt'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(#|$)/.test(line))
    .map((line) => line.split(/\s+/)[0]),
);

describe('the programs the tests run', () => {
  it('the list names the ones this check is known to find (the check finds something)', () => {
    const found = new Set([...filesUnder('__tests__/e2e'), ...filesUnder('scripts')].flatMap(programsIn));
    for (const program of ['docker', 'git', 'openssl', 'ssh-keygen', 'unshare', 'nsenter', 'umount', 'tar', 'update-binfmts']) expect(found).toContain(program);
  });

  it.each([...filesUnder('__tests__/e2e'), ...filesUnder('__tests__/harness'), ...filesUnder('scripts'), ...filesUnder('bench')])(
    '%s starts only listed programs',
    (file) => {
      const unlisted = programsIn(file).filter((p) => !listed.has(p) && !MADE_BY_THE_TEST.has(p));
      expect(unlisted).toEqual([]);
    },
  );

  it('no unit test starts a program: they import nothing from child_process', () => {
    const importing = filesUnder('__tests__/unit').filter((f) => /from ['"](node:)?child_process['"]/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(importing).toEqual([]);
  });
});
