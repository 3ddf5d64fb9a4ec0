import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SecretFile } from '../plan/secrets.js';

/** A private directory for this step (secret files, iidfile, metadata), removed by the post step. */
export function makeTempDir(runnerTemp: string): string {
  mkdirSync(runnerTemp, { recursive: true });
  return mkdtempSync(path.join(runnerTemp, 'kiln-'));
}

/** Inline secrets become files only the runner's user can read; their paths go to buildx. */
export function writeSecretFiles(files: SecretFile[]): void {
  for (const file of files) writeFileSync(file.path, file.value, { mode: 0o600, flag: 'wx' });
}

/**
 * Post steps run at the end of the job, so secret files left for the post step would be readable
 * by every later step of the job: they go as soon as buildx has read them.
 */
export function removeSecretFiles(files: SecretFile[]): void {
  for (const file of files) rmSync(file.path, { force: true });
}
