import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { marked, type Token, type Tokens } from 'marked';
import { BuildLog, type BuildStep, readBuildLog } from '../../src/build/log.js';
import { readManifest } from '../../src/report/manifest.js';
import { fitSummary, formatBytes, formatDuration, renderSummary, SUMMARY_MAX_BYTES, type SummaryData } from '../../src/report/summary.js';

const parseProgress = (log: string): BuildStep[] => readBuildLog(log).steps();
const parseBuildFailure = (log: string) => readBuildLog(log).failure();

// Real buildx logs and registry manifests (see fixtures/progress, fixtures/buildx and
// fixtures/manifests READMEs).
const progress = (name: string): string => readFileSync(new URL(`./fixtures/progress/${name}`, import.meta.url), 'utf8');
const manifestFixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/manifests/${name}`, import.meta.url));

const INDEX = 'sha256:957a96704811bfb41fa4dc3d941652bd3e62971ef608c26ff5bec7fe52c19b99';
const AMD64 = 'sha256:8cabf365b8115adb6d95398bc26f89376eb156bd64e24eb833b73419f165ed7d';
const ARM64 = 'sha256:0255fe8bf1a1eb4548a8d4098994bcd68b7a8a40c9969d3f21d45787028f61bd';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const FAILING_STEP =
  '[linux/arm64 3/3] RUN for i in $(seq 1 25); do echo "step $i | $(uname -m)"; done; sleep 1; [ "$(uname -m)" = x86_64 ] || { echo "unsupported arch" >&2; exit 5; }';

/** A summary of the fresh two-platform build (multi-fresh.log), pushed as the index fixture. */
function data(overrides: Partial<SummaryData> = {}): SummaryData {
  return {
    ok: true,
    seconds: 4.23,
    tags: ['ghcr.io/o/r:1.2.3', 'ghcr.io/o/r:latest'],
    manifest: readManifest(manifestFixture('oci-index-two-platforms-attestations.json'), 'linux/amd64'),
    builder: {
      name: 'kiln-builder',
      driver: 'docker-container',
      buildkit: 'v0.25.1',
      nodes: [{ name: 'kiln-builder0', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }],
      emulated: ['linux/arm64'],
    },
    cache: {
      backend: 'gha',
      reason: 'the Actions cache service is available',
      reads: ['o-r-main', 'o-r-default'],
      written: ['o-r-main'],
      warnings: ['cache-to mode=max exports every layer'],
    },
    steps: parseProgress(progress('multi-fresh.log')),
    checks: new BuildLog().push(progress('warn.log')).end().checks(),
    secrets: [],
    ...overrides,
  };
}

/** The failing two-platform build (multi-fail.log), its failure as parseBuildFailure reads it. */
function failed(overrides: Partial<SummaryData> = {}): SummaryData {
  const log = progress('multi-fail.log');
  const { step, message, output } = parseBuildFailure(log);
  return data({ ok: false, seconds: 2.9, manifest: undefined, steps: parseProgress(log), failure: { step, message, output }, ...overrides });
}

const lex = (markdown: string): Token[] => marked.lexer(markdown);

function tokensOf<T extends Token>(markdown: string, type: T['type']): T[] {
  const found: T[] = [];
  void marked.walkTokens(lex(markdown), (t) => {
    if (t.type === type) found.push(t as T);
  });
  return found;
}

const tables = (markdown: string): Tokens.Table[] => tokensOf<Tokens.Table>(markdown, 'table');

/** What a reader sees of a cell: its inline Markdown rendered, tags dropped, entities decoded. */
function shown(cell: Tokens.TableCell): string {
  return marked
    .parseInline(cell.text, { async: false })
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const rows = (table: Tokens.Table): string[][] => table.rows.map((r) => r.map(shown));
const header = (table: Tokens.Table): string[] => table.header.map(shown);

/**
 * The cells of each raw table line, split where GFM splits them: on pipes not escaped by an odd
 * number of backslashes (marked pads or drops cells to the header's count, which hides an
 * unescaped pipe; this does not).
 */
function rawCellCounts(table: Tokens.Table): number[] {
  return table.raw
    .trimEnd()
    .split('\n')
    .map((line) => {
      let cells = 0;
      let backslashes = 0;
      for (const ch of line.trim().replace(/^\||\|$/g, '')) {
        if (ch === '|' && backslashes % 2 === 0) cells++;
        backslashes = ch === '\\' ? backslashes + 1 : 0;
      }
      return cells + 1;
    });
}

function headings(markdown: string): string[] {
  return tokensOf<Tokens.Heading>(markdown, 'heading').map((h) => h.text);
}

describe('renderSummary: content', () => {
  const md = renderSummary(data());

  it('opens with the result and the total time', () => {
    expect(md.split('\n')[0]).toBe('### ✅ Build succeeded in 4.2s');
    expect(renderSummary(failed()).split('\n')[0]).toBe('### ❌ Build failed after 2.9s');
  });

  it('has its sections in order', () => {
    expect(headings(md)).toEqual(['✅ Build succeeded in 4.2s', 'Platforms', 'Builder', 'Cache', 'Slowest steps', 'Build checks', 'Timeline']);
    expect(md.indexOf('Tags: ')).toBeGreaterThan(0);
    expect(md.indexOf('Tags: ')).toBeLessThan(md.indexOf('#### Platforms'));
  });

  it('lists the tags as code', () => {
    expect(md).toContain('Tags: `ghcr.io/o/r:1.2.3`, `ghcr.io/o/r:latest`');
  });

  it('lists tags made by `images` rules one per line, each with its rule', () => {
    const tagged = renderSummary(
      data({
        tags: ['ghcr.io/o/r:1.2.3', 'ghcr.io/o/r:latest', 'ghcr.io/o/r:extra'],
        tagRules: {
          'ghcr.io/o/r:1.2.3': 'type=semver,pattern={{version}}',
          'ghcr.io/o/r:latest': 'latest (flavor latest=auto, after type=semver,pattern={{version}})',
        },
      }),
    );
    const list = tokensOf<Tokens.List>(tagged, 'list')[0];
    expect(list?.items.map((i) => i.text)).toEqual([
      '`ghcr.io/o/r:1.2.3` from `type=semver,pattern={{version}}`',
      '`ghcr.io/o/r:latest` from `latest (flavor latest=auto, after type=semver,pattern={{version}})`',
      '`ghcr.io/o/r:extra`',
    ]);
  });

  it('lists the image manifests, not the attestations, and names the index', () => {
    const [platforms] = tables(md);
    expect(platforms && rows(platforms)).toEqual([
      ['linux/amd64', AMD64, '858 B'],
      ['linux/arm64', ARM64, '858 B'],
    ]);
    expect(md).not.toContain('unknown/unknown');
    expect(md).toContain(`Index \`${INDEX}\` (\`${OCI_INDEX}\`), with 2 attestation manifests.`);
  });

  it('a single manifest has one row and no index line', () => {
    const single = renderSummary(data({ manifest: readManifest(manifestFixture('oci-manifest-amd64.json'), 'linux/amd64') }));
    const [platforms] = tables(single);
    expect(platforms && rows(platforms)).toEqual([['linux/amd64', AMD64, expect.stringMatching(/^\d+(\.\d)? (B|KiB)$/)]]);
    expect(single).not.toContain('Index ');
  });

  it('describes the builder: name, driver, BuildKit, nodes with platforms, emulation', () => {
    expect(md).toContain('`kiln-builder` · driver `docker-container` · BuildKit `v0.25.1`');
    expect(md).toContain('Emulated (QEMU): `linux/arm64`');
    const nodes = tables(md)[1];
    expect(nodes && rows(nodes)).toEqual([['kiln-builder0', 'linux/amd64, linux/arm64, linux/arm/v7']]);
  });

  it('describes the cache: backend and why, scopes, hit ratio, warnings', () => {
    const cache = md.slice(md.indexOf('#### Cache'), md.indexOf('#### Slowest'));
    expect(cache.trim().split('\n')).toEqual([
      '#### Cache',
      '',
      '- Backend: `gha` — the Actions cache service is available',
      '- Read: `o-r-main`, `o-r-default`',
      '- Written: `o-r-main`',
      '- Hits: 0/10 Dockerfile steps (0%)',
      '- ⚠️ cache-to mode=max exports every layer',
    ]);
  });

  it('says what an explicit cache-to wrote: the user\'s entries, not "none"', () => {
    const md = renderSummary(
      data({
        cache: {
          backend: 'given',
          reason: 'cache-from / cache-to are set: used as given',
          reads: ['type=registry,ref=r/app:cache'],
          written: ['type=registry,ref=r/app:cache,mode=max,ignore-error=true', 'type=local,dest=/c'],
          warnings: [],
        },
      }),
    );
    const cache = md.slice(md.indexOf('#### Cache'), md.indexOf('#### Slowest'));
    expect(cache).toContain('- Backend: `given` — cache-from / cache-to are set: used as given');
    expect(cache).toContain('- Read: `type=registry,ref=r/app:cache`');
    expect(cache).toContain('- Written: `type=registry,ref=r/app:cache,mode=max,ignore-error=true`, `type=local,dest=/c`');
    expect(cache).not.toContain('Written: none');
  });

  it('the fully cached rebuild: all hits, and only what took time among the slowest', () => {
    const cached = renderSummary(
      data({ steps: parseProgress(progress('multi-cached.log')), cache: { backend: 'gha', reason: '', reads: ['o-r-main'], written: [], warnings: [] } }),
    );
    expect(cached).toContain('- Hits: 10/10 Dockerfile steps (100%)');
    expect(cached).toContain('- Written: none');
    const slow = tables(cached).find((t) => header(t)[0] === 'Step');
    expect(slow && rows(slow)).toEqual([['exporting to image', '—', '0.1']]);
  });

  it('lists the five slowest steps, their platform in its own column', () => {
    const slow = tables(md).find((t) => header(t)[0] === 'Step');
    expect(slow && rows(slow)).toEqual([
      ['[base 3/3] RUN sleep 2', 'linux/arm64', '2.3'],
      ['[base 3/3] RUN sleep 2', 'linux/amd64', '2.3'],
      ['[stage-1 4/4] RUN cat /base.txt /app.txt', 'linux/amd64', '0.3'],
      ['[stage-1 4/4] RUN cat /base.txt /app.txt', 'linux/arm64', '0.3'],
      ['exporting to image', '—', '0.3'],
    ]);
  });

  it('lists the build-check warnings with their rule page and place', () => {
    const checks = tables(md).find((t) => header(t)[0] === 'Rule');
    expect(checks && rows(checks)).toEqual([
      ['FromAsCasing', "'as' and 'FROM' keywords' casing do not match", 'Dockerfile:1'],
      ['LegacyKeyValueFormat', '"ENV key=value" should be used instead of legacy "ENV key value" format', 'Dockerfile:2'],
    ]);
    expect(md).toContain('[FromAsCasing](https://docs.docker.com/go/dockerfile/rule/from-as-casing/)');
  });

  it('says nothing of a failure when the build succeeded', () => {
    expect(md).not.toContain('Failure');
    expect(md).not.toContain('<details>');
  });

  it('omits empty sections', () => {
    const bare = renderSummary({
      ok: true,
      seconds: 0.5,
      tags: [],
      builder: { name: '', driver: '', nodes: [], emulated: [] },
      cache: { backend: '', reason: '', reads: [], written: [], warnings: [] },
      steps: [],
      checks: [],
      secrets: [],
    });
    expect(bare).toBe('### ✅ Build succeeded in 0.5s\n');
    const noCacheable = renderSummary(data({ steps: parseProgress(progress('warn.log')).filter((s) => s.instruction === undefined) }));
    expect(noCacheable).not.toContain('Hits:');
  });

  it('formats times and sizes', () => {
    expect(formatDuration(0)).toBe('0.0s');
    expect(formatDuration(59.94)).toBe('59.9s');
    expect(formatDuration(59.96)).toBe('1m 00s');
    expect(formatDuration(75.4)).toBe('1m 15s');
    expect(formatDuration(3725)).toBe('1h 02m 05s');
    expect(formatBytes(858)).toBe('858 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});

describe('renderSummary: valid GFM tables', () => {
  const cases: [string, string, string[][], number[]][] = [
    [
      'a successful build',
      renderSummary(data()),
      [
        ['Platform', 'Digest', 'Manifest size'],
        ['Node', 'Platforms'],
        ['Step', 'Platform', 'Seconds'],
        ['Rule', 'Message', 'Location'],
      ],
      [2, 1, 5, 2],
    ],
    [
      'a failed build',
      renderSummary(failed()),
      [
        ['Node', 'Platforms'],
        ['Step', 'Platform', 'Seconds'],
        ['Rule', 'Message', 'Location'],
      ],
      [1, 4, 2],
    ],
  ];

  it.each(cases)('%s: each table has its header, a delimiter row and rows of the same width', (_, md, headers, rowCounts) => {
    const found = tables(md);
    expect(found.map(header)).toEqual(headers);
    expect(found.map((t) => t.rows.length)).toEqual(rowCounts);
    for (const table of found) {
      const width = table.header.length;
      expect(table.align).toHaveLength(width);
      for (const row of table.rows) expect(row).toHaveLength(width);
      const lines = table.raw.trimEnd().split('\n');
      expect(lines[1]).toBe(`| ${Array.from({ length: width }, () => '---').join(' | ')} |`);
      expect(rawCellCounts(table)).toEqual(lines.map(() => width));
    }
  });
});

describe('renderSummary: a failed build', () => {
  const md = renderSummary(failed());

  it('names the failing step, its error and its output in a folded block', () => {
    expect(headings(md).at(-1)).toBe('Failure');
    const failure = md.slice(md.indexOf('#### Failure'));
    const tokens = lex(failure).filter((t) => t.type !== 'space');
    expect(tokens.map((t) => t.type)).toEqual(['heading', 'paragraph', 'paragraph', 'code', 'html', 'code', 'html']);

    const step = tokensOf<Tokens.Codespan>(failure, 'codespan')[0];
    expect(step?.text).toBe(FAILING_STEP);

    const [message, output] = tokensOf<Tokens.Code>(failure, 'code');
    expect(message?.text).toBe(
      'failed to build: failed to solve: process "/bin/sh -c for i in $(seq 1 25); do echo \\"step $i | $(uname -m)\\"; done; sleep 1; [ \\"$(uname -m)\\" = x86_64 ] || { echo \\"unsupported arch\\" >&2; exit 5; }" did not complete successfully: exit code: 5',
    );
    // BuildKit repeats the failing step's last 10 lines.
    expect(output?.text.split('\n')).toEqual([...Array.from({ length: 9 }, (_, i) => `step ${i + 17} | aarch64`), 'unsupported arch']);
    expect(tokens[4]?.raw.trim()).toBe('<details><summary>Last 10 output lines</summary>');
    expect(tokens[6]?.raw.trim()).toBe('</details>');
  });

  it('the slowest steps include the failed one, at least as long as its last output', () => {
    const slow = tables(md).find((t) => header(t)[0] === 'Step');
    expect(slow && rows(slow)[0]).toEqual([FAILING_STEP.replace('linux/arm64 ', ''), 'linux/arm64', '≥ 1.4']);
  });

  it('a fence in the output does not close the block; colours and progress bars are cleaned', () => {
    const output = ['```', 'inside', '````', '\u001b[31merror:\u001b[0m bad', 'downloading 10%\rdownloading 100%', '</details>'];
    const out = renderSummary(failed({ failure: { step: '[2/2] RUN make', message: 'exit code: 2', output } }));
    const [, block] = tokensOf<Tokens.Code>(out.slice(out.indexOf('#### Failure')), 'code');
    expect(block?.text.split('\n')).toEqual(['```', 'inside', '````', 'error: bad', 'downloading 100%', '</details>']);
    expect(out).not.toContain('\u001b');
  });

  it('without a step (a parse error) or output, says what it has', () => {
    const out = renderSummary(failed({ failure: { message: 'dockerfile parse error on line 2: unknown instruction: FRM', output: [] } }));
    const failure = out.slice(out.indexOf('#### Failure'));
    expect(failure).not.toContain('Step:');
    expect(failure).not.toContain('<details>');
    expect(tokensOf<Tokens.Code>(failure, 'code').map((c) => c.text)).toEqual(['dockerfile parse error on line 2: unknown instruction: FRM']);
  });
});

describe('renderSummary: secrets', () => {
  const secrets = ['hunter2-token', 'p|a_ss*w`rd', 'line-one-of-key\nline-two-of-key\n', 'q9', '   ', ''];
  const leaked = (md: string): string[] =>
    ['hunter2-token', 'hunter2', 'p|a_ss*w`rd', 'line-one-of-key', 'line-two-of-key', 'q9'].filter((s) => md.includes(s));

  function everywhere(): SummaryData {
    const step = (id: number, fields: Partial<BuildStep>): BuildStep => ({
      id,
      name: `[${id}/3] RUN x`,
      instruction: 'RUN x',
      cached: false,
      output: [],
      ...fields,
    });
    return failed({
      // Long enough to be cut (at 200 characters) right inside the secret.
      tags: [`ghcr.io/o/r:${'x'.repeat(180)}hunter2-token`, 'ghcr.io/o/q9:1'],
      manifest: readManifest(manifestFixture('oci-index-two-platforms-attestations.json'), 'linux/amd64'),
      builder: {
        name: 'b-hunter2-token',
        driver: 'remote',
        buildkit: 'q9',
        nodes: [{ name: 'n|q9', platforms: ['linux/p|a_ss*w`rd'] }],
        emulated: ['hunter2-token'],
      },
      cache: { backend: 'registry', reason: 'token hunter2-token', reads: ['line-one-of-key'], written: ['p|a_ss*w`rd'], warnings: ['line-two-of-key leaked'] },
      steps: [
        step(1, { name: '[1/3] RUN curl -H "Authorization: hunter2-token"', seconds: 5, output: ['hunter2-token'] }),
        step(2, { name: '[2/3] RUN echo p|a_ss*w`rd', seconds: 4, platform: 'q9' }),
        step(3, { name: '[3/3] RUN echo line-one-of-key', seconds: 3, error: 'line-two-of-key' }),
      ],
      checks: [{ rule: 'SecretsUsedInArgOrEnv', message: 'ARG hunter2-token', file: 'q9/Dockerfile', line: 3, url: 'https://example.com/hunter2-token' }],
      failure: {
        step: '[3/3] RUN echo line-one-of-key',
        message: 'failed: p|a_ss*w`rd\nline-two-of-key',
        // Split by colours, which go before the secrets are looked for.
        output: ['hun\u001b[0mter2-token', 'line-one-of-key', 'a line-two-of-key b', `${'y'.repeat(995)}hunter2-token`],
      },
      secrets,
    });
  }

  it('never prints a secret, nor a line of a multi-line one, whatever the field', () => {
    const md = renderSummary(everywhere());
    expect(leaked(md)).toEqual([]);
    expect(md).toContain('***');
    expect(md).toContain('Tags: `ghcr.io/o/r:');
    expect(md).toContain('`b-***`');
  });

  it('masks a secret given with surrounding whitespace (a file’s newline) where it shows trimmed', () => {
    const md = renderSummary(data({ tags: ['ghcr.io/o/r:s3cr3t-value'], secrets: ['  s3cr3t-value\n'] }));
    expect(md).not.toContain('s3cr3t-value');
    expect(md).toContain('`ghcr.io/o/r:***`');
  });

  it('ignores blank secrets', () => {
    const md = renderSummary(data({ secrets: ['   ', '', '\n'] }));
    expect(md).toBe(renderSummary(data()));
  });

  it('masks a secret in the tables without breaking them', () => {
    const md = renderSummary(everywhere());
    expect(tables(md).length).toBeGreaterThan(0);
    for (const table of tables(md))
      expect(rawCellCounts(table)).toEqual(
        table.raw
          .trimEnd()
          .split('\n')
          .map(() => table.header.length),
      );
  });
});

describe('renderSummary: size', () => {
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

  it('a huge failure output keeps the summary far under 1 MiB, and says it was cut', () => {
    const output = Array.from({ length: 200_000 }, (_, i) => `line ${i} ${'z'.repeat(100)}`);
    const md = renderSummary(failed({ failure: { step: '[2/2] RUN make', message: 'exit code: 2', output } }));
    expect(bytes(md)).toBeLessThan(100_000);
    expect(md).toContain('<details><summary>Last 50 of 200000 output lines (truncated)</summary>');
    expect(md).toContain(`line 199999 ${'z'.repeat(100)}`);
    expect(md).not.toContain('line 199949 ');
  });

  it('cuts a huge line and a huge message', () => {
    const md = renderSummary(failed({ failure: { step: 's', message: 'm'.repeat(10_000_000), output: ['o'.repeat(5_000_000)] } }));
    expect(bytes(md)).toBeLessThan(100_000);
    expect(md).toContain('<details><summary>Last 1 output line, long lines cut</summary>');
    expect(md).toContain(`${'o'.repeat(999)}…`);
    expect(md).toContain(`${'m'.repeat(3999)}…`);
  });

  it('stays under the limit with every part at its largest, and a secret that triples it', () => {
    const big = (prefix: string, n: number): string => `${prefix}${'x'.repeat(n)}`;
    const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    const md = renderSummary({
      ok: false,
      seconds: 1,
      tags: many(10_000, (i) => big(`t${i}`, 500)),
      manifest: {
        digest: big('sha256:', 5000),
        mediaType: OCI_INDEX,
        entries: many(10_000, (i) => ({ platform: big(`p${i}`, 500), digest: big('d', 500), size: i, mediaType: 'm', attestation: false })),
      },
      builder: {
        name: big('b', 5000),
        driver: 'd',
        nodes: many(10_000, (i) => ({ name: big(`n${i}`, 500), platforms: many(100, () => big('', 100)) })),
        emulated: many(10_000, () => big('', 500)),
      },
      cache: {
        backend: 'gha',
        reason: big('', 100_000),
        reads: many(10_000, () => big('', 500)),
        written: many(10_000, () => big('', 5000)),
        warnings: many(10_000, () => big('', 5000)),
      },
      steps: many(10_000, (i) => ({ id: i, name: big('', 5000), instruction: 'RUN x', platform: big('', 500), cached: false, seconds: i, output: [] })),
      checks: many(10_000, (i) => ({ rule: big('R', 500), message: big('', 5000), file: big('', 500), line: i, url: `https://e.com/${'x'.repeat(500)}` })),
      failure: { step: big('', 100_000), message: big('', 100_000), output: many(10_000, () => big('', 5000)) },
      secrets: ['x'],
    });
    expect(bytes(md)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(bytes(md)).toBeLessThan(1024 * 1024);
    expect(md).not.toContain('x');
    expect(md).toContain('more platforms not shown');
    expect(md).toContain('9950 more');
  });

  it('wide characters in every field at their caps stay under the limit', () => {
    // 3-byte characters, one UTF-16 unit each, fill every shown field to its cap.
    const wide = (n: number): string => '語'.repeat(n);
    const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    const md = renderSummary({
      ok: false,
      seconds: 1,
      tags: many(100, () => wide(300)),
      manifest: {
        digest: 'sha256:1',
        mediaType: OCI_INDEX,
        entries: many(200, () => ({ platform: wide(300), digest: wide(300), size: 1, mediaType: 'm', attestation: false })),
      },
      builder: { name: 'b', driver: 'd', nodes: many(200, () => ({ name: wide(300), platforms: [wide(2000)] })), emulated: [] },
      cache: {
        backend: 'gha',
        reason: wide(2000),
        reads: many(200, () => wide(300)),
        written: many(200, () => wide(300)),
        warnings: many(40, () => wide(2000)),
      },
      steps: [],
      checks: many(100, () => ({ rule: 'R', message: wide(2000), file: wide(300), url: '' })),
      failure: { step: wide(2000), message: wide(8000), output: many(100, () => wide(2000)) },
      secrets: [],
    });
    expect(Buffer.byteLength(md, 'utf8')).toBeGreaterThan(800_000);
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(md).not.toContain('\uFFFD');
  });
});

describe('fitSummary', () => {
  const note = "_The summary was cut to stay under GitHub's 1 MiB step-summary limit._";
  const output = Array.from({ length: 50 }, (_, i) => `${i} ${'é'.repeat(500)}`);
  const md = renderSummary(failed({ failure: { step: '[2/2] RUN make', message: 'exit code: 2', output } }));

  it('leaves a summary under the limit alone', () => {
    expect(fitSummary(md)).toBe(md);
    expect(fitSummary(md, Buffer.byteLength(md, 'utf8'))).toBe(md);
  });

  it('cuts at a line, closes the code block and <details> the cut left open, and says so', () => {
    const limit = Buffer.byteLength(md, 'utf8') - 20_000;
    const cut = fitSummary(md, limit);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(limit);
    expect(cut).not.toContain('\uFFFD');
    expect(cut.endsWith(`\n\n${note}\n`)).toBe(true);
    const tokens = lex(cut).filter((t) => t.type !== 'space');
    expect(tokens.slice(-4).map((t) => t.type)).toEqual(['html', 'code', 'html', 'paragraph']);
    expect(tokens.at(-2)?.raw.trim()).toBe('</details>');
    expect(tokens.at(-1)).toMatchObject({ type: 'paragraph', text: note });
    expect(
      tokensOf<Tokens.Code>(cut, 'code')
        .at(-1)
        ?.text.split('\n')
        .every((l) => output.includes(l)),
    ).toBe(true);
  });

  it('a cut among the tables leaves whole rows', () => {
    const ok = renderSummary(data());
    // In the middle of the second row of the slowest steps.
    const limit = Buffer.byteLength(ok.slice(0, ok.indexOf('| `[base 3/3] RUN sleep 2` | linux/amd64')), 'utf8') + 20 + note.length;
    const cut = fitSummary(ok, limit);
    expect(cut.endsWith(`\n\n${note}\n`)).toBe(true);
    const slow = tables(cut).find((t) => header(t)[0] === 'Step');
    expect(slow && rows(slow)).toEqual([['[base 3/3] RUN sleep 2', 'linux/arm64', '2.3']]);
    for (const table of tables(cut))
      expect(rawCellCounts(table)).toEqual(
        table.raw
          .trimEnd()
          .split('\n')
          .map(() => table.header.length),
      );
  });
});

describe('renderSummary: escaping in cells', () => {
  const step = (id: number, name: string, seconds: number, platform?: string): BuildStep => ({
    id,
    name,
    instruction: name,
    cached: false,
    seconds,
    output: [],
    ...(platform !== undefined ? { platform } : {}),
  });
  const md = renderSummary(
    data({
      steps: [
        step(1, 'RUN echo "a|b" | tr a-z A-Z\necho second line', 9),
        step(2, 'RUN printf "a\\|b"', 8),
        step(3, 'RUN echo `date` ``x``', 7),
        step(4, 'RUN echo *not bold* <b>not html</b> [not](link) &amp;', 6),
        step(5, 'RUN x', 5, 'linux/amd64|evil\nrow'),
      ],
      checks: [{ rule: 'Some|Rule', message: 'line one | still one\nline two <script>alert(1)</script> _x_', file: 'Docker|file', line: 7, url: '' }],
      tags: ['reg/img:we`ird|tag'],
    }),
  );

  it('pipes and newlines stay inside their cell, shown as they are', () => {
    const slow = tables(md).find((t) => header(t)[0] === 'Step');
    expect(slow && rows(slow)).toEqual([
      ['RUN echo "a|b" | tr a-z A-Z echo second line', '—', '9.0'],
      ['RUN printf "a\\|b"', '—', '8.0'],
      ['RUN echo `date` ``x``', '—', '7.0'],
      ['RUN echo *not bold* <b>not html</b> [not](link) &amp;', '—', '6.0'],
      ['RUN x', 'linux/amd64|evil row', '5.0'],
    ]);
    const checks = tables(md).find((t) => header(t)[0] === 'Rule');
    expect(checks && rows(checks)).toEqual([['Some|Rule', 'line one | still one line two <script>alert(1)</script> _x_', 'Docker|file:7']]);
    for (const table of tables(md)) {
      expect(rawCellCounts(table)).toEqual(
        table.raw
          .trimEnd()
          .split('\n')
          .map(() => table.header.length),
      );
      expect(
        table.raw
          .trimEnd()
          .split('\n')
          .every((l) => l.startsWith('| ') && l.endsWith(' |')),
      ).toBe(true);
    }
  });

  it('makes no HTML of cell text', () => {
    expect(tokensOf(md, 'html')).toEqual([]);
    expect(md).not.toContain('<script>');
  });

  it('a tag with a backtick is still one code span', () => {
    expect(tokensOf<Tokens.Codespan>(md.split('\n').find((l) => l.startsWith('Tags:')) ?? '', 'codespan').map((c) => c.text)).toEqual(['reg/img:we`ird|tag']);
  });
});

describe('renderSummary: build-argument values never shown', () => {
  // BuildKit titles `RUN echo $TOKEN $MODE > /out` with the values expanded.
  const token = 'tok-9f8e7d6c';
  const titled: BuildStep[] = [
    { id: 4, name: '[2/3] RUN echo tok-9f8e7d6c release > /out', instruction: 'RUN echo tok-9f8e7d6c release > /out', cached: false, seconds: 3.2, output: [] },
    { id: 5, name: '[3/3] COPY app/ /app/', instruction: 'COPY app/ /app/', cached: false, seconds: 1.5, output: [] },
  ];

  it('slowest steps and the timeline: each value back to $NAME', () => {
    const md = renderSummary(data({ steps: titled, platform: 'linux/amd64', buildArgs: { TOKEN: token, MODE: 'release' } }));
    expect(md).not.toContain(token);
    expect(md).not.toContain('release >');
    expect(md).toContain('`[2/3] RUN echo $TOKEN $MODE > /out`');
    expect(md).toContain('`[3/3] COPY app/ /app/`');
  });

  it("the failing step and BuildKit's message, which quotes the expanded command", () => {
    const md = renderSummary(
      data({
        ok: false,
        steps: titled,
        failure: {
          step: '[2/3] RUN echo tok-9f8e7d6c release > /out',
          message: 'process "/bin/sh -c echo tok-9f8e7d6c release > /out" did not complete successfully: exit code: 1',
          output: [],
        },
        buildArgs: { TOKEN: token, MODE: 'release' },
      }),
    );
    expect(md).not.toContain(token);
    expect(md).toContain('Step: `[2/3] RUN echo $TOKEN $MODE > /out`');
    expect(md).toContain('process "/bin/sh -c echo $TOKEN $MODE > /out" did not complete');
  });

  it('a value inside another is replaced whole, and a replacement is not searched again', () => {
    const steps: BuildStep[] = [{ id: 2, name: '[1/1] RUN ab abc O', instruction: 'RUN ab abc O', cached: false, seconds: 2, output: [] }];
    const md = renderSummary(data({ steps, buildArgs: { SHORT: 'ab', LONG: 'abc', ONE: 'O' } }));
    expect(md).toContain('`[1/1] RUN $SHORT $LONG $ONE`');
  });
});
