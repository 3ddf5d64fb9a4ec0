// Where a build's fingerprint (plan/fingerprint.ts) is kept: beside the cache it describes, in the
// same backend, so it lives and goes with it. Actions cache: a small entry per scope, newest
// first (as BuildKit's own index). Local: a file in the cache directory @actions/cache carries.
// Registry: a small image tagged beside the cache ref, with the fingerprint as its one file.
// A store that fails costs the explanation, never the build: every failure reads as "none".
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { twirp } from '../github/actions-service.js';
import { sendOnce } from '../github/http-node.js';
import { type RetryPolicy, send } from '../github/http.js';
import type { Env } from '../inputs/types.js';
import type { StoredBuild } from '../plan/cache-reexport.js';
import { actionsCacheService, type CachePlan } from '../plan/cache.js';
import { dockerOutput } from '../process/docker.js';
import { tarEntry } from './tar-entry.js';
import { deadline } from '../sign/deadline.js';
import { basicCredential, parseRepository, readDockerConfig, RegistryClient } from '../sign/registry.js';

/** As stored: the fingerprint, the scope whose cache it describes and how that build exported (plan/cache-reexport.ts). */
export type StoredFingerprint = StoredBuild;

export interface FingerprintStore {
  /** The newest fingerprint of the first scope read that has one. */
  read(): Promise<StoredFingerprint | undefined>;
  write(stored: StoredFingerprint): Promise<void>;
  /** The fingerprint stored beside the scope this build writes, read without starting a process. */
  readWritten(): Promise<StoredFingerprint | undefined>;
}

// A few seconds at most: the explanation is worth less than the step's time.
const QUICK: RetryPolicy = { attemptMs: 5_000, budgetMs: 10_000, attempts: 2, baseMs: 200, maxMs: 1_000 };
const VERSION = createHash('sha256').update('kiln-fingerprint-v1').digest('hex');
const LOCAL_FILE = 'kiln-fingerprint.json';

function parse(text: string): StoredFingerprint | undefined {
  try {
    const stored = JSON.parse(text) as { scope?: unknown; fingerprint?: { v?: unknown } } | null;
    return stored?.fingerprint?.v === 1 && typeof stored.scope === 'string' ? (stored as StoredFingerprint) : undefined;
  } catch {
    return undefined;
  }
}

/** The store for the backend this build's cache plan uses, if it has one. */
export function fingerprintStore(plan: CachePlan, env: Env, builder: string, tempDir: string): FingerprintStore | undefined {
  if (plan.kind !== 'managed') return undefined;
  if (plan.backend === 'gha') return ghaStore(plan, env);
  if (plan.backend === 'local' && plan.local) return localStore(plan.local.dir);
  if (plan.backend === 'registry') return registryStore(plan, env, builder ? ['--builder', builder] : [], tempDir);
  return undefined;
}

function ghaStore(plan: CachePlan, env: Env): FingerprintStore | undefined {
  const service = actionsCacheService(env);
  const token = env.ACTIONS_RUNTIME_TOKEN;
  if (service?.version !== 2 || !token) return undefined;
  const endpoint = { url: service.url, token };
  const prefix = (scope: string) => `kiln-fingerprint-${scope}-`;
  const newest = async (scopes: readonly string[]) => {
    const [first] = scopes;
    if (first === undefined) return undefined;
    const found = await twirp(
      endpoint,
      'CacheService',
      'GetCacheEntryDownloadURL',
      { key: prefix(first), restore_keys: scopes.map(prefix), version: VERSION },
      QUICK,
    );
    if (found.ok !== true || typeof found.signed_download_url !== 'string') return undefined;
    const res = await send({ url: found.signed_download_url }, QUICK);
    return res.ok ? parse(res.body.toString('utf8')) : undefined;
  };
  return {
    read: () => newest(plan.reads),
    readWritten: () => newest(plan.write === undefined ? [] : [plan.write]),
    async write(stored) {
      if (plan.write === undefined) return;
      const body = JSON.stringify(stored);
      const key = `${prefix(plan.write)}${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
      let created: Record<string, unknown>;
      try {
        created = await twirp(endpoint, 'CacheService', 'CreateCacheEntry', { key, version: VERSION }, QUICK);
      } catch (error) {
        // The same fingerprint is there already.
        if ((error as { code?: string }).code === 'already_exists') return;
        throw error;
      }
      if (created.ok !== true || typeof created.signed_upload_url !== 'string') throw new Error('CacheService.CreateCacheEntry answered ok: false');
      const put = await send({ method: 'PUT', url: created.signed_upload_url, headers: { 'x-ms-blob-type': 'BlockBlob' }, body }, QUICK);
      if (!put.ok) throw new Error(`the fingerprint upload answered HTTP ${put.status}`);
      await twirp(endpoint, 'CacheService', 'FinalizeCacheEntryUpload', { key, size_bytes: String(Buffer.byteLength(body)), version: VERSION }, QUICK);
    },
  };
}

/** In the directory BuildKit exports the cache to and @actions/cache restores and saves. */
function localStore(dir: string): FingerprintStore {
  const file = path.join(dir, LOCAL_FILE);
  const read = () => {
    try {
      return Promise.resolve(parse(readFileSync(file, 'utf8')));
    } catch {
      return Promise.resolve(undefined);
    }
  };
  return {
    read,
    readWritten: read,
    write(stored) {
      writeFileSync(file, JSON.stringify(stored));
      return Promise.resolve();
    },
  };
}

/** `ref:tag` → `ref:tag-fingerprint`; an untagged ref gets `:fingerprint`. */
export function fingerprintRef(cacheRef: string): string {
  const slash = cacheRef.lastIndexOf('/');
  return cacheRef.slice(slash + 1).includes(':') ? `${cacheRef}-fingerprint` : `${cacheRef}:fingerprint`;
}

/**
 * Beside each cache ref, a one-file image (`<ref>-fingerprint`) pushed by the same builder with
 * the same credentials; read back as an OCI layout export of that image, which needs nothing but
 * buildx.
 */
function registryStore(plan: CachePlan, env: Env, builderArg: string[], tempDir: string): FingerprintStore {
  const refs = (entries: CachePlan['cacheFrom']) => entries.map((e) => e.attrs.ref).filter((r): r is string => r !== undefined);
  const reads = refs(plan.cacheFrom);
  const [written] = refs(plan.cacheTo);
  return {
    async read() {
      for (const [i, ref] of reads.entries()) {
        // Through the registry's API first (no process); buildx only when that cannot read it.
        const found = await readOverHttp(fingerprintRef(ref), env).then(
          (stored) => ({ read: true, stored }),
          () => ({ read: false, stored: undefined }),
        );
        if (found.stored) return { ...found.stored, scope: found.stored.scope || (plan.reads[i] ?? '') };
        if (found.read) continue;
        const dir = mkdtempSync(path.join(tempDir, 'kiln-fp-'));
        try {
          writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${fingerprintRef(ref)}\n`);
          const { exitCode } = await dockerOutput(['buildx', 'build', ...builderArg, '--quiet', '--output', `type=local,dest=${dir}/out`, dir], env, {
            timeoutMs: 30_000,
          });
          if (exitCode !== 0) continue;
          const stored = parse(readFileSync(path.join(dir, 'out', LOCAL_FILE), 'utf8'));
          if (stored) return { ...stored, scope: stored.scope || (plan.reads[i] ?? '') };
        } catch {
          // Not there: the next scope.
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      return undefined;
    },
    async readWritten() {
      if (written === undefined) return undefined;
      try {
        return await readOverHttp(fingerprintRef(written), env);
      } catch {
        return undefined;
      }
    },
    async write(stored) {
      if (written === undefined) return;
      const dir = mkdtempSync(path.join(tempDir, 'kiln-fp-'));
      try {
        writeFileSync(path.join(dir, LOCAL_FILE), JSON.stringify(stored));
        writeFileSync(path.join(dir, 'Dockerfile'), `FROM scratch\nCOPY ${LOCAL_FILE} /\n`);
        const output = `type=image,name=${fingerprintRef(written)},push=true,oci-mediatypes=true`;
        const { exitCode, stderr } = await dockerOutput(['buildx', 'build', ...builderArg, '--quiet', '--provenance=false', '--output', output, dir], env, {
          timeoutMs: 60_000,
        });
        if (exitCode !== 0) throw new Error(stderr.trim().split('\n').at(-1) ?? `buildx exited with ${exitCode}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The fingerprint image `ref` read through the registry's API (one manifest, one blob) with the
 * step's Docker credentials: no buildx process. Undefined when it is not there; throws when the
 * registry cannot be read this way (a credential helper, another layer compression): then no
 * export is skipped, and the explanation reads it with buildx.
 */
async function readOverHttp(ref: string, env: Env): Promise<StoredFingerprint | undefined> {
  const at = ref.lastIndexOf(':');
  const repository = ref.slice(0, at);
  const tag = ref.slice(at + 1);
  const repo = parseRepository(repository);
  const client = new RegistryClient(repo, basicCredential(readDockerConfig(env), repo.configKey), deadline(QUICK.budgetMs), sendOnce);
  const manifest = await client.readTagged<{ layers?: { digest?: string }[] }>(tag);
  const layer = manifest?.layers?.[0]?.digest;
  if (layer === undefined) return undefined;
  const file = tarEntry(gunzipped(await client.readBlob(layer)), LOCAL_FILE);
  // Another compression (a builder configured for zstd): buildx reads it.
  if (file === undefined) throw new Error(`${ref}: a layer this reader cannot unpack`);
  return parse(file.toString('utf8'));
}

function gunzipped(bytes: Buffer): Buffer {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}
