import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { BuildLog, readBuildLog } from '../../src/build/log.js';

// build/log.ts is the one reader of buildx's log: steps and checks (steps.test.ts), the failure
// (build-errors.test.ts), the push verdict's input (push-retry.test.ts), and here the facts the
// build's guards and the report read while it streams. Real logs: fixtures/buildx, fixtures/progress.
const dir = (folder: string) => new URL(`./fixtures/${folder}/`, import.meta.url);
const fixtures = ['buildx', 'progress'].flatMap((folder) =>
  readdirSync(dir(folder))
    .filter((name) => name.endsWith('.log'))
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(new URL(name, dir(folder)), 'utf8') })),
);
const fixture = (name: string): string => fixtures.find((f) => f.name === name)?.text ?? '';

/** Everything the reader answers. */
function facts(log: BuildLog) {
  return {
    steps: log.steps(),
    checks: log.checks(),
    failure: log.failure(),
    finalError: log.finalError(),
    cacheFailures: log.cacheFailures(),
    cacheExportOnly: log.cacheExportOnly(),
    imageNamed: log.imageNamed(),
  };
}

/** A small seeded generator, so that a failing split can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function fedIn(text: string, sizes: () => number): BuildLog {
  const log = new BuildLog();
  for (let at = 0; at < text.length;) {
    const size = Math.max(1, sizes());
    log.push(text.slice(at, at + size));
    at += size;
  }
  return log.end();
}

describe('BuildLog gives the same facts whatever the chunks', () => {
  it('has every fixture to read', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(17);
  });

  it.each(fixtures.map((f) => [f.name, f.text]))('%s: 1-byte, fixed and random splits, LF and CRLF', (_name, text) => {
    const whole = facts(readBuildLog(text));
    expect(facts(fedIn(text, () => 1))).toEqual(whole);
    for (const size of [2, 7, 64, 4096]) expect(facts(fedIn(text, () => size))).toEqual(whole);
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      expect(facts(fedIn(text, () => Math.floor(next() * 300)))).toEqual(whole);
    }
    const crlf = text.replace(/\n/g, '\r\n');
    expect(facts(readBuildLog(crlf))).toEqual(whole);
    expect(facts(fedIn(crlf, () => 1))).toEqual(whole);
  });
});

describe('BuildLog.cacheFailures: cache imports and exports that failed while the build succeeded', () => {
  it('an unreachable cache registry (cache-unreachable.log): one import and one export failure', () => {
    expect(readBuildLog(fixture('buildx/cache-unreachable.log')).cacheFailures()).toEqual({
      imports: [
        'failed to configure registry cache importer: failed to do request: Head "https://127.0.0.1:5999/v2/h9c/app/manifests/cache": dial tcp 127.0.0.1:5999: connect: connection refused',
      ],
      exports: [
        'error writing layer blob: failed to do request: Head "https://127.0.0.1:5999/v2/h9c/app/blobs/sha256:54c7ac3a158364967df004a5e325c3e724cd1c719f0a90596d493c3688b5c84b": dial tcp 127.0.0.1:5999: connect: connection refused',
      ],
    });
  });

  it('a cache not there yet (cache-not-there.log) is no failure', () => {
    const log = readBuildLog(fixture('buildx/cache-not-there.log'));
    expect(log.steps().some((s) => s.error?.includes('not found'))).toBe(true);
    expect(log.cacheFailures()).toEqual({ imports: [], exports: [] });
  });

  it('a failed step that is no cache vertex is not a cache failure', () => {
    const failures = fixtures.filter((f) => !f.name.includes('cache')).map((f) => readBuildLog(f.text).cacheFailures());
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toEqual({ imports: [], exports: [] });
  });

  it('GitHub Actions cache exports count too, and an error read before its vertex’s name', () => {
    const log = '#12 ERROR: early\n#12 exporting to GitHub Actions Cache\n#13 exporting cache to client directory\n#13 ERROR: disk full  \n';
    expect(readBuildLog(log).cacheFailures()).toEqual({ imports: [], exports: ['early', 'disk full'] });
  });
});

describe('BuildLog.cacheExportOnly: is only the cache export left?', () => {
  const log = fixture('progress/lazy-pull.log');
  const cacheLine = log.split('\n').findIndex((l) => l.startsWith('#22 exporting cache to registry')) + 1;

  /** Feeds the log in chunks of `size` characters; the line number at which the reader first says "cache only". */
  function firstCacheOnlyLine(text: string, size: number): number | undefined {
    const reader = new BuildLog();
    for (let at = 0; at < text.length; at += size) {
      if (reader.push(text.slice(at, at + size)).cacheExportOnly()) return text.slice(0, at + size).split('\n').length;
    }
    return undefined;
  }

  it.each([1, 7, 64, 4096])('says so once the image export is DONE and the cache export has started (chunks of %i)', (size) => {
    expect(cacheLine).toBeGreaterThan(1);
    const line = firstCacheOnlyLine(log, size);
    expect(line).toBeDefined();
    expect(line ?? 0).toBeGreaterThanOrEqual(cacheLine);
    // Not before the cache export's first line has been read in full.
    expect(
      firstCacheOnlyLine(
        log
          .split('\n')
          .slice(0, cacheLine - 1)
          .join('\n'),
        size,
      ),
    ).toBeUndefined();
  });

  it('not while the image is still being pushed, even when a cache line appears', () => {
    const reader = new BuildLog();
    expect(reader.push('#9 exporting to image\n#9 pushing layers\n#10 exporting cache to registry\n').cacheExportOnly()).toBe(false);
    expect(reader.push('#9 DONE 1.0s\n').cacheExportOnly()).toBe(false);
    expect(reader.push('#10 preparing build cache for export\n').cacheExportOnly()).toBe(true);
  });

  it('never for a build without a cache export, nor for a failed image export', () => {
    for (const name of ['progress/multi-fresh.log', 'progress/multi-cached.log', 'progress/multi-fail.log']) {
      expect(firstCacheOnlyLine(fixture(name), 100)).toBeUndefined();
    }
    expect(new BuildLog().push('#9 exporting to image\n#9 ERROR: failed to push\n#10 exporting cache to registry\n').cacheExportOnly()).toBe(false);
  });

  it('after the image export of a build whose cache export then failed (cache-unreachable.log)', () => {
    expect(readBuildLog(fixture('buildx/cache-unreachable.log')).cacheExportOnly()).toBe(true);
  });
});

describe('BuildLog.imageNamed and finalError', () => {
  it('the image is named once its naming line is complete', () => {
    const reader = new BuildLog().push('#7 naming to localhost:5000/app:1');
    expect(reader.imageNamed()).toBe(false);
    expect(reader.push(' done\n').imageNamed()).toBe(true);
    expect(readBuildLog(fixture('progress/multi-fail.log')).imageNamed()).toBe(false);
  });

  it('the final error is the last top-level ERROR line, not a vertex’s', () => {
    expect(readBuildLog(fixture('buildx/push-refused.log')).finalError()).toMatch(/^failed to build: .*connection refused/);
    expect(readBuildLog('#5 ERROR: step failed\n').finalError()).toBeUndefined();
    expect(readBuildLog(fixture('buildx/cache-unreachable.log')).finalError()).toBeUndefined();
  });
});

describe('BuildLog memory', () => {
  it('keeps no log: 64 MB of output leaves only bounded facts', () => {
    const reader = new BuildLog().push('#7 [2/2] RUN ./build.sh\n');
    const line = `#7 1.000 ${'x'.repeat(100)}\n`;
    const chunk = line.repeat(Math.floor(65_536 / line.length));
    const before = process.memoryUsage().heapUsed;
    let fed = 0;
    while (fed < 64 * 1024 * 1024) {
      reader.push(chunk);
      fed += chunk.length;
    }
    reader.push('------\n > [2/2] RUN ./build.sh:\n').push(chunk).push('------\nERROR: failed\n').end();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect(reader.steps()[0]?.output).toHaveLength(20);
    expect(reader.failure()).toMatchObject({ message: 'failed', step: '[2/2] RUN ./build.sh' });
    expect(reader.failure().output).toHaveLength(10);
  });
});
