// The registry's HTTP API (OCI distribution), for the few calls signing needs: a manifest's
// descriptor, blobs and manifests pushed by digest, the referrers tag index read and written.
// Credentials are the ones the step's docker commands use: the Docker config DOCKER_CONFIG names
// (the step's private config after its login), read from `auths`.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { type HttpRequest, type HttpResponse, type RetryPolicy, send } from '../github/http.js';
import { nodeTransport } from '../github/http-node.js';
import type { Env } from '../inputs/types.js';
import { sha256Digest } from '../report/manifest.js';
import { dockerConfigDir } from '../plan/docker-config.js';
import type { Descriptor } from '../plan/sign.js';
import type { Deadline } from './deadline.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Repository {
  /** The host the API is served from (registry-1.docker.io for Docker Hub). */
  host: string;
  /** The path in the API (library/ added for Docker Hub's official images). */
  name: string;
  /** The key Docker's config uses for its credentials. */
  configKey: string;
}

/** `host[:port]/path` (or a Docker Hub short name) as the registry API names it. */
export function parseRepository(repository: string): Repository {
  const first = repository.split('/')[0] ?? '';
  const hasHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost || first === 'docker.io' || first === 'index.docker.io') {
    const rest = hasHost ? repository.slice(first.length + 1) : repository;
    return { host: 'registry-1.docker.io', name: rest.includes('/') ? rest : `library/${rest}`, configKey: 'https://index.docker.io/v1/' };
  }
  return { host: first, name: repository.slice(first.length + 1), configKey: first };
}

/** Loopback registries speak plain HTTP, as Docker allows them to; every other one HTTPS. */
function schemeOf(host: string): string {
  const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare.startsWith('127.') || bare === '::1' ? 'http' : 'https';
}

interface ConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
}

/** `user:password` for `key` from the Docker config, as base64 (what Basic auth sends). */
export function basicCredential(config: ConfigFile, key: string): string | undefined {
  const normal = (k: string) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const entry = Object.entries(config.auths ?? {}).find(([k]) => k === key || normal(k) === normal(key))?.[1];
  if (!entry) return undefined;
  if (entry.auth) return entry.auth;
  if (entry.username && entry.password) return Buffer.from(`${entry.username}:${entry.password}`).toString('base64');
  return undefined;
}

export function readDockerConfig(env: Env): ConfigFile {
  const dir = dockerConfigDir(env, homedir);
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** One repository's API, authorized once (Basic, or a Bearer token for pull and push). */
export class RegistryClient {
  private authorization: string | undefined;
  private readonly base: string;

  constructor(
    readonly repo: Repository,
    private readonly credential: string | undefined,
    private readonly limit: Deadline,
    /** How requests go out: `send` (with retries) over node:http, as every request of signing (http.ts). */
    private readonly transport: (request: HttpRequest, policy: RetryPolicy) => Promise<HttpResponse> = (request, policy) =>
      send(request, policy, nodeTransport),
  ) {
    this.base = `${schemeOf(repo.host)}://${repo.host}/v2/${repo.name}`;
  }

  private async request(method: 'GET' | 'HEAD' | 'PUT' | 'POST', url: string, headers: Record<string, string> = {}, body?: Uint8Array): Promise<HttpResponse> {
    const go = () =>
      this.transport({ method, url, headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) }, body }, this.limit.policy());
    let res = await go();
    if (res.status === 401 && (await this.authorize(res.headers.get('www-authenticate') ?? ''))) res = await go();
    return res;
  }

  /** Answers a 401's challenge; false when there is nothing to answer it with. */
  private async authorize(challenge: string): Promise<boolean> {
    if (/^basic/i.test(challenge)) {
      if (!this.credential || this.authorization) return false;
      this.authorization = `Basic ${this.credential}`;
      return true;
    }
    if (!/^bearer/i.test(challenge)) return false;
    const params: Record<string, string | undefined> = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    if (!params.realm) return false;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', `repository:${this.repo.name}:pull,push`);
    const res = await this.transport({ url, headers: this.credential ? { Authorization: `Basic ${this.credential}` } : {} }, this.limit.policy());
    if (!res.ok) return false;
    const answer = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = answer.token ?? answer.access_token;
    if (!token) return false;
    this.authorization = `Bearer ${token}`;
    return true;
  }

  private fail(what: string, res: HttpResponse): never {
    const text = res.body.toString('utf8').slice(0, 300).trim();
    throw new Error(`${this.repo.host}/${this.repo.name}: ${what} answered ${res.status}${text ? `: ${text}` : ''}`);
  }

  /** The descriptor the registry serves for `digest`. */
  async describe(digest: string): Promise<Descriptor> {
    const res = await this.request('HEAD', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
    const size = Number(res.headers.get('content-length'));
    const mediaType = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    if (res.ok && mediaType !== '' && Number.isFinite(size) && size > 0) return { mediaType, digest, size };
    // Some registries answer HEAD without the length: read the manifest itself.
    const got = await this.request('GET', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
    if (!got.ok) this.fail(`reading manifest ${digest}`, got);
    const type = got.headers.get('content-type')?.split(';')[0]?.trim() ?? (JSON.parse(got.body.toString('utf8')) as { mediaType?: string }).mediaType ?? '';
    return { mediaType: type, digest, size: got.body.length };
  }

  /** Uploads a blob unless the repository has it (one monolithic PUT). */
  async pushBlob(bytes: Uint8Array): Promise<{ digest: string; size: number }> {
    const digest = sha256Digest(Buffer.from(bytes));
    const head = await this.request('HEAD', `${this.base}/blobs/${digest}`);
    if (!head.ok) {
      const start = await this.request('POST', `${this.base}/blobs/uploads/`);
      if (start.status !== 202) this.fail('starting a blob upload', start);
      const location = new URL(start.headers.get('location') ?? '', `${schemeOf(this.repo.host)}://${this.repo.host}`);
      location.searchParams.set('digest', digest);
      const put = await this.request('PUT', location.toString(), { 'Content-Type': 'application/octet-stream' }, bytes);
      if (put.status !== 201) this.fail(`uploading blob ${digest}`, put);
    }
    return { digest, size: bytes.length };
  }

  /** PUTs a manifest under `reference` (a digest or tag); `subjectTaken`: the registry said it indexed the subject (referrers API). */
  async putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<{ digest: string; subjectTaken: boolean }> {
    const res = await this.request('PUT', `${this.base}/manifests/${reference}`, { 'Content-Type': mediaType }, bytes);
    if (res.status !== 201 && res.status !== 200) this.fail(`storing manifest ${reference}`, res);
    return { digest: sha256Digest(bytes), subjectTaken: res.headers.has('oci-subject') };
  }

  /** A blob's bytes. */
  async readBlob(digest: string): Promise<Buffer> {
    const res = await this.request('GET', `${this.base}/blobs/${digest}`);
    if (!res.ok) this.fail(`reading blob ${digest}`, res);
    return res.body;
  }

  /** The JSON of the manifest or index tagged `tag`, undefined when there is none. */
  async readTagged<T>(tag: string): Promise<T | undefined> {
    const res = await this.request('GET', `${this.base}/manifests/${tag}`, { Accept: MANIFEST_TYPES });
    if (res.status === 404) return undefined;
    if (!res.ok) this.fail(`reading ${tag}`, res);
    return JSON.parse(res.body.toString('utf8')) as T;
  }
}
