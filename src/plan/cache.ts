import type { GithubContext } from '../github/context.js';
import { type BuildxOption, type OptionFields, optionFrom, registryRefOption, sets, typeOf, withFields } from '../inputs/buildx-option.js';
import { onlyPlatform, type Platform } from '../inputs/platforms.js';
import type { CacheInputs, Env } from '../inputs/types.js';
import { CACHE_SERVICE_LIMITS, ghaExportTimeout } from './cache-service.js';
import { imageName, repositoryPath } from './image-ref.js';

/** A backend Kiln plans scopes for. */
export type ManagedBackend = 'gha' | 'registry' | 'local' | 'inline';
/** What the log and summary call the cache: a managed backend, `given` (the user's own entries) or `none`. */
export type CacheBackend = ManagedBackend | 'none' | 'given';

/**
 * Why the plan is what it is, one cause per decision (`reason` tells it in words):
 * - `explicit`: cache-from / cache-to are given, and used as given;
 * - `input`: `cache: <backend>` is used as asked (`none` included);
 * - `service-offered`: auto, the runner offers the Actions cache service and the builder speaks it (gha);
 * - `buildkit-too-old`: auto, a v2 service but a BuildKit before 0.20 (local);
 * - `gha-token-unusable`: a working service whose token BuildKit cannot parse (auto: local; `cache: gha`: none);
 * - `service-unhealthy-registry` / `service-unhealthy-nothing-pushed`: auto, the service failed its
 *   probe, and the build pushes (registry) or not (none);
 * - `service-unhealthy`: `cache: gha` or `local` asked, but the service failed its probe (none);
 * - `no-service-pushes` / `no-service-nothing-pushed`: auto, no service, and the build pushes (registry) or not (none);
 * - `no-service`: `cache: gha` or `local` asked, but the runner offers no service (none);
 * - `no-cache-ref`: the registry backend without cache-ref or a tag to derive it from (none).
 */
export type CacheCause =
  | 'explicit'
  | 'input'
  | 'service-offered'
  | 'buildkit-too-old'
  | 'gha-token-unusable'
  | 'service-unhealthy-registry'
  | 'service-unhealthy-nothing-pushed'
  | 'service-unhealthy'
  | 'no-service-pushes'
  | 'no-service-nothing-pushed'
  | 'no-service'
  | 'no-cache-ref';

interface CachePlanBase {
  /** Why this backend, for the log and the summary. */
  reason: string;
  /** The same, for code and tests. */
  because: CacheCause;
  /** How the event decided the scopes, for the log. */
  why: string;
  /** The rule that decided whether the event may write (eventScopes). */
  rule: WriteRule;
  /** Why the build writes less than planned (the Actions cache budget, setup/cache-usage.ts). */
  limited?: string;
  /** Scopes read, most specific first; the scope written, if any. */
  reads: string[];
  write?: string;
  mode: 'min' | 'max';
  /** The entries on the command line (`raw`), with their attributes. */
  cacheFrom: BuildxOption[];
  cacheTo: BuildxOption[];
  /** type=local: the directory BuildKit reads and writes, restored and saved with @actions/cache. */
  local?: { dir: string; restoreKeys: string[]; saveKeyPrefix?: string };
  /** Said once in the log: a fallback, or nothing will persist. Set-up's; what the build finds is kept apart. */
  readonly warnings: readonly string[];
}

/**
 * `managed`: Kiln's own scopes on a backend; `explicit`: the user's cache-from / cache-to, used as
 * given (with the export defaults); `none`: nothing is read or written.
 */
export type CachePlan =
  | (CachePlanBase & { kind: 'managed'; backend: ManagedBackend })
  | (CachePlanBase & { kind: 'explicit'; backend: 'given' })
  | (CachePlanBase & { kind: 'none'; backend: 'none' });

/** What the build is about (the parts the cache policy depends on). */
export interface CacheRequest {
  tags: string[];
  platforms: Platform[];
  pushes: boolean;
  /** The Dockerfile's path in the repository, naming the cache when there is no tag. */
  dockerfile: string;
  target: string;
  cacheFrom: BuildxOption[];
  cacheTo: BuildxOption[];
}

/** The BuildKit that runs the build: whether it speaks the Actions cache protocol v2. */
export interface BuilderCaps {
  /** e.g. 0.25.0; undefined when the builder does not say (then assumed recent). */
  buildkit?: string;
  /** false for the docker driver on an engine with the classic image store: it imports cache but cannot export it (nor attach attestations). */
  cacheExport?: boolean;
}

/** Docker Engine release → the BuildKit it embeds (the docker driver's BuildKit). */
export function embeddedBuildkit(engineVersion: string): string | undefined {
  const [major = 0, minor = 0] = engineVersion.split('.').map((n) => parseInt(n, 10));
  if (major >= 29) return '0.26.0';
  if (major === 28) return `0.${20 + Math.min(minor, 5)}.0`;
  if (major === 27) return minor >= 3 ? '0.16.0' : '0.15.0';
  if (major === 26) return '0.13.0';
  if (major === 25) return '0.12.0';
  if (major >= 23) return '0.11.0';
  return undefined;
}

function atLeast(version: string | undefined, min: [number, number]): boolean {
  if (version === undefined) return true;
  const [maj = 0, min2 = 0] = version
    .replace(/^v/, '')
    .split('.')
    .map((n) => parseInt(n, 10));
  return maj > min[0] || (maj === min[0] && min2 >= min[1]);
}

// Scopes become cache keys and directory names: no leading or trailing dots (a Dockerfile outside
// the workspace would start with `..-..-`).
const clean = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');

/** The image a build is cached under: cache-scope, else the first tag's repository, else the Dockerfile (and target). */
export function imageScope(cache: Pick<CacheInputs, 'scope'>, request: Pick<CacheRequest, 'tags' | 'dockerfile' | 'target'>): string {
  if (cache.scope !== '') return clean(cache.scope);
  const tag = request.tags[0];
  if (tag !== undefined) return clean(repositoryPath(tag));
  return clean([request.dockerfile || 'Dockerfile', request.target].filter(Boolean).join('-'));
}

/**
 * The rule that decided whether this run writes the cache (the `cache` output's `rule`):
 * - `trusted-event`: push, schedule, workflow_dispatch or merge_group on a branch: writes it;
 * - `pull-request`: a same-repository pull request: writes only its own scope;
 * - `fork-pull-request`, `pull-request-target`, `tag`, `release`: write nothing;
 * - `untrusted-event`: any other event (issue_comment, workflow_run, pull_request_review,
 *   repository_dispatch, discussion...): it runs in a branch's scope on someone else's behalf,
 *   so it reads and writes nothing;
 * - `cache-write-true` / `cache-write-false`: the input overrode the event's rule.
 */
export type WriteRule =
  | 'trusted-event'
  | 'pull-request'
  | 'fork-pull-request'
  | 'pull-request-target'
  | 'tag'
  | 'release'
  | 'untrusted-event'
  | 'cache-write-true'
  | 'cache-write-false';

/**
 * The events whose runs act for the repository itself: the only ones that write the cache (with
 * same-repository pull requests, in their own scope), unless `cache-write: true`. An allowlist:
 * an event GitHub adds later writes nothing until it is judged.
 */
export const WRITING_EVENTS: readonly string[] = ['push', 'schedule', 'workflow_dispatch', 'merge_group'];

export interface EventScopes {
  reads: string[];
  write?: string;
  defaultBranch: boolean;
  why: string;
  rule: WriteRule;
}

/**
 * Which branch scopes a run reads and writes, from the event: a push to B reads B then the
 * default branch and writes B; a same-repository PR reads itself, its base, the default branch,
 * and writes only itself; a fork PR (and pull_request_target, which runs untrusted code with a
 * write token) writes nothing; tags and releases read the default branch and write nothing. Only
 * WRITING_EVENTS (and same-repository PRs) write: every other event reads and writes nothing.
 */
export function eventScopes(ctx: GithubContext, write: CacheInputs['write']): EventScopes {
  const payload = ctx.payload as {
    repository?: { default_branch?: string; full_name?: string };
    pull_request?: { number?: number; base?: { ref?: string }; head?: { repo?: { full_name?: string } | null } };
    number?: number;
  };
  const main = payload.repository?.default_branch ?? 'main';
  const list = (branches: string[]) => [...new Set(branches)].join(', ');
  /** The why is told from the final reads and write, so cache-write can never contradict it. */
  const decide = (
    label: string,
    rule: WriteRule,
    reads: string[],
    writes: string | undefined,
    options: { isDefault?: boolean; only?: boolean; note?: string } = {},
  ): EventScopes => {
    const w = write === 'false' ? undefined : write === 'true' ? (writes ?? reads[0] ?? main) : writes;
    const told =
      w === undefined
        ? `writes nothing${write === 'false' && writes ? ' (cache-write: false)' : ''}`
        : `writes ${w}${write === 'true' && !writes ? ' (cache-write: true)' : options.only ? ' only' : ''}`;
    const overridden = write === 'false' && writes ? 'cache-write-false' : write === 'true' && !writes ? 'cache-write-true' : rule;
    return {
      reads: [...new Set(reads.map(clean))],
      write: w === undefined ? undefined : clean(w),
      defaultBranch: options.isDefault ?? false,
      why: `${label}: reads ${list(reads)}, ${told}${options.note ?? ''}`,
      rule: overridden,
    };
  };

  if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') {
    const number = payload.pull_request?.number ?? payload.number ?? Number(/refs\/pull\/(\d+)/.exec(ctx.ref)?.[1] ?? 0);
    const base = payload.pull_request?.base?.ref ?? main;
    // A fork's head repository differs from this one; a deleted fork's is null.
    const head = payload.pull_request?.head?.repo;
    const fork = head === null || (head?.full_name !== undefined && head.full_name !== ctx.repository);
    if (ctx.eventName === 'pull_request_target') {
      return decide(`pull_request_target #${number}`, 'pull-request-target', [base, main], undefined, {
        note: ' (it runs with a write token: a PR must not poison the cache)',
      });
    }
    if (fork) return decide(`fork pull request #${number}`, 'fork-pull-request', [base, main], undefined);
    return decide(`pull request #${number}`, 'pull-request', [`pr-${number}`, base, main], `pr-${number}`, { only: true });
  }
  if (ctx.ref.startsWith('refs/tags/')) return decide(`tag ${ctx.ref.slice('refs/tags/'.length)}`, 'tag', [main], undefined);
  if (ctx.eventName === 'release') return decide('release', 'release', [main], undefined);
  const b = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : main;
  // No event name: not a GitHub Actions run (a local run of the bundle), which acts as a push.
  const event = ctx.eventName || 'push';
  if (!WRITING_EVENTS.includes(event)) {
    return decide(`${event} on ${b}`, 'untrusted-event', [b, main], undefined, {
      note: ` (only ${WRITING_EVENTS.join(', ')} and same-repository pull_request write the cache; ${event} runs on someone else's behalf)`,
    });
  }
  return decide(`${event} on ${b}`, 'trusted-event', [b, main], b, { isDefault: b === main });
}

/** Exports never fail a build, and cost as little as they can: the defaults for every cache-to. */
const EXPORT_DEFAULTS: OptionFields = { 'ignore-error': 'true', compression: 'zstd' };

/** A cache-to entry with the export defaults it does not set itself (in full form: a bare reference is written out). */
export function exportDefaults(entry: BuildxOption): BuildxOption {
  const missing = Object.entries(EXPORT_DEFAULTS).filter(([key]) => !sets(entry, key));
  return withFields(entry, typeOf(entry) === 'inline' ? {} : Object.fromEntries(missing));
}

/** GitHub Enterprise Server: a server that is not github.com, a *.ghe.com cloud, nor a *.localhost test host (@actions/cache's isGhes). */
export function onGhes(env: Env): boolean {
  let host: string;
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}

/** The Actions cache service the runner offers, if any: v2 (github.com) or v1 (GHES). */
export function actionsCacheService(env: Env): { version: 1 | 2; url: string } | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN) return undefined;
  // GitHub Enterprise Server serves only v1, whatever the runner sets (as @actions/cache decides).
  const v2 = !onGhes(env) && env.ACTIONS_CACHE_SERVICE_V2 && !['false', '0'].includes(env.ACTIONS_CACHE_SERVICE_V2);
  if (v2 && env.ACTIONS_RESULTS_URL) return { version: 2, url: env.ACTIONS_RESULTS_URL };
  if (env.ACTIONS_CACHE_URL) return { version: 1, url: env.ACTIONS_CACHE_URL.endsWith('/') ? env.ACTIONS_CACHE_URL : `${env.ACTIONS_CACHE_URL}/` };
  return undefined;
}

/**
 * The cache for this build, with no configuration needed: the Actions cache service when the
 * runner offers it and the builder speaks its protocol; else a local cache directory that
 * @actions/cache carries between runs; else the registry when the build pushes; else none.
 * Explicit cache-from / cache-to are used as given (with the export defaults).
 */
export function planCache(
  cache: CacheInputs,
  request: CacheRequest,
  ctx: GithubContext,
  env: Env,
  caps: BuilderCaps,
  cacheRoot: string,
  health: ServiceHealth = {},
): CachePlan {
  const plan = choosePlan(cache, request, ctx, env, caps, cacheRoot, health);
  // buildx refuses the whole build when the builder cannot export cache; export must never fail
  // a build, so such a builder reads the cache and writes none. (Explicit cache-to stays as given.)
  if (caps.cacheExport !== false || plan.write === undefined || plan.kind !== 'managed' || plan.backend === 'inline') return plan;
  return {
    ...plan,
    write: undefined,
    cacheTo: [],
    ...(plan.local ? { local: { ...plan.local, saveKeyPrefix: undefined } } : {}),
    warnings: [
      ...plan.warnings,
      `This builder (the docker driver on an engine with the classic image store) cannot export cache: the build reads the ${plan.backend} cache but writes nothing to ${plan.write}. ` +
        'Let Kiln create a builder that can (`driver: auto` without `builder`), or enable the containerd image store.',
    ],
  };
}

/**
 * What a probe found wrong with the Actions cache service (setup/cache-service-probe.ts):
 * `service` rules out every backend that needs it, `gha` only BuildKit's (a token it cannot parse).
 */
export interface ServiceHealth {
  service?: string;
  gha?: string;
}

function choosePlan(
  cache: CacheInputs,
  request: CacheRequest,
  ctx: GithubContext,
  env: Env,
  caps: BuilderCaps,
  cacheRoot: string,
  health: ServiceHealth,
): CachePlan {
  const warnings: string[] = [];
  const scopes = eventScopes(ctx, cache.write);
  const mode = cache.mode === 'auto' ? (scopes.defaultBranch ? 'max' : 'min') : cache.mode;
  const image = imageScope(cache, request);
  // A build of one platform is a fan-out leg: its cache must not overwrite the others'.
  const one = onlyPlatform(request.platforms);
  const leg = one === undefined ? '' : `-${clean(one)}`;
  const scoped = (branch: string) => `${image}-${branch}${leg}`;
  const reads = scopes.reads.map(scoped);
  const write = scopes.write === undefined ? undefined : scoped(scopes.write);
  const base = { reads, write, mode, warnings, why: scopes.why, rule: scopes.rule } as const;
  // Nothing is read or written: the plan must not name scopes (the log and summary show them).
  const none = (cause: CacheCause, why: string): CachePlan => ({
    ...base,
    kind: 'none',
    backend: 'none',
    reason: why,
    because: cause,
    why: '',
    reads: [],
    write: undefined,
    cacheFrom: [],
    cacheTo: [],
  });

  if (request.cacheFrom.length > 0 || request.cacheTo.length > 0) {
    return {
      ...none('explicit', 'cache-from / cache-to are set: used as given'),
      kind: 'explicit',
      backend: 'given',
      cacheFrom: request.cacheFrom,
      cacheTo: request.cacheTo.map(exportDefaults),
    };
  }
  const offered = actionsCacheService(env);
  // A service that failed its probe is no service for this step; one whose token BuildKit
  // cannot parse still carries a local directory through @actions/cache.
  const service = health.service === undefined ? offered : undefined;
  let backend = cache.backend;
  let reason = `\`cache: ${cache.backend}\``;
  let because: CacheCause = 'input';
  if (backend === 'auto') {
    const speaks = service && (service.version === 1 || atLeast(caps.buildkit, [0, 20]));
    if (offered && health.service !== undefined) {
      const next = request.pushes ? 'registry' : 'none';
      [backend, because, reason] = [
        next,
        request.pushes ? 'service-unhealthy-registry' : 'service-unhealthy-nothing-pushed',
        `the Actions cache service ${health.service}${request.pushes ? ', and the build pushes: the registry keeps the cache' : ', and nothing is pushed'}`,
      ];
      warnings.push(
        `The Actions cache service ${health.service}: Kiln does not use it in this step (no gha cache, no cache mounts kept)${request.pushes ? ' and keeps the cache in the registry instead' : '; no cache will persist after this job'}.`,
      );
    } else if (service && speaks && health.gha !== undefined) {
      [backend, because, reason] = [
        'local',
        'gha-token-unusable',
        `the runner offers the Actions cache service, but ${health.gha}, which BuildKit cannot use: a local cache directory carried by @actions/cache`,
      ];
      warnings.push(
        `The Actions cache service: ${health.gha}, so BuildKit cannot use it (type=gha would fail the build); Kiln keeps the cache in a local directory carried by @actions/cache instead.`,
      );
    } else if (service && speaks) [backend, because, reason] = ['gha', 'service-offered', `the runner offers the Actions cache service (v${service.version})`];
    else if (service) {
      [backend, because, reason] = [
        'local',
        'buildkit-too-old',
        `the runner offers the Actions cache service v2, but this builder's BuildKit (${caps.buildkit ?? '?'}) is older than 0.20, which v2 needs: a local cache directory carried by @actions/cache`,
      ];
    } else if (request.pushes) {
      [backend, because, reason] = ['registry', 'no-service-pushes', 'no Actions cache service here and the build pushes: the registry keeps the cache'];
    } else {
      [backend, because, reason] = ['none', 'no-service-nothing-pushed', 'no Actions cache service and nothing is pushed'];
      warnings.push(
        'No cache will persist after this job: no Actions cache service is available (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL/ACTIONS_CACHE_URL are not set) and the build pushes nothing. Set `cache: registry` with `cache-ref`, or run on GitHub Actions.',
      );
    }
  }

  // Kiln's own entries never set the export defaults (exportDefaults): added as they are.
  const writeOut = (fields: OptionFields) => (write === undefined ? [] : [optionFrom({ ...fields, mode, ...EXPORT_DEFAULTS })]);
  const managed = (on: ManagedBackend, cacheFrom: BuildxOption[], cacheTo: BuildxOption[], extra: Pick<CachePlanBase, 'local'> = {}): CachePlan => ({
    ...base,
    kind: 'managed',
    backend: on,
    reason,
    because,
    cacheFrom,
    cacheTo,
    ...extra,
  });
  switch (backend) {
    case 'gha': {
      if (offered && (health.service ?? health.gha) !== undefined) {
        warnings.push(
          `\`cache: gha\` needs the Actions cache service, but it ${health.service ?? `is unusable for BuildKit: ${health.gha ?? ''}`}: nothing is cached.`,
        );
        return none(
          health.service !== undefined ? 'service-unhealthy' : 'gha-token-unusable',
          `${reason}, but the Actions cache service ${health.service ?? 'token is unusable for BuildKit'}`,
        );
      }
      if (!service) {
        warnings.push(
          '`cache: gha` needs the Actions cache service, but ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set: nothing is cached. Kiln passes these through only to JavaScript steps; run it as a step of a GitHub Actions job.',
        );
        return none('no-service', `${reason}, but the runner offers no Actions cache service`);
      }
      // The token stays in the environment (buildx reads ACTIONS_RUNTIME_TOKEN); never on the command line.
      const where: OptionFields = service.version === 2 ? { version: '2', url_v2: service.url } : { url: service.url };
      // BuildKit waits 10 minutes per gha import and export by default: a hanging service must not.
      const { importTimeout } = CACHE_SERVICE_LIMITS;
      return managed(
        backend,
        reads.map((s) => optionFrom({ type: 'gha', ...where, scope: s, timeout: importTimeout })),
        write ? writeOut({ type: 'gha', ...where, scope: write, timeout: ghaExportTimeout(cache.exportTimeout) }) : [],
      );
    }
    case 'registry': {
      const tag = request.tags[0];
      const ref = cache.ref || (tag ? `${imageName(tag)}:buildcache` : '');
      if (ref === '') {
        warnings.push('`cache: registry` needs `cache-ref` (or a tag to derive it from): nothing is cached.');
        return none('no-cache-ref', `${reason}, but there is no cache-ref`);
      }
      // A tagged ref gets the scope appended to its tag; an untagged one gets buildcache-<scope>,
      // so every branch stays in the one repository the user named.
      const tagged = imageName(ref) !== ref;
      const refOf = (scope: string) => (tagged ? `${ref}-${scope.slice(image.length + 1)}` : `${ref}:buildcache-${scope.slice(image.length + 1)}`);
      // image-manifest + OCI media types: the form every registry accepts, ECR included.
      const attrs: OptionFields = { 'image-manifest': 'true', 'oci-mediatypes': 'true' };
      return managed(
        backend,
        reads.map((s) => optionFrom({ type: 'registry', ref: refOf(s) })),
        write ? writeOut({ type: 'registry', ref: refOf(write), ...attrs }) : [],
      );
    }
    case 'local': {
      if (offered && health.service !== undefined) {
        warnings.push(`\`cache: local\` carries its directory through the Actions cache service, but it ${health.service}: nothing is cached.`);
        return none('service-unhealthy', `${reason}, but the Actions cache service ${health.service}`);
      }
      if (!service) {
        warnings.push(
          '`cache: local` carries its directory between runs through the Actions cache service, but ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set: nothing is cached. Use `cache: registry` with `cache-ref`, or run it as a step of a GitHub Actions job.',
        );
        return none('no-service', `${reason}, but the runner offers no Actions cache service`);
      }
      // @actions/cache versions an entry by its path: the directory's path relative to cacheRoot
      // (the step's own temp directory, see setup/actions-cache.ts) must be the same on every
      // runner and for every branch of the image,
      // or a pull request could never restore what main saved.
      const dir = `${cacheRoot}/kiln-cache/${image}${leg}`;
      const key = (scope: string) => `kiln-buildkit-${scope}-`;
      return managed(backend, [optionFrom({ type: 'local', src: dir })], write ? writeOut({ type: 'local', dest: dir }) : [], {
        local: { dir, restoreKeys: reads.map(key), saveKeyPrefix: write ? key(write) : undefined },
      });
    }
    case 'inline':
      return managed(backend, request.tags.slice(0, 1).map(registryRefOption), write ? [optionFrom({ type: 'inline' })] : []);
    default:
      return none(because, reason);
  }
}
