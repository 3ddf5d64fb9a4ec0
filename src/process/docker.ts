import { spawn } from 'node:child_process';
import { childCwd, processFor } from './buildx-command.js';
import type { Env } from '../inputs/types.js';

export interface DockerOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for callers that hash exactly what docker printed. */
  raw: Buffer;
}

/**
 * Runs `docker ARGS` quietly and collects what it prints (`buildx …` through the resolved buildx
 * command); `timeoutMs` stops it (exit code 1).
 */
export function dockerOutput(args: string[], env: Env, options: { timeoutMs?: number } = {}): Promise<DockerOutput> {
  return new Promise((resolve) => {
    let command: ReturnType<typeof processFor>;
    try {
      command = processFor(args, env);
    } catch (error) {
      resolve({ exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error), raw: Buffer.alloc(0) });
      return;
    }
    const child = spawn(command.file, command.args, { env, cwd: childCwd(env), stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      resolve({ exitCode: 127, stdout: '', stderr: `could not run ${command.shown}: ${error.message}`, raw: Buffer.alloc(0) });
    });
    child.on('close', (code) => {
      const raw = Buffer.concat(out);
      resolve({ exitCode: code ?? 1, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), raw });
    });
  });
}

/** Whether a failed `docker run` / `buildx create` failed because its image could not be fetched. */
export function couldNotPull(stderr: string): boolean {
  return /pull|manifest unknown|not found|no such host|toomanyrequests|rate limit|failed to resolve|unauthorized/i.test(stderr);
}

/** The lines worth showing from a failed docker command: its errors, not its progress. */
export function failureLines(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /error|denied|refused|not found|no such host|timeout|unauthorized|certificate|tls/i.test(l));
  return (errors.length ? errors : lines).slice(-3).join(' | ') || 'no output';
}
