// The runner's description of the job. @actions/github's `context` reads the same variables, but
// importing it loads Octokit too: tens of milliseconds of start-up on every run for two strings.
import type { Env } from '../inputs/types.js';

export interface GithubContext {
  serverUrl: string;
  repository: string;
  sha: string;
  ref: string;
  eventName: string;
  runId: string;
  runAttempt: string;
  workspace: string;
  runnerTemp: string;
  /** GITHUB_ACTION: unique per step within a job (e.g. `__run_2`), for names that must not collide. */
  action: string;
  /** The webhook payload (GITHUB_EVENT_PATH), `{}` when there is none. */
  payload: Record<string, unknown>;
}

export function readGithubContext(env: Env, readFile: (path: string) => string, cwd: string, tmpdir: string): GithubContext {
  let payload: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFile(eventPath)) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  return {
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    workspace: env.GITHUB_WORKSPACE ?? cwd,
    runnerTemp: env.RUNNER_TEMP ?? tmpdir,
    action: env.GITHUB_ACTION ?? 'kiln',
    payload,
  };
}

/** The workflow run's URL: BuildKit records it as the provenance `builder-id`, as theirs does. */
export function runUrl(ctx: GithubContext): string {
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`;
}

/** Whether the repository is private; unknown counts as private (the cautious provenance mode). */
export function isPrivateRepository(ctx: GithubContext): boolean {
  const repo = ctx.payload.repository as { private?: unknown } | undefined;
  return repo?.private !== false;
}
