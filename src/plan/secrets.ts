import * as path from 'node:path';
import type { Env, Secret } from '../inputs/types.js';
import { maskPieces } from './masks.js';

/** Lines of a secret file shorter than this (trimmed) are not masked. */
export const MIN_FILE_MASK = 4;

export interface SecretFile {
  path: string;
  value: string;
}

export interface SecretPlan {
  /** Values for `--secret`: ids and file paths or variable names, never a secret value. */
  flags: string[];
  /** Inline values to write as 0600 files before the build (and remove in the post step). */
  files: SecretFile[];
  /** Strings the log must mask. */
  masks: string[];
}

// buildx reads `--secret` as CSV: a path with a comma or quote must be quoted.
function csvField(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export function planSecrets(secrets: Secret[], tempDir: string, env: Env): SecretPlan {
  const plan: SecretPlan = { flags: [], files: [], masks: [] };
  secrets.forEach((secret, index) => {
    const id = csvField(`id=${secret.id}`);
    switch (secret.source.kind) {
      case 'inline': {
        const file = path.join(tempDir, `secret-${index}`);
        plan.files.push({ path: file, value: secret.source.value });
        plan.flags.push(`${id},${csvField(`src=${file}`)}`);
        plan.masks.push(secret.source.value);
        break;
      }
      case 'file':
        plan.flags.push(`${id},${csvField(`src=${secret.source.path}`)}`);
        // A build that fails printing the file would otherwise show it in the log and summary.
        // Line by line, as the runner shows output; not the short lines, which hold next to
        // nothing secret and would hide every `{` or `}` in the log (a JSON key file's braces).
        for (const line of (secret.source.contents ?? '').split(/\r?\n/)) {
          if (line.trim().length >= MIN_FILE_MASK) plan.masks.push(line);
        }
        break;
      case 'env':
        plan.flags.push(`${id},${csvField(`env=${secret.source.name}`)}`);
        plan.masks.push(env[secret.source.name] ?? '');
        break;
    }
  });
  plan.masks = [...new Set(plan.masks.flatMap(maskPieces).map((v) => v.trim()))];
  return plan;
}
