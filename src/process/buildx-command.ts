// Which executable runs buildx, found by looking at the file system (no process started): every
// buildx command Kiln runs (build, builder create/inspect/rm, imagetools, the cache-mount helpers,
// the post step's clean-up) goes through `processFor`.
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { dockerConfigDir } from '../plan/docker-config.js';
import { type BuildxCommand, chooseBuildx, NO_BUILDX, pluginDirs } from '../plan/buildx-command.js';
import type { Env } from '../inputs/types.js';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

function extraPluginDirs(configDir: string): string[] {
  try {
    const config = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { cliPluginsExtraDirs?: unknown };
    return Array.isArray(config.cliPluginsExtraDirs) ? config.cliPluginsExtraDirs.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether `file` starts with `#!`: a script, not a binary. */
function isScript(file: string): boolean {
  const head = Buffer.alloc(2);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readSync(fd, head, 0, 2, 0) === 2 && head.toString('latin1') === '#!';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface Resolved {
  docker: string | undefined;
  buildx: BuildxCommand | undefined;
}

// Looked up on every call, not remembered: a few stat calls cost microseconds, and a value kept
// between calls would be state the step's environment (PATH, DOCKER_CONFIG) no longer decides.
function resolve(env: Env): Resolved {
  const docker = onPath('docker', env);
  const configDir = dockerConfigDir(env, homedir);
  const plugin = docker
    ? pluginDirs(configDir, extraPluginDirs(configDir))
        .map((d) => path.join(d, 'docker-buildx'))
        .find(executable)
    : undefined;
  const standalone = onPath('buildx', env);
  const dockerIsScript = docker !== undefined && isScript(docker);
  const pluginIsScript = plugin !== undefined && isScript(plugin);
  return { docker, buildx: chooseBuildx({ docker, plugin, standalone, dockerIsScript, pluginIsScript }) };
}

/** The docker CLI's path, undefined when it is not on PATH. */
export function dockerCli(env: Env): string | undefined {
  return resolve(env).docker;
}

/** How buildx is run here; throws, saying what to install, when it cannot be. */
export function buildxCommand(env: Env): BuildxCommand {
  const buildx = resolve(env).buildx;
  if (!buildx) throw new Error(NO_BUILDX);
  return buildx;
}

/**
 * Where a child process runs: the step's workspace, where the runner starts the action. Given
 * explicitly, so that no child depends on the process's working directory (which
 * setup/actions-cache.ts moves while @actions/cache runs); outside a runner, the process's own.
 */
export function childCwd(env: Env): string | undefined {
  return env.GITHUB_WORKSPACE || undefined;
}

/**
 * The executable and arguments for Kiln's `docker ARGS`: `buildx …` goes to the resolved buildx
 * command, anything else to the docker CLI (`docker` itself when it is missing, so that the
 * spawn error names it).
 */
export function processFor(args: readonly string[], env: Env): { file: string; args: string[]; shown: string } {
  if (args[0] === 'buildx') {
    const buildx = buildxCommand(env);
    return { file: buildx.file, args: [...buildx.prefix, ...args.slice(1)], shown: buildx.shown };
  }
  return { file: dockerCli(env) ?? 'docker', args: [...args], shown: 'docker' };
}
