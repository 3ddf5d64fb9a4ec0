// `labels` and `annotations`, the image's key=value metadata, read once as buildx reads them
// (checked against buildx 0.29): an item splits at its first `=`; an annotation's key splits at
// its first `:` into the levels it targets (with an optional `[os/arch]`) and the key itself,
// which may hold more colons. Kiln's own (metadata's, a fan-out leg's share) are written here too.
import { checkPlatform } from './platforms.js';

export const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];

export function isAnnotationLevel(level: string): level is AnnotationLevel {
  return (ANNOTATION_LEVELS as readonly string[]).includes(level);
}

/** A `labels` item: `raw` for the command line, `key` and `value` for every question about it. */
export interface Label {
  readonly raw: string;
  readonly key: string;
  /** '' for a bare KEY, as buildx reads it. */
  readonly value: string;
}

/** An `annotations` item. */
export interface Annotation extends Label {
  /** The levels before the first `:`; [] when none (buildx then annotates the manifest). */
  readonly levels: readonly AnnotationLevel[];
  /** The `[os/arch]` the annotation is limited to, as given; '' for every platform. */
  readonly platform: string;
}

const ACCEPTED_LEVELS = `${ANNOTATION_LEVELS.join(', ')} (comma-separated, optionally followed by [os/arch]), e.g. index:key=value`;
// What buildx takes before the first `:` of the key.
const LEVELS_SPEC = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([^\]]*)\])?$/;

/** A label as buildx reads it: a bare KEY has an empty value. */
export function readLabel(raw: string): Label {
  const at = raw.indexOf('=');
  return at < 0 ? { raw, key: raw, value: '' } : { raw, key: raw.slice(0, at), value: raw.slice(at + 1) };
}

/** An annotation, or why buildx would refuse it. */
export function readAnnotation(raw: string): { annotation: Annotation; problem?: undefined } | { problem: string } {
  const at = raw.indexOf('=');
  if (at <= 0) return { problem: at < 0 ? 'use key=value (optionally prefixed, e.g. index:key=value)' : 'the key before "=" is empty; use key=value' };
  const name = raw.slice(0, at);
  const value = raw.slice(at + 1);
  const colon = name.indexOf(':');
  if (colon < 0) return { annotation: { raw, key: name, value, levels: [], platform: '' } };
  const spec = LEVELS_SPEC.exec(name.slice(0, colon));
  if (!spec) return { problem: `"${name.slice(0, colon)}" before ":" names no annotation level; use ${ACCEPTED_LEVELS}` };
  const levels = (spec[1] ?? '').split(',');
  const unknown = levels.find((l) => !isAnnotationLevel(l));
  if (unknown !== undefined) return { problem: `unknown annotation level "${unknown}"; use ${ACCEPTED_LEVELS}` };
  const platform = spec[2] ?? '';
  const wrongPlatform = spec[2] === undefined ? undefined : checkPlatform(platform);
  if (wrongPlatform !== undefined) return { problem: `the platform in [${platform}]: ${wrongPlatform}` };
  return { annotation: { raw, key: name.slice(colon + 1), value, levels: levels as AnnotationLevel[], platform } };
}

/** A label Kiln writes. */
export function labelOf(key: string, value: string): Label {
  return { raw: `${key}=${value}`, key, value };
}

/** An annotation Kiln writes, in the form buildx reads. */
export function annotationOf(levels: readonly AnnotationLevel[], key: string, value: string, platform = ''): Annotation {
  const prefix = levels.length === 0 ? '' : `${levels.join(',')}${platform === '' ? '' : `[${platform}]`}:`;
  return { raw: `${prefix}${key}=${value}`, key, value, levels, platform };
}
