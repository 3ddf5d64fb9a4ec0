import { describe, expect, it } from '@jest/globals';
import { chooseBuildx, pluginDirs } from '../../src/plan/buildx-command.js';
import type { BuilderDecision } from '../../src/plan/builder.js';
import { engineProblem } from '../../src/plan/engine-needed.js';

describe('chooseBuildx', () => {
  const docker = '/usr/bin/docker';
  const plugin = '/usr/libexec/docker/cli-plugins/docker-buildx';
  const standalone = '/opt/bin/buildx';

  it.each([
    ['the CLI with its plugin: the plugin itself, standalone (both binaries)', { docker, plugin }, { file: plugin, prefix: [], shown: 'docker buildx' }],
    ['the CLI with its plugin, a standalone buildx too', { docker, plugin, standalone }, { file: plugin, prefix: [], shown: 'docker buildx' }],
    [
      'a docker that is a script (a wrapper), with the plugin: through the script',
      { docker, plugin, dockerIsScript: true },
      { file: docker, prefix: ['buildx'], shown: 'docker buildx' },
    ],
    [
      'a plugin that is a script (a wrapper): through the CLI',
      { docker, plugin, pluginIsScript: true },
      { file: docker, prefix: ['buildx'], shown: 'docker buildx' },
    ],
    ['no docker CLI, a standalone buildx', { standalone }, { file: standalone, prefix: [], shown: 'buildx' }],
    ['a docker CLI without its plugin, a standalone buildx', { docker, standalone }, { file: standalone, prefix: [], shown: 'buildx' }],
    ['a docker CLI whose plugin is not where Kiln looks, nothing else', { docker }, { file: docker, prefix: ['buildx'], shown: 'docker buildx' }],
  ])('%s', (_, found, expected) => {
    expect(chooseBuildx(found)).toEqual(expected);
  });

  it('neither: undefined (the caller says what to install)', () => {
    expect(chooseBuildx({})).toBeUndefined();
  });
});

describe('pluginDirs', () => {
  it("the config directory first, then the config file's extra directories, then the system ones", () => {
    expect(pluginDirs('/home/u/.docker', ['/opt/plugins'])).toEqual([
      '/home/u/.docker/cli-plugins',
      '/opt/plugins',
      '/usr/local/lib/docker/cli-plugins',
      '/usr/local/libexec/docker/cli-plugins',
      '/usr/lib/docker/cli-plugins',
      '/usr/libexec/docker/cli-plugins',
    ]);
  });
});

describe('engineProblem', () => {
  const use = (driver: string): BuilderDecision => ({ action: 'use', name: 'b', driver, because: 'builder-input', reason: 'r' });
  const unreachable = 'no Docker engine answers on /var/run/docker.sock';

  it.each(['docker', 'docker-container'])('the %s driver needs the engine: the step fails saying why and what to do', (driver) => {
    const problem = engineProblem(use(driver), { unreachable });
    expect(problem).toContain(`The ${driver} builder b runs on a Docker engine, and ${unreachable}`);
    expect(problem).toContain('Fix:');
  });

  it.each(['remote', 'kubernetes', 'as configured'])('a %s builder does not', (driver) => {
    expect(engineProblem(use(driver), { unreachable })).toBeUndefined();
  });

  it('a reachable engine is never a problem', () => {
    expect(engineProblem(use('docker'), {})).toBeUndefined();
  });
});
