import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { type BuildFailure, readBuildLog } from '../../src/build/log.js';

const parseBuildFailure = (log: string): BuildFailure => readBuildLog(log).failure();

// Real `docker buildx build --progress=plain` logs (see fixtures/buildx/README.md).
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/buildx/${name}`, import.meta.url), 'utf8');

describe('parseBuildFailure on real buildx logs', () => {
  it.each<[string, BuildFailure]>([
    [
      'run-exit-3.log',
      {
        message: 'failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
        step: '[3/3] RUN exit 3',
        output: [],
        file: 'Dockerfile',
        line: 3,
      },
    ],
    [
      // A parse error fails before any step runs: no step.
      'syntax-error.log',
      {
        message: 'failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: FRM (did you mean FROM?)',
        output: [],
        file: 'Dockerfile',
        line: 2,
      },
    ],
    [
      'copy-missing.log',
      {
        message:
          'failed to build: failed to solve: failed to compute cache key: failed to calculate checksum of ref ur2h0xpjfek2hhxvwho0gjb0k::n5eycip2ujinutio1c2dx2ilw: "/missing.txt": not found',
        step: '[3/3] COPY missing.txt /app/',
        output: [],
        file: 'Dockerfile',
        line: 3,
      },
    ],
    [
      // The step's own output prints `Dockerfile:99` and rules of dashes; a lint warning comes
      // just before the real excerpt.
      'run-output-lookalikes.log',
      {
        message:
          'failed to build: failed to solve: process "/bin/sh -c echo \\"main.go:12\\"; echo \\"----------------\\"; echo \\"Dockerfile:99\\"; echo \\"--------------------\\"; exit 2" did not complete successfully: exit code: 2',
        step: '[2/2] RUN echo "main.go:12"; echo "----------------"; echo "Dockerfile:99"; echo "--------------------"; exit 2',
        output: ['main.go:12', '----------------', 'Dockerfile:99', '--------------------'],
        file: 'Dockerfile',
        line: 2,
      },
    ],
    [
      // `-f docker/Dockerfile.prod`: BuildKit names the file by its base name.
      'file-in-subdir.log',
      {
        message: 'failed to build: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
        step: '[3/3] RUN false',
        output: [],
        file: 'Dockerfile.prod',
        line: 4,
      },
    ],
    [
      // BuildKit repeats the last 10 lines; timestamps go, indentation stays.
      'run-many-lines.log',
      {
        message:
          'failed to build: failed to solve: process "/bin/sh -c for i in $(seq 1 15); do echo \\"line $i\\"; done; echo \\"  indented\\"; exit 4" did not complete successfully: exit code: 4',
        step: '[2/2] RUN for i in $(seq 1 15); do echo "line $i"; done; echo "  indented"; exit 4',
        output: ['line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'line 13', 'line 14', 'line 15', '  indented'],
        file: 'Dockerfile',
        line: 2,
      },
    ],
    [
      'named-stage.log',
      {
        message:
          'failed to build: failed to solve: process "/bin/sh -c echo fetching; echo \\"E: unable to fetch\\" >&2; exit 100" did not complete successfully: exit code: 100',
        step: '[deps 2/2] RUN echo fetching; echo "E: unable to fetch" >&2; exit 100',
        output: ['fetching', 'E: unable to fetch'],
        file: 'Dockerfile',
        line: 2,
      },
    ],
  ])('%s', (name, expected) => {
    expect(parseBuildFailure(fixture(name))).toEqual(expected);
  });

  it.each(['run-exit-3.log', 'run-many-lines.log', 'named-stage.log'])('%s with CRLF line ends gives the same result', (name) => {
    const lf = parseBuildFailure(fixture(name));
    expect(parseBuildFailure(fixture(name).replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(lf.line).toBe(name === 'run-exit-3.log' ? 3 : 2);
  });

  it('a push failure has no excerpt: message only', () => {
    const failure = parseBuildFailure(fixture('push-refused.log'));
    expect(failure.message).toBe(
      'failed to build: failed to solve: failed to push localhost:5999/nope:1: failed to do request: Head "https://localhost:5999/v2/nope/blobs/sha256:aba55d8726a2522a5a1456ef2e127d0301c77272ca7ca22803b4f913370580e9": dial tcp 127.0.0.1:5999: connect: connection refused',
    );
    expect(failure.step).toBe('exporting to image');
    expect(failure.output).toEqual([]);
    expect(failure.file).toBeUndefined();
    expect(failure.line).toBeUndefined();
  });

  it('an option buildx rejects before building: message only', () => {
    const failure = parseBuildFailure(fixture('bad-call-option.log'));
    expect(failure).toEqual({ message: 'invalid print field: error=true', output: [] });
    expect(failure.file).toBeUndefined();
    expect(failure.line).toBeUndefined();
  });

  it('`call: check` with warnings points at the last warning', () => {
    expect(parseBuildFailure(fixture('call-check-warnings.log'))).toMatchObject({ file: 'Dockerfile', line: 2 });
  });

  // `--call check` fails (exit code 1) without an `ERROR:` line; the log's last non-empty line is
  // the excerpt's closing rule `--------------------`, so the verdict line must be found instead.
  it('`call: check` with warnings gives the check’s verdict, not a rule of dashes', () => {
    const { message } = parseBuildFailure(fixture('call-check-warnings.log'));
    expect(message).toMatch(/^Check complete, \d+ warnings? ha(s|ve) been found!$/);
  });
});

describe('parseBuildFailure on small logs', () => {
  it.each<[string, string, string]>([
    ['no ERROR line: the last non-empty line', 'step 1\nsomething broke\n\n  \n', 'something broke'],
    ['nothing at all', '', 'the build failed'],
    ['only blank lines', '\n\n   \n', 'the build failed'],
    ['the last ERROR line wins', 'ERROR: first\nERROR: second\n', 'second'],
    ['a step-prefixed ERROR is not the final one', '#6 ERROR: inner\nERROR: failed to build: outer', 'failed to build: outer'],
    ['the message is trimmed', 'ERROR:   spaced out   ', 'spaced out'],
  ])('%s', (_name, log, message) => {
    const failure = parseBuildFailure(log);
    expect(failure.message).toBe(message);
    expect(failure.file).toBeUndefined();
    expect(failure.line).toBeUndefined();
  });

  it('a header without a rule below it is not an excerpt', () => {
    const failure = parseBuildFailure('Dockerfile:3\nERROR: boom\n');
    expect(failure).toMatchObject({ message: 'boom' });
    expect(failure.file).toBeUndefined();
  });

  it('a step-output line that looks like a header is ignored', () => {
    const log = ['#5 Dockerfile:9', '--------------------', 'ERROR: boom'].join('\n');
    expect(parseBuildFailure(log).file).toBeUndefined();
  });

  it('a rule shorter than 8 dashes is not an excerpt rule', () => {
    const log = ['Dockerfile:3', '-------', 'ERROR: boom'].join('\n');
    expect(parseBuildFailure(log).line).toBeUndefined();
  });

  it('the failing step is the last block of short rules, its output without timestamps', () => {
    const log = [
      '------',
      ' > [1/2] RUN first:',
      '0.100 old',
      '------',
      '------',
      ' > [build 2/2] RUN make:',
      '0.129 cc: error: x.c:3: oops',
      '12.500   note: here',
      'no timestamp',
      '------',
      'ERROR: failed to build: boom',
    ].join('\n');
    expect(parseBuildFailure(log)).toEqual({
      message: 'failed to build: boom',
      step: '[build 2/2] RUN make',
      output: ['cc: error: x.c:3: oops', '  note: here', 'no timestamp'],
    });
  });

  it('a step title without the short rule above it is not a step', () => {
    expect(parseBuildFailure(' > [1/1] RUN x:\n0.1 out\n------\nERROR: e')).toEqual({ message: 'e', output: [] });
  });

  it('the excerpt nearest the end wins', () => {
    const log = [
      'other.Dockerfile:1',
      '--------------------',
      '   1 | >>> FROM x',
      '--------------------',
      'Dockerfile:7',
      '--------------------',
      '   7 | >>> RUN false',
      '--------------------',
      'ERROR: failed to build: boom',
    ].join('\n');
    expect(parseBuildFailure(log)).toMatchObject({ message: 'failed to build: boom', file: 'Dockerfile', line: 7 });
  });
});
