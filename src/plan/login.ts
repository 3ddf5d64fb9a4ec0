// Which registries the step logs in to, with what, and what the private Docker config holds:
// pure decisions on plain data. src/setup/login.ts writes the result.
import { DOCKER_HUB, registryKey } from '../inputs/login.js';
import { type BuildxOption, registryRef } from '../inputs/buildx-option.js';
import type { RegistryLogin } from '../inputs/types.js';
import { registryHost } from './image-ref.js';

/** The parts of Docker's config.json that decide where credentials come from; the rest is kept as it is. */
export interface DockerConfigFile {
  auths?: Record<string, Record<string, unknown>>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
  [key: string]: unknown;
}

export interface Credential {
  registry: string;
  username: string;
  password: string;
  /** Where it came from, for messages: the input, or github-token for zero-config GHCR. */
  from: 'input password' | 'input registry-auth' | 'github-token';
}

export interface LoginPlan {
  credentials: Credential[];
  /** Registries given with an empty password (secrets withheld): not logged in to. */
  skipped: { registry: string; from: Credential['from'] }[];
  /** Log lines: each login and why. */
  info: string[];
  /** Notices: logins skipped, zero-config GHCR that could not happen. */
  notices: string[];
  /** Values the log must mask: passwords and the config's encoded form of them. */
  masks: string[];
  /** The registries of the images the build pushes or uses cache from, to place a refusal that names none. */
  registries: string[];
}

export interface LoginRequest {
  logins: RegistryLogin[];
  /** The runner's Docker config.json as parsed ({} when there is none). */
  user: DockerConfigFile;
  /** Images the build pushes, or reads or writes cache with. */
  images: string[];
  /** owner/name of this repository (GITHUB_REPOSITORY). */
  repository: string;
  githubToken: string;
  /** GITHUB_ACTOR: GHCR takes any user name with a token; login-action's docs use the actor. */
  actor: string;
}

const GHCR = 'ghcr.io';

/** How a registry is named in messages: Docker Hub by its usual name rather than its config key. */
export function displayRegistry(registry: string): string {
  return registry === DOCKER_HUB ? 'docker.io' : registry;
}

/** The config key an auths entry or an image's registry stands for (see registryKey). */
function keyOf(hostOrUrl: string): string {
  return registryKey(hostOrUrl) ?? hostOrUrl.toLowerCase();
}

/** Whether the runner's own Docker config already holds (or routes to a helper) a credential for `registry`. */
export function hasCredential(user: DockerConfigFile, registry: string): boolean {
  return Object.keys(user.auths ?? {}).some((k) => keyOf(k) === registry) || Object.keys(user.credHelpers ?? {}).some((k) => keyOf(k) === registry);
}

/**
 * Images the step talks to a registry about with credentials: what it pushes, and the registry
 * caches the cache plan reads or writes (its cache-from / cache-to entries: the user's, or the
 * ones Kiln derived from cache-ref or the tags).
 */
export function imagesNeedingLogin(pushed: string[], cache: { cacheFrom: BuildxOption[]; cacheTo: BuildxOption[] }): string[] {
  const cacheRefs = [...cache.cacheFrom, ...cache.cacheTo].map(registryRef).filter((ref): ref is string => ref !== undefined);
  return [...new Set([...pushed, ...cacheRefs])];
}

/**
 * The logins to make. Given ones with a password are made; ones with an empty password are
 * skipped with a notice (a pull request from a fork gets empty secrets, and its build should go
 * on). Zero-config GHCR: an image on ghcr.io/<this repository's owner>/… with no credential for
 * ghcr.io given or in the runner's config gets one from github-token.
 */
export function planLogin(req: LoginRequest): LoginPlan {
  const registries = [...new Set(req.images.map((ref) => keyOf(registryHost(ref) ?? DOCKER_HUB)))];
  const plan: LoginPlan = { credentials: [], skipped: [], info: [], notices: [], masks: [], registries };
  for (const login of req.logins) {
    const from = login.input === 'password' ? 'input password' : 'input registry-auth';
    const name = displayRegistry(login.registry);
    if (login.password === '') {
      plan.skipped.push({ registry: login.registry, from });
      plan.notices.push(
        `Registry: not logging in to ${name}: its password (${from}) is empty, as secrets are on a pull request from a fork. ` +
          `The build goes on; a push to ${name} will fail.`,
      );
      continue;
    }
    plan.credentials.push({ registry: login.registry, username: login.username, password: login.password, from });
    plan.info.push(
      `Registry: logging in to ${name} as ${login.username} (${from})${login.registry === DOCKER_HUB && login.input === 'password' ? '; `registry` is empty, which means Docker Hub, as for docker/login-action' : ''}`,
    );
  }

  const owner = (req.repository.split('/')[0] ?? '').toLowerCase();
  const onGhcr = req.images.find((ref) => registryHost(ref)?.toLowerCase() === GHCR && owner !== '' && ref.split('/')[1]?.toLowerCase() === owner);
  const given = req.logins.some((l) => l.registry === GHCR);
  if (onGhcr && !given && !hasCredential(req.user, GHCR)) {
    if (req.githubToken === '') {
      plan.notices.push(
        `Registry: ${onGhcr} is on ghcr.io, and there is no credential for ghcr.io and no github-token to log in with; give github-token (the default, \${{ github.token }}) or a login for ghcr.io.`,
      );
    } else {
      const user = req.actor || owner;
      plan.credentials.push({ registry: GHCR, username: user, password: req.githubToken, from: 'github-token' });
      plan.info.push(
        `Registry: logging in to ghcr.io as ${user} with github-token, because ${onGhcr} is on ghcr.io/${owner} and no credential for ghcr.io was given; ` +
          'to push, the job needs `permissions: packages: write`.',
      );
    }
  }

  plan.masks = [...new Set(plan.credentials.flatMap((c) => [c.password, basicAuth(c)]))];
  return plan;
}

/** The `auth` field Docker writes for a login: base64 of user:password. */
export function basicAuth(c: Pick<Credential, 'username' | 'password'>): string {
  return Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
}

/**
 * The private config.json: the runner's own, kept whole (its other credentials, helpers, proxies
 * and settings keep working), plus the step's logins written into `auths`. A credential helper
 * would store and look up those logins outside the private directory, so each of them is routed
 * to the file: an empty `credHelpers` entry overrides `credsStore` for that registry only.
 */
export function privateConfig(user: DockerConfigFile, credentials: Credential[]): DockerConfigFile {
  const mine = new Set(credentials.map((c) => c.registry));
  // An entry under another spelling (https://ghcr.io) would be a second answer for the same
  // registry: the step's login is the only one.
  const others = <T>(entries: Record<string, T> | undefined): [string, T][] => Object.entries(entries ?? {}).filter(([key]) => !mine.has(keyOf(key)));
  const config: DockerConfigFile = {
    ...user,
    auths: Object.fromEntries([...others(user.auths), ...credentials.map((c) => [c.registry, { auth: basicAuth(c) }] as const)]),
  };
  if (user.credHelpers || user.credsStore) {
    config.credHelpers = Object.fromEntries([...others(user.credHelpers), ...(user.credsStore ? credentials.map((c) => [c.registry, ''] as const) : [])]);
  }
  return config;
}

/**
 * What a registry's refusal during the build means, given the step's logins; undefined when the
 * message is no refusal. buildx reports it bare ("401 Unauthorized" from some URL), which says
 * nothing about the missing secret, the token's permission or the wrong password behind it.
 */
export function explainRegistryFailure(message: string, plan: Pick<LoginPlan, 'credentials' | 'skipped' | 'registries'>): string | undefined {
  const forbidden = /\b403\b|forbidden|denied|insufficient_scope/i.test(message);
  const unauthorized = /\b401\b|unauthorized|authentication required|no basic auth credentials/i.test(message);
  if (!forbidden && !unauthorized) return undefined;
  const host = registryIn(message, plan);
  if (host === undefined) return undefined;
  const name = displayRegistry(host);
  const status = forbidden ? '403 Forbidden' : '401 Unauthorized';

  const skipped = plan.skipped.find((s) => s.registry === host);
  if (skipped) {
    return (
      `${name} refused access (${status}) because Kiln did not log in to it: its password (${skipped.from}) was empty. ` +
      "GitHub withholds secrets from pull requests from forks; skip the push there (e.g. push: ${{ github.event_name != 'pull_request' }}) or give the secret."
    );
  }
  const credential = plan.credentials.find((c) => c.registry === host);
  if (credential?.from === 'github-token') {
    return forbidden
      ? `ghcr.io refused access (${status}) to the job's GITHUB_TOKEN (Kiln logged in with github-token): the job needs \`permissions: packages: write\` ` +
          "(a pull request from a fork only ever gets a read-only token), and a package that already exists must grant this repository write access in the package's settings."
      : `ghcr.io refused the job's GITHUB_TOKEN (${status}; Kiln logged in with github-token): check that github-token is the job's token or a token with the packages scope.`;
  }
  if (credential) {
    return forbidden
      ? `${name} accepted the login of ${credential.username} (${credential.from}) but refused access (${status}): that account or token may not push to (or pull from) this repository.`
      : `${name} refused the credentials of ${credential.username} (${credential.from}) (${status}): check the username and the password or token.`;
  }
  return `${name} asks for credentials (${status}) and this step has none for it: give them with registry, username and password, or an entry of registry-auth.`;
}

/**
 * The registry a refusal names: the host of its URL, else the registry of the image it names,
 * else the only registry the build talks to (GHCR often answers a bare `denied: …`).
 */
function registryIn(message: string, plan: Pick<LoginPlan, 'credentials' | 'skipped' | 'registries'>): string | undefined {
  const url = /https?:\/\/([^/\s:]+(?::\d+)?)\//i.exec(message)?.[1];
  if (url) {
    const host = url.toLowerCase();
    return /(^|\.)docker\.io$/.test(host) ? DOCKER_HUB : host;
  }
  const known = [...new Set([...plan.credentials.map((c) => c.registry), ...plan.skipped.map((s) => s.registry), ...plan.registries])];
  return known.find((r) => message.toLowerCase().includes(`${displayRegistry(r)}/`)) ?? (plan.registries.length === 1 ? plan.registries[0] : undefined);
}
