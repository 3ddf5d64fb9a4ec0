import { describe, expect, it } from '@jest/globals';
import type { BuildxOption } from '../../src/inputs/buildx-option.js';
import { afterSkippedExport, decideReexport, exportKey, type ReexportRequest, sameBuild } from '../../src/plan/cache-reexport.js';
import type { Fingerprint } from '../../src/plan/fingerprint.js';
import { tarEntry } from '../../src/report/tar-entry.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);

const TO: BuildxOption = {
  raw: 'type=registry,ref=localhost:5000/app:buildcache-main,mode=max,ignore-error=true',
  attrs: { type: 'registry', ref: 'localhost:5000/app:buildcache-main', mode: 'max', 'ignore-error': 'true' },
};
const TO_MIN: BuildxOption = {
  raw: 'type=registry,ref=localhost:5000/app:buildcache-main,mode=min,ignore-error=true',
  attrs: { type: 'registry', ref: 'localhost:5000/app:buildcache-main', mode: 'min', 'ignore-error': 'true' },
};

const fp = (file: string, bases: Fingerprint['bases'] = {}): Fingerprint => ({
  v: 1,
  dockerfile: 'Dockerfile',
  target: '',
  steps: [
    { stage: '', n: 1, line: 2, text: 'FROM $BASE' },
    { stage: '', n: 2, line: 3, text: 'COPY app/ /app/', files: { 'app/main.txt': file } },
    { stage: '', n: 3, line: 4, text: 'RUN make', args: {} },
  ],
  needs: { '': [] },
  bases,
});

const PLATFORMS = ['linux/arm64', 'linux/amd64'];
// What exportKey gives for TO and those platforms, written out.
const KEY = JSON.stringify({ to: [TO.raw], platforms: ['linux/amd64', 'linux/arm64'] });

const request = (over: Partial<ReexportRequest> = {}): ReexportRequest => ({
  cache: { kind: 'managed', backend: 'registry', reads: ['app-main'], write: 'app-main', cacheTo: [TO] },
  platforms: PLATFORMS,
  current: fp('1111'),
  stored: { scope: 'app-main', fingerprint: fp('1111', { 'linux/amd64': { '': A } }), exported: KEY },
  ...over,
});

describe('exportKey', () => {
  it('is the export entries and the platforms, sorted', () => {
    expect(exportKey([TO], ['linux/arm64', 'linux/amd64'])).toBe(KEY);
  });
  it('hides credentials', () => {
    const gha: BuildxOption = { raw: 'type=gha,token=SECRET,scope=s', attrs: { type: 'gha', token: 'SECRET', scope: 's' } };
    expect(exportKey([gha], [])).not.toContain('SECRET');
  });
});

describe('sameBuild: everything known before the build, base digests left out', () => {
  it('the same steps and files with other bases: the same', () => {
    expect(sameBuild(fp('1111'), fp('1111', { 'linux/amd64': { '': B } }))).toBe(true);
  });
  it('a changed file: not the same', () => {
    expect(sameBuild(fp('1111'), fp('2222'))).toBe(false);
  });
  it('another target: not the same', () => {
    expect(sameBuild(fp('1111'), { ...fp('1111'), target: 'test' })).toBe(false);
  });
});

describe('decideReexport', () => {
  it('the scope written holds this very build, exported the same way: skip --cache-to', () => {
    expect(decideReexport(request())).toEqual({ skip: true, line: 'Cache unchanged: not re-exported (app-main holds the cache of this same build)' });
  });

  const cases: [string, Partial<ReexportRequest>, string][] = [
    ['the build changed', { current: fp('2222') }, 'build-changed'],
    ['no fingerprint stored', { stored: undefined }, 'no-fingerprint'],
    ['the stored build did not export (or an older Kiln stored it)', { stored: { scope: 'app-main', fingerprint: fp('1111') } }, 'not-exported'],
    ['another mode', { cache: { kind: 'managed', backend: 'registry', reads: ['app-main'], write: 'app-main', cacheTo: [TO_MIN] } }, 'export-changed'],
    ['another platform list', { platforms: ['linux/amd64'] }, 'export-changed'],
    ['the fingerprint is of another scope', { stored: { scope: 'app-dev', fingerprint: fp('1111'), exported: KEY } }, 'other-scope'],
    [
      'a pull request that reads the base branch first',
      { cache: { kind: 'managed', backend: 'gha', reads: ['app-main', 'app-pr-1'], write: 'app-pr-1', cacheTo: [TO] } },
      'reads-elsewhere-first',
    ],
    ['nothing written (a fork)', { cache: { kind: 'managed', backend: 'gha', reads: ['app-main'], write: undefined, cacheTo: [] } }, 'no-write'],
    ["the user's own cache-to", { cache: { kind: 'explicit', backend: 'given', reads: [], write: undefined, cacheTo: [TO] } }, 'not-managed'],
    ['the inline cache', { cache: { kind: 'managed', backend: 'inline', reads: ['app-main'], write: 'app-main', cacheTo: [TO] } }, 'not-managed'],
  ];
  for (const [name, over, why] of cases) {
    it(`${name}: exports (${why})`, () => {
      expect(decideReexport(request(over))).toEqual({ skip: false, why });
    });
  }
});

describe('afterSkippedExport', () => {
  const bases = { 'linux/amd64': { build: A, '': B }, 'linux/arm64': { build: A } };
  it('every step cached, the import found the cache, the same base digests (named otherwise): the cache holds it', () => {
    // BuildKit's log names a step shared by platforms or stages once, under any of their names.
    const reordered = { 'linux/arm64': { build: A }, 'linux/amd64': { '': B } };
    expect(afterSkippedExport({ ran: 0, importProblems: 0, bases, storedBases: reordered })).toEqual({ holds: true });
  });
  it('a step ran: the next build exports', () => {
    expect(afterSkippedExport({ ran: 2, importProblems: 0, bases, storedBases: bases })).toEqual({
      holds: false,
      line: 'Cache: not re-exported, but 2 steps ran: the cache is not current; the next build exports it',
    });
  });
  it("the import found nothing (steps came from the builder's own cache): the next build exports", () => {
    expect(afterSkippedExport({ ran: 0, importProblems: 1, bases, storedBases: bases })).toEqual({
      holds: false,
      line: 'Cache: not re-exported, but the cache import did not find it: the cache is not current; the next build exports it',
    });
  });
  it('a base image moved: the next build exports', () => {
    expect(afterSkippedExport({ ran: 0, importProblems: 0, bases: { 'linux/amd64': { '': A } }, storedBases: { 'linux/amd64': { '': B } } })).toEqual({
      holds: false,
      line: 'Cache: not re-exported, but a base image changed: the cache is not current; the next build exports it',
    });
  });
});

describe('tarEntry', () => {
  // A ustar archive of `./a.txt` ("hi\n") then `kiln-fingerprint.json` ("{}"), built by hand.
  const header = (name: string, size: number) => {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'utf8');
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'utf8');
    return h;
  };
  const block = (text: string) => {
    const b = Buffer.alloc(512);
    b.write(text, 0, 'utf8');
    return b;
  };
  const tar = Buffer.concat([header('./a.txt', 3), block('hi\n'), header('kiln-fingerprint.json', 2), block('{}'), Buffer.alloc(1024)]);
  it('finds a file after another, with or without ./', () => {
    expect(tarEntry(tar, 'kiln-fingerprint.json')?.toString()).toBe('{}');
    expect(tarEntry(tar, 'a.txt')?.toString()).toBe('hi\n');
  });
  it('undefined for a file it does not hold', () => {
    expect(tarEntry(tar, 'other.json')).toBeUndefined();
  });
});
