import { readFileSync } from 'node:fs';
import type { ReportSwitches } from '../inputs/report-env.js';
import * as core from '../runner.js';
import { buildRef } from './outputs.js';
import { formatBytes } from './summary.js';

/**
 * Uploads the build record when asked to (`record-upload`, DOCKER_BUILD_RECORD_UPLOAD=true).
 * Whatever goes wrong is a warning: the record is a convenience, the build's result stands.
 */
export async function uploadRecordIfAsked(
  switches: ReportSwitches,
  metadataFile: string,
  repository: string,
  tempDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  if (!switches.recordUpload) return;
  let metadata = '';
  try {
    metadata = readFileSync(metadataFile, 'utf8');
  } catch {
    // No metadata file: buildx stopped before writing one.
  }
  const ref = buildRef(metadata);
  if (ref === '') {
    core.info('Build record: not uploaded, buildx named no build record for this run');
    return;
  }
  try {
    const { uploadBuildRecord } = await import('./upload-record.js');
    const uploaded = await uploadBuildRecord({ ref, repository, retentionDays: switches.recordRetentionDays, tempDir, env });
    const keep = switches.recordRetentionDays ? `kept ${switches.recordRetentionDays} days` : "kept as the repository's artifacts are";
    core.info(`Build record: uploaded as artifact ${uploaded.name} (${formatBytes(uploaded.size)}, id ${uploaded.artifactId}, ${keep})`);
  } catch (error) {
    core.warning(`The build record was not uploaded: ${error instanceof Error ? error.message : String(error)}`, { title: 'Build record upload' });
  }
}
