import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectRejected, expectVerified, NO_SIGNATURES, NO_TLOG_ENTRY, WRONG_IDENTITY, WRONG_ISSUER, verify } from './support/cosign.js';
import { projectRoot, runTag } from './support/kiln.js';
import {
  attachBundle,
  BUNDLE_MEDIA_TYPE,
  type OciDescriptor,
  pushTinyImage,
  referrerOf,
  referrersOf,
  referrersTag,
  SIGN_PREDICATE,
  SLSA_PREDICATE,
} from './support/referrers.js';
import { REQUEST_TOKEN, type SigstoreDoubles, startSigstore, TOKEN_ISSUER, TOKEN_SUBJECT } from './support/sigstore.js';

jest.setTimeout(180_000);

// The doubles themselves, before any product code uses them: a statement signed with sigstore-js
// in this process against the loopback Sigstore, attached in cosign 3's layout, must verify with
// the real cosign, and every fault the signing tests inject must do what it says.

const REPO = `h5-sign-e2e/doubles-${runTag}`;
const at = (d: OciDescriptor) => `127.0.0.1:5000/${REPO}@${d.digest}`;
let doubles: SigstoreDoubles;
let signed: OciDescriptor;
let unsigned: OciDescriptor;
let timestamped: OciDescriptor;

async function oidcToken(): Promise<string> {
  const res = await fetch(`${doubles.env().ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`, {
    headers: { Authorization: `Bearer ${doubles.env().ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

/** Signs an in-toto statement about `subject` as a signing step would (one DSSE bundle). */
async function signStatement(subject: OciDescriptor, predicateType: string, predicate: object, instance: 'rekor' | 'tsa'): Promise<string> {
  const token = await oidcToken();
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `127.0.0.1:5000/${REPO}`, digest: { sha256: subject.digest.replace(/^sha256:/, '') } }],
    predicateType,
    predicate,
  };
  const services = instance === 'rekor' ? { rekor: doubles.urls.rekor } : { tsa: doubles.urls.tsa };
  // Not execFileSync: the doubles answer from this very event loop.
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(projectRoot, '__tests__', 'e2e', 'support', 'sign-bundle.mjs')],
      { encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`sign-bundle.mjs: ${err.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(JSON.stringify({ statement, fulcio: doubles.urls.fulcio, token, ...services }));
  });
}

beforeAll(async () => {
  doubles = await startSigstore();
  signed = await pushTinyImage(REPO, 'signed', `signed ${runTag}`);
  unsigned = await pushTinyImage(REPO, 'unsigned', `unsigned ${runTag}`);
  timestamped = await pushTinyImage(REPO, 'timestamped', `timestamped ${runTag}`);
});
afterAll(async () => {
  await doubles.close();
});

describe('a bundle made against the doubles verifies with the real cosign', () => {
  it('public shape (Fulcio + Rekor v1): signature and SLSA provenance verify, a wrong identity and an unsigned digest do not', async () => {
    const before = { ...doubles.calls };
    await attachBundle(REPO, signed, await signStatement(signed, SIGN_PREDICATE, {}, 'rekor'), SIGN_PREDICATE);
    await attachBundle(
      REPO,
      signed,
      await signStatement(signed, SLSA_PREDICATE, { buildDefinition: { buildType: 'https://kiln.test/buildType' }, runDetails: {} }, 'rekor'),
      SLSA_PREDICATE,
    );
    expect(doubles.calls.fulcio - before.fulcio).toBe(2);
    expect(doubles.calls.rekor - before.rekor).toBe(2);
    expect(doubles.calls.tsa - before.tsa).toBe(0);
    expect(doubles.audiences.slice(-2)).toEqual(['sigstore', 'sigstore']);

    // Rekor stored the canonical dsse entry (hashes and verifier), not the proposed envelope.
    const entry = doubles.rekorEntries.at(-1) as { kind: string; apiVersion: string; spec: Record<string, unknown> };
    expect(entry.kind).toBe('dsse');
    expect(entry.apiVersion).toBe('0.0.1');
    expect(Object.keys(entry.spec).sort()).toEqual(['envelopeHash', 'payloadHash', 'signatures']);

    // What the registry holds is cosign 3's layout: both referrers in the sha256-<hex> index.
    const referrers = await referrersOf(REPO, signed.digest);
    expect(referrers.map((r) => r.statement?.predicateType).sort()).toEqual([SIGN_PREDICATE, SLSA_PREDICATE]);
    for (const r of referrers) {
      expect(r.manifest.artifactType).toBe(BUNDLE_MEDIA_TYPE);
      expect(r.descriptor.artifactType).toBe(BUNDLE_MEDIA_TYPE);
      expect(r.manifest.subject?.digest).toBe(signed.digest);
      expect(r.bundle.mediaType).toBe(BUNDLE_MEDIA_TYPE);
      expect(r.bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    }
    expect((await referrerOf(REPO, signed.digest, SIGN_PREDICATE))?.statement?.predicate).toEqual({});

    const trustedRoot = doubles.trustedRoot;
    expectVerified(await verify(at(signed), { trustedRoot }));
    expectVerified(await verify(at(signed), { trustedRoot, attestationType: 'slsaprovenance1' }));
    expectRejected(
      await verify(at(signed), { trustedRoot, identity: 'https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main' }),
      WRONG_IDENTITY,
    );
    expectRejected(await verify(at(signed), { trustedRoot, issuer: 'https://issuer.example' }), WRONG_ISSUER);
    expectRejected(await verify(at(unsigned), { trustedRoot }), NO_SIGNATURES);
    expect(await referrersOf(REPO, unsigned.digest)).toEqual([]);
  });

  it('private shape (Fulcio + timestamp authority, no log): verifies with the timestamp flags, never touches Rekor', async () => {
    const rekorBefore = doubles.calls.rekor;
    const tsaBefore = doubles.calls.tsa;
    await attachBundle(REPO, timestamped, await signStatement(timestamped, SIGN_PREDICATE, {}, 'tsa'), SIGN_PREDICATE);
    expect(doubles.calls.rekor).toBe(rekorBefore);
    expect(doubles.calls.tsa - tsaBefore).toBe(1);
    const referrer = await referrerOf(REPO, timestamped.digest, SIGN_PREDICATE);
    expect(referrer?.bundle.verificationMaterial.tlogEntries ?? []).toEqual([]);
    expect(referrer?.bundle.verificationMaterial.timestampVerificationData).toBeDefined();

    const trustedRoot = doubles.trustedRoot;
    expectVerified(await verify(at(timestamped), { trustedRoot, timestampsOnly: true }));
    // Without them cosign insists on a transparency log entry: the flags are what private needs.
    expectRejected(await verify(at(timestamped), { trustedRoot }), NO_TLOG_ENTRY);
    expectRejected(
      await verify(at(timestamped), { trustedRoot, timestampsOnly: true, identity: 'https://github.com/x/y/.github/workflows/z.yml@refs/heads/main' }),
      WRONG_IDENTITY,
    );
  });
});

describe('the doubles answer as documented', () => {
  it('the token endpoint wants the request token and hands out a GitHub-shaped JWT', async () => {
    const url = `${doubles.env().ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const token = await oidcToken();
    expect(token).toBe(doubles.jwt);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, string>;
    expect(claims.iss).toBe(TOKEN_ISSUER);
    expect(claims.sub).toBe(TOKEN_SUBJECT);
    expect(claims.aud).toBe('sigstore');
    expect(claims.repository).toBe('kiln-test/kiln');
    expect(claims.job_workflow_ref).toBe('kiln-test/kiln/.github/workflows/release.yml@refs/heads/main');
    expect(REQUEST_TOKEN).not.toBe(token);
  });

  it('the attestations API records what it is sent and answers 201 with an id, or 403 when told to', async () => {
    const post = () =>
      fetch(`${doubles.urls.github}/repos/kiln-test/kiln/attestations`, {
        method: 'POST',
        headers: { Authorization: 'Bearer gh-token', Accept: 'application/vnd.github+json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ bundle: { mediaType: BUNDLE_MEDIA_TYPE } }),
      });
    const created = await post();
    expect(created.status).toBe(201);
    expect(typeof ((await created.json()) as { id: number }).id).toBe('number');
    expect(doubles.attestations.at(-1)).toEqual({
      owner: 'kiln-test',
      repo: 'kiln',
      authorization: 'Bearer gh-token',
      accept: 'application/vnd.github+json',
      bundle: { mediaType: BUNDLE_MEDIA_TYPE },
    });
    doubles.fault('github', { status: 403 });
    expect((await post()).status).toBe(403);
    expect((await post()).status).toBe(403);
    doubles.fault('github', undefined);
    expect((await post()).status).toBe(201);
  });

  it('faults: 429 N times then success, 500 always, hang until the caller gives up', async () => {
    const certRequest = () => fetch(`${doubles.urls.fulcio}/api/v2/signingCert`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5000) });
    doubles.fault('fulcio', { status: 429, times: 2 });
    const before = doubles.calls.fulcio;
    expect((await certRequest()).status).toBe(429);
    expect((await certRequest()).status).toBe(429);
    expect((await certRequest()).status).toBe(400); // past the fault: the real handler (rejects an empty request)
    expect(doubles.calls.fulcio - before).toBe(3);

    doubles.fault('rekor', { status: 500 });
    for (let i = 0; i < 3; i++) expect((await fetch(`${doubles.urls.rekor}/api/v1/log/entries`, { method: 'POST', body: '{}' })).status).toBe(500);
    doubles.fault('rekor', undefined);

    doubles.fault('tsa', { hang: true });
    const started = Date.now();
    await expect(fetch(`${doubles.urls.tsa}/api/v1/timestamp`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(1500) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    doubles.fault('tsa', undefined);
  });

  it('writes a SigningConfig and a TrustedRoot of the media types cosign and sigstore-js read', () => {
    const config = JSON.parse(readFileSync(doubles.signingConfig, 'utf8')) as Record<string, { url: string }[] | string>;
    expect(config.mediaType).toBe('application/vnd.dev.sigstore.signingconfig.v0.2+json');
    expect(config.caUrls).toEqual([expect.objectContaining({ url: doubles.urls.fulcio, majorApiVersion: 1 })]);
    expect(config.rekorTlogUrls).toEqual([expect.objectContaining({ url: doubles.urls.rekor })]);
    const tsaConfig = JSON.parse(readFileSync(doubles.tsaSigningConfig, 'utf8')) as Record<string, { url: string }[] | string>;
    expect(tsaConfig.rekorTlogUrls).toEqual([]);
    expect(tsaConfig.tsaUrls).toEqual([expect.objectContaining({ url: `${doubles.urls.tsa}/api/v1/timestamp` })]);
    const root = JSON.parse(readFileSync(doubles.trustedRoot, 'utf8')) as Record<string, unknown[] | string>;
    expect(root.mediaType).toBe('application/vnd.dev.sigstore.trustedroot+json;version=0.1');
    for (const key of ['tlogs', 'certificateAuthorities', 'ctlogs', 'timestampAuthorities']) expect(root[key]).toHaveLength(1);
    expect(referrersTag('sha256:abc')).toBe('sha256-abc');
  });
});
