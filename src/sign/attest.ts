// GitHub's attestations API: the provenance bundle recorded for the repository, where
// `gh attestation verify oci://IMAGE -R owner/repo` finds it.
import { attestationUrls } from '../plan/sign.js';
import type { Deadline } from './deadline.js';
import { sendWithin } from './http.js';

export type AttestationResult = { url: string } | { notice: string } | { error: string };

export async function recordAttestation(
  bundleJson: Buffer,
  where: { apiUrl: string; serverUrl: string; repository: string; token: string },
  limit: Deadline,
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
  if (res instanceof Error) return { error: `GitHub's attestations API: ${res.message}` };
  if (res.status === 403 || res.status === 404) {
    return {
      notice: `GitHub did not record the provenance attestation (HTTP ${res.status}): add \`permissions: attestations: write\` to the job (attestations need a public repository or GitHub Enterprise Cloud for private ones). The image is signed and its provenance is attached in the registry.`,
    };
  }
  if (!res.ok) return { error: `GitHub's attestations API answered ${res.status}` };
  let id: unknown;
  try {
    id = (JSON.parse(res.body.toString('utf8')) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  return typeof id === 'number' || typeof id === 'string' ? { url: urls.page(id) } : { error: "GitHub's attestations API answered without an id" };
}
