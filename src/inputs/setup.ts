import type { InputName } from '../names.js';
import { FALSE_WORDS, readBoolean, TRUE_WORDS } from './booleans.js';
import { InputError } from './errors.js';
import type { BuildxOption } from './buildx-option.js';
import { parseList } from './lists.js';
import { attributesOption } from './parse-buildx-options.js';
import { checkPlatform, normalizePlatforms } from './platforms.js';
import type { AppendNode, Driver, InputSource, SetupInputs } from './types.js';

const DRIVERS: readonly Driver[] = ['docker', 'docker-container', 'remote', 'kubernetes'];
export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:latest';
/** driver-opts whose value is a file the builder reads (the remote driver's client TLS). */
const FILE_OPTS = ['cacert', 'cert', 'key'];

/** Reads the builder and QEMU inputs into `SetupInputs`, adding every mistake to `errors`. */
export function readSetup(source: InputSource, errors: InputError[]): SetupInputs {
  const text = (name: InputName): string => source.get(name).trim();
  const bool = (name: InputName, fallback: boolean): boolean => readBoolean(name, source.get(name), fallback, errors);

  const driver = text('driver') || 'auto';
  if (driver !== 'auto' && !DRIVERS.includes(driver as Driver)) {
    errors.push(new InputError('driver', driver, `use auto (the default), ${DRIVERS.join(', ')}`));
  }

  const qemuWord = text('qemu') || 'auto';
  const qemu = TRUE_WORDS.includes(qemuWord) ? 'true' : FALSE_WORDS.includes(qemuWord) ? 'false' : qemuWord === 'auto' ? 'auto' : undefined;
  if (qemu === undefined)
    errors.push(new InputError('qemu', qemuWord, 'use auto (install only missing emulators), true (always run qemu-image) or false (never)'));

  const qemuPlatforms = parseList(source.get('qemu-platforms'));
  for (const platform of qemuPlatforms) {
    const problem = checkPlatform(platform);
    if (problem !== undefined) errors.push(new InputError('qemu-platforms', platform, problem));
  }

  const driverOpts = parseList(source.get('driver-opts'), { newlinesOnly: true }).map(attributesOption);
  checkFileOpts('driver-opts', driverOpts, source, errors);

  const buildkitdConfig = text('buildkitd-config');
  if (buildkitdConfig !== '' && !source.fileExists(buildkitdConfig)) {
    errors.push(
      new InputError('buildkitd-config', buildkitdConfig, 'the file does not exist; give the path of a buildkitd.toml, or use buildkitd-config-inline'),
    );
  }
  const buildkitdConfigInline = source.get('buildkitd-config-inline');
  if (buildkitdConfig !== '' && buildkitdConfigInline.trim() !== '') {
    errors.push(new InputError('buildkitd-config-inline', '(inline TOML)', 'set buildkitd-config or buildkitd-config-inline, not both'));
  }

  const endpoint = text('endpoint');
  if (driver === 'remote' && endpoint === '') {
    errors.push(
      new InputError(
        'endpoint',
        endpoint,
        'the remote driver needs the BuildKit daemon’s address, e.g. tcp://buildkitd.example:1234 or unix:///run/buildkit/buildkitd.sock',
      ),
    );
  } else if (endpoint !== '' && driver === 'remote' && !/^(tcp|unix|ssh|docker-container|kube-pod|npipe):\/\//.test(endpoint)) {
    errors.push(new InputError('endpoint', endpoint, 'use tcp://host:port, unix:///path/to/buildkitd.sock or ssh://user@host'));
  }

  return {
    driver: driver as SetupInputs['driver'],
    driverOpts,
    buildkitdFlags: text('buildkitd-flags'),
    buildkitdConfig,
    buildkitdConfigInline,
    endpoint,
    append: readAppend(source, errors),
    keepState: bool('keep-state', false),
    cleanup: bool('cleanup', true),
    qemu: qemu ?? 'auto',
    qemuImage: text('qemu-image') || DEFAULT_QEMU_IMAGE,
    qemuPlatforms: normalizePlatforms(qemuPlatforms),
  };
}

/** The remote driver's TLS files must exist before a builder is created around them. */
function checkFileOpts(input: InputName, opts: BuildxOption[], source: Pick<InputSource, 'fileExists'>, errors: InputError[]): void {
  for (const opt of opts) {
    for (const [key, value] of Object.entries(opt.attrs)) {
      if (FILE_OPTS.includes(key) && value !== '' && !source.fileExists(value)) {
        errors.push(new InputError(input, opt.raw, `the ${key} file ${value} does not exist; give the path of a PEM file`));
      }
    }
  }
}

/** `append`'s nodes, with their mistakes among the other inputs'. */
function readAppend(source: Pick<InputSource, 'get' | 'fileExists' | 'parseYaml'>, errors: InputError[]): AppendNode[] {
  const raw = source.get('append');
  if (raw.trim() === '') return [];
  if (!source.parseYaml) throw new Error('append is set but no YAML parser was given');
  try {
    return parseAppend(raw, source.parseYaml, source.fileExists);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors.push(error);
    return [];
  }
}

const APPEND_KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags'];

/**
 * `append`: a YAML list of nodes as setup-buildx-action takes it. The YAML parser is passed in so
 * it loads only for the steps that use `append`.
 */
export function parseAppend(raw: string, parseYaml: (text: string) => unknown, fileExists: (path: string) => boolean): AppendNode[] {
  if (raw.trim() === '') return [];
  let doc: unknown;
  try {
    doc = parseYaml(raw);
  } catch (error) {
    throw new InputError(
      'append',
      raw.trim(),
      `not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); use a list of nodes, e.g. "- endpoint: tcp://arm64-builder:1234\\n  platforms: linux/arm64"`,
    );
  }
  const example = 'use a YAML list of nodes with endpoint (required), name, platforms, driver-opts, buildkitd-flags';
  if (!Array.isArray(doc)) throw new InputError('append', raw.trim(), example);
  const errors: InputError[] = [];
  const nodes = doc.map((item: unknown, index): AppendNode => {
    const node = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const where = `node ${index + 1}`;
    const unknown = Object.keys(node).filter((k) => !APPEND_KEYS.includes(k));
    if (typeof item !== 'object' || item === null || unknown.length > 0) {
      errors.push(new InputError('append', `${where}: ${JSON.stringify(item)}`, unknown.length ? `unknown key ${unknown.join(', ')}; ${example}` : example));
    }
    const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
    const list = (value: unknown): string[] =>
      Array.isArray(value) ? value.map(text) : typeof value === 'string' ? parseList(value) : value === undefined ? [] : [text(value)];
    const endpoint = typeof node.endpoint === 'string' ? node.endpoint : undefined;
    if (!endpoint) errors.push(new InputError('append', `${where}: ${JSON.stringify(item)}`, `every node needs an endpoint; ${example}`));
    const platforms = list(node.platforms);
    for (const platform of platforms) {
      const problem = checkPlatform(platform);
      if (problem !== undefined) errors.push(new InputError('append', `${where} platform ${platform}`, problem));
    }
    const opts = node['driver-opts'];
    const driverOpts = Array.isArray(opts) ? list(opts) : typeof opts === 'string' ? parseList(opts, { newlinesOnly: true }) : list(opts);
    checkFileOpts('append', driverOpts.map(attributesOption), { fileExists }, errors);
    return {
      name: typeof node.name === 'string' ? node.name : undefined,
      endpoint,
      platforms: normalizePlatforms(platforms),
      driverOpts: driverOpts.map(attributesOption),
      buildkitdFlags: typeof node['buildkitd-flags'] === 'string' ? node['buildkitd-flags'] : undefined,
    };
  });
  if (errors.length === 1 && errors[0]) throw errors[0];
  if (errors.length > 1) throw new InputError('append', raw.trim(), errors.map((e) => e.message).join('; '));
  return nodes;
}
