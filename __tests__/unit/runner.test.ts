import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import * as runner from '../../src/runner.js';
import { parseFileCommands, parseWorkflowCommands } from '../../scripts/local.mjs';

// src/runner.ts replaces @actions/core to save its start-up; what it prints and writes must
// read back exactly as what @actions/core prints and writes.

const tricky = ['plain', 'multi\nline\r\nvalue', '100% done: a,b', '::not-a-command::', '', 'trailing newline\n'];

function captureStdout(fn: () => void): string {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  try {
    fn();
  } finally {
    process.stdout.write = original;
  }
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiln-runner-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.GITHUB_OUTPUT;
  delete process.env.GITHUB_STATE;
});

describe('workflow commands', () => {
  it.each(tricky)('an error annotation with %j reads back as @actions/core’s', (message) => {
    const props = { title: 'Build failed: [2/3] RUN a, b', file: 'dir:x/Dockerfile', startLine: 3 };
    const ours = parseWorkflowCommands(
      captureStdout(() => {
        runner.error(message, props);
      }),
    );
    const theirs = parseWorkflowCommands(
      captureStdout(() => {
        core.error(message, props);
      }),
    );
    expect(ours).toEqual(theirs);
    expect(ours[0]?.properties).toEqual({ title: props.title, file: props.file, line: '3' });
  });

  it('masks and warnings print the same lines as @actions/core', () => {
    const ours = captureStdout(() => {
      runner.setSecret('s3cr3t%value');
      runner.warning('careful: 50%');
    });
    const theirs = captureStdout(() => {
      core.setSecret('s3cr3t%value');
      core.warning('careful: 50%');
    });
    expect(ours).toBe(theirs);
  });
});

describe('file commands', () => {
  it.each(tricky)('an output %j reads back as @actions/core’s', (value) => {
    const ours = path.join(dir, 'ours');
    const theirs = path.join(dir, 'theirs');
    writeFileSync(ours, '');
    writeFileSync(theirs, '');
    runner.runnerIo({ GITHUB_OUTPUT: ours }).setOutput('digests', value);
    process.env.GITHUB_OUTPUT = theirs;
    core.setOutput('digests', value);
    const read = (f: string) => parseFileCommands(readFileSync(f, 'utf8'));
    expect(read(ours)).toEqual(read(theirs));
    expect(read(ours)).toEqual({ digests: value });
  });

  it('state goes to GITHUB_STATE, and a missing file is an error that says why', () => {
    const state = path.join(dir, 'state');
    writeFileSync(state, '');
    runner.runnerIo({ GITHUB_STATE: state }).saveState('kiln-temp-dir', '/tmp/kiln-1');
    expect(parseFileCommands(readFileSync(state, 'utf8'))).toEqual({ 'kiln-temp-dir': '/tmp/kiln-1' });
    expect(() => {
      runner.runnerIo({}).saveState('x', 'y');
    }).toThrow('GITHUB_STATE is not set');
  });

  it('a value that holds the delimiter Kiln would use gets another one, and reads back whole', () => {
    const value = 'a\nghadelimiter_kiln\nb=c\nghadelimiter_kiln_1';
    const entry = runner.fileCommandEntry('x', value);
    expect(entry.split('\n')[0]).toBe('x<<ghadelimiter_kiln_2');
    expect(parseFileCommands(entry)).toEqual({ x: value });
  });

  it('refuses a value that contains its delimiter', () => {
    expect(() => runner.fileCommandEntry('name', 'a EOF b', 'EOF')).toThrow('delimiter');
  });
});

describe('inputs', () => {
  it('reads INPUT_<NAME> from the environment it is given, trimmed, like @actions/core', () => {
    process.env['INPUT_CACHE-FROM'] = '  type=gha \n';
    process.env.INPUT_MY_INPUT = 'x';
    // The runner's I/O reads the step's snapshot, not process.env (secret inputs leave that).
    const io = runner.runnerIo({ ...process.env });
    try {
      expect(io.getInput('cache-from')).toBe(core.getInput('cache-from'));
      expect(io.getInput('cache-from')).toBe('type=gha');
      expect(io.getRawInput('cache-from')).toBe('  type=gha \n');
      expect(io.getInput('my input')).toBe('x');
      expect(io.getInput('absent')).toBe('');
      expect(runner.runnerIo({}).getInput('cache-from')).toBe('');
    } finally {
      delete process.env['INPUT_CACHE-FROM'];
      delete process.env.INPUT_MY_INPUT;
    }
  });
});
