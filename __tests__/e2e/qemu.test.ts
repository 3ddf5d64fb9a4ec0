import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { containersCreatedSince } from './support/docker.js';
import { decisionsOf, errorsOf, expectSuccess, image, kiln } from './support/kiln.js';
import { fileInImage } from './support/registry.js';

jest.setTimeout(180_000);

// These tests change the kernel's binfmt_misc table, which the whole machine shares: each one
// that removes the arm64 handler puts Debian's back (update-binfmts) whatever happens.
const HANDLER = '/proc/sys/fs/binfmt_misc/qemu-aarch64';
/** The stand-in for tonistiigi/binfmt that scripts/engine.sh builds from Debian's QEMU. */
const BINFMT_IMAGE = 'localhost:5000/kiln/binfmt:latest';
const nonce = Date.now().toString(36);

function removeArm64Handler(): void {
  if (existsSync(HANDLER)) writeFileSync(HANDLER, '-1');
  expect(existsSync(HANDLER)).toBe(false);
}
function restoreArm64Handler(): void {
  if (existsSync(HANDLER)) writeFileSync(HANDLER, '-1');
  execFileSync('update-binfmts', ['--enable', 'qemu-aarch64']);
}
afterAll(() => {
  if (!existsSync(HANDLER)) restoreArm64Handler();
});

/** The images of the containers the engine created since `since`. */
const imagesCreatedSince = (since: number): string[] => containersCreatedSince(since).map((c) => c.image);

describe('qemu: auto', () => {
  it('runs no emulator installer when the handlers are already registered', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const tag = image('qemu-present');
    const result = await kiln({ context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: tag, 'qemu-image': BINFMT_IMAGE });
    expectSuccess(result);
    expect(decisionsOf(result).qemu).toMatchObject({ emulated: ['linux/arm64'], install: [] });
    expect(result.outputs['qemu-platforms']).toBe('linux/arm64');
    expect(imagesCreatedSince(since)).toEqual([]);
  });

  it('installs a missing handler with qemu-image, and the arm64 build then runs under it', async () => {
    removeArm64Handler();
    try {
      const since = Math.floor(Date.now() / 1000) - 1;
      const tag = image('qemu-installed');
      const result = await kiln({
        context: 'basic',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: tag,
        'qemu-image': BINFMT_IMAGE,
        'build-args': `GREETING=qemu-${nonce}`,
      });
      expectSuccess(result);
      expect(decisionsOf(result).qemu).toMatchObject({ emulated: ['linux/arm64'], install: ['arm64'] });
      expect(imagesCreatedSince(since)).toEqual([BINFMT_IMAGE]);
      // The image's handler, registered with F so it outlives the installer's container.
      const handler = readFileSync(HANDLER, 'utf8');
      expect(handler).toMatch(/^enabled/);
      expect(handler).toContain('interpreter /usr/bin/qemu-aarch64');
      expect(handler).toMatch(/flags: \w*F/);
      expect(await fileInImage(tag, 'linux/arm64', 'greeting.txt')).toBe(`qemu-${nonce} from aarch64 for arm64\n`);
      expect(result.outputs['qemu-platforms']).toBe('linux/arm64');
      // Its container was removed (--rm).
      expect(execFileSync('docker', ['ps', '-aq', '--filter', `ancestor=${BINFMT_IMAGE}`], { encoding: 'utf8' }).trim()).toBe('');
    } finally {
      restoreArm64Handler();
    }
  });

  it('fails before the build, with the cause and the fix, when qemu-image cannot be pulled', async () => {
    removeArm64Handler();
    try {
      const result = await kiln({ context: 'basic', platforms: 'linux/amd64,linux/arm64', load: 'true', 'qemu-image': 'localhost:5000/kiln/no-such-binfmt:1' });
      expect(result.mainExitCode).toBe(1);
      const [error] = errorsOf(result);
      expect(error?.message).toContain('Could not install the QEMU emulators arm64 with localhost:5000/kiln/no-such-binfmt:1');
      expect(error?.message).toContain('Fix: the image could not be pulled');
      expect(result.stdout).not.toContain('[command]docker buildx build');
      expect(result.leftInRunnerTemp).toEqual([]);
    } finally {
      restoreArm64Handler();
    }
  });
});

describe('qemu: false', () => {
  it('fails before anything runs, saying which handler is missing and what to do, when arm64 needs emulation', async () => {
    removeArm64Handler();
    try {
      const since = Math.floor(Date.now() / 1000) - 1;
      const result = await kiln({ context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags: image('qemu-false'), qemu: 'false' });
      expect(result.mainExitCode).toBe(1);
      const [error] = errorsOf(result);
      expect(error?.message).toContain('linux/arm64 needs emulation, but no qemu-aarch64 handler is registered and `qemu: false`');
      expect(error?.message).toContain('set `qemu: auto`');
      expect(result.stdout).not.toContain('[command]');
      expect(imagesCreatedSince(since)).toEqual([]);
    } finally {
      restoreArm64Handler();
    }
  });

  it('builds a single native platform without looking for emulators', async () => {
    const result = await kiln({ context: 'basic', target: 'base', load: 'true', qemu: 'false', tags: 'kiln-e2e-qemu-false:native' });
    expectSuccess(result);
    expect(decisionsOf(result).qemu).toMatchObject({ emulated: [], install: [] });
    expect(result.outputs['qemu-platforms']).toBe('');
  });
});

describe('qemu: true', () => {
  it('runs the installer even with the handlers registered when `qemu: true` asks for it', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const result = await kiln({
      context: 'basic',
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      tags: image('qemu-true'),
      qemu: 'true',
      'qemu-image': BINFMT_IMAGE,
    });
    expectSuccess(result);
    expect(decisionsOf(result).qemu).toMatchObject({ emulated: ['linux/arm64'], install: ['arm64'] });
    expect(imagesCreatedSince(since)).toEqual([BINFMT_IMAGE]);
    expect(readFileSync(HANDLER, 'utf8')).toMatch(/^enabled/);
    expect(result.outputs['qemu-platforms']).toBe('linux/arm64');
  });
});
