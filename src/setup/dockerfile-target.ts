import { readFileSync } from 'node:fs';
import type { GithubContext } from '../github/context.js';
import type { InputName } from '../names.js';
import { chooseContext } from '../plan/context.js';
import { otherFrontend, type TargetSource } from '../inputs/validate-target.js';

/**
 * The stages of the Dockerfile the build will use, read only when `target` is set and the
 * context is on disk, so a missing stage is an input error before anything runs. A context or
 * file that is wrong is left to its own check.
 */
export async function dockerfileTarget(
  get: (name: InputName) => string,
  ctx: GithubContext,
  cwd: string,
  fileExists: (p: string) => boolean,
): Promise<TargetSource | undefined> {
  if (get('target').trim() === '') return undefined;
  let text: string;
  let file: string;
  try {
    const context = chooseContext({ context: get('context').trim(), file: get('file').trim() }, ctx, cwd, fileExists);
    if (context.kind !== 'path') return undefined;
    file = context.dockerfile;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const { parseDockerfile } = await import('../inputs/dockerfile.js');
  try {
    // Stage names are not expanded: the build-args (not read yet) cannot change them.
    const stages = parseDockerfile(text, {}).stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
    return { file, stages, otherFrontend: otherFrontend(text) };
  } catch {
    return undefined;
  }
}
