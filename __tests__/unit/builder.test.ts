import { describe, expect, it } from '@jest/globals';
import type { AppendNode, Driver, SetupInputs } from '../../src/inputs/types.js';
import {
  builderName,
  type BuilderDecision,
  createCommands,
  decideBuilder,
  defaultLoadOpt,
  type Demand,
  demands,
  type EngineFacts,
  loopbackRegistries,
  mayNeedHostNetwork,
  registryRefs,
  type ShapingInput,
} from '../../src/plan/builder.js';
import { baseImages } from '../../src/plan/dockerfile-stages.js';
import { parseDockerfile } from '../../src/inputs/dockerfile.js';
import { platformOfMachine } from '../../src/setup/engine-facts.js';
import { attributesOption } from '../../src/inputs/parse-buildx-options.js';
import {
  bareRef,
  barePath,
  type InputOverrides,
  makeCache,
  makeInputs,
  makeSetup,
  platformOf,
  platformsOf,
  type SetupOverrides,
  TAR_TO_STDOUT,
} from './support.js';

const NAME = 'kiln-42-build-run';
const opts = (...entries: string[]) => entries.map(attributesOption);

/** An engine on amd64 whose current builder is its own BuildKit (the usual hosted runner). */
function facts(overrides: Partial<EngineFacts> = {}): EngineFacts {
  return {
    platform: platformOf('linux/amd64'),
    containerdStore: false,
    engineVersion: '28.5.2',
    current: { name: 'default', driver: 'docker', platforms: ['linux/amd64', 'linux/386'] },
    ...overrides,
  };
}

const containerd = facts({ containerdStore: true });
const containerBuilder = facts({ current: { name: 'ci-builder', driver: 'docker-container', platforms: ['linux/amd64', 'linux/arm64'] } });

function decide(overrides: InputOverrides, engine: EngineFacts = facts()): BuilderDecision {
  return decideBuilder(makeInputs(overrides), engine, () => NAME);
}

describe('decideBuilder: explicit choices', () => {
  it('`builder` is used as it is, whatever the engine', () => {
    for (const engine of [facts(), containerd, containerBuilder]) {
      const d = decide({ builder: 'my-builder', platforms: ['linux/amd64', 'linux/arm64'], cacheTo: ['type=gha'] }, engine);
      expect(d).toMatchObject({ action: 'use', name: 'my-builder', driver: 'as configured', because: 'builder-input' });
    }
  });

  it.each<[string, EngineFacts, string]>([
    ['current is the default builder', facts(), 'default'],
    ['current is a docker-driver builder of another context', facts({ current: { name: 'desktop-linux', driver: 'docker', platforms: [] } }), 'desktop-linux'],
    ['current is a docker-container builder: the engine’s own is "default"', containerBuilder, 'default'],
  ])('driver docker uses the engine’s BuildKit (%s)', (_, engine, name) => {
    const d = decide({ setup: makeSetup({ driver: 'docker' }), platforms: ['linux/amd64', 'linux/arm64'] }, engine);
    expect(d).toMatchObject({ action: 'use', name, driver: 'docker', because: 'driver-input' });
  });

  it.each<Driver>(['docker-container', 'remote', 'kubernetes'])(
    'driver %s creates a builder with the given name, even when the current one would do',
    (driver) => {
      for (const engine of [facts(), containerd, containerBuilder]) {
        const d = decide({ setup: makeSetup({ driver }) }, engine);
        expect(d).toMatchObject({ action: 'create', name: NAME, driver, because: 'driver-input' });
      }
    },
  );
});

describe('decideBuilder: driver auto', () => {
  it('reuses a current builder that is not the docker driver, whatever the build asks', () => {
    const d = decide({ platforms: ['linux/amd64', 'linux/arm64'], cacheTo: ['type=gha,mode=max'], outputs: ['type=oci,dest=/tmp/x.tar'] }, containerBuilder);
    expect(d).toMatchObject({ action: 'use', name: 'ci-builder', driver: 'docker-container', because: 'current-builder' });
  });

  it('reuses the docker driver with the containerd store, even for several platforms and cache export', () => {
    const d = decide({ platforms: ['linux/amd64', 'linux/arm64'], cacheTo: ['type=registry,ref=r/app:cache'], outputs: ['type=oci,dest=x.tar'] }, containerd);
    expect(d).toMatchObject({
      action: 'use',
      name: 'default',
      driver: 'docker',
      because: 'containerd-store',
      demands: ['several-platforms', 'cache-export', 'archive-output'],
    });
  });

  it('reuses the docker driver with the containerd store for a plain build', () => {
    const d = decide({}, containerd);
    expect(d).toMatchObject({ action: 'use', name: 'default', driver: 'docker', because: 'containerd-store', demands: [] });
  });

  it.each<[string, InputOverrides]>([
    ['nothing asked', {}],
    ['one platform', { platforms: ['linux/amd64'] }],
    ['a single emulated platform', { platforms: ['linux/arm64'] }],
    ['inline cache only', { cacheTo: ['type=inline'] }],
    ['cache-from only', { cacheFrom: ['type=gha', bareRef('user/app:cache')] }],
    ['push and load', { push: true, load: true, tags: ['r/app:1'] }],
    ['image, local and tar outputs', { outputs: ['type=image,name=r/app,push=true', 'type=local,dest=out', 'type=tar,dest=out.tar', barePath('./dir')] }],
    ['docker output without dest (load)', { outputs: ['type=docker'] }],
  ])('classic store reuses the docker driver: %s', (_, overrides) => {
    const d = decide(overrides);
    expect(d).toMatchObject({ action: 'use', name: 'default', driver: 'docker', because: 'classic-store-can' });
  });

  it.each<[string, InputOverrides, Demand[]]>([
    ['several platforms', { platforms: ['linux/amd64', 'linux/arm64'] }, ['several-platforms']],
    ['cache-to type=registry', { cacheTo: ['type=registry,ref=r/app:cache,mode=max'] }, ['cache-export']],
    ['cache-to type=gha', { cacheTo: ['type=gha,mode=max'] }, ['cache-export']],
    ['cache-to type=local', { cacheTo: ['type=local,dest=/tmp/cache'] }, ['cache-export']],
    ['cache-to as a bare ref (registry)', { cacheTo: [bareRef('user/app:cache')] }, ['cache-export']],
    ['cache-to inline and registry', { cacheTo: ['type=inline', bareRef('user/app:cache')] }, ['cache-export']],
    ['output type=oci', { outputs: ['type=oci,dest=/tmp/image.tar'] }, ['archive-output']],
    ['output type=docker with dest', { outputs: ['type=docker,dest=x.tar'] }, ['archive-output']],
  ])('classic store creates a docker-container builder for %s', (_, overrides, asked) => {
    const d = decide(overrides);
    expect(d).toMatchObject({ action: 'create', name: NAME, driver: 'docker-container', because: 'classic-store-cannot', demands: asked });
  });

  // The one test of the words: users read them in the log (`Builder: … because …`).
  it('classic store, all three demands: the reason names each in words', () => {
    const d = decide({ platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], cacheTo: ['type=gha'], outputs: ['type=oci,dest=o.tar'] });
    expect(d).toEqual({
      action: 'create',
      name: NAME,
      driver: 'docker-container',
      because: 'classic-store-cannot',
      demands: ['several-platforms', 'cache-export', 'archive-output'],
      reason:
        "the engine's classic image store cannot do several platforms (linux/amd64,linux/arm64,linux/arm/v7), cache export, an OCI or Docker archive output",
    });
  });

  it.each<[string, SetupOverrides, ShapingInput[]]>([
    ['append', { append: [{ endpoint: 'tcp://arm:1234', platforms: ['linux/arm64'], driverOpts: [] }] }, ['append']],
    ['driver-opts', { driverOpts: ['image=mirror/buildkit:1'] }, ['driver-opts']],
    [
      'buildkitd-flags and buildkitd-config-inline',
      { buildkitdFlags: '--debug', buildkitdConfigInline: 'debug = true\n' },
      ['buildkitd-flags', 'buildkitd-config'],
    ],
    ['endpoint and buildkitd-config', { endpoint: 'unix:///run/b.sock', buildkitdConfig: '/etc/b.toml' }, ['endpoint', 'buildkitd-config']],
  ])('inputs that describe a builder create one, whatever the engine can do: %s', (_, setup, shaping) => {
    for (const engine of [facts(), containerd, containerBuilder]) {
      expect(decide({ setup: makeSetup(setup) }, engine)).toMatchObject({
        action: 'create',
        name: NAME,
        driver: 'docker-container',
        because: 'shaping-inputs',
        shaping,
      });
    }
  });

  it('push-by-digest (a fan-out leg) creates a builder, even with the containerd store', () => {
    const d = decide({ outputs: ['type=image,name=r/app,push-by-digest=true,name-canonical=true,push=true'] }, containerd);
    expect(d).toMatchObject({ action: 'create', name: NAME, driver: 'docker-container', because: 'push-by-digest' });
  });

  // setup-buildx-action's default driver is docker-container, so a workflow moving over with
  // `append:` (a native arm64 node) and no `driver:` expects those nodes to exist; and main.ts
  // counts the appended nodes' platforms as native. Reusing the docker driver would leave
  // linux/arm64 with neither a node nor an emulator, so auto creates a builder.
  it('auto with append nodes should create a builder that has them, not reuse the docker driver', () => {
    const append = [{ name: 'arm64-native', endpoint: 'tcp://arm64-builder:1234', platforms: ['linux/arm64'], driverOpts: [] }];
    const d = decide({ platforms: ['linux/arm64'], setup: makeSetup({ append }) });
    expect(d).toMatchObject({ action: 'create', name: NAME, driver: 'docker-container', because: 'shaping-inputs', shaping: ['append'] });
  });
});

describe('demands', () => {
  it.each<[string, InputOverrides, Demand[]]>([
    ['nothing', {}, []],
    ['one platform', { platforms: ['linux/arm64'] }, []],
    ['inline cache', { cacheTo: ['type=inline'] }, []],
    ['bare cache ref', { cacheTo: [bareRef('user/app:cache')] }, ['cache-export']],
    ['attributes without a type', { cacheTo: ['ref=user/app:cache'] }, ['cache-export']],
    ['oci without dest', { outputs: ['type=oci'] }, ['archive-output']],
    ['local export shorthand', { outputs: [barePath('./out')] }, []],
    ['tar to stdout', { outputs: [TAR_TO_STDOUT] }, []],
    [
      'several demands, in order',
      { platforms: ['linux/amd64', 'linux/s390x'], cacheTo: ['type=gha'], outputs: ['type=docker,dest=/x.tar'] },
      ['several-platforms', 'cache-export', 'archive-output'],
    ],
  ])('%s', (_, overrides, expected) => {
    expect(demands(makeInputs(overrides))).toEqual(expected);
  });
});

describe('builderName', () => {
  it.each([
    ['19283746501', '1', 'Build_Linux', 'docker-build', /^kiln-build-linux-docker-build-[0-9a-f]{8}$/],
    ['42', '1', 'test.e2e', '__owner_repo', /^kiln-test-e2e-owner-repo-[0-9a-f]{8}$/],
    ['42', '1', '', '__run', /^kiln-run-[0-9a-f]{8}$/],
    ['42', '2', 'Release', 'Push Image', /^kiln-release-push-image-[0-9a-f]{8}$/],
  ])('builderName(%j, %j, %j, %j) reads as the job and step', (runId, attempt, job, action, expected) => {
    expect(builderName(runId, attempt, job, action)).toMatch(expected);
  });

  it('is at most 63 characters of [a-z0-9-], with no trailing or double dash, for long ids', () => {
    const cases: [string, string, string][] = [
      ['19283746501', 'a'.repeat(100), '__run'],
      ['1', 'b'.repeat(55), '__run'],
      ['19283746501', 'Build_And_Push_Images', 'x'.repeat(80)],
      ['19283746501', 'job', '__'.repeat(40)],
    ];
    for (const [runId, job, action] of cases) {
      const name = builderName(runId, '1', job, action);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^kiln-[a-z0-9-]*[a-z0-9]$/);
      expect(name).not.toContain('--');
    }
  });

  it('differs for each run, attempt, job and step, also when the readable part is cut or folded', () => {
    const job = 'build-and-push-container-images-multi-arch';
    const names = [
      builderName('42', '1', 'build', '__run'),
      builderName('43', '1', 'build', '__run'),
      builderName('42', '2', 'build', '__run'),
      builderName('42', '1', 'test', '__run'),
      builderName('42', '1', 'build', '__run_2'),
      builderName('42', '1', 'build', 'push-step'),
      builderName('42', '1', 'Build', '__run'),
      builderName('19283746501', '1', job, '__run'),
      builderName('19283746501', '1', job, '__run_2'),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it('differs for two steps of the same run, job and step id (matrix legs on one host)', () => {
    expect(builderName('42', '1', 'build', '__run', '0a1b2c3d')).not.toBe(builderName('42', '1', 'build', '__run', '4e5f6071'));
    expect(builderName('42', '1', 'build', '__run', '0a1b2c3d')).toMatch(/^kiln-build-run-[0-9a-f]{8}$/);
  });

  it('is the same for the same identity (the post step finds it by the saved name anyway)', () => {
    expect(builderName('42', '1', 'build', '__run')).toBe(builderName('42', '1', 'build', '__run'));
  });
});

describe('createCommands', () => {
  const none = { driverOpts: [], buildkitdFlags: '', endpoint: '' };

  it('docker-container with nothing else', () => {
    expect(createCommands(NAME, 'docker-container', none, [], '', [])).toEqual([['buildx', 'create', '--name', NAME, '--driver', 'docker-container']]);
  });

  it('docker-container with driver-opts, buildkitd-flags and a buildkitd-config file', () => {
    const setup = {
      driverOpts: opts('image=moby/buildkit:v0.25.1', 'network=host', 'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760'),
      buildkitdFlags: '--allow-insecure-entitlement security.insecure --debug',
      endpoint: '',
    };
    expect(createCommands(NAME, 'docker-container', setup, [], '/runner/temp/kiln-1/buildkitd.toml', [[]])).toEqual([
      [
        'buildx',
        'create',
        '--name',
        NAME,
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=moby/buildkit:v0.25.1',
        '--driver-opt',
        'network=host',
        '--driver-opt',
        'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760',
        '--buildkitd-flags',
        '--allow-insecure-entitlement security.insecure --debug',
        '--buildkitd-config',
        '/runner/temp/kiln-1/buildkitd.toml',
      ],
    ]);
  });

  it('remote with an endpoint, the endpoint last', () => {
    expect(createCommands(NAME, 'remote', { ...none, endpoint: 'tcp://buildkitd.example:1234' }, [], '', [[]])).toEqual([
      ['buildx', 'create', '--name', NAME, '--driver', 'remote', 'tcp://buildkitd.example:1234'],
    ]);
  });

  it('remote with TLS files from the environment after the given driver-opts', () => {
    const tls = [['cacert=/t/node0-cacert.pem', 'cert=/t/node0-cert.pem', 'key=/t/node0-key.pem']];
    expect(
      createCommands(NAME, 'remote', { driverOpts: opts('servername=buildkitd'), buildkitdFlags: '', endpoint: 'tcp://10.0.0.5:1234' }, [], '', tls),
    ).toEqual([
      [
        'buildx',
        'create',
        '--name',
        NAME,
        '--driver',
        'remote',
        '--driver-opt',
        'servername=buildkitd',
        '--driver-opt',
        'cacert=/t/node0-cacert.pem',
        '--driver-opt',
        'cert=/t/node0-cert.pem',
        '--driver-opt',
        'key=/t/node0-key.pem',
        'tcp://10.0.0.5:1234',
      ],
    ]);
  });

  it('kubernetes with driver-opts and no endpoint', () => {
    expect(createCommands(NAME, 'kubernetes', { ...none, driverOpts: opts('namespace=ci', 'replicas=2') }, [], '', [])).toEqual([
      ['buildx', 'create', '--name', NAME, '--driver', 'kubernetes', '--driver-opt', 'namespace=ci', '--driver-opt', 'replicas=2'],
    ]);
  });

  it('appended nodes: --append --node (given or name+index), their own opts, flags, platforms and endpoint; config only on the first', () => {
    const append: AppendNode[] = [
      {
        name: 'arm64-native',
        endpoint: 'tcp://arm64-builder:1234',
        platforms: platformsOf('linux/arm64', 'linux/arm/v7'),
        driverOpts: opts('servername=arm64-builder'),
        buildkitdFlags: '--debug',
      },
      { endpoint: 'ssh://ci@riscv-box', platforms: platformsOf('linux/riscv64'), driverOpts: [] },
      { endpoint: 'unix:///run/buildkit/buildkitd.sock', platforms: [], driverOpts: opts('image=moby/buildkit:master', 'network=host') },
    ];
    const tls = [[], ['cacert=/t/node1-cacert.pem', 'cert=/t/node1-cert.pem', 'key=/t/node1-key.pem'], [], ['cacert=/t/node3-cacert.pem']];
    const setup = { driverOpts: opts('image=moby/buildkit:v0.25.1'), buildkitdFlags: '--oci-worker-gc=false', endpoint: '' };
    expect(createCommands(NAME, 'docker-container', setup, append, '/cfg/buildkitd.toml', tls)).toEqual([
      [
        'buildx',
        'create',
        '--name',
        NAME,
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=moby/buildkit:v0.25.1',
        '--buildkitd-flags',
        '--oci-worker-gc=false',
        '--buildkitd-config',
        '/cfg/buildkitd.toml',
      ],
      [
        'buildx',
        'create',
        '--name',
        NAME,
        '--append',
        '--node',
        'arm64-native',
        '--driver-opt',
        'servername=arm64-builder',
        '--driver-opt',
        'cacert=/t/node1-cacert.pem',
        '--driver-opt',
        'cert=/t/node1-cert.pem',
        '--driver-opt',
        'key=/t/node1-key.pem',
        '--buildkitd-flags',
        '--debug',
        '--platform',
        'linux/arm64,linux/arm/v7',
        'tcp://arm64-builder:1234',
      ],
      ['buildx', 'create', '--name', NAME, '--append', '--node', `${NAME}2`, '--platform', 'linux/riscv64', 'ssh://ci@riscv-box'],
      [
        'buildx',
        'create',
        '--name',
        NAME,
        '--append',
        '--node',
        `${NAME}3`,
        '--driver-opt',
        'image=moby/buildkit:master',
        '--driver-opt',
        'network=host',
        '--driver-opt',
        'cacert=/t/node3-cacert.pem',
        'unix:///run/buildkit/buildkitd.sock',
      ],
    ]);
  });
});

describe('platformOfMachine', () => {
  it.each<[string, string]>([
    ['x86_64', 'linux/amd64'],
    ['aarch64', 'linux/arm64'],
    ['arm64', 'linux/arm64'],
    ['armv7l', 'linux/arm/v7'],
    ['armv6l', 'linux/arm/v6'],
    ['ppc64le', 'linux/ppc64le'],
    ['s390x', 'linux/s390x'],
    ['riscv64', 'linux/riscv64'],
    ['i686', 'linux/386'],
    ['mips', 'linux/mips'],
    ['sparc64', 'linux/sparc64'],
  ])('%s → %s', (machine, platform) => {
    expect(platformOfMachine(machine)).toBe(platform);
  });

  // The engine reports `uname -m`, which is loongarch64 on LoongArch hosts; the OCI
  // architecture is loong64, or planQemu would treat a native linux/loong64 build as emulated.
  it('loongarch64 → linux/loong64', () => {
    expect(platformOfMachine('loongarch64')).toBe('linux/loong64');
  });
});

describe("a created docker-container builder and registries on the runner's loopback", () => {
  const create: BuilderDecision = { action: 'create', name: NAME, driver: 'docker-container', because: 'driver-input', reason: 'test' };

  const cases: [string, BuilderDecision, SetupInputs, boolean][] = [
    ['a created docker-container builder', create, makeSetup(), true],
    ['driver-opts choose a network', create, makeSetup({ driverOpts: ['network=builders'] }), false],
    ['a network among other fields of one driver-opt', create, makeSetup({ driverOpts: ['image=mirror/buildkit:1,network=bridge'] }), false],
    ['other driver-opts only', create, makeSetup({ driverOpts: ['image=mirror/buildkit:1', 'memory=2g'] }), true],
    ['a docker-container builder on another engine (endpoint)', create, makeSetup({ endpoint: 'ssh://builder' }), false],
    ['a remote builder', { ...create, driver: 'remote' }, makeSetup(), false],
    ['a kubernetes builder', { ...create, driver: 'kubernetes' }, makeSetup(), false],
    ['a reused builder', { action: 'use', name: 'default', driver: 'docker', because: 'classic-store-can', reason: 'test' }, makeSetup(), false],
  ];
  it.each(cases)('%s', (_what, decision, setup, expected) => {
    expect(mayNeedHostNetwork(decision, setup)).toBe(expected);
  });

  it.each([
    [['localhost:5000/app:1'], ['localhost:5000']],
    [['LOCALHOST/app'], ['LOCALHOST']],
    [['127.0.0.1:5001/app', '127.0.0.1:5001/cache:buildcache'], ['127.0.0.1:5001']],
    [['[::1]:5000/app'], ['[::1]:5000']],
    [['ghcr.io/acme/app:1', 'registry:5000/app', 'busybox:latest', 'localhost', 'library/busybox', 'localhost.example.com/app'], []],
    [
      ['localhost:5000/app', 'ghcr.io/acme/app', '127.10.0.1/x'],
      ['localhost:5000', '127.10.0.1'],
    ],
  ])('%j → %j', (refs, expected) => {
    expect(loopbackRegistries(refs)).toEqual(expected);
  });

  it('collects what the build pushes, its cache images, docker-image contexts and base images', () => {
    const inputs = makeInputs({
      cacheFrom: ['type=registry,ref=localhost:5000/app:buildcache', bareRef('localhost:5001/bare:cache'), 'type=gha'],
      cacheTo: [
        { raw: 'type=registry,"ref=127.0.0.1:5000/app:cache",mode=max', attrs: { type: 'registry', ref: '127.0.0.1:5000/app:cache', mode: 'max' } },
        'type=local,dest=/tmp/c',
      ],
      buildContexts: ['base=docker-image://localhost:5000/base:1', 'src=./src', 'alpine=docker-image://alpine:3'],
      cache: makeCache({ ref: 'localhost:5002/app:buildcache' }),
    });
    expect(registryRefs(inputs, ['localhost:5000/app:1'], ['localhost:5000/busybox:latest'])).toEqual([
      'localhost:5000/app:1',
      'localhost:5000/app:buildcache',
      'localhost:5001/bare:cache',
      '127.0.0.1:5000/app:cache',
      'localhost:5002/app:buildcache',
      'localhost:5000/base:1',
      'alpine:3',
      'localhost:5000/busybox:latest',
    ]);
  });
});

describe('baseImages', () => {
  it('lists the images stages build on, expanded, without stages or scratch', () => {
    const dockerfile = [
      'ARG REGISTRY=localhost:5000',
      'ARG VARIANT',
      'FROM ${REGISTRY}/busybox:latest AS base',
      'FROM base AS build',
      'FROM golang:${VARIANT:-1.22} AS tools',
      'FROM scratch',
      'COPY --from=build / /',
      'FROM BASE',
    ].join('\n');
    expect(baseImages(parseDockerfile(dockerfile, {}))).toEqual(['localhost:5000/busybox:latest', 'golang:1.22']);
    expect(baseImages(parseDockerfile(dockerfile, { REGISTRY: 'ghcr.io/acme', VARIANT: '1.23' }))).toEqual(['ghcr.io/acme/busybox:latest', 'golang:1.23']);
  });
});

describe('defaultLoadOpt: a builder auto creates loads like the engine’s own', () => {
  const create: BuilderDecision = { action: 'create', name: NAME, driver: 'docker-container', because: 'driver-input', reason: 'test' };
  const cases: [string, BuilderDecision, InputOverrides, string[]][] = [
    ['auto, one platform', create, {}, ['default-load=true']],
    ['auto, the runner’s platform named', create, { platforms: ['linux/amd64'] }, ['default-load=true']],
    ['auto, several platforms: an engine may not load them', create, { platforms: ['linux/amd64', 'linux/arm64'] }, []],
    ['driver-opts decide it', create, { setup: makeSetup({ driverOpts: ['default-load=false'] }) }, []],
    ['driver-opts decide it among other fields', create, { setup: makeSetup({ driverOpts: ['image=m/b:1,default-load=false'] }) }, []],
    ['an explicit driver: docker-container is honoured as given', create, { setup: makeSetup({ driver: 'docker-container' }) }, []],
    ['a remote builder', { ...create, driver: 'remote' }, {}, []],
    ['a reused builder', { action: 'use', name: 'default', driver: 'docker', because: 'classic-store-can', reason: 'test' }, {}, []],
  ];
  it.each(cases)('%s', (_what, decision, overrides, expected) => {
    expect(defaultLoadOpt(decision, makeInputs(overrides)).map((o) => o.raw)).toEqual(expected);
  });
});
