import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from './runner.js';
import { parseBuildFailure } from './build/errors.js';
import { runBuildx } from './build/run-buildx.js';
import { readGithubContext } from './github/context.js';
import { InputError, InputErrors } from './inputs/errors.js';
import { readInputs } from './inputs/read.js';
import { STATE } from './names.js';
import { chooseContext } from './plan/context.js';
import { planBuild } from './plan/build-plan.js';
import { collectResult, engineLookup, watchPush } from './report/collect.js';
import { setOutputs } from './report/outputs.js';
import { checkMultiPlatformLoad } from './setup/engine.js';
import { makeTempDir, removeSecretFiles, writeSecretFiles } from './setup/temp-dir.js';

/** read inputs → plan → set up → build → report; the post step cleans up (src/post.ts). */
export async function run(): Promise<void> {
  const env = process.env;
  const cwd = process.cwd();
  const ctx = readGithubContext(env, (p) => readFileSync(p, 'utf8'), cwd, tmpdir());

  // Read inputs: every mistake is reported before anything runs.
  const { inputs, warnings } = readInputs({ get: (name) => core.getInput(name), env, fileExists: existsSync });
  warnings.forEach((w) => {
    core.warning(w);
  });
  const context = chooseContext(inputs, ctx, cwd, existsSync);
  core.info(`Context: ${context.kind === 'path' ? context.path : context.url} (${context.reason})`);
  if (inputs.load && inputs.platforms.length > 1) await checkMultiPlatformLoad(inputs.platforms);

  // Plan, then set up: the temp dir is recorded first so the post step removes it whatever happens.
  const tempDir = makeTempDir(ctx.runnerTemp);
  core.saveState(STATE.tempDir, tempDir);
  const plan = planBuild(inputs, context, ctx, tempDir, env);
  plan.masks.forEach((m) => {
    core.setSecret(m);
  });
  if (plan.provenanceNote) core.info(plan.provenanceNote);
  // Build.
  const push = watchPush(plan, engineLookup(env));
  let build;
  try {
    writeSecretFiles(plan.secretFiles);
    build = await runBuildx(plan.args, env, push.onOutput);
  } finally {
    removeSecretFiles(plan.secretFiles);
  }
  if (build.exitCode !== 0) {
    const failure = parseBuildFailure(build.tail);
    const file = failure.file !== undefined ? annotationPath(failure.file, plan.context, ctx.workspace) : undefined;
    // One annotation, at the Dockerfile line when BuildKit names one; BuildKit's own log of
    // the failing step is already in the output above.
    const detail = [failure.message, ...failure.output].join('\n');
    core.error(detail, { title: failure.step ? `Build failed: ${failure.step}` : 'Build failed', file, startLine: failure.line });
    process.exitCode = 1;
    return;
  }

  // Report.
  setOutputs(await collectResult(plan, inputs.tags, env, push.lookup()));
}

/** Annotations need the Dockerfile's path in the repository; BuildKit names it by its base name. */
function annotationPath(file: string, context: ReturnType<typeof chooseContext>, workspace: string): string {
  if (context.kind !== 'path' || path.basename(context.dockerfile) !== path.basename(file)) return file;
  return path.relative(workspace, context.dockerfile);
}

run().catch((error: unknown) => {
  const invalid = error instanceof InputErrors ? error.errors : error instanceof InputError ? [error] : [];
  if (invalid.length === 0) {
    core.setFailed(error instanceof Error ? error.message : String(error));
    return;
  }
  for (const e of invalid) core.error(e.message, { title: `Invalid input: ${e.input}` });
  process.exitCode = 1;
});
