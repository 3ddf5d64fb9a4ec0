import { describe, expect, it } from '@jest/globals';
import type { AppendNode } from '../../src/inputs/types.js';
import type { BuilderCause, EngineFacts } from '../../src/plan/builder.js';
import type { BuildContext } from '../../src/plan/context.js';
import type { Inputs } from '../../src/inputs/types.js';
import type { BuilderCaps, ServiceHealth } from '../../src/plan/cache.js';
import { builderCaps, keepsCacheMounts, planSetup, type SetupFacts, type SetupPlan } from '../../src/plan/setup-plan.js';
import { planStepCache } from '../../src/plan/step-cache.js';
import { setupDecisions } from '../../src/report/setup-lines.js';
import { githubContext, type InputOverrides, makeCache, makeInputs, makeSetup, platformOf, platformsOf } from './support.js';

const NAME = 'kiln-test-0123abcd';
const ctx = githubContext();
const context: BuildContext = { kind: 'path', path: '/ws', dockerfile: '/ws/Dockerfile', because: 'workspace-dockerfile', reason: 'the workspace' };
const SERVICE = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'https://results.example/' };

function facts(overrides: Partial<EngineFacts> = {}): EngineFacts {
  return {
    platform: platformOf('linux/amd64'),
    containerdStore: false,
    engineVersion: '28.5.2',
    current: { name: 'default', driver: 'docker', platforms: platformsOf('linux/amd64', 'linux/386') },
    ...overrides,
  };
}

function given(overrides: Partial<SetupFacts> = {}): SetupFacts {
  return { facts: facts(), registered: new Set(), append: [], context, builderName: () => NAME, health: {}, ...overrides };
}

/** The step's cache for this plan, with these facts. */
function cacheFor(inputs: Inputs, plan: SetupPlan, env: Record<string, string>, caps: BuilderCaps, dir: string, health: ServiceHealth) {
  return planStepCache(inputs.cache, plan.cacheRequest, ctx, env, { caps, health }, dir);
}

function planned(inputs: InputOverrides, setupFacts: Partial<SetupFacts> = {}, env: Record<string, string> = {}) {
  return planSetup(makeInputs(inputs), given(setupFacts), ctx, env);
}

function ok(inputs: InputOverrides, setupFacts: Partial<SetupFacts> = {}, env: Record<string, string> = {}): SetupPlan {
  const result = planned(inputs, setupFacts, env);
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.problem)}`);
  return result.plan;
}

describe('planSetup: the builder, from the engine facts and inputs', () => {
  const cases: [
    string,
    InputOverrides,
    Partial<EngineFacts>,
    { action: 'use' | 'create'; name: string; builderArg: string; because: BuilderCause['because'] },
  ][] = [
    ['one platform, classic store: the engine’s own BuildKit', {}, {}, { action: 'use', name: 'default', builderArg: '', because: 'classic-store-can' }],
    [
      'two platforms, classic store: a builder of its own',
      { platforms: ['linux/amd64', 'linux/arm64'], push: true, tags: ['r/a:1'] },
      {},
      { action: 'create', name: NAME, builderArg: NAME, because: 'classic-store-cannot' },
    ],
    [
      'two platforms, containerd store: the engine’s own',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      { containerdStore: true },
      { action: 'use', name: 'default', builderArg: '', because: 'containerd-store' },
    ],
    ['a named builder is used as named', { builder: 'mine' }, {}, { action: 'use', name: 'mine', builderArg: 'mine', because: 'builder-input' }],
  ];
  it.each(cases)('%s', (_name, inputs, engine, expected) => {
    const plan = ok(inputs, { facts: facts(engine) });
    expect(plan.decision).toMatchObject({ action: expected.action, name: expected.name, because: expected.because });
    expect(plan.builderArg).toBe(expected.builderArg);
  });

  // The cache Kiln plans is an export the builder must do: on the classic store that needs a builder of its own.
  it('a managed cache export on the classic store asks for a created builder', () => {
    const plan = ok({}, {}, SERVICE);
    expect(plan.decision).toMatchObject({ action: 'create', because: 'classic-store-cannot', demands: ['cache-export'] });
    expect(plan.caps).toEqual({ buildkit: undefined, cacheExport: true });
    expect(plan.defaultLoad).toEqual([{ raw: 'default-load=true', attrs: { 'default-load': 'true' } }]);
  });

  it('no cache service: nothing exported, and the engine’s own BuildKit suffices', () => {
    const plan = ok({});
    expect(plan.decision).toMatchObject({ action: 'use', because: 'classic-store-can' });
    expect(plan.caps).toEqual({ buildkit: '0.25.0', cacheExport: false });
    expect(plan.defaultLoad).toEqual([]);
  });

  // The probe's answer is a fact gathered before the builder is decided: a cache that will not be written asks for nothing.
  it('a service that failed its probe, nothing pushed: no export asked, the engine’s own BuildKit', () => {
    const plan = ok({}, { health: { service: 'did not answer in 5 s' } }, SERVICE);
    expect(plan.decision).toMatchObject({ action: 'use', because: 'classic-store-can' });
  });

  it('the user’s cache-to is an export the builder must do', () => {
    const plan = ok({ cacheTo: ['type=registry,ref=localhost:5000/c:x'] }, {}, SERVICE);
    expect(plan.decision).toMatchObject({ action: 'create', demands: ['cache-export'] });
  });
});

describe('planSetup: QEMU', () => {
  it('an arm64 build on amd64 installs the handler that is missing', () => {
    const plan = ok({ platforms: ['linux/arm64'] });
    expect(plan.qemu).toMatchObject({ emulated: ['linux/arm64'], install: ['arm64'], because: 'handlers-missing' });
    expect(plan.qemuImage).toBe(makeSetup().qemuImage);
  });

  it('a registered handler is not installed again', () => {
    const plan = ok({ platforms: ['linux/arm64'] }, { registered: new Set(['qemu-aarch64']) });
    expect(plan.qemu.install).toBeUndefined();
    expect(plan.qemu.because).toBe('nothing-to-install');
  });

  it('an appended native node needs no emulation for its platform', () => {
    const node: AppendNode = { name: 'arm', endpoint: 'tcp://arm:1234', platforms: platformsOf('linux/arm64'), driverOpts: [], buildkitdFlags: '' };
    const plan = ok(
      { platforms: ['linux/amd64', 'linux/arm64'], setup: makeSetup({ append: [{ ...node, platforms: ['linux/arm64'], driverOpts: [] }] }) },
      { append: [node] },
    );
    expect(plan.qemu).toMatchObject({ emulated: [], because: 'all-native' });
  });

  it('a remote builder emulates on its own host: nothing is planned here', () => {
    const plan = ok({ platforms: ['linux/arm64'], setup: makeSetup({ driver: 'remote', endpoint: 'tcp://b:1234' }) });
    expect(plan.decision).toMatchObject({ action: 'create', driver: 'remote', because: 'driver-input' });
    expect(plan.qemu).toMatchObject({ emulated: [], because: 'all-native' });
    expect(plan.qemu.install).toBeUndefined();
  });

  it('qemu: false with a handler missing is a typed problem, before anything is set up', () => {
    const result = planned({ platforms: ['linux/arm64'], setup: makeSetup({ qemu: 'false' }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ kind: 'qemu', platforms: ['linux/arm64'], handlers: ['qemu-aarch64'] });
  });
});

describe('planSetup: problems that need the engine to know', () => {
  it('load of several platforms on the classic store names the load input', () => {
    const result = planned({ load: true, platforms: ['linux/amd64', 'linux/arm64'] });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'input', input: 'load', value: 'true' } });
  });

  it('the same load on the containerd store plans', () => {
    expect(planned({ load: true, platforms: ['linux/amd64', 'linux/arm64'] }, { facts: facts({ containerdStore: true }) }).ok).toBe(true);
  });

  it('an unreachable engine is a problem for a builder that runs on it, not for a remote one', () => {
    const down = facts({ unreachable: 'the docker socket does not answer' });
    const local = planned({}, { facts: down });
    expect(local).toMatchObject({ ok: false, problem: { kind: 'engine', message: expect.stringContaining('the docker socket does not answer') } });
    expect(planned({ setup: makeSetup({ driver: 'remote', endpoint: 'tcp://b:1234' }) }, { facts: down }).ok).toBe(true);
  });
});

describe('the cache for the builder obtained', () => {
  it('the docker driver on the classic store reads the planned cache and writes none', () => {
    const plan = ok({ setup: makeSetup({ driver: 'docker' }) }, {}, SERVICE);
    const caps = builderCaps(undefined, 'docker', plan.facts);
    expect(caps).toEqual({ buildkit: '0.25.0', cacheExport: false });
    const cache = cacheFor(makeInputs({ setup: makeSetup({ driver: 'docker' }) }), plan, SERVICE, caps, '/runner/temp/k', {});
    expect(cache).toMatchObject({ kind: 'managed', backend: 'gha', write: undefined, cacheTo: [] });
    expect(cache.cacheFrom.length).toBeGreaterThan(0);
  });

  it('a service that failed its probe turns gha into no cache when nothing is pushed', () => {
    const plan = ok({}, {}, SERVICE);
    const cache = cacheFor(makeInputs(), plan, SERVICE, { buildkit: '0.25.0', cacheExport: true }, '/t', { service: 'did not answer in 5 s' });
    expect(cache).toMatchObject({ kind: 'none', because: 'service-unhealthy-nothing-pushed' });
  });

  it('cache mounts are kept only with gha or local, unless cache-mounts: none', () => {
    const plan = ok({}, {}, SERVICE);
    const caps = { buildkit: '0.25.0', cacheExport: true };
    const gha = cacheFor(makeInputs(), plan, SERVICE, caps, '/t', {});
    expect(keepsCacheMounts(gha, makeInputs())).toBe(true);
    expect(keepsCacheMounts(gha, makeInputs({ cache: makeCache({ mounts: 'none' }) }))).toBe(false);
    const registry = cacheFor(makeInputs({ cache: makeCache({ backend: 'registry', ref: 'r/c' }) }), plan, {}, caps, '/t', {});
    expect(registry.backend).toBe('registry');
    expect(keepsCacheMounts(registry, makeInputs())).toBe(false);
  });
});

describe('setupDecisions: the debug line tests read', () => {
  it('is JSON with the builder, QEMU, cache and context, with credentials hidden', () => {
    const inputs: InputOverrides = { platforms: ['linux/arm64'], cacheTo: ['type=s3,bucket=b,region=r,access_key_id=AK,secret_access_key=SK'] };
    const plan = ok(inputs);
    const cache = cacheFor(makeInputs(inputs), plan, {}, { cacheExport: true }, '/t', {});
    const line = setupDecisions(
      plan,
      {
        name: NAME,
        driver: 'docker-container',
        created: true,
        buildkit: 'v0.25.0',
        because: 'classic-store-cannot',
        demands: ['cache-export'],
        reason: 'r',
        nodes: [{ name: `${NAME}0`, platforms: ['linux/amd64', 'linux/arm64'] }],
        addedDriverOpts: ['default-load=true', 'network=host'],
        loopback: ['localhost:5000'],
      },
      cache,
      context,
    );
    expect(line).not.toContain('SK');
    expect(JSON.parse(line)).toEqual({
      builder: {
        name: NAME,
        driver: 'docker-container',
        created: true,
        buildkit: 'v0.25.0',
        nodes: [{ name: `${NAME}0`, platforms: ['linux/amd64', 'linux/arm64'] }],
        action: 'create',
        engineStore: 'classic',
        because: 'classic-store-cannot',
        demands: ['cache-export'],
        addedDriverOpts: ['default-load=true', 'network=host'],
        loopback: ['localhost:5000'],
        reason: 'r',
      },
      qemu: {
        emulated: ['linux/arm64'],
        install: ['arm64'],
        because: 'handlers-missing',
        registered: [],
        missing: ['qemu-aarch64'],
        noEmulator: [],
        reason: plan.qemu.reason,
      },
      cache: {
        kind: 'explicit',
        backend: 'given',
        reason: cache.reason,
        because: 'explicit',
        reads: [],
        written: ['type=s3,bucket=b,region=r,access_key_id=***,secret_access_key=***,ignore-error=true,compression=zstd'],
      },
      context: { kind: 'path', path: '/ws', dockerfile: '/ws/Dockerfile', because: 'workspace-dockerfile', reason: 'the workspace' },
    });
  });

  it('carries only the cause that was decided, the handlers used and the context’s facts', () => {
    const plan = ok(
      { platforms: ['linux/arm64', 'linux/riscv64', 'linux/mips'] },
      { registered: new Set(['qemu-aarch64']), facts: facts({ containerdStore: true }) },
    );
    const git: BuildContext = {
      kind: 'git',
      url: 'https://github.com/o/r.git#abc',
      because: 'no-workspace-dockerfile',
      lookedFor: ['/ws/Dockerfile', '/ws/dockerfile'],
      reason: 'r',
    };
    const obtained = { name: 'default', driver: 'docker', created: false, reason: 'r', nodes: [], addedDriverOpts: [], loopback: [] };
    const decided = JSON.parse(
      setupDecisions(plan, { ...obtained, because: 'containerd-store', demands: ['several-platforms'] }, cacheFor(makeInputs(), plan, {}, {}, '/t', {}), git),
    ) as Record<string, Record<string, unknown>>;
    expect(decided.builder).toMatchObject({ action: 'use', engineStore: 'containerd', because: 'containerd-store', demands: ['several-platforms'] });
    expect(decided.builder).not.toHaveProperty('shaping');
    expect(decided.qemu).toMatchObject({
      emulated: ['linux/arm64', 'linux/riscv64', 'linux/mips'],
      install: ['riscv64'],
      because: 'handlers-missing',
      registered: ['qemu-aarch64'],
      missing: ['qemu-riscv64'],
      noEmulator: ['linux/mips'],
    });
    expect(decided.context).toEqual(git);
  });
});
