// Platforms as one value for the whole code base: `platforms`, `fan-out`, `qemu-platforms`,
// `append` nodes and the engine's own architecture are all normalized here, once, with the one
// table of architecture names below. Everything downstream compares the normalized strings.

// The OS names OCI platforms use (Go's GOOS); a typo such as `lnux/amd64` would otherwise fail
// deep inside BuildKit, after minutes of other work.
const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'wasip1', 'js'];

interface Architecture {
  /** Variants buildx accepts for it. */
  variants?: string[];
  /** Other names containerd normalizes to it (so buildx accepts them in `--platform`), with the variant each implies. */
  aliases?: Record<string, string | undefined>;
  /** `uname -m` names (what the engine reports as its Architecture), with the variant each implies. */
  machines?: Record<string, string | undefined>;
  /** The binfmt_misc handler that runs its binaries (tonistiigi/binfmt installs it by the architecture's name). */
  qemu?: string;
  /** Older architectures a CPU of this one runs natively. */
  runsToo?: string[];
}

const V8 = ['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9', 'v9.0', 'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5'];

/** The one table of architectures (Go's GOARCH names, as OCI platforms use them). */
const ARCHITECTURES: Record<string, Architecture> = {
  amd64: {
    variants: ['v1', 'v2', 'v3', 'v4'],
    aliases: { x86_64: undefined, 'x86-64': undefined },
    machines: { x86_64: undefined },
    qemu: 'qemu-x86_64',
    runsToo: ['386'],
  },
  arm64: { variants: V8, aliases: { aarch64: undefined }, machines: { aarch64: undefined, arm64: undefined }, qemu: 'qemu-aarch64', runsToo: ['arm'] },
  arm: { variants: ['v5', 'v6', 'v7', 'v8'], aliases: { armhf: 'v7', armel: 'v6' }, machines: { armv7l: 'v7', armv6l: 'v6' }, qemu: 'qemu-arm' },
  '386': { aliases: { i386: undefined }, machines: { i686: undefined }, qemu: 'qemu-i386' },
  ppc64le: { machines: { ppc64le: undefined }, qemu: 'qemu-ppc64le' },
  ppc64: {},
  s390x: { machines: { s390x: undefined }, qemu: 'qemu-s390x' },
  riscv64: { machines: { riscv64: undefined }, qemu: 'qemu-riscv64' },
  mips64le: { qemu: 'qemu-mips64el' },
  mips64: { qemu: 'qemu-mips64' },
  mipsle: {},
  mips: {},
  loong64: { machines: { loongarch64: undefined }, qemu: 'qemu-loongarch64' },
  wasm: {},
};
// In this order in messages (an object lists the numeric key '386' first).
const ARCHES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'mips64le', 'mips64', 'mipsle', 'mips', 'loong64', 'wasm'];

/** `name` → [architecture, implied variant] for the aliases (or the machine names) of the table. */
function lookup(name: string, column: 'aliases' | 'machines'): [string, string | undefined] | undefined {
  for (const [arch, entry] of Object.entries(ARCHITECTURES)) {
    const names = entry[column];
    if (names && Object.hasOwn(names, name)) return [arch, names[name]];
  }
  return undefined;
}

/**
 * A platform as containerd normalizes it (lower case, canonical architecture names): the only
 * form inputs hand on, so `linux/x86_64` and `linux/amd64` are one platform everywhere
 * (cache scopes, node claims, fan-out keys, emulators).
 */
// Branded: only normalizePlatform and platformOfMachine make one, so an unnormalized string
// cannot reach a comparison by mistake.
export type Platform = string & { readonly __platform: unique symbol };

export function normalizePlatform(platform: string): Platform {
  const [os = '', arch, ...rest] = platform.toLowerCase().split('/');
  if (arch === undefined) return os as Platform;
  const [canonical, implied] = lookup(arch, 'aliases') ?? [arch, undefined];
  return [os, canonical, rest[0] ?? implied].filter(Boolean).join('/') as Platform;
}

/** Normalized, each once, in the order given. */
export function normalizePlatforms(platforms: readonly string[]): Platform[] {
  return [...new Set(platforms.map(normalizePlatform))];
}

/** A build of several platforms (an index, a builder that can run them all): decided here only. */
export function multiPlatform(platforms: readonly Platform[]): boolean {
  return new Set(platforms).size > 1;
}

/** The one platform of a single-platform build (a fan-out leg's cache scope), else undefined. */
export function onlyPlatform(platforms: readonly Platform[]): Platform | undefined {
  return platforms.length === 1 ? platforms[0] : undefined;
}

/** The engine's platform from its `uname -m` Architecture. */
export function platformOfMachine(machine: string): Platform {
  const known = lookup(machine, 'machines');
  return (known ? ['linux', ...known].filter(Boolean).join('/') : `linux/${machine}`) as Platform;
}

/** The architecture of a platform (`linux/arm/v7` → arm). */
export function archOf(platform: Platform): string {
  return platform.split('/')[1] ?? '';
}

/** The binfmt handler that emulates `arch`, and tonistiigi/binfmt's --install name for it. */
export function emulatorOf(arch: string): { handler: string; install: string } | undefined {
  const handler = ARCHITECTURES[arch]?.qemu;
  return handler === undefined ? undefined : { handler, install: arch };
}

/** `arch` and the older architectures its CPUs run natively. */
export function nativeArches(arch: string): string[] {
  return [arch, ...(ARCHITECTURES[arch]?.runsToo ?? [])];
}

/**
 * Undefined when buildx would accept `platform`: os[/arch[/variant]] (a bare OS means the host's
 * architecture), case-insensitive, with containerd's aliases, or `local`. Else what is accepted.
 */
export function checkPlatform(platform: string): string | undefined {
  if (platform === 'local') return undefined;
  const [os, rawArch, variant, ...rest] = platform.toLowerCase().split('/');
  const form = 'use os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';
  if (os === undefined || os === '' || rawArch === '' || rest.length > 0) return form;
  if (rawArch === undefined) return OSES.includes(os) ? undefined : `unknown OS "${os}"; ${form} (OS one of ${OSES.join(', ')})`;
  const arch = lookup(rawArch, 'aliases')?.[0] ?? rawArch;
  if (!OSES.includes(os)) return `unknown OS "${os}"; ${form} (OS one of ${OSES.join(', ')})`;
  if (!ARCHES.includes(arch)) return `unknown architecture "${arch}"; ${form} (architecture one of ${ARCHES.join(', ')})`;
  if (variant !== undefined && !(ARCHITECTURES[arch]?.variants ?? []).includes(variant)) {
    const known = ARCHITECTURES[arch]?.variants;
    return known ? `unknown variant "${variant}" for ${arch}; use one of ${known.join(', ')}` : `${arch} takes no variant; ${form}`;
  }
  return undefined;
}
