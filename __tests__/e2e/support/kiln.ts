import * as path from 'node:path';
import { expect } from '@jest/globals';
import { projectRoot, runAction, type RunOptions, type RunResult } from '../../../scripts/local.mjs';
import type { BuilderCause, Demand, ShapingInput } from '../../../src/plan/builder.js';
import type { BuildContext } from '../../../src/plan/context.js';
import type { QemuCause } from '../../../src/plan/qemu.js';
import { BUILDX_ARGS_PREFIX } from '../../../src/build/args-line.js';
import type { CacheCause } from '../../../src/plan/cache.js';

export { projectRoot };
export const fixtures = path.join(projectRoot, '__tests__', 'e2e', 'fixtures');
/** A repository name unique to this test run, so runs never read each other's images. */
export const runTag = `t${Date.now().toString(36)}`;

export function image(name: string): string {
  return `localhost:5000/kiln-e2e/${name}:${runTag}`;
}

/** Runs the bundled action (main, then post) the way the runner does, from the fixtures folder. */
export function kiln(inputs: Record<string, string | string[]>, options: Omit<RunOptions, 'inputs'> = {}): Promise<RunResult> {
  return runAction({ workspace: fixtures, ...options, inputs });
}

export function errorsOf(result: RunResult) {
  return result.commands.filter((c) => c.command === 'error');
}

/** Fails with the step's own log, which says far more than "expected 0, got 1". */
export function expectSuccess(result: RunResult): void {
  if (result.mainExitCode !== 0 || result.postExitCode !== 0) {
    throw new Error(
      `the step failed (main ${result.mainExitCode}, post ${result.postExitCode}):\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-2000)}`,
    );
  }
}

/** The step failed on its inputs: nothing ran, nothing was left behind, and it said why. */
export function expectRejectedBeforeRunning(result: RunResult, input: string, ...says: string[]): void {
  expect(result.mainExitCode).toBe(1);
  expect(result.stdout).not.toContain('[command]');
  expect(result.leftInRunnerTemp).toEqual([]);
  expect(result.outputs).toEqual({});
  // DOCKER_BUILD_SUMMARY and the like are environment variables, not inputs, and titled so.
  const title = /^[A-Z][A-Z0-9_]*$/.test(input) ? `Invalid environment variable: ${input}` : `Invalid input: ${input}`;
  const error = errorsOf(result).find((e) => e.properties.title === title);
  expect(error).toBeDefined();
  for (const text of says) expect(error?.message).toContain(text);
}

/** The set-up's decisions, as the step's one `Kiln set-up:` debug line gives them (plan/setup-plan.ts). */
export interface SetupDecisions {
  builder: {
    name: string;
    driver: string;
    created: boolean;
    buildkit?: string;
    nodes: { name: string; platforms: string[] }[];
    action: 'use' | 'create';
    engineStore: 'containerd' | 'classic';
    because: BuilderCause['because'];
    demands?: Demand[];
    shaping?: ShapingInput[];
    /** driver-opts Kiln added to a builder it created (default-load, network=host). */
    addedDriverOpts: string[];
    /** The registries on the runner's loopback that network=host is for. */
    loopback: string[];
    reason: string;
  };
  qemu: { emulated: string[]; install: string[]; because: QemuCause; registered: string[]; missing: string[]; noEmulator: string[]; reason: string };
  cache: {
    kind: 'managed' | 'explicit' | 'none';
    backend: string;
    reason: string;
    because: CacheCause;
    reads: string[];
    written: string[];
    mode?: 'min' | 'max';
  };
  context: {
    kind: 'path' | 'git' | 'url';
    path?: string;
    dockerfile?: string;
    url?: string;
    because: BuildContext['because'];
    lookedFor?: string[];
    reason: string;
  };
}

export function decisionsOf(result: RunResult): SetupDecisions {
  const prefix = 'Kiln set-up: ';
  const lines = result.commands.filter((c) => c.command === 'debug' && c.message.startsWith(prefix));
  if (lines.length !== 1) throw new Error(`expected one set-up debug line, found ${lines.length}:\n${result.stdout.slice(-4000)}`);
  return JSON.parse(lines[0]?.message.slice(prefix.length) ?? '') as SetupDecisions;
}

/**
 * The arguments of the buildx build Kiln ran, from the step's one `Kiln buildx:` debug line
 * (src/build/args-line.ts); undefined when no build was started.
 */
export function buildxArgsOf(result: RunResult): string[] | undefined {
  const lines = result.commands.filter((c) => c.command === 'debug' && c.message.startsWith(BUILDX_ARGS_PREFIX));
  if (lines.length > 1) throw new Error(`expected at most one buildx debug line, found ${lines.length}`);
  const line = lines[0];
  return line === undefined ? undefined : (JSON.parse(line.message.slice(BUILDX_ARGS_PREFIX.length)) as { args: string[] }).args;
}

/** The arguments of the build Kiln ran; fails the test when it ran none. */
export function buildxArgs(result: RunResult): string[] {
  const args = buildxArgsOf(result);
  if (args === undefined) throw new Error(`no buildx build was started:\n${result.stdout.slice(-4000)}`);
  return args;
}

/** Every value given to `flag` in an argument list (`--cache-to a --cache-to b` → [a, b]). */
export function valuesOf(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag && i + 1 < args.length ? [args[i + 1] ?? ''] : []));
}

/** Everything a secret could leak into from one run: its output (masks aside), command line, outputs, state and summary. */
export function placesASecretCouldBe(result: RunResult): string {
  const unmasked = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [
    unmasked,
    result.stderr,
    result.postStdout,
    JSON.stringify(buildxArgsOf(result) ?? []),
    JSON.stringify(result.outputs),
    JSON.stringify(result.state),
    result.summary,
  ].join('\n');
}
