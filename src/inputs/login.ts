import { InputError } from './errors.js';
import type { RegistryLogin } from './types.js';

/** The key Docker's config uses for Docker Hub (what `docker login` with no server writes). */
export const DOCKER_HUB = 'https://index.docker.io/v1/';
const HUB_ALIASES = ['', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/**
 * The registry as Docker's config keys it and looks it up: the host[:port] without a scheme or
 * path (`https://ghcr.io/owner` → `ghcr.io`), and Docker Hub's own key for Docker Hub, which is
 * login-action's default when `registry` is empty. Undefined when it is no registry address.
 */
export function registryKey(given: string): string | undefined {
  const host =
    given
      .trim()
      .replace(/^https?:\/\//i, '')
      .split('/')[0] ?? '';
  if (HUB_ALIASES.includes(host.toLowerCase()) || given.trim() === DOCKER_HUB) return DOCKER_HUB;
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(host) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(host) ? host.toLowerCase() : undefined;
}

/** What reading the login inputs needs; the YAML parser is passed in only when registry-auth is set. */
export interface LoginSource {
  get(name: 'registry' | 'username' | 'password' | 'registry-auth'): string;
  parseYaml?: (text: string) => unknown;
}

const AUTH_KEYS = ['registry', 'username', 'password'];
const AUTH_EXAMPLE =
  'use a YAML list of registry, username, password, e.g. "- registry: ghcr.io\\n  username: ${{ github.actor }}\\n  password: ${{ secrets.GITHUB_TOKEN }}"';

/**
 * `registry`/`username`/`password` (login-action's inputs, one registry) and `registry-auth` (a
 * YAML list of them). A login with an empty password is kept: the plan skips it with a notice,
 * since that is what a pull request from a fork looks like. A password is never part of a message.
 */
export function readLogins(source: LoginSource, errors: InputError[]): RegistryLogin[] {
  const logins: RegistryLogin[] = [];
  const add = (input: RegistryLogin['input'], where: string, registry: string, username: string, password: string) => {
    const key = registryKey(registry);
    const named = (name: string) => (input === 'registry-auth' ? 'registry-auth' : name);
    if (key === undefined) {
      errors.push(
        new InputError(named('registry'), `${where}${registry}`, 'use a registry host such as ghcr.io or registry.example.com:5000 (empty for Docker Hub)'),
      );
      return;
    }
    if (password !== '' && username === '') {
      errors.push(new InputError(named('username'), where, `a password for ${key} needs a username`));
      return;
    }
    const twice = logins.find((l) => l.registry === key);
    if (twice) {
      errors.push(
        new InputError(
          named('registry'),
          `${where}${registry}`,
          `${key} is already given (${twice.input === 'password' ? 'input registry' : 'registry-auth'}); give each registry once`,
        ),
      );
      return;
    }
    logins.push({ registry: key, username, password, input });
  };

  const registry = source.get('registry').trim();
  const username = source.get('username').trim();
  // Kept as given: a password may end in a space.
  const password = source.get('password');
  if (registry !== '' || username !== '' || password !== '') add('password', '', registry, username, password);

  const raw = source.get('registry-auth');
  if (raw.trim() === '') return logins;
  if (!source.parseYaml) throw new Error('registry-auth is set but no YAML parser was given');
  let doc: unknown;
  try {
    doc = source.parseYaml(raw);
  } catch (error) {
    // The parser's message quotes the text, which holds passwords: only its kind is shown.
    errors.push(
      new InputError(
        'registry-auth',
        '(hidden: it holds passwords)',
        `not valid YAML (${error instanceof Error ? error.name : 'parse error'}); ${AUTH_EXAMPLE}`,
      ),
    );
    return logins;
  }
  if (!Array.isArray(doc)) {
    errors.push(new InputError('registry-auth', '(hidden: it holds passwords)', AUTH_EXAMPLE));
    return logins;
  }
  doc.forEach((item: unknown, index) => {
    const where = `entry ${index + 1}: `;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push(new InputError('registry-auth', `${where}(hidden)`, AUTH_EXAMPLE));
      return;
    }
    const entry = item as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((k) => !AUTH_KEYS.includes(k));
    const notText = AUTH_KEYS.filter((k) => entry[k] !== undefined && entry[k] !== null && typeof entry[k] !== 'string' && typeof entry[k] !== 'number');
    if (unknown.length > 0 || notText.length > 0) {
      const what = unknown.length > 0 ? `unknown key ${unknown.join(', ')}` : `${notText.join(', ')} must be text`;
      errors.push(new InputError('registry-auth', `${where}${typeof entry.registry === 'string' ? entry.registry : ''}`, `${what}; ${AUTH_EXAMPLE}`));
      return;
    }
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
    add('registry-auth', where, text(entry.registry).trim(), text(entry.username).trim(), text(entry.password));
  });
  return logins;
}
