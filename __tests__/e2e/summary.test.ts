import { describe, expect, it, jest } from '@jest/globals';
import { marked, type Tokens } from 'marked';
import { expectSuccess, image, kiln, runTag } from './support/kiln.js';
import { getManifest, platformName } from './support/registry.js';

jest.setTimeout(240_000);

const secret = `summary-s3cr3t-${runTag}`;
const tables = (markdown: string) => marked.lexer(markdown).filter((t): t is Tokens.Table => t.type === 'table');
/** Every table must be valid GFM: a header, and every row with the header's column count. */
function expectValidTables(markdown: string): Tokens.Table[] {
  const found = tables(markdown);
  expect(found.length).toBeGreaterThan(0);
  for (const table of found) {
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row.length).toBe(table.header.length);
  }
  // marked pads short rows silently: count the raw cells too.
  const lines = markdown.split('\n').filter((l) => l.startsWith('|'));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const cells = line.replace(/\\\|/g, '').split('|').length - 2;
    const header = found.find((t) => t.raw.includes(line));
    if (header) expect(cells).toBe(header.header.length);
  }
  return found;
}

describe('the job summary and the report outputs', () => {
  const tag = image('report');
  const inputs = {
    context: 'report',
    platforms: 'linux/amd64,linux/arm64',
    push: 'true',
    tags: tag,
    'build-args': `NONCE=${runTag}`,
    secrets: `token=${secret}`,
  };

  it('describes a fresh build: platforms and digests from the registry, hit ratio 0, the sleep step slowest, the build check', async () => {
    const result = await kiln(inputs);
    expectSuccess(result);
    const summary = result.summary;

    // Outputs parse as JSON and match what the registry serves.
    const served = await getManifest(tag);
    const manifest = JSON.parse(result.outputs.manifest ?? '') as {
      digest: string;
      mediaType: string;
      manifests: { platform: string; digest: string; attestation: boolean }[];
    };
    expect(manifest.digest).toBe(served.digest);
    expect(manifest.mediaType).toBe(served.manifest.mediaType);
    const images = (served.manifest.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
    expect(manifest.manifests.filter((m) => !m.attestation).map((m) => [m.platform, m.digest])).toEqual(images.map((d) => [platformName(d), d.digest]));
    expect(manifest.manifests.filter((m) => m.attestation).length).toBe(2);
    expect(result.outputs['cache-hit-ratio']).toBe('0');
    expect(Number(result.outputs.duration)).toBeGreaterThan(2);
    expect(result.outputs['build-ref']).toMatch(/^\S+\/\S+\/\w+$/);

    // The platforms table lists exactly the index's platforms, with the registry's digests.
    const found = expectValidTables(summary);
    const platforms = found.find((t) => t.header[0]?.text.toLowerCase() === 'platform');
    expect(platforms?.rows.map((r) => r[0]?.text).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const d of images) expect(summary).toContain(d.digest);
    expect(summary).toContain(served.digest);

    // The slowest step is the sleep.
    const slowest = found.find((t) => t.header.some((h) => /seconds|time/i.test(h.text)));
    expect(slowest?.rows[0]?.[0]?.text).toContain('RUN sleep 2');
    expect(summary).toMatch(/0\/\d+ \S* ?\(0%\)|Hits: 0\//);

    // The build check, as a summary line and as an annotation at the Dockerfile line.
    expect(summary).toContain('FromAsCasing');
    const check = result.commands.find((c) => c.command === 'warning' && c.properties.title === 'Build check FromAsCasing');
    expect(check?.properties).toMatchObject({ file: 'report/Dockerfile', line: '2' });

    expect(summary).not.toContain(secret);
  });

  it('says a repeated build came wholly from cache: hit ratio 1', async () => {
    const result = await kiln(inputs);
    expectSuccess(result);
    expect(result.outputs['cache-hit-ratio']).toBe('1');
    expect(result.summary).toMatch(/(\d+)\/\1 [^\n]*\(100%\)/);
    expectValidTables(result.summary);
    expect(result.summary).not.toContain(secret);
  });

  it('shows a failing build’s step and its error lines, folded, and never a secret', async () => {
    const result = await kiln({ context: 'failing', load: 'true', secrets: `token=${secret}`, 'build-args': `IGNORED=${runTag}` });
    expect(result.mainExitCode).toBe(1);
    const summary = result.summary;
    expect(summary).toContain('❌');
    expect(summary).toContain('RUN echo "compiling..."');
    expect(summary).toMatch(/<details>[\s\S]*main\.c:3: error: expected ';'[\s\S]*<\/details>/);
    expect(summary).toContain('exit code: 3');
    expect(summary).not.toContain(secret);
    expectValidTables(summary);
  });

  it('writes nothing with `summary: false`', async () => {
    const result = await kiln({ ...inputs, summary: 'false' });
    expectSuccess(result);
    expect(result.summary).toBe('');
  });
});
