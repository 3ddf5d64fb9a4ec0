// The build's annotations: its Dockerfile checks (warnings at their lines) and, when it failed,
// one error at the failing line, with the registry's refusal explained when a login explains it.
import * as path from 'node:path';
import type { BuildCheck, BuildLog } from '../build/log.js';
import type { BuildContext } from '../plan/context.js';
import { explainRegistryFailure, type LoginPlan } from '../plan/login.js';
import type { RunnerIo } from '../runner.js';
import { redactSecrets } from './summary.js';

/** Annotations need the Dockerfile's path in the repository; BuildKit names it by its base name. */
export function annotationPath(file: string, context: BuildContext, workspace: string): string {
  if (context.kind !== 'path' || path.basename(context.dockerfile) !== path.basename(file)) return file;
  return path.relative(workspace, context.dockerfile);
}

/**
 * The build's checks with their Dockerfile as the repository names it, each a warning unless
 * DOCKER_BUILD_CHECKS_ANNOTATIONS=false (the summary lists them either way).
 */
export function annotateChecks(io: Pick<RunnerIo, 'warning'>, log: BuildLog, context: BuildContext, workspace: string, annotate: boolean): BuildCheck[] {
  const checks = log.checks().map((c) => ({ ...c, file: c.file && annotationPath(c.file, context, workspace) }));
  for (const check of annotate ? checks : []) {
    io.warning(check.message, { title: `Build check ${check.rule}`, file: check.file, startLine: check.line });
  }
  return checks;
}

/** What the failure annotation said, for the summary. */
export interface FailureSaid {
  step?: string;
  message: string;
  output: string[];
}

/**
 * One annotation, at the Dockerfile line when BuildKit names one; BuildKit's own log of the
 * failing step is already in the output above.
 */
export function annotateFailure(
  io: Pick<RunnerIo, 'error'>,
  log: BuildLog,
  made: { context: BuildContext; workspace: string; login: LoginPlan; masks: string[] },
): FailureSaid {
  const failure = log.failure();
  const file = failure.file !== undefined ? annotationPath(failure.file, made.context, made.workspace) : undefined;
  const refused = explainRegistryFailure(failure.message, made.login);
  const detail = [...(refused ? [refused] : []), failure.message, ...failure.output].join('\n');
  io.error(redactSecrets(detail, made.masks), { title: failure.step ? `Build failed: ${failure.step}` : 'Build failed', file, startLine: failure.line });
  return { step: failure.step, message: refused ? `${refused} (${failure.message})` : failure.message, output: failure.output };
}
