import { execFileSync, spawn } from 'node:child_process';

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

/** One container event of the engine: what happened, to which container, when (ns since the epoch). */
export interface ContainerEvent {
  event: string;
  image: string;
  name: string;
  timeNano: bigint;
}

/**
 * The engine's container events of the kinds given (create, start, die, destroy...) since `since`
 * (unix seconds), oldest first, from docker events (facts, not logs). Synchronous: call it only
 * when no server of this process must answer.
 */
export function containerEventsSince(since: number, events: string[]): ContainerEvent[] {
  const out = execFileSync(
    'docker',
    [
      'events',
      '--since',
      String(since),
      '--until',
      String(Math.ceil(Date.now() / 1000) + 1),
      '--filter',
      'type=container',
      ...events.flatMap((e) => ['--filter', `event=${e}`]),
      '--format',
      '{{.Action}} {{.TimeNano}} {{.Actor.Attributes.image}} {{.Actor.Attributes.name}}',
    ],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [event = '', time = '0', image = '', name = ''] = l.split(' ');
      return { event, timeNano: BigInt(time), image, name };
    });
}

/** Containers the engine created since `since` (unix seconds), oldest first: image and name. */
export function containersCreatedSince(since: number): { image: string; name: string }[] {
  return containerEventsSince(since, ['create']).map(({ image, name }) => ({ image, name }));
}
