// The step's one cache plan (plan/step-cache.ts): which facts are gathered for it, and the plan
// they give, the budget included. Expected values are written out.
import { describe, expect, it } from '@jest/globals';
import { cacheOption } from '../../src/inputs/parse-buildx-options.js';
import type { CacheInputs } from '../../src/inputs/types.js';
import type { CacheRequest } from '../../src/plan/cache.js';
import { type CacheFacts, mayUseActionsCache, mayWriteActionsCache, planStepCache, staleBuildkit } from '../../src/plan/step-cache.js';
import { githubContext, makeCache, platformsOf } from './support.js';

const GB = 1024 ** 3;
const TOKEN = 'ghs_runtime';
const V2 = { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'https://results.example/' };
const ctx = githubContext();
const request: CacheRequest = {
  tags: ['r/app:1'],
  platforms: platformsOf(),
  pushes: true,
  dockerfile: 'Dockerfile',
  target: '',
  cacheFrom: [],
  cacheTo: [],
};
const RECENT: CacheFacts = { caps: { buildkit: '0.25.0', cacheExport: true }, health: {} };

describe('which facts the cache plan is gathered for', () => {
  const explicit = { cacheFrom: [cacheOption('type=registry,ref=r/c:x')], cacheTo: [] };
  const cases: [string, CacheInputs['backend'], Pick<CacheRequest, 'cacheFrom' | 'cacheTo'>, Record<string, string>, boolean][] = [
    ['auto with the service offered', 'auto', request, V2, true],
    ['gha asked', 'gha', request, V2, true],
    ['local asked', 'local', request, V2, true],
    ['auto without a service', 'auto', request, {}, false],
    ['registry asked', 'registry', request, V2, false],
    ['explicit cache-from', 'auto', { ...request, ...explicit }, V2, false],
  ];
  it.each(cases)('%s: probed %s', (_name, backend, req, env, expected) => {
    expect(mayUseActionsCache(makeCache({ backend }), req, env)).toBe(expected);
  });

  it('the usage is asked only when the run may write, with a token and a repository', () => {
    const cache = makeCache();
    expect(mayWriteActionsCache(cache, request, ctx, V2, 'ghs_token')).toBe(true);
    expect(mayWriteActionsCache(cache, request, ctx, V2, '')).toBe(false);
    expect(mayWriteActionsCache(cache, request, githubContext({ repository: '' }), V2, 'ghs_token')).toBe(false);
    // A tag's run reads the default branch and writes nothing.
    expect(mayWriteActionsCache(cache, request, githubContext({ ref: 'refs/tags/v1' }), V2, 'ghs_token')).toBe(false);
    expect(mayWriteActionsCache(makeCache({ write: 'false' }), request, ctx, V2, 'ghs_token')).toBe(false);
  });
});

describe('planStepCache: one plan from the facts', () => {
  it('a recent builder and a healthy v2 service: gha, read and written, as planned when the usage is low', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { ...RECENT, usage: { bytes: 1 * GB, limitBytes: 10 * GB } }, '/t/kiln-1');
    expect(plan).toMatchObject({ kind: 'managed', backend: 'gha', write: 'r-app-main', mode: 'max' });
    expect(plan.limited).toBeUndefined();
    expect(plan.cacheTo.map((e) => e.raw)).toEqual([
      'type=gha,version=2,url_v2=https://results.example/,scope=r-app-main,timeout=150s,mode=max,ignore-error=true,compression=zstd',
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('a repository near its limit: the same scopes, exported at mode=min, and said once', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { ...RECENT, usage: { bytes: 8.5 * GB, limitBytes: 10 * GB } }, '/t/kiln-1');
    const limited = "the repository's Actions cache holds 8.5 GB of its 10.0 GB: a full write could take it over 90%, so this build writes mode=min";
    expect(plan).toMatchObject({ backend: 'gha', write: 'r-app-main', mode: 'min', limited });
    expect(plan.cacheTo.map((e) => e.attrs.mode)).toEqual(['min']);
    expect(plan.warnings).toEqual([`Cache budget: ${limited}.`]);
  });

  it('a repository over 90%: reads, writes nothing', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { ...RECENT, usage: { bytes: 9.5 * GB, limitBytes: 10 * GB } }, '/t/kiln-1');
    expect(plan).toMatchObject({ backend: 'gha', write: undefined, cacheTo: [] });
    expect(plan.cacheFrom.map((e) => e.attrs.scope)).toEqual(['r-app-main']);
    expect(plan.limited).toBe("the repository's Actions cache holds 9.5 GB of its 10.0 GB (90% or more): nothing written");
  });

  it('the usage does not touch a plan that does not write to the Actions cache', () => {
    const plan = planStepCache(makeCache({ backend: 'registry' }), request, ctx, V2, { ...RECENT, usage: { bytes: 9.5 * GB, limitBytes: 10 * GB } }, '/t');
    expect(plan).toMatchObject({ backend: 'registry', write: 'r-app-main' });
    expect(plan.limited).toBeUndefined();
    expect(plan.cacheTo.map((e) => e.attrs.ref)).toEqual(['r/app:buildcache-main']);
  });

  it('a service that failed its probe, and the build pushes: the registry keeps the cache', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { ...RECENT, health: { service: 'did not answer in 5 s' } }, '/t');
    expect(plan).toMatchObject({ backend: 'registry', because: 'service-unhealthy-registry' });
  });

  it('the docker driver on the classic store: reads the cache, writes none', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { caps: { buildkit: '0.25.0', cacheExport: false }, health: {} }, '/t');
    expect(plan).toMatchObject({ backend: 'gha', write: undefined, cacheTo: [] });
  });

  it('BuildKit 0.13 under a v2 service: a local directory under the step’s temp dir', () => {
    const plan = planStepCache(makeCache(), request, ctx, V2, { caps: { buildkit: '0.13.0', cacheExport: true }, health: {} }, '/t/kiln-1');
    expect(plan).toMatchObject({ backend: 'local', because: 'buildkit-too-old' });
    expect(plan.local?.dir).toBe('/t/kiln-1/kiln-cache/r-app');
  });
});

describe('staleBuildkit: a created builder older than the plan assumed', () => {
  const gha = { backend: 'gha' as const, cacheFrom: [cacheOption('type=gha,version=2,url_v2=https://r/,scope=a')] };
  it.each([
    ['v0.13.2', true],
    ['v0.19.9', true],
    ['v0.20.0', false],
    ['v0.26.1', false],
    ['v1.0.0', false],
    [undefined, false],
  ])('BuildKit %s: said %s', (version, said) => {
    expect(staleBuildkit(gha, version) !== undefined).toBe(said);
  });

  it('a v1 service or another backend: nothing to say', () => {
    expect(staleBuildkit({ backend: 'gha', cacheFrom: [cacheOption('type=gha,url=https://c/,scope=a')] }, 'v0.13.0')).toBeUndefined();
    expect(staleBuildkit({ backend: 'local', cacheFrom: [] }, 'v0.13.0')).toBeUndefined();
  });
});
