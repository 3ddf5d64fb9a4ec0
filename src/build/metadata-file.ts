// buildx's `--metadata-file`, read in one place into a checked value: the outputs, the fan-out
// record, the read-back and the build-record upload all take what this module gives them, never
// the file's text. A failed build writes no file and `call: check` one without a digest, so every
// field may be empty; a field of the wrong type is treated as absent, not trusted.
import { readFileSync } from 'node:fs';

/** What buildx reported about the image it exported (`containerimage.descriptor`). */
export interface ImageDescriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface BuildMetadata {
  /** The file as buildx wrote it: the `metadata` output ('' when it wrote none or it is not JSON). */
  text: string;
  /** `containerimage.digest`: the exported image or index ('' when none). */
  digest: string;
  /** `containerimage.descriptor`, when buildx gave one with a digest. */
  descriptor?: ImageDescriptor;
  /** `buildx.build.ref`, `builder/node/id` of the build record ('' when none). */
  buildRef: string;
  /** Why every field is empty: buildx wrote no file, or one that is not a JSON object. */
  problem?: 'missing' | 'malformed';
}

// The OCI digest grammar (algorithm ':' encoded), so a stray value never reaches a reference.
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

const EMPTY = { text: '', digest: '', buildRef: '' } as const;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function digestOf(value: unknown): string {
  return typeof value === 'string' && DIGEST.test(value) ? value : '';
}

function descriptorOf(value: unknown): ImageDescriptor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as Record<string, unknown>;
  const digest = digestOf(d.digest);
  if (digest === '') return undefined;
  return { mediaType: text(d.mediaType), digest, size: typeof d.size === 'number' && Number.isSafeInteger(d.size) && d.size >= 0 ? d.size : 0 };
}

/** The metadata file's text, checked field by field. */
export function parseBuildMetadata(raw: string): BuildMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...EMPTY, problem: 'malformed' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ...EMPTY, problem: 'malformed' };
  const m = parsed as Record<string, unknown>;
  const descriptor = descriptorOf(m['containerimage.descriptor']);
  return {
    text: raw,
    digest: digestOf(m['containerimage.digest']),
    ...(descriptor ? { descriptor } : {}),
    buildRef: text(m['buildx.build.ref']),
  };
}

/** Reads the file buildx wrote at `file` (none after a failed build: then `problem: 'missing'`). */
export function readBuildMetadata(file: string): BuildMetadata {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return { ...EMPTY, problem: 'missing' };
  }
  return raw.trim() === '' ? { ...EMPTY, problem: 'missing' } : parseBuildMetadata(raw);
}

/** What a step that built nothing reports (a fan-out merge). */
export const NO_METADATA: BuildMetadata = { ...EMPTY, problem: 'missing' };
