// SemVer, read once where a text is meant as a version (a Git tag, a `type=semver` rule's value),
// so the rules in plan/metadata.ts get plain fields. Only the three functions used: the whole
// package would add its range parser; and this module loads only for steps with `images`.
import parseSemver from 'semver/functions/parse.js';
import prerelease from 'semver/functions/prerelease.js';
import validSemver from 'semver/functions/valid.js';

export interface SemVer {
  /** The text as given. */
  raw: string;
  /** Normalized: no `v`, no build metadata. */
  version: string;
  major: number;
  minor: number;
  patch: number;
  prerelease: boolean;
}

/** Reads a text as a version, as docker/metadata-action does (strict SemVer, a leading `v` allowed); null when it is not one. */
export function readVersion(text: string): SemVer | null {
  if (!validSemver(text)) return null;
  const parsed = parseSemver(text, { loose: true });
  if (!parsed) return null;
  return { raw: parsed.raw, version: parsed.version, major: parsed.major, minor: parsed.minor, patch: parsed.patch, prerelease: prerelease(text) !== null };
}
