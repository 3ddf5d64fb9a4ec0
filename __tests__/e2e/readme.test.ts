import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { projectRoot } from './support/kiln.js';
import { getManifest } from './support/registry.js';

jest.setTimeout(240_000);

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

/** The `npm run local` command lines of the README's shell blocks, split into words. */
function localCommands(): string[][] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npm run local -- '))
    .map((line) => line.split(/\s+/));
}

function run(words: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const [command = '', ...args] = words;
    const child = spawn(command, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

describe('the README', () => {
  it('has a pull-request example whose payload file ships with the project, and the command works as written', async () => {
    const withPayload = localCommands().filter((words) => words.includes('--payload'));
    expect(withPayload).toHaveLength(1);
    const words = withPayload[0] ?? [];
    const payload = words[words.indexOf('--payload') + 1] ?? '';
    expect(existsSync(path.join(projectRoot, payload))).toBe(true);
    const event = JSON.parse(readFileSync(path.join(projectRoot, payload), 'utf8')) as { number: number; pull_request: { number: number } };
    expect(event.pull_request.number).toBe(event.number);

    const result = await run(words);
    expect(result.output).toContain('── main exited 0, post exited 0');
    expect(result.code).toBe(0);
    // The payload is what made this a same-repository pull request: its own cache scope, read
    // before its base branch, and nothing written anywhere else.
    expect(result.output).toContain(`pull request #${event.number}: reads pr-${event.number}, main, writes pr-${event.number} only`);
    const tag = words.find((w) => w.startsWith('tags='))?.slice('tags='.length) ?? '';
    const digest = /^digest: (sha256:[0-9a-f]{64})$/m.exec(result.output)?.[1];
    expect((await getManifest(tag)).digest).toBe(digest);
  });
});
