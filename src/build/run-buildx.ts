import { spawn } from 'node:child_process';
import { processFor } from '../setup/buildx-command.js';

export interface BuildxRun {
  exitCode: number;
  /** The end of buildx's log (progress and errors), for error annotations. */
  tail: string;
}

const TAIL_CHARS = 64 * 1024;

/**
 * Runs `docker buildx build`, streaming its log to the step's output unchanged (users know
 * BuildKit's plain progress) while keeping its end in memory to turn errors into annotations.
 * A bare spawn: this is the hot path of every run, and @actions/exec's extra module load and
 * PATH search cost time for nothing here.
 */
export function runBuildx(args: string[], env: NodeJS.ProcessEnv, onOutput?: (text: string) => void): Promise<BuildxRun> {
  const command = processFor(args, env);
  process.stdout.write(`[command]${command.shown} ${args.slice(1).join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const relay = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      sink.write(chunk);
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-TAIL_CHARS);
      onOutput?.(text);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('error', (err) => {
      reject(new Error(`Could not run ${command.shown} (${err.message}): is it installed and on PATH?`));
    });
    child.on('close', (code) => {
      resolve({ exitCode: code ?? 1, tail });
    });
  });
}
