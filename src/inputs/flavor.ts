import { parse } from 'csv-parse/sync';
import { InputError } from './errors.js';

// docker/metadata-action's `flavor` (its src/flavor.ts): `latest=auto|true|false`, a global
// `prefix=` and `suffix=` for every generated tag, each optionally followed on its line by
// `onlatest=true|false` (whether `latest` gets it too). One entry per line, `#` lines are
// comments; the last line that sets a key wins.

export type LatestFlavor = 'auto' | 'true' | 'false';

export interface Flavor {
  /** auto: `latest` when the highest-priority rule that gave a tag says so; true: always; false: never. */
  latest: LatestFlavor;
  /** Put before every tag whose rule sets no `prefix` of its own (a template, as a rule's prefix). */
  prefix: string;
  /** Whether `latest` gets the prefix too. */
  prefixLatest: boolean;
  suffix: string;
  suffixLatest: boolean;
}

export const DEFAULT_FLAVOR: Flavor = { latest: 'auto', prefix: '', prefixLatest: false, suffix: '', suffixLatest: false };

const ACCEPTED = 'use latest=auto|true|false, prefix=<text>[,onlatest=true|false], suffix=<text>[,onlatest=true|false] (docker/metadata-action’s flavor)';

/** Reads `flavor`; each mistake is pushed to `errors` and that entry is left out. */
export function readFlavor(raw: string, errors: InputError[]): Flavor {
  const flavor: Flavor = { ...DEFAULT_FLAVOR };
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const line of lines) {
    const bad = (accepted: string) => errors.push(new InputError('flavor', line, accepted));
    const fields: string[] = parse(line, { relax_quotes: true, relax_column_count: true })[0] ?? [];
    // The affix an `onlatest` on this line is about.
    let affix: 'prefix' | 'suffix' | undefined;
    for (const field of fields) {
      const at = field.indexOf('=');
      if (at < 0) {
        bad(`"${field.trim()}" has no "="; ${ACCEPTED}`);
        continue;
      }
      const key = field.slice(0, at).trim().toLowerCase();
      const value = field.slice(at + 1).trim();
      switch (key) {
        case 'latest':
          if (value === 'auto' || value === 'true' || value === 'false') flavor.latest = value;
          else bad(`latest must be auto, true or false, not "${value}"`);
          break;
        case 'prefix':
        case 'suffix':
          flavor[key] = value;
          affix = key;
          break;
        case 'onlatest':
          if (value !== 'true' && value !== 'false') bad(`onlatest must be true or false, not "${value}"`);
          else if (affix === undefined) bad('onlatest says whether `latest` gets a prefix or suffix: put it after prefix=… or suffix=… on the same line');
          else flavor[affix === 'prefix' ? 'prefixLatest' : 'suffixLatest'] = value === 'true';
          break;
        default:
          bad(`unknown entry "${key}"; ${ACCEPTED}`);
      }
    }
  }
  return flavor;
}
