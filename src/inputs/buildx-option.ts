// A buildx option entry (`outputs`, `cache-from`, `cache-to`, `attests`, `driver-opts`,
// `provenance`/`sbom`) parsed once in inputs/ (parse-buildx-options.ts): the text as given, for
// the command line, and its attributes, for every question asked about it. The readers below are
// the only place those questions are answered; nothing else splits an entry again.

/** One entry as given (`raw`, verbatim on the command line) and its attributes (keys lower-cased). */
export interface BuildxOption {
  readonly raw: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/** `provenance` / `sbom`, settled when read: not given (Kiln's default), off, or on with attributes. */
export type AttestationInput =
  | { mode: 'default' }
  | { mode: 'off'; raw: string }
  /** `attrs` is undefined for a plain true. */
  | { mode: 'on'; raw: string; attrs?: Readonly<Record<string, string>> };

/** The exporter, cache backend, attestation or driver-opt type (`type=`), '' when it names none. */
export function typeOf(option: BuildxOption): string {
  return option.attrs.type ?? '';
}

/** Whether the entry sets `key` at all (e.g. `network` in driver-opts, `builder-id` in provenance). */
export function sets(option: Pick<BuildxOption, 'attrs'>, key: string): boolean {
  return Object.hasOwn(option.attrs, key);
}

/** The registry image a cache entry reads or writes (type=registry, or a bare reference), else undefined. */
export function registryRef(option: BuildxOption): string | undefined {
  return typeOf(option) === 'registry' && option.attrs.ref ? option.attrs.ref : undefined;
}

/** The image a cache entry names (`ref=`), whatever its type. */
export function refOf(option: BuildxOption): string | undefined {
  return option.attrs.ref || undefined;
}

/** A cache entry in full form: a bare reference is written out as the registry entry it means. */
export function fullEntry(option: BuildxOption): string {
  return option.raw.includes('=') ? option.raw : fieldsText({ type: typeOf(option), ref: option.attrs.ref ?? '' });
}

/**
 * The attributes of an entry Kiln writes, in the order written (an object keeps its keys in
 * insertion order; attribute names are never integers, which would come first).
 */
export type OptionFields = Readonly<Record<string, string>>;

// buildx reads an entry as one CSV record: a value with a comma or a quote is written as a quoted
// field (quotes doubled), every other field exactly as `key=value`.
function fieldsText(fields: OptionFields): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      const text = `${key}=${value}`;
      return /[",]/.test(value) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}

function attrsFrom(fields: OptionFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]));
}

/** An entry Kiln builds itself, written from its attributes (never parsed back from text). */
export function optionFrom(fields: OptionFields): BuildxOption {
  return { raw: fieldsText(fields), attrs: attrsFrom(fields) };
}

/** A bare image reference: buildx's short form of a registry cache entry at that reference. */
export function registryRefOption(ref: string): BuildxOption {
  return { raw: ref, attrs: { type: 'registry', ref } };
}

/** A cache entry in full form (fullEntry) with `fields` appended to its text and its attributes. */
export function withFields(option: BuildxOption, fields: OptionFields): BuildxOption {
  const added = fieldsText(fields);
  return { raw: added === '' ? fullEntry(option) : `${fullEntry(option)},${added}`, attrs: { ...option.attrs, ...attrsFrom(fields) } };
}

/** Whether an `outputs` entry pushes (BuildKit reads `push` with Go's strconv.ParseBool). */
export function pushes(option: BuildxOption): boolean {
  return typeOf(option) === 'registry' || (typeOf(option) === 'image' && ['1', 't', 'T', 'true', 'True', 'TRUE'].includes(option.attrs.push ?? ''));
}

/** The image names an `outputs` entry gives (`name=a,b` quoted), [] when none. */
export function namesOf(option: BuildxOption): string[] {
  return (option.attrs.name ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

// Cache attributes that carry credentials (s3, azblob, gha): shown as *** wherever an entry is shown.
const CREDENTIALS = new Set(['token', 'access_key_id', 'secret_access_key', 'session_token', 'account_key', 'secret']);

/**
 * A cache entry fit for the log and the summary: as given, or, when it carries credentials,
 * written out again from its attributes with their values hidden.
 */
export function shownEntry(entry: BuildxOption): string {
  if (!Object.keys(entry.attrs).some((key) => CREDENTIALS.has(key))) return entry.raw;
  return optionFrom(Object.fromEntries(Object.entries(entry.attrs).map(([key, value]) => [key, CREDENTIALS.has(key) ? '***' : value]))).raw;
}
