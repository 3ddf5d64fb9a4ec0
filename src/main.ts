import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildxArgsLine } from './build/args-line.js';
import { retriesLine, runGuardedBuild } from './build/guarded-build.js';
import { readGithubContext } from './github/context.js';
import { InputError, InputErrors } from './inputs/errors.js';
import { readInputs } from './inputs/read.js';
import type { TargetSource } from './inputs/validate-target.js';
import { planBuild } from './plan/build-plan.js';
import type { AppliedMetadata } from './plan/apply-metadata.js';
import { cacheShown } from './plan/cache.js';
import { explainRegistryFailure } from './plan/login.js';
import { type BuildContext, chooseContext, contextArgument } from './plan/context.js';
import { cacheOutput, defaultPlatform } from './report/cache-output.js';
import { buildWritingLess } from './build/write-less.js';
import { collectResult, engineLookup, watchPush } from './report/collect.js';
import { readBackNotes, setOutputs } from './report/outputs.js';
import { uploadRecordIfAsked } from './report/record.js';
import { cacheHits } from './report/steps.js';
import { redactSecrets, renderSummary, type SummaryData } from './report/summary.js';
import { type RunnerIo, runnerIo } from './runner.js';
import { dockerfileTarget } from './setup/dockerfile-target.js';
import { engineFacts } from './setup/engine-facts.js';
import { forgetLogin } from './setup/login.js';
import { persistCache, type Prepared, prepare } from './setup/prepare.js';
import { readSmallFile } from './setup/small-file.js';
import { removeSecretFiles, writeSecretFiles } from './setup/temp-dir.js';
import { type StepEnv, withOidcRequest } from './step-env.js';
import { stateWriter } from './step-state.js';
import type { Env } from './inputs/types.js';

/**
 * What the step reaches outside itself: its environment, the runner's I/O, the engine (through
 * the phases that use it) and the clock.
 */
export interface RunDeps {
  /** The step's environment as child processes get it: no secret inputs, no OIDC variables (src/step-env.ts). */
  env: Env;
  /** Everything the runner gave the step, frozen (the OIDC request variables are read from here). */
  stepEnv: Env;
  cwd: string;
  /** Inputs, outputs, state, summary and log commands. */
  io: RunnerIo;
  engine: {
    facts: typeof engineFacts;
    prepare: typeof prepare;
    build: typeof runGuardedBuild;
    collect: typeof collectResult;
  };
  clock: {
    now: () => Date;
    /** Seconds since the step's process started. */
    elapsed: () => number;
  };
}

/** The real engine, runner and clock, over the environment the entry point took (src/step-env.ts). */
export function actionDeps(taken: StepEnv): RunDeps {
  return {
    env: taken.children,
    stepEnv: taken.step,
    cwd: process.cwd(),
    io: runnerIo(taken.step),
    engine: { facts: engineFacts, prepare, build: runGuardedBuild, collect: collectResult },
    clock: { now: () => new Date(), elapsed },
  };
}

/**
 * The main step: read inputs → plan and set up → build → report; the post step cleans up
 * (src/post.ts). A failure becomes annotations and a non-zero exit code, never a throw.
 */
export async function run(deps: RunDeps): Promise<void> {
  const core = deps.io;
  try {
    await runSteps(deps);
  } catch (error: unknown) {
    const invalid = error instanceof InputErrors ? error.errors : error instanceof InputError ? [error] : [];
    if (invalid.length === 0) {
      core.setFailed(error instanceof Error ? error.message : String(error));
      return;
    }
    for (const e of invalid) core.error(e.message, { title: `Invalid input: ${e.input}` });
    process.exitCode = 1;
  }
}

async function runSteps(deps: RunDeps): Promise<void> {
  const { env, cwd, engine, clock, io: core } = deps;
  const elapsed = clock.elapsed;
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
    ? (await import('./plan/apply-metadata.js')).applyMetadata(read, ctx, clock.now(), (await import('./inputs/version.js')).readVersion)
    : read;
  // reproducible: the commit's time in SOURCE_DATE_EPOCH and the created label.
  const inputs = applied.reproducible ? await (await import('./setup/commit-time.js')).reproducibleInputs(applied, ctx, env) : applied;
  if (metadata) core.info(metadata.log);
  warnings.forEach((w) => {
    core.warning(w);
  });
  // Fan-out: this job builds a part of a multi-runner image (or only assembles it: merge).
  const fanOut = inputs.fanOut.mode === 'off' ? undefined : await import('./fanout/leg.js');
  if (fanOut && inputs.fanOut.mode === 'merge') return fanOut.mergeOnly(inputs, ctx, env, deps.stepEnv, core);
  const leg = fanOut?.startLeg(inputs, (await asked).platform, ctx, env);
  const context = chooseContext(inputs, ctx, cwd, existsSync);
  core.info(`Context: ${context.kind === 'path' ? context.path : context.url} (${context.reason})`);

  // Plan and set up.
  const state = stateWriter(core.saveState);
  const prepared = await engine.prepare(leg?.setup ?? inputs, inputs.setup.append, context, ctx, env, asked, state);
  try {
    await buildAndReport();
  } finally {
    // The credentials go as soon as the step's docker work ends, however it ends.
    forgetLogin({ dir: prepared.loginDir });
  }

  async function buildAndReport(): Promise<void> {
    // Every docker process from here on: the step's environment with the set-up's (DOCKER_CONFIG, BUILDX_CONFIG).
    const env = prepared.env;
    const plan = planBuild(leg?.build ?? inputs, context, ctx, prepared.tempDir, env, {
      builder: prepared.builderArg,
      driver: prepared.builder.driver,
      cacheFrom: prepared.cache.cacheFrom,
      cacheTo: prepared.cache.cacheTo,
      attestations: prepared.caps.cacheExport,
      defaultLoad: prepared.defaultLoad,
    });
    plan.masks.forEach((m) => {
      core.setSecret(m);
    });
    core.debug(buildxArgsLine(plan.args));
    if (plan.provenanceNote) core.info(plan.provenanceNote);

    // reproducible: what the first tag served before this push, to say "unchanged" after it.
    const before = inputs.reproducible && !leg && plan.pushed[0] ? await (await import('./report/unchanged.js')).servedBefore(plan.pushed[0], env) : undefined;
    // Build: the log streams to the step's output and, as it goes, into per-step facts.
    const push = watchPush(plan, engineLookup(env));
    let build, less;
    try {
      writeSecretFiles(plan.secretFiles);
      // An Actions cache export refused for its rate (429) runs again at mode=min, then not at all (issue 19, h12).
      less = await buildWritingLess(
        (args) =>
          engine.build(args, env, push.onProgress, { exportTimeout: inputs.cache.exportTimeout, pushes: plan.pushed.length > 0, onStart: state.buildxGroup }),
        plan.args,
        prepared.cache,
      );
      build = less.build;
    } finally {
      removeSecretFiles(plan.secretFiles);
    }
    if (build.cancelled) {
      process.exitCode = 1;
      return;
    }
    // The last run's log (a push retry prints the whole build again, every step cached).
    const { log } = build;
    const steps = log.steps();
    const checks = log.checks().map((c) => ({ ...c, file: c.file && annotationPath(c.file, context, ctx.workspace) }));
    // DOCKER_BUILD_CHECKS_ANNOTATIONS=false: no annotations; the summary still lists the checks.
    for (const check of inputs.report.checkAnnotations ? checks : []) {
      core.warning(check.message, { title: `Build check ${check.rule}`, file: check.file, startLine: check.line });
    }
    // The platform of steps that name none, for the timeline and the `cache` output.
    const stepsPlatform = defaultPlatform((leg?.build ?? inputs).platforms, (await asked).platform);
    // A fan-out leg that does not assemble writes no tag: its summary lists the tags the result has.
    // `found`: what the build found wrong with the cache, said after the set-up's own warnings.
    const summary = (
      data: Omit<SummaryData, 'builder' | 'cache' | 'secrets' | 'seconds' | 'steps' | 'checks' | 'tags'>,
      tags: string[] = inputs.tags,
      found: string[] = [],
    ) => {
      if (!inputs.summary) return;
      core.appendSummary(
        renderSummary({
          ...data,
          ...summaryOf(prepared, found),
          platform: stepsPlatform,
          tags,
          tagRules: metadata?.ruleOf,
          seconds: elapsed(),
          steps,
          checks,
          secrets: plan.masks,
          buildArgs: inputs.buildArgValues,
        }),
      );
    };

    const { exportStopped } = build;
    if (build.exitCode !== 0 && !exportStopped) {
      const failure = log.failure();
      const file = failure.file !== undefined ? annotationPath(failure.file, context, ctx.workspace) : undefined;
      // One annotation, at the Dockerfile line when BuildKit names one; BuildKit's own log of
      // the failing step is already in the output above.
      const refused = explainRegistryFailure(failure.message, prepared.login);
      const detail = [...(refused ? [refused] : []), failure.message, ...failure.output].join('\n');
      core.error(redactSecrets(detail, plan.masks), { title: failure.step ? `Build failed: ${failure.step}` : 'Build failed', file, startLine: failure.line });
      summary({ ok: false, failure: { step: failure.step, message: refused ? `${refused} (${failure.message})` : failure.message, output: failure.output } });
      await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
      process.exitCode = 1;
      return;
    }

    const failed = log.cacheFailures();
    for (const failure of failed.imports) {
      core.warning(`Cache import failed; the build ran without that cache: ${failure}`, { title: 'Cache import failed' });
    }
    // A stopped export has said so already (the cancelled vertex is no news).
    for (const failure of exportStopped ? [] : failed.exports) {
      core.warning(`Cache export failed; the build succeeded, but the next run will not find this cache: ${failure}`, { title: 'Cache export failed' });
    }
    // The set-up's plan stays as it was made: what the build found goes to the summary beside it.
    const cacheFound = [
      ...failed.exports.map((f) => `export failed: ${f}`),
      ...failed.imports.map((f) => `import failed: ${f}`),
      ...(less.limited ? [`wrote less: ${less.limited}`] : []),
    ];
    const hits = cacheHits(steps);
    // Why did the cache miss: before persistCache, as the local backend's directory carries the fingerprint.
    const why = prepared.cache.kind === 'managed' ? await import('./report/cache-miss.js') : undefined;
    const missed = await why?.explainCacheMiss({
      cache: prepared.cache,
      context,
      buildArgs: inputs.buildArgValues,
      target: inputs.target,
      steps,
      // The platform the `cache` output counts steps that name none for (issue 19, h12).
      platform: stepsPlatform,
      builder: prepared.builderArg,
      tempDir: prepared.tempDir,
      env,
    });
    if (!exportStopped) await persistCache(prepared, hits.cached < hits.total);

    // Report.
    const result =
      leg && fanOut
        ? await fanOut.finishLeg(leg, inputs, plan.metadataFile, ctx, env, { seconds: elapsed(), emulated: prepared.qemu.emulated }, core)
        : await engine.collect(plan, inputs.tags, (await asked).platform, env, push.lookup());
    setOutputs(core.setOutput, result, {
      builder: prepared.builder.name,
      qemuPlatforms: prepared.qemu.emulated,
      cacheHitRatio: hits.ratio,
      cache: cacheOutput(prepared.cache, steps, stepsPlatform, { misses: missed?.misses, limited: less.limited, entriesWritten: less.entriesWritten }),
      seconds: elapsed(),
      labels: inputs.labels.map((l) => l.raw),
      version: metadata?.version,
    });
    const readBack = readBackNotes(result);
    if (readBack.info) core.info(readBack.info);
    if (readBack.warning) core.warning(readBack.warning, { title: 'Registry read-back failed' });
    summary({ ok: true, manifest: result.manifest, warnings: readBack.warning ? [readBack.warning] : [] }, result.tags, cacheFound);
    if (missed?.summary && inputs.summary) core.appendSummary(missed.summary);
    const unchanged = before && (await import('./report/unchanged.js')).unchangedLine(plan.pushed[0] ?? '', before, result.manifest);
    if (unchanged) core.info(unchanged);
    if (unchanged && inputs.summary) core.appendSummary(`${unchanged}\n`);
    const retried = retriesLine(build);
    if (retried) core.info(retried);
    if (retried && inputs.summary) core.appendSummary(`${retried}\n`);
    await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
    // Signing (issue 17), once everything else is reported; src/sign loads sigstore only when it signs.
    await (
      await import('./sign/after-push.js')
    ).signAfterPush({
      inputs,
      ctx,
      env: withOidcRequest(env, deps.stepEnv),
      io: core,
      pushed: plan.pushed,
      masks: plan.masks,
      tempDir: prepared.tempDir,
      metadataText: result.metadata.text,
      images: result.signing ?? [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: true } }],
      context: contextArgument(context),
    });
  }
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

/** Seconds since the step's process started. */
function elapsed(): number {
  return Math.round(performance.now()) / 1000;
}

/** The set-up's part of the summary, with what the build found wrong with the cache (`found`). */
function summaryOf(prepared: Prepared, found: string[]): Pick<SummaryData, 'builder' | 'cache'> {
  const { builder, qemu, cache } = prepared;
  return {
    builder: { name: builder.name, driver: builder.driver, buildkit: builder.buildkitVersion, nodes: builder.nodes, emulated: qemu.emulated },
    cache: {
      backend: cache.backend,
      reason: [cache.reason, cache.why].filter(Boolean).join('; '),
      ...cacheShown(cache),
      warnings: [...cache.warnings, ...found],
    },
  };
}

/** Annotations need the Dockerfile's path in the repository; BuildKit names it by its base name. */
function annotationPath(file: string, context: BuildContext, workspace: string): string {
  if (context.kind !== 'path' || path.basename(context.dockerfile) !== path.basename(file)) return file;
  return path.relative(workspace, context.dockerfile);
}
