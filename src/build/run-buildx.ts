import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { childCwd, processFor } from '../process/buildx-command.js';
import { buildxBuildEnv } from './buildx-env.js';
import { signalGroup } from '../process/process-group.js';

export interface BuildxRun {
  exitCode: number;
  /** The signal that cancelled the step while buildx ran (it was passed on and buildx stopped). */
  cancelled?: NodeJS.Signals;
}

export interface BuildxOptions {
  /** Called once buildx runs, with its process group id (the post step stops a group left running). */
  onStart?: (pgid: number) => void;
  /** How long buildx gets to stop after the signal is passed on, before it is killed. */
  graceMs?: number;
  /** Stops buildx early (the cache-export deadline): same as a cancel, but not reported as one. */
  stop?: AbortSignal;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];


/**
 * Runs `docker buildx build`, streaming its log to the step's output unchanged (users know
 * BuildKit's plain progress) and, decoded, to `onOutput` (build/log.ts reads it as it goes).
 * A bare spawn: this is the hot path of every run, and @actions/exec's extra module load and
 * PATH search cost time for nothing here.
 *
 * buildx runs in a process group of its own (docker and its buildx plugin), so that a cancelled
 * step stops all of it: SIGINT/SIGTERM to Kiln is passed on to the group, which gets `graceMs` to
 * stop (BuildKit cancels the build when its client goes) before the group is killed. Without
 * this, Kiln ended at once and buildx went on building, and pushing, for half a minute.
 */
export function runBuildx(args: string[], env: NodeJS.ProcessEnv, onOutput?: (text: string) => void, options: BuildxOptions = {}): Promise<BuildxRun> {
  const command = processFor(args, env);
  process.stdout.write(`[command]${command.shown} ${args.slice(1).join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { env: buildxBuildEnv(env, args), cwd: childCwd(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let cancelled: NodeJS.Signals | undefined;
    let killer: NodeJS.Timeout | undefined;
    const stopGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined || killer) return;
      signalGroup(child.pid, signal);
      killer = setTimeout(() => {
        if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      }, options.graceMs ?? 5_000);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      process.stdout.write(`Kiln: ${signal} received; stopping buildx\n`);
      cancelled ??= signal;
      stopGroup(signal);
    };
    const onStop = () => {
      stopGroup('SIGINT');
    };
    for (const s of SIGNALS) process.on(s, onSignal);
    options.stop?.addEventListener('abort', onStop);
    const cleanup = () => {
      for (const s of SIGNALS) process.off(s, onSignal);
      options.stop?.removeEventListener('abort', onStop);
      clearTimeout(killer);
    };
    if (child.pid !== undefined) options.onStart?.(child.pid);

    const relay = (sink: NodeJS.WriteStream) => {
      // A character split between two chunks is decoded whole.
      const decoder = new StringDecoder('utf8');
      return (chunk: Buffer) => {
        sink.write(chunk);
        onOutput?.(decoder.write(chunk));
      };
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('error', (err) => {
      cleanup();
      reject(new Error(`Could not run ${command.shown} (${err.message}): is it installed and on PATH?`));
    });
    child.on('close', (code) => {
      cleanup();
      // The group may outlive its leader (a plugin still exiting): nothing of it may stay.
      if ((cancelled || options.stop?.aborted) && child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      resolve({ exitCode: code ?? 1, ...(cancelled ? { cancelled } : {}) });
    });
  });
}
