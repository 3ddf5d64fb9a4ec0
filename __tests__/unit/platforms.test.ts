import { describe, expect, it } from '@jest/globals';
import { namesOf } from '../../src/inputs/buildx-option.js';
import { outputOption } from '../../src/inputs/parse-buildx-options.js';
import { checkPlatform } from '../../src/inputs/platforms.js';

describe('checkPlatform', () => {
  it.each([
    'local',
    'linux/amd64',
    'linux/amd64/v2',
    'linux/amd64/v4',
    'linux/arm64',
    'linux/arm64/v8',
    'linux/arm64/v9.2',
    'linux/arm/v5',
    'linux/arm/v6',
    'linux/arm/v7',
    'linux/386',
    'linux/ppc64le',
    'linux/s390x',
    'linux/riscv64',
    'linux/loong64',
    'linux/mips64le',
    'windows/amd64',
    'darwin/arm64',
    'freebsd/amd64',
    'wasip1/wasm',
    // A bare OS means the host's architecture to buildx.
    'linux',
  ])('%s is valid', (platform) => {
    expect(checkPlatform(platform)).toBeUndefined();
  });

  const FORM = 'use os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';

  it.each<[string, string]>([
    ['', FORM],
    ['amd64', `unknown OS "amd64"; ${FORM} (OS one of linux, windows, darwin, freebsd, netbsd, openbsd, solaris, illumos, aix, wasip1, js)`],
    ['linux/amd64/v3/x', FORM],
    [
      'linux/amd46',
      `unknown architecture "amd46"; ${FORM} (architecture one of amd64, arm64, arm, 386, ppc64le, ppc64, s390x, riscv64, mips64le, mips64, mipsle, mips, loong64, wasm)`,
    ],
    ['linx/amd64', `unknown OS "linx"; ${FORM} (OS one of linux, windows, darwin, freebsd, netbsd, openbsd, solaris, illumos, aix, wasip1, js)`],
    [
      'linux/amd65',
      `unknown architecture "amd65"; ${FORM} (architecture one of amd64, arm64, arm, 386, ppc64le, ppc64, s390x, riscv64, mips64le, mips64, mipsle, mips, loong64, wasm)`,
    ],
    ['linux/arm/v9', 'unknown variant "v9" for arm; use one of v5, v6, v7, v8'],
    ['linux/arm/7', 'unknown variant "7" for arm; use one of v5, v6, v7, v8'],
    ['linux/amd64/v5', 'unknown variant "v5" for amd64; use one of v1, v2, v3, v4'],
    ['linux/s390x/v1', `s390x takes no variant; ${FORM}`],
    ['linux/amd64/', 'unknown variant "" for amd64; use one of v1, v2, v3, v4'],
  ])('%j is rejected: %s', (platform, problem) => {
    expect(checkPlatform(platform)).toBe(problem);
  });

  // Drop-in compatibility: buildx normalizes platforms with containerd's parser, which takes
  // any case and the common aliases; `docker buildx build --platform X .` builds with each.
  it.each(['linux/x86_64', 'linux/aarch64', 'Linux/AMD64', 'linux/armhf'])('%s, which buildx accepts, is valid', (platform) => {
    expect(checkPlatform(platform)).toBeUndefined();
  });
});

describe('outputOption: attributes and names', () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['type=registry,name=r/a:1', { type: 'registry', name: 'r/a:1' }, 'r/a:1'],
    ['type=image,"name=a,b",push=true', { type: 'image', name: 'a,b', push: 'true' }, 'a,b'],
    ['Type=Local, Dest = out ', { type: 'Local', dest: 'out' }, undefined],
    ['type=image,name=', { type: 'image', name: '' }, undefined],
    ['type=docker,dest=image.tar', { type: 'docker', dest: 'image.tar' }, undefined],
    ['out/dir', { type: 'local', dest: 'out/dir' }, undefined],
    ['-', { type: 'tar', dest: '-' }, undefined],
  ])('%j', (entry, attrs, name) => {
    expect(outputOption(entry)).toEqual({ raw: entry, attrs });
    expect(namesOf(outputOption(entry)).join(',') || undefined).toBe(name);
  });
});
