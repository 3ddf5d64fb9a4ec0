// Uploads the build record as a workflow artifact through the Actions artifact service (the v4
// protocol @actions/artifact 2.x speaks: Twirp JSON at ACTIONS_RESULTS_URL, the runtime token as
// bearer, the bytes to a signed blob URL). Loaded only when the upload is asked for. An upload
// is a convenience: it never fails the step, and each request has a deadline.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dockerOutput } from '../setup/docker.js';
import { backendIds, expiresAt, parseBuildRef, recordArtifactName, sha256Hex, zipOne } from './build-record.js';

const SERVICE = 'twirp/github.actions.results.api.v1.ArtifactService';
const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;

export interface RecordUpload {
  ref: string;
  repository: string;
  retentionDays?: number;
  tempDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface UploadedRecord {
  name: string;
  artifactId: string;
  size: number;
}

async function twirp<T>(base: string, token: string, method: string, body: object): Promise<T> {
  const url = new URL(`${SERVICE}/${method}`, base.endsWith('/') ? base : `${base}/`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Exports the record with buildx, then creates, uploads and finalizes the artifact. Throws with the reason. */
export async function uploadBuildRecord(upload: RecordUpload): Promise<UploadedRecord> {
  const { env } = upload;
  const parsed = parseBuildRef(upload.ref);
  if (!parsed) throw new Error(`buildx reported no build reference (buildx.build.ref is ${JSON.stringify(upload.ref)})`);
  const token = env.ACTIONS_RUNTIME_TOKEN ?? '';
  const base = env.ACTIONS_RESULTS_URL ?? '';
  if (token === '' || base === '')
    throw new Error(
      'the Actions artifact service is not offered here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only for JavaScript steps of a GitHub Actions job)',
    );
  const ids = backendIds(token);
  if (!ids) throw new Error('ACTIONS_RUNTIME_TOKEN carries no Actions.Results scope, so the artifact service cannot file the artifact');

  const name = recordArtifactName(upload.repository, parsed.id);
  const file = path.join(upload.tempDir, name);
  // --finalize: the record is complete (trace included) before it is exported.
  const exported = await dockerOutput(['buildx', 'history', 'export', '--builder', parsed.builder, '--finalize', parsed.id, '-o', file], env, {
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  if (exported.exitCode !== 0) throw new Error(`buildx history export failed: ${exported.stderr.trim() || 'no answer in time'}`);
  const zip = zipOne(name, readFileSync(file));

  const expires = expiresAt(upload.retentionDays, new Date());
  const created = await twirp<{ ok?: boolean; signed_upload_url?: string }>(base, token, 'CreateArtifact', {
    workflow_run_backend_id: ids.workflowRunBackendId,
    workflow_job_run_backend_id: ids.workflowJobRunBackendId,
    name,
    version: 4,
    ...(expires ? { expires_at: expires } : {}),
  });
  if (!created.ok || !created.signed_upload_url) throw new Error('CreateArtifact: the service did not accept the artifact');

  const put = await fetch(created.signed_upload_url, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/zip', 'Content-Length': String(zip.length) },
    body: zip,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status}`);

  const finalized = await twirp<{ ok?: boolean; artifact_id?: string }>(base, token, 'FinalizeArtifact', {
    workflow_run_backend_id: ids.workflowRunBackendId,
    workflow_job_run_backend_id: ids.workflowJobRunBackendId,
    name,
    size: String(zip.length),
    hash: `sha256:${sha256Hex(zip)}`,
  });
  if (!finalized.ok) throw new Error('FinalizeArtifact: the service did not accept the upload');
  return { name, artifactId: finalized.artifact_id ?? '', size: zip.length };
}
