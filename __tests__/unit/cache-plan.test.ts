import { describe, expect, it } from '@jest/globals';
import type { GithubContext } from '../../src/github/context.js';
import { InputError, InputErrors } from '../../src/inputs/errors.js';
import type { BuildxOption } from '../../src/inputs/buildx-option.js';
import { cacheOption } from '../../src/inputs/parse-buildx-options.js';
import { readInputs } from '../../src/inputs/read.js';
import type { CacheInputs } from '../../src/inputs/types.js';
import type { InputName } from '../../src/names.js';
import {
  actionsCacheService,
  type BuilderCaps,
  type CacheCause,
  type CachePlan,
  type CacheRequest,
  embeddedBuildkit,
  eventScopes,
  exportDefaults,
  imageScope,
  planCache,
  type ServiceHealth,
} from '../../src/plan/cache.js';
import { cacheShown, shownEntry } from '../../src/report/cache-shown.js';
import { bareRef, entryOf, githubContext, inputSource, makeCache, platformsOf, thrown } from './support.js';

const TOKEN = 'ghs_runtime-token-never-on-a-command-line';
const RESULTS = 'https://results-receiver.actions.githubusercontent.com/';
const CACHE_V1 = 'https://artifactcache.ghes.example.com/AbC123';
const V2 = { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_CACHE_SERVICE_V2: 'True', ACTIONS_RESULTS_URL: RESULTS };
const V1 = { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_CACHE_URL: CACHE_V1 };
const ROOT = '/home/runner/tmp';
const NEW: BuilderCaps = { buildkit: '0.25.0' };
const OLD: BuilderCaps = { buildkit: '0.13.0' };
const DEFAULTS = 'ignore-error=true,compression=zstd';

// --- events -------------------------------------------------------------------------------------

const repository = { default_branch: 'main', full_name: 'o/r' };
const pushMain = githubContext({ payload: { repository } });
const pushFeature = githubContext({ ref: 'refs/heads/feature/x', payload: { repository } });
const pullRequest = (headRepo: string, eventName = 'pull_request', ref = 'refs/pull/7/merge'): GithubContext =>
  githubContext({
    eventName,
    ref,
    payload: { number: 7, repository, pull_request: { number: 7, base: { ref: 'develop' }, head: { repo: { full_name: headRepo } } } },
  });
const samePr = pullRequest('o/r');
const forkPr = pullRequest('someone/r');
const prTarget = pullRequest('someone/r', 'pull_request_target', 'refs/heads/develop');
const tag = githubContext({ ref: 'refs/tags/v1', payload: { repository } });
const release = githubContext({ eventName: 'release', ref: 'refs/tags/v1.2.0', payload: { repository } });

/** What the build is about: one tagged image for the runner's platform, nothing explicit. */
type RequestOverrides = Omit<Partial<CacheRequest>, 'cacheFrom' | 'cacheTo'> & { cacheFrom?: (string | BuildxOption)[]; cacheTo?: (string | BuildxOption)[] };
function request(given: RequestOverrides = {}): CacheRequest {
  const { cacheFrom, cacheTo, ...overrides } = given;
  return {
    tags: ['ghcr.io/o/app:1'],
    platforms: [],
    pushes: false,
    dockerfile: 'Dockerfile',
    target: '',
    ...overrides,
    cacheFrom: (cacheFrom ?? []).map(entryOf),
    cacheTo: (cacheTo ?? []).map(entryOf),
  };
}

interface PlanOptions {
  cache?: Partial<CacheInputs>;
  request?: RequestOverrides;
  ctx?: GithubContext;
  env?: Record<string, string>;
  caps?: BuilderCaps;
  health?: ServiceHealth;
}

/**
 * The plan, its entries as records. Every entry of every plan this file makes is checked on the
 * way: the text Kiln writes on the command line reads back (as buildx reads it) as the attributes
 * Kiln built it from.
 */
function planned(options: PlanOptions = {}): CachePlan {
  const p = planCache(
    makeCache(options.cache),
    request(options.request),
    options.ctx ?? pushMain,
    options.env ?? V2,
    options.caps ?? NEW,
    ROOT,
    options.health,
  );
  for (const entry of [...p.cacheFrom, ...p.cacheTo])
    expect({ raw: entry.raw, attrs: cacheOption(entry.raw).attrs }).toEqual({ raw: entry.raw, attrs: entry.attrs });
  return p;
}

const raw = (entry: BuildxOption) => entry.raw;

/** The plan as the command line sees it: its entries' text. */
type PlanText = Omit<CachePlan, 'cacheFrom' | 'cacheTo'> & { cacheFrom: string[]; cacheTo: string[] };
function plan(options: PlanOptions = {}): PlanText {
  const p = planned(options);
  return { ...p, cacheFrom: p.cacheFrom.map(raw), cacheTo: p.cacheTo.map(raw) };
}

describe('embeddedBuildkit: the docker driver speaks the engine’s BuildKit', () => {
  it.each<[string, string | undefined]>([
    ['29.0.1', '0.26.0'],
    ['28.0.0', '0.20.0'],
    ['28.0.4', '0.20.0'],
    ['28.1.1', '0.21.0'],
    ['28.3.2', '0.23.0'],
    ['28.5.1', '0.25.0'],
    ['28.9.0', '0.25.0'],
    ['27.0.3', '0.15.0'],
    ['27.2.1', '0.15.0'],
    ['27.3.1', '0.16.0'],
    ['27.5.1', '0.16.0'],
    ['26.1.4', '0.13.0'],
    ['26.0.0', '0.13.0'],
    ['25.0.5', '0.12.0'],
    ['24.0.9', '0.11.0'],
    ['23.0.6', '0.11.0'],
    ['20.10.24', undefined],
    ['19.03.15', undefined],
    ['', undefined],
  ])('Docker %j → BuildKit %j', (engine, buildkit) => {
    expect(embeddedBuildkit(engine)).toBe(buildkit);
  });

  it.each(['27.5.1', '26.1.4', '25.0.5', '24.0.9'])('Docker %s’s BuildKit is too old for the cache protocol v2: local cache', (engine) => {
    const p = plan({ caps: { buildkit: embeddedBuildkit(engine) } });
    expect(p.backend).toBe('local');
  });

  it('Docker 28.0’s BuildKit speaks v2: gha', () => {
    expect(plan({ caps: { buildkit: embeddedBuildkit('28.0.0') } }).backend).toBe('gha');
  });
});

describe('imageScope: the name every scope starts with', () => {
  it.each<[string, RequestOverrides, string, string]>([
    ['cache-scope wins over the tag, cleaned', { tags: ['ghcr.io/o/app:1'] }, 'My Image/Web_1.0', 'my-image-web_1.0'],
    ['cache-scope cleaned of leading and trailing separators', {}, '  /Api/ ', 'api'],
    ['first tag: registry host dropped', { tags: ['ghcr.io/o/app:1', 'docker.io/other/thing:2'] }, '', 'o-app'],
    ['registry host with a port', { tags: ['localhost:5000/kiln/x:t'] }, '', 'kiln-x'],
    ['bare localhost', { tags: ['localhost/x:t'] }, '', 'x'],
    ['Docker Hub user/app:tag keeps the user', { tags: ['user/app:tag'] }, '', 'user-app'],
    ['Docker Hub official image', { tags: ['nginx:1.27'] }, '', 'nginx'],
    ['docker.io prefix dropped', { tags: ['docker.io/library/nginx:latest'] }, '', 'library-nginx'],
    ['a tag with no tag part', { tags: ['ghcr.io/o/app'] }, '', 'o-app'],
    ['a digest reference', { tags: [`ghcr.io/o/app@sha256:${'a'.repeat(64)}`] }, '', 'o-app'],
    ['a tag and a digest', { tags: [`ghcr.io/o/app:1@sha256:${'a'.repeat(64)}`] }, '', 'o-app'],
    ['a registry port and no tag part', { tags: ['localhost:5000/kiln/x'] }, '', 'kiln-x'],
    ['upper case in the repository', { tags: ['ghcr.io/O/App:1'] }, '', 'o-app'],
    ['no tags: the Dockerfile path', { tags: [], dockerfile: 'Dockerfile' }, '', 'dockerfile'],
    ['no tags: the Dockerfile path and target', { tags: [], dockerfile: 'services/api/Dockerfile', target: 'prod' }, '', 'services-api-dockerfile-prod'],
    ['no tags, no Dockerfile path: Dockerfile', { tags: [], dockerfile: '' }, '', 'dockerfile'],
    ['no tags, a target only', { tags: [], dockerfile: '', target: 'test' }, '', 'dockerfile-test'],
    ['no tags, a Dockerfile outside the workspace: no leading dots', { tags: [], dockerfile: '../../tmp/ctx/Dockerfile' }, '', 'tmp-ctx-dockerfile'],
    ['cache-scope of dots only', {}, '../..', ''],
  ])('%s', (_, req, scope, expected) => {
    expect(imageScope({ scope }, request(req))).toBe(expected);
  });
});

describe('eventScopes: reads and writes by event', () => {
  it.each<[string, GithubContext, CacheInputs['write'], string[], string | undefined, boolean, string]>([
    ['push to main', pushMain, 'auto', ['main'], 'main', true, 'push on main: reads main, writes main'],
    ['push to feature/x', pushFeature, 'auto', ['feature-x', 'main'], 'feature-x', false, 'push on feature/x: reads feature/x, main, writes feature/x'],
    [
      'same-repository PR #7 into develop',
      samePr,
      'auto',
      ['pr-7', 'develop', 'main'],
      'pr-7',
      false,
      'pull request #7: reads pr-7, develop, main, writes pr-7 only',
    ],
    ['fork PR', forkPr, 'auto', ['develop', 'main'], undefined, false, 'fork pull request #7: reads develop, main, writes nothing'],
    [
      'pull_request_target',
      prTarget,
      'auto',
      ['develop', 'main'],
      undefined,
      false,
      'pull_request_target #7: reads develop, main, writes nothing (it runs with a write token: a PR must not poison the cache)',
    ],
    ['tag refs/tags/v1', tag, 'auto', ['main'], undefined, false, 'tag v1: reads main, writes nothing'],
    ['release (its tag ref)', release, 'auto', ['main'], undefined, false, 'tag v1.2.0: reads main, writes nothing'],
    [
      'release without a tag ref',
      githubContext({ eventName: 'release', ref: '', payload: { repository } }),
      'auto',
      ['main'],
      undefined,
      false,
      'release: reads main, writes nothing',
    ],
    [
      'workflow_dispatch on main',
      githubContext({ eventName: 'workflow_dispatch' }),
      'auto',
      ['main'],
      'main',
      true,
      'workflow_dispatch on main: reads main, writes main',
    ],
  ])('%s', (_, ctx, write, reads, written, defaultBranch, why) => {
    expect(eventScopes(ctx, write)).toMatchObject({ reads, write: written, defaultBranch, why });
  });

  it.each<[string, GithubContext, CacheInputs['write'], string | undefined]>([
    ['cache-write: false stops a push to main', pushMain, 'false', undefined],
    ['cache-write: false stops a push to a branch', pushFeature, 'false', undefined],
    ['cache-write: false stops a same-repository PR', samePr, 'false', undefined],
    ['cache-write: true on a push writes its branch', pushFeature, 'true', 'feature-x'],
    ['cache-write: true on a PR writes its own scope', samePr, 'true', 'pr-7'],
    ['cache-write: true on a tag writes the default branch it reads', tag, 'true', 'main'],
    ['cache-write: true on a release writes the default branch it reads', release, 'true', 'main'],
  ])('%s', (_, ctx, write, written) => {
    const scopes = eventScopes(ctx, write);
    expect(scopes.write).toBe(written);
    // The override changes only what is written, never what is read.
    expect(scopes.reads).toEqual(eventScopes(ctx, 'auto').reads);
  });

  it('the default branch comes from the payload (trunk)', () => {
    const trunk = { repository: { default_branch: 'trunk', full_name: 'o/r' } };
    expect(eventScopes(githubContext({ ref: 'refs/heads/trunk', payload: trunk }), 'auto')).toEqual({
      reads: ['trunk'],
      write: 'trunk',
      defaultBranch: true,
      why: 'push on trunk: reads trunk, writes trunk',
      rule: 'trusted-event',
    });
    expect(eventScopes(githubContext({ ref: 'refs/heads/main', payload: trunk }), 'auto')).toMatchObject({
      reads: ['main', 'trunk'],
      write: 'main',
      defaultBranch: false,
    });
    expect(eventScopes(githubContext({ ref: 'refs/tags/v2', payload: trunk }), 'auto')).toMatchObject({ reads: ['trunk'], write: undefined });
    const pr = githubContext({
      eventName: 'pull_request',
      ref: 'refs/pull/3/merge',
      payload: { ...trunk, pull_request: { number: 3, head: { repo: { full_name: 'o/r' } } } },
    });
    expect(eventScopes(pr, 'auto')).toMatchObject({ reads: ['pr-3', 'trunk'], write: 'pr-3' });
  });

  it('without a payload the default branch is main', () => {
    expect(eventScopes(githubContext({ ref: 'refs/heads/dev', payload: {} }), 'auto').reads).toEqual(['dev', 'main']);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['pull_request.number', { pull_request: { number: 12, base: { ref: 'main' } } }, 'refs/pull/99/merge', 'pr-12'],
    ['the top-level number', { number: 13 }, 'refs/pull/99/merge', 'pr-13'],
    ['the ref when the payload has none', {}, 'refs/pull/14/merge', 'pr-14'],
    ['the ref of refs/pull/N/head', {}, 'refs/pull/15/head', 'pr-15'],
  ])('the PR number from %s', (_, payload, ref, scope) => {
    const scopes = eventScopes(githubContext({ eventName: 'pull_request', ref, payload }), 'auto');
    expect(scopes.write).toBe(scope);
    expect(scopes.reads[0]).toBe(scope);
  });

  it('a PR into the default branch reads it once', () => {
    const ctx = githubContext({
      eventName: 'pull_request',
      ref: 'refs/pull/8/merge',
      payload: { repository, pull_request: { number: 8, base: { ref: 'main' }, head: { repo: { full_name: 'o/r' } } } },
    });
    expect(eventScopes(ctx, 'auto')).toMatchObject({ reads: ['pr-8', 'main'], write: 'pr-8', why: 'pull request #8: reads pr-8, main, writes pr-8 only' });
  });

  it('branch names are cleaned into scope names', () => {
    expect(eventScopes(githubContext({ ref: 'refs/heads/Dependabot/npm_and_yarn/Foo@1.2' }), 'auto')).toMatchObject({
      reads: ['dependabot-npm_and_yarn-foo-1.2', 'main'],
      write: 'dependabot-npm_and_yarn-foo-1.2',
    });
  });

  // A PR from a fork that has since been deleted arrives with `pull_request.head.repo: null`:
  // still a fork PR, so it writes nothing.
  it('a fork PR whose fork was deleted (head.repo null) writes nothing', () => {
    const ctx = githubContext({
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      payload: { repository, pull_request: { number: 7, base: { ref: 'develop' }, head: { repo: null } } },
    });
    expect(eventScopes(ctx, 'auto').write).toBeUndefined();
  });

  // The why is told from the final plan: cache-write never leaves it claiming a write that is
  // cancelled (or denying one that is forced).
  it('the why does not claim a write that cache-write: false cancels', () => {
    expect(eventScopes(pushMain, 'false').why).not.toContain('writes main');
  });
});

// Who may write is an allowlist: an event runs in the default branch's scope on someone else's
// behalf unless it is one of these (issue 19, item 4).
const ALLOWLIST_NOTE = ' (only push, schedule, workflow_dispatch, merge_group and same-repository pull_request write the cache; ';
describe('eventScopes: only trusted events write', () => {
  it.each<[string, string, string, string | undefined, string]>([
    ['push', 'refs/heads/main', 'trusted-event', 'main', 'push on main: reads main, writes main'],
    ['schedule', 'refs/heads/main', 'trusted-event', 'main', 'schedule on main: reads main, writes main'],
    ['workflow_dispatch', 'refs/heads/dev', 'trusted-event', 'dev', 'workflow_dispatch on dev: reads dev, main, writes dev'],
    [
      'merge_group',
      'refs/heads/gh-readonly-queue/main/pr-5-abc',
      'trusted-event',
      'gh-readonly-queue-main-pr-5-abc',
      'merge_group on gh-readonly-queue/main/pr-5-abc: reads gh-readonly-queue/main/pr-5-abc, main, writes gh-readonly-queue/main/pr-5-abc',
    ],
    [
      'issue_comment',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `issue_comment on main: reads main, writes nothing${ALLOWLIST_NOTE}issue_comment runs on someone else's behalf)`,
    ],
    [
      'workflow_run',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `workflow_run on main: reads main, writes nothing${ALLOWLIST_NOTE}workflow_run runs on someone else's behalf)`,
    ],
    [
      'pull_request_review',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `pull_request_review on main: reads main, writes nothing${ALLOWLIST_NOTE}pull_request_review runs on someone else's behalf)`,
    ],
    [
      'pull_request_review_comment',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `pull_request_review_comment on main: reads main, writes nothing${ALLOWLIST_NOTE}pull_request_review_comment runs on someone else's behalf)`,
    ],
    [
      'repository_dispatch',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `repository_dispatch on main: reads main, writes nothing${ALLOWLIST_NOTE}repository_dispatch runs on someone else's behalf)`,
    ],
    [
      'discussion',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `discussion on main: reads main, writes nothing${ALLOWLIST_NOTE}discussion runs on someone else's behalf)`,
    ],
    [
      'discussion_comment',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `discussion_comment on main: reads main, writes nothing${ALLOWLIST_NOTE}discussion_comment runs on someone else's behalf)`,
    ],
    [
      'an event GitHub adds later',
      'refs/heads/main',
      'untrusted-event',
      undefined,
      `an event GitHub adds later on main: reads main, writes nothing${ALLOWLIST_NOTE}an event GitHub adds later runs on someone else's behalf)`,
    ],
    ['workflow_dispatch on a tag', 'refs/tags/v3', 'tag', undefined, 'tag v3: reads main, writes nothing'],
  ])('%s', (eventName, ref, rule, write, why) => {
    expect(eventScopes(githubContext({ eventName, ref, payload: { repository } }), 'auto')).toMatchObject({ rule, write, why });
  });

  it.each<[string, GithubContext, string]>([
    ['a push', pushMain, 'trusted-event'],
    ['a same-repository pull request', samePr, 'pull-request'],
    ['a fork pull request', forkPr, 'fork-pull-request'],
    ['pull_request_target', prTarget, 'pull-request-target'],
    ['a tag', tag, 'tag'],
    ['a release without a tag ref', githubContext({ eventName: 'release', ref: '', payload: { repository } }), 'release'],
  ])('the rule of %s', (_, ctx, rule) => {
    expect(eventScopes(ctx, 'auto').rule).toBe(rule);
  });

  it('cache-write: true lets an issue_comment run write the branch it reads, and says so', () => {
    expect(eventScopes(githubContext({ eventName: 'issue_comment', payload: { repository } }), 'true')).toMatchObject({
      write: 'main',
      rule: 'cache-write-true',
      why: `issue_comment on main: reads main, writes main (cache-write: true)${ALLOWLIST_NOTE}issue_comment runs on someone else's behalf)`,
    });
  });

  it('cache-write: false on a push names its own rule', () => {
    expect(eventScopes(pushMain, 'false')).toMatchObject({ write: undefined, rule: 'cache-write-false' });
  });

  it('cache-write: false on an event that writes nothing anyway keeps the event’s rule', () => {
    expect(eventScopes(githubContext({ eventName: 'workflow_run', payload: { repository } }), 'false').rule).toBe('untrusted-event');
  });

  it('planCache: an issue_comment run exports nothing to the Actions cache, and no cache mount is saved (no write scope)', () => {
    const p = planned({ ctx: githubContext({ eventName: 'issue_comment', payload: { repository } }), env: V2, caps: NEW });
    expect(p).toMatchObject({ backend: 'gha', write: undefined, cacheTo: [], rule: 'untrusted-event' });
    expect(p.cacheFrom.map(raw)).toEqual([`type=gha,version=2,url_v2=${RESULTS},scope=o-app-main,timeout=30s`]);
  });

  it('planCache: a workflow_run run pushes but writes no registry cache', () => {
    const p = planned({
      ctx: githubContext({ eventName: 'workflow_run', payload: { repository } }),
      env: {},
      request: { pushes: true, tags: ['ghcr.io/o/app:1'] },
    });
    expect(p).toMatchObject({ backend: 'registry', write: undefined, cacheTo: [], rule: 'untrusted-event' });
  });
});

describe('exportDefaults: exports never fail a build', () => {
  it.each<[string | BuildxOption, string]>([
    ['type=gha,scope=a,mode=max', `type=gha,scope=a,mode=max,${DEFAULTS}`],
    ['type=registry,ref=r/app:cache', `type=registry,ref=r/app:cache,${DEFAULTS}`],
    ['type=local,dest=/tmp/cache', `type=local,dest=/tmp/cache,${DEFAULTS}`],
    ['type=gha,ignore-error=false', 'type=gha,ignore-error=false,compression=zstd'],
    ['type=registry,ref=r/app:cache,compression=gzip', 'type=registry,ref=r/app:cache,compression=gzip,ignore-error=true'],
    // Keys are read lower-cased (parse-buildx-options.ts); the text stays as given.
    [
      { raw: 'type=gha,Compression=estargz,IGNORE-ERROR=false', attrs: { type: 'gha', compression: 'estargz', 'ignore-error': 'false' } },
      'type=gha,Compression=estargz,IGNORE-ERROR=false',
    ],
    ['type=inline', 'type=inline'],
    [bareRef('user/app:cache'), `type=registry,ref=user/app:cache,${DEFAULTS}`],
    [bareRef('localhost:5000/app:cache'), `type=registry,ref=localhost:5000/app:cache,${DEFAULTS}`],
  ])('%j → %s', (given, expected) => {
    expect(exportDefaults(entryOf(given)).raw).toBe(expected);
  });
});

describe('actionsCacheService: what the runner offers', () => {
  it.each<[string, Record<string, string>, ReturnType<typeof actionsCacheService>]>([
    ['v2: ACTIONS_CACHE_SERVICE_V2 with ACTIONS_RESULTS_URL', V2, { version: 2, url: RESULTS }],
    ['v2 with any non-false value', { ...V2, ACTIONS_CACHE_SERVICE_V2: '1' }, { version: 2, url: RESULTS }],
    ['v2 wins over v1 when both are offered', { ...V2, ACTIONS_CACHE_URL: CACHE_V1 }, { version: 2, url: RESULTS }],
    ['v2 on github.com', { ...V2, ACTIONS_CACHE_URL: CACHE_V1, GITHUB_SERVER_URL: 'https://github.com' }, { version: 2, url: RESULTS }],
    ['v2 on a GHE.com cloud', { ...V2, ACTIONS_CACHE_URL: CACHE_V1, GITHUB_SERVER_URL: 'https://octo.ghe.com' }, { version: 2, url: RESULTS }],
    ['v2 on a *.localhost test host', { ...V2, ACTIONS_CACHE_URL: CACHE_V1, GITHUB_SERVER_URL: 'http://github.localhost' }, { version: 2, url: RESULTS }],
    [
      'v1 on GitHub Enterprise Server, even with ACTIONS_CACHE_SERVICE_V2',
      { ...V2, ACTIONS_CACHE_URL: CACHE_V1, GITHUB_SERVER_URL: 'https://ghes.example.com' },
      { version: 1, url: `${CACHE_V1}/` },
    ],
    ['none on GHES with only a results URL', { ...V2, GITHUB_SERVER_URL: 'https://ghes.example.com' }, undefined],
    ['v1: ACTIONS_CACHE_URL, trailing slash added', V1, { version: 1, url: `${CACHE_V1}/` }],
    ['v1: a trailing slash is kept as is', { ...V1, ACTIONS_CACHE_URL: `${CACHE_V1}/` }, { version: 1, url: `${CACHE_V1}/` }],
    [
      'v1 when ACTIONS_CACHE_SERVICE_V2 is "false"',
      { ...V1, ACTIONS_CACHE_SERVICE_V2: 'false', ACTIONS_RESULTS_URL: RESULTS },
      { version: 1, url: `${CACHE_V1}/` },
    ],
    ['v1 when ACTIONS_CACHE_SERVICE_V2 is "0"', { ...V1, ACTIONS_CACHE_SERVICE_V2: '0', ACTIONS_RESULTS_URL: RESULTS }, { version: 1, url: `${CACHE_V1}/` }],
    ['v1 when ACTIONS_CACHE_SERVICE_V2 is empty', { ...V1, ACTIONS_CACHE_SERVICE_V2: '', ACTIONS_RESULTS_URL: RESULTS }, { version: 1, url: `${CACHE_V1}/` }],
    ['v1 when v2 is asked for without ACTIONS_RESULTS_URL', { ...V1, ACTIONS_CACHE_SERVICE_V2: 'true' }, { version: 1, url: `${CACHE_V1}/` }],
    [
      'none: ACTIONS_CACHE_SERVICE_V2 "false" and only a results URL',
      { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_CACHE_SERVICE_V2: 'false', ACTIONS_RESULTS_URL: RESULTS },
      undefined,
    ],
    [
      'none: ACTIONS_CACHE_SERVICE_V2 "0" and only a results URL',
      { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_CACHE_SERVICE_V2: '0', ACTIONS_RESULTS_URL: RESULTS },
      undefined,
    ],
    ['none without ACTIONS_RUNTIME_TOKEN (v2)', { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: RESULTS }, undefined],
    ['none without ACTIONS_RUNTIME_TOKEN (v1)', { ACTIONS_CACHE_URL: CACHE_V1 }, undefined],
    ['none with an empty ACTIONS_RUNTIME_TOKEN', { ...V2, ACTIONS_RUNTIME_TOKEN: '' }, undefined],
    ['none with a token and no URL', { ACTIONS_RUNTIME_TOKEN: TOKEN }, undefined],
    ['none with an empty environment', {}, undefined],
  ])('%s', (_, env, expected) => {
    expect(actionsCacheService(env)).toEqual(expected);
  });
});

describe('planCache: auto with the Actions cache service', () => {
  it('v2 service + BuildKit 0.25: gha entries exactly, the token in none of them', () => {
    const p = plan({ ctx: samePr });
    const gha = `type=gha,version=2,url_v2=${RESULTS}`;
    expect(p).toEqual({
      kind: 'managed',
      backend: 'gha',
      reason: expect.any(String),
      because: 'service-offered',
      why: 'pull request #7: reads pr-7, develop, main, writes pr-7 only',
      rule: 'pull-request',
      reads: ['o-app-pr-7', 'o-app-develop', 'o-app-main'],
      write: 'o-app-pr-7',
      mode: 'min',
      cacheFrom: [`${gha},scope=o-app-pr-7,timeout=30s`, `${gha},scope=o-app-develop,timeout=30s`, `${gha},scope=o-app-main,timeout=30s`],
      cacheTo: [`${gha},scope=o-app-pr-7,timeout=150s,mode=min,${DEFAULTS}`],
      warnings: [],
    });
    expect(JSON.stringify(p)).not.toContain(TOKEN);
  });

  it('v2 service + a builder that does not say its BuildKit: assumed recent, gha', () => {
    expect(plan({ caps: {} }).backend).toBe('gha');
  });

  it.each(['0.20.0', 'v0.20.1', '0.21.0-rc1', '1.0.0'])('v2 service + BuildKit %s: gha', (buildkit) => {
    expect(plan({ caps: { buildkit } }).backend).toBe('gha');
  });

  it('v2 service + BuildKit 0.13: a local directory carried by the Actions cache', () => {
    const p = plan({ caps: OLD, ctx: pushFeature });
    const dir = `${ROOT}/kiln-cache/o-app`;
    expect(p).toEqual({
      kind: 'managed',
      backend: 'local',
      reason: expect.any(String),
      because: 'buildkit-too-old',
      why: 'push on feature/x: reads feature/x, main, writes feature/x',
      rule: 'trusted-event',
      reads: ['o-app-feature-x', 'o-app-main'],
      write: 'o-app-feature-x',
      mode: 'min',
      cacheFrom: [`type=local,src=${dir}`],
      cacheTo: [`type=local,dest=${dir},mode=min,${DEFAULTS}`],
      local: { dir, restoreKeys: ['kiln-buildkit-o-app-feature-x-', 'kiln-buildkit-o-app-main-'], saveKeyPrefix: 'kiln-buildkit-o-app-feature-x-' },
      warnings: [],
    });
    expect(JSON.stringify(p)).not.toContain(TOKEN);
  });

  it('local on a tag: reads the default branch’s directory, saves nothing', () => {
    const p = plan({ caps: OLD, ctx: tag });
    const dir = `${ROOT}/kiln-cache/o-app`;
    expect(p).toMatchObject({
      backend: 'local',
      cacheFrom: [`type=local,src=${dir}`],
      cacheTo: [],
      local: { dir, restoreKeys: ['kiln-buildkit-o-app-main-'], saveKeyPrefix: undefined },
    });
  });

  // @actions/cache versions an entry by its paths, and restores only entries of the same version:
  // the local directory is one per image (not per branch), so a branch or PR can restore what the
  // default branch saved.
  it('local: a branch restores into the same path the default branch saved, so its fallback can hit', () => {
    const onMain = plan({ caps: OLD, ctx: pushMain });
    const onBranch = plan({ caps: OLD, ctx: pushFeature });
    const onPr = plan({ caps: OLD, ctx: samePr });
    expect(onBranch.local?.restoreKeys).toContain(onMain.local?.saveKeyPrefix);
    expect(onBranch.local?.dir).toBe(onMain.local?.dir);
    expect(onPr.local?.dir).toBe(onMain.local?.dir);
  });

  it('v1 service + BuildKit 0.13: gha with url= (v1 needs no new BuildKit)', () => {
    const p = plan({ caps: OLD, env: V1 });
    const gha = `type=gha,url=${CACHE_V1}/`;
    expect(p).toMatchObject({
      backend: 'gha',
      because: 'service-offered',
      reads: ['o-app-main'],
      write: 'o-app-main',
      mode: 'max',
      cacheFrom: [`${gha},scope=o-app-main,timeout=30s`],
      cacheTo: [`${gha},scope=o-app-main,timeout=150s,mode=max,${DEFAULTS}`],
      warnings: [],
    });
    expect(p.local).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain(TOKEN);
  });
});

describe('planCache: auto without the Actions cache service', () => {
  it('a push: the registry keeps the cache', () => {
    const p = plan({ env: {}, ctx: pushFeature, request: { pushes: true } });
    expect(p).toEqual({
      kind: 'managed',
      backend: 'registry',
      reason: expect.any(String),
      because: 'no-service-pushes',
      why: 'push on feature/x: reads feature/x, main, writes feature/x',
      rule: 'trusted-event',
      reads: ['o-app-feature-x', 'o-app-main'],
      write: 'o-app-feature-x',
      mode: 'min',
      cacheFrom: ['type=registry,ref=ghcr.io/o/app:buildcache-feature-x', 'type=registry,ref=ghcr.io/o/app:buildcache-main'],
      cacheTo: [`type=registry,ref=ghcr.io/o/app:buildcache-feature-x,image-manifest=true,oci-mediatypes=true,mode=min,${DEFAULTS}`],
      warnings: [],
    });
  });

  it('a push from a registry with a port: the port stays, the tag is replaced', () => {
    const p = plan({ env: {}, request: { pushes: true, tags: ['localhost:5000/kiln/x:t'] } });
    expect(p.cacheFrom).toEqual(['type=registry,ref=localhost:5000/kiln/x:buildcache-main']);
    expect(p.cacheTo).toEqual([`type=registry,ref=localhost:5000/kiln/x:buildcache-main,image-manifest=true,oci-mediatypes=true,mode=max,${DEFAULTS}`]);
  });

  it('a push of a digest-pinned or untagged reference', () => {
    expect(plan({ env: {}, request: { pushes: true, tags: [`ghcr.io/o/app@sha256:${'b'.repeat(64)}`] } }).cacheFrom).toEqual([
      'type=registry,ref=ghcr.io/o/app:buildcache-main',
    ]);
    expect(plan({ env: {}, request: { pushes: true, tags: ['localhost:5000/app'] } }).cacheFrom).toEqual([
      'type=registry,ref=localhost:5000/app:buildcache-main',
    ]);
  });

  it('nothing offered, nothing pushed: none, with a warning', () => {
    const p = plan({ env: {}, request: { pushes: false } });
    expect(p).toMatchObject({ kind: 'none', backend: 'none', because: 'no-service-nothing-pushed', cacheFrom: [], cacheTo: [] });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain('No cache will persist after this job');
    expect(p.warnings[0]).toContain('cache: registry');
  });
});

describe('planCache: explicit inputs', () => {
  it('cache-from / cache-to are used as given, with the export defaults; backend given', () => {
    const p = plan({
      request: {
        cacheFrom: ['type=gha,scope=mine', bareRef('user/app:cache')],
        cacheTo: ['type=gha,scope=mine,mode=max', bareRef('user/app:cache'), 'type=inline'],
      },
    });
    expect(p).toMatchObject({
      kind: 'explicit',
      backend: 'given',
      because: 'explicit',
      reads: [],
      write: undefined,
      cacheFrom: ['type=gha,scope=mine', 'user/app:cache'],
      cacheTo: [`type=gha,scope=mine,mode=max,${DEFAULTS}`, `type=registry,ref=user/app:cache,${DEFAULTS}`, 'type=inline'],
      warnings: [],
    });
    expect(p.local).toBeUndefined();
  });

  it("what the log and summary say: the user's own entries are what is read and written", () => {
    const p = planned({ request: { cacheFrom: ['type=registry,ref=r/app:cache'], cacheTo: ['type=registry,ref=r/app:cache,mode=max', 'type=local,dest=/c'] } });
    expect(cacheShown(p)).toEqual({
      reads: ['type=registry,ref=r/app:cache'],
      written: [`type=registry,ref=r/app:cache,mode=max,${DEFAULTS}`, `type=local,dest=/c,${DEFAULTS}`],
    });
    // Kiln's own plan says its scopes.
    const gha = planned({});
    expect(cacheShown(gha)).toEqual({ reads: ['o-app-main'], written: ['o-app-main'] });
    expect(cacheShown(planned({ env: {}, request: { pushes: false } }))).toEqual({ reads: [], written: [] });
  });

  it("the user's records are kept: cache-from as read, cache-to with the defaults in its text and its attributes", () => {
    const given = request({
      cacheFrom: ['type=gha,scope=mine', bareRef('user/app:cache')],
      cacheTo: [bareRef('user/app:cache'), { raw: 'type=gha,"scope=a,b",compression=gzip', attrs: { type: 'gha', scope: 'a,b', compression: 'gzip' } }],
    });
    const p = planCache(makeCache(), given, pushMain, V2, NEW, ROOT);
    expect(p.cacheFrom).toEqual(given.cacheFrom);
    expect(p.cacheFrom[0]).toBe(given.cacheFrom[0]);
    expect(p.cacheTo).toEqual([
      {
        raw: `type=registry,ref=user/app:cache,${DEFAULTS}`,
        attrs: { type: 'registry', ref: 'user/app:cache', 'ignore-error': 'true', compression: 'zstd' },
      },
      { raw: 'type=gha,"scope=a,b",compression=gzip,ignore-error=true', attrs: { type: 'gha', scope: 'a,b', compression: 'gzip', 'ignore-error': 'true' } },
    ]);
  });

  it('credentials in a given entry never reach the log or the summary', () => {
    expect(shownEntry(entryOf('type=s3,region=eu,bucket=b,access_key_id=AKIA1,secret_access_key=s3cr3t,session_token=tok'))).toBe(
      'type=s3,region=eu,bucket=b,access_key_id=***,secret_access_key=***,session_token=***',
    );
    expect(shownEntry(entryOf('type=gha,token=ghs_x,scope=a'))).toBe('type=gha,token=***,scope=a');
    expect(shownEntry(bareRef('user/app:cache'))).toBe('user/app:cache');
    // Read as buildx reads it: a quoted field stays one attribute, its value hidden whole.
    expect(shownEntry({ raw: 'type=s3,"secret_access_key=a,b",bucket=b', attrs: { type: 's3', secret_access_key: 'a,b', bucket: 'b' } })).toBe(
      'type=s3,secret_access_key=***,bucket=b',
    );
    // An entry without credentials is shown exactly as given.
    expect(shownEntry({ raw: 'type=gha,"scope=a,b"', attrs: { type: 'gha', scope: 'a,b' } })).toBe('type=gha,"scope=a,b"');
    const p = planned({ request: { cacheFrom: ['type=gha,token=ghs_x,scope=a'], cacheTo: ['type=s3,bucket=b,access_key_id=AKIA1'] } });
    expect(cacheShown(p)).toEqual({ reads: ['type=gha,token=***,scope=a'], written: [`type=s3,bucket=b,access_key_id=***,${DEFAULTS}`] });
  });

  it('cache-from alone: read as given, nothing exported', () => {
    expect(plan({ request: { cacheFrom: ['type=registry,ref=r/app:cache'] } })).toMatchObject({
      kind: 'explicit',
      backend: 'given',
      cacheFrom: ['type=registry,ref=r/app:cache'],
      cacheTo: [],
    });
  });

  it('explicit entries win over cache: gha', () => {
    expect(plan({ cache: { backend: 'gha' }, request: { cacheTo: ['type=local,dest=/c'] } })).toMatchObject({
      kind: 'explicit',
      backend: 'given',
      cacheTo: [`type=local,dest=/c,${DEFAULTS}`],
    });
  });

  it('cache: gha without the service: none, with a warning', () => {
    const p = plan({ cache: { backend: 'gha' }, env: {} });
    expect(p).toMatchObject({
      kind: 'none',
      backend: 'none',
      because: 'no-service',
      cacheFrom: [],
      cacheTo: [],
    });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain('`cache: gha` needs the Actions cache service');
  });

  it('cache: gha with a v2 service and an old BuildKit is used as asked', () => {
    expect(plan({ cache: { backend: 'gha' }, caps: OLD }).cacheFrom).toEqual([`type=gha,version=2,url_v2=${RESULTS},scope=o-app-main,timeout=30s`]);
  });

  it('cache: registry without tags or cache-ref: none, with a warning', () => {
    const p = plan({ cache: { backend: 'registry' }, request: { tags: [] } });
    expect(p).toMatchObject({ kind: 'none', backend: 'none', because: 'no-cache-ref', cacheFrom: [], cacheTo: [] });
    expect(p.warnings).toEqual(['`cache: registry` needs `cache-ref` (or a tag to derive it from): nothing is cached.']);
  });

  it('cache: registry with cache-ref: refs derived from it, even with the service offered', () => {
    const p = plan({ cache: { backend: 'registry', ref: 'ghcr.io/o/cache:app' }, ctx: samePr });
    expect(p).toMatchObject({
      backend: 'registry',
      because: 'input',
      cacheFrom: ['type=registry,ref=ghcr.io/o/cache:app-pr-7', 'type=registry,ref=ghcr.io/o/cache:app-develop', 'type=registry,ref=ghcr.io/o/cache:app-main'],
      cacheTo: [`type=registry,ref=ghcr.io/o/cache:app-pr-7,image-manifest=true,oci-mediatypes=true,mode=min,${DEFAULTS}`],
      warnings: [],
    });
  });

  it('cache: registry with cache-ref and no tags', () => {
    expect(plan({ cache: { backend: 'registry', ref: 'r.example/team/cache:x' }, request: { tags: [] } }).cacheFrom).toEqual([
      'type=registry,ref=r.example/team/cache:x-main',
    ]);
  });

  // A cache-ref without a tag keeps the repository the user named, with the scope in the tag
  // (`ghcr.io/o/app-cache:buildcache-main`), not a new repository per branch.
  it('cache: registry with an untagged cache-ref keeps the repository it names', () => {
    const p = plan({ cache: { backend: 'registry', ref: 'ghcr.io/o/app-cache' }, ctx: samePr });
    expect(p.cacheFrom).toHaveLength(3);
    for (const entry of [...p.cacheFrom, ...p.cacheTo]) expect(entry).toMatch(/^type=registry,ref=ghcr\.io\/o\/app-cache:[^/,]+(,|$)/);
  });

  it('cache: inline: reads the first tag, writes inline', () => {
    expect(plan({ cache: { backend: 'inline' }, request: { tags: ['ghcr.io/o/app:1', 'ghcr.io/o/app:latest'] } })).toMatchObject({
      backend: 'inline',
      because: 'input',
      cacheFrom: ['ghcr.io/o/app:1'],
      cacheTo: ['type=inline'],
      warnings: [],
    });
    expect(plan({ cache: { backend: 'inline' }, ctx: tag })).toMatchObject({ cacheFrom: ['ghcr.io/o/app:1'], cacheTo: [] });
  });

  it('cache: local without the Actions cache service caches nothing, and says so', () => {
    const p = plan({ cache: { backend: 'local' }, env: {} });
    expect(p.backend).toBe('none');
    expect(p.warnings).toEqual([expect.stringContaining('`cache: local` carries its directory between runs through the Actions cache service')]);
  });

  it('cache: local is used as asked, even with gha possible', () => {
    expect(plan({ cache: { backend: 'local' } })).toMatchObject({
      backend: 'local',
      cacheFrom: [`type=local,src=${ROOT}/kiln-cache/o-app`],
      cacheTo: [`type=local,dest=${ROOT}/kiln-cache/o-app,mode=max,${DEFAULTS}`],
    });
  });

  it('cache: none: nothing, no warning', () => {
    expect(plan({ cache: { backend: 'none' } })).toMatchObject({
      kind: 'none',
      backend: 'none',
      because: 'input',
      cacheFrom: [],
      cacheTo: [],
      warnings: [],
    });
  });

  it('cache-scope names every scope', () => {
    const p = plan({ cache: { scope: 'Web' }, ctx: pushFeature });
    expect(p.reads).toEqual(['web-feature-x', 'web-main']);
    expect(p.cacheTo).toEqual([`type=gha,version=2,url_v2=${RESULTS},scope=web-feature-x,timeout=150s,mode=min,${DEFAULTS}`]);
  });

  it('cache-scope with cache: registry: the branch goes after the derived ref', () => {
    expect(plan({ cache: { backend: 'registry', scope: 'web' } }).cacheFrom).toEqual(['type=registry,ref=ghcr.io/o/app:buildcache-main']);
  });
});

describe('planCache: a builder that cannot export cache (docker driver, classic image store)', () => {
  const CLASSIC: BuilderCaps = { buildkit: '0.25.0', cacheExport: false };

  it.each<[string, Parameters<typeof plan>[0]]>([
    ['gha', { env: V2 }],
    ['local', { env: V2, caps: { ...CLASSIC, buildkit: '0.13.0' } }],
    ['registry', { env: {}, request: { pushes: true } }],
  ])('%s: reads, writes nothing, and says why', (backend, options) => {
    const p = plan({ caps: CLASSIC, ...options });
    expect(p.backend).toBe(backend);
    expect(p.cacheFrom.length).toBeGreaterThan(0);
    expect(p.cacheTo).toEqual([]);
    expect(p.write).toBeUndefined();
    expect(p.local?.saveKeyPrefix).toBeUndefined();
    expect(p.warnings.join('\n')).toContain(`cannot export cache: the build reads the ${backend} cache but writes nothing to o-app-main`);
  });

  it('explicit cache-to and inline cache stay as given', () => {
    expect(plan({ caps: CLASSIC, request: { cacheTo: ['type=gha,mode=max'] } }).cacheTo).toEqual([`type=gha,mode=max,${DEFAULTS}`]);
    expect(plan({ caps: CLASSIC, cache: { backend: 'inline' } }).cacheTo).toEqual(['type=inline']);
  });

  it('a plan that writes nothing anyway gets no warning', () => {
    expect(plan({ caps: CLASSIC, ctx: forkPr }).warnings).toEqual([]);
  });
});

describe('planCache: none names no scopes', () => {
  it.each<[string, Parameters<typeof plan>[0]]>([
    ['nothing persists', { env: {} }],
    ['cache: none', { cache: { backend: 'none' } }],
    ['gha without the service', { env: {}, cache: { backend: 'gha' } }],
    ['registry without a ref', { env: {}, cache: { backend: 'registry' }, request: { tags: [] } }],
    ['local without the service', { env: {}, cache: { backend: 'local' } }],
  ])('%s', (_name, options) => {
    const p = plan(options);
    expect(p.backend).toBe('none');
    expect([p.reads, p.write, p.why, p.cacheFrom, p.cacheTo]).toEqual([[], undefined, '', [], []]);
  });
});

describe('planCache: mode, write and fan-out legs', () => {
  it.each<[string, Partial<CacheInputs>, GithubContext, 'min' | 'max']>([
    ['auto: max on a default-branch push', {}, pushMain, 'max'],
    ['auto: min on a branch push', {}, pushFeature, 'min'],
    ['auto: min on a PR', {}, samePr, 'min'],
    ['min on the default branch', { mode: 'min' }, pushMain, 'min'],
    ['max on a PR', { mode: 'max' }, samePr, 'max'],
  ])('cache-mode %s', (_, cache, ctx, mode) => {
    const p = plan({ cache, ctx });
    expect(p.mode).toBe(mode);
    expect(p.cacheTo).toHaveLength(1);
    expect(p.cacheTo[0]).toContain(`,mode=${mode},`);
  });

  it('a one-platform build (a fan-out leg) adds the platform to every scope', () => {
    const p = plan({ ctx: samePr, request: { platforms: platformsOf('linux/arm/v7') } });
    const gha = `type=gha,version=2,url_v2=${RESULTS}`;
    expect(p.reads).toEqual(['o-app-pr-7-linux-arm-v7', 'o-app-develop-linux-arm-v7', 'o-app-main-linux-arm-v7']);
    expect(p.write).toBe('o-app-pr-7-linux-arm-v7');
    expect(p.cacheFrom).toEqual([
      `${gha},scope=o-app-pr-7-linux-arm-v7,timeout=30s`,
      `${gha},scope=o-app-develop-linux-arm-v7,timeout=30s`,
      `${gha},scope=o-app-main-linux-arm-v7,timeout=30s`,
    ]);
    expect(p.cacheTo).toEqual([`${gha},scope=o-app-pr-7-linux-arm-v7,timeout=150s,mode=min,${DEFAULTS}`]);
  });

  it('a fan-out leg with the registry and the local backends', () => {
    const registry = plan({ env: {}, request: { pushes: true, platforms: platformsOf('linux/arm64') } });
    expect(registry.cacheFrom).toEqual(['type=registry,ref=ghcr.io/o/app:buildcache-main-linux-arm64']);
    const local = plan({ caps: OLD, request: { platforms: platformsOf('linux/arm64') } });
    expect(local.local).toEqual({
      dir: `${ROOT}/kiln-cache/o-app-linux-arm64`,
      restoreKeys: ['kiln-buildkit-o-app-main-linux-arm64-'],
      saveKeyPrefix: 'kiln-buildkit-o-app-main-linux-arm64-',
    });
  });

  it('several platforms in one build share one scope: no suffix', () => {
    expect(plan({ request: { platforms: platformsOf('linux/amd64', 'linux/arm64') } }).reads).toEqual(['o-app-main']);
  });

  it.each<[string, Partial<CacheInputs>, Record<string, string>, BuilderCaps, boolean]>([
    ['gha', {}, V2, NEW, false],
    ['gha v1', {}, V1, OLD, false],
    ['local', {}, V2, OLD, true],
    ['registry', { backend: 'registry' }, V2, NEW, false],
    ['inline', { backend: 'inline' }, V2, NEW, false],
  ])('a fork PR exports nothing (%s), but still reads', (_, cache, env, caps, local) => {
    const p = plan({ cache, env, caps, ctx: forkPr });
    expect(p.write).toBeUndefined();
    expect(p.cacheTo).toEqual([]);
    expect(p.cacheFrom.length).toBeGreaterThan(0);
    if (local) expect(p.local?.saveKeyPrefix).toBeUndefined();
  });

  it('pull_request_target and cache-write: false export nothing', () => {
    expect(plan({ ctx: prTarget }).cacheTo).toEqual([]);
    expect(plan({ cache: { write: 'false' } }).cacheTo).toEqual([]);
  });

  it('cache-write: true on a tag writes the default branch’s scope', () => {
    expect(plan({ cache: { write: 'true' }, ctx: tag }).cacheTo).toEqual([
      `type=gha,version=2,url_v2=${RESULTS},scope=o-app-main,timeout=150s,mode=min,${DEFAULTS}`,
    ]);
  });
});

describe('readInputs: cache inputs', () => {
  const cacheOf = (values: Partial<Record<InputName, string>>) => readInputs(inputSource(values)).inputs.cache;
  const errorsOf = (values: Partial<Record<InputName, string>>) => thrown(InputErrors, () => readInputs(inputSource(values))).errors;

  it('an empty with: block gives makeCache()', () => {
    expect(cacheOf({})).toEqual(makeCache());
  });

  it('action.yml’s defaults read as the defaults', () => {
    expect(cacheOf({ cache: 'auto', 'cache-mode': 'auto', 'cache-write': 'auto', 'cache-mounts': 'auto' })).toEqual(makeCache());
  });

  it('every cache input into its field', () => {
    expect(
      cacheOf({
        cache: ' Registry ',
        'cache-scope': ' web ',
        'cache-mode': 'MAX',
        'cache-ref': ' ghcr.io/o/cache:web ',
        'cache-write': 'False',
        'cache-mounts': 'none',
      }),
    ).toEqual({ backend: 'registry', scope: 'web', mode: 'max', ref: 'ghcr.io/o/cache:web', write: 'false', mounts: 'none', exportTimeout: 300 });
  });

  it.each<[string, number]>([
    ['', 300],
    ['5m', 300],
    ['90', 90],
    ['90s', 90],
    [' 2M ', 120],
    ['1h', 3600],
    ['0', 0],
  ])('cache-export-timeout %j is %i seconds', (value, seconds) => {
    expect(cacheOf({ 'cache-export-timeout': value }).exportTimeout).toBe(seconds);
  });

  it.each(['5 minutes', '-1', '1.5m', 'soon'])('cache-export-timeout %j is rejected, saying what is accepted', (value) => {
    const errors = errorsOf({ 'cache-export-timeout': value });
    expect(errors.map((e) => e.message)).toEqual([`Input "cache-export-timeout" has "${value}": use a duration such as 300, 90s, 5m or 1h (0 for no limit)`]);
  });

  it.each(['auto', 'gha', 'registry', 'local', 'inline', 'none'])('cache: %s is accepted', (word) => {
    expect(cacheOf({ cache: word }).backend).toBe(word);
  });

  it.each<[InputName, string, string]>([
    ['cache', 's3', 'use auto (the default), gha, registry, local, inline or none'],
    ['cache', 'true', 'use auto (the default), gha, registry, local, inline or none'],
    ['cache-mode', 'full', 'use auto (max on the default branch, min elsewhere), min or max'],
    [
      'cache-write',
      'yes',
      'use auto (by event: push, schedule, workflow_dispatch and merge_group write, same-repository pull requests their own scope, every other event nothing), true or false',
    ],
  ])('%s: %j is rejected, naming the input', (name, value, accepted) => {
    const errors = errorsOf({ [name]: value });
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toBeInstanceOf(InputError);
    expect(error?.input).toBe(name);
    expect(error?.value).toBe(value);
    expect(error?.message).toBe(`Input "${name}" has ${JSON.stringify(value)}: ${accepted}`);
  });

  it('bad cache words are all reported at once', () => {
    expect(errorsOf({ cache: 'x', 'cache-mode': 'y', 'cache-write': 'z' }).map((e) => e.input)).toEqual(['cache', 'cache-mode', 'cache-write']);
  });

  it.each<[string, CacheInputs['mounts']]>([
    ['', 'auto'],
    ['auto', 'auto'],
    [' none ', 'none'],
    ['/root/.npm', ['/root/.npm']],
    ['/root/.npm\n/root/.cache/go-build\n\n', ['/root/.npm', '/root/.cache/go-build']],
  ])('cache-mounts %j', (value, mounts) => {
    expect(cacheOf({ 'cache-mounts': value }).mounts).toEqual(mounts);
  });

  it('cache-mounts: a relative path is rejected, naming the input and the path', () => {
    const errors = errorsOf({ 'cache-mounts': '/root/.npm\nroot/.cache' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.input).toBe('cache-mounts');
    expect(errors[0]?.value).toBe('root/.cache');
    expect(errors[0]?.message).toBe(
      'Input "cache-mounts" has "root/.cache": use auto, none, or absolute paths of RUN --mount=type=cache targets, one per line',
    );
  });
});

describe('planCache: an Actions cache service that failed its probe', () => {
  const hanging = { service: 'did not answer within 3 s' };
  it('auto, the build pushes: the registry keeps the cache, with one warning', () => {
    const p = plan({ health: hanging, request: { pushes: true } });
    expect(p.backend).toBe('registry');
    expect(p.because).toBe('service-unhealthy-registry');
    expect(p.cacheFrom.join()).not.toContain('type=gha');
    expect(p.warnings).toEqual([
      expect.stringMatching(/^The Actions cache service did not answer within 3 s: Kiln does not use it in this step .* registry instead\.$/),
    ]);
  });

  it('auto, nothing pushed: no cache, with one warning (not two)', () => {
    const p = plan({ health: { service: 'is failing (HTTP 500)' }, request: { pushes: false } });
    expect(p).toMatchObject({ kind: 'none', backend: 'none', because: 'service-unhealthy-nothing-pushed', cacheFrom: [], cacheTo: [] });
    expect(p.warnings).toEqual([
      expect.stringContaining('is failing (HTTP 500): Kiln does not use it in this step (no gha cache, no cache mounts kept); no cache will persist'),
    ]);
  });

  it('auto, a token BuildKit cannot parse but a working service: a local directory carried by @actions/cache', () => {
    const p = plan({ health: { gha: 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT' } });
    expect(p.backend).toBe('local');
    expect(p.because).toBe('gha-token-unusable');
    expect(p.cacheFrom).toEqual([`type=local,src=${ROOT}/kiln-cache/o-app`]);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain('is not a JWT, so BuildKit cannot use it');
  });

  it.each<['gha' | 'local', ServiceHealth, CacheCause]>([
    ['gha', { service: 'refused the token (HTTP 401)' }, 'service-unhealthy'],
    ['gha', { gha: 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT' }, 'gha-token-unusable'],
    ['local', { service: 'did not answer within 3 s' }, 'service-unhealthy'],
  ])('cache: %s that cannot work: nothing cached, one warning saying why', (backend, health, because) => {
    const p = plan({ cache: { backend }, health });
    expect(p).toMatchObject({ kind: 'none', backend: 'none', because, cacheFrom: [], cacheTo: [] });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toContain(health.service ?? health.gha ?? '');
  });

  it('a healthy probe changes nothing', () => {
    expect(plan({ health: {} })).toEqual(plan());
  });
});

describe('planCache: the entries Kiln writes read back as their attributes', () => {
  // planned() checks this for every plan in this file; here a service URL that needs quoting.
  it('a service URL with a comma or a quote stays one attribute', () => {
    const url = 'https://results.example/a,b"c/';
    for (const env of [
      { ...V2, ACTIONS_RESULTS_URL: url },
      { ...V1, ACTIONS_CACHE_URL: url },
    ]) {
      const p = planned({ env });
      const entries = [...p.cacheFrom, ...p.cacheTo];
      expect(entries).toHaveLength(2);
      for (const entry of entries) expect(cacheOption(entry.raw).attrs).toEqual(entry.attrs);
      expect(entries.map((e) => e.attrs.url_v2 ?? e.attrs.url)).toEqual([url, url]);
    }
  });
});

describe('planCache: one cause per decision', () => {
  it.each<[string, PlanOptions, CachePlan['backend'], CacheCause]>([
    ['cache-from / cache-to given', { request: { cacheTo: ['type=gha,scope=x'] } }, 'given', 'explicit'],
    ['auto, the service offered and spoken', {}, 'gha', 'service-offered'],
    ['auto, v1 offered to an old BuildKit', { env: V1, caps: OLD }, 'gha', 'service-offered'],
    ['auto, v2 offered to BuildKit 0.13', { caps: OLD }, 'local', 'buildkit-too-old'],
    ['auto, a token BuildKit cannot parse', { health: { gha: 'its token is not a JWT' } }, 'local', 'gha-token-unusable'],
    ['auto, the probe failed, the build pushes', { health: { service: 'is failing' }, request: { pushes: true } }, 'registry', 'service-unhealthy-registry'],
    ['auto, the probe failed, nothing pushed', { health: { service: 'is failing' } }, 'none', 'service-unhealthy-nothing-pushed'],
    ['auto, no service, the build pushes', { env: {}, request: { pushes: true } }, 'registry', 'no-service-pushes'],
    ['auto, no service, nothing pushed', { env: {} }, 'none', 'no-service-nothing-pushed'],
    ['auto, no service, pushes by outputs with no tag', { env: {}, request: { pushes: true, tags: [] } }, 'none', 'no-cache-ref'],
    ['cache: registry', { cache: { backend: 'registry' } }, 'registry', 'input'],
    ['cache: inline', { cache: { backend: 'inline' } }, 'inline', 'input'],
    ['cache: local', { cache: { backend: 'local' } }, 'local', 'input'],
    ['cache: gha', { cache: { backend: 'gha' }, caps: OLD }, 'gha', 'input'],
    ['cache: none', { cache: { backend: 'none' } }, 'none', 'input'],
    ['cache: gha without a service', { cache: { backend: 'gha' }, env: {} }, 'none', 'no-service'],
    ['cache: local without a service', { cache: { backend: 'local' }, env: {} }, 'none', 'no-service'],
    ['cache: gha, the probe failed', { cache: { backend: 'gha' }, health: { service: 'is failing' } }, 'none', 'service-unhealthy'],
    ['cache: gha, a token BuildKit cannot parse', { cache: { backend: 'gha' }, health: { gha: 'its token is not a JWT' } }, 'none', 'gha-token-unusable'],
    ['cache: local, the probe failed', { cache: { backend: 'local' }, health: { service: 'is failing' } }, 'none', 'service-unhealthy'],
    ['cache: registry, no ref, no tag', { cache: { backend: 'registry' }, request: { tags: [] } }, 'none', 'no-cache-ref'],
  ])('%s', (_, options, backend, because) => {
    expect(plan(options)).toMatchObject({ backend, because });
  });

  // The one place the words are pinned: they are what users read in the log and the summary.
  it('the reason tells the cause in words', () => {
    expect(plan({ ctx: samePr }).reason).toBe('the runner offers the Actions cache service (v2)');
    expect(plan({ caps: OLD }).reason).toBe(
      "the runner offers the Actions cache service v2, but this builder's BuildKit (0.13.0) is older than 0.20, which v2 needs: a local cache directory carried by @actions/cache",
    );
    expect(plan({ health: { service: 'did not answer within 3 s' }, request: { pushes: true } }).reason).toBe(
      'the Actions cache service did not answer within 3 s, and the build pushes: the registry keeps the cache',
    );
    expect(plan({ cache: { backend: 'registry' }, request: { tags: [] } }).reason).toBe('`cache: registry`, but there is no cache-ref');
    expect(plan({ request: { cacheFrom: [bareRef('r/app:cache')] } }).reason).toBe('cache-from / cache-to are set: used as given');
  });
});
