// `platforms` becomes one normalized value in inputs/: `linux/x86_64` and `linux/amd64` are the
// same platform for every decision made from it (cache scope, builder, node claims, fan-out, QEMU).
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { emulatorOf, multiPlatform, nativeArches, normalizePlatform, platformOfMachine } from '../../src/inputs/platforms.js';
import { readInputs } from '../../src/inputs/read.js';
import { parseAppend } from '../../src/inputs/setup.js';
import type { Inputs } from '../../src/inputs/types.js';
import { createCommands, decideBuilder, type EngineFacts } from '../../src/plan/builder.js';
import { planCache } from '../../src/plan/cache.js';
import { imageKey } from '../../src/plan/fan-out.js';
import { planQemu } from '../../src/plan/qemu.js';
import { githubContext, inputSource, platformOf } from './support.js';

const AMD64_ENGINE: EngineFacts = {
  platform: platformOf('linux/amd64'),
  containerdStore: false,
  engineVersion: '28.5.2',
  current: { name: 'default', driver: 'docker', platforms: ['linux/amd64'] },
};
const V2 = { ACTIONS_RUNTIME_TOKEN: 'ghs_t', ACTIONS_CACHE_SERVICE_V2: 'True', ACTIONS_RESULTS_URL: 'https://results.example/' };
const ctx = githubContext({ payload: { repository: { default_branch: 'main', full_name: 'o/r' } } });

function read(platforms: string, more: Record<string, string> = {}): Inputs {
  return readInputs(inputSource({ platforms, tags: 'ghcr.io/o/app:1', ...more })).inputs;
}

function cacheScopes(inputs: Inputs): { reads: string[]; write?: string } {
  const request = { tags: inputs.tags, platforms: inputs.platforms, pushes: false, dockerfile: 'Dockerfile', target: '', cacheFrom: [], cacheTo: [] };
  const plan = planCache(inputs.cache, request, ctx, V2, { buildkit: '0.25.0' }, '/tmp/root');
  return { reads: plan.reads, write: plan.write };
}

describe('platforms: one normalized value', () => {
  it.each([
    ['linux/x86_64', 'linux/amd64'],
    ['Linux/AMD64', 'linux/amd64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/armhf', 'linux/arm/v7'],
  ])('%s is read as %s', (given, normalized) => {
    expect(read(given).platforms).toEqual([normalized]);
  });

  it('linux/x86_64 and linux/amd64 give the same cache scope (a leg of one platform)', () => {
    const x86 = cacheScopes(read('linux/x86_64'));
    const amd = cacheScopes(read('linux/amd64'));
    expect(amd.write).toMatch(/-linux-amd64$/);
    expect(x86).toEqual(amd);
  });

  it('linux/x86_64 next to linux/amd64 is one platform: the same builder decision as linux/amd64 alone', () => {
    const both = read('linux/x86_64,linux/amd64');
    expect(both.platforms).toEqual(['linux/amd64']);
    expect(multiPlatform(both.platforms)).toBe(false);
    const alone = decideBuilder(read('linux/amd64'), AMD64_ENGINE, () => 'kiln-b');
    expect(decideBuilder(both, AMD64_ENGINE, () => 'kiln-b')).toEqual(alone);
    expect(alone.action).toBe('use');
    // Two real platforms still ask for a builder of its own.
    expect(decideBuilder(read('linux/x86_64,linux/arm64'), AMD64_ENGINE, () => 'kiln-b').action).toBe('create');
  });

  it('an appended node claiming linux/aarch64 takes linux/arm64 away from the first node', () => {
    const inputs = read('linux/amd64,linux/arm64');
    const append = parseAppend('- endpoint: tcp://arm:1234\n  platforms: linux/aarch64\n', parseYaml, () => true);
    expect(append[0]?.platforms).toEqual(['linux/arm64']);
    const [first, second] = createCommands('b', 'docker-container', inputs.setup, append, '', [], inputs.platforms);
    expect(first?.slice(first.indexOf('--platform'), first.indexOf('--platform') + 2)).toEqual(['--platform', 'linux/amd64']);
    expect(second).toContain('linux/arm64');
  });

  it('qemu-platforms and fan-out are normalized the same way', () => {
    const inputs = read('linux/x86_64,linux/aarch64', { 'qemu-platforms': 'linux/aarch64', 'fan-out': 'linux/x86_64', push: 'true' });
    expect(inputs.setup.qemuPlatforms).toEqual(['linux/arm64']);
    expect(inputs.fanOut).toEqual({ mode: 'list', platforms: ['linux/amd64'] });
    expect(imageKey('ghcr.io/o/app', inputs.tags, inputs.platforms)).toBe(imageKey('ghcr.io/o/app', inputs.tags, read('linux/amd64,linux/arm64').platforms));
    expect(planQemu('auto', inputs.setup.qemuPlatforms, [AMD64_ENGINE.platform], new Set()).install).toEqual(['arm64']);
  });
});

describe('the one architecture table', () => {
  it('names the engine’s machine, the alias and the emulator of an architecture alike', () => {
    for (const [machine, alias] of [
      ['x86_64', 'x86_64'],
      ['aarch64', 'aarch64'],
      ['armv7l', 'armhf'],
    ] as const) {
      expect(platformOfMachine(machine)).toBe(normalizePlatform(`linux/${alias}`));
    }
    expect(emulatorOf('amd64')).toEqual({ handler: 'qemu-x86_64', install: 'amd64' });
    expect(emulatorOf('loong64')).toEqual({ handler: 'qemu-loongarch64', install: 'loong64' });
    expect(emulatorOf('wasm')).toBeUndefined();
    expect(nativeArches('arm64')).toEqual(['arm64', 'arm']);
  });
});
