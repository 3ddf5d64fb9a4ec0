import type { InputName } from '../names.js';
import { type Annotation, readAnnotation, readLabel } from './annotations.js';
import { readBoolean } from './booleans.js';
import { InputError, InputErrors } from './errors.js';
import { parseList, splitKeyValue, type ListOptions } from './lists.js';
import { checkPlatform, normalizePlatforms } from './platforms.js';
import { namesOf } from './buildx-option.js';
import { attestationInput, attributesOption, cacheOption, outputOption } from './parse-buildx-options.js';
import { readCache } from './cache.js';
import { checkItemTemplates, readMetadata } from './metadata.js';
import { readFanOut } from './fan-out.js';
import { readSetup } from './setup.js';
import { checkBuildArgLeaks, type KnownSecret } from './leaks.js';
import { readLogins } from './login.js';
import { readSecrets } from './secrets.js';
import { readSign } from './sign.js';
import { readReportSwitches } from './report-env.js';
import type { Inputs, InputSource, Secret } from './types.js';
import { checkBuildxValues } from './validate.js';

export type { InputSource } from './types.js';

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

  // An annotation buildx would refuse is an input error; its stand-in never reaches a build.
  const annotation = (raw: string): Annotation => {
    const read = readAnnotation(raw);
    if (read.problem === undefined) return read.annotation;
    errors.push(new InputError('annotations', raw, read.problem));
    return { raw, key: raw, value: '', levels: [], platform: '' };
  };

  const buildArgs = lines('build-args');
  for (const item of buildArgs) {
    // A bare NAME is docker's pass-through of the step's environment variable; keep that
    // working, but a bare name with nothing to pass is a typo, not an empty value.
    if (!item.includes('=') && source.env[item] === undefined) {
      errors.push(new InputError('build-args', item, 'use NAME=value (or a bare NAME only when the environment variable NAME is set)'));
    }
  }

  const buildArgValues = Object.fromEntries(
    buildArgs.flatMap((item): [string, string][] => {
      const kv = splitKeyValue(item);
      if (kv !== undefined) return [kv];
      const passed = source.env[item];
      return passed === undefined ? [] : [[item, passed]];
    }),
  );

  const givenPlatforms = list('platforms');
  for (const platform of givenPlatforms) {
    const problem = checkPlatform(platform);
    if (problem !== undefined) errors.push(new InputError('platforms', platform, problem));
  }
  const platforms = normalizePlatforms(givenPlatforms);

  const secrets = readSecrets(source, errors, warnings);
  const logins = readLogins({ get: (name) => source.get(name), parseYaml: source.parseYaml }, errors);
  checkBuildArgLeaks(
    buildArgs,
    [...secretValues(secrets, source), ...logins.map((l) => ({ label: `the password for ${l.registry} (input ${l.input})`, value: l.password }))],
    source.env,
    errors,
    warnings,
  );

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

  const { metadata, literalTags } = readMetadata(source.get('images'), source.get('tags'), errors, source.env, source.get('flavor'));

  const report = readReportSwitches(source.env, source.get('record-upload'), errors, warnings);
  const inputs: Inputs = {
    addHosts,
    allow: list('allow'),
    annotations: lines('annotations').map(annotation),
    attests: lines('attests').map(attributesOption),
    buildArgs,
    buildArgValues,
    buildContexts: keyValues('build-contexts', lines('build-contexts'), 'use name=path-or-url, e.g. alpine=docker-image://alpine:3'),
    builder: text('builder'),
    cacheFrom: lines('cache-from').map(cacheOption),
    cacheTo: lines('cache-to').map(cacheOption),
    call,
    cgroupParent: text('cgroup-parent'),
    context: text('context'),
    file: text('file'),
    githubToken: text('github-token'),
    labels: lines('labels').map(readLabel),
    load: bool('load'),
    network: text('network'),
    noCache: bool('no-cache'),
    noCacheFilters: list('no-cache-filters'),
    outputs: list('outputs', { newlinesOnly: true, noQuotes: true }).map(outputOption),
    platforms,
    provenance: attestationInput(text('provenance'), 'provenance'),
    pull: bool('pull'),
    push: bool('push'),
    reproducible: bool('reproducible'),
    sbom: attestationInput(text('sbom'), 'sbom'),
    secrets,
    shmSize,
    ssh: list('ssh'),
    tags: literalTags,
    metadata,
    target: text('target'),
    ulimit: lines('ulimit'),
    setup: readSetup(source, errors),
    cache: readCache(source, errors),
    // Settled once: `summary: false` or DOCKER_BUILD_SUMMARY=false, for every summary Kiln writes.
    summary: bool('summary', true) && report.summary,
    logins,
    report,
    fanOut: { mode: 'off' },
    sign: readSign(source, errors),
  };
  inputs.fanOut = readFanOut(source.get('fan-out'), inputs, errors);
  if (metadata.images.length > 0) {
    checkItemTemplates(
      'labels',
      inputs.labels.map((l) => l.raw),
      errors,
    );
    checkItemTemplates(
      'annotations',
      inputs.annotations.map((a) => a.raw),
      errors,
    );
  }

  const buildx = checkBuildxValues(inputs, source);
  errors.push(...buildx.errors);
  warnings.push(...buildx.warnings);

  if (inputs.builder !== '' && inputs.setup.driver !== 'auto') {
    errors.push(
      new InputError(
        'driver',
        inputs.setup.driver,
        `\`builder\` (${inputs.builder}) names a builder to use as it is, while \`driver\` asks Kiln to create one: set only one of them`,
      ),
    );
  }

  if (inputs.push && inputs.tags.length === 0 && metadata.images.length === 0 && !inputs.outputs.some((o) => namesOf(o).length > 0)) {
    errors.push(new InputError('push', 'true', 'pushing needs somewhere to push: set `tags`, or an `outputs` entry with name=<image>'));
  }

  if (errors.length > 0) throw new InputErrors(errors);
  return { inputs, warnings };
}

/** The values of the build secrets, for the build-args leak check (never for a message). */
function secretValues(secrets: Secret[], source: InputSource): KnownSecret[] {
  return secrets.flatMap((s): KnownSecret[] => {
    const label = `secret "${s.id}" (input ${s.input})`;
    if (s.source.kind === 'inline') return [{ label, value: s.source.value }];
    if (s.source.kind === 'env') return [{ label, value: source.env[s.source.name] ?? '' }];
    // Read once with the masks (inputs/secrets.ts); a file over their size limit is not compared.
    const value = s.source.contents;
    return value === undefined ? [] : [{ label, value }];
  });
}
