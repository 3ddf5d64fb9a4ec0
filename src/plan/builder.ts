import { nodeCrypto } from '../crypto-on-demand.js';
import { type BuildxOption, optionFrom, refOf, sets, typeOf } from '../inputs/buildx-option.js';
import { multiPlatform, type Platform } from '../inputs/platforms.js';
import type { AppendNode, Driver, Inputs } from '../inputs/types.js';
import { registryHost } from './image-ref.js';

/** What the engine and the current builder can do, learnt once per step (setup/engine-facts). */
export interface EngineFacts {
  /** The engine's platform, e.g. linux/amd64: what a local node runs natively. */
  platform: Platform;
  /** The engine keeps images in containerd's store: its docker driver can do everything. */
  containerdStore: boolean;
  /** Docker Engine version, e.g. 28.5.2. */
  engineVersion: string;
  /** The builder buildx uses when none is named. */
  current: { name: string; driver: string; platforms: string[] };
  /** Why the engine could not be asked (no engine, no docker CLI): the other facts are guesses. */
  unreachable?: string;
}

/** Something a build asks of its builder that the docker driver does only with the containerd image store. */
export type Demand = 'several-platforms' | 'cache-export' | 'archive-output';

/** Inputs that describe a builder to create (reusing one would drop them). */
export type ShapingInput = 'append' | 'endpoint' | 'driver-opts' | 'buildkitd-flags' | 'buildkitd-config';

/**
 * Why this builder, as data: the branch of decideBuilder taken and the facts it rests on.
 * `builder-input`: `builder` names it; `driver-input`: an explicit `driver`; `shaping-inputs`:
 * inputs that describe a builder of its own; `current-builder`: the current builder is not the
 * docker driver, so it can do anything; `push-by-digest` and `reproducible` (rewrite-timestamp):
 * the docker driver cannot; and for the
 * docker driver, the engine's image store: `containerd-store` does everything,
 * `classic-store-can` (nothing demanded) or `classic-store-cannot` (the demands).
 */
export type BuilderCause =
  | { because: 'builder-input' }
  | { because: 'driver-input' }
  | { because: 'shaping-inputs'; shaping: ShapingInput[] }
  | { because: 'current-builder' }
  | { because: 'push-by-digest' }
  | { because: 'reproducible' }
  | { because: 'containerd-store'; demands: Demand[] }
  | { because: 'classic-store-can' }
  | { because: 'classic-store-cannot'; demands: Demand[] };

/** `reason` says the cause in words, for the log. */
export type BuilderDecision = ({ action: 'use'; name: string; driver: string } | { action: 'create'; name: string; driver: Driver }) &
  BuilderCause & { reason: string };

/** The cause alone (of a decision, or of the builder obtained), without the rest. */
export function builderCause(decision: BuilderCause): BuilderCause {
  switch (decision.because) {
    case 'shaping-inputs':
      return { because: decision.because, shaping: decision.shaping };
    case 'containerd-store':
    case 'classic-store-cannot':
      return { because: decision.because, demands: decision.demands };
    default:
      return { because: decision.because };
  }
}

/** What this build asks of its builder, beyond what every builder does. */
export function demands(inputs: Pick<Inputs, 'platforms' | 'cacheTo' | 'outputs' | 'load'>): Demand[] {
  const asks: Demand[] = [];
  if (multiPlatform(inputs.platforms)) asks.push('several-platforms');
  const exportsCache = inputs.cacheTo.filter((c) => typeOf(c) !== 'inline');
  if (exportsCache.length > 0) asks.push('cache-export');
  const archives = inputs.outputs.filter((o) => typeOf(o) === 'oci' || (typeOf(o) === 'docker' && o.attrs.dest));
  if (archives.length > 0) asks.push('archive-output');
  return asks;
}

/** A demand in words, for the log. */
function demandText(demand: Demand, inputs: Pick<Inputs, 'platforms'>): string {
  if (demand === 'several-platforms') return `several platforms (${inputs.platforms.join(',')})`;
  return demand === 'cache-export' ? 'cache export' : 'an OCI or Docker archive output';
}

/**
 * A builder name unique to this run attempt, job and step, valid for buildx ([a-z0-9-], at most
 * 63 characters): readable parts, then a hash of the exact identity, which stays unique when the
 * parts are cut short or differ only in case or punctuation. `instance` tells apart steps with
 * the same identity: two legs of one matrix job on one self-hosted host share run, job and step.
 */
export function builderName(runId: string, runAttempt: string, job: string, action: string, instance = ''): string {
  const part = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const hash = nodeCrypto().createHash('sha256').update([runId, runAttempt, job, action, instance].join('\0')).digest('hex').slice(0, 8);
  const readable = ['kiln', part(job), part(action)]
    .filter(Boolean)
    .join('-')
    .slice(0, 63 - hash.length - 1)
    .replace(/-+$/, '');
  return `${readable}-${hash}`;
}

/**
 * Which builder runs the build. `builder` is used as it is; an explicit driver gets a builder of
 * its own; `auto` reuses the current builder when it can do what the build asks (the docker
 * driver can do everything only with the containerd image store) and creates a docker-container
 * builder otherwise.
 */
export function decideBuilder(
  inputs: Pick<Inputs, 'builder' | 'platforms' | 'cacheTo' | 'outputs' | 'load' | 'setup'> & Partial<Pick<Inputs, 'reproducible'>>,
  facts: EngineFacts,
  /** The name of a builder to create, asked only when one is (it costs a hash). */
  newName: () => string,
): BuilderDecision {
  if (inputs.builder !== '') {
    const driver = inputs.builder === facts.current.name ? facts.current.driver : 'as configured';
    return { action: 'use', name: inputs.builder, driver, because: 'builder-input', reason: '`builder` names it' };
  }
  const driver = inputs.setup.driver;
  if (driver === 'docker') {
    return {
      action: 'use',
      name: facts.current.driver === 'docker' ? facts.current.name : 'default',
      driver: 'docker',
      because: 'driver-input',
      reason: '`driver: docker` asks for the engine’s own BuildKit',
    };
  }
  if (driver !== 'auto') {
    return { action: 'create', name: newName(), driver, because: 'driver-input', reason: `\`driver: ${driver}\` asks for one` };
  }

  // Nodes, endpoints, driver options and daemon settings describe a builder to create: reusing
  // one would silently drop them (and an appended node's platforms would go unbuilt).
  const shaping: ShapingInput[] = (
    [
      ['append', inputs.setup.append.length > 0],
      ['endpoint', inputs.setup.endpoint !== ''],
      ['driver-opts', inputs.setup.driverOpts.length > 0],
      ['buildkitd-flags', inputs.setup.buildkitdFlags !== ''],
      ['buildkitd-config', inputs.setup.buildkitdConfig !== '' || inputs.setup.buildkitdConfigInline.trim() !== ''],
    ] as const
  )
    .filter(([, set]) => set)
    .map(([input]) => input);
  if (shaping.length > 0) {
    return {
      action: 'create',
      name: newName(),
      driver: 'docker-container',
      because: 'shaping-inputs',
      shaping,
      reason: `${shaping.join(', ')} ${shaping.length > 1 ? 'describe' : 'describes'} a builder of its own`,
    };
  }

  const current = facts.current;
  if (current.driver !== 'docker') {
    return {
      action: 'use',
      name: current.name,
      driver: current.driver,
      because: 'current-builder',
      reason: `the current builder (${current.driver} driver) can do whatever BuildKit can`,
    };
  }
  const asks = demands(inputs);
  const asked = asks.map((d) => demandText(d, inputs)).join(', ');
  // buildx refuses push-by-digest (a fan-out leg's output) on the docker driver, whatever its store.
  if (inputs.outputs.some((o) => o.attrs['push-by-digest'] === 'true')) {
    return {
      action: 'create',
      name: newName(),
      driver: 'docker-container',
      because: 'push-by-digest',
      reason: 'the engine’s own BuildKit (docker driver) cannot push by digest, as a fan-out leg does',
    };
  }
  // The engine's image exporter unpacks what it exports into the engine's store, and refuses
  // rewrite-timestamp beside that ("conflicts with unpack").
  if (inputs.reproducible === true) {
    return {
      action: 'create',
      name: newName(),
      driver: 'docker-container',
      because: 'reproducible',
      reason: 'the engine’s own BuildKit (docker driver) cannot rewrite timestamps in the layers, as `reproducible: true` needs',
    };
  }
  if (facts.containerdStore) {
    return {
      action: 'use',
      name: current.name,
      driver: 'docker',
      because: 'containerd-store',
      demands: asks,
      reason: `the engine has the containerd image store, so its own BuildKit can do ${asked || 'this build'}`,
    };
  }
  if (asks.length === 0) {
    return { action: 'use', name: current.name, driver: 'docker', because: 'classic-store-can', reason: 'the engine’s own BuildKit can do this build' };
  }
  return {
    action: 'create',
    name: newName(),
    driver: 'docker-container',
    because: 'classic-store-cannot',
    demands: asks,
    reason: `the engine's classic image store cannot do ${asked}`,
  };
}

/**
 * `docker buildx create` calls for a new builder: the first node, then one `--append` per extra
 * node. `configFile` is buildkitd-config, or the file Kiln wrote buildkitd-config-inline to.
 * `tls` holds driver-opts for node i's client certificates from BUILDER_NODE_<i>_AUTH_TLS_*.
 *
 * buildx sends a platform to the first node that supports it, and a node that emulates supports
 * nearly everything: appended nodes would get nothing. So when appended nodes claim platforms,
 * the first node declares the rest of the requested ones, and each platform goes where it was
 * meant to (a native arm64 node builds linux/arm64).
 */
export function createCommands(
  name: string,
  driver: Driver,
  setup: Pick<Inputs['setup'], 'driverOpts' | 'buildkitdFlags' | 'endpoint'>,
  append: AppendNode[],
  configFile: string,
  tls: string[][],
  requested: readonly Platform[] = [],
): string[][] {
  const claimed = new Set(append.flatMap((n) => n.platforms));
  const firstNode = claimed.size > 0 ? requested.filter((p) => !claimed.has(p)) : [];
  const node = (index: number, opts: BuildxOption[], flags: string | undefined, platforms: string[], endpoint: string | undefined, nodeName?: string) => {
    const args = ['buildx', 'create', '--name', name];
    if (index === 0) args.push('--driver', driver);
    else args.push('--append', '--node', nodeName ?? `${name}${index}`);
    for (const opt of [...opts.map((o) => o.raw), ...(tls[index] ?? [])]) args.push('--driver-opt', opt);
    if (flags) args.push('--buildkitd-flags', flags);
    if (index === 0 && configFile) args.push('--buildkitd-config', configFile);
    if (platforms.length > 0) args.push('--platform', platforms.join(','));
    if (endpoint) args.push(endpoint);
    return args;
  };
  return [
    node(0, setup.driverOpts, setup.buildkitdFlags, firstNode, setup.endpoint || undefined),
    ...append.map((n, i) => node(i + 1, n.driverOpts, n.buildkitdFlags, n.platforms, n.endpoint, n.name)),
  ];
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Every image reference the build reaches a registry for: what it pushes, the cache images it
 * reads and writes, `docker-image://` build contexts and the Dockerfile's base images.
 */
export function registryRefs(inputs: Pick<Inputs, 'cacheFrom' | 'cacheTo' | 'buildContexts' | 'cache'>, pushed: string[], baseImages: string[]): string[] {
  const contexts = inputs.buildContexts
    .map((c) => c.slice(c.indexOf('=') + 1))
    .filter((v) => v.startsWith('docker-image://'))
    .map((v) => v.slice('docker-image://'.length));
  return [...pushed, ...[...inputs.cacheFrom, ...inputs.cacheTo].map(refOf), inputs.cache.ref, ...contexts, ...baseImages].filter((r): r is string =>
    Boolean(r),
  );
}

/**
 * A docker-container builder runs on the engine's bridge network, where localhost is the
 * container itself: a registry on the runner's loopback (a `services:` registry, a local mirror)
 * that the engine's own builder reaches would be out of reach for its pushes, cache and base
 * images. Kiln puts such a builder on the host's network when the build names one, unless
 * driver-opts choose a network.
 */
export function mayNeedHostNetwork(decision: BuilderDecision, setup: Pick<Inputs['setup'], 'driverOpts' | 'endpoint'>): boolean {
  return decision.action === 'create' && decision.driver === 'docker-container' && setup.endpoint === '' && !setsDriverOpt(setup.driverOpts, 'network');
}

/** Whether the user's driver-opts set `key` (buildx reads each driver-opt as comma-separated fields). */
function setsDriverOpt(driverOpts: BuildxOption[], key: string): boolean {
  return driverOpts.some((o) => sets(o, key));
}

/** The registries on the runner's loopback among the references. */
export function loopbackRegistries(refs: string[]): string[] {
  return [...new Set(refs.map(registryHost).filter((h): h is string => h !== undefined && LOOPBACK.test(h)))];
}

/**
 * Under `driver: auto` a created docker-container builder stands in for the engine's own, which
 * puts what it builds into the engine's image store when the build names no output: with
 * `default-load=true` the created builder does the same, so a later `docker run` of the tag
 * still works. Not for several platforms, which an engine may be unable to load (the docker
 * driver could not build those without an output either), nor when driver-opts decide it.
 */
export function defaultLoadOpt(decision: BuilderDecision, inputs: Pick<Inputs, 'platforms' | 'setup'>): BuildxOption[] {
  if (inputs.setup.driver !== 'auto' || decision.action !== 'create' || decision.driver !== 'docker-container') return [];
  if (multiPlatform(inputs.platforms) || setsDriverOpt(inputs.setup.driverOpts, 'default-load')) return [];
  return [optionFrom({ 'default-load': 'true' })];
}
