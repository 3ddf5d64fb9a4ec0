// The job summary's "Signatures" section: per repository what was signed and where its bundles
// are, the certificate's identity, and the commands that verify it, ready to copy.
import type { SignedDigest, SigstoreInstance } from '../plan/sign.js';

export interface SignSummary {
  signed: SignedDigest[];
  identity: { san: string; issuer: string };
  instance: Pick<SigstoreInstance, 'name' | 'rekor'>;
  /** `owner/repo`, for `gh attestation verify -R`. */
  repository: string;
  attestationUrl?: string;
  /** The `trusted-root` input's path, which cosign needs too. */
  trustedRoot?: string;
  notes: string[];
}

const GITHUB_ROOT_FILE = 'github-trusted-root.json';

export function renderSignSummary(s: SignSummary): string {
  const lines = ['### Signatures', ''];
  const where = s.instance.rekor ? 'logged in the transparency log' : 'timestamped, not in a public log';
  lines.push(`Signed keylessly (${s.instance.name} Sigstore, ${where}) as \`${s.identity.san}\`, issuer \`${s.identity.issuer}\`.`, '');
  const repos = [...new Set(s.signed.map((d) => d.repository))];
  for (const repo of repos) {
    lines.push(`**${repo}**`, '', '| Digest | Platform | Signature | Provenance / SBOM | Log index / time |', '|---|---|---|---|---|');
    const mine = s.signed.filter((d) => d.repository === repo);
    for (const d of mine) {
      const when = [d.logIndex !== undefined ? `#${d.logIndex}` : '', d.timestamp ?? ''].filter(Boolean).join(' ');
      const what = d.attests ? `BuildKit attestations of ${d.attests.platform}` : (d.platform ?? 'image');
      const attached = [d.provenance ? `provenance \`${d.provenance}\`` : '', ...(d.sbom ?? []).map((r) => `SBOM \`${r}\``)].filter(Boolean).join('<br>');
      lines.push(`| \`${d.digest}\` | ${what} | \`${d.signature}\` | ${attached} | ${when} |`);
    }
    const top = mine.find((d) => d.provenance) ?? mine[0];
    if (top) {
      // cosign knows only public-good's root by itself; gh prints GitHub's as its second line.
      const githubRoot = !s.trustedRoot && s.instance.name === 'github';
      const root = s.trustedRoot ? ` --trusted-root ${s.trustedRoot}` : githubRoot ? ` --trusted-root ${GITHUB_ROOT_FILE}` : '';
      const tlog = s.instance.rekor ? '' : ' --use-signed-timestamps --insecure-ignore-tlog=true';
      const who = `--certificate-identity '${s.identity.san}' --certificate-oidc-issuer '${s.identity.issuer}'`;
      lines.push('', '```sh');
      if (githubRoot) lines.push(`gh attestation trusted-root | sed -n 2p > ${GITHUB_ROOT_FILE}`);
      lines.push(`cosign verify${root}${tlog} ${who} ${repo}@${top.digest}`);
      if (top.provenance) lines.push(`cosign verify-attestation${root}${tlog} --type slsaprovenance1 ${who} ${repo}@${top.digest}`);
      if (top.provenance) lines.push(`gh attestation verify oci://${repo}@${top.digest} -R ${s.repository}`);
      // BuildKit's attestation manifest, and its SBOM as an attestation of the platform manifest.
      const attestations = mine.find((d) => d.attests);
      if (attestations) lines.push(`cosign verify${root}${tlog} ${who} ${repo}@${attestations.digest}`);
      const described = mine.find((d) => d.sbom?.length);
      if (described) lines.push(`cosign verify-attestation${root}${tlog} --type spdxjson ${who} ${repo}@${described.digest}`);
      // Recorded with GitHub's attestations API too: BuildKit's predicate type, not gh's default (SLSA provenance).
      if (described) lines.push(`gh attestation verify oci://${repo}@${described.digest} -R ${s.repository} --predicate-type https://spdx.dev/Document`);
      lines.push('```', '');
    }
  }
  if (s.attestationUrl) lines.push(`Provenance recorded by GitHub: ${s.attestationUrl}`, '');
  for (const note of s.notes) lines.push(note, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
