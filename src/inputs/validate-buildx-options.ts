import { isIP } from 'node:net';

// docker/go-units' ulimitNameMapping (`as` is disabled there too).
const ULIMIT_TYPES = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];
// BuildKit's entitlements (util/entitlements); `device` may name one device: device=/dev/fuse.
const ENTITLEMENTS = ['network.host', 'security.insecure', 'device'];
// The network modes buildx hands BuildKit; anything else it refuses before building.
const NETWORKS = ['default', 'none', 'host'];
const INT64_MAX = 2n ** 63n - 1n;

/** A `ulimit` item as go-units' ParseUlimit (the version buildx uses) reads it: type=soft[:hard]. */
export function checkUlimit(item: string): string | undefined {
  const form = `use type=soft[:hard] with whole numbers (-1 for unlimited), e.g. nofile=1024:2048; type one of ${ULIMIT_TYPES.join(', ')}`;
  const at = item.indexOf('=');
  if (at < 0) return form;
  const type = item.slice(0, at);
  if (!ULIMIT_TYPES.includes(type)) return `unknown ulimit type "${type}"; ${form}`;
  const values = item.slice(at + 1).split(':');
  if (values.length > 2) return `at most two limits, soft and hard; ${form}`;
  // Go's ParseInt: an optional sign and decimal digits within 64 bits.
  if (values.some((v) => !/^[+-]?\d+$/.test(v) || BigInt(v) > INT64_MAX || BigInt(v) < -INT64_MAX - 1n)) return `the limit must be a whole number; ${form}`;
  const [soft = 0n, hard = soft] = values.map((v) => BigInt(v));
  if (hard !== -1n && (soft === -1n || soft > hard)) return `the soft limit (${soft}) must not exceed the hard limit (${hard}); ${form}`;
  return undefined;
}

/** An `add-hosts` item as buildx's toBuildkitExtraHosts reads it: host=ip or host:ip, an IP or host-gateway. */
export function checkAddHost(item: string): string | undefined {
  const form = 'use host=ip or host:ip with an IPv4 or IPv6 address (IPv6 best with =, e.g. h=::1) or host-gateway';
  const eq = item.indexOf('=');
  const at = eq >= 0 ? eq : item.indexOf(':');
  const host = at < 0 ? '' : item.slice(0, at);
  let ip = at < 0 ? '' : item.slice(at + 1);
  if (host === '' || ip === '') return form;
  // buildx would pass it on, and the hosts file would read the words as several names.
  if (/\s/.test(host)) return `the host name "${host}" contains white space; ${form}`;
  if (ip === 'host-gateway') return undefined;
  if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  // Go's net.ParseIP takes no IPv6 zone.
  if (isIP(ip) === 0 || ip.includes('%')) return `"${ip}" is not an IP address; ${form}`;
  return undefined;
}

/** An `allow` item as BuildKit's entitlements.Parse reads it. */
export function checkEntitlement(item: string): string | undefined {
  const [key = ''] = item.split('=', 1);
  if (key === 'device' || ENTITLEMENTS.includes(item)) return undefined;
  return `unknown entitlement; use ${ENTITLEMENTS.join(', ')} or device=<device name> (the builder must grant it too)`;
}

export function checkNetwork(value: string): string | undefined {
  if (value === '' || NETWORKS.includes(value)) return undefined;
  return `use ${NETWORKS.join(', ')}; for a network of your own, give a builder that runs in it (driver-opts: network=<name>)`;
}

/** `build-args` and `labels`: buildx refuses only an empty key; a bare KEY is its own shorthand. */
export function checkKeyOptional(item: string): string | undefined {
  return item.startsWith('=') ? 'the key before "=" is empty; use KEY=value' : undefined;
}

/**
 * Empty items between commas in `platforms`: buildx refuses them, and they are mostly an
 * expression that expanded to nothing (`linux/amd64,${{ matrix.extra }}`).
 */
export function emptyListItems(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line.split(',').some((item) => item.trim() === ''));
}

/**
 * An `ssh` item as buildx's SSH spec reads it: id[=path[,path]]. Paths must exist; with none,
 * buildx forwards the agent at SSH_AUTH_SOCK.
 */
export function checkSsh(item: string, env: Readonly<Record<string, string | undefined>>, fileExists: (p: string) => boolean): string | undefined {
  const at = item.indexOf('=');
  const id = at < 0 ? item : item.slice(0, at);
  const paths = at < 0 ? [] : item.slice(at + 1).split(',');
  if (paths.length === 0) {
    const sock = env.SSH_AUTH_SOCK ?? '';
    if (sock === '')
      return `no key file given, and SSH_AUTH_SOCK is not set for the agent; use ${id || 'default'}=<path of a key file or agent socket>, or start an agent (e.g. webfactory/ssh-agent) first`;
    if (!fileExists(sock))
      return `no key file given, and the agent socket SSH_AUTH_SOCK=${sock} does not exist; start the agent first or give ${id || 'default'}=<key file>`;
    return undefined;
  }
  const missing = paths.filter((p) => p === '' || !fileExists(p));
  if (missing.length > 0)
    return `the key file or socket ${missing.map((p) => `"${p}"`).join(', ')} does not exist; use ${id || 'default'}=<path of an existing key file or agent socket>`;
  return undefined;
}
