// The build, and when the Actions cache refused its uploads for their rate (HTTP 429), its export
// again at mode=min, then nothing (plan/cache-rate-limit.ts decides). The build succeeds either
// way; what was written and why is said in the log and returned for the summary and output.
import type { CachePlan } from '../plan/cache.js';
import { writeLessAfter } from '../plan/cache-rate-limit.js';
import { ghaWrites } from './gha-writes.js';
import type { RunnerIo } from '../runner.js';
import type { GuardedRun } from './guarded-build.js';

export interface WroteLess {
  /** The planned run: its log is the build's (a retry's has every step cached). */
  build: GuardedRun;
  /** Why the build wrote less than planned, when it did. */
  limited?: string;
  /** Entries both exports wrote, when a retry ran (the log of one run tells only its own). */
  entriesWritten?: number;
}

export async function buildWritingLess(
  run: (args: string[]) => Promise<GuardedRun>,
  args: string[],
  plan: Pick<CachePlan, 'kind' | 'backend' | 'cacheTo' | 'mode'>,
  core: Pick<RunnerIo, 'info' | 'warning'>,
): Promise<WroteLess> {
  const build = await run(args);
  if (build.cancelled || build.exitCode !== 0) return { build };
  const first = writeLessAfter(build.log.cacheFailures().exports, plan, args, 'planned');
  if (first.next === 'done') return { build };
  core.warning(`Cache: ${first.said}.`, { title: 'Cache rate limit' });
  if (first.next === 'stop') return { build, limited: first.said };
  const retry = await run(first.args);
  if (retry.cancelled) return { build: retry };
  const wrote = (r: GuardedRun) => ghaWrites(r.log.steps())?.entriesWritten ?? 0;
  const entriesWritten = wrote(build) + wrote(retry);
  if (retry.exitCode !== 0) {
    const limited = `${first.said}, which failed (exit code ${retry.exitCode}): nothing more written`;
    core.warning(`Cache: ${limited}; the build's own result stands.`, { title: 'Cache rate limit' });
    return { build, limited, entriesWritten };
  }
  const second = writeLessAfter(retry.log.cacheFailures().exports, plan, first.args, 'min');
  const limited = second.next === 'stop' ? `${first.said}; ${second.said}` : `${first.said}, and wrote ${wrote(retry)} entries`;
  core.info(`Cache: ${limited}.`);
  return { build, limited, entriesWritten };
}
