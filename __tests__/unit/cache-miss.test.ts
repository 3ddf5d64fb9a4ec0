import { describe, expect, it } from '@jest/globals';
import type { BuildStep } from '../../src/build/log.js';
import { firstMisses, type PreviousBuild } from '../../src/plan/cache-miss.js';
import { type CacheMissRequest, explainCacheMiss } from '../../src/report/cache-miss.js';
import { argHash, baseDigests, contextFiles, dockerfileSteps, filesOf, filesUsed, fingerprint, type Fingerprint } from '../../src/plan/fingerprint.js';
import { renderCacheMisses } from '../../src/report/cache-miss-summary.js';

const DOCKERFILE = [
  'ARG BASE=localhost:5000/busybox:latest',
  'FROM $BASE AS base',
  'ARG GREETING=hello',
  'ENV X=1',
  'WORKDIR /app',
  'COPY src/ ./src/',
  'RUN echo "$GREETING" \\',
  '    > /g.txt',
  'COPY --chmod=644 ["b.txt", "/b2.txt"]',
  '',
  'FROM base',
  'EXPOSE 80',
  'RUN echo two',
  'COPY --from=base /g.txt /h.txt',
].join('\n');

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);

describe('dockerfileSteps: the steps as BuildKit numbers them', () => {
  it('counts FROM of an image, WORKDIR, COPY, RUN, ADD; skips ARG, ENV, EXPOSE and a FROM of a stage', () => {
    const steps = dockerfileSteps(DOCKERFILE, { GREETING: 'secret-ish value' });
    expect(steps.steps.map((s) => [s.stage, s.n, s.line, s.text])).toEqual([
      ['base', 1, 2, 'FROM $BASE AS base'],
      ['base', 2, 5, 'WORKDIR /app'],
      ['base', 3, 6, 'COPY src/ ./src/'],
      ['base', 4, 7, 'RUN echo "$GREETING" > /g.txt'],
      ['base', 5, 9, 'COPY --chmod=644 ["b.txt", "/b2.txt"]'],
      ['stage-1', 1, 13, 'RUN echo two'],
      ['stage-1', 2, 14, 'COPY --from=base /g.txt /h.txt'],
    ]);
    expect(steps.needs).toEqual({ base: [], 'stage-1': ['base'] });
    expect(steps.steps[2]?.sources).toEqual(['src/']);
    expect(steps.steps[4]?.sources).toEqual(['b.txt']);
    expect(steps.steps[6]?.sources).toBeUndefined();
  });

  it('hashes the ARGs a RUN sees (build-arg over the default), never keeps a value', () => {
    const given = dockerfileSteps(DOCKERFILE, { GREETING: 'secret-ish value' });
    const defaulted = dockerfileSteps(DOCKERFILE, {});
    expect(given.steps[3]?.args).toEqual({ GREETING: argHash('GREETING', 'secret-ish value') });
    expect(defaulted.steps[3]?.args).toEqual({ GREETING: argHash('GREETING', 'hello') });
    expect(JSON.stringify(given)).not.toContain('secret-ish');
    // The stage after it declares no ARG: a build-arg does not reach it.
    expect(given.steps[5]?.args).toEqual({});
  });

  it('argHash: 16 hex digits, salted with the name, "unset" without a value', () => {
    expect(argHash('A', 'x')).toMatch(/^[0-9a-f]{16}$/);
    expect(argHash('A', 'x')).not.toBe(argHash('B', 'x'));
    expect(argHash('A', undefined)).toBe('unset');
  });

  it('a single stage, named or not, has no stage title, as BuildKit prints `[1/2]`', () => {
    expect(dockerfileSteps('FROM scratch\nCOPY a /a\n', {}).steps.map((s) => [s.stage, s.n])).toEqual([['', 1]]);
    expect(dockerfileSteps('FROM busybox AS base\nCOPY a /a\n', {}).steps.map((s) => [s.stage, s.n])).toEqual([
      ['', 1],
      ['', 2],
    ]);
  });
});

describe('the context files a step reads', () => {
  const paths = ['b.txt', 'src/a.txt', 'src/deep/c.txt', 'srcx/d.txt', 'README.md'];
  it.each([
    [['src/'], ['src/a.txt', 'src/deep/c.txt']],
    [['./src'], ['src/a.txt', 'src/deep/c.txt']],
    [['*.txt'], ['b.txt']],
    [['.'], paths],
    [
      ['README.md', 'b.txt'],
      ['b.txt', 'README.md'],
    ],
    [['nothing'], []],
  ])('%j reads %j', (sources, expected) => {
    expect(filesOf(sources, paths)).toEqual(expected);
  });

  it('.dockerignore removes files from the context', () => {
    expect(contextFiles(paths, '# comment\n*.md\nsrc/deep\n')).toEqual(['b.txt', 'src/a.txt', 'srcx/d.txt']);
    expect(contextFiles(paths, '')).toEqual(paths);
  });

  it('filesUsed: only the files some COPY or ADD reads', () => {
    expect(filesUsed(dockerfileSteps(DOCKERFILE, {}), paths)).toEqual(['b.txt', 'src/a.txt', 'src/deep/c.txt']);
  });
});

/** A log step as the build log reader gives it. */
function logStep(id: number, name: string, cached: boolean, platform?: string): BuildStep {
  const m = /^\[(?:(\S+\/\S+) )?(?:(\S+) )?\d+\/\d+\] (.*)$/.exec(name);
  const step: BuildStep = { id, name, cached, output: [], instruction: m?.[3] };
  if (m?.[2]) step.stage = m[2];
  if (platform) step.platform = platform;
  return step;
}

const FROM = `FROM localhost:5000/busybox:latest@${A}`;
const log = (greetingCached: boolean, finalCached: boolean): BuildStep[] => [
  { id: 1, name: '[internal] load build definition from Dockerfile', cached: false, output: [] },
  logStep(2, `[linux/amd64 base 1/5] ${FROM}`, false, 'linux/amd64'),
  logStep(3, '[linux/amd64 base 2/5] WORKDIR /app', true, 'linux/amd64'),
  logStep(4, '[linux/amd64 base 3/5] COPY src/ ./src/', true, 'linux/amd64'),
  logStep(5, '[linux/amd64 base 4/5] RUN echo "the value" > /g.txt', greetingCached, 'linux/amd64'),
  logStep(6, '[linux/amd64 base 5/5] COPY --chmod=644 b.txt /b2.txt', greetingCached, 'linux/amd64'),
  logStep(7, '[linux/amd64 stage-1 1/2] RUN echo two', finalCached, 'linux/amd64'),
  logStep(8, `[linux/arm64 base 1/5] ${FROM}`, false, 'linux/arm64'),
  logStep(9, '[linux/arm64 base 4/5] RUN echo "the value" > /g.txt', true, 'linux/arm64'),
  logStep(10, '[linux/arm64 stage-1 1/2] RUN echo two', true, 'linux/arm64'),
];

const paths = ['b.txt', 'src/a.txt'];
function build(args: Record<string, string>, digests: Record<string, string>, base = A, text = DOCKERFILE, target = ''): Fingerprint {
  const steps = dockerfileSteps(text, args);
  const bases = { 'linux/amd64': { base }, 'linux/arm64': { base } };
  return fingerprint(steps, { dockerfile: 'Dockerfile', target }, digests, paths, bases);
}
const FILES = { 'b.txt': '111', 'src/a.txt': '222' };
const before: PreviousBuild = { fingerprint: build({ GREETING: 'one' }, FILES), scope: 'app-main', scopes: ['app-pr-1', 'app-main'] };

describe('firstMisses: the first step that ran, and why', () => {
  it('a build argument changed: its name, never its value', () => {
    const now = build({ GREETING: 'two' }, FILES);
    const misses = firstMisses(now, before, log(false, false), 'linux/amd64');
    expect(misses).toEqual([
      {
        platform: 'linux/amd64',
        firstMiss: {
          step: { stage: 'base', n: 4, line: 7, text: 'RUN echo "$GREETING" > /g.txt' },
          cause: { kind: 'build-arg', names: ['GREETING'] },
          comparedWith: 'app-main',
        },
      },
      { platform: 'linux/arm64' },
    ]);
    expect(JSON.stringify(misses)).not.toContain('two');
    expect(renderCacheMisses(misses)).toBe(
      '### Why did the cache miss?\n\n' +
        '- **linux/amd64**: `[base 4] RUN echo "$GREETING" > /g.txt` (Dockerfile line 7) ran: build argument `GREETING` changed, compared with the build that wrote `app-main`\n' +
        '- **linux/arm64**: every step came from the cache\n',
    );
  });

  it('a context file changed: the path', () => {
    const now = build({ GREETING: 'one' }, { 'b.txt': '999', 'src/a.txt': '222' });
    const [amd] = firstMisses(
      now,
      before,
      log(true, false).map((s) => (s.id === 6 ? { ...s, cached: false } : s)),
      'linux/amd64',
    );
    expect(amd?.firstMiss?.step).toEqual({ stage: 'base', n: 5, line: 9, text: 'COPY --chmod=644 ["b.txt", "/b2.txt"]' });
    expect(amd?.firstMiss?.cause).toEqual({ kind: 'files', paths: ['b.txt'], more: 0 });
  });

  it('more than ten files: ten paths, then a count', () => {
    const many = Array.from({ length: 13 }, (_, i) => `src/f${String(i).padStart(2, '0')}`);
    const old = fingerprint(dockerfileSteps(DOCKERFILE, {}), { dockerfile: 'Dockerfile', target: '' }, {}, many, {});
    const digests = Object.fromEntries(many.map((p) => [p, 'new']));
    const now = fingerprint(dockerfileSteps(DOCKERFILE, {}), { dockerfile: 'Dockerfile', target: '' }, digests, many, {});
    const [amd] = firstMisses(now, { fingerprint: old, scope: 's', scopes: ['s'] }, [logStep(4, '[base 3/5] COPY src/ ./src/', false)], 'linux/amd64');
    expect(amd?.firstMiss?.cause).toEqual({
      kind: 'files',
      paths: ['src/f00', 'src/f01', 'src/f02', 'src/f03', 'src/f04', 'src/f05', 'src/f06', 'src/f07', 'src/f08', 'src/f09'],
      more: 3,
    });
    expect(renderCacheMisses(amd ? [amd] : [])).toContain('`src/f09` and 3 more');
  });

  it('the instruction changed: old and new text', () => {
    const now = build({ GREETING: 'one' }, FILES, A, DOCKERFILE.replace('RUN echo two', 'RUN echo three'));
    const [amd] = firstMisses(now, before, log(true, false), 'linux/amd64');
    expect(amd?.firstMiss?.cause).toEqual({ kind: 'instruction', old: 'RUN echo two', new: 'RUN echo three' });
  });

  it('the base image resolved to another digest: old → new, found at the FROM the missed step builds on', () => {
    const now = build({ GREETING: 'one' }, FILES, B);
    const [amd] = firstMisses(now, before, log(false, false), 'linux/amd64');
    expect(amd?.firstMiss).toEqual({
      step: { stage: 'base', n: 4, line: 7, text: 'RUN echo "$GREETING" > /g.txt' },
      cause: { kind: 'base-image', old: A, new: B },
      at: { stage: 'base', n: 1, line: 2, text: 'FROM $BASE AS base' },
      comparedWith: 'app-main',
    });
  });

  it('nothing to compare: no fingerprint in the scopes read, named', () => {
    const now = build({ GREETING: 'one' }, FILES);
    const [amd] = firstMisses(now, { scopes: ['app-pr-7', 'app-main'] }, log(false, false), 'linux/amd64');
    expect(amd?.firstMiss?.cause).toEqual({ kind: 'nothing-to-compare', why: 'no-fingerprint', scopes: ['app-pr-7', 'app-main'] });
    expect(renderCacheMisses(amd ? [amd] : [])).toContain("nothing to compare with: no earlier build's fingerprint in `app-pr-7`, `app-main`");
  });

  it('nothing to compare: the scope was written by another Dockerfile or target', () => {
    const now = build({ GREETING: 'one' }, FILES);
    const otherTarget = { ...before, fingerprint: build({ GREETING: 'one' }, FILES, A, DOCKERFILE, 'base') };
    expect(firstMisses(now, otherTarget, log(false, false), 'linux/amd64')[0]?.firstMiss?.cause).toEqual({
      kind: 'nothing-to-compare',
      why: 'other-target',
      scopes: ['app-main'],
    });
    const otherFile = { ...before, fingerprint: { ...build({ GREETING: 'one' }, FILES), dockerfile: 'other/Dockerfile' } };
    expect(firstMisses(now, otherFile, log(false, false), 'linux/amd64')[0]?.firstMiss?.cause.kind).toBe('nothing-to-compare');
  });

  it('nothing changed that Kiln tracks: not in the cache', () => {
    const now = build({ GREETING: 'one' }, FILES);
    const [amd] = firstMisses(now, before, log(true, false), 'linux/amd64');
    expect(amd?.firstMiss).toEqual({
      step: { stage: 'stage-1', n: 1, line: 13, text: 'RUN echo two' },
      cause: { kind: 'not-in-cache' },
      comparedWith: 'app-main',
    });
  });

  it('a log without platforms is the given platform; every step cached is no miss', () => {
    const now = build({ GREETING: 'one' }, FILES);
    expect(firstMisses(now, before, [logStep(3, '[base 2/5] WORKDIR /app', true)], 'linux/arm64')).toEqual([{ platform: 'linux/arm64' }]);
  });
});

describe('baseDigests', () => {
  it('reads the digest of each FROM, per platform and stage', () => {
    expect(baseDigests(log(true, true), 'x')).toEqual({ 'linux/amd64': { base: A }, 'linux/arm64': { base: A } });
    expect(baseDigests([logStep(2, `[1/2] ${FROM}`, false)], 'linux/amd64')).toEqual({ 'linux/amd64': { '': A } });
  });
});

describe('explainCacheMiss: a build without a cache Kiln manages computes nothing', () => {
  // Reads `cache` and `context` only: any other field (the Dockerfile, the steps, the builder,
  // the environment for the store) would throw here.
  const only = (request: Record<string, unknown>) =>
    new Proxy(request, {
      get: (target, key) => {
        if (key === 'cache' || key === 'context') return target[key as string];
        throw new Error(`read ${String(key)}`);
      },
    }) as unknown as CacheMissRequest;
  const context = { kind: 'path', path: '/nonexistent', dockerfile: '/nonexistent/Dockerfile', reason: '' };

  it.each(['none', 'explicit'])('cache kind %s: undefined, nothing else read', async (kind) => {
    await expect(explainCacheMiss(only({ cache: { kind, backend: kind === 'none' ? 'none' : 'given' }, context }))).resolves.toBeUndefined();
  });

  it('the inline backend (no store beside it): undefined, nothing else read', async () => {
    await expect(explainCacheMiss(only({ cache: { kind: 'managed', backend: 'inline' }, context }))).resolves.toBeUndefined();
  });
});
