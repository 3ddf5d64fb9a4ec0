import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildxOption } from '../inputs/buildx-option.js';
import type { Platform } from '../inputs/platforms.js';
import type { AppendNode, Env, SetupInputs } from '../inputs/types.js';
import { type BuilderCause, builderCause, type BuilderDecision, createCommands } from '../plan/builder.js';
import { builderGone, removeBuilderArgs } from '../process/builder-removal.js';
import { parseBuildxInspect } from './buildx-inspect.js';
import { couldNotPull, dockerOutput, failureLines } from '../process/docker.js';

/** The builder obtained, with the cause of its decision (`reason` in words). */
export type BuilderInfo = {
  name: string;
  driver: string;
  created: boolean;
  reason: string;
  buildkitVersion?: string;
  /** Each node's platforms as buildx lists them after bootstrap (created builders only). */
  nodes: { name: string; platforms: string[] }[];
} & BuilderCause;

/** Node i's client TLS from BUILDER_NODE_<i>_AUTH_TLS_CACERT|CERT|KEY (PEM contents), as files. */
function tlsFromEnv(nodes: number, env: Env, dir: string, given: BuildxOption[][]): string[][] {
  return Array.from({ length: nodes }, (_, i) => {
    const opts: string[] = [];
    for (const [part, opt] of [
      ['CACERT', 'cacert'],
      ['CERT', 'cert'],
      ['KEY', 'key'],
    ] as const) {
      const pem = env[`BUILDER_NODE_${i}_AUTH_TLS_${part}`];
      if (!pem || (given[i] ?? []).some((o) => o.raw.startsWith(`${opt}=`))) continue;
      const file = path.join(dir, `node${i}-${opt}.pem`);
      writeFileSync(file, pem, { mode: 0o600 });
      opts.push(`${opt}=${file}`);
    }
    return opts;
  });
}

function fix(driver: string, endpoint: string, stderr: string): string {
  if (driver !== 'remote' && couldNotPull(stderr)) {
    return 'the BuildKit image could not be pulled: let the runner reach its registry, or use a mirror (driver-opts: image=<your-registry>/moby/buildkit:buildx-stable-1), or use `driver: docker` on an engine with the containerd image store';
  }
  if (driver === 'remote') {
    return `check that buildkitd listens at ${endpoint || 'the endpoint'} and is reachable from the runner; for TLS give cacert, cert and key in driver-opts (or BUILDER_NODE_<i>_AUTH_TLS_*)`;
  }
  return 'see the cause above; `docker buildx create` and `docker buildx inspect --bootstrap` reproduce it';
}

export async function removeBuilder(name: string, keepState: boolean, env: Env): Promise<string | undefined> {
  const { exitCode, stderr } = await dockerOutput(removeBuilderArgs(name, keepState), env);
  return builderGone(exitCode, stderr) ? undefined : failureLines(stderr);
}

/**
 * Makes the decided builder ready. A new one is created and bootstrapped; `onCreated` records
 * its name before the first command, so the post step removes it whatever happens next. When it
 * cannot start, it is removed at once and the step fails with the cause and the fix.
 */
export async function prepareBuilder(
  decision: BuilderDecision,
  setup: SetupInputs,
  append: AppendNode[],
  platforms: Platform[],
  tempDir: string,
  env: Env,
  onCreated: (name: string) => void,
): Promise<BuilderInfo> {
  if (decision.action === 'use') {
    return { name: decision.name, driver: decision.driver, created: false, ...builderCause(decision), reason: decision.reason, nodes: [] };
  }
  const configFile = setup.buildkitdConfig || (setup.buildkitdConfigInline.trim() ? path.join(tempDir, 'buildkitd.toml') : '');
  if (!setup.buildkitdConfig && configFile) writeFileSync(configFile, setup.buildkitdConfigInline);
  const given = [setup.driverOpts, ...append.map((n) => n.driverOpts)];
  const commands = createCommands(decision.name, decision.driver, setup, append, configFile, tlsFromEnv(1 + append.length, env, tempDir, given), platforms);

  onCreated(decision.name);
  const fail = async (what: string, stderr: string, endpoint: string): Promise<never> => {
    await removeBuilder(decision.name, false, env);
    throw new Error(
      `Could not ${what} the ${decision.driver} builder ${decision.name} (created because ${decision.reason}): ${failureLines(stderr)}. Fix: ${fix(decision.driver, endpoint, stderr)}.`,
    );
  };
  for (const [i, args] of commands.entries()) {
    const { exitCode, stderr } = await dockerOutput(args, env);
    if (exitCode !== 0) await fail('create', stderr, i === 0 ? setup.endpoint : (append[i - 1]?.endpoint ?? ''));
  }
  const inspect = await dockerOutput(['buildx', 'inspect', '--bootstrap', decision.name], env);
  if (inspect.exitCode !== 0) await fail('start', inspect.stderr + inspect.stdout, setup.endpoint);
  const { buildkitVersion, nodes } = parseBuildxInspect(inspect.stdout);
  return {
    name: decision.name,
    driver: decision.driver,
    created: true,
    ...builderCause(decision),
    reason: decision.reason,
    buildkitVersion,
    nodes: nodes.map(({ name, platforms }) => ({ name, platforms })),
  };
}
