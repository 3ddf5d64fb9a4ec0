// The default cache does not export again what the cache already holds: a second identical push
// leaves the registry's cache manifest as it was and passes no --cache-to; a changed file exports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { buildxArgs, expectSuccess, kiln, runTag, valuesOf } from './support/kiln.js';
import { getManifest } from './support/registry.js';

jest.setTimeout(300_000);

describe('cache unchanged: not re-exported (registry cache)', () => {
  const context = mkdtempSync(path.join(tmpdir(), 'h14-reexport-'));
  writeFileSync(path.join(context, 'Dockerfile'), 'FROM localhost:5000/busybox:latest\nCOPY app.txt /app.txt\nRUN wc -c /app.txt > /size.txt\n');
  writeFileSync(path.join(context, 'app.txt'), `first ${runTag}\n`);
  // A repository of this run's own: the cache and its fingerprint live beside it.
  const inputs = { context, platforms: 'linux/amd64', push: 'true', tags: `localhost:5000/kiln-e2e/h14-reexport-${runTag}:latest` };
  let cacheRef = '';

  afterAll(() => {
    rmSync(context, { recursive: true, force: true });
  });

  it('the first build exports the cache', async () => {
    const result = await kiln(inputs);
    expectSuccess(result);
    const [to] = valuesOf(buildxArgs(result), '--cache-to');
    cacheRef = /(?:^|,)ref=([^,]+)/.exec(to ?? '')?.[1] ?? '';
    expect(cacheRef).toMatch(/h14-reexport-/);
    expect((await getManifest(cacheRef)).digest).toMatch(/^sha256:/);
  });

  it('the same build again: no --cache-to, the cache manifest stays as it was', async () => {
    const before = (await getManifest(cacheRef)).digest;
    const result = await kiln(inputs);
    expectSuccess(result);
    const args = buildxArgs(result);
    expect(valuesOf(args, '--cache-from')).toEqual([expect.stringContaining(`ref=${cacheRef}`)]);
    expect(valuesOf(args, '--cache-to')).toEqual([]);
    expect((await getManifest(cacheRef)).digest).toBe(before);
  });

  it('a changed context file: exported again, a new cache manifest', async () => {
    const before = (await getManifest(cacheRef)).digest;
    writeFileSync(path.join(context, 'app.txt'), `second ${runTag}\n`);
    const result = await kiln(inputs);
    expectSuccess(result);
    expect(valuesOf(buildxArgs(result), '--cache-to')).toEqual([expect.stringContaining(`ref=${cacheRef}`)]);
    expect((await getManifest(cacheRef)).digest).not.toBe(before);
  });
});
