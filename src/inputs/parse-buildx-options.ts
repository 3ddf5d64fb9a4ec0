import { type AttestationInput, type BuildxOption, registryRefOption } from './buildx-option.js';
import { FALSE_WORDS, TRUE_WORDS } from './booleans.js';
import { parseAttributes } from './lists.js';

// Each entry is read the way buildx reads it (a CSV record of key=value fields); the bare forms
// buildx accepts are expanded here, once, so no reader downstream needs to know them.

// Go's strconv.ParseBool words, as buildx reads --sbom.
const GO_BOOLEANS = { on: ['1', 't', 'T', 'TRUE', 'true', 'True'], off: ['0', 'f', 'F', 'FALSE', 'false', 'False'] };

/** `cache-from` / `cache-to`: a bare reference means a registry cache at that reference. */
export function cacheOption(raw: string): BuildxOption {
  return raw.includes('=') ? { raw, attrs: attrsOf(raw) } : registryRefOption(raw);
}

/** `outputs`: a bare path is a local export to it, `-` a tar to stdout. */
export function outputOption(raw: string): BuildxOption {
  if (raw.includes('=')) return { raw, attrs: attrsOf(raw) };
  return { raw, attrs: raw === '-' ? { type: 'tar', dest: '-' } : { type: 'local', dest: raw } };
}

/** `attests`, `driver-opts` and the like: key=value attributes only. */
export function attributesOption(raw: string): BuildxOption {
  return { raw, attrs: attrsOf(raw) };
}

/**
 * `provenance` / `sbom`. `booleans` are the words taken as on/off: the workflow booleans for
 * provenance (Kiln adds its builder-id to it), Go's for sbom (buildx reads it itself).
 */
export function attestationInput(raw: string, kind: 'provenance' | 'sbom'): AttestationInput {
  const booleans = kind === 'provenance' ? { on: TRUE_WORDS, off: FALSE_WORDS } : GO_BOOLEANS;
  if (raw === '') return { mode: 'default' };
  if (booleans.off.includes(raw)) return { mode: 'off', raw };
  return booleans.on.includes(raw) ? { mode: 'on', raw } : { mode: 'on', raw, attrs: attrsOf(raw) };
}

/** The attributes, or none when the entry is not even CSV: validation reports it (validate.ts). */
function attrsOf(raw: string): Record<string, string> {
  try {
    return parseAttributes(raw);
  } catch {
    return {};
  }
}
