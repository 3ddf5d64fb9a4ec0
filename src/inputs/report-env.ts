// docker/build-push-action's environment switches, read with its meanings, so a workflow that
// sets them keeps its behaviour after the `uses:` line changes. One deliberate difference: the
// build record is uploaded only on request (DOCKER_BUILD_RECORD_UPLOAD=true or `record-upload`),
// since an artifact on every run is slow and clutters the run page.
import { readBoolean } from './booleans.js';
import { EnvError, type InputError } from './errors.js';

export interface ReportSwitches {
  /** DOCKER_BUILD_SUMMARY (and the deprecated DOCKER_BUILD_NO_SUMMARY): false turns the job summary off. */
  summary: boolean;
  /** DOCKER_BUILD_CHECKS_ANNOTATIONS: false turns the build-check annotations off (the summary still lists them). */
  checkAnnotations: boolean;
  /** Upload the build record (.dockerbuild) as a workflow artifact. */
  recordUpload: boolean;
  /** DOCKER_BUILD_RECORD_RETENTION_DAYS; undefined (or 0 given) keeps the repository's default. */
  recordRetentionDays?: number;
}

// The words the official action's parseBool takes (Go's strconv.ParseBool).
const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

function envBool(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean, errors: InputError[]): boolean {
  const value = (env[name] ?? '').trim();
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  errors.push(new EnvError(name, value, 'use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)'));
  return fallback;
}

/**
 * The switches, from the environment and the `record-upload` input (either turns upload on).
 * Mistakes join `errors`, so they are reported with the inputs' before anything runs.
 */
export function readReportSwitches(
  env: Readonly<Record<string, string | undefined>>,
  recordUploadInput: string,
  errors: InputError[],
  warnings: string[],
): ReportSwitches {
  let summary = envBool(env, 'DOCKER_BUILD_SUMMARY', true, errors);
  if ((env.DOCKER_BUILD_NO_SUMMARY ?? '').trim() !== '') {
    warnings.push('DOCKER_BUILD_NO_SUMMARY is deprecated (as in docker/build-push-action): use DOCKER_BUILD_SUMMARY=false');
    summary = !envBool(env, 'DOCKER_BUILD_NO_SUMMARY', false, errors);
  }
  const checkAnnotations = envBool(env, 'DOCKER_BUILD_CHECKS_ANNOTATIONS', true, errors);
  const recordUpload = readBoolean('record-upload', recordUploadInput, false, errors) || envBool(env, 'DOCKER_BUILD_RECORD_UPLOAD', false, errors);

  let days = (env.DOCKER_BUILD_RECORD_RETENTION_DAYS ?? '').trim();
  let daysVariable = 'DOCKER_BUILD_RECORD_RETENTION_DAYS';
  if (days === '' && (env.DOCKER_BUILD_EXPORT_RETENTION_DAYS ?? '').trim() !== '') {
    days = (env.DOCKER_BUILD_EXPORT_RETENTION_DAYS ?? '').trim();
    daysVariable = 'DOCKER_BUILD_EXPORT_RETENTION_DAYS';
    warnings.push('DOCKER_BUILD_EXPORT_RETENTION_DAYS is deprecated (as in docker/build-push-action): use DOCKER_BUILD_RECORD_RETENTION_DAYS');
  }
  let recordRetentionDays: number | undefined;
  if (days !== '') {
    // GitHub keeps artifacts 1 to 90 days (400 on some plans, clamped by the service); 0 is the default.
    if (!/^\d+$/.test(days)) errors.push(new EnvError(daysVariable, days, 'use a whole number of days (1 to 90; 0 or unset for the repository default)'));
    else if (Number(days) > 0) recordRetentionDays = Number(days);
  }
  return { summary, checkAnnotations, recordUpload, recordRetentionDays };
}
