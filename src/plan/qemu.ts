import { archOf, emulatorOf, nativeArches as archesRunBy, type Platform } from '../inputs/platforms.js';

// Which emulators a build needs: for each requested platform that no builder node runs natively,
// the kernel must have a binfmt_misc handler (qemu-<arch>) that runs its binaries.

/**
 * Why QEMU is (not) set up, as data: `qemu-true` runs the installer always; `nothing-requested`
 * (no platforms beyond the builder's own) or `all-native` (every platform runs on some node)
 * need no emulator; `nothing-to-install`: every handler the emulated platforms need is
 * registered (those without a known emulator are in `noEmulator`); `handlers-missing`: the
 * missing ones are installed; `qemu-false`: some are missing and may not be installed.
 */
export type QemuCause = 'qemu-true' | 'nothing-requested' | 'all-native' | 'nothing-to-install' | 'handlers-missing' | 'qemu-false';

export interface QemuPlan {
  /** Platforms that need emulation. */
  emulated: Platform[];
  /** Handlers those platforms need, with whether the kernel has them. */
  handlers: { platform: Platform; handler: string; install: string; present: boolean }[];
  /** Emulated platforms no QEMU emulator is known for: only a native node or a handler registered by other means builds them. */
  noEmulator: Platform[];
  because: QemuCause;
  /** Run qemu-image with `--install <names>`; undefined when nothing is to be installed. */
  install?: string[];
  /** The build cannot run as asked (qemu: false with a handler missing): which platforms, which handlers, and the fixes. */
  error?: { platforms: Platform[]; handlers: string[]; message: string };
  /** The cause in words, for the log. */
  reason: string;
}

/**
 * `requested` are the build's platforms (or qemu-platforms); `native` those some node runs
 * natively; `registered` the handlers /proc/sys/fs/binfmt_misc has enabled.
 */
export function planQemu(mode: 'auto' | 'true' | 'false', requested: readonly Platform[], native: readonly Platform[], registered: Set<string>): QemuPlan {
  const nativeArches = new Set(native.flatMap((p) => archesRunBy(archOf(p))));
  const emulated = [...new Set(requested.filter((p) => p !== 'local' && p.includes('/') && !nativeArches.has(archOf(p))))];
  const noEmulator = emulated.filter((p) => emulatorOf(archOf(p)) === undefined);
  const unknownNote = noEmulator.length
    ? `; no QEMU emulator is known for ${noEmulator.join(', ')}: it builds only on a native node (append) or with a handler registered by other means`
    : '';
  const handlers = emulated.flatMap((platform) => {
    const emulator = emulatorOf(archOf(platform));
    return emulator ? [{ platform, ...emulator, present: registered.has(emulator.handler) }] : [];
  });
  const missing = handlers.filter((h) => !h.present);

  if (mode === 'true') {
    const install = handlers.length > 0 ? handlers.map((h) => h.install) : ['all'];
    return { emulated, handlers, noEmulator, install: [...new Set(install)], because: 'qemu-true', reason: '`qemu: true` runs the installer image always' };
  }
  if (emulated.length === 0) {
    return {
      emulated,
      handlers,
      noEmulator,
      because: requested.length ? 'all-native' : 'nothing-requested',
      reason: requested.length ? `every platform runs natively on ${native.join(', ')}` : 'no platforms requested beyond the builder’s own',
    };
  }
  if (missing.length === 0) {
    const covered = handlers.map((h) => `${h.platform} runs under the registered ${h.handler}`).join(', ');
    return {
      emulated,
      handlers,
      noEmulator,
      because: 'nothing-to-install',
      reason: `${covered || 'nothing Kiln can install'}: nothing to install${unknownNote}`,
    };
  }
  const missingPlatforms = missing.map((h) => h.platform);
  const missingHandlers = [...new Set(missing.map((h) => h.handler))];
  if (mode === 'false') {
    return {
      emulated,
      handlers,
      noEmulator,
      because: 'qemu-false',
      error: {
        platforms: missingPlatforms,
        handlers: missingHandlers,
        message:
          `${missingPlatforms.join(', ')} ${missingPlatforms.length > 1 ? 'need' : 'needs'} emulation, but no ${missingHandlers.join(', ')} handler is registered and \`qemu: false\` forbids installing one: ` +
          'set `qemu: auto`, register the handlers on the runner (apt-get install qemu-user-static), or build that platform on a native node (`append`)',
      },
      reason: '`qemu: false`',
    };
  }
  return {
    emulated,
    handlers,
    noEmulator,
    because: 'handlers-missing',
    install: [...new Set(missing.map((h) => h.install))],
    reason: `${missing.map((h) => `${h.platform} needs ${h.handler}`).join(', ')}, which is not registered${unknownNote}`,
  };
}
