import { FALSE_WORDS, TRUE_WORDS } from './booleans.js';
import { csvFields } from './validate-cache-entries.js';
import { checkImageRef } from './validate-refs.js';

// The exporters buildx and BuildKit know (`registry` is buildx's image exporter with push=true,
// `moby` the engine's own, which buildx picks for the docker driver).
const EXPORTERS = ['image', 'registry', 'local', 'tar', 'oci', 'docker', 'cacheonly', 'moby'];
const ATTESTATIONS = ['provenance', 'sbom'];
// Go's strconv.ParseBool, which buildx applies to `disabled` and to --sbom/--provenance.
const GO_BOOLEANS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** key=value fields as buildx splits them (keys lower-cased), and the first field without '=', which buildx refuses. */
function attributes(entry: string): { attrs: Record<string, string>; bad?: string } {
  const attrs: Record<string, string> = {};
  for (const field of csvFields(entry)) {
    const at = field.indexOf('=');
    if (at < 0) return { attrs, bad: field };
    attrs[field.slice(0, at).trim().toLowerCase()] = field.slice(at + 1);
  }
  return { attrs };
}

/** One `outputs` entry as buildx's ExportEntry reads it: a bare path, `-`, or type=… with attributes. */
export function checkOutput(entry: string): string | undefined {
  const form = `use type=${EXPORTERS.join('|')} with its attributes (e.g. type=image,name=ghcr.io/o/app,push=true or type=local,dest=out), or a directory path`;
  const fields = csvFields(entry);
  if (fields.length === 1 && fields[0] === entry && !entry.startsWith('type=')) return undefined;
  const { attrs, bad } = attributes(entry);
  if (bad !== undefined) return `"${bad}" is not key=value; ${form}`;
  const type = attrs.type ?? '';
  if (type === '') return `the exporter type is missing; ${form}`;
  if (!EXPORTERS.includes(type)) return `BuildKit has no exporter "${type}"; ${form}`;
  for (const name of (attrs.name ?? '').split(',').filter((n) => n.trim() !== '')) {
    const problem = checkImageRef(name.trim());
    if (problem) return `name "${name.trim()}": ${problem}`;
  }
  return undefined;
}

/** One `attests` entry as buildx's Attest reads it: type=provenance|sbom, key=value attributes, disabled a boolean. */
export function checkAttest(entry: string): string | undefined {
  const form = 'use type=provenance or type=sbom with key=value attributes, e.g. type=provenance,mode=max or type=sbom,disabled=true';
  const { attrs, bad } = attributes(entry);
  if (bad !== undefined) return `"${bad}" is not key=value; ${form}`;
  const type = attrs.type ?? '';
  if (type === '') return `the attestation type is missing; ${form}`;
  if (!ATTESTATIONS.includes(type)) return `BuildKit has no attestation type "${type}"; ${form}`;
  if (attrs.disabled !== undefined && !GO_BOOLEANS.includes(attrs.disabled)) return `disabled=${attrs.disabled} is not a boolean; ${form}`;
  if (type === 'provenance') return checkProvenanceMode(attrs, form);
  return undefined;
}

// BuildKit refuses any other mode only when it writes the attestation, after the whole build.
function checkProvenanceMode(attrs: Record<string, string>, form: string): string | undefined {
  return attrs.mode === undefined || ['min', 'max'].includes(attrs.mode) ? undefined : `provenance mode=${attrs.mode}: use mode=min or mode=max; ${form}`;
}

/**
 * `provenance` or `sbom`: a boolean or attributes of that attestation. Kiln hands `provenance`
 * its builder-id, so only the workflow booleans count as booleans there; buildx reads `sbom` itself.
 */
export function checkAttestInput(kind: 'provenance' | 'sbom', value: string): string | undefined {
  const booleans = kind === 'provenance' ? [...TRUE_WORDS, ...FALSE_WORDS] : GO_BOOLEANS;
  if (value === '' || booleans.includes(value)) return undefined;
  const { attrs, bad } = attributes(value);
  const example = kind === 'provenance' ? 'mode=max or mode=min,inline-only=true' : 'generator=<scanner image>';
  const form = `use true, false, or ${kind} attributes as key=value, e.g. ${example}`;
  if (bad !== undefined) return `"${bad}" is neither a boolean nor key=value; ${form}`;
  if (attrs.disabled !== undefined && !GO_BOOLEANS.includes(attrs.disabled)) return `disabled=${attrs.disabled} is not a boolean; ${form}`;
  return kind === 'provenance' ? checkProvenanceMode(attrs, form) : undefined;
}
