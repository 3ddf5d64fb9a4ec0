// BuildKit's SBOMs of a platform manifest, read from the registry to be signed as attestations of
// it: the attestation manifest that describes it, then each of its SBOM layers (in parallel).
import { sbomLayers, sbomStatement, type Statement } from '../plan/sign.js';
import { sha256Digest } from '../report/manifest.js';
import type { RegistryClient } from './registry.js';

export async function readSbomStatements(registry: RegistryClient, attestationManifest: string, imageDigest: string): Promise<Statement[]> {
  // readTagged takes any reference: a digest reads that very manifest.
  const manifest = await registry.readTagged<unknown>(attestationManifest);
  const layers = sbomLayers(manifest);
  const texts = await Promise.all(
    layers.map(async (l) => {
      const bytes = await registry.readBlob(l.digest);
      // Only what BuildKit pushed is signed: bytes that are not the layer's are refused.
      if (sha256Digest(bytes) !== l.digest) throw new Error(`the registry served other bytes for SBOM layer ${l.digest} of ${attestationManifest}`);
      return bytes.toString('utf8');
    }),
  );
  return texts.flatMap((text) => sbomStatement(text, imageDigest) ?? []);
}
