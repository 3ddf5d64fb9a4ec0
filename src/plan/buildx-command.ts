import * as path from 'node:path';

/** The executables found for running buildx (absolute paths), as process/buildx-command.ts finds them. */
export interface BuildxFound {
  /** The docker CLI on PATH. */
  docker?: string;
  /** Its buildx plugin (`docker-buildx`) in one of the CLI's plugin directories. */
  plugin?: string;
  /** A standalone `buildx` on PATH (setup-buildx-action's standalone mode). */
  standalone?: string;
  /** The docker on PATH is a script (a wrapper that may set up its own environment), not the CLI itself. */
  dockerIsScript?: boolean;
  /** The plugin is a script (a wrapper that may expect the CLI's arguments), not buildx itself. */
  pluginIsScript?: boolean;
}

/** How to run buildx: `file` with `prefix` before buildx's own arguments. */
export interface BuildxCommand {
  file: string;
  prefix: string[];
  /** What the log says when a command is shown: `docker buildx` or `buildx`. */
  shown: string;
}

/**
 * `docker buildx` when the CLI has the plugin, else a standalone `buildx`; a docker CLI whose
 * plugin sits somewhere Kiln does not look still gets its chance (docker itself then says what
 * is missing). Undefined when neither exists.
 *
 * `docker buildx …` is run as the CLI would run it, without the CLI: the plugin itself, in its
 * standalone mode, which reads the same DOCKER_CONFIG, context, DOCKER_HOST and builder. The CLI
 * would first start itself and then the plugin once more just to read its metadata: two Go
 * processes, 100 to 250 ms, before every buildx command. A docker or a plugin that is a script (a
 * wrapper) is run through the CLI as before: it may set up what buildx needs, or expect the
 * arguments the CLI passes a plugin.
 */
export function chooseBuildx(found: BuildxFound): BuildxCommand | undefined {
  if (found.docker && found.plugin && !found.dockerIsScript && !found.pluginIsScript) return { file: found.plugin, prefix: [], shown: 'docker buildx' };
  if (found.docker && (found.plugin || !found.standalone)) return { file: found.docker, prefix: ['buildx'], shown: 'docker buildx' };
  if (found.standalone) return { file: found.standalone, prefix: [], shown: 'buildx' };
  return undefined;
}

/**
 * Where the docker CLI looks for plugins, in its order: the user's config directory, the
 * config's `cliPluginsExtraDirs`, then the system directories (docker/cli's manager_unix.go).
 */
export function pluginDirs(configDir: string, extraDirs: readonly string[] = []): string[] {
  return [
    path.join(configDir, 'cli-plugins'),
    ...extraDirs,
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
}

/** What a step must say when it needs the docker CLI itself (not buildx) and there is none. */
export function noDockerCli(what: string, fix: string): string {
  return `${what} needs the docker CLI, and there is no \`docker\` on PATH (buildx runs standalone here). Fix: ${fix}.`;
}

export const NO_BUILDX =
  'Neither `docker buildx` nor a standalone `buildx` is on PATH: install the docker CLI with its buildx plugin, or put a buildx binary on PATH (docker/setup-buildx-action with standalone: true does)';
