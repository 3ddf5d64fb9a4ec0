import { createHmac, timingSafeEqual } from 'node:crypto';

/** 1 read, 2 write, 3 both: the bits of the runner's `ac` claim. */
export type Permission = 1 | 2 | 3;
export interface ScopeGrant {
  scope: string;
  permission: Permission;
}

const READ = 1;
const WRITE = 2;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const hmac = (secret: Buffer, data: string) => createHmac('sha256', secret).update(data).digest();

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A runtime token shaped like the runner's ACTIONS_RUNTIME_TOKEN. The clients parse it without
 * checking the signature, and they are picky about the shape: `exp` and `nbf` numeric, and `ac`
 * a *string* holding a JSON array of {Scope, Permission} (BuildKit rejects an inline array).
 */
export function issueToken(secret: Buffer, grants: ScopeGrant[], expiresInSeconds = 6 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    iss: 'vstoken.actions.githubusercontent.com',
    aud: 'vso:kiln-cache-service',
    // nbf a little in the past: BuildKit refuses a token whose nbf is after its own clock.
    nbf: now - 60,
    iat: now - 60,
    exp: now + expiresInSeconds,
    ac: JSON.stringify(grants.map((g) => ({ Scope: g.scope, Permission: g.permission }))),
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${unsigned}.${base64url(hmac(secret, unsigned))}`;
}

/** What a verified token allows: scopes in the token's order. */
export interface Access {
  /** Scopes reads look in, first match wins (GitHub: the PR's ref, then base, then default). */
  readScopes: string[];
  /** Where writes land: the last scope with write permission, as GitHub (and BuildKit) pick it. */
  writeScope: string | undefined;
}

export type Verified = { ok: true; access: Access } | { ok: false; reason: string };

/** Checks an `Authorization: Bearer …` header: signature, algorithm, nbf/exp, and the `ac` claim. */
export function verifyBearer(secret: Buffer, authorization: string | undefined): Verified {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return { ok: false, reason: 'missing bearer token' };
  const [header, payload, signature, ...rest] = match[1].split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) {
    return { ok: false, reason: 'malformed token' };
  }
  if (!sameBytes(Buffer.from(signature, 'base64url'), hmac(secret, `${header}.${payload}`))) {
    return { ok: false, reason: 'bad token signature' };
  }
  let claims: { exp?: unknown; nbf?: unknown; ac?: unknown };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'unparsable token' };
  }
  const now = Date.now() / 1000;
  if (alg !== 'HS256') return { ok: false, reason: `unexpected alg ${String(alg)}` };
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'token expired' };
  if (typeof claims.nbf !== 'number' || claims.nbf > now + 60) return { ok: false, reason: 'token not yet valid' };
  if (typeof claims.ac !== 'string') return { ok: false, reason: 'token without access controls' };
  let grants: { Scope?: unknown; Permission?: unknown }[];
  try {
    grants = JSON.parse(claims.ac) as typeof grants;
    if (!Array.isArray(grants)) throw new Error('not an array');
  } catch {
    return { ok: false, reason: 'unparsable access controls' };
  }
  const valid = grants.filter((g): g is { Scope: string; Permission: number } => typeof g.Scope === 'string' && typeof g.Permission === 'number');
  return {
    ok: true,
    access: {
      readScopes: valid.filter((g) => (g.Permission & READ) !== 0).map((g) => g.Scope),
      writeScope: valid.filter((g) => (g.Permission & WRITE) !== 0).at(-1)?.Scope,
    },
  };
}

/**
 * Signed blob URLs stand in for Azure SAS URLs: `sp` the permissions (r read, cw create+write),
 * `se` the expiry (epoch seconds), `sig` an HMAC over both and the blob id. The clients append
 * their own query parameters (comp=block&blockid=…), so only these three are signed.
 */
export function signBlobQuery(secret: Buffer, blobId: string, permissions: 'r' | 'cw', ttlSeconds = 3600): string {
  const expiry = Math.floor(Date.now() / 1000) + ttlSeconds;
  const sig = base64url(hmac(secret, `${permissions}\n${blobId}\n${expiry}`));
  return `sp=${permissions}&se=${expiry}&sig=${sig}`;
}

export function verifyBlobQuery(secret: Buffer, blobId: string, query: URLSearchParams, needed: 'r' | 'w'): string | undefined {
  const permissions = query.get('sp') ?? '';
  const expiry = query.get('se') ?? '';
  const sig = query.get('sig') ?? '';
  if (!sameBytes(Buffer.from(sig, 'base64url'), hmac(secret, `${permissions}\n${blobId}\n${expiry}`))) {
    return 'Signature did not match';
  }
  if (Number(expiry) <= Date.now() / 1000) return 'Signed expiry time has passed';
  if (!permissions.includes(needed)) return 'This request is not authorized to perform this operation using this permission';
  return undefined;
}
