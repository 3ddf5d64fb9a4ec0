import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectVerified, verify } from './support/cosign.js';
import { expectSuccess, image, kiln } from './support/kiln.js';
import { type SigstoreDoubles, startSigstore, TOKEN_ISSUER, TOKEN_SUBJECT } from './support/sigstore.js';

let sigstore: SigstoreDoubles;
beforeAll(async () => {
  sigstore = await startSigstore();
});
afterAll(() => sigstore.close());

describe('h4 self-check: a signed two-platform push', () => {
  it('signs, attaches and attests; cosign verifies index, platform and provenance', async () => {
    const ref = image('h4-sign-selfcheck');
    const result = await kiln(
      {
        context: '.',
        file: 'basic/Dockerfile',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: ref,
        'signing-config': sigstore.signingConfig,
        'trusted-root': sigstore.trustedRoot,
        sign: 'true',
      },
      { env: sigstore.env(), payload: { repository: { full_name: 'kiln-test/kiln', visibility: 'public' } }, repository: 'kiln-test/kiln' },
    );
    console.log(
      result.stdout
        .split('\n')
        .filter((l) => /Sign|sign|error|warning/.test(l))
        .join('\n'),
    );
    expectSuccess(result);
    const signatures = JSON.parse(result.outputs.signatures ?? '{}') as Record<string, unknown>;
    console.log(JSON.stringify(signatures, null, 1), result.outputs['attestation-url']);
    expect(Object.keys(signatures)).toHaveLength(3);
    const repo = ref.replace(/:[^:/]+$/, '');
    const digest = result.outputs.digest ?? '';
    expectVerified(await verify(`${repo}@${digest}`, { trustedRoot: sigstore.trustedRoot, identity: TOKEN_SUBJECT, issuer: TOKEN_ISSUER }));
    expectVerified(
      await verify(`${repo}@${digest}`, {
        trustedRoot: sigstore.trustedRoot,
        identity: TOKEN_SUBJECT,
        issuer: TOKEN_ISSUER,
        attestationType: 'slsaprovenance1',
      }),
    );
  }, 180_000);
});
