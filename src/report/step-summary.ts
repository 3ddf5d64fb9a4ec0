// The step's job summary: the result the report phase gives it, with the set-up's part (builder
// and cache, with what the build found wrong with the cache) and the build's steps and checks.
import type { BuildCheck, BuildStep } from '../build/log.js';
import type { RunnerIo } from '../runner.js';
import type { Prepared } from '../setup/prepare.js';
import { cacheShown } from './cache-shown.js';
import { renderSummary, type SummaryData } from './summary.js';

/** The set-up's part of the summary, with what the build found wrong with the cache (`found`). */
export function summaryOf(prepared: Pick<Prepared, 'builder' | 'qemu' | 'cache'>, found: string[]): Pick<SummaryData, 'builder' | 'cache'> {
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

/** What every summary of this step shows, whatever the build's outcome. */
export interface SummaryFrame {
  /** `summary` input: false writes nothing. */
  enabled: boolean;
  prepared: Pick<Prepared, 'builder' | 'qemu' | 'cache'>;
  /** The platform of steps that name none. */
  platform: string;
  /** The tags the step was asked for (a fan-out leg's summary lists the tags the result has). */
  tags: string[];
  tagRules?: Record<string, string>;
  steps: BuildStep[];
  checks: BuildCheck[];
  secrets: string[];
  /** The build arguments, whose values BuildKit's step titles expand: shown as $NAME. */
  buildArgs: Readonly<Record<string, string>>;
  seconds: () => number;
}

/** The outcome's own part of the summary. */
export type SummaryOutcome = Omit<SummaryData, 'builder' | 'cache' | 'secrets' | 'seconds' | 'steps' | 'checks' | 'tags' | 'platform' | 'tagRules'>;

/**
 * Appends the summary: the outcome, under `tags` (the frame's unless given), with `found` (what
 * the build found wrong with the cache) said after the set-up's own warnings.
 */
export function appendStepSummary(
  io: Pick<RunnerIo, 'appendSummary'>,
  frame: SummaryFrame,
  outcome: SummaryOutcome,
  tags = frame.tags,
  found: string[] = [],
): void {
  if (!frame.enabled) return;
  io.appendSummary(
    renderSummary({
      ...outcome,
      ...summaryOf(frame.prepared, found),
      platform: frame.platform,
      tags,
      tagRules: frame.tagRules,
      seconds: frame.seconds(),
      steps: frame.steps,
      checks: frame.checks,
      secrets: frame.secrets,
      buildArgs: frame.buildArgs,
    }),
  );
}
