import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readZip } from '../read-zip.js';
import { type ArtifactService, startArtifactService } from './support/artifact-service.js';
import { expectRejectedBeforeRunning, expectSuccess, kiln } from './support/kiln.js';

jest.setTimeout(120_000);

// Issue 8 item 3: docker/build-push-action's environment switches, and the build record upload
// (off by default in Kiln) through a local double of the Actions artifact service.

const nonce = Date.now().toString(36);
let service: ArtifactService;
let context: string;
beforeAll(async () => {
  service = await startArtifactService();
  context = mkdtempSync(path.join(tmpdir(), 'kiln-switches-'));
  // The lower-case `as` makes BuildKit's FromAsCasing check warn.
  writeFileSync(path.join(context, 'Dockerfile'), `FROM localhost:5000/busybox:latest as base\nRUN echo ${nonce} > /nonce\n`);
});
afterAll(async () => {
  await service.close();
  rmSync(context, { recursive: true, force: true });
});

// Nothing is exported: these tests are about the report, not the image.
const build = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  kiln({ context, outputs: 'type=cacheonly', cache: 'none', ...inputs }, { env });
const checkWarnings = (result: Awaited<ReturnType<typeof kiln>>) =>
  result.commands.filter((c) => c.command === 'warning' && c.properties.title?.startsWith('Build check'));

describe('DOCKER_BUILD_SUMMARY and DOCKER_BUILD_CHECKS_ANNOTATIONS', () => {
  it('writes the summary and the check annotations by default', async () => {
    const result = await build();
    expectSuccess(result);
    expect(result.summary).toContain('Build succeeded');
    expect(checkWarnings(result).map((w) => w.properties.title)).toEqual(['Build check FromAsCasing']);
  });

  it('DOCKER_BUILD_SUMMARY=false writes no job summary', async () => {
    const result = await build({}, { DOCKER_BUILD_SUMMARY: 'false' });
    expectSuccess(result);
    expect(result.summary).toBe('');
    expect(checkWarnings(result)).toHaveLength(1);
  });

  it('DOCKER_BUILD_CHECKS_ANNOTATIONS=false makes no annotation; the summary still lists the check', async () => {
    const result = await build({}, { DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' });
    expectSuccess(result);
    expect(checkWarnings(result)).toEqual([]);
    expect(result.summary).toContain('FromAsCasing');
  });

  it('rejects a value the official action would not parse, before anything runs', async () => {
    const result = await build({}, { DOCKER_BUILD_SUMMARY: 'nope' });
    expectRejectedBeforeRunning(result, 'DOCKER_BUILD_SUMMARY', 'Environment variable DOCKER_BUILD_SUMMARY has "nope"', 'use true or false');
  });
});

/** The build checks in the step's `metadata` output, as buildx wrote them (`short` is base64). */
function metadataWarnings(result: Awaited<ReturnType<typeof kiln>>): { rule: string; url: string; line?: number }[] | undefined {
  const metadata = JSON.parse(result.outputs.metadata ?? '{}') as Record<string, unknown>;
  const warnings = metadata['buildx.build.warnings'] as { short: string; url: string; range?: { start: { line: number } }[] }[] | undefined;
  return warnings?.map((w) => ({
    rule: Buffer.from(w.short, 'base64').toString('utf8').split(':')[0] ?? '',
    url: w.url,
    line: w.range?.[0]?.start.line,
  }));
}

describe('the metadata output, as docker/build-push-action gives it', () => {
  it('carries the build checks as buildx.build.warnings (buildx ran with BUILDX_METADATA_WARNINGS=true)', async () => {
    const result = await build();
    expectSuccess(result);
    expect(metadataWarnings(result)).toEqual([{ rule: 'FromAsCasing', url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/', line: 1 }]);
  });

  it('leaves them out when the job sets BUILDX_METADATA_WARNINGS=false itself', async () => {
    const result = await build({}, { BUILDX_METADATA_WARNINGS: 'false' });
    expectSuccess(result);
    expect(JSON.parse(result.outputs.metadata ?? '{}')).toHaveProperty(['buildx.build.ref']);
    expect(metadataWarnings(result)).toBeUndefined();
    // The annotation comes from the log, which has the check either way.
    expect(checkWarnings(result)).toHaveLength(1);
  });

  it('claims no provenance when the build attaches none (provenance: false), and carries it when it does', async () => {
    const off = await build({ provenance: 'false' });
    expectSuccess(off);
    const offMetadata = JSON.parse(off.outputs.metadata ?? '{}') as Record<string, unknown>;
    expect(offMetadata).toHaveProperty(['buildx.build.ref']);
    expect(offMetadata).not.toHaveProperty(['buildx.build.provenance']);
    // The warnings stay: only the provenance claim goes.
    expect(metadataWarnings(off)).toHaveLength(1);

    const on = await build({ provenance: 'mode=min' });
    expectSuccess(on);
    expect(JSON.parse(on.outputs.metadata ?? '{}')).toHaveProperty(['buildx.build.provenance', 'buildType']);
  });
});

/** The artifact's zip, read back (CRCs checked): its entries, and the one entry's bytes. */
function unzip(body: Buffer): { entries: string[]; first: Buffer } {
  const read = readZip(body);
  return { entries: read.map((e) => e.name), first: read[0]?.data ?? Buffer.alloc(0) };
}

/** The files of a .dockerbuild (a gzip-compressed tar holding an OCI layout). */
function recordFiles(record: Buffer): string[] {
  return execFileSync('tar', ['-tz'], { input: record, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('build record upload', () => {
  it('is off by default, even where the artifact service is offered', async () => {
    const before = service.requests().length;
    const result = await build({}, service.env());
    expectSuccess(result);
    expect(service.requests().length).toBe(before);
    expect(service.artifacts()).toEqual([]);
  });

  it('DOCKER_BUILD_RECORD_UPLOAD=true uploads the .dockerbuild as an artifact, kept DOCKER_BUILD_RECORD_RETENTION_DAYS days', async () => {
    const asked = Date.now();
    const result = await build({}, { ...service.env(), DOCKER_BUILD_RECORD_UPLOAD: 'true', DOCKER_BUILD_RECORD_RETENTION_DAYS: '3' });
    expectSuccess(result);
    const id = (result.outputs['build-ref'] ?? '').split('/')[2] ?? '';
    expect(id).toMatch(/^[a-z0-9]{20,}$/);
    const name = `kiln-dev~kiln~${id.slice(0, 6).toUpperCase()}.dockerbuild`;

    const artifact = service.artifacts().find((a) => a.name === name);
    expect(artifact).toBeDefined();
    expect(artifact?.version).toBe(4);
    expect([artifact?.runBackendId, artifact?.jobBackendId]).toEqual([service.runBackendId, service.jobBackendId]);
    // Three days from the upload (a DST change may move it by an hour).
    const expires = Date.parse(artifact?.expiresAt ?? '');
    expect(Math.abs(expires - (asked + 3 * 86_400_000))).toBeLessThan(3_700_000);
    // A zip holding the record, which is the OCI layout buildx exports.
    const { entries, first } = unzip(artifact?.body ?? Buffer.alloc(0));
    expect(entries).toEqual([name]);
    expect(recordFiles(first)).toEqual(expect.arrayContaining(['index.json', 'oci-layout']));
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('`record-upload: true` does it too; without retention days the repository default applies', async () => {
    const result = await build({ 'record-upload': 'true' }, service.env());
    expectSuccess(result);
    const id = (result.outputs['build-ref'] ?? '').split('/')[2] ?? '';
    const artifact = service.artifacts().find((a) => a.name.endsWith(`~${id.slice(0, 6).toUpperCase()}.dockerbuild`));
    expect(artifact).toBeDefined();
    expect(artifact?.expiresAt).toBeUndefined();
  });

  it('a failed upload is a warning, and the build stands', async () => {
    // No artifact service here: the runtime token is missing.
    const result = await build({ 'record-upload': 'true' }, { ACTIONS_RUNTIME_TOKEN: '', ACTIONS_RESULTS_URL: '' });
    expectSuccess(result);
    const warning = result.commands.find((c) => c.command === 'warning' && c.properties.title === 'Build record upload');
    expect(warning?.message).toContain('the Actions artifact service is not offered here');
    expect(result.outputs['build-ref']).not.toBe('');
  });

  it('rejects retention days that are not a whole number, before anything runs', async () => {
    const result = await build({}, { DOCKER_BUILD_RECORD_UPLOAD: 'true', DOCKER_BUILD_RECORD_RETENTION_DAYS: '7 days' });
    expectRejectedBeforeRunning(result, 'DOCKER_BUILD_RECORD_RETENTION_DAYS', 'use a whole number of days');
  });
});

describe('the report of an explicit cache-to (issue 8 item 4)', () => {
  it('says what the build wrote: the user’s entries, in the log and the summary', async () => {
    const cacheDir = path.join(context, 'cache');
    const result = await kiln({
      context,
      outputs: 'type=cacheonly',
      'cache-to': `type=local,dest=${cacheDir},mode=max`,
      'cache-from': `type=local,src=${cacheDir}`,
    });
    expectSuccess(result);
    // The cache was written where the user said.
    expect(JSON.parse(readFileSync(path.join(cacheDir, 'index.json'), 'utf8')) as unknown).toHaveProperty('manifests');
    const written = `type=local,dest=${cacheDir},mode=max,ignore-error=true,compression=zstd`;
    expect(result.stdout).toContain(`; writes ${written}`);
    expect(result.summary).toContain('- Backend: `given`');
    expect(result.summary).toContain(`- Written: \`${written}\``);
    expect(result.summary).not.toContain('Written: none');
  });
});
