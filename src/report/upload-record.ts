// Uploads the build record as a workflow artifact through the Actions artifact service (the v4
// protocol @actions/artifact 2.x speaks: Twirp JSON at ACTIONS_RESULTS_URL, the runtime token as
// bearer, the bytes to a signed blob URL). Loaded only when the upload is asked for. An upload
// is a convenience: it never fails the step, and each request has a deadline (src/github/http.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { resultsService, twirp } from '../github/actions-service.js';
import { SERVICE_POLICY, send } from '../github/http.js';
import type { Env } from '../inputs/types.js';
import { dockerOutput } from '../process/docker.js';
import { backendIds, expiresAt, parseBuildRef, recordArtifactName, sha256Hex, zipOne } from './build-record.js';

const EXPORT_TIMEOUT_MS = 30_000;
/** The record's bytes may take longer than a service call. */
const UPLOAD_POLICY = { ...SERVICE_POLICY, attemptMs: 120_000, budgetMs: 180_000 };

export interface RecordUpload {
  ref: string;
  repository: string;
  retentionDays?: number;
  tempDir: string;
  env: Env;
}

export interface UploadedRecord {
  name: string;
  artifactId: string;
  size: number;
}

/** Exports the record with buildx, then creates, uploads and finalizes the artifact. Throws with the reason. */
export async function uploadBuildRecord(upload: RecordUpload): Promise<UploadedRecord> {
  const { env } = upload;
  const parsed = parseBuildRef(upload.ref);
  if (!parsed) throw new Error(`buildx reported no build reference (buildx.build.ref is ${JSON.stringify(upload.ref)})`);
  const service = resultsService(env);
  if (!service)
    throw new Error(
      'the Actions artifact service is not offered here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only for JavaScript steps of a GitHub Actions job)',
    );
  const ids = backendIds(service.token);
  if (!ids) throw new Error('ACTIONS_RUNTIME_TOKEN carries no Actions.Results scope, so the artifact service cannot file the artifact');

  const name = recordArtifactName(upload.repository, parsed.id);
  const file = path.join(upload.tempDir, name);
  // --finalize: the record is complete (trace included) before it is exported.
  const exported = await dockerOutput(['buildx', 'history', 'export', '--builder', parsed.builder, '--finalize', parsed.id, '-o', file], env, {
    timeoutMs: EXPORT_TIMEOUT_MS,
  });
  if (exported.exitCode !== 0) throw new Error(`buildx history export failed: ${exported.stderr.trim() || 'no answer in time'}`);
  const zip = zipOne(name, readFileSync(file));

  const expires = expiresAt(upload.retentionDays, new Date());
  const created = await twirp(service, 'ArtifactService', 'CreateArtifact', {
    workflow_run_backend_id: ids.workflowRunBackendId,
    workflow_job_run_backend_id: ids.workflowJobRunBackendId,
    name,
    version: 4,
    ...(expires ? { expires_at: expires } : {}),
  });
  const signedUrl = created.signed_upload_url;
  if (created.ok !== true || typeof signedUrl !== 'string' || signedUrl === '') throw new Error('CreateArtifact: the service did not accept the artifact');

  const put = await send(
    {
      method: 'PUT',
      url: signedUrl,
      headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/zip', 'Content-Length': String(zip.length) },
      body: zip,
    },
    UPLOAD_POLICY,
  );
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status}`);

  const finalized = await twirp(service, 'ArtifactService', 'FinalizeArtifact', {
    workflow_run_backend_id: ids.workflowRunBackendId,
    workflow_job_run_backend_id: ids.workflowJobRunBackendId,
    name,
    size: String(zip.length),
    hash: `sha256:${sha256Hex(zip)}`,
  });
  if (finalized.ok !== true) throw new Error('FinalizeArtifact: the service did not accept the upload');
  const id = finalized.artifact_id;
  return { name, artifactId: typeof id === 'string' || typeof id === 'number' ? String(id) : '', size: zip.length };
}
