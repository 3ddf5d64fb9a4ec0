// GitHub's attestations API: the provenance bundle, and each of BuildKit's SBOMs signed as an
// attestation of its platform manifest (what actions/attest-sbom records), recorded for the
// repository, where `gh attestation verify oci://IMAGE -R owner/repo` (with `--predicate-type`
// for an SBOM) finds them.
import { attestationUrls } from '../plan/sign.js';
import type { Deadline } from './deadline.js';
import { sendWithin } from './http.js';

export type AttestationResult = { url: string } | { notice: string } | { error: string };

export async function recordAttestation(
  bundleJson: Buffer,
  where: { apiUrl: string; serverUrl: string; repository: string; token: string },
  limit: Deadline,
  /** What the bundle attests, for the messages: `provenance`, `SBOM`. */
  what = 'provenance',
): Promise<AttestationResult> {
  const urls = attestationUrls(where.apiUrl, where.serverUrl, where.repository);
  const res = await sendWithin(
    {
      method: 'POST',
      url: urls.post,
      headers: {
        Authorization: `Bearer ${where.token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        'Content-Type': 'application/json',
      },
      // The bundle's JSON as it was signed and verified, embedded without a second serialization.
      body: `{"bundle":${bundleJson.toString('utf8')}}`,
    },
    limit,
  ).catch((error: unknown) => error as Error);
  if (res instanceof Error) return { error: `GitHub's attestations API (${what}): ${res.message}` };
  if (res.status === 403 || res.status === 404) {
    return {
      // One wording for the provenance and the SBOMs: the step shows it once.
      notice: `GitHub did not record the attestations (HTTP ${res.status}): add \`permissions: attestations: write\` to the job (attestations need a public repository or GitHub Enterprise Cloud for private ones). The image is signed and its attestations are attached in the registry.`,
    };
  }
  if (!res.ok) return { error: `GitHub's attestations API answered ${res.status} (${what})` };
  let id: unknown;
  try {
    id = (JSON.parse(res.body.toString('utf8')) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  return typeof id === 'number' || typeof id === 'string' ? { url: urls.page(id) } : { error: `GitHub's attestations API answered without an id (${what})` };
}
