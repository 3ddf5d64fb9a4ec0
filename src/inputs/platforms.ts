// The OS and architecture names OCI platforms use (Go's GOOS/GOARCH); a typo such as
// `linux/amd46` would otherwise fail deep inside BuildKit, after minutes of other work.
const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'wasip1', 'js'];
const ARCHES = [
  'amd64', 'arm64', 'arm', '386', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'mips64le', 'mips64',
  'mipsle', 'mips', 'loong64', 'wasm',
];
const VARIANTS: Record<string, string[]> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9', 'v9.0', 'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5'],
  amd64: ['v1', 'v2', 'v3', 'v4'],
};

// Names containerd normalises to the ones above, so buildx accepts them; a drop-in must too.
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', i386: '386', armhf: 'arm', armel: 'arm' };

/** A platform as containerd normalises it (lower case, canonical architecture names). */
export function normalizePlatform(platform: string): string {
  const [os = '', arch, ...rest] = platform.toLowerCase().split('/');
  if (arch === undefined) return os;
  const canonical = ARCH_ALIASES[arch] ?? arch;
  const variant = rest[0] ?? (arch === 'armhf' ? 'v7' : arch === 'armel' ? 'v6' : undefined);
  return [os, canonical, variant].filter(Boolean).join('/');
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
  const arch = ARCH_ALIASES[rawArch] ?? rawArch;
  if (!OSES.includes(os)) return `unknown OS "${os}"; ${form} (OS one of ${OSES.join(', ')})`;
  if (!ARCHES.includes(arch)) return `unknown architecture "${arch}"; ${form} (architecture one of ${ARCHES.join(', ')})`;
  if (variant !== undefined && !(VARIANTS[arch] ?? []).includes(variant)) {
    const known = VARIANTS[arch];
    return known ? `unknown variant "${variant}" for ${arch}; use one of ${known.join(', ')}` : `${arch} takes no variant; ${form}`;
  }
  return undefined;
}
