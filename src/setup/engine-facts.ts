import { readFileSync } from 'node:fs';
import { homedir, machine } from 'node:os';
import * as path from 'node:path';
import { type EarlyInfo, type EngineInfo, engineGet, engineSocket } from '../engine-api.js';
import { platformOfMachine } from '../inputs/platforms.js';
import type { EngineFacts } from '../plan/builder.js';
import { buildxConfigDir, dockerConfigDir } from '../plan/docker-config.js';
import { dockerCli } from '../process/buildx-command.js';
import { parseBuildxInspect } from './buildx-inspect.js';
import { dockerOutput } from '../process/docker.js';
import type { Env } from '../inputs/types.js';

// The engine reports `uname -m` names: inputs/platforms.ts maps them with its one table.
export { platformOfMachine };

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The engine this step talks to, by one request on its socket (no process), or by `docker info`
 * when the CLI is pointed elsewhere (a docker context or a TCP/SSH DOCKER_HOST).
 */
async function engineInfo(env: Env, early?: EarlyInfo): Promise<EngineInfo | { unreachable: string }> {
  const config = readJson(path.join(dockerConfigDir(env, homedir), 'config.json')) as { currentContext?: string } | undefined;
  const context = env.DOCKER_CONTEXT ?? config?.currentContext ?? 'default';
  const socket = context === 'default' ? engineSocket(env) : undefined;
  const info = socket ? await (early?.socket === socket ? early.info : engineGet<EngineInfo>(socket, '/info')) : undefined;
  if (info) return info;
  // A standalone buildx with a remote BuildKit needs no engine at all: say so only if one is needed.
  if (!dockerCli(env)) {
    return {
      unreachable: socket
        ? `no Docker engine answers on ${socket}`
        : `the engine of docker context "${context}" or DOCKER_HOST ${env.DOCKER_HOST ?? ''} cannot be asked without the docker CLI`,
    };
  }
  const { stdout, exitCode, stderr } = await dockerOutput(['info', '--format', '{{json .}}'], env);
  if (exitCode !== 0)
    throw new Error(`Cannot reach the Docker engine (docker info: ${stderr.trim() || `exit code ${exitCode}`}); is dockerd running and DOCKER_HOST right?`);
  return JSON.parse(stdout) as EngineInfo;
}

/**
 * The builder buildx uses when none is named: BUILDX_BUILDER, else what `docker buildx use` saved,
 * else the default builder, the engine's own BuildKit (docker driver). Only a named builder needs
 * a `buildx inspect` process to learn its driver and platforms.
 */
async function currentBuilder(env: Env): Promise<EngineFacts['current']> {
  const saved = readJson(path.join(buildxConfigDir(env, homedir), 'current')) as { Name?: string } | undefined;
  const name = env.BUILDX_BUILDER ?? saved?.Name ?? '';
  if (name === '' || name === 'default') return { name: 'default', driver: 'docker', platforms: [] };
  const { stdout, exitCode } = await dockerOutput(['buildx', 'inspect', name], env);
  if (exitCode !== 0) return { name: 'default', driver: 'docker', platforms: [] };
  const { driver, nodes } = parseBuildxInspect(stdout);
  return { name, driver: driver || 'unknown', platforms: nodes.flatMap((n) => n.platforms) };
}

/** Everything Kiln asks the engine about the builder, asked once (`early`: GET /info already on its way, src/index.ts). */
export async function engineFacts(env: Env, early?: EarlyInfo): Promise<EngineFacts> {
  const [info, current] = await Promise.all([engineInfo(env, early), currentBuilder(env)]);
  if ('unreachable' in info)
    return { platform: platformOfMachine(machine()), containerdStore: false, engineVersion: '', current, unreachable: info.unreachable };
  return {
    platform: platformOfMachine(info.Architecture ?? 'x86_64'),
    containerdStore: (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.includes('io.containerd.snapshotter')),
    engineVersion: info.ServerVersion ?? '',
    current,
  };
}
