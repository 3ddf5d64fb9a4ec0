// The pipeline's first phase: the job's context and every input, with the tags and labels from
// Git (`images`) and the commit's time (`reproducible`) applied. Every mistake is reported before
// anything runs; the engine is asked meanwhile (its answer does not depend on the inputs).
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type GithubContext, readGithubContext } from '../github/context.js';
import { readInputs } from '../inputs/read.js';
import type { Env, Inputs } from '../inputs/types.js';
import type { TargetSource } from '../inputs/validate-target.js';
import type { AppliedMetadata } from '../plan/apply-metadata.js';
import type { EngineFacts } from '../plan/builder.js';
import type { RunDeps } from '../run-deps.js';
import type { RunnerIo } from '../runner.js';
import { dockerfileTarget } from '../setup/dockerfile-target.js';
import { readSmallFile } from '../setup/small-file.js';

/** What the later phases start from. */
export interface Read {
  ctx: GithubContext;
  /** The inputs the rest of the step uses (generated tags, merged labels, the commit's time). */
  inputs: Inputs;
  /** Undefined without `images`. */
  metadata: AppliedMetadata['metadata'];
  /** The engine's answer, asked at the start. */
  asked: Promise<EngineFacts>;
}

export async function readStep(deps: RunDeps): Promise<Read> {
  const { env, cwd, engine, clock, io: core } = deps;
  const ctx = readGithubContext(env, (p) => readFileSync(p, 'utf8'), cwd, tmpdir());
  // The engine's answer does not depend on the inputs: ask now, while they are read. A bad input
  // then costs one unanswered socket request, no process.
  const asked = engine.facts(env);
  asked.catch(() => undefined);

  // Read inputs: every mistake is reported before anything runs.
  const read = await readAllInputs(core, env, await dockerfileTarget(core.getInput, ctx, cwd, existsSync));
  // Tags and labels from Git (`images`): decided before anything looks at the tags. SemVer and
  // the rules load only for the steps that use them.
  const {
    inputs: applied,
    metadata,
    warnings,
  }: AppliedMetadata = read.inputs.metadata.images.length > 0
    ? (await import('../plan/apply-metadata.js')).applyMetadata(read, ctx, clock.now(), (await import('../inputs/version.js')).readVersion)
    : read;
  // reproducible: the commit's time in SOURCE_DATE_EPOCH and the created label.
  const inputs = applied.reproducible ? await (await import('../setup/commit-time.js')).reproducibleInputs(applied, ctx, env) : applied;
  if (metadata) core.info(metadata.log);
  warnings.forEach((w) => {
    core.warning(w);
  });
  return { ctx, inputs, metadata, asked };
}

/**
 * Every input, `append`'s nodes included, with all their mistakes reported together. The YAML
 * parser loads only for the few steps that append nodes or log in with `registry-auth`.
 */
async function readAllInputs(core: RunnerIo, env: Env, dockerfile?: TargetSource): Promise<ReturnType<typeof readInputs>> {
  const parseYaml = core.getInput('registry-auth') || core.getInput('append').trim() ? (await import('yaml')).parse : undefined;
  return readInputs({
    get: (name) => core.getInput(name),
    raw: (name) => core.getRawInput(name),
    env,
    fileExists: existsSync,
    readFile: readSmallFile,
    dockerfile,
    parseYaml,
  });
}
