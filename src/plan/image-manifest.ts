// An image index or manifest as a registry serves it: what signing plans over and the report shows
// (src/report/manifest.ts reads it from bytes).

export interface ManifestEntry {
  platform: string;
  digest: string;
  size: number;
  mediaType: string;
  /** BuildKit's provenance/SBOM manifests, listed as `unknown/unknown` in the index. */
  attestation: boolean;
  /** An attestation manifest's image manifest (its `vnd.docker.reference.digest`), when it names one. */
  refersTo?: string;
}

export interface ImageManifest {
  /** The digest a registry serves for these exact bytes. */
  digest: string;
  mediaType: string;
  /** The index's entries; one entry (with the given platform) for a single-platform manifest. */
  entries: ManifestEntry[];
}
