// `reproducible: true`: the commit's time, from the event when it carries one (no process), else
// from the checked-out repository; without either the step cannot promise the same image.
import { execFile } from 'node:child_process';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import type { Env, Inputs } from '../inputs/types.js';
import { epochFromGitLog, epochFromPayload, withCommitTime } from '../plan/reproducible.js';

/** `git log -1 --format=%ct` in `dir`: the last commit's time, or undefined (no git, no repository, no commit). */
function gitCommitTime(dir: string, env: Env): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, 'log', '-1', '--format=%ct'], { env, timeout: 10_000 }, (error, stdout) => {
      resolve(error ? undefined : epochFromGitLog(stdout));
    });
  });
}

/** The commit's time in epoch seconds; an InputError naming `reproducible` when there is none. */
export async function commitEpoch(ctx: GithubContext, env: Env): Promise<number> {
  const epoch = epochFromPayload(ctx.payload) ?? (await gitCommitTime(ctx.workspace, env));
  if (epoch !== undefined) return epoch;
  throw new InputError(
    'reproducible',
    'true',
    `it needs the commit's time: the event carries no head_commit.timestamp and \`git log -1 --format=%ct\` found no commit in ${ctx.workspace} (check the repository out first, e.g. with actions/checkout)`,
  );
}

/** The inputs with the commit's time applied (SOURCE_DATE_EPOCH, the created label), and the time. */
export async function reproducibleInputs(inputs: Inputs, ctx: GithubContext, env: Env): Promise<Inputs> {
  const epoch = await commitEpoch(ctx, env);
  return withCommitTime(inputs, epoch);
}
