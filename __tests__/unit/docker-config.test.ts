// The one rule for the Docker and buildx config directories (plan/docker-config.ts), as the docker
// CLI and buildx read them: an empty variable counts as unset.
import { describe, expect, it } from '@jest/globals';
import { buildxConfigDir, dockerConfigDir } from '../../src/plan/docker-config.js';

const account = () => '/home/account';

describe('dockerConfigDir', () => {
  it.each([
    ['DOCKER_CONFIG set', { DOCKER_CONFIG: '/etc/docker-cfg', HOME: '/home/u' }, '/etc/docker-cfg'],
    ['DOCKER_CONFIG unset: HOME/.docker', { HOME: '/home/u' }, '/home/u/.docker'],
    ['DOCKER_CONFIG empty counts as unset', { DOCKER_CONFIG: '', HOME: '/home/u' }, '/home/u/.docker'],
    ['HOME empty too: the account’s home', { DOCKER_CONFIG: '', HOME: '' }, '/home/account/.docker'],
    ['nothing set: the account’s home', {}, '/home/account/.docker'],
  ])('%s', (_name, env, expected) => {
    expect(dockerConfigDir(env, account)).toBe(expected);
  });
});

describe('buildxConfigDir', () => {
  it.each([
    ['BUILDX_CONFIG set', { BUILDX_CONFIG: '/b', DOCKER_CONFIG: '/d' }, '/b'],
    ['BUILDX_CONFIG empty: the Docker config’s buildx/', { BUILDX_CONFIG: '', DOCKER_CONFIG: '/d' }, '/d/buildx'],
    ['neither: ~/.docker/buildx', { HOME: '/home/u' }, '/home/u/.docker/buildx'],
  ])('%s', (_name, env, expected) => {
    expect(buildxConfigDir(env, account)).toBe(expected);
  });
});
