// What signing does, decided from plain data: whether this step signs, with which Sigstore, which
// digests in which repositories, and the exact documents it signs and stores (the in-toto
// statements, the referrer manifest, the referrers tag index). The effects live in src/sign/.
import type { GithubContext } from '../github/context.js';
import type { Env, Inputs } from '../inputs/types.js';
import type { SignInputs, SigningConfigFile, SigstoreService } from '../inputs/sign.js';
import type { ImageManifest, ManifestEntry } from './image-manifest.js';
import { imageName } from './image-ref.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
export const SLSA_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
/** GitHub's buildType for a workflow run, as actions/attest-build-provenance records it. */
export const WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The OCI empty descriptor: `{}`, the config of an artifact manifest. */
export const EMPTY_DESCRIPTOR = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
} as const;

// ---------------------------------------------------------------------------------------------
// Whether to sign

export type SignDecision =
  | { sign: true }
  /** `why` for the log; `noToken`: auto without id-token: write (summary line and notice); `fail`: sign: true cannot sign. */
  | { sign: false; why: string; noToken?: boolean; fail?: string };

export const NO_TOKEN_LINE =
  'Not signed: the job cannot get an OIDC token. Add `permissions: id-token: write` (and `attestations: write` for GitHub attestations) to sign and attest the image.';

/**
 * Whether this step signs. `pushes`: the build pushed to a registry (nothing else is signed: a
 * loaded image or `push: false` has no digest a registry serves).
 */
export function decideSigning(sign: Pick<SignInputs, 'mode'>, pushes: boolean, ctx: Pick<GithubContext, 'eventName' | 'payload'>, env: Env): SignDecision {
  if (sign.mode === 'false') return { sign: false, why: 'sign: false' };
  if (!pushes) return { sign: false, why: 'nothing was pushed to a registry' };
  // A fork's code must not be signed with the base repository's identity.
  if (isForkPullRequest(ctx)) return { sign: false, why: 'a pull request from a fork is never signed' };
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    const why = 'the job cannot get an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set: add `permissions: id-token: write`)';
    return sign.mode === 'true' ? { sign: false, why, noToken: true, fail: `sign: true, but ${why}` } : { sign: false, why, noToken: true };
  }
  return { sign: true };
}

function isForkPullRequest(ctx: Pick<GithubContext, 'eventName' | 'payload'>): boolean {
  if (ctx.eventName !== 'pull_request' && ctx.eventName !== 'pull_request_target') return false;
  const pr = ctx.payload.pull_request as { head?: { repo?: { full_name?: unknown; fork?: unknown } | null } } | undefined;
  const base = (ctx.payload.repository as { full_name?: unknown } | undefined)?.full_name;
  const head = pr?.head?.repo;
  // A head repository that is gone (deleted fork) is a fork too.
  if (!head) return pr !== undefined;
  return head.fork === true || (typeof head.full_name === 'string' && typeof base === 'string' && head.full_name !== base);
}

// ---------------------------------------------------------------------------------------------
// Which Sigstore

export interface SigstoreInstance {
  /** For the log and summary. */
  name: 'public-good' | 'github' | 'signing-config';
  fulcioUrl: string;
  /** Rekor's base URL, when entries go to a transparency log. */
  rekor?: { url: string; majorApiVersion: number };
  /** The timestamp authority's full URL (…/api/v1/timestamp), when it stamps the signatures. */
  tsaUrl?: string;
  /** The TUF repository that serves this instance's trusted root, when no `trusted-root` is given. */
  tufMirror?: string;
}

export const PUBLIC_GOOD: SigstoreInstance = {
  name: 'public-good',
  fulcioUrl: 'https://fulcio.sigstore.dev',
  rekor: { url: 'https://rekor.sigstore.dev', majorApiVersion: 1 },
  tufMirror: 'https://tuf-repo-cdn.sigstore.dev',
};

/** GitHub's instance (what actions/attest uses for private repositories): no public log. */
export const GITHUB_INSTANCE: SigstoreInstance = {
  name: 'github',
  fulcioUrl: 'https://fulcio.githubapp.com',
  tsaUrl: 'https://timestamp.githubapp.com/api/v1/timestamp',
  tufMirror: 'https://tuf-repo.github.com',
};

/**
 * The instance to sign with: `signing-config` when given, else by the repository's visibility as
 * actions/attest chooses (a public repository's identity goes to the public log; a private or
 * internal one's, or one whose visibility is unknown, does not).
 */
export function chooseInstance(payload: Record<string, unknown>, config: SigningConfigFile | undefined, now: number): SigstoreInstance {
  if (config) {
    const ca = newest(config.caUrls, 1, now);
    const tlog = newest(config.rekorTlogUrls, 2, now);
    const tsa = newest(config.tsaUrls, 1, now);
    return {
      name: 'signing-config',
      fulcioUrl: ca?.url ?? '',
      ...(tlog ? { rekor: { url: tlog.url, majorApiVersion: tlog.majorApiVersion } } : {}),
      ...(tsa ? { tsaUrl: tsa.url } : {}),
    };
  }
  const repo = payload.repository as { visibility?: unknown; private?: unknown } | undefined;
  const visibility = repo?.visibility ?? (repo?.private === false ? 'public' : undefined);
  return visibility === 'public' ? PUBLIC_GOOD : GITHUB_INSTANCE;
}

/**
 * Where the trusted root to verify against comes from: the `trusted-root` file when given, else
 * the instance's TUF repository. `seed` is the TUF root.json the client starts from: the one
 * @sigstore/tuf carries (Sigstore's public-good mirror only) or GitHub's, which Kiln embeds. A
 * `signing-config` names no TUF repository, so it needs a `trusted-root` (src/inputs/sign.ts).
 */
export type TrustedRootSource = { from: 'file'; path: string } | { from: 'tuf'; mirrorURL: string; seed: 'library' | 'github' } | { from: 'none'; why: string };

export function trustedRootSource(instance: SigstoreInstance, trustedRootPath: string | undefined): TrustedRootSource {
  if (trustedRootPath) return { from: 'file', path: trustedRootPath };
  const mirror = instance.tufMirror;
  if (mirror && mirror === PUBLIC_GOOD.tufMirror) return { from: 'tuf', mirrorURL: mirror, seed: 'library' };
  if (mirror && mirror === GITHUB_INSTANCE.tufMirror) return { from: 'tuf', mirrorURL: mirror, seed: 'github' };
  return { from: 'none', why: 'a signing-config needs a trusted-root to verify against: give the instance’s TrustedRoot JSON' };
}

/** The newest service that is valid now, of an API version Kiln speaks. */
function newest(services: SigstoreService[], maxVersion: number, now: number): SigstoreService | undefined {
  return services
    .filter((s) => s.majorApiVersion <= maxVersion && (s.end === undefined || s.end >= now))
    .sort((a, b) => b.start - a.start)
    .at(0);
}

// ---------------------------------------------------------------------------------------------
// What is signed

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface SignTarget {
  /** The repository (registry host and path, no tag). */
  repository: string;
  digest: string;
  /** The platform of a platform manifest; undefined for the top-level digest and attestation manifests. */
  platform?: string;
  /** The top-level pushed digest (index or single manifest): it also gets the provenance. */
  top: boolean;
  /** Media type and size, when the index lists them; the top-level digest's are read from the registry. */
  descriptor?: Descriptor;
  /** A platform manifest's BuildKit attestation manifest: its SBOMs are signed and attached to the platform manifest. */
  attestations?: string;
  /** An attestation manifest's image manifest: its digest ('' when the index names none) and platform. */
  attests?: { digest: string; platform: string };
}

/**
 * Every digest to sign, per repository of the pushed references: the pushed digest (`top`) and
 * each platform manifest of an index. BuildKit's attestation manifests (`unknown/unknown`, its
 * provenance and SBOMs) go with the top-level digest: whoever signs the index signs what it
 * references. A platform manifest's SBOMs go with the platform manifest (they are attached to it).
 * A fan-out leg signs only its platform manifests (`top: false`); the assembling leg signs the
 * index and its attestation manifests, its platforms signed by the legs that built them (`platforms: false`).
 */
export function signTargets(pushed: string[], manifest: ImageManifest, which: { top: boolean; platforms: boolean }): SignTarget[] {
  if (manifest.digest === '') return [];
  const repos = [...new Set(pushed.map(imageName))];
  const isIndex = manifest.entries.length > 1 || manifest.entries.some((e) => e.digest !== manifest.digest);
  const images = manifest.entries.filter((e) => !e.attestation && e.platform !== 'unknown/unknown');
  const attestations = isIndex ? manifest.entries.filter((e) => e.attestation) : [];
  // A single manifest is its platform's manifest: a leg that pushed one signs it as such.
  const platforms = !which.platforms ? [] : isIndex ? images : which.top ? [] : images.slice(0, 1);
  const descriptor = (e: ManifestEntry): Descriptor => ({ mediaType: e.mediaType, digest: e.digest, size: e.size });
  return repos.flatMap((repository) => [
    ...(which.top ? [{ repository, digest: manifest.digest, top: true }] : []),
    ...platforms.map((e) => {
      const attestation = attestations.find((a) => a.refersTo === e.digest)?.digest;
      return {
        repository,
        digest: e.digest,
        platform: e.platform,
        top: false,
        descriptor: descriptor(e),
        ...(attestation ? { attestations: attestation } : {}),
      };
    }),
    ...(which.top ? attestations : []).map((a) => {
      const image = images.find((e) => e.digest === a.refersTo);
      return {
        repository,
        digest: a.digest,
        top: false,
        descriptor: descriptor(a),
        attests: { digest: image?.digest ?? '', platform: image?.platform ?? 'unknown/unknown' },
      };
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// BuildKit's SBOMs, signed as attestations of the platform manifest they describe

export const SPDX_PREDICATE = 'https://spdx.dev/Document';
/** What BuildKit writes for a CycloneDX SBOM (cosign's `--type cyclonedx`). */
export const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
const SBOM_PREDICATES: unknown[] = [SPDX_PREDICATE, CYCLONEDX_PREDICATE];

/** The SBOM layers (SPDX or CycloneDX in-toto statements) of a BuildKit attestation manifest, as its JSON reads. */
export function sbomLayers(attestationManifest: unknown): Descriptor[] {
  const layers = (attestationManifest as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(layers)) return [];
  return (layers as { mediaType?: unknown; digest?: unknown; size?: unknown; annotations?: Record<string, unknown> }[]).flatMap((l) =>
    l.mediaType === IN_TOTO_PAYLOAD_TYPE && SBOM_PREDICATES.includes(l.annotations?.['in-toto.io/predicate-type']) && typeof l.digest === 'string'
      ? [{ mediaType: IN_TOTO_PAYLOAD_TYPE, digest: l.digest, size: typeof l.size === 'number' ? l.size : 0 }]
      : [],
  );
}

/**
 * The statement Kiln signs for one of BuildKit's SBOM layers: BuildKit's subject, predicate type
 * and SBOM as an in-toto v1 statement (what `cosign verify-attestation --type spdxjson` or
 * `--type cyclonedx` reads). Undefined when the layer is not an SBOM statement about
 * `imageDigest`: nothing else is signed.
 */
export function sbomStatement(layerText: string, imageDigest: string): Statement | undefined {
  let doc: { predicateType?: unknown; subject?: unknown; predicate?: unknown };
  try {
    doc = JSON.parse(layerText) as typeof doc;
  } catch {
    return undefined;
  }
  if (!SBOM_PREDICATES.includes(doc.predicateType) || typeof doc.predicate !== 'object' || doc.predicate === null || !Array.isArray(doc.subject))
    return undefined;
  const subject = (doc.subject as { name?: unknown; digest?: { sha256?: unknown } }[])
    .filter((s) => `sha256:${String(s.digest?.sha256)}` === imageDigest)
    .map((s) => ({ ...(typeof s.name === 'string' ? { name: s.name } : {}), digest: { sha256: hexOf(imageDigest) } }));
  if (subject.length === 0) return undefined;
  return { _type: STATEMENT_TYPE, subject, predicateType: doc.predicateType as string, predicate: doc.predicate as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------------
// The statements

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: { name?: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

function hexOf(digest: string): string {
  return digest.replace(/^sha256:/, '');
}

/** What `cosign sign` 3 signs for a digest: a statement with no name and an empty predicate. */
export function cosignSignStatement(digest: string): Statement {
  return { _type: STATEMENT_TYPE, subject: [{ digest: { sha256: hexOf(digest) } }], predicateType: COSIGN_SIGN_PREDICATE, predicate: {} };
}

/** The OIDC token's claims provenance reads (GitHub's names). */
export interface IdentityClaims {
  job_workflow_ref?: string;
  repository_id?: string;
  repository_owner_id?: string;
  runner_environment?: string;
  workflow_ref?: string;
}

/** The build's parameters the provenance records: what the caller chose, never a secret value. */
export interface BuildParameters {
  /** The context as buildx got it: a path relative to the workspace, or a Git URL. */
  context: string;
  file: string;
  target: string;
  platforms: string[];
  /** NAME=value, with values that are secrets replaced by `***`. */
  buildArgs: string[];
  buildContexts: string[];
  labels: string[];
  tags: string[];
  /** Secret and SSH ids only: their values never reach the provenance. */
  secretIds: string[];
  ssh: string[];
  noCache: boolean;
  pull: boolean;
}

/**
 * The build's parameters from the inputs. `context` as buildx got it; `masks`: every secret value
 * the step knows, so a build argument that carries one is recorded as `***`.
 */
export function buildParameters(
  inputs: Pick<
    Inputs,
    'file' | 'target' | 'platforms' | 'buildArgs' | 'buildArgValues' | 'buildContexts' | 'labels' | 'tags' | 'secrets' | 'ssh' | 'noCache' | 'pull'
  >,
  context: string,
  masks: string[],
): BuildParameters {
  const secret = (value: string) => value !== '' && masks.some((m) => m !== '' && value.includes(m));
  return {
    context,
    file: inputs.file,
    target: inputs.target,
    platforms: [...inputs.platforms],
    buildArgs: Object.entries(inputs.buildArgValues).map(([k, v]) => `${k}=${secret(v) ? '***' : v}`),
    buildContexts: inputs.buildContexts,
    labels: inputs.labels.map((l) => (secret(l.raw) ? '***' : l.raw)),
    tags: inputs.tags,
    secretIds: inputs.secrets.map((s) => s.id),
    ssh: inputs.ssh.map((s) => s.split('=')[0] ?? s),
    noCache: inputs.noCache,
    pull: inputs.pull,
  };
}

export interface ProvenanceInput {
  /** Every repository the digest was pushed to, with that digest. */
  subjects: { name: string; digest: string }[];
  ctx: Pick<GithubContext, 'serverUrl' | 'repository' | 'sha' | 'ref' | 'eventName' | 'runId' | 'runAttempt'>;
  /** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/file.yml@ref`. */
  workflowRef: string;
  claims: IdentityClaims;
  build: BuildParameters;
  /** Base images and other inputs BuildKit resolved (buildx's metadata). */
  materials: { uri: string; digest: Record<string, string> }[];
}

/** A SLSA v1 provenance statement for the pushed image, shaped as GitHub's workflow buildType. */
export function provenanceStatement(p: ProvenanceInput): Statement {
  const { ctx } = p;
  const workflowRef = p.claims.workflow_ref ?? p.workflowRef;
  const [workflowPath = '', ref = ctx.ref] = workflowRef.replace(/^[^/]+\/[^/]+\//, '').split('@');
  const builderRef = p.claims.job_workflow_ref ?? workflowRef;
  return {
    _type: STATEMENT_TYPE,
    subject: p.subjects.map((s) => ({ name: s.name, digest: { sha256: hexOf(s.digest) } })),
    predicateType: SLSA_PROVENANCE_PREDICATE,
    predicate: {
      buildDefinition: {
        buildType: WORKFLOW_BUILD_TYPE,
        externalParameters: {
          workflow: { ref, repository: `${ctx.serverUrl}/${ctx.repository}`, path: workflowPath },
          build: p.build,
        },
        internalParameters: {
          github: {
            event_name: ctx.eventName,
            repository_id: p.claims.repository_id ?? '',
            repository_owner_id: p.claims.repository_owner_id ?? '',
            runner_environment: p.claims.runner_environment ?? '',
          },
        },
        resolvedDependencies: [{ uri: `git+${ctx.serverUrl}/${ctx.repository}@${ctx.ref}`, digest: { gitCommit: ctx.sha } }, ...p.materials],
      },
      runDetails: {
        builder: { id: `${ctx.serverUrl}/${builderRef}` },
        metadata: { invocationId: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}` },
      },
    },
  };
}

/**
 * The materials BuildKit recorded in buildx's metadata file (`buildx.build.provenance`, one per
 * platform for a multi-platform build; SLSA 0.2 `materials` or v1 `resolvedDependencies`), once each.
 */
export function materialsOf(metadataText: string): ProvenanceInput['materials'] {
  let doc: unknown;
  try {
    doc = JSON.parse(metadataText);
  } catch {
    return [];
  }
  if (typeof doc !== 'object' || doc === null) return [];
  const seen = new Map<string, ProvenanceInput['materials'][number]>();
  for (const [key, value] of Object.entries(doc)) {
    if (!key.startsWith('buildx.build.provenance') || typeof value !== 'object' || value === null) continue;
    const v = value as { materials?: unknown; buildDefinition?: { resolvedDependencies?: unknown } };
    const list = Array.isArray(v.materials)
      ? v.materials
      : Array.isArray(v.buildDefinition?.resolvedDependencies)
        ? v.buildDefinition.resolvedDependencies
        : [];
    for (const m of list as { uri?: unknown; digest?: unknown }[]) {
      if (typeof m.uri !== 'string' || typeof m.digest !== 'object' || m.digest === null) continue;
      const digest = Object.fromEntries(Object.entries(m.digest).filter((e): e is [string, string] => typeof e[1] === 'string'));
      if (!seen.has(m.uri)) seen.set(m.uri, { uri: m.uri, digest });
    }
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// Where bundles are stored

/** What cosign 3 stores for a bundle: an OCI artifact manifest whose subject is the signed manifest. */
export function referrerManifest(bundle: Descriptor, predicateType: string, subject: Descriptor): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: BUNDLE_MEDIA_TYPE,
    config: EMPTY_DESCRIPTOR,
    layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: bundle.digest, size: bundle.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': predicateType },
  };
}

/** The referrers tag schema's tag for a subject: `sha256-<hex>`. */
export function referrersTag(subjectDigest: string): string {
  return subjectDigest.replace(':', '-');
}

export interface IndexEntry extends Descriptor {
  artifactType?: string;
  annotations?: Record<string, string>;
}

/**
 * The referrers tag index with `added` listed: the existing index's entries kept as they are (a
 * referrer another tool attached stays found), each referrer once.
 */
export function referrersIndex(existing: { manifests?: IndexEntry[] } | undefined, added: IndexEntry[]): Record<string, unknown> {
  const manifests = [...(existing?.manifests ?? [])];
  for (const entry of added) if (!manifests.some((m) => m.digest === entry.digest)) manifests.push(entry);
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests };
}

// ---------------------------------------------------------------------------------------------
// What is reported

export interface SignedDigest {
  repository: string;
  digest: string;
  platform?: string;
  /** The signature's referrer manifest digest. */
  signature: string;
  /** The provenance referrer's digest (top-level digests only). */
  provenance?: string;
  /** The referrers' digests of BuildKit's SBOMs of a platform manifest, signed as attestations of it. */
  sbom?: string[];
  /** An attestation manifest's image manifest: its digest ('' when the index names none) and platform. */
  attests?: { digest: string; platform: string };
  logIndex?: number;
  /** RFC 3339, from the timestamp authority or the log's integrated time. */
  timestamp?: string;
}

export interface SignatureEntry {
  signature: string;
  provenance?: string;
  sbom?: string[];
  attests?: string;
  logIndex?: number;
  timestamp?: string;
}

/** The `signatures` output: `<repository>@<digest>` → where its bundles are. */
export function signaturesOutput(signed: SignedDigest[]): Record<string, SignatureEntry> {
  return Object.fromEntries(
    signed.map((s) => [
      `${s.repository}@${s.digest}`,
      {
        signature: `${s.repository}@${s.signature}`,
        ...(s.provenance ? { provenance: `${s.repository}@${s.provenance}` } : {}),
        ...(s.sbom?.length ? { sbom: s.sbom.map((d) => `${s.repository}@${d}`) } : {}),
        ...(s.attests?.digest ? { attests: `${s.repository}@${s.attests.digest}` } : {}),
        ...(s.logIndex !== undefined ? { logIndex: s.logIndex } : {}),
        ...(s.timestamp ? { timestamp: s.timestamp } : {}),
      },
    ]),
  );
}

/** `owner/repo` → the attestations API endpoint and the page GitHub shows for attestation `id`. */
export function attestationUrls(apiUrl: string, serverUrl: string, repository: string): { post: string; page: (id: number | string) => string } {
  return {
    post: `${apiUrl.replace(/\/+$/, '')}/repos/${repository}/attestations`,
    page: (id) => `${serverUrl}/${repository}/attestations/${id}`,
  };
}
