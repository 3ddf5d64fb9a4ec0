import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import { InputError } from '../inputs/errors.js';
import type { Inputs } from '../inputs/types.js';

/**
 * What to build from, and why as data: `workspace-dockerfile` (an empty `context` and a
 * Dockerfile in the workspace), `context-directory`, `context-git`, `no-workspace-dockerfile`
 * (an empty `context` without one: `lookedFor` are the paths tried) or `context-url`.
 * `reason` says it in words, for the log.
 */
export type BuildContext = (
  | { kind: 'path'; path: string; dockerfile: string; because: 'workspace-dockerfile' | 'context-directory' }
  | { kind: 'git'; url: string; because: 'context-git' }
  | { kind: 'git'; url: string; because: 'no-workspace-dockerfile'; lookedFor: string[] }
  | { kind: 'url'; url: string; because: 'context-url' }
) & { reason: string };

/** A context buildx fetches itself rather than reading from disk. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context === '-';
}

/** The commit's Git context, as build-push-action builds it: the PR merge ref, else the commit. */
export function gitContextUrl(ctx: GithubContext): string {
  const ref = ctx.ref.startsWith('refs/pull/') || ctx.sha === '' ? ctx.ref : ctx.sha;
  return `${ctx.serverUrl}/${ctx.repository}.git#${ref}`;
}

/** Where a Dockerfile is looked for in `dir`, in order: BuildKit falls back to a lower-case `dockerfile` when `Dockerfile` is absent. */
function dockerfilesIn(dir: string): string[] {
  return ['Dockerfile', 'dockerfile'].map((name) => path.join(dir, name));
}

function dockerfileIn(dir: string, fileExists: (p: string) => boolean): string | undefined {
  return dockerfilesIn(dir).find(fileExists);
}

/**
 * Chooses what to build from. Unlike build-push-action (always the Git context by default), an
 * empty `context` builds the workspace when a checkout with the Dockerfile is there, so
 * `.dockerignore` and files written by earlier steps count; without one it falls back to theirs.
 */
export function chooseContext(inputs: Pick<Inputs, 'context' | 'file'>, ctx: GithubContext, cwd: string, fileExists: (p: string) => boolean): BuildContext {
  const file = inputs.file === '' ? undefined : path.resolve(cwd, inputs.file);

  if (inputs.context === 'git') {
    return { kind: 'git', url: gitContextUrl(ctx), because: 'context-git', reason: '`context: git` asks for the Git context of the commit' };
  }
  if (inputs.context === '') {
    const dockerfile = file !== undefined ? (fileExists(file) ? file : undefined) : dockerfileIn(ctx.workspace, fileExists);
    if (dockerfile !== undefined) {
      return {
        kind: 'path',
        path: ctx.workspace,
        dockerfile,
        because: 'workspace-dockerfile',
        reason: `the workspace holds ${path.relative(ctx.workspace, dockerfile) || dockerfile}, so .dockerignore and files from earlier steps count`,
      };
    }
    return {
      kind: 'git',
      url: gitContextUrl(ctx),
      because: 'no-workspace-dockerfile',
      lookedFor: file !== undefined ? [file] : dockerfilesIn(ctx.workspace),
      reason: `no ${inputs.file || 'Dockerfile'} in the workspace (${ctx.workspace}): the job did not check out, so BuildKit fetches the commit itself`,
    };
  }
  if (isRemoteContext(inputs.context)) {
    return { kind: 'url', url: inputs.context, because: 'context-url', reason: '`context` is a URL' };
  }

  const dir = path.resolve(cwd, inputs.context);
  if (!fileExists(dir)) {
    throw new InputError('context', inputs.context, `the directory ${dir} does not exist; give a directory in the workspace, a Git URL, or leave it empty`);
  }
  const dockerfile = file ?? dockerfileIn(dir, fileExists);
  if (dockerfile === undefined || !fileExists(dockerfile)) {
    const missing = dockerfile ?? path.join(dir, 'Dockerfile');
    throw new InputError(
      inputs.file === '' ? 'context' : 'file',
      inputs.file === '' ? inputs.context : inputs.file,
      `no Dockerfile at ${missing}; set \`file\` to the Dockerfile's path (relative to the workspace)`,
    );
  }
  return { kind: 'path', path: inputs.context, dockerfile, because: 'context-directory', reason: '`context` names a directory' };
}

/** The argument buildx takes as the context. */
export function contextArgument(context: BuildContext): string {
  return context.kind === 'path' ? context.path : context.url;
}
