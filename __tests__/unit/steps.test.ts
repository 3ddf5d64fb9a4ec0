import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { BuildLog, type BuildStep, readBuildLog } from '../../src/build/log.js';
import { cacheHits, isDockerfileStep, slowest } from '../../src/report/steps.js';

const parseProgress = (log: string): BuildStep[] => readBuildLog(log).steps();

// Real `docker buildx build --progress=plain` logs (see fixtures/progress/README.md and
// fixtures/buildx/README.md).
const progress = (name: string): string => readFileSync(new URL(`./fixtures/progress/${name}`, import.meta.url), 'utf8');
const buildx = (name: string): string => readFileSync(new URL(`./fixtures/buildx/${name}`, import.meta.url), 'utf8');

const BUSYBOX = 'localhost:5000/busybox:latest@sha256:8060e2d0d83e3ac0a8f68f63c1af6f385bfc4ccfa93a8f3d899c9b51eb52919e';
const FAILING_RUN =
  'RUN for i in $(seq 1 25); do echo "step $i | $(uname -m)"; done; sleep 1; [ "$(uname -m)" = x86_64 ] || { echo "unsupported arch" >&2; exit 5; }';

function byId(steps: BuildStep[], id: number): BuildStep {
  const step = steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step #${id}`);
  return step;
}

/** A plain BuildStep, for the functions that take steps. */
function step(id: number, fields: Partial<BuildStep> = {}): BuildStep {
  return { id, name: `[${id}/9] RUN step ${id}`, instruction: `RUN step ${id}`, cached: false, output: [], ...fields };
}

describe('parseProgress on a fresh two-platform build (multi-fresh.log)', () => {
  const steps = parseProgress(progress('multi-fresh.log'));

  it('lists every vertex once, in first-seen order, without buildx’s own #0 line', () => {
    expect(steps.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(steps.map((s) => s.name)).toEqual([
      '[internal] load build definition from Dockerfile',
      '[linux/amd64 internal] load metadata for localhost:5000/busybox:latest',
      '[linux/arm64 internal] load metadata for localhost:5000/busybox:latest',
      '[internal] load .dockerignore',
      `[linux/amd64 base 1/3] FROM ${BUSYBOX}`,
      '[internal] load build context',
      `[linux/arm64 base 1/3] FROM ${BUSYBOX}`,
      '[linux/amd64 base 2/3] RUN echo "base 2006310660" > /base.txt && uname -m',
      '[linux/arm64 base 2/3] RUN echo "base 2006310660" > /base.txt && uname -m',
      '[linux/arm64 base 3/3] RUN sleep 2',
      '[linux/amd64 base 3/3] RUN sleep 2',
      '[linux/amd64 stage-1 2/4] COPY --from=base /base.txt /base.txt',
      '[linux/amd64 stage-1 3/4] COPY app.txt /app.txt',
      '[linux/arm64 stage-1 2/4] COPY --from=base /base.txt /base.txt',
      '[linux/arm64 stage-1 3/4] COPY app.txt /app.txt',
      '[linux/amd64 stage-1 4/4] RUN cat /base.txt /app.txt',
      '[linux/arm64 stage-1 4/4] RUN cat /base.txt /app.txt',
      'exporting to image',
    ]);
  });

  it('splits a step’s name into platform, stage and instruction', () => {
    expect(byId(steps, 10)).toEqual({
      id: 10,
      name: '[linux/arm64 base 3/3] RUN sleep 2',
      instruction: 'RUN sleep 2',
      stage: 'base',
      platform: 'linux/arm64',
      cached: false,
      seconds: 2.3,
      output: [],
    });
    expect(byId(steps, 16)).toMatchObject({ instruction: 'RUN cat /base.txt /app.txt', stage: 'stage-1', platform: 'linux/amd64' });
  });

  it('gives BuildKit’s own steps a platform when they carry one, and no instruction', () => {
    expect(byId(steps, 1)).toEqual({ id: 1, name: '[internal] load build definition from Dockerfile', cached: false, seconds: 0, output: [] });
    expect(byId(steps, 2)).toEqual({
      id: 2,
      name: '[linux/amd64 internal] load metadata for localhost:5000/busybox:latest',
      platform: 'linux/amd64',
      cached: false,
      seconds: 0,
      output: [],
    });
    expect(byId(steps, 18)).toEqual({ id: 18, name: 'exporting to image', cached: false, seconds: 0.3, output: [] });
  });

  it('reads CACHED, DONE times and each step’s own output', () => {
    expect(byId(steps, 5)).toMatchObject({ instruction: `FROM ${BUSYBOX}`, cached: true });
    expect(byId(steps, 5).seconds).toBeUndefined();
    expect(byId(steps, 7)).toMatchObject({ cached: false, seconds: 0.1 });
    expect(byId(steps, 8).output).toEqual(['x86_64']);
    expect(byId(steps, 9).output).toEqual(['aarch64']);
    expect(byId(steps, 17).output).toEqual(['base 2006310660', 'app']);
  });

  it('follows the interleaved sleep steps (#10 ..., #11, #10 again) to their DONE', () => {
    expect(byId(steps, 10).seconds).toBe(2.3);
    expect(byId(steps, 11).seconds).toBe(2.3);
  });

  it('a fresh build served no Dockerfile step from cache', () => {
    expect(cacheHits(steps)).toEqual({ cached: 0, total: 10, ratio: 0 });
  });

  it('slowest picks the sleep steps, ties in log order', () => {
    expect(slowest(steps, 2).map((s) => s.name)).toEqual(['[linux/arm64 base 3/3] RUN sleep 2', '[linux/amd64 base 3/3] RUN sleep 2']);
    expect(slowest(steps, 3).map((s) => s.id)).toEqual([10, 11, 16]);
  });
});

describe('parseProgress on a cached rebuild whose export fetches cached layers (lazy-pull.log)', () => {
  const steps = parseProgress(progress('lazy-pull.log'));

  it('a CACHED step printed again to fetch its layer for the export stays cached', () => {
    const copies = steps.filter((s) => s.instruction === 'COPY --from=build /out /app');
    expect(copies).toHaveLength(2);
    expect(copies.every((s) => s.cached)).toBe(true);
  });

  it('the rebuild has a hit ratio of 1', () => {
    expect(cacheHits(steps)).toEqual({ cached: 12, total: 12, ratio: 1 });
  });
});

describe('parseProgress on the fully cached rebuild (multi-cached.log)', () => {
  const steps = parseProgress(progress('multi-cached.log'));

  it('every RUN and COPY is CACHED; the FROMs say DONE and are not counted', () => {
    expect(steps.filter((s) => s.cached).map((s) => s.instruction)).toEqual([
      'COPY app.txt /app.txt',
      'RUN sleep 2',
      'COPY --from=base /base.txt /base.txt',
      'RUN echo "base 2006310660" > /base.txt && uname -m',
      'COPY --from=base /base.txt /base.txt',
      'RUN sleep 2',
      'RUN echo "base 2006310660" > /base.txt && uname -m',
      'COPY app.txt /app.txt',
      'RUN cat /base.txt /app.txt',
      'RUN cat /base.txt /app.txt',
    ]);
    expect(byId(steps, 5)).toMatchObject({ instruction: `FROM ${BUSYBOX}`, cached: false, seconds: 0 });
    expect(isDockerfileStep(byId(steps, 5))).toBe(false);
  });

  it('a fully cached rebuild has a hit ratio of 1', () => {
    expect(cacheHits(steps)).toEqual({ cached: 10, total: 10, ratio: 1 });
  });

  it('slowest leaves the cached steps out', () => {
    const top = slowest(steps, 5);
    expect(top.map((s) => s.name)).toEqual([
      'exporting to image',
      '[internal] load build definition from Dockerfile',
      '[linux/arm64 internal] load metadata for localhost:5000/busybox:latest',
      '[linux/amd64 internal] load metadata for localhost:5000/busybox:latest',
      '[internal] load .dockerignore',
    ]);
    expect(top.some((s) => s.cached)).toBe(false);
  });
});

describe('parseProgress on a two-platform build failing on one platform (multi-fail.log)', () => {
  const steps = parseProgress(progress('multi-fail.log'));

  it('the failing step: its error, its last 20 lines, and the time of its last line', () => {
    expect(byId(steps, 9)).toEqual({
      id: 9,
      name: `[linux/arm64 3/3] ${FAILING_RUN}`,
      instruction: FAILING_RUN,
      platform: 'linux/arm64',
      cached: false,
      seconds: 1.444,
      error:
        'process "/bin/sh -c for i in $(seq 1 25); do echo \\"step $i | $(uname -m)\\"; done; sleep 1; [ \\"$(uname -m)\\" = x86_64 ] || { echo \\"unsupported arch\\" >&2; exit 5; }" did not complete successfully: exit code: 5',
      output: [...Array.from({ length: 19 }, (_, i) => `step ${i + 7} | aarch64`), 'unsupported arch'],
    });
  });

  it('the other platform’s step, printed between two parts of the failing one, succeeded', () => {
    expect(byId(steps, 10)).toMatchObject({ platform: 'linux/amd64', seconds: 1.3, cached: false });
    expect(byId(steps, 10).error).toBeUndefined();
    expect(byId(steps, 10).output).toEqual(Array.from({ length: 20 }, (_, i) => `step ${i + 6} | x86_64`));
  });

  it('the only stage is unnamed even with `AS build`', () => {
    const instructions = steps.filter((s) => s.instruction !== undefined);
    expect(instructions.length).toBeGreaterThan(0);
    expect(instructions.every((s) => s.stage === undefined)).toBe(true);
  });

  it('slowest counts the failed step at its last output time', () => {
    expect(slowest(steps, 2).map((s) => s.id)).toEqual([9, 10]);
  });
});

describe('parseProgress on names and output edge cases (edge.log)', () => {
  const steps = parseProgress(progress('edge.log'));

  it('a cross-compiling step keeps its build->target platform', () => {
    expect(byId(steps, 9)).toMatchObject({
      name: '[linux/amd64->arm64 tools 2/2] RUN echo "cross arm64 2006310660" | tee /out.txt',
      platform: 'linux/amd64->arm64',
      stage: 'tools',
      instruction: 'RUN echo "cross arm64 2006310660" | tee /out.txt',
      output: ['cross arm64 2006310660'],
    });
  });

  it('reads padded step counters ([stage-1  2/11])', () => {
    expect(byId(steps, 7)).toMatchObject({ name: '[linux/amd64 stage-1  2/11] WORKDIR /w', stage: 'stage-1', instruction: 'WORKDIR /w' });
    expect(byId(steps, 25)).toMatchObject({ stage: 'stage-1', instruction: 'RUN echo 9', platform: 'linux/arm64', seconds: 0.5 });
    expect(isDockerfileStep(byId(steps, 7))).toBe(true);
  });

  it('keeps empty lines, completed partial lines, carriage returns and ANSI escapes of the output', () => {
    expect(byId(steps, 13).output).toEqual(['first', '', 'third', 'fourth tail', 'bar 10%\rbar 100%', '\u001b[31mred\u001b[0m']);
  });

  it('a vertex printed twice (#5, DONE each time) is one step', () => {
    expect(steps.filter((s) => s.id === 5)).toHaveLength(1);
    expect(steps.map((s) => s.id)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
  });

  it('counts WORKDIR, COPY and RUN for both platforms', () => {
    expect(cacheHits(steps)).toEqual({ cached: 0, total: 22, ratio: 0 });
  });
});

describe('parseProgress on the failure logs', () => {
  it('copy-missing.log: a cached WORKDIR, the failing COPY, the FROM canceled', () => {
    const steps = parseProgress(buildx('copy-missing.log'));
    expect(byId(steps, 5)).toMatchObject({ instruction: 'WORKDIR /app', cached: true });
    expect(byId(steps, 6)).toEqual({
      id: 6,
      name: '[3/3] COPY missing.txt /app/',
      instruction: 'COPY missing.txt /app/',
      cached: false,
      error: 'failed to calculate checksum of ref ur2h0xpjfek2hhxvwho0gjb0k::n5eycip2ujinutio1c2dx2ilw: "/missing.txt": not found',
      output: [],
    });
    expect(byId(steps, 7)).toMatchObject({ instruction: `FROM ${BUSYBOX}`, cached: false });
    expect(byId(steps, 7).seconds).toBeUndefined();
    expect(cacheHits(steps)).toEqual({ cached: 1, total: 2, ratio: 0.5 });
  });

  it('named-stage.log: a named stage, stdout and stderr alike', () => {
    const steps = parseProgress(buildx('named-stage.log'));
    expect(byId(steps, 5)).toMatchObject({
      name: '[deps 2/2] RUN echo fetching; echo "E: unable to fetch" >&2; exit 100',
      stage: 'deps',
      output: ['fetching', 'E: unable to fetch'],
      seconds: 0.203,
    });
    expect(byId(steps, 5).platform).toBeUndefined();
  });

  it('run-many-lines.log: all 16 lines (under 20), indentation kept', () => {
    const [failed] = parseProgress(buildx('run-many-lines.log')).filter((s) => s.error !== undefined);
    expect(failed?.output).toEqual([...Array.from({ length: 15 }, (_, i) => `line ${i + 1}`), '  indented']);
  });

  it('run-output-lookalikes.log: output that looks like an excerpt stays output', () => {
    const steps = parseProgress(buildx('run-output-lookalikes.log'));
    expect(byId(steps, 5).output).toEqual(['main.go:12', '----------------', 'Dockerfile:99', '--------------------']);
    expect(steps.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('push-refused.log: BuildKit’s export step fails', () => {
    const steps = parseProgress(buildx('push-refused.log'));
    expect(byId(steps, 6)).toMatchObject({ name: 'exporting to image', cached: false });
    expect(byId(steps, 6).error).toMatch(/^failed to push localhost:5999\/nope:1: /);
    expect(isDockerfileStep(byId(steps, 6))).toBe(false);
  });

  it('syntax-error.log and bad-call-option.log: no Dockerfile step ran', () => {
    expect(parseProgress(buildx('syntax-error.log')).map((s) => s.name)).toEqual(['[internal] load build definition from Dockerfile']);
    expect(parseProgress(buildx('bad-call-option.log'))).toEqual([]);
    expect(cacheHits(parseProgress(buildx('syntax-error.log')))).toEqual({ cached: 0, total: 0, ratio: 0 });
  });
});

describe('BuildLog: steps and checks', () => {
  const logs = [
    progress('multi-fresh.log'),
    progress('multi-cached.log'),
    progress('multi-fail.log'),
    progress('edge.log'),
    progress('warn.log'),
    buildx('named-stage.log'),
  ];

  it('reads CRLF logs as LF ones', () => {
    for (const log of logs) {
      expect(parseProgress(log.replace(/\n/g, '\r\n'))).toEqual(parseProgress(log));
    }
  });

  it('gives the same steps whatever the chunks (split anywhere, even inside a CRLF)', () => {
    for (const log of logs) {
      const whole = parseProgress(log);
      for (const size of [1, 2, 7, 64, 4096]) {
        const parser = new BuildLog();
        const crlf = log.replace(/\n/g, '\r\n');
        for (let i = 0; i < crlf.length; i += size) parser.push(crlf.slice(i, i + size));
        expect(parser.end().steps()).toEqual(whole);
      }
    }
  });

  it('shows the steps so far mid-stream', () => {
    const log = progress('multi-fresh.log');
    const parser = new BuildLog();
    parser.push(log.slice(0, log.indexOf('#11 DONE 2.3s')));
    expect(byId(parser.steps(), 10)).toMatchObject({ name: '[linux/arm64 base 3/3] RUN sleep 2', cached: false });
    expect(byId(parser.steps(), 10).seconds).toBeUndefined();
    expect(parser.steps().map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    parser.push(log.slice(log.indexOf('#11 DONE 2.3s')));
    expect(byId(parser.end().steps(), 10).seconds).toBe(2.3);
  });

  it('reads a last line without a newline only once the stream ends', () => {
    const parser = new BuildLog().push('#1 [1/2] RUN make\n#1 DONE 1.5s');
    expect(parser.steps()[0]?.seconds).toBeUndefined();
    expect(parser.end().steps()[0]?.seconds).toBe(1.5);
  });

  it('returns copies: changing them does not change the parser', () => {
    const parser = new BuildLog().push('#1 [1/2] RUN make\n#1 0.1 hello\n').end();
    const [first] = parser.steps();
    first?.output.push('changed');
    expect(parser.steps()[0]?.output).toEqual(['hello']);
  });

  it('keeps only the last 20 output lines of a long step, in linear time', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `#7 ${(i / 1000).toFixed(3)} output line ${i} ${'x'.repeat(40)}`);
    const log = ['#7 [2/2] RUN ./build.sh', ...lines, '#7 DONE 99.9s', ''].join('\n');
    expect(log.length).toBeGreaterThan(5_000_000);
    const parser = new BuildLog();
    for (let i = 0; i < log.length; i += 1000) parser.push(log.slice(i, i + 1000));
    const [only] = parser.end().steps();
    expect(only?.output).toHaveLength(20);
    expect(only?.output.at(-1)).toBe(`output line 99999 ${'x'.repeat(40)}`);
    expect(only?.seconds).toBe(99.9);
  });

  it('joins a line that comes in many small chunks without quadratic cost', () => {
    const long = 'y'.repeat(2_000_000);
    const parser = new BuildLog().push('#3 [1/1] RUN gen\n#3 0.5 ');
    for (let i = 0; i < long.length; i += 100) parser.push(long.slice(i, i + 100));
    parser.push('\n#3 DONE 0.6s\n');
    expect(parser.steps()[0]?.output[0]).toHaveLength(2_000_000);
  });

  it('replaces a partial line printed again in full when its step resumes', () => {
    // BuildKit prints a partial line, ends it when another vertex takes over, then prints it
    // again from the start once completed (progressui's printer resets logsOffset).
    const log = [
      '#4 [1/2] RUN printf "50%"; sleep 9; echo " done"',
      '#4 0.101 50%',
      '#4 ...',
      '',
      '#5 [internal] load build context',
      '#5 DONE 0.0s',
      '',
      '#4 [1/2] RUN printf "50%"; sleep 9; echo " done"',
      '#4 0.101 50% done',
      '#4 DONE 9.1s',
      '',
    ].join('\n');
    expect(byId(parseProgress(log), 4).output).toEqual(['50% done']);
  });

  it('keeps a repeated line that is not a re-print', () => {
    const log = ['#4 [1/2] RUN x', '#4 0.1 a', '#4 0.1 a', '#4 0.2 ab', '#4 DONE 0.3s', ''].join('\n');
    expect(byId(parseProgress(log), 4).output).toEqual(['a', 'a', 'ab']);
  });

  it('a vertex seen first mid-block (a log’s cut start) takes its name from its next header', () => {
    const log = ['#6 0.5 compiling', '#6 ...', '', '#7 [internal] load build context', '#7 DONE 0.1s', '', '#6 [3/4] RUN make', '#6 DONE 2.0s', ''].join('\n');
    expect(byId(parseProgress(log), 6)).toEqual({ id: 6, name: '[3/4] RUN make', instruction: 'RUN make', cached: false, seconds: 2, output: ['compiling'] });
  });

  it('status lines after a header are not names nor output', () => {
    const steps = parseProgress(progress('multi-fresh.log'));
    expect(byId(steps, 4)).toEqual({ id: 4, name: '[internal] load .dockerignore', cached: false, seconds: 0, output: [] });
  });

  it('reads the Dockerfile’s build-check warnings, with file, line and rule page', () => {
    const parser = new BuildLog().push(progress('warn.log')).end();
    expect(parser.checks()).toEqual([
      {
        rule: 'FromAsCasing',
        message: "'as' and 'FROM' keywords' casing do not match",
        file: 'Dockerfile',
        line: 1,
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
      },
      {
        rule: 'LegacyKeyValueFormat',
        message: '"ENV key=value" should be used instead of legacy "ENV key value" format',
        file: 'Dockerfile',
        line: 2,
        url: 'https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/',
      },
    ]);
    // ENV makes no step; the RUN is the only Dockerfile step, with no platform (one-platform build).
    expect(parser.steps().filter(isDockerfileStep)).toEqual([
      {
        id: 5,
        name: '[2/2] RUN echo "hello 2006310660"',
        instruction: 'RUN echo "hello 2006310660"',
        cached: false,
        seconds: 0.3,
        output: ['hello 2006310660'],
      },
    ]);
  });

  it('names a rule page for acronyms too, and reads a warning in a renamed Dockerfile', () => {
    const log = [
      '#1 [internal] load build definition from Dockerfile.prod',
      '#1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 4)',
      '#1 DONE 0.0s',
      '',
    ].join('\n');
    expect(new BuildLog().push(log).end().checks()).toEqual([
      {
        rule: 'JSONArgsRecommended',
        message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
        file: 'Dockerfile.prod',
        line: 4,
        url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
      },
    ]);
  });

  it('reads the build-check warning of a failing build (run-output-lookalikes.log) once', () => {
    expect(new BuildLog().push(buildx('run-output-lookalikes.log')).end().checks()).toEqual([
      {
        rule: 'FromAsCasing',
        message: "'as' and 'FROM' keywords' casing do not match",
        file: 'Dockerfile',
        line: 1,
        url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
      },
    ]);
  });
});

describe('isDockerfileStep', () => {
  it('is an instruction other than FROM', () => {
    expect(isDockerfileStep(step(1, { instruction: 'RUN make' }))).toBe(true);
    expect(isDockerfileStep(step(1, { instruction: 'ADD https://example.com/a.tgz /a' }))).toBe(true);
    expect(isDockerfileStep(step(1, { instruction: 'ONBUILD RUN make' }))).toBe(true);
    expect(isDockerfileStep(step(1, { instruction: 'FROM golang:1.23' }))).toBe(false);
    expect(isDockerfileStep(step(1, { instruction: 'ONBUILD FROM x' }))).toBe(false);
    expect(isDockerfileStep({ id: 1, name: '[internal] load build context', cached: false, output: [] })).toBe(false);
  });
});

describe('cacheHits and slowest on plain steps', () => {
  it('ratio 0 with no Dockerfile steps', () => {
    expect(cacheHits([])).toEqual({ cached: 0, total: 0, ratio: 0 });
  });

  it('a partly cached build', () => {
    const steps = [step(1, { cached: true }), step(2, { cached: true }), step(3, { seconds: 1 }), step(4, { instruction: 'FROM x', cached: true })];
    expect(cacheHits(steps)).toEqual({ cached: 2, total: 3, ratio: 2 / 3 });
  });

  it('by seconds, ties by id, cached and untimed steps left out', () => {
    const steps = [
      step(5, { seconds: 1 }),
      step(2, { seconds: 3 }),
      step(9, { seconds: 3 }),
      step(1, { seconds: 7, cached: true }),
      step(3),
      step(4, { seconds: 0.5 }),
    ];
    expect(slowest(steps, 3).map((s) => s.id)).toEqual([2, 9, 5]);
    expect(slowest(steps, 10).map((s) => s.id)).toEqual([2, 9, 5, 4]);
    expect(slowest(steps, 0)).toEqual([]);
    expect(steps.map((s) => s.id)).toEqual([5, 2, 9, 1, 3, 4]);
  });
});
