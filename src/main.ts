import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as core from './runner.js';
import { cacheFailures, parseBuildFailure } from './build/errors.js';
import { runBuildx } from './build/run-buildx.js';
import { readGithubContext } from './github/context.js';
import { InputError, InputErrors } from './inputs/errors.js';
import { readInputs } from './inputs/read.js';
import { parseAppend } from './inputs/setup.js';
import { STATE } from './names.js';
import { builderName, decideBuilder } from './plan/builder.js';
import { chooseContext } from './plan/context.js';
import { planBuild } from './plan/build-plan.js';
import { type BuilderCaps, embeddedBuildkit, planCache } from './plan/cache.js';
import { planQemu } from './plan/qemu.js';
import { collectResult, engineLookup, watchPush } from './report/collect.js';
import { setOutputs } from './report/outputs.js';
import { prepareBuilder } from './setup/builder.js';
import { engineFacts } from './setup/engine-facts.js';
import { installEmulators, registeredHandlers } from './setup/qemu.js';
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
  // The YAML parser loads only for the few steps that append nodes.
  const append = inputs.setup.append.trim() ? parseAppend(inputs.setup.append, (await import('yaml')).parse, existsSync) : [];
  const context = chooseContext(inputs, ctx, cwd, existsSync);
  core.info(`Context: ${context.kind === 'path' ? context.path : context.url} (${context.reason})`);

  // Plan, with the engine's answer (asked once): builder, emulators, the buildx arguments.
  const facts = await engineFacts(env);
  if (inputs.load && inputs.platforms.length > 1 && !facts.containerdStore) {
    throw new InputError(
      'load',
      'true',
      `this engine's classic image store cannot load a multi-platform image (platforms ${inputs.platforms.join(',')}); ` +
        'build one platform, push instead, or enable the containerd image store ({"features":{"containerd-snapshotter":true}} in daemon.json)',
    );
  }
  const decision = decideBuilder(inputs, facts, builderName(ctx.runId, ctx.runAttempt, env.GITHUB_JOB ?? '', ctx.action));
  const remote = ['remote', 'kubernetes'].includes(decision.driver);
  const requested = inputs.setup.qemuPlatforms.length ? inputs.setup.qemuPlatforms : inputs.platforms;
  // Remote nodes emulate on their own hosts; local ones run the engine's platform, appended ones theirs.
  const native = remote ? requested : [facts.platform, ...append.flatMap((n) => n.platforms)];
  const qemu = planQemu(inputs.setup.qemu, requested, native, registeredHandlers());
  if (qemu.error) throw new Error(qemu.error);

  // Set up: everything created is recorded first, so the post step removes it whatever happens.
  const tempDir = makeTempDir(ctx.runnerTemp);
  core.saveState(STATE.tempDir, tempDir);
  const builder = await prepareBuilder(decision, inputs.setup, append, inputs.platforms, tempDir, env, (name) => {
    core.saveState(STATE.builder, name);
    if (inputs.setup.cleanup) core.saveState(STATE.builderRemoveFlags, inputs.setup.keepState ? '--keep-state' : 'rm');
  });
  core.info(
    builder.created
      ? `Builder: created ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkitVersion ?? 'unknown'}; ${builder.nodes.map((n) => `${n.name}: ${n.platforms.join(', ')}`).join('; ')}) because ${builder.reason}`
      : `Builder: ${builder.name} (${builder.driver} driver) because ${builder.reason}`,
  );
  if (qemu.install) {
    core.info(`QEMU: installing ${qemu.install.join(', ')} with ${inputs.setup.qemuImage} (${qemu.reason})`);
    await installEmulators(inputs.setup.qemuImage, qemu.install, env);
    const after = registeredHandlers();
    const still = qemu.handlers.filter((h) => !after.has(h.handler));
    if (still.length) throw new Error(`${inputs.setup.qemuImage} ran but ${still.map((h) => h.handler).join(', ')} is still not registered; register it on the runner (apt-get install qemu-user-static)`);
  } else {
    core.info(`QEMU: ${qemu.reason}`);
  }

  const cache = planCache(
    inputs.cache,
    {
      tags: inputs.tags,
      platforms: inputs.platforms,
      pushes: inputs.push || inputs.outputs.some((o) => /type=registry|push=(true|1)/i.test(o)),
      dockerfile: context.kind === 'path' ? path.relative(ctx.workspace, context.dockerfile) : inputs.file,
      target: inputs.target,
      cacheFrom: inputs.cacheFrom,
      cacheTo: inputs.cacheTo,
    },
    ctx,
    env,
    builderCaps(builder.buildkitVersion, builder.driver, facts.engineVersion),
    tmpdir(),
  );
  core.info(`Cache: ${cache.backend} (${cache.reason}); ${cache.why}${cache.reads.length ? `; reads ${cache.reads.join(', ')}` : ''}${cache.write ? `; writes ${cache.write} (mode=${cache.mode})` : cache.backend !== 'none' ? '; writes nothing' : ''}`);
  cache.warnings.forEach((w) => {
    core.warning(w);
  });
  if (cache.local) core.saveState(STATE.cacheDir, cache.local.dir);
  const restored = cache.local ? await (await import('./setup/local-cache.js')).restoreLocalCache(cache.local) : undefined;

  const plan = planBuild(inputs, context, ctx, tempDir, env, {
    builder: decision.action === 'create' ? decision.name : inputs.builder,
    cacheFrom: cache.cacheFrom,
    cacheTo: cache.cacheTo,
  });
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

  const failed = cacheFailures(build.tail);
  for (const failure of failed.imports) {
    core.warning(`Cache import failed; the build ran without that cache: ${failure}`, { title: 'Cache import failed' });
  }
  for (const failure of failed.exports) {
    core.warning(`Cache export failed; the build succeeded, but the next run will not find this cache: ${failure}`, { title: 'Cache export failed' });
  }
  if (cache.local?.saveKeyPrefix) await (await import('./setup/local-cache.js')).saveLocalCache(cache.local, restored);

  // Report.
  setOutputs(await collectResult(plan, inputs.tags, env, push.lookup()), { builder: builder.name, qemuPlatforms: qemu.emulated });
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

/** What the builder's BuildKit speaks: its own version, or for the docker driver the engine's. */
function builderCaps(reported: string | undefined, driver: string, engineVersion: string): BuilderCaps {
  const known = reported && !reported.includes('0.0.0') ? reported.replace(/^v/, '') : undefined;
  return { buildkit: known ?? (driver === 'docker' ? embeddedBuildkit(engineVersion) : undefined) };
}
