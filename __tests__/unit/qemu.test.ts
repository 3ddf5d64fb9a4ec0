import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { normalizePlatforms, platformOfMachine } from '../../src/inputs/platforms.js';
import { planQemu, type QemuCause, type QemuPlan } from '../../src/plan/qemu.js';
import { registeredHandlers } from '../../src/setup/qemu.js';
import { platformOf, platformsOf } from './support.js';

const AMD64 = ['linux/amd64'];
const ARM64 = ['linux/arm64'];
const none = new Set<string>();

const handler = (platform: string, name: string, install: string, present: boolean) => ({ platform: platformOf(platform), handler: name, install, present });

/** planQemu over platforms a test writes already normalized (as readInputs and the engine facts hand them on). */
const qemuFor = (mode: 'auto' | 'true' | 'false', requested: string[], native: string[], registered: Set<string>) =>
  planQemu(mode, platformsOf(...requested), platformsOf(...native), registered);

describe('planQemu: nothing to emulate', () => {
  it.each<[string, string[], string[], QemuCause]>([
    ['no platforms requested', [], AMD64, 'nothing-requested'],
    ['the native platform', ['linux/amd64'], AMD64, 'all-native'],
    ['amd64 variants on an amd64 host', ['linux/amd64/v2', 'linux/amd64/v3'], AMD64, 'all-native'],
    ['386 on an amd64 host', ['linux/amd64', 'linux/386'], AMD64, 'all-native'],
    ['arm on an arm64 host', ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6'], ARM64, 'all-native'],
    ['arm64 on an appended native node', ['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64'], 'all-native'],
    ['local only', ['local'], AMD64, 'all-native'],
    ['a bare OS (the host’s architecture)', ['linux'], AMD64, 'all-native'],
  ])('%s', (_, requested, native, because) => {
    for (const mode of ['auto', 'false'] as const) {
      expect(qemuFor(mode, requested, native, none)).toMatchObject({ emulated: [], handlers: [], noEmulator: [], because });
      expect(qemuFor(mode, requested, native, none).install).toBeUndefined();
    }
  });
});

describe('planQemu: auto', () => {
  it('a registered handler: nothing installed, the handler is the one used', () => {
    const plan = qemuFor('auto', ['linux/amd64', 'linux/arm64'], AMD64, new Set(['qemu-aarch64', 'qemu-arm']));
    expect(plan).toMatchObject({
      emulated: ['linux/arm64'],
      handlers: [handler('linux/arm64', 'qemu-aarch64', 'arm64', true)],
      noEmulator: [],
      because: 'nothing-to-install',
    });
    expect(plan.install).toBeUndefined();
  });

  it('missing handlers: installs each once, by installer name', () => {
    const plan = qemuFor('auto', ['linux/amd64', 'linux/arm64', 'linux/riscv64', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm64'], AMD64, none);
    expect(plan.emulated).toEqual(['linux/arm64', 'linux/riscv64', 'linux/arm/v7', 'linux/arm/v6']);
    expect(plan.handlers).toEqual([
      handler('linux/arm64', 'qemu-aarch64', 'arm64', false),
      handler('linux/riscv64', 'qemu-riscv64', 'riscv64', false),
      handler('linux/arm/v7', 'qemu-arm', 'arm', false),
      handler('linux/arm/v6', 'qemu-arm', 'arm', false),
    ]);
    expect(plan.install).toEqual(['arm64', 'riscv64', 'arm']);
    expect(plan.error).toBeUndefined();
    expect(plan.because).toBe('handlers-missing');
  });

  it('installs only the missing ones when some are registered', () => {
    const plan = qemuFor('auto', ['linux/arm64', 'linux/s390x', 'linux/ppc64le'], AMD64, new Set(['qemu-aarch64']));
    expect(plan.install).toEqual(['s390x', 'ppc64le']);
    expect(plan.handlers.map((h) => [h.handler, h.present])).toEqual([
      ['qemu-aarch64', true],
      ['qemu-s390x', false],
      ['qemu-ppc64le', false],
    ]);
  });

  it.each<[string, string[], string, string]>([
    ['linux/amd64', ARM64, 'qemu-x86_64', 'amd64'],
    ['linux/386', ARM64, 'qemu-i386', '386'],
    ['linux/arm64', AMD64, 'qemu-aarch64', 'arm64'],
    ['linux/arm/v7', AMD64, 'qemu-arm', 'arm'],
    ['linux/ppc64le', AMD64, 'qemu-ppc64le', 'ppc64le'],
    ['linux/s390x', AMD64, 'qemu-s390x', 's390x'],
    ['linux/riscv64', AMD64, 'qemu-riscv64', 'riscv64'],
    ['linux/mips64le', AMD64, 'qemu-mips64el', 'mips64le'],
    ['linux/mips64', AMD64, 'qemu-mips64', 'mips64'],
    ['linux/loong64', AMD64, 'qemu-loongarch64', 'loong64'],
  ])('%s on %s needs %s, installed as %s', (platform, native, name, install) => {
    const plan = qemuFor('auto', [platform], native, none);
    expect(plan.handlers).toEqual([handler(platform, name, install, false)]);
    expect(plan.install).toEqual([install]);
  });

  it('an architecture without a known emulator (mips) has no handler entry and installs nothing', () => {
    const plan = qemuFor('auto', ['linux/mips'], AMD64, none);
    expect(plan.emulated).toEqual(['linux/mips']);
    expect(plan.handlers).toEqual([]);
    expect(plan.install).toBeUndefined();
    expect(plan.error).toBeUndefined();
  });

  // A platform without a known emulator would fail later with "exec format error": the plan
  // names it, beside the handlers it does install.
  it('names the platforms without a known emulator', () => {
    expect(qemuFor('auto', ['linux/mips'], AMD64, none)).toMatchObject({ noEmulator: ['linux/mips'], because: 'nothing-to-install' });
    const mixed = qemuFor('auto', ['linux/mips', 'linux/arm64', 'linux/wasm'], AMD64, none);
    expect(mixed).toMatchObject({ noEmulator: ['linux/mips', 'linux/wasm'], because: 'handlers-missing', install: ['arm64'] });
  });

  // checkPlatform accepts containerd's aliases and any case (linux/aarch64, linux/x86_64,
  // Linux/ARM64) because buildx does; the inputs normalize them, so planQemu sees only
  // canonical names (on an arm64 host `linux/aarch64` would otherwise count as emulated).
  it.each(['linux/aarch64', 'Linux/ARM64'])('%s, as the inputs normalize it, installs the arm64 emulator on an amd64 host', (platform) => {
    const plan = planQemu('auto', normalizePlatforms([platform]), platformsOf(...AMD64), none);
    expect(plan).toMatchObject({ emulated: ['linux/arm64'], install: ['arm64'], because: 'handlers-missing' });
  });

  it('linux/armhf, as the inputs normalize it, is linux/arm/v7 and needs qemu-arm', () => {
    const plan = planQemu('auto', normalizePlatforms(['linux/armhf']), platformsOf(...AMD64), none);
    expect(plan).toMatchObject({ emulated: ['linux/arm/v7'], handlers: [handler('linux/arm/v7', 'qemu-arm', 'arm', false)], install: ['arm'] });
  });

  it('linux/x86_64, as the inputs normalize it, runs natively on an amd64 host', () => {
    expect(planQemu('auto', normalizePlatforms(['linux/x86_64']), platformsOf(...AMD64), none)).toMatchObject({ emulated: [], because: 'all-native' });
  });

  it('an arm64 engine (from its machine name) runs linux/aarch64 natively', () => {
    expect(planQemu('auto', normalizePlatforms(['linux/aarch64']), [platformOfMachine('aarch64')], none)).toMatchObject({
      emulated: [],
      because: 'all-native',
    });
  });
});

describe('planQemu: false', () => {
  it('a missing handler is an error naming the platform, the handler and the fixes', () => {
    const plan = qemuFor('false', ['linux/amd64', 'linux/arm64', 'linux/riscv64'], AMD64, new Set(['qemu-riscv64']));
    expect(plan.install).toBeUndefined();
    expect(plan.because).toBe('qemu-false');
    expect(plan.error).toMatchObject({ platforms: ['linux/arm64'], handlers: ['qemu-aarch64'] });
    const error = plan.error?.message ?? '';
    for (const word of ['linux/arm64', 'qemu-aarch64', '`qemu: false`', '`qemu: auto`', 'qemu-user-static', '`append`']) {
      expect(error).toContain(word);
    }
    expect(error).not.toContain('linux/riscv64');
  });

  // Two arm variants share qemu-arm: the message names each handler once.
  it('names a handler shared by two platforms once', () => {
    const error = qemuFor('false', ['linux/arm/v6', 'linux/arm/v7'], AMD64, none).error?.message ?? '';
    expect(error).toContain('linux/arm/v6, linux/arm/v7');
    expect(error).not.toContain('qemu-arm, qemu-arm');
  });

  // The one test of the words: users read them in the log (`QEMU: …`).
  it('registered handlers are fine, and the reason names each', () => {
    const expected: QemuPlan = {
      emulated: platformsOf('linux/arm64', 'linux/riscv64'),
      handlers: [handler('linux/arm64', 'qemu-aarch64', 'arm64', true), handler('linux/riscv64', 'qemu-riscv64', 'riscv64', true)],
      noEmulator: [],
      because: 'nothing-to-install',
      reason: 'linux/arm64 runs under the registered qemu-aarch64, linux/riscv64 runs under the registered qemu-riscv64: nothing to install',
    };
    expect(qemuFor('false', ['linux/arm64', 'linux/riscv64'], AMD64, new Set(['qemu-aarch64', 'qemu-riscv64']))).toEqual(expected);
  });
});

describe('planQemu: true', () => {
  it.each<[string, string[], string[], Set<string>, string[]]>([
    ['the missing ones', ['linux/amd64', 'linux/arm64', 'linux/s390x'], AMD64, none, ['arm64', 's390x']],
    ['registered ones too (the installer always runs)', ['linux/arm64'], AMD64, new Set(['qemu-aarch64']), ['arm64']],
    ['arm once for two variants', ['linux/arm/v6', 'linux/arm/v7'], AMD64, none, ['arm']],
    ['all when nothing is emulated', ['linux/amd64'], AMD64, none, ['all']],
    ['all when no platforms are requested', [], AMD64, none, ['all']],
    ['all when only local is requested', ['local'], AMD64, none, ['all']],
  ])('installs %s', (_, requested, native, registered, install) => {
    const plan = qemuFor('true', requested, native, registered);
    expect(plan.install).toEqual(install);
    expect(plan.error).toBeUndefined();
    expect(plan.because).toBe('qemu-true');
  });
});

describe('registeredHandlers', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiln-binfmt-'));
    const files: Record<string, string> = {
      'qemu-aarch64': 'enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\nmagic 7f454c460201010000000000000000000200b700\n',
      'qemu-riscv64': 'enabled\ninterpreter /usr/bin/qemu-riscv64-static\nflags: F\n',
      'qemu-arm': 'disabled\ninterpreter /usr/bin/qemu-arm-static\nflags: F\n',
      'qemu-s390x': '',
      'python3.11': 'enabled\ninterpreter /usr/bin/python3.11\n',
      status: 'enabled\n',
      register: '',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    mkdirSync(path.join(dir, 'qemu-ppc64le'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('only enabled qemu-* entries', () => {
    expect([...registeredHandlers(dir)].sort()).toEqual(['qemu-aarch64', 'qemu-riscv64']);
  });

  it('a missing directory (no binfmt_misc) gives an empty set', () => {
    expect(registeredHandlers(path.join(dir, 'absent'))).toEqual(new Set());
  });

  it('feeds planQemu: only the disabled handler’s platform is installed', () => {
    const plan = qemuFor('auto', ['linux/arm64', 'linux/riscv64', 'linux/arm/v7'], AMD64, registeredHandlers(dir));
    expect(plan.install).toEqual(['arm']);
  });
});
