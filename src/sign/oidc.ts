// The runner's OIDC token for Sigstore. It is masked the moment it arrives and lives only in
// this process's memory: never in a file, a log line, an output or a child's environment.
import type { Env } from '../inputs/types.js';
import type { IdentityClaims } from '../plan/sign.js';
import * as core from '../runner.js';
import type { Deadline } from './deadline.js';
import { sendWithin } from './http.js';

export interface IdentityToken {
  jwt: string;
  claims: IdentityClaims & { iss?: string; sub?: string };
}

export async function fetchIdentityToken(env: Env, limit: Deadline): Promise<IdentityToken> {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
  const url = `${base}${base.includes('?') ? '&' : '?'}audience=sigstore`;
  const res = await sendWithin({ url, headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`, Accept: 'application/json' } }, limit);
  if (!res.ok) throw new Error(`The runner's OIDC token endpoint answered ${res.status} (is \`permissions: id-token: write\` set?)`);
  let jwt: unknown;
  try {
    jwt = (JSON.parse(res.body.toString('utf8')) as { value?: unknown }).value;
  } catch {
    jwt = undefined;
  }
  if (typeof jwt !== 'string' || jwt === '') throw new Error("The runner's OIDC token endpoint answered without a token");
  core.setSecret(jwt);
  return { jwt, claims: claimsOf(jwt) };
}

/** The token's payload, unverified: Fulcio verifies it; Kiln only reads the names it will be signed for. */
export function claimsOf(jwt: string): IdentityToken['claims'] {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return {};
    return Object.fromEntries(Object.entries(payload).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
