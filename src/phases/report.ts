// The pipeline's last phase: what the build made, said in the annotations, the outputs and the
// summary; the cache saved for the next run; the build record uploaded when asked; then signing.
// A build that failed is reported here too, and fails the step.
import { retriesLine } from '../build/guarded-build.js';
import { contextArgument } from '../plan/context.js';
import { annotateChecks, annotateFailure } from '../report/build-annotations.js';
import { reportCacheFailures } from '../report/cache-failures.js';
import { cacheSpend } from '../report/cache-spend.js';
import { cacheOutput, defaultPlatform } from '../report/cache-output.js';
import { readBackNotes, setOutputs } from '../report/outputs.js';
import { uploadRecordIfAsked } from '../report/record.js';
import { appendStepSummary, type SummaryFrame } from '../report/step-summary.js';
import { cacheHits } from '../report/steps.js';
import type { RunDeps } from '../run-deps.js';
import { persistCache } from '../setup/prepare.js';
import { withOidcRequest } from '../step-env.js';
import { type Built, fingerprintSubject } from './build.js';
import type { Planned } from './plan.js';
import type { SetUp } from './set-up.js';

export async function reportStep(planned: Planned, setUp: SetUp, built: Built, deps: RunDeps): Promise<void> {
  const { inputs, context, ctx, leg, fanOut, metadata, asked } = planned;
  const { prepared } = setUp;
  const { plan, run, env } = built;
  const { io: core, clock } = deps;
  if (run.cancelled) {
    process.exitCode = 1;
    return;
  }
  // The last run's log (a push retry prints the whole build again, every step cached).
  const { log, exportStopped } = run;
  const steps = log.steps();
  const checks = annotateChecks(core, log, context, ctx.workspace, inputs.report.checkAnnotations);
  // The platform of steps that name none, for the timeline and the `cache` output.
  const stepsPlatform = defaultPlatform(planned.build.platforms, (await asked).platform);
  const frame: SummaryFrame = {
    enabled: inputs.summary,
    prepared,
    platform: stepsPlatform,
    tags: inputs.tags,
    tagRules: metadata?.ruleOf,
    steps,
    checks,
    secrets: plan.masks,
    buildArgs: inputs.buildArgValues,
    seconds: clock.elapsed,
  };

  if (run.exitCode !== 0 && !exportStopped) {
    const failure = annotateFailure(core, log, { context, workspace: ctx.workspace, login: prepared.login, masks: plan.masks });
    appendStepSummary(core, frame, { ok: false, failure });
    await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
    process.exitCode = 1;
    return;
  }

  const { less } = built;
  const cacheFound = [...reportCacheFailures(core, log, exportStopped), ...(less.limited ? [`wrote less: ${less.limited}`] : [])];
  const hits = cacheHits(steps);
  // What the cache exports cost (issue 19), read beside the miss explanation.
  const spending = cacheSpend({ steps, exportStopped, cache: prepared.cache, retriedEntries: less.entriesWritten, localBefore: built.localBefore, env });
  // Why did the cache miss: before persistCache, as the local backend's directory carries the fingerprint.
  const why = prepared.cache.kind === 'managed' ? await import('../report/cache-miss.js') : undefined;
  const failed = log.cacheFailures();
  const missed = await why?.explainCacheMiss({
    ...fingerprintSubject(prepared, context, inputs),
    steps,
    // The platform the `cache` output counts steps that name none for.
    platform: stepsPlatform,
    env,
    reuse: built.reuse,
    exported: !exportStopped && failed.exports.length === 0,
    importProblems: failed.imports.length + log.cacheImportsNotFound().length,
  });
  if (!exportStopped) await persistCache(prepared, hits.cached < hits.total);
  const spend = await spending;

  // A fan-out leg records its push and assembles the image when it is complete; any other build reads its result back.
  const result =
    leg && fanOut
      ? await fanOut.finishLeg(leg, inputs, plan.metadataFile, ctx, env, { seconds: clock.elapsed(), emulated: prepared.qemu.emulated }, core)
      : await deps.engine.collect(plan, inputs.tags, (await asked).platform, env, built.push.lookup());
  setOutputs(core.setOutput, result, {
    builder: prepared.builder.name,
    qemuPlatforms: prepared.qemu.emulated,
    cacheHitRatio: hits.ratio,
    cache: cacheOutput(prepared.cache, steps, stepsPlatform, { misses: missed?.misses, limited: less.limited, ...spend }),
    seconds: clock.elapsed(),
    labels: inputs.labels.map((l) => l.raw),
    version: metadata?.version,
  });
  const readBack = readBackNotes(result);
  if (readBack.info) core.info(readBack.info);
  if (readBack.warning) core.warning(readBack.warning, { title: 'Registry read-back failed' });
  // A fan-out leg that does not assemble writes no tag: its summary lists the tags the result has.
  appendStepSummary(
    core,
    frame,
    { ok: true, manifest: result.manifest, warnings: readBack.warning ? [readBack.warning] : [], cacheSpend: spend },
    result.tags,
    cacheFound,
  );
  if (missed?.summary && inputs.summary) core.appendSummary(missed.summary);
  const { before } = built;
  const unchanged = before && (await import('../report/unchanged.js')).unchangedLine(plan.pushed[0] ?? '', before, result.manifest);
  if (unchanged) core.info(unchanged);
  if (unchanged && inputs.summary) core.appendSummary(`${unchanged}\n`);
  const retried = retriesLine(run);
  if (retried) core.info(retried);
  if (retried && inputs.summary) core.appendSummary(`${retried}\n`);
  await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
  // Signing (issue 17), once everything else is reported; src/sign loads sigstore only when it signs.
  await (
    await import('../sign/after-push.js')
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
