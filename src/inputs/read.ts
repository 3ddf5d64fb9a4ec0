import type { InputName } from '../names.js';
import { readBoolean } from './booleans.js';
import { InputError, InputErrors } from './errors.js';
import { parseList, splitKeyValue, type ListOptions } from './lists.js';
import { checkPlatform } from './platforms.js';
import { outputsName } from './outputs.js';
import { readCache } from './cache.js';
import { readFanOut } from './fan-out.js';
import { readSetup } from './setup.js';
import type { Inputs, Secret } from './types.js';

/** What reading inputs may look at: the raw values, the environment, the file system. */
export interface InputSource {
  get(name: InputName): string;
  env: Readonly<Record<string, string | undefined>>;
  fileExists(path: string): boolean;
}

export interface ReadResult {
  inputs: Inputs;
  /** Accepted but worth a word in the log. */
  warnings: string[];
}

// `--call` methods buildx knows; options may follow after a comma (`check,format=json`).
const CALL_METHODS = ['build', 'check', 'outline', 'targets', 'subrequests.describe'];

/**
 * Parses and validates every input in one pass, collecting all mistakes so the step fails once,
 * before anything runs, with a message per bad input.
 */
export function readInputs(source: InputSource): ReadResult {
  const errors: InputError[] = [];
  const warnings: string[] = [];
  const text = (name: InputName): string => source.get(name).trim();
  const list = (name: InputName, options?: ListOptions): string[] => parseList(source.get(name), options);
  const lines = (name: InputName): string[] => list(name, { newlinesOnly: true });

  const bool = (name: InputName, fallback = false): boolean => readBoolean(name, source.get(name), fallback, errors);

  // Items that buildx reads as KEY=VALUE: one without '=' would be silently misread.
  const keyValues = (name: InputName, items: string[], accepted: string): string[] => {
    for (const item of items) {
      const kv = splitKeyValue(item);
      if (kv === undefined || kv[0] === '') errors.push(new InputError(name, item, accepted));
    }
    return items;
  };

  const buildArgs = lines('build-args');
  for (const item of buildArgs) {
    // A bare NAME is docker's pass-through of the step's environment variable; keep that
    // working, but a bare name with nothing to pass is a typo, not an empty value.
    if (!item.includes('=') && source.env[item] === undefined) {
      errors.push(new InputError('build-args', item, 'use NAME=value (or a bare NAME only when the environment variable NAME is set)'));
    }
  }

  const platforms = list('platforms');
  for (const platform of platforms) {
    const problem = checkPlatform(platform);
    if (problem !== undefined) errors.push(new InputError('platforms', platform, problem));
  }

  const secrets = readSecrets(source, errors, warnings);

  const call = text('call');
  const method = call.split(',')[0]?.trim() ?? '';
  if (call !== '' && !CALL_METHODS.includes(method)) {
    errors.push(new InputError('call', call, `use one of ${CALL_METHODS.join(', ')}`));
  }

  const shmSize = text('shm-size');
  // As buildx reads it (go-units RAMInBytes): a number, optional space, unit k/m/g/t/p, then b or ib.
  if (shmSize !== '' && !/^\d+(\.\d+)? ?([kmgtp](ib|b)?|b)?$/i.test(shmSize)) {
    errors.push(new InputError('shm-size', shmSize, 'use a size such as 64m, 2g or 1073741824'));
  }

  const addHosts = list('add-hosts');
  for (const host of addHosts) {
    if (!/^[^:=\s]+[:=]\S+$/.test(host)) errors.push(new InputError('add-hosts', host, 'use host:ip or host=ip'));
  }

  const inputs: Inputs = {
    addHosts,
    allow: list('allow'),
    annotations: keyValues('annotations', lines('annotations'), 'use key=value (optionally prefixed, e.g. index:key=value)'),
    attests: lines('attests'),
    buildArgs,
    buildContexts: keyValues('build-contexts', lines('build-contexts'), 'use name=path-or-url, e.g. alpine=docker-image://alpine:3'),
    builder: text('builder'),
    cacheFrom: lines('cache-from'),
    cacheTo: lines('cache-to'),
    call,
    cgroupParent: text('cgroup-parent'),
    context: text('context'),
    file: text('file'),
    githubToken: text('github-token'),
    labels: keyValues('labels', lines('labels'), 'use key=value (key= for an empty label)'),
    load: bool('load'),
    network: text('network'),
    noCache: bool('no-cache'),
    noCacheFilters: list('no-cache-filters'),
    outputs: list('outputs', { newlinesOnly: true, noQuotes: true }),
    platforms,
    provenance: text('provenance'),
    pull: bool('pull'),
    push: bool('push'),
    sbom: text('sbom'),
    secrets,
    shmSize,
    ssh: list('ssh'),
    tags: list('tags'),
    target: text('target'),
    ulimit: keyValues('ulimit', lines('ulimit'), 'use name=soft[:hard], e.g. nofile=1024:1024'),
    setup: readSetup(source, errors),
    cache: readCache(source, errors),
    summary: bool('summary', true),
    fanOut: { mode: 'off' },
  };
  inputs.fanOut = readFanOut(source.get('fan-out'), inputs, errors);

  if (inputs.builder !== '' && inputs.setup.driver !== 'auto') {
    errors.push(
      new InputError('driver', inputs.setup.driver, `\`builder\` (${inputs.builder}) names a builder to use as it is, while \`driver\` asks Kiln to create one: set only one of them`),
    );
  }

  if (inputs.push && inputs.tags.length === 0 && !inputs.outputs.some((o) => outputsName(o) !== undefined)) {
    errors.push(
      new InputError('push', 'true', 'pushing needs somewhere to push: set `tags`, or an `outputs` entry with name=<image>'),
    );
  }

  if (errors.length > 0) throw new InputErrors(errors);
  return { inputs, warnings };
}

function readSecrets(source: InputSource, errors: InputError[], warnings: string[]): Secret[] {
  const secrets: Secret[] = [];
  const entries = (name: 'secrets' | 'secret-files' | 'secret-envs', accepted: string) => {
    const items = parseList(source.get(name), { newlinesOnly: name !== 'secret-envs' });
    const pairs: [string, string][] = [];
    for (const item of items) {
      const kv = splitKeyValue(item);
      // An inline item is never echoed, not even in part: without '=' it may be the value
      // itself, and the runner masks a secret only as a whole.
      const shown = name !== 'secrets' ? item : kv ? `${kv[0]}=***` : '*** (hidden: it may be a secret)';
      if (kv === undefined || kv[0] === '') errors.push(new InputError(name, shown, accepted));
      else pairs.push(kv);
    }
    return pairs;
  };

  for (const [id, value] of entries('secrets', 'use id=value, one per line')) {
    if (value === '') warnings.push(`Secret "${id}" (input "secrets") is empty; the build will see an empty file.`);
    secrets.push({ id, input: 'secrets', source: { kind: 'inline', value } });
  }
  for (const [id, path] of entries('secret-files', 'use id=path, one per line')) {
    if (path.trim() === '' || !source.fileExists(path.trim())) {
      errors.push(new InputError('secret-files', `${id}=${path}`, `the file "${path}" does not exist; give the path of an existing file`));
    } else {
      secrets.push({ id, input: 'secret-files', source: { kind: 'file', path: path.trim() } });
    }
  }
  for (const [id, name] of entries('secret-envs', 'use id=ENV_VAR_NAME')) {
    if (source.env[name.trim()] === undefined) {
      errors.push(
        new InputError('secret-envs', `${id}=${name}`, `the environment variable "${name}" is not set; set it in the step's env:`),
      );
    } else {
      secrets.push({ id, input: 'secret-envs', source: { kind: 'env', name: name.trim() } });
    }
  }
  return secrets;
}
