import { spawn } from 'node:child_process';

export interface DockerOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for callers that hash exactly what docker printed. */
  raw: Buffer;
}

/** Runs `docker ARGS` quietly and collects what it prints. */
export function dockerOutput(args: string[], env: Readonly<Record<string, string | undefined>>): Promise<DockerOutput> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      resolve({ exitCode: 127, stdout: '', stderr: `could not run docker: ${error.message}`, raw: Buffer.alloc(0) });
    });
    child.on('close', (code) => {
      const raw = Buffer.concat(out);
      resolve({ exitCode: code ?? 1, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), raw });
    });
  });
}
