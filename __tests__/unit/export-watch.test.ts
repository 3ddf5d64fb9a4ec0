import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ExportWatch } from '../../src/plan/export-watch.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/progress/${name}`, import.meta.url), 'utf8');

/** Feeds the log in chunks of `size` characters; the chunk (line number) at which the watch first says "cache only". */
function firstCacheOnlyLine(log: string, size: number): number | undefined {
  const watch = new ExportWatch();
  for (let at = 0; at < log.length; at += size) {
    if (watch.push(log.slice(at, at + size))) return log.slice(0, at + size).split('\n').length;
  }
  return undefined;
}

describe('ExportWatch: is only the cache export left?', () => {
  const log = fixture('lazy-pull.log');
  const cacheLine = log.split('\n').findIndex((l) => l.startsWith('#22 exporting cache to registry')) + 1;

  it.each([1, 7, 64, 4096])('says so once the image export is DONE and the cache export has started (chunks of %i)', (size) => {
    const line = firstCacheOnlyLine(log, size);
    expect(line).toBeDefined();
    expect(line ?? 0).toBeGreaterThanOrEqual(cacheLine);
    // Not before the cache export's first line has been read in full.
    expect(firstCacheOnlyLine(log.split('\n').slice(0, cacheLine - 1).join('\n'), size)).toBeUndefined();
  });

  it('not while the image is still being pushed, even when a cache line appears', () => {
    const watch = new ExportWatch();
    expect(watch.push('#9 exporting to image\n#9 pushing layers\n#10 exporting cache to registry\n')).toBe(false);
    expect(watch.push('#9 DONE 1.0s\n')).toBe(false);
    expect(watch.push('#10 preparing build cache for export\n')).toBe(true);
  });

  it('never for a build without a cache export, nor for a failed image export', () => {
    for (const name of ['multi-fresh.log', 'multi-cached.log', 'multi-fail.log']) {
      expect(firstCacheOnlyLine(fixture(name), 100)).toBeUndefined();
    }
    const watch = new ExportWatch();
    expect(watch.push('#9 exporting to image\n#9 ERROR: failed to push\n#10 exporting cache to registry\n')).toBe(false);
  });
});
