import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { InputError, InputErrors } from '../../src/inputs/errors.js';
import { readInputs } from '../../src/inputs/read.js';
import { attributesOption } from '../../src/inputs/parse-buildx-options.js';
import { parseAppend } from '../../src/inputs/setup.js';
import type { AppendNode, SetupInputs } from '../../src/inputs/types.js';
import { type InputName, SETUP_INPUTS } from '../../src/names.js';
import { inputSource, makeSetup, platformsOf, thrown } from './support.js';

type Values = Partial<Record<InputName, string>>;
const opts = (...entries: string[]) => entries.map(attributesOption);

function setupOf(values: Values, files: string[] = []): SetupInputs {
  return readInputs(inputSource(values, {}, files)).inputs.setup;
}

function errorsOf(values: Values, files: string[] = []): InputError[] {
  return thrown(InputErrors, () => readInputs(inputSource(values, {}, files))).errors;
}

describe('readInputs: the builder and QEMU inputs', () => {
  it('an empty with: block gives makeSetup()', () => {
    expect(setupOf({})).toEqual(makeSetup());
  });

  it('action.yml’s defaults give makeSetup() too', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string }> };
    const defaults: Values = {};
    for (const name of SETUP_INPUTS) {
      const value = action.inputs[name]?.default;
      if (value !== undefined) defaults[name] = value;
    }
    expect(defaults).toEqual({ driver: 'auto', 'keep-state': 'false', cleanup: 'true', qemu: 'auto', 'qemu-image': 'docker.io/tonistiigi/binfmt:latest' });
    expect(setupOf(defaults)).toEqual(makeSetup());
  });

  it('reads every input into its field', () => {
    const append = '- endpoint: tcp://arm64-builder:1234\n  platforms: linux/arm64\n';
    const setup = setupOf(
      {
        driver: ' remote ',
        'driver-opts': 'cacert=/certs/ca.pem\ncert=/certs/cert.pem,key=/certs/key.pem',
        'buildkitd-flags': ' --debug ',
        'buildkitd-config': '/cfg/buildkitd.toml',
        endpoint: 'tcp://buildkitd.example:1234',
        append,
        'keep-state': 'TRUE',
        cleanup: 'False',
        qemu: 'false',
        'qemu-image': 'ghcr.io/o/binfmt:9',
        'qemu-platforms': 'linux/arm64, linux/riscv64\nlinux/arm/v7',
      },
      ['/certs/ca.pem', '/certs/cert.pem', '/certs/key.pem', '/cfg/buildkitd.toml'],
    );
    const expected: SetupInputs = {
      driver: 'remote',
      driverOpts: opts('cacert=/certs/ca.pem', 'cert=/certs/cert.pem,key=/certs/key.pem'),
      buildkitdFlags: '--debug',
      buildkitdConfig: '/cfg/buildkitd.toml',
      buildkitdConfigInline: '',
      endpoint: 'tcp://buildkitd.example:1234',
      append: [{ name: undefined, endpoint: 'tcp://arm64-builder:1234', platforms: platformsOf('linux/arm64'), driverOpts: [], buildkitdFlags: undefined }],
      keepState: true,
      cleanup: false,
      qemu: 'false',
      qemuImage: 'ghcr.io/o/binfmt:9',
      qemuPlatforms: platformsOf('linux/arm64', 'linux/riscv64', 'linux/arm/v7'),
    };
    expect(setup).toEqual(expected);
  });

  it('keeps buildkitd-config-inline as written', () => {
    const toml = '[worker.oci]\n  max-parallelism = 4\n';
    expect(setupOf({ 'buildkitd-config-inline': toml }).buildkitdConfigInline).toBe(toml);
  });

  it.each<[string, 'auto' | 'true' | 'false']>([
    ['', 'auto'],
    ['auto', 'auto'],
    ['true', 'true'],
    ['True', 'true'],
    ['TRUE', 'true'],
    [' true ', 'true'],
    ['false', 'false'],
    ['False', 'false'],
    ['FALSE', 'false'],
  ])('qemu %j reads as %j', (word, qemu) => {
    expect(setupOf({ qemu }).qemu).toBe(qemu);
    expect(setupOf({ qemu: word }).qemu).toBe(qemu);
  });

  it.each(['docker', 'docker-container', 'remote', 'kubernetes', 'auto'] as const)('driver %s is accepted', (driver) => {
    const endpoint = driver === 'remote' ? 'tcp://buildkitd:1234' : '';
    expect(setupOf({ driver, endpoint }).driver).toBe(driver);
  });

  it.each(['tcp://10.0.0.5:1234', 'unix:///run/buildkit/buildkitd.sock', 'ssh://ci@buildkit-host', 'docker-container://buildkitd', 'kube-pod://buildkitd-0'])(
    'remote endpoint %s is accepted',
    (endpoint) => {
      expect(setupOf({ driver: 'remote', endpoint }).endpoint).toBe(endpoint);
    },
  );

  it.each<[string, Values, string[], InputName, string[]]>([
    ['a driver word buildx does not know', { driver: 'podman' }, [], 'driver', ['"podman"', 'auto', 'docker-container', 'remote', 'kubernetes']],
    ['a driver in the wrong case', { driver: 'Docker' }, [], 'driver', ['"Docker"', 'docker-container']],
    ['a qemu word', { qemu: 'yes' }, [], 'qemu', ['"yes"', 'auto', 'true', 'false']],
    ['qemu Auto', { qemu: 'Auto' }, [], 'qemu', ['"Auto"', 'auto']],
    ['keep-state not a boolean', { 'keep-state': 'yes' }, [], 'keep-state', ['"yes"', 'true or false']],
    ['cleanup not a boolean', { cleanup: '0' }, [], 'cleanup', ['"0"', 'true or false']],
    ['remote without an endpoint', { driver: 'remote' }, [], 'endpoint', ['remote driver', 'tcp://']],
    ['remote with an http endpoint', { driver: 'remote', endpoint: 'http://x' }, [], 'endpoint', ['"http://x"', 'tcp://host:port', 'unix://']],
    ['remote with a bare host:port', { driver: 'remote', endpoint: 'buildkitd:1234' }, [], 'endpoint', ['"buildkitd:1234"', 'tcp://host:port']],
    ['a qemu platform with a typo', { 'qemu-platforms': 'linux/arm64,linux/amd46' }, [], 'qemu-platforms', ['"linux/amd46"', 'unknown architecture']],
    ['a qemu platform without its OS', { 'qemu-platforms': 'arm64' }, [], 'qemu-platforms', ['"arm64"', 'os/arch']],
    ['a qemu platform with a bad variant', { 'qemu-platforms': 'linux/arm/v9' }, [], 'qemu-platforms', ['"linux/arm/v9"', 'v7']],
    [
      'a missing buildkitd-config file',
      { 'buildkitd-config': '/cfg/missing.toml' },
      [],
      'buildkitd-config',
      ['"/cfg/missing.toml"', 'does not exist', 'buildkitd-config-inline'],
    ],
    [
      'both buildkitd-config and -inline',
      { 'buildkitd-config': '/cfg/buildkitd.toml', 'buildkitd-config-inline': 'debug = true\n' },
      ['/cfg/buildkitd.toml'],
      'buildkitd-config-inline',
      ['not both'],
    ],
    [
      'a missing TLS file in driver-opts',
      { 'driver-opts': 'cacert=/missing.pem' },
      [],
      'driver-opts',
      ['"cacert=/missing.pem"', '/missing.pem does not exist', 'PEM'],
    ],
    [
      'a missing key next to a present cert',
      { 'driver-opts': 'cert=/certs/cert.pem,key=/certs/key.pem' },
      ['/certs/cert.pem'],
      'driver-opts',
      ['key file /certs/key.pem does not exist'],
    ],
    ['builder with an explicit driver', { builder: 'mine', driver: 'docker-container' }, [], 'driver', ['"docker-container"', '`builder` (mine)', 'only one']],
  ])('%s is an InputError naming the input', (_, values, files, input, words) => {
    const errors = errorsOf(values, files);
    expect(errors.map((e) => e.input)).toEqual([input]);
    const [error] = errors;
    expect(error).toBeInstanceOf(InputError);
    for (const word of words) expect(error?.message).toContain(word);
  });

  it('builder with the default driver (auto) is fine', () => {
    const { inputs } = readInputs(inputSource({ builder: 'mine', driver: 'auto' }));
    expect([inputs.builder, inputs.setup.driver]).toEqual(['mine', 'auto']);
  });

  it('collects every setup mistake at once', () => {
    const errors = errorsOf({
      driver: 'remote',
      qemu: 'maybe',
      'keep-state': 'no',
      cleanup: 'nope',
      'qemu-platforms': 'linux/amd46',
      'driver-opts': 'key=/k.pem',
    });
    expect(errors.map((e) => e.input).sort()).toEqual(['cleanup', 'driver-opts', 'endpoint', 'keep-state', 'qemu', 'qemu-platforms']);
  });
});

/** What parseAppend throws for `raw`, with the given existing files. */
function appendError(raw: string, files: string[] = []): InputError {
  return thrown(InputError, () => parseAppend(raw, parse, (p) => files.includes(p)));
}

const CERTS = ['/certs/ca.pem', '/certs/cert.pem', '/certs/key.pem'];
const ACCEPTED = 'use a YAML list of nodes with endpoint (required), name, platforms, driver-opts, buildkitd-flags';

describe('parseAppend', () => {
  it('a full list: names, endpoints, platforms and driver-opts in both forms, flags', () => {
    const raw = `
- name: arm64-native
  endpoint: tcp://arm64-builder:1234
  platforms: linux/arm64,linux/arm/v7
  driver-opts:
    - cacert=/certs/ca.pem
    - cert=/certs/cert.pem
    - key=/certs/key.pem
  buildkitd-flags: --allow-insecure-entitlement security.insecure
- endpoint: ssh://ci@riscv-box
  platforms:
    - linux/riscv64
    - linux/s390x
  driver-opts: |
    image=moby/buildkit:v0.25.1
    network=host
- endpoint: unix:///run/buildkit/buildkitd.sock
  platforms: [linux/ppc64le]
`;
    const expected: AppendNode[] = [
      {
        name: 'arm64-native',
        endpoint: 'tcp://arm64-builder:1234',
        platforms: platformsOf('linux/arm64', 'linux/arm/v7'),
        driverOpts: opts('cacert=/certs/ca.pem', 'cert=/certs/cert.pem', 'key=/certs/key.pem'),
        buildkitdFlags: '--allow-insecure-entitlement security.insecure',
      },
      {
        name: undefined,
        endpoint: 'ssh://ci@riscv-box',
        platforms: platformsOf('linux/riscv64', 'linux/s390x'),
        driverOpts: opts('image=moby/buildkit:v0.25.1', 'network=host'),
        buildkitdFlags: undefined,
      },
      { name: undefined, endpoint: 'unix:///run/buildkit/buildkitd.sock', platforms: platformsOf('linux/ppc64le'), driverOpts: [], buildkitdFlags: undefined },
    ];
    expect(parseAppend(raw, parse, (p) => CERTS.includes(p))).toEqual(expected);
  });

  it('platforms as a string with spaces; one driver-opt line keeps its commas', () => {
    const raw = '- endpoint: tcp://a:1234\n  platforms: "linux/arm64, linux/arm/v7"\n  driver-opts: "cacert=/certs/ca.pem,cert=/certs/cert.pem"\n';
    const expected: AppendNode[] = [
      {
        name: undefined,
        endpoint: 'tcp://a:1234',
        platforms: platformsOf('linux/arm64', 'linux/arm/v7'),
        driverOpts: opts('cacert=/certs/ca.pem,cert=/certs/cert.pem'),
        buildkitdFlags: undefined,
      },
    ];
    expect(parseAppend(raw, parse, (p) => CERTS.includes(p))).toEqual(expected);
  });

  it.each(['', '  \n', '[]'])('%j is no nodes', (raw) => {
    expect(parseAppend(raw, parse, () => false)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['invalid YAML', '- endpoint: tcp://a:1234\n  platforms: [linux/arm64\n', ['not valid YAML', 'use a list of nodes', 'platforms: linux/arm64']],
    ['a mapping instead of a list', 'endpoint: tcp://a:1234\nplatforms: linux/arm64\n', [ACCEPTED]],
    ['a bare string', 'tcp://a:1234', [ACCEPTED]],
    ['an unknown key (typo)', '- endpoint: tcp://a:1234\n  platform: linux/arm64\n', ['node 1', 'unknown key platform', ACCEPTED]],
    ['a missing endpoint', '- name: arm\n  platforms: linux/arm64\n', ['node 1', 'every node needs an endpoint', ACCEPTED]],
    ['an empty endpoint', '- endpoint: ""\n', ['every node needs an endpoint']],
    ['a missing endpoint on the second node', '- endpoint: tcp://a:1234\n- name: b\n', ['node 2', 'every node needs an endpoint']],
    [
      'a bad platform',
      '- endpoint: tcp://a:1234\n  platforms: linux/arm64,linux/arm65\n',
      ['node 1 platform linux/arm65', 'unknown architecture "arm65"', 'os/arch'],
    ],
    ['a bad platform in list form', '- endpoint: tcp://a:1234\n  platforms: [arm64]\n', ['node 1 platform arm64', 'os/arch']],
    [
      'a missing TLS file',
      '- endpoint: tcp://a:1234\n  driver-opts:\n    - cacert=/certs/ca.pem\n    - key=/missing/key.pem\n',
      ['key=/missing/key.pem', 'the key file /missing/key.pem does not exist', 'PEM file'],
    ],
    [
      'several mistakes, all in one error',
      '- platform: linux/arm64\n- endpoint: tcp://b:1234\n  platforms: linux/arm65\n',
      ['unknown key platform', 'every node needs an endpoint', 'unknown architecture "arm65"'],
    ],
  ])('%s is an InputError on append saying what is accepted', (_, raw, words) => {
    const error = appendError(raw, CERTS);
    expect(error.input).toBe('append');
    for (const word of words) expect(error.message).toContain(word);
  });
});
