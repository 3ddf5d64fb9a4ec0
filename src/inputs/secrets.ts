import { InputError } from './errors.js';
import { parseList, splitKeyValue } from './lists.js';
import type { Env, Secret } from './types.js';

type SecretInput = 'secrets' | 'secret-files' | 'secret-envs';

/** What reading secrets may look at (a part of read.ts's InputSource). */
export interface SecretSourceReader {
  get(name: SecretInput): string;
  /** The input exactly as the workflow gave it, untrimmed; `get` when absent. */
  raw?(name: SecretInput): string;
  env: Env;
  fileExists(path: string): boolean;
  /** A secret file's text for masking; undefined when unreadable or over MAX_MASKED_FILE bytes. */
  readFile?(path: string): string | undefined;
}

/** Secret files up to this size are masked line by line, as inline values are. */
export const MAX_MASKED_FILE = 1024 * 1024;

const skipped = (id: string, input: SecretInput, why: string) =>
  `Secret "${id}" (input "${input}") ${why}: skipped, the build runs without it (as build-push-action does).`;

/**
 * The three secret inputs. An empty entry (`id=`, or a variable that is set but empty, as GitHub
 * hands fork pull requests their secrets) is skipped with a warning, like build-push-action;
 * a secret file that does not exist and a variable that is not set at all are typos and fail.
 * Inline values stay byte-exact (a PEM key keeps its last newline): only the id is trimmed.
 */
export function readSecrets(source: SecretSourceReader, errors: InputError[], warnings: string[]): Secret[] {
  const secrets: Secret[] = [];
  const entries = (name: SecretInput, accepted: string) => {
    const inline = name === 'secrets';
    const text = inline ? (source.raw ?? source.get).call(source, name) : source.get(name);
    const items = parseList(text, { newlinesOnly: name !== 'secret-envs', keepWhitespace: inline });
    const pairs: [string, string][] = [];
    for (const item of items) {
      const kv = splitKeyValue(item);
      // An inline item is never echoed, not even in part: without '=' it may be the value
      // itself, and the runner masks a secret only as a whole.
      const shown = !inline ? item : kv ? `${kv[0]}=***` : '*** (hidden: it may be a secret)';
      if (kv === undefined || kv[0] === '') errors.push(new InputError(name, shown, accepted));
      else pairs.push(kv);
    }
    return pairs;
  };

  for (const [id, value] of entries('secrets', 'use id=value, one per line')) {
    if (value === '') warnings.push(skipped(id, 'secrets', 'is empty'));
    else secrets.push({ id, input: 'secrets', source: { kind: 'inline', value } });
  }
  for (const [id, given] of entries('secret-files', 'use id=path, one per line')) {
    const path = given.trim();
    if (path === '') {
      warnings.push(skipped(id, 'secret-files', 'names no file'));
    } else if (!source.fileExists(path)) {
      errors.push(new InputError('secret-files', `${id}=${given}`, `the file "${path}" does not exist; give the path of an existing file`));
    } else {
      const contents = source.readFile?.(path);
      if (source.readFile && contents === undefined) {
        warnings.push(`Secret "${id}" (input "secret-files"): ${path} is over 1 MiB or unreadable here, so its contents are not masked in the log.`);
      }
      secrets.push({ id, input: 'secret-files', source: { kind: 'file', path, ...(contents !== undefined && { contents }) } });
    }
  }
  for (const [id, given] of entries('secret-envs', 'use id=ENV_VAR_NAME')) {
    const name = given.trim();
    if (name === '') {
      warnings.push(skipped(id, 'secret-envs', 'names no variable'));
    } else if (source.env[name] === undefined) {
      errors.push(new InputError('secret-envs', `${id}=${given}`, `the environment variable "${name}" is not set; set it in the step's env:`));
    } else if (source.env[name] === '') {
      warnings.push(skipped(id, 'secret-envs', `reads ${name}, which is set but empty (fork pull requests get empty secrets)`));
    } else {
      secrets.push({ id, input: 'secret-envs', source: { kind: 'env', name } });
    }
  }
  return secrets;
}
