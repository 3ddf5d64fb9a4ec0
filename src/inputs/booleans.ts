import type { InputName } from '../names.js';
import { InputError } from './errors.js';

// The YAML 1.2 core-schema words the runner's own boolean inputs accept, as @actions/core does.
export const TRUE_WORDS = ['true', 'True', 'TRUE'];
export const FALSE_WORDS = ['false', 'False', 'FALSE'];
const ACCEPTED = 'use true or false (true | True | TRUE | false | False | FALSE)';

/** A boolean input: `fallback` when empty; a word outside the schema is an error. */
export function readBoolean(name: InputName, raw: string, fallback: boolean, errors: InputError[]): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  errors.push(new InputError(name, value, ACCEPTED));
  return fallback;
}
