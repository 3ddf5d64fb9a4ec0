// run(deps) with fakes for the engine's phases and the clock, and the runner's files (outputs,
// state, summary) as temp files read back the way the runner reads them.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseFileCommands, parseWorkflowCommands } from '../../scripts/local.mjs';
import type { GuardedRun } from '../../src/build/guarded-build.js';
import { BuildLog } from '../../src/build/log.js';
import { run, type RunDeps } from '../../src/main.js';
import { STATE } from '../../src/names.js';
import type { EngineFacts } from '../../src/plan/builder.js';
import { cacheServiceBudget } from '../../src/plan/cache-service.js';
import type { BuildResult } from '../../src/report/outputs.js';
import { runnerIo } from '../../src/runner.js';
import type { Prepared } from '../../src/setup/prepare.js';
import { makeTempDir } from '../../src/setup/temp-dir.js';
import { platformOf, platformsOf } from './support.js';

const FACTS: EngineFacts = {
  platform: platformOf('linux/amd64'),
  containerdStore: true,
  engineVersion: '28.5.2',
  current: { name: 'default', driver: 'docker', platforms: platformsOf('linux/amd64') },
};
const DIGEST = `sha256:${'a'.repeat(64)}`;

let root: string;
let files: { output: string; state: string; summary: string };
let printed: string[];
const saved = { ...process.env };

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kiln-run-'));
  const workspace = path.join(root, 'ws');
  mkdirSync(workspace);
  mkdirSync(path.join(root, 'temp'));
  writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM localhost:5000/busybox\n');
  files = { output: path.join(root, 'output'), state: path.join(root, 'state'), summary: path.join(root, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  Object.assign(process.env, {
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: path.join(root, 'temp'),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '42',
    INPUT_CONTEXT: '.',
    INPUT_TAGS: 'localhost:5000/o/app:1',
    INPUT_PUSH: 'true',
  });
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
  Object.assign(process.env, saved);
  process.exitCode = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** The set-up a created builder leaves: its temp dir and the builder recorded first, as applySetup does. */
function fakePrepared(tempDir: string, cacheWarnings: string[] = []): Prepared {
  return {
    tempDir,
    facts: FACTS,
    decision: { action: 'create' },
    added: { driverOpts: [], loopback: [] },
    builder: {
      name: 'kiln-run-b',
      driver: 'docker-container',
      created: true,
      because: 'driver-input',
      reason: 'test',
      buildkitVersion: 'v0.25.0',
      nodes: [{ name: 'kiln-run-b0', platforms: ['linux/amd64'] }],
    },
    caps: { buildkit: '0.25.0', cacheExport: true },
    defaultLoad: false,
    builderArg: 'kiln-run-b',
    qemu: { emulated: [], handlers: [], noEmulator: [], because: 'all-native', reason: 'every platform runs natively' },
    cache: {
      kind: 'none',
      backend: 'none',
      reason: 'test',
      because: 'input',
      why: '',
      rule: 'trusted-event',
      reads: [],
      mode: 'min',
      cacheFrom: [],
      cacheTo: [],
      warnings: cacheWarnings,
    },
    mounts: [],
    mountCache: { root: path.join(tempDir, 'kiln-mounts'), reads: [], builder: [], tempDir, budget: cacheServiceBudget(), env: {} },
    mountsRestored: new Map(),
    cacheBudget: cacheServiceBudget(),
    login: { credentials: [], skipped: [], info: [], notices: [], masks: [], registries: [] },
    env: process.env,
  };
}

interface Fakes {
  prepare?: 'ok' | 'builder fails';
  /** The build's exit code and the log buildx prints (read by the same BuildLog as a real run). */
  build?: { exitCode?: number; log?: string };
  collect?: Partial<BuildResult>;
  /** The set-up's cache warnings (frozen: the plan must not change after set-up). */
  cacheWarnings?: string[];
}

/** Deps whose engine phases record their order; the clock stands still at 12.5 s. */
function deps(fakes: Fakes = {}): { deps: RunDeps; phases: string[]; buildArgs: string[][]; prepared: Prepared[] } {
  const phases: string[] = [];
  const buildArgs: string[][] = [];
  const prepared: Prepared[] = [];
  return {
    phases,
    buildArgs,
    prepared,
    deps: {
      env: process.env,
      stepEnv: process.env,
      io: runnerIo(process.env),
      cwd: process.env.GITHUB_WORKSPACE ?? '',
      clock: { now: () => new Date('2026-12-01T12:00:00Z'), elapsed: () => 12.5 },
      engine: {
        facts: () => {
          phases.push('facts');
          return Promise.resolve(FACTS);
        },
        prepare: (_inputs, _append, _context, ctx, _env, _asked, state) => {
          phases.push('prepare');
          const tempDir = makeTempDir(ctx.runnerTemp);
          state.tempDir(tempDir);
          state.builder('kiln-run-b', 'remove');
          if (fakes.prepare === 'builder fails') return Promise.reject(new Error('buildx create: kiln-run-b could not start: no space left'));
          const made = fakePrepared(tempDir, Object.freeze([...(fakes.cacheWarnings ?? [])]) as string[]);
          prepared.push(made);
          return Promise.resolve(made);
        },
        prepareMerge: () => {
          phases.push('prepare merge');
          return Promise.reject(new Error('these tests build; none merges'));
        },
        build: (args, _env, onProgress) => {
          phases.push('build');
          buildArgs.push(args);
          const log = new BuildLog().push('#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n');
          onProgress(log);
          log.push(fakes.build?.log ?? '').end();
          const run: GuardedRun = { exitCode: fakes.build?.exitCode ?? 0, retries: [], exportStopped: false, log };
          return Promise.resolve(run);
        },
        collect: () => {
          phases.push('collect');
          return Promise.resolve({
            imageId: `sha256:${'b'.repeat(64)}`,
            metadata: { text: '{}', digest: '', buildRef: '' },
            digest: DIGEST,
            tags: ['localhost:5000/o/app:1'],
            ...fakes.collect,
          });
        },
      },
    },
  };
}

const outputs = () => parseFileCommands(readFileSync(files.output, 'utf8'));
const state = () => parseFileCommands(readFileSync(files.state, 'utf8'));
const commands = () => parseWorkflowCommands(printed.join(''));

describe('run(deps): the phases in order, and what each failure leaves for the post step', () => {
  it('a build that works: facts, set-up, build, read-back; outputs and summary written; state names what to clean up', async () => {
    const fake = deps();
    await run(fake.deps);
    expect(process.exitCode).toBeUndefined();
    expect(fake.phases).toEqual(['facts', 'prepare', 'build', 'collect']);
    expect(fake.buildArgs[0]).toEqual(expect.arrayContaining(['--builder', 'kiln-run-b', '--push']));
    expect(outputs()).toMatchObject({ digest: DIGEST, builder: 'kiln-run-b' });
    expect(state()[STATE.tempDir]).toMatch(new RegExp(`^${root}/temp/`));
    expect(state()).toMatchObject({ [STATE.builder]: 'kiln-run-b', [STATE.builderRemoveFlags]: 'rm' });
    // The clock's seconds reach the report.
    expect(readFileSync(files.summary, 'utf8')).toContain('Build succeeded in 12.5s');
    expect(commands().filter((c) => c.command === 'error')).toEqual([]);
  });

  it('a bad input: nothing set up or built, nothing in state or outputs, an annotation naming the input', async () => {
    process.env.INPUT_PUSH = 'maybe';
    const fake = deps();
    await run(fake.deps);
    expect(process.exitCode).toBe(1);
    expect(fake.phases).toEqual(['facts']);
    expect(readFileSync(files.state, 'utf8')).toBe('');
    expect(outputs()).toEqual({});
    const errors = commands().filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.properties.title).toBe('Invalid input: push');
    expect(errors[0]?.message).toContain('maybe');
  });

  // build-push-action's switches are read with the inputs: a bad value stops the step the same way, titled by the variable.
  it.each([
    ['DOCKER_BUILD_SUMMARY', 'off', 'use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)'],
    ['DOCKER_BUILD_RECORD_UPLOAD', 'yes', 'use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)'],
    ['DOCKER_BUILD_CHECKS_ANNOTATIONS', 'nope', 'use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)'],
    ['DOCKER_BUILD_RECORD_RETENTION_DAYS', 'a week', 'use a whole number of days (1 to 90; 0 or unset for the repository default)'],
  ])('a bad %s=%s: nothing set up or built, annotated as an invalid input named after the variable', async (variable, value, accepted) => {
    process.env[variable] = value;
    const fake = deps();
    await run(fake.deps);
    expect(process.exitCode).toBe(1);
    expect(fake.phases).toEqual(['facts']);
    expect(readFileSync(files.state, 'utf8')).toBe('');
    const errors = commands().filter((c) => c.command === 'error');
    expect(errors.map((e) => [e.properties.title, e.message])).toEqual([
      [`Invalid environment variable: ${variable}`, `Environment variable ${variable} has "${value}": ${accepted}`],
    ]);
  });

  it('fan-out: merge of validation legs (push: false): nothing set up, assembled or built; the summary says so', async () => {
    Object.assign(process.env, { 'INPUT_FAN-OUT': 'merge', INPUT_PLATFORMS: 'linux/amd64,linux/arm64', INPUT_PUSH: 'false' });
    const fake = deps();
    await run(fake.deps);
    expect(process.exitCode).toBeUndefined();
    expect(fake.phases).toEqual(['facts']);
    expect(readFileSync(files.state, 'utf8')).toBe('');
    expect(readFileSync(files.summary, 'utf8')).not.toBe('');
  });

  it('fan-out: merge sets up through deps.engine.prepareMerge, and its failure fails the step', async () => {
    Object.assign(process.env, {
      'INPUT_FAN-OUT': 'merge',
      INPUT_PLATFORMS: 'linux/amd64,linux/arm64',
      ACTIONS_RUNTIME_TOKEN: 'runtime',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
      ACTIONS_CACHE_SERVICE_V2: 'true',
    });
    const fake = deps();
    await run(fake.deps);
    expect(process.exitCode).toBe(1);
    expect(fake.phases).toEqual(['facts', 'prepare merge']);
    expect(
      commands()
        .filter((c) => c.command === 'error')
        .map((e) => e.message),
    ).toEqual(['these tests build; none merges']);
  });

  it('a builder that cannot start: no build; state keeps the temp dir and the builder for the post step', async () => {
    const fake = deps({ prepare: 'builder fails' });
    await run(fake.deps);
    expect(process.exitCode).toBe(1);
    expect(fake.phases).toEqual(['facts', 'prepare']);
    expect(state()).toMatchObject({ [STATE.builder]: 'kiln-run-b', [STATE.builderRemoveFlags]: 'rm' });
    expect(state()[STATE.tempDir]).toBeTruthy();
    expect(outputs()).toEqual({});
    expect(
      commands()
        .filter((c) => c.command === 'error')
        .map((c) => c.message),
    ).toEqual(['buildx create: kiln-run-b could not start: no space left']);
  });

  it('a build that fails: no read-back, no outputs; one error annotation at the failing step; state intact', async () => {
    const tail = [
      '#5 [2/2] RUN false',
      '#5 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1',
      'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
      '',
    ].join('\n');
    const fake = deps({ build: { exitCode: 1, log: tail } });
    await run(fake.deps);
    expect(process.exitCode).toBe(1);
    expect(fake.phases).toEqual(['facts', 'prepare', 'build']);
    expect(outputs()).toEqual({});
    const errors = commands().filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.properties.title).toMatch(/^Build failed/);
    expect(errors[0]?.message).toContain('exit code: 1');
    expect(state()[STATE.tempDir]).toBeTruthy();
    expect(readFileSync(files.summary, 'utf8')).toContain('exit code: 1');
  });

  // The set-up's cache plan is not changed after the build: what the build found is reported beside it.
  it('cache import and export failures: warnings, and the summary says them after the set-up’s, the plan untouched', async () => {
    const log = [
      '#2 importing cache manifest from localhost:5000/o/app:buildcache',
      '#2 ERROR: failed to do request: connection refused',
      '#9 exporting cache to registry',
      '#9 ERROR: failed to push localhost:5000/o/app:buildcache: connection refused',
      '',
    ].join('\n');
    const fake = deps({ build: { log }, cacheWarnings: ['set-up said this first'] });
    await run(fake.deps);
    expect(process.exitCode).toBeUndefined();
    expect(
      commands()
        .filter((c) => c.command === 'warning')
        .map((w) => [w.properties.title, w.message]),
    ).toEqual([
      // The set-up's own warning, said by the report of the set-up (report/setup-lines.ts).
      [undefined, 'set-up said this first'],
      ['Cache import failed', expect.stringContaining('failed to do request')],
      ['Cache export failed', expect.stringContaining('failed to push')],
    ]);
    const summary = readFileSync(files.summary, 'utf8');
    const said = ['set-up said this first', 'export failed: failed to push', 'import failed: failed to do request'].map((w) => summary.indexOf(w));
    expect(said.every((at) => at >= 0)).toBe(true);
    expect([...said].sort((a, b) => a - b)).toEqual(said);
    expect(fake.prepared).toHaveLength(1);
    expect(fake.prepared[0]?.cache.warnings).toEqual(['set-up said this first']);
  });

  it('a read-back that fails: the step succeeds, with the outputs it has and a warning', async () => {
    const fake = deps({ collect: { digest: '', readBack: { ref: 'localhost:5000/o/app:1', attempts: 3, error: 'connection refused' } } });
    await run(fake.deps);
    expect(process.exitCode).toBeUndefined();
    expect(fake.phases).toEqual(['facts', 'prepare', 'build', 'collect']);
    expect(outputs()).toMatchObject({ imageid: `sha256:${'b'.repeat(64)}`, digest: '' });
    const warnings = commands().filter((c) => c.command === 'warning');
    expect(warnings.map((w) => w.properties.title)).toEqual(['Registry read-back failed']);
    expect(warnings[0]?.message).toContain('connection refused');
  });
});
