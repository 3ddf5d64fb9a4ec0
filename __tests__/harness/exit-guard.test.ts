import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, '__tests__', 'harness', 'fixtures', 'exit-guard');

/** Runs Jest on one fixture with the project's exit guard, as `npm test` has it. */
function jestOn(file: string) {
  const config = {
    rootDir: fixtures,
    testMatch: [`<rootDir>/${file}`],
    reporters: ['default', path.join(root, '__tests__', 'exit-guard-reporter.js')],
  };
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--config', JSON.stringify(config)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', KILN_TEST_EXIT_GRACE_MS: '1500' },
    timeout: 60_000,
  });
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

describe('the exit guard', () => {
  it('ends a run whose tests left a handle open, as a failure, instead of waiting for ever', () => {
    const run = jestOn('leaky.check.cjs');
    expect(run.error).toBeUndefined(); // not killed by spawnSync's own timeout
    expect(run.stderr).toContain('1 passed');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('handles they opened are still open');
  }, 70_000);

  it('lets a clean run end by itself, passing', () => {
    const run = jestOn('clean.check.cjs');
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('still open');
    // It did not sit out the grace period.
    expect(run.seconds).toBeLessThan(20);
  }, 70_000);
});
