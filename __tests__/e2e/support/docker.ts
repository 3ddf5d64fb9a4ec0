import { spawn } from 'node:child_process';

/**
 * Runs `docker ARGS` without blocking: tests whose servers (a BuildKit proxy, the cache service)
 * answer from this very process must never wait on a synchronous child, or those servers stop
 * answering. Resolves with the exit code and everything printed; never rejects.
 */
export function docker(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 200_000, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (err) => {
      resolve({ code: null, output: `${output}${String(err)}` });
    });
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}
