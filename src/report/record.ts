import { type BuildMetadata, readBuildMetadata } from '../build/metadata-file.js';
import type { ReportSwitches } from '../inputs/report-env.js';
import type { Env } from '../inputs/types.js';
import * as core from '../runner.js';
import { formatBytes } from './summary.js';

/**
 * Uploads the build record when asked to (`record-upload`, DOCKER_BUILD_RECORD_UPLOAD=true).
 * Whatever goes wrong is a warning: the record is a convenience, the build's result stands.
 */
export async function uploadRecordIfAsked(
  switches: ReportSwitches,
  metadata: BuildMetadata | string,
  repository: string,
  tempDir: string,
  env: Env,
): Promise<void> {
  if (!switches.recordUpload) return;
  // A path is main.ts's form until it passes the metadata it read once.
  const ref = (typeof metadata === 'string' ? readBuildMetadata(metadata) : metadata).buildRef;
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
