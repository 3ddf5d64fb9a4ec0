import { describe, expect, it } from '@jest/globals';
import { renderSignSummary, type SignSummary } from '../../src/report/sign-summary.js';

const SIGNED: SignSummary['signed'] = [
  { repository: 'ghcr.io/o/app', digest: 'sha256:top', signature: 'sha256:sig', provenance: 'sha256:prov', timestamp: '2026-12-06T22:00:00.000Z' },
];
const IDENTITY = { san: 'https://github.com/o/app/.github/workflows/release.yml@refs/heads/main', issuer: 'https://token.actions.githubusercontent.com' };
const WHO =
  "--certificate-identity 'https://github.com/o/app/.github/workflows/release.yml@refs/heads/main' --certificate-oidc-issuer 'https://token.actions.githubusercontent.com'";

function commands(summary: string): string[] {
  return (/```sh\n([\s\S]*?)```/.exec(summary)?.[1] ?? '').trim().split('\n');
}

describe('renderSignSummary', () => {
  it('public-good: cosign with no trusted root (cosign knows public-good’s), gh', () => {
    const summary = renderSignSummary({
      signed: SIGNED,
      identity: IDENTITY,
      instance: { name: 'public-good', rekor: { url: 'https://rekor.sigstore.dev', majorApiVersion: 1 } },
      repository: 'o/app',
      notes: [],
    });
    expect(commands(summary)).toEqual([
      `cosign verify ${WHO} ghcr.io/o/app@sha256:top`,
      `cosign verify-attestation --type slsaprovenance1 ${WHO} ghcr.io/o/app@sha256:top`,
      'gh attestation verify oci://ghcr.io/o/app@sha256:top -R o/app',
    ]);
  });

  it('GitHub’s instance: cosign gets GitHub’s trusted root from gh and checks timestamps instead of a log', () => {
    const summary = renderSignSummary({ signed: SIGNED, identity: IDENTITY, instance: { name: 'github' }, repository: 'o/app', notes: [] });
    const flags = '--trusted-root github-trusted-root.json --use-signed-timestamps --insecure-ignore-tlog=true';
    expect(commands(summary)).toEqual([
      'gh attestation trusted-root | sed -n 2p > github-trusted-root.json',
      `cosign verify ${flags} ${WHO} ghcr.io/o/app@sha256:top`,
      `cosign verify-attestation ${flags} --type slsaprovenance1 ${WHO} ghcr.io/o/app@sha256:top`,
      'gh attestation verify oci://ghcr.io/o/app@sha256:top -R o/app',
    ]);
  });

  it('a trusted-root input is what cosign gets, whatever the instance', () => {
    const summary = renderSignSummary({
      signed: SIGNED,
      identity: IDENTITY,
      instance: { name: 'github' },
      repository: 'o/app',
      trustedRoot: '/tmp/root.json',
      notes: [],
    });
    expect(commands(summary)[0]).toBe(
      `cosign verify --trusted-root /tmp/root.json --use-signed-timestamps --insecure-ignore-tlog=true ${WHO} ghcr.io/o/app@sha256:top`,
    );
  });
});
