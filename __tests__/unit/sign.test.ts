import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/inputs/errors.js';
import { readSign } from '../../src/inputs/sign.js';
import {
  buildParameters,
  chooseInstance,
  cosignSignStatement,
  decideSigning,
  GITHUB_INSTANCE,
  materialsOf,
  provenanceStatement,
  PUBLIC_GOOD,
  referrerManifest,
  referrersIndex,
  referrersTag,
  sbomLayers,
  sbomStatement,
  signaturesOutput,
  signTargets,
  trustedRootSource,
} from '../../src/plan/sign.js';
import type { ImageManifest } from '../../src/report/manifest.js';
import { makeInputs } from './support.js';

const CONFIG = {
  mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
  caUrls: [
    { url: 'http://127.0.0.1:9001', majorApiVersion: 1, validFor: { start: '2024-01-01T00:00:00Z' } },
    { url: 'http://127.0.0.1:9000', majorApiVersion: 1, validFor: { start: '2025-01-01T00:00:00Z' } },
  ],
  rekorTlogUrls: [],
  tsaUrls: [{ url: 'http://127.0.0.1:9002/api/v1/timestamp', majorApiVersion: 1, validFor: { start: '2025-01-01T00:00:00Z' } }],
  oidcUrls: [],
};
const ROOT = JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', certificateAuthorities: [{}] });

function sign(values: Record<string, string>, files: Record<string, string> = {}) {
  const errors: InputError[] = [];
  const read = readSign({ get: (name) => values[name] ?? '', readFile: (p) => files[p] }, errors);
  return { read, errors: errors.map((e) => e.message) };
}

describe('readSign', () => {
  it('defaults to auto; takes true and false', () => {
    expect(sign({}).read).toEqual({ mode: 'auto' });
    expect(sign({ sign: 'true' }).read.mode).toBe('true');
    expect(sign({ sign: 'False' }).read.mode).toBe('false');
  });

  it('`sign: maybe` names the input, the value and the accepted values', () => {
    expect(sign({ sign: 'maybe' }).errors).toEqual([
      'Input "sign" has "maybe": use auto (sign when the job can get an OIDC token: permissions id-token: write), true (signing must succeed) or false',
    ]);
  });

  it('a signing-config that is not a SigningConfig is an input error naming it', () => {
    const { errors } = sign(
      { 'signing-config': 'root.json', 'trusted-root': 'r.json' },
      { 'root.json': '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}', 'r.json': ROOT },
    );
    expect(errors).toEqual([
      'Input "signing-config" has "root.json": its mediaType is "application/vnd.dev.sigstore.trustedroot+json;version=0.1"; a SigningConfig has mediaType application/vnd.dev.sigstore.signingconfig.v0.2+json and caUrls, rekorTlogUrls, tsaUrls (cosign\'s --signing-config)',
    ]);
    expect(sign({ 'signing-config': 'none.json', 'trusted-root': 'r.json' }, { 'r.json': ROOT }).errors).toEqual([
      'Input "signing-config" has "none.json": the file cannot be read: give the path of a Sigstore SigningConfig JSON file',
    ]);
    expect(sign({ 'signing-config': 'x.json', 'trusted-root': 'r.json' }, { 'x.json': '[1]', 'r.json': ROOT }).errors).toEqual([
      'Input "signing-config" has "x.json": the file is not a JSON object: give the path of a Sigstore SigningConfig JSON file',
    ]);
  });

  it('a trusted-root that is not a TrustedRoot is an input error naming it', () => {
    expect(sign({ 'trusted-root': 'c.json' }, { 'c.json': JSON.stringify(CONFIG) }).errors).toEqual([
      'Input "trusted-root" has "c.json": its mediaType is "application/vnd.dev.sigstore.signingconfig.v0.2+json"; a TrustedRoot has mediaType application/vnd.dev.sigstore.trustedroot+json;version=0.1 and certificateAuthorities (cosign\'s --trusted-root)',
    ]);
  });

  it('a signing-config without a trusted-root is an input error, unless sign is false', () => {
    expect(sign({ 'signing-config': 'c.json' }, { 'c.json': JSON.stringify(CONFIG) }).errors).toEqual([
      'Input "signing-config" has "c.json": a signing-config needs trusted-root too: give the path of that instance\'s TrustedRoot JSON (cosign\'s --trusted-root)',
    ]);
    expect(sign({ 'signing-config': 'c.json', sign: 'false' }, { 'c.json': JSON.stringify(CONFIG) }).errors).toEqual([]);
  });

  it('reads a SigningConfig’s services', () => {
    const { read, errors } = sign({ 'signing-config': 'c.json', 'trusted-root': 'r.json' }, { 'c.json': JSON.stringify(CONFIG), 'r.json': ROOT });
    expect(errors).toEqual([]);
    expect(read.signingConfig?.caUrls).toEqual([
      { url: 'http://127.0.0.1:9001', majorApiVersion: 1, start: Date.UTC(2024, 0, 1) },
      { url: 'http://127.0.0.1:9000', majorApiVersion: 1, start: Date.UTC(2025, 0, 1) },
    ]);
  });

  it('is read with the other inputs', () => {
    expect(makeInputs().sign).toEqual({ mode: 'auto' });
  });
});

const TOKEN_ENV = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime' };
const PUSH = { eventName: 'push', payload: { repository: { full_name: 'kiln-test/kiln' } } };

describe('decideSigning', () => {
  it('signs a push when the job can get a token', () => {
    expect(decideSigning({ mode: 'auto' }, true, PUSH, TOKEN_ENV)).toEqual({ sign: true });
    expect(decideSigning({ mode: 'true' }, true, PUSH, TOKEN_ENV)).toEqual({ sign: true });
  });

  it('never signs with sign: false, or without a push', () => {
    expect(decideSigning({ mode: 'false' }, true, PUSH, TOKEN_ENV)).toEqual({ sign: false, why: 'sign: false' });
    expect(decideSigning({ mode: 'true' }, false, PUSH, TOKEN_ENV)).toEqual({ sign: false, why: 'nothing was pushed to a registry' });
  });

  it('never signs a pull request from a fork', () => {
    const fork = {
      eventName: 'pull_request',
      payload: { repository: { full_name: 'kiln-test/kiln' }, pull_request: { head: { repo: { full_name: 'someone/kiln', fork: true } } } },
    };
    expect(decideSigning({ mode: 'true' }, true, fork, TOKEN_ENV)).toEqual({ sign: false, why: 'a pull request from a fork is never signed' });
    const own = {
      eventName: 'pull_request',
      payload: { repository: { full_name: 'kiln-test/kiln' }, pull_request: { head: { repo: { full_name: 'kiln-test/kiln' } } } },
    };
    expect(decideSigning({ mode: 'auto' }, true, own, TOKEN_ENV)).toEqual({ sign: true });
  });

  it('without an OIDC token: auto says so, true fails', () => {
    const why = 'the job cannot get an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set: add `permissions: id-token: write`)';
    expect(decideSigning({ mode: 'auto' }, true, PUSH, {})).toEqual({ sign: false, why, noToken: true });
    expect(decideSigning({ mode: 'true' }, true, PUSH, {})).toEqual({ sign: false, why, noToken: true, fail: `sign: true, but ${why}` });
  });
});

describe('chooseInstance', () => {
  it('public-good for a public repository, GitHub’s for private, internal and unknown', () => {
    expect(chooseInstance({ repository: { visibility: 'public' } }, undefined, 0)).toEqual({
      name: 'public-good',
      fulcioUrl: 'https://fulcio.sigstore.dev',
      rekor: { url: 'https://rekor.sigstore.dev', majorApiVersion: 1 },
      tufMirror: 'https://tuf-repo-cdn.sigstore.dev',
    });
    expect(chooseInstance({ repository: { visibility: 'private' } }, undefined, 0)).toBe(GITHUB_INSTANCE);
    expect(chooseInstance({ repository: { visibility: 'internal' } }, undefined, 0)).toEqual({
      name: 'github',
      fulcioUrl: 'https://fulcio.githubapp.com',
      tsaUrl: 'https://timestamp.githubapp.com/api/v1/timestamp',
      tufMirror: 'https://tuf-repo.github.com',
    });
    expect(chooseInstance({}, undefined, 0)).toBe(GITHUB_INSTANCE);
    expect(chooseInstance({ repository: { private: false } }, undefined, 0)).toBe(PUBLIC_GOOD);
  });

  it('a signing-config wins over visibility: its newest valid services', () => {
    const { read } = sign({ 'signing-config': 'c.json', 'trusted-root': 'r.json' }, { 'c.json': JSON.stringify(CONFIG), 'r.json': ROOT });
    expect(chooseInstance({ repository: { visibility: 'public' } }, read.signingConfig, Date.UTC(2026, 0, 1))).toEqual({
      name: 'signing-config',
      fulcioUrl: 'http://127.0.0.1:9000',
      tsaUrl: 'http://127.0.0.1:9002/api/v1/timestamp',
    });
  });
});

describe('trustedRootSource', () => {
  it('public-good: Sigstore’s TUF repository, seeded by @sigstore/tuf; github: GitHub’s, seeded by Kiln', () => {
    expect(trustedRootSource(chooseInstance({ repository: { visibility: 'public' } }, undefined, 0), undefined)).toEqual({
      from: 'tuf',
      mirrorURL: 'https://tuf-repo-cdn.sigstore.dev',
      seed: 'library',
    });
    expect(trustedRootSource(chooseInstance({ repository: { visibility: 'private' } }, undefined, 0), undefined)).toEqual({
      from: 'tuf',
      mirrorURL: 'https://tuf-repo.github.com',
      seed: 'github',
    });
    expect(trustedRootSource(chooseInstance({ repository: { visibility: 'internal' } }, undefined, 0), undefined)).toEqual({
      from: 'tuf',
      mirrorURL: 'https://tuf-repo.github.com',
      seed: 'github',
    });
  });

  it('a trusted-root wins over TUF for any instance', () => {
    expect(trustedRootSource(PUBLIC_GOOD, '/tmp/root.json')).toEqual({ from: 'file', path: '/tmp/root.json' });
    expect(trustedRootSource(GITHUB_INSTANCE, '/tmp/root.json')).toEqual({ from: 'file', path: '/tmp/root.json' });
  });

  it('a signing-config has no TUF repository: without a trusted-root there is nothing to verify against', () => {
    const { read } = sign({ 'signing-config': 'c.json', 'trusted-root': 'r.json' }, { 'c.json': JSON.stringify(CONFIG), 'r.json': ROOT });
    const instance = chooseInstance({}, read.signingConfig, Date.UTC(2026, 0, 1));
    expect(trustedRootSource(instance, 'r.json')).toEqual({ from: 'file', path: 'r.json' });
    expect(trustedRootSource(instance, undefined)).toEqual({
      from: 'none',
      why: 'a signing-config needs a trusted-root to verify against: give the instance’s TrustedRoot JSON',
    });
  });
});

const M = 'application/vnd.oci.image.manifest.v1+json';
// A pushed index as BuildKit writes it: two platforms, and an attestation manifest for each.
const INDEX: ImageManifest = {
  digest: 'sha256:aaaa',
  mediaType: 'application/vnd.oci.image.index.v1+json',
  entries: [
    { platform: 'linux/amd64', digest: 'sha256:a1', size: 100, mediaType: M, attestation: false },
    { platform: 'linux/arm64', digest: 'sha256:a2', size: 101, mediaType: M, attestation: false },
    { platform: 'unknown/unknown', digest: 'sha256:a3', size: 50, mediaType: M, attestation: true, refersTo: 'sha256:a1' },
    { platform: 'unknown/unknown', digest: 'sha256:a4', size: 51, mediaType: M, attestation: true, refersTo: 'sha256:a2' },
  ],
};

describe('signTargets', () => {
  it('the index, each platform manifest and each attestation manifest, in every repository', () => {
    expect(signTargets(['127.0.0.1:5000/app:1', '127.0.0.1:5000/app:latest', 'ghcr.io/o/app:1'], INDEX, { top: true, platforms: true })).toEqual([
      { repository: '127.0.0.1:5000/app', digest: 'sha256:aaaa', top: true },
      {
        repository: '127.0.0.1:5000/app',
        digest: 'sha256:a1',
        platform: 'linux/amd64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a1', size: 100 },
        attestations: 'sha256:a3',
      },
      {
        repository: '127.0.0.1:5000/app',
        digest: 'sha256:a2',
        platform: 'linux/arm64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a2', size: 101 },
        attestations: 'sha256:a4',
      },
      {
        repository: '127.0.0.1:5000/app',
        digest: 'sha256:a3',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a3', size: 50 },
        attests: { digest: 'sha256:a1', platform: 'linux/amd64' },
      },
      {
        repository: '127.0.0.1:5000/app',
        digest: 'sha256:a4',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a4', size: 51 },
        attests: { digest: 'sha256:a2', platform: 'linux/arm64' },
      },
      { repository: 'ghcr.io/o/app', digest: 'sha256:aaaa', top: true },
      {
        repository: 'ghcr.io/o/app',
        digest: 'sha256:a1',
        platform: 'linux/amd64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a1', size: 100 },
        attestations: 'sha256:a3',
      },
      {
        repository: 'ghcr.io/o/app',
        digest: 'sha256:a2',
        platform: 'linux/arm64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a2', size: 101 },
        attestations: 'sha256:a4',
      },
      {
        repository: 'ghcr.io/o/app',
        digest: 'sha256:a3',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a3', size: 50 },
        attests: { digest: 'sha256:a1', platform: 'linux/amd64' },
      },
      {
        repository: 'ghcr.io/o/app',
        digest: 'sha256:a4',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a4', size: 51 },
        attests: { digest: 'sha256:a2', platform: 'linux/arm64' },
      },
    ]);
  });

  it('the index’s signer (top only: the assembling leg, the merge job) signs the attestation manifests; a leg (platforms only) its platforms and their SBOMs', () => {
    expect(signTargets(['r/app:1'], INDEX, { top: true, platforms: false }).map((t) => t.digest)).toEqual(['sha256:aaaa', 'sha256:a3', 'sha256:a4']);
    expect(signTargets(['r/app'], INDEX, { top: false, platforms: true })).toEqual([
      {
        repository: 'r/app',
        digest: 'sha256:a1',
        platform: 'linux/amd64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a1', size: 100 },
        attestations: 'sha256:a3',
      },
      {
        repository: 'r/app',
        digest: 'sha256:a2',
        platform: 'linux/arm64',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:a2', size: 101 },
        attestations: 'sha256:a4',
      },
    ]);
  });

  it('an attestation manifest whose image the index does not name is signed, describing no platform', () => {
    const index: ImageManifest = {
      digest: 'sha256:cccc',
      mediaType: 'application/vnd.oci.image.index.v1+json',
      entries: [
        { platform: 'linux/amd64', digest: 'sha256:c1', size: 10, mediaType: M, attestation: false },
        { platform: 'unknown/unknown', digest: 'sha256:c2', size: 11, mediaType: M, attestation: true },
      ],
    };
    expect(signTargets(['r/app:1'], index, { top: true, platforms: true })).toEqual([
      { repository: 'r/app', digest: 'sha256:cccc', top: true },
      { repository: 'r/app', digest: 'sha256:c1', platform: 'linux/amd64', top: false, descriptor: { mediaType: M, digest: 'sha256:c1', size: 10 } },
      {
        repository: 'r/app',
        digest: 'sha256:c2',
        top: false,
        descriptor: { mediaType: M, digest: 'sha256:c2', size: 11 },
        attests: { digest: '', platform: 'unknown/unknown' },
      },
    ]);
  });

  it('a single manifest is signed once; a fan-out leg that pushed one signs it as its platform', () => {
    const single: ImageManifest = {
      digest: 'sha256:b1',
      mediaType: M,
      entries: [{ platform: 'linux/amd64', digest: 'sha256:b1', size: 9, mediaType: M, attestation: false }],
    };
    expect(signTargets(['r/app:1'], single, { top: true, platforms: true })).toEqual([{ repository: 'r/app', digest: 'sha256:b1', top: true }]);
    expect(signTargets(['r/app'], single, { top: false, platforms: true })).toEqual([
      { repository: 'r/app', digest: 'sha256:b1', platform: 'linux/amd64', top: false, descriptor: { mediaType: M, digest: 'sha256:b1', size: 9 } },
    ]);
    expect(signTargets(['r/app:1'], { digest: '', mediaType: '', entries: [] }, { top: true, platforms: true })).toEqual([]);
  });
});

// One of BuildKit's SBOM layers as it pushes it (an in-toto v0.1 statement, the SPDX predicate).
const SBOM_LAYER = JSON.stringify({
  _type: 'https://in-toto.io/Statement/v0.1',
  predicateType: 'https://spdx.dev/Document',
  subject: [{ name: 'pkg:docker/r/app@1?platform=linux%2Famd64', digest: { sha256: 'a1' } }],
  predicate: { spdxVersion: 'SPDX-2.3', name: 'sbom', packages: [{ name: 'busybox' }] },
});

describe('BuildKit SBOMs', () => {
  it('the SBOM layers (SPDX, CycloneDX) of an attestation manifest, not its provenance', () => {
    const attestationManifest = {
      schemaVersion: 2,
      mediaType: M,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:cf', size: 241 },
      layers: [
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: 'sha256:l1',
          size: 671,
          annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' },
        },
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: 'sha256:l2',
          size: 1170,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
        },
        {
          mediaType: 'application/vnd.in-toto+json',
          digest: 'sha256:l3',
          size: 900,
          annotations: { 'in-toto.io/predicate-type': 'https://cyclonedx.org/bom' },
        },
      ],
    };
    expect(sbomLayers(attestationManifest)).toEqual([
      { mediaType: 'application/vnd.in-toto+json', digest: 'sha256:l1', size: 671 },
      { mediaType: 'application/vnd.in-toto+json', digest: 'sha256:l3', size: 900 },
    ]);
    expect(sbomLayers({ schemaVersion: 2 })).toEqual([]);
    expect(sbomLayers(undefined)).toEqual([]);
  });

  it('an SBOM layer becomes an in-toto v1 statement about the platform manifest, its SPDX document unchanged', () => {
    expect(sbomStatement(SBOM_LAYER, 'sha256:a1')).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'pkg:docker/r/app@1?platform=linux%2Famd64', digest: { sha256: 'a1' } }],
      predicateType: 'https://spdx.dev/Document',
      predicate: { spdxVersion: 'SPDX-2.3', name: 'sbom', packages: [{ name: 'busybox' }] },
    });
  });

  it('a CycloneDX SBOM keeps its predicate type', () => {
    const layer = JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://cyclonedx.org/bom',
      subject: [{ name: 'pkg:docker/r/app@1?platform=linux%2Farm64', digest: { sha256: 'a2' } }],
      predicate: { bomFormat: 'CycloneDX', specVersion: '1.6' },
    });
    expect(sbomStatement(layer, 'sha256:a2')).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'pkg:docker/r/app@1?platform=linux%2Farm64', digest: { sha256: 'a2' } }],
      predicateType: 'https://cyclonedx.org/bom',
      predicate: { bomFormat: 'CycloneDX', specVersion: '1.6' },
    });
  });

  it('nothing is signed for a statement about another manifest, another predicate, or what is not JSON', () => {
    expect(sbomStatement(SBOM_LAYER, 'sha256:a2')).toBeUndefined();
    expect(sbomStatement(SBOM_LAYER.replace('https://spdx.dev/Document', 'https://slsa.dev/provenance/v0.2'), 'sha256:a1')).toBeUndefined();
    expect(sbomStatement('{"predicateType":"https://spdx.dev/Document"', 'sha256:a1')).toBeUndefined();
  });
});

describe('statements', () => {
  it('cosign sign’s statement: the digest, no name, an empty predicate', () => {
    expect(cosignSignStatement('sha256:0123')).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: '0123' } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    });
  });

  it('the SLSA v1 provenance statement', () => {
    const build = buildParameters(
      makeInputs({
        file: 'Dockerfile',
        platforms: ['linux/amd64', 'linux/arm64'],
        buildArgValues: { VERSION: '1.2', TOKEN: 'hunter2-secret' },
        tags: ['ghcr.io/kiln-test/kiln:1'],
        secrets: [{ id: 'npm', input: 'secrets', source: { kind: 'inline', value: 'x' } }],
      }),
      '.',
      ['hunter2-secret'],
    );
    const statement = provenanceStatement({
      subjects: [{ name: 'ghcr.io/kiln-test/kiln', digest: 'sha256:abcd' }],
      ctx: {
        serverUrl: 'https://github.com',
        repository: 'kiln-test/kiln',
        sha: 'c0ffee',
        ref: 'refs/heads/main',
        eventName: 'push',
        runId: '42',
        runAttempt: '2',
      },
      workflowRef: 'kiln-test/kiln/.github/workflows/release.yml@refs/heads/main',
      claims: {
        job_workflow_ref: 'kiln-test/shared/.github/workflows/build.yml@refs/tags/v1',
        repository_id: '7',
        repository_owner_id: '8',
        runner_environment: 'github-hosted',
      },
      build,
      materials: [{ uri: 'pkg:docker/127.0.0.1:5000/busybox@latest', digest: { sha256: 'beef' } }],
    });
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'ghcr.io/kiln-test/kiln', digest: { sha256: 'abcd' } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: { ref: 'refs/heads/main', repository: 'https://github.com/kiln-test/kiln', path: '.github/workflows/release.yml' },
            build: {
              context: '.',
              file: 'Dockerfile',
              target: '',
              platforms: ['linux/amd64', 'linux/arm64'],
              buildArgs: ['VERSION=1.2', 'TOKEN=***'],
              buildContexts: [],
              labels: [],
              tags: ['ghcr.io/kiln-test/kiln:1'],
              secretIds: ['npm'],
              ssh: [],
              noCache: false,
              pull: false,
            },
          },
          internalParameters: { github: { event_name: 'push', repository_id: '7', repository_owner_id: '8', runner_environment: 'github-hosted' } },
          resolvedDependencies: [
            { uri: 'git+https://github.com/kiln-test/kiln@refs/heads/main', digest: { gitCommit: 'c0ffee' } },
            { uri: 'pkg:docker/127.0.0.1:5000/busybox@latest', digest: { sha256: 'beef' } },
          ],
        },
        runDetails: {
          builder: { id: 'https://github.com/kiln-test/shared/.github/workflows/build.yml@refs/tags/v1' },
          metadata: { invocationId: 'https://github.com/kiln-test/kiln/actions/runs/42/attempts/2' },
        },
      },
    });
  });

  it('base images from buildx’s metadata, once each, in SLSA 0.2 and v1 form', () => {
    const metadata = JSON.stringify({
      'containerimage.digest': 'sha256:abcd',
      'buildx.build.provenance/linux/amd64': { materials: [{ uri: 'pkg:docker/busybox@latest?platform=linux%2Famd64', digest: { sha256: '11' } }] },
      'buildx.build.provenance/linux/arm64': {
        buildDefinition: { resolvedDependencies: [{ uri: 'pkg:docker/busybox@latest?platform=linux%2Farm64', digest: { sha256: '22' } }] },
      },
      'buildx.build.provenance': { materials: [{ uri: 'pkg:docker/busybox@latest?platform=linux%2Famd64', digest: { sha256: '11' } }] },
    });
    expect(materialsOf(metadata)).toEqual([
      { uri: 'pkg:docker/busybox@latest?platform=linux%2Famd64', digest: { sha256: '11' } },
      { uri: 'pkg:docker/busybox@latest?platform=linux%2Farm64', digest: { sha256: '22' } },
    ]);
    expect(materialsOf('')).toEqual([]);
  });
});

describe('referrers', () => {
  const subject = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: 'sha256:aaaa', size: 700 };

  it('the referrer manifest cosign 3 writes', () => {
    expect(
      referrerManifest(
        { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: 'sha256:bbbb', size: 4000 },
        'https://slsa.dev/provenance/v1',
        subject,
      ),
    ).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: 'sha256:bbbb', size: 4000 }],
      subject: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: 'sha256:aaaa', size: 700 },
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' },
    });
  });

  it('the tag schema index keeps existing entries and lists each referrer once', () => {
    expect(referrersTag('sha256:aaaa')).toBe('sha256-aaaa');
    const theirs = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:old', size: 5, artifactType: 'application/spdx+json' };
    const mine = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: 'sha256:new',
      size: 6,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    };
    expect(referrersIndex({ manifests: [theirs] }, [mine, theirs])).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [theirs, mine],
    });
    expect(referrersIndex(undefined, [mine])).toEqual({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [mine] });
  });

  it('the signatures output', () => {
    expect(
      signaturesOutput([
        { repository: 'r/app', digest: 'sha256:aaaa', signature: 'sha256:s1', provenance: 'sha256:p1', logIndex: 3, timestamp: '2026-12-06T10:00:00.000Z' },
        { repository: 'r/app', digest: 'sha256:a1', platform: 'linux/amd64', signature: 'sha256:s2', sbom: ['sha256:b1'] },
        { repository: 'r/app', digest: 'sha256:a2', platform: 'linux/arm64', signature: 'sha256:s3' },
        { repository: 'r/app', digest: 'sha256:a3', signature: 'sha256:s4', attests: { digest: 'sha256:a1', platform: 'linux/amd64' } },
        { repository: 'r/app', digest: 'sha256:a5', signature: 'sha256:s5', attests: { digest: '', platform: 'unknown/unknown' } },
      ]),
    ).toEqual({
      'r/app@sha256:aaaa': { signature: 'r/app@sha256:s1', provenance: 'r/app@sha256:p1', logIndex: 3, timestamp: '2026-12-06T10:00:00.000Z' },
      'r/app@sha256:a1': { signature: 'r/app@sha256:s2', sbom: ['r/app@sha256:b1'] },
      'r/app@sha256:a2': { signature: 'r/app@sha256:s3' },
      'r/app@sha256:a3': { signature: 'r/app@sha256:s4', attests: 'r/app@sha256:a1' },
      'r/app@sha256:a5': { signature: 'r/app@sha256:s5' },
    });
  });
});
