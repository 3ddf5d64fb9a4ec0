import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import type { PlatformMiss } from '../../src/plan/cache-miss.js';
import type { CacheOutput } from '../../src/report/cache-output.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { docker } from './support/docker.js';
import { expectSuccess, kiln, runTag } from './support/kiln.js';
import { getManifest } from './support/registry.js';

jest.setTimeout(300_000);

const repository = 'kiln-dev/kiln';
const push = (branch: string) => ({
  eventName: 'push',
  ref: `refs/heads/${branch}`,
  repository,
  payload: { repository: { default_branch: 'main', full_name: repository } },
});
const grant = (branch: string) => ({ scope: `refs/heads/${branch}`, permission: 3 as const });

const BASE = `localhost:5000/h9-miss/base-${runTag}:v`;
const imageOf = (name: string) => `localhost:5000/h9-miss/${name}-${runTag}:latest`;

/** The summary's "Why did the cache miss?" section (the step titles elsewhere are BuildKit's, values expanded). */
const whySection = (result: RunResult) => result.summary.slice(result.summary.indexOf('### Why did the cache miss?'));

/** The `cache` output's first miss for linux/amd64. */
function outputMiss(result: RunResult): unknown {
  const output = JSON.parse(result.outputs.cache ?? '{}') as CacheOutput;
  return output.platforms['linux/amd64']?.firstMiss;
}

/** What the step's `Kiln cache-miss:` debug line says, per platform. */
function missesOf(result: RunResult): PlatformMiss[] {
  const prefix = 'Kiln cache-miss: ';
  const lines = result.commands.filter((c) => c.command === 'debug' && c.message.startsWith(prefix));
  if (lines.length !== 1) throw new Error(`expected one cache-miss line, found ${lines.length}:\n${result.stdout.slice(-4000)}`);
  return JSON.parse(lines[0]?.message.slice(prefix.length) ?? '') as PlatformMiss[];
}

/** The newest fingerprint entry under `prefix`, as the service serves it to the next build. */
async function storedFingerprint(service: CacheService, prefix: string): Promise<string> {
  const version = createHash('sha256').update('kiln-fingerprint-v1').digest('hex');
  const res = await fetch(`${service.url}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${service.token([grant('feature')])}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: prefix, restore_keys: [prefix], version }),
  });
  const found = (await res.json()) as { ok: boolean; signed_download_url: string };
  if (!found.ok) throw new Error(`no entry under ${prefix}`);
  return (await fetch(found.signed_download_url)).text();
}

async function must(args: string[]): Promise<void> {
  const { code, output } = await docker(args);
  if (code !== 0) throw new Error(`docker ${args.join(' ')}: ${output}`);
}

/** A context of our own: the app's files, a COPY of them and a RUN that sees a build argument. */
function makeContext(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'h9-miss-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'main.txt'), `first ${runTag}\n`);
  writeFileSync(path.join(dir, 'app', 'other.txt'), 'unchanged\n');
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    [`ARG BASE=${BASE}`, 'FROM $BASE AS base', 'COPY app/ /app/', 'ARG GREETING=hello', 'RUN echo "$GREETING" > /greeting.txt', ''].join('\n'),
  );
  return dir;
}

describe('why did my cache miss? (Actions cache service)', () => {
  let service: CacheService;
  let context: string;
  const inputs = () => ({ context, platforms: 'linux/amd64', tags: imageOf('gha'), 'build-args': `GREETING=first-${runTag}` });
  // As the runner's token for a push to feature: writes feature, reads main.
  const env = () => service.env([grant('feature'), { scope: 'refs/heads/main', permission: 1 }]);

  beforeAll(async () => {
    service = await startCacheService();
    context = makeContext();
    await must(['buildx', 'imagetools', 'create', '-t', BASE, 'localhost:5000/busybox:latest']);
  });
  afterAll(async () => {
    await service.close();
    rmSync(context, { recursive: true, force: true });
  });

  it('first build of a new branch: nothing to compare, with the scopes read', async () => {
    const result = await kiln(inputs(), { ...push('feature'), env: env() });
    expectSuccess(result);
    expect(missesOf(result)).toEqual([
      {
        platform: 'linux/amd64',
        firstMiss: {
          step: { stage: '', n: 2, line: 3, text: 'COPY app/ /app/' },
          cause: {
            kind: 'nothing-to-compare',
            why: 'no-fingerprint',
            scopes: [`h9-miss-gha-${runTag}-feature-linux-amd64`, `h9-miss-gha-${runTag}-main-linux-amd64`],
          },
        },
      },
    ]);
    expect(result.summary).toContain(
      `no earlier build's fingerprint in \`h9-miss-gha-${runTag}-feature-linux-amd64\`, \`h9-miss-gha-${runTag}-main-linux-amd64\``,
    );
    // What the build wrote, as BuildKit's log says it: what the service committed (Kiln's own fingerprint aside).
    const written = service.entries().filter((e) => !e.key.startsWith('kiln-fingerprint-')).length;
    expect(written).toBeGreaterThan(1);
    expect((JSON.parse(result.outputs.cache ?? '{}') as CacheOutput).entriesWritten).toBe(written);
    expect(result.summary).toContain(`Actions cache: wrote ${written} entries, `);
    // The fingerprint went beside the cache, in the scope written.
    expect(
      service.entries().some((e) => e.key.startsWith(`kiln-fingerprint-h9-miss-gha-${runTag}-feature-linux-amd64-`) && e.scope === 'refs/heads/feature'),
    ).toBe(true);
  });

  it('a changed context file: the file and the step', async () => {
    writeFileSync(path.join(context, 'app', 'main.txt'), `second ${runTag}\n`);
    const result = await kiln(inputs(), { ...push('feature'), env: env() });
    expectSuccess(result);
    expect(missesOf(result)).toEqual([
      {
        platform: 'linux/amd64',
        firstMiss: {
          step: { stage: '', n: 2, line: 3, text: 'COPY app/ /app/' },
          cause: { kind: 'files', paths: ['app/main.txt'], more: 0 },
          comparedWith: `h9-miss-gha-${runTag}-feature-linux-amd64`,
        },
      },
    ]);
    expect(result.summary).toContain('`[2] COPY app/ /app/` (Dockerfile line 3) ran: context files changed: `app/main.txt`');
    // The `cache` output says the same, for later steps.
    expect(outputMiss(result)).toEqual({
      step: '[2] COPY app/ /app/',
      cause: 'files',
      line: 3,
      paths: ['app/main.txt'],
      more: 0,
      comparedWith: `h9-miss-gha-${runTag}-feature-linux-amd64`,
    });
  });

  it('a changed build argument: its name, its value nowhere', async () => {
    const value = `h9-secretish-${runTag}`;
    const result = await kiln({ ...inputs(), 'build-args': `GREETING=${value}` }, { ...push('feature'), env: env() });
    expectSuccess(result);
    const misses = missesOf(result);
    expect(misses).toEqual([
      {
        platform: 'linux/amd64',
        firstMiss: {
          step: { stage: '', n: 3, line: 5, text: 'RUN echo "$GREETING" > /greeting.txt' },
          cause: { kind: 'build-arg', names: ['GREETING'] },
          comparedWith: `h9-miss-gha-${runTag}-feature-linux-amd64`,
        },
      },
    ]);
    expect(whySection(result)).toContain('build argument `GREETING` changed');
    expect(whySection(result)).not.toContain(value);
    expect(JSON.stringify(misses)).not.toContain(value);
    // The `cache` output names the argument, never its value.
    expect(outputMiss(result)).toEqual({
      step: '[3] RUN echo "$GREETING" > /greeting.txt',
      cause: 'build-arg',
      line: 5,
      names: ['GREETING'],
      comparedWith: `h9-miss-gha-${runTag}-feature-linux-amd64`,
    });
    expect(result.outputs.cache).not.toContain(value);
    // Nor in what was stored for the next build (which holds the name, and a hash).
    const stored = await storedFingerprint(service, `kiln-fingerprint-h9-miss-gha-${runTag}-feature-linux-amd64-`);
    expect(stored).toContain('"GREETING"');
    expect(stored).not.toContain(value);
  });

  it('a base image that resolves to another digest: old → new', async () => {
    const before = (await getManifest(BASE)).digest;
    const dir = mkdtempSync(path.join(tmpdir(), 'h9-miss-base-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), `FROM localhost:5000/busybox:latest\nLABEL h9-miss=${runTag}\n`);
      await must(['buildx', 'build', '--platform', 'linux/amd64', '--provenance=false', '--push', '-t', BASE, dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const after = (await getManifest(BASE)).digest;
    expect(after).not.toBe(before);
    // `pull`: resolve the tag again, as a fresh runner does (this engine's image store remembers it).
    const result = await kiln({ ...inputs(), pull: 'true', 'build-args': `GREETING=h9-secretish-${runTag}` }, { ...push('feature'), env: env() });
    expectSuccess(result);
    expect(missesOf(result)[0]?.firstMiss?.cause).toEqual({ kind: 'base-image', old: before, new: after });
    expect(result.summary).toContain(`\`${before.slice(7, 19)}\` → \`${after.slice(7, 19)}\``);
  });
});

describe('why did my cache miss? (local and registry backends)', () => {
  let service: CacheService;
  let context: string;

  beforeAll(async () => {
    service = await startCacheService();
    context = makeContext();
  });
  afterAll(async () => {
    await service.close();
    rmSync(context, { recursive: true, force: true });
  });

  it('local: the fingerprint travels in the cache directory; a changed file is named', async () => {
    const local = { context, cache: 'local', platforms: 'linux/amd64', tags: imageOf('local'), 'build-args': `GREETING=local-${runTag}` };
    const first = await kiln(local, { ...push('main'), env: service.env([grant('main')]) });
    expectSuccess(first);
    expect(missesOf(first)[0]?.firstMiss?.cause).toEqual({
      kind: 'nothing-to-compare',
      why: 'no-fingerprint',
      scopes: [`h9-miss-local-${runTag}-main-linux-amd64`],
    });
    writeFileSync(path.join(context, 'app', 'other.txt'), `changed ${runTag}\n`);
    const second = await kiln(local, { ...push('main'), env: service.env([grant('main')]) });
    expectSuccess(second);
    expect(missesOf(second)[0]?.firstMiss).toEqual({
      step: { stage: '', n: 2, line: 3, text: 'COPY app/ /app/' },
      cause: { kind: 'files', paths: ['app/other.txt'], more: 0 },
      comparedWith: `h9-miss-local-${runTag}-main-linux-amd64`,
    });
    // What each export added to the directory (issue 19): the first, into an empty directory, every
    // blob (layers, config, manifest) and skipped none; the second only what the changed file made,
    // the base image's layers held.
    const spendOf = (r: typeof first) => JSON.parse(r.outputs.cache ?? '{}') as { entriesWritten: number; bytesWritten: number; entriesSkipped: number };
    const [one, two] = [spendOf(first), spendOf(second)];
    expect(one.entriesWritten).toBeGreaterThanOrEqual(3);
    expect(one.entriesSkipped).toBe(0);
    expect(two.entriesSkipped).toBeGreaterThan(0);
    expect(two.bytesWritten).toBeLessThan(one.bytesWritten);
    expect(second.summary).toContain(`Cache directory: wrote ${two.entriesWritten} blobs, `);
    expect(second.summary).toContain(`; skipped ${two.entriesSkipped} that the directory held`);
  });

  it('registry: the fingerprint is an image beside cache-ref; a changed build argument is named', async () => {
    const ref = `localhost:5000/h9-miss/cache-${runTag}`;
    const registry = { context, cache: 'registry', 'cache-ref': ref, push: 'true', platforms: 'linux/amd64', tags: imageOf('registry') };
    const first = await kiln({ ...registry, 'build-args': `GREETING=reg-one-${runTag}` }, push('main'));
    expectSuccess(first);
    // Beside the cache: the one-file image the next build reads.
    const stored = await getManifest(`${ref}:buildcache-main-linux-amd64-fingerprint`);
    expect(stored.digest).toMatch(/^sha256:/);
    const second = await kiln({ ...registry, 'build-args': `GREETING=reg-two-${runTag}` }, push('main'));
    expectSuccess(second);
    expect(missesOf(second)[0]?.firstMiss?.cause).toEqual({ kind: 'build-arg', names: ['GREETING'] });
    expect(whySection(second)).toContain('build argument `GREETING` changed');
    expect(whySection(second)).not.toContain(`reg-two-${runTag}`);
  });
});
