// The build, bounded by what must not fail or hold it: a cancelled job stops buildx (run-buildx),
// a transient push failure runs it again (retry-push), and a cache export still running long after
// the image was pushed is stopped (export-deadline).
import * as core from '../runner.js';
import { exportDeadline } from './export-deadline.js';
import type { BuildLog } from './log.js';
import { type RetriedRun, runBuildxRetrying } from './retry-push.js';

export interface GuardedRun extends RetriedRun {
  /** The cache export was stopped at its deadline after the image was pushed: the build counts as done. */
  exportStopped: boolean;
}

export async function runGuardedBuild(
  args: string[],
  env: NodeJS.ProcessEnv,
  onProgress: (log: BuildLog) => void,
  options: { exportTimeout: number; pushes: boolean; onStart: (pgid: number) => void },
): Promise<GuardedRun> {
  const limit = exportDeadline(options.exportTimeout, options.pushes);
  try {
    const run = await runBuildxRetrying(
      args,
      env,
      (log) => {
        onProgress(log);
        limit.onProgress(log);
      },
      {
        onStart: options.onStart,
        stop: limit.signal,
      },
    );
    const exportStopped = run.exitCode !== 0 && limit.fired() && !run.cancelled;
    if (exportStopped) {
      core.warning(
        `The cache export was still running ${options.exportTimeout} s after the image was pushed (cache-export-timeout): Kiln stopped it. The image is pushed and the step succeeds; this build's cache was not saved.`,
        { title: 'Cache export stopped' },
      );
    }
    if (run.cancelled) {
      core.error(`The step was cancelled (${run.cancelled}): buildx was stopped before it finished; nothing more is pushed or cached.`, { title: 'Cancelled' });
    }
    return { ...run, exportStopped };
  } finally {
    limit.end();
  }
}

/** The summary's line about retries, if any were needed. */
export function retriesLine(run: RetriedRun): string | undefined {
  const n = run.retries.length;
  return n === 0 ? undefined : `Push retried ${n} time${n > 1 ? 's' : ''} before it succeeded (${run.retries.join('; ')}).`;
}
