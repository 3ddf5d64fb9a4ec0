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

describe('renderSignSummary: BuildKit’s attestations', () => {
  const signed: SignSummary['signed'] = [
    { repository: 'ghcr.io/o/app', digest: 'sha256:top', signature: 'sha256:sig', provenance: 'sha256:prov', logIndex: 7 },
    { repository: 'ghcr.io/o/app', digest: 'sha256:amd', platform: 'linux/amd64', signature: 'sha256:sig2', sbom: ['sha256:spdx'], logIndex: 8 },
    { repository: 'ghcr.io/o/app', digest: 'sha256:att', signature: 'sha256:sig3', attests: { digest: 'sha256:amd', platform: 'linux/amd64' }, logIndex: 9 },
  ];
  const summary = renderSignSummary({
    signed,
    identity: IDENTITY,
    instance: { name: 'public-good', rekor: { url: 'https://rekor.sigstore.dev', majorApiVersion: 1 } },
    repository: 'o/app',
    notes: [],
  });

  it('lists the attestation manifest by the platform it describes, and the SBOM by the platform manifest it is attached to', () => {
    expect(summary).toContain('| `sha256:amd` | linux/amd64 | `sha256:sig2` | SBOM `sha256:spdx` | #8 |');
    expect(summary).toContain('| `sha256:att` | BuildKit attestations of linux/amd64 | `sha256:sig3` |  | #9 |');
    expect(summary).toContain('| `sha256:top` | image | `sha256:sig` | provenance `sha256:prov` | #7 |');
  });

  it('the commands verify the attestation manifest and the SBOM of the platform manifest (cosign, and gh for its GitHub record)', () => {
    expect(commands(summary)).toEqual([
      `cosign verify ${WHO} ghcr.io/o/app@sha256:top`,
      `cosign verify-attestation --type slsaprovenance1 ${WHO} ghcr.io/o/app@sha256:top`,
      'gh attestation verify oci://ghcr.io/o/app@sha256:top -R o/app',
      `cosign verify ${WHO} ghcr.io/o/app@sha256:att`,
      `cosign verify-attestation --type spdxjson ${WHO} ghcr.io/o/app@sha256:amd`,
      'gh attestation verify oci://ghcr.io/o/app@sha256:amd -R o/app --predicate-type https://spdx.dev/Document',
    ]);
  });
});
