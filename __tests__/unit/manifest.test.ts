import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { fromEngineManifests, type ImageManifest, platformDigests, readManifest, sha256Digest } from '../../src/report/manifest.js';
import { outputValues } from '../../src/report/outputs.js';

// Manifests exactly as the local registry served them (see fixtures/manifests/README.md).
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/manifests/${name}`, import.meta.url));

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const AMD64 = 'sha256:8cabf365b8115adb6d95398bc26f89376eb156bd64e24eb833b73419f165ed7d';
const ARM64 = 'sha256:0255fe8bf1a1eb4548a8d4098994bcd68b7a8a40c9969d3f21d45787028f61bd';

describe('readManifest', () => {
  it('an OCI index with two platforms and their attestations, as a registry served it', () => {
    const manifest = readManifest(fixture('oci-index-two-platforms-attestations.json'), 'linux/amd64');
    expect(manifest).toEqual({
      digest: 'sha256:957a96704811bfb41fa4dc3d941652bd3e62971ef608c26ff5bec7fe52c19b99',
      mediaType: OCI_INDEX,
      entries: [
        { platform: 'linux/amd64', digest: AMD64, size: 858, mediaType: OCI_MANIFEST, attestation: false },
        { platform: 'linux/arm64', digest: ARM64, size: 858, mediaType: OCI_MANIFEST, attestation: false },
        {
          platform: 'unknown/unknown',
          digest: 'sha256:9db8d9b43173dee8fc72344ceef29e84c0baea4832664f0bf9d429e131a3e9c6',
          size: 566,
          mediaType: OCI_MANIFEST,
          attestation: true,
          refersTo: AMD64,
        },
        {
          platform: 'unknown/unknown',
          digest: 'sha256:89feafbb74adceb01c7a1c8d157975f2436fb34483db5c42a47a95aac3097ebe',
          size: 566,
          mediaType: OCI_MANIFEST,
          attestation: true,
          refersTo: ARM64,
        },
      ],
    });
    expect(platformDigests(manifest)).toEqual({ 'linux/amd64': AMD64, 'linux/arm64': ARM64 });
  });

  it('a Docker manifest list keeps its media type; no attestations', () => {
    const manifest = readManifest(fixture('docker-manifest-list.json'), 'linux/amd64');
    expect(manifest.digest).toBe('sha256:8060e2d0d83e3ac0a8f68f63c1af6f385bfc4ccfa93a8f3d899c9b51eb52919e');
    expect(manifest.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(platformDigests(manifest)).toEqual({
      'linux/amd64': 'sha256:4b44dc6bcdba58028365f640da2c245b0f16cd85ab947c7e7024f32b77d4fee5',
      'linux/arm64': 'sha256:b03e1b7e9b9336d9b85e7e28539c509667523807df27863a7a8e1789ccd80426',
    });
    expect(manifest.entries.map((e) => e.attestation)).toEqual([false, false]);
  });

  it('a single manifest is one entry with the given platform, its own digest and byte size', () => {
    const raw = fixture('oci-manifest-amd64.json');
    const manifest = readManifest(raw, 'linux/amd64');
    expect(manifest).toEqual({
      digest: AMD64,
      mediaType: OCI_MANIFEST,
      entries: [{ platform: 'linux/amd64', digest: AMD64, size: 858, mediaType: OCI_MANIFEST, attestation: false }],
    });
    expect(platformDigests(manifest)).toEqual({ 'linux/amd64': AMD64 });
  });

  it('the digest is the sha256 of the exact bytes, not of re-serialized JSON', () => {
    const doc = { schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [] };
    const compact = Buffer.from(JSON.stringify(doc));
    const spaced = Buffer.from(`{ "schemaVersion" : 2,\n\t"mediaType": "${OCI_MANIFEST}", "layers": [ ] }\n`);
    const a = readManifest(compact, 'linux/amd64');
    const b = readManifest(spaced, 'linux/amd64');
    // Same JSON, different bytes: each digest is that of its own bytes (computed with sha256sum).
    expect(a.digest).toBe('sha256:b0ff67b72a1d087090ad4fe635c35ad2752dd27d26f9435bb7877f40ecdc0bc3');
    expect(b.digest).toBe('sha256:89b87b4085cf58b5dba9c3ab346847fc5935958beaf15a5d17ab329241593032');
    expect(b.entries[0]).toMatchObject({ digest: b.digest, size: 99 });
  });

  it('sizes count bytes, not characters', () => {
    const raw = Buffer.from(`{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","annotations":{"t":"héllo ✓"}}`);
    expect(readManifest(raw, 'linux/arm64').entries[0]?.size).toBe(raw.length);
    expect(raw.length).toBeGreaterThan(raw.toString('utf8').length);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['arm with a variant', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    ['arm64 with v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    ['an empty variant', { os: 'linux', architecture: 'amd64', variant: '' }, 'linux/amd64'],
    ['no architecture', { os: 'linux' }, 'unknown/unknown'],
    ['windows', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2582' }, 'windows/amd64'],
  ])('index entry platform: %s', (_name, platform, expected) => {
    const raw = Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ digest: 'sha256:ab', size: 1, mediaType: OCI_MANIFEST, platform }] }));
    expect(readManifest(raw, 'linux/amd64').entries.map((e) => e.platform)).toEqual([expected]);
  });

  it('an index without a mediaType is an OCI index; missing fields get empty values', () => {
    const raw = Buffer.from('{"schemaVersion":2,"manifests":[{}]}');
    expect(readManifest(raw, 'linux/amd64')).toEqual({
      digest: sha256Digest(raw),
      mediaType: OCI_INDEX,
      entries: [{ platform: 'unknown/unknown', digest: '', size: 0, mediaType: '', attestation: false }],
    });
  });

  it('a manifest without a mediaType is an OCI manifest', () => {
    expect(readManifest(Buffer.from('{"schemaVersion":2}'), 'linux/s390x').mediaType).toBe(OCI_MANIFEST);
  });
});

describe('sha256Digest', () => {
  it.each([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('%j', (text, digest) => {
    expect(sha256Digest(text)).toBe(digest);
    expect(sha256Digest(Buffer.from(text))).toBe(digest);
  });
});

describe('fromEngineManifests', () => {
  const engine = JSON.parse(readFileSync(new URL('./fixtures/manifests/engine-manifests.json', import.meta.url), 'utf8')) as Parameters<
    typeof fromEngineManifests
  >[3];

  it("reads the engine's Manifests (docker 28, containerd store) into the registry's shape", () => {
    const index = 'sha256:62cfda2ccfbd388d78fd2d8f10dcbf6461357370d5a84d1b31d40efa503834f7';
    const manifest = fromEngineManifests(index, OCI_INDEX, 'linux/s390x', engine);
    expect(manifest).toEqual({
      digest: index,
      mediaType: OCI_INDEX,
      entries: [
        {
          platform: 'linux/amd64',
          digest: 'sha256:6bcc3d2fe9be53f0570a9b22da1fbbd720054fc9fde93928806d86b8982549d3',
          size: 858,
          mediaType: OCI_MANIFEST,
          attestation: false,
        },
        {
          platform: 'linux/arm64',
          digest: 'sha256:9748d710e65d74f9b96a78b9cea5fcab948f69e808f7a67c16c7d8c33eb38438',
          size: 858,
          mediaType: OCI_MANIFEST,
          attestation: false,
        },
        {
          platform: 'unknown/unknown',
          digest: 'sha256:9ad8ad82387a0a6eca52c937b9c1c91836289e52e53fe9177b40ee43b3d0f0ee',
          size: 566,
          mediaType: OCI_MANIFEST,
          attestation: true,
          refersTo: 'sha256:6bcc3d2fe9be53f0570a9b22da1fbbd720054fc9fde93928806d86b8982549d3',
        },
        {
          platform: 'unknown/unknown',
          digest: 'sha256:7d51cace7c227181e56cdee8ec937cc94c2fb5e7b2050f6b4a08a38787463f35',
          size: 566,
          mediaType: OCI_MANIFEST,
          attestation: true,
          refersTo: 'sha256:9748d710e65d74f9b96a78b9cea5fcab948f69e808f7a67c16c7d8c33eb38438',
        },
      ],
    });
    expect(platformDigests(manifest)).toEqual({
      'linux/amd64': 'sha256:6bcc3d2fe9be53f0570a9b22da1fbbd720054fc9fde93928806d86b8982549d3',
      'linux/arm64': 'sha256:9748d710e65d74f9b96a78b9cea5fcab948f69e808f7a67c16c7d8c33eb38438',
    });
  });

  it('a variant platform and missing descriptors', () => {
    const manifest = fromEngineManifests('sha256:x', OCI_INDEX, 'linux/s390x', [
      { Kind: 'image', Descriptor: { digest: 'sha256:v7', size: 5, mediaType: OCI_MANIFEST, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } } },
      {},
    ]);
    expect(manifest.entries).toEqual([
      { platform: 'linux/arm/v7', digest: 'sha256:v7', size: 5, mediaType: OCI_MANIFEST, attestation: false },
      { platform: 'linux/s390x', digest: '', size: 0, mediaType: '', attestation: false },
    ]);
  });

  it('a single-platform image, for which the engine names no platform, takes the given one', () => {
    const manifest = fromEngineManifests('sha256:m', OCI_MANIFEST, 'linux/arm64', [
      { Kind: 'image', Descriptor: { digest: 'sha256:m', size: 9, mediaType: OCI_MANIFEST } },
    ]);
    expect(platformDigests(manifest)).toEqual({ 'linux/arm64': 'sha256:m' });
  });
});

describe('outputValues', () => {
  const manifest: ImageManifest = readManifest(fixture('oci-index-two-platforms-attestations.json'), 'linux/amd64');

  it('gives every output: digests as JSON without attestations, tags one per line', () => {
    expect(
      outputValues(
        {
          imageId: 'sha256:iid',
          metadata: { text: '{"buildx.build.ref":"b/n/id"}', digest: '', buildRef: 'b/n/id' },
          digest: manifest.digest,
          manifest,
          tags: ['r/app:1', 'r/app:latest'],
        },
        {
          builder: 'kiln-1-build-run',
          qemuPlatforms: ['linux/arm64'],
          cacheHitRatio: 2 / 3,
          cache: { backend: 'gha', rule: 'trusted-event', read: ['app-main'], written: ['app-main'], platforms: { 'linux/amd64': { hitRatio: 0.667 } } },
          seconds: 4.26,
          labels: ['a=1', 'b=2'],
          version: '1.2.3',
        },
      ),
    ).toEqual({
      imageid: 'sha256:iid',
      digest: 'sha256:957a96704811bfb41fa4dc3d941652bd3e62971ef608c26ff5bec7fe52c19b99',
      metadata: '{"buildx.build.ref":"b/n/id"}',
      digests: JSON.stringify({ 'linux/amd64': AMD64, 'linux/arm64': ARM64 }),
      tags: 'r/app:1\nr/app:latest',
      builder: 'kiln-1-build-run',
      'qemu-platforms': 'linux/arm64',
      manifest: JSON.stringify({
        digest: manifest.digest,
        mediaType: manifest.mediaType,
        manifests: manifest.entries.map((e) => ({ platform: e.platform, digest: e.digest, size: e.size, mediaType: e.mediaType, attestation: e.attestation })),
      }),
      'cache-hit-ratio': '0.667',
      cache: '{"backend":"gha","rule":"trusted-event","read":["app-main"],"written":["app-main"],"platforms":{"linux/amd64":{"hitRatio":0.667}}}',
      duration: '4.3',
      'build-ref': 'b/n/id',
      labels: 'a=1\nb=2',
      version: '1.2.3',
      signatures: '{}',
      'attestation-url': '',
    });
  });

  it('without a manifest or tags: {} and an empty string', () => {
    expect(
      outputValues(
        { imageId: '', metadata: { text: '', digest: '', buildRef: '', problem: 'missing' }, digest: '', tags: [] },
        { builder: 'default', qemuPlatforms: [] },
      ),
    ).toEqual({
      imageid: '',
      digest: '',
      metadata: '',
      digests: '{}',
      tags: '',
      builder: 'default',
      'qemu-platforms': '',
      manifest: '',
      'cache-hit-ratio': '',
      cache: '',
      duration: '',
      'build-ref': '',
      labels: '',
      version: '',
      signatures: '{}',
      'attestation-url': '',
    });
  });
});
