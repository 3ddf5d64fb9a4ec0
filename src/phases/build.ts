// The pipeline's fourth phase: the build's plan (its buildx arguments, from the set-up's one
// cache plan), then the build, its log streaming to the step's output and, as it goes, into
// per-step facts.
import { buildxArgsLine } from '../build/args-line.js';
import type { GuardedRun } from '../build/guarded-build.js';
import { buildWritingLess, type WroteLess } from '../build/write-less.js';
import type { Env } from '../inputs/types.js';
import { type BuildPlan, planBuild } from '../plan/build-plan.js';
import type { BuildContext } from '../plan/context.js';
import type { CacheReuse } from '../report/cache-reuse.js';
import type { ImageManifest } from '../report/manifest.js';
import { engineLookup, watchPush } from '../report/collect.js';
import type { RunDeps } from '../run-deps.js';
import type { Prepared } from '../setup/apply-setup.js';
import { removeSecretFiles, writeSecretFiles } from '../setup/temp-dir.js';
import type { Planned } from './plan.js';
import type { SetUp } from './set-up.js';

/** What the cache's fingerprint is about (report/cache-reuse.ts before the build, report/cache-miss.ts after it). */
export function fingerprintSubject(prepared: Prepared, context: BuildContext, inputs: { buildArgValues: Readonly<Record<string, string>>; target: string }) {
  return { cache: prepared.cache, context, buildArgs: inputs.buildArgValues, target: inputs.target, builder: prepared.builderArg, tempDir: prepared.tempDir };
}

export interface Built {
  plan: BuildPlan;
  run: GuardedRun;
  /** The engine's copy of the pushed image, looked up while the build pushed it. */
  push: ReturnType<typeof watchPush>;
  /** reproducible: what the first tag served before this push, to say "unchanged" after it. */
  before?: ImageManifest;
  /** Every docker process from here on: the step's environment with the set-up's (DOCKER_CONFIG, BUILDX_CONFIG). */
  env: Env;
  /** Whether the cache already holds this very build, asked before it (report/cache-reuse.ts). */
  reuse?: CacheReuse;
  /** What the cache wrote less than planned, and why (an Actions cache that answered 429). */
  less: WroteLess;
  /** The local cache directory's blobs before the build exported to it, for what the export added (report/local-spend.ts). */
  localBefore?: ReadonlySet<string>;
}

export async function buildStep(planned: Planned, setUp: SetUp, deps: RunDeps): Promise<Built> {
  const { inputs, context, ctx, leg } = planned;
  const { prepared, state } = setUp;
  const { io: core, engine } = deps;
  const env = prepared.env;
  // A cache that already holds this very build is not exported again.
  const reuse =
    prepared.cache.kind === 'managed' && prepared.cache.write !== undefined
      ? await (
          await import('../report/cache-reuse.js')
        ).cacheReuse({ ...fingerprintSubject(prepared, context, inputs), platforms: planned.build.platforms, env })
      : undefined;
  if (reuse?.decision.skip) core.info(reuse.decision.line);
  const plan = planBuild(planned.build, context, ctx, prepared.tempDir, env, {
    builder: prepared.builderArg,
    driver: prepared.builder.driver,
    cache: reuse?.decision.skip ? { ...prepared.cache, cacheTo: [] } : prepared.cache,
    attestations: prepared.caps.cacheExport,
    defaultLoad: prepared.defaultLoad,
  });
  plan.masks.forEach((m) => {
    core.setSecret(m);
  });
  core.debug(buildxArgsLine(plan.args));
  if (plan.provenanceNote) core.info(plan.provenanceNote);

  const before = inputs.reproducible && !leg && plan.pushed[0] ? await (await import('../report/unchanged.js')).servedBefore(plan.pushed[0], env) : undefined;
  const push = watchPush(plan, engineLookup(env));
  // The local cache directory as restored, when the build exports to it (not when the cache already holds this build).
  const local = prepared.cache.local;
  const exportsLocal = local && !reuse?.decision.skip && prepared.cache.cacheTo.some((e) => e.attrs.type === 'local' && e.attrs.dest === local.dir);
  const localBefore = exportsLocal ? (await import('../report/local-spend.js')).localBlobs(local.dir) : undefined;
  let run: GuardedRun;
  let less: WroteLess;
  try {
    writeSecretFiles(plan.secretFiles);
    // An Actions cache export refused for its rate (429) runs again at mode=min, then not at all.
    less = await buildWritingLess(
      (args) =>
        engine.build(args, env, push.onProgress, { exportTimeout: inputs.cache.exportTimeout, pushes: plan.pushed.length > 0, onStart: state.buildxGroup }),
      plan.args,
      prepared.cache,
      core,
    );
    run = less.build;
  } finally {
    removeSecretFiles(plan.secretFiles);
  }
  return { plan, run, push, before, env, reuse, less, localBefore };
}
