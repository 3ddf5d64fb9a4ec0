import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { CacheOutput } from '../../src/report/cache-output.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { docker } from './support/docker.js';
import { expectSuccess, kiln, runTag, valuesOf } from './support/kiln.js';
import { getManifest } from './support/registry.js';

jest.setTimeout(180_000);

const repository = 'kiln-dev/kiln';
const BASE = `localhost:5000/h16-429/base-${runTag}:v`;
const IMAGE = `localhost:5000/h16-429/app-${runTag}:latest`;

/** The builds Kiln ran (their command lines, as the step's log shows them), split into arguments. */
function buildsRun(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('[command]') && line.includes(' --cache-to '))
    .map((line) => line.split(' '));
}

/** Two stages: mode=max exports the build stage's layers too, mode=min only the image's. */
function makeContext(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'h16-429-'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      `FROM ${BASE} AS build`,
      `RUN echo "built ${runTag}" > /out.txt`,
      `RUN echo "scratch ${runTag}" > /scratch.txt`,
      `FROM ${BASE}`,
      'COPY --from=build /out.txt /out.txt',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('the Actions cache refuses new entries for their rate (HTTP 429)', () => {
  let service: CacheService;
  let context: string;

  beforeAll(async () => {
    service = await startCacheService();
    context = makeContext();
    const { code, output } = await docker(['buildx', 'imagetools', 'create', '-t', BASE, 'localhost:5000/busybox:latest']);
    if (code !== 0) throw new Error(output);
  });
  afterAll(async () => {
    await service.close();
    rmSync(context, { recursive: true, force: true });
  });

  it('the build succeeds and pushes; the export runs again at mode=min, is refused again, and the step says what it wrote', async () => {
    // GitHub allows 200 new entries a minute per repository; this one, 1: BuildKit's first blob
    // takes it, its next reservation is refused, and so is every one after it within the minute.
    service.limitNewEntries(1);
    const started = Date.now();
    const result = await kiln(
      // cache-export-timeout 12s: BuildKit's gha timeout is 6s, so a refused export fails (and the
      // build goes on) before Kiln's own deadline would stop it.
      { context, platforms: 'linux/amd64', tags: IMAGE, push: 'true', 'cache-export-timeout': '12s' },
      {
        eventName: 'push',
        ref: 'refs/heads/main',
        repository,
        payload: { repository: { default_branch: 'main', full_name: repository } },
        env: service.env([{ scope: 'refs/heads/main', permission: 3 }]),
      },
    );
    const seconds = (Date.now() - started) / 1000;
    expectSuccess(result);
    expect((await getManifest(IMAGE)).digest).toBe(result.outputs.digest);

    // Two builds: the planned one at mode=max, then its export again at mode=min.
    const runs = buildsRun(result.stdout);
    expect(runs).toHaveLength(2);
    const [planned, retry] = runs.map((args) => valuesOf(args, '--cache-to').filter((v) => v.startsWith('type=gha,')));
    expect(planned).toEqual([expect.stringContaining('mode=max')]);
    expect(planned?.[0]).toContain('timeout=6s');
    expect(retry).toEqual([expect.stringContaining('mode=min')]);

    // The service refused BuildKit's reservations (retried until its timeout) in both exports.
    const refused = service.requests().filter((r) => r.path.endsWith('/CreateCacheEntry') && r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    // What BuildKit committed (Kiln's own fingerprint aside, refused as well) is what the step says it wrote.
    const committed = service.entries().filter((e) => !e.key.startsWith('kiln-fingerprint-'));
    expect(committed).toHaveLength(1);
    const output = JSON.parse(result.outputs.cache ?? '{}') as CacheOutput;
    expect(output.entriesWritten).toBe(committed.length);
    expect(output.limited).toContain('HTTP 429');
    expect(output.limited).toContain('at mode=min too: nothing more written');
    expect(result.commands.filter((c) => c.command === 'warning' && c.properties.title === 'Cache rate limit').length).toBeGreaterThanOrEqual(1);
    // Two refused exports cost two gha timeouts, not BuildKit's default ten minutes each.
    expect(seconds).toBeLessThan(90);
  });
});
