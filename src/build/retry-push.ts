import { PUSH_RETRY, pushVerdict, retryDelayMs } from '../plan/push-retry.js';
import * as core from '../runner.js';
import { BuildLog } from './log.js';
import { type BuildxOptions, type BuildxRun, runBuildx } from './run-buildx.js';

export interface RetriedRun extends BuildxRun {
  /** Why each retry was needed, in order; empty when the first run did it. */
  retries: string[];
  /** The last run's log, as read while it streamed (a retry prints the whole build again). */
  log: BuildLog;
}

/**
 * Runs the build, and again when it failed pushing with an error that can heal (HTTP 429 or 5xx,
 * a dropped connection, after BuildKit's own retries): the build is cached by then, so a retry
 * only exports again. At most PUSH_RETRY.retries times, with growing waits; never after a cancel.
 * Each run's log is read as it streams; `onProgress` sees it after each chunk.
 */
export async function runBuildxRetrying(args: string[], env: NodeJS.ProcessEnv, onProgress: (log: BuildLog) => void, options: BuildxOptions): Promise<RetriedRun> {
  const retries: string[] = [];
  for (;;) {
    const log = new BuildLog();
    const run = await runBuildx(args, env, (text) => {
      onProgress(log.push(text));
    }, options);
    log.end();
    if (run.exitCode === 0 || run.cancelled || options.stop?.aborted) return { ...run, retries, log };
    const verdict = pushVerdict(log.finalError());
    if (!verdict.transient || retries.length >= PUSH_RETRY.retries) return { ...run, retries, log };
    retries.push(verdict.reason);
    const wait = retryDelayMs(retries.length);
    core.warning(`The push failed: ${verdict.reason}. Retry ${retries.length} of ${PUSH_RETRY.retries} in ${wait / 1000} s (the build is cached: only the export runs again).`, {
      title: 'Push retried',
    });
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
