// Signing after the push, loaded only when the step signs: the OIDC token, one certificate, a
// bundle per digest (and a provenance bundle per pushed digest) made concurrently, each verified,
// attached to the registry as cosign 3 attaches them and the provenance recorded with GitHub,
// all within one deadline. `auto` then warns on failure; `true` fails the step, outputs kept.
import type { Bundle } from '@sigstore/bundle';
import {
  buildParameters,
  BUNDLE_MEDIA_TYPE,
  chooseInstance,
  COSIGN_SIGN_PREDICATE,
  cosignSignStatement,
  type Descriptor,
  type IndexEntry,
  materialsOf,
  OCI_INDEX,
  OCI_MANIFEST,
  provenanceStatement,
  referrerManifest,
  referrersIndex,
  referrersTag,
  type SignedDigest,
  signaturesOutput,
  signTargets,
  type SignTarget,
  SLSA_PROVENANCE_PREDICATE,
  type SigstoreInstance,
  trustedRootSource,
} from '../plan/sign.js';
import { sha256Digest } from '../report/manifest.js';
import { renderSignSummary } from '../report/sign-summary.js';
import type { SignRequest } from './request.js';
import { recordAttestation } from './attest.js';
import { type Deadline, deadline } from './deadline.js';
import { fetchIdentityToken, type IdentityToken } from './oidc.js';
import { basicCredential, parseRepository, readDockerConfig, RegistryClient } from './registry.js';
import { readSbomStatements } from './sbom.js';
import { bundleFacts, bundleJson, bundleVerifier, sigstoreSigner } from './sigstore.js';
import { loadTrustedRoot } from './trusted-root.js';

/** The whole signing phase: OIDC, Fulcio, Rekor, the timestamp authority, the registry, GitHub. */
export const SIGNING_DEADLINE_MS = 30_000;

interface Outcome {
  signed: SignedDigest[];
  identity: { san: string; issuer: string };
  instance: SigstoreInstance;
  attestationUrl?: string;
  notes: string[];
  seconds: number;
}

export async function signStep(request: SignRequest): Promise<void> {
  const core = request.io;
  const limit = deadline(SIGNING_DEADLINE_MS);
  const started = performance.now();
  let jwt = '';
  try {
    const outcome = await limit.race(
      signAll(request, limit, (t) => {
        jwt = t.jwt;
      }),
      'Signing',
    );
    outcome.seconds = (performance.now() - started) / 1000;
    report(request, outcome);
  } catch (error) {
    // No message may carry the token (sigstore-js quotes a token it cannot parse).
    const message = (error instanceof Error ? error.message : String(error)).replaceAll(jwt || '\u0000', '***');
    const strict = request.inputs.sign.mode === 'true';
    const line = `The image was pushed but is not signed: ${message}`;
    if (strict) core.error(`${line}. (sign: true: the step fails; every output is set.)`, { title: 'Signing failed' });
    else core.warning(`${line}. (sign: auto: the step succeeds; set sign: true to make signing part of success.)`, { title: 'Not signed' });
    if (request.inputs.summary) core.appendSummary(`### Signatures\n\n${line}\n`);
    if (strict) process.exitCode = 1;
  }
}

function report(request: SignRequest, outcome: Outcome): void {
  const core = request.io;
  core.setOutput('signatures', JSON.stringify(signaturesOutput(outcome.signed)));
  core.setOutput('attestation-url', outcome.attestationUrl ?? '');
  const count = new Set(outcome.signed.map((s) => s.digest)).size;
  const repos = new Set(outcome.signed.map((s) => s.repository)).size;
  core.info(
    `Signing: signed and verified ${count} digest${count === 1 ? '' : 's'} in ${repos} repositor${repos === 1 ? 'y' : 'ies'} as ${outcome.identity.san} (${outcome.instance.name} Sigstore, ${outcome.seconds.toFixed(2)} s)`,
  );
  for (const note of outcome.notes) core.notice(note, { title: 'Attestation not recorded' });
  if (request.inputs.summary) {
    core.appendSummary(
      renderSignSummary({
        signed: outcome.signed,
        identity: outcome.identity,
        instance: outcome.instance,
        repository: request.ctx.repository,
        attestationUrl: outcome.attestationUrl,
        trustedRoot: request.inputs.sign.trustedRoot?.path,
        notes: outcome.notes,
      }),
    );
  }
}

/** The identity Fulcio certifies for this token: GitHub's job workflow (a test double's `sub`, a URI). */
export function expectedIdentity(token: IdentityToken, serverUrl: string): { policy: RegExp; issuer: string; shown: string } {
  const { claims } = token;
  const names = [
    claims.job_workflow_ref ? `${serverUrl}/${claims.job_workflow_ref}` : '',
    /^https?:\/\//.test(claims.sub ?? '') ? (claims.sub ?? '') : '',
  ].filter(Boolean);
  if (names.length === 0) throw new Error('the OIDC token names no workflow (job_workflow_ref) to sign as');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { policy: new RegExp(`^(?:${names.map(escape).join('|')})$`), issuer: claims.iss ?? '', shown: names[0] ?? '' };
}

async function signAll(request: SignRequest, limit: Deadline, gotToken: (t: IdentityToken) => void): Promise<Outcome> {
  const { inputs, ctx, env } = request;
  const token = await fetchIdentityToken(env, limit);
  gotToken(token);
  const instance = chooseInstance(ctx.payload, inputs.sign.signingConfig, Date.now());
  const identity = expectedIdentity(token, ctx.serverUrl);
  const targets = request.images.flatMap((i) => signTargets(request.pushed, i.manifest ?? { digest: i.digest, mediaType: '', entries: [] }, i.which));

  const config = readDockerConfig(env);
  const clients = new Map(
    [...new Set(targets.map((t) => t.repository))].map((repo) => {
      const parsed = parseRepository(repo);
      return [repo, new RegistryClient(parsed, basicCredential(config, parsed.configKey), limit)] as const;
    }),
  );
  const client = (repo: string) => clients.get(repo) as RegistryClient;

  // Everything that needs no signature starts now, alongside the certificate and the bundles.
  const rootSource = trustedRootSource(instance, inputs.sign.trustedRoot?.path);
  const verifying = loadTrustedRoot(rootSource, inputs.sign.trustedRoot, request.tempDir, limit).then((root) =>
    bundleVerifier(instance, root, { san: identity.policy, issuer: identity.issuer }),
  );
  verifying.catch(() => undefined);
  const described = new Map(
    targets.map((t) => [`${t.repository}@${t.digest}`, t.descriptor ? Promise.resolve(t.descriptor) : client(t.repository).describe(t.digest)] as const),
  );
  for (const d of described.values()) d.catch(() => undefined);
  // BuildKit's SBOMs of each platform manifest: read once (from the first repository) and signed once.
  const sbomSources = new Map<string, SignTarget>();
  for (const t of targets) if (t.attestations && !sbomSources.has(t.digest)) sbomSources.set(t.digest, t);

  const signer = sigstoreSigner(instance, token.jwt, limit);
  const digests = [...new Set(targets.map((t) => t.digest))];
  const tops = [...new Set(targets.filter((t) => t.top).map((t) => t.digest))];
  const build = buildParameters(inputs, request.context, request.masks);
  const materials = materialsOf(request.metadataText);
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
  const signatures = new Map(digests.map((d) => [d, signer.bundle(cosignSignStatement(d))] as const));
  const provenances = new Map(
    tops.map((d) => {
      const subjects = targets.filter((t) => t.top && t.digest === d).map((t) => ({ name: t.repository, digest: d }));
      return [d, signer.bundle(provenanceStatement({ subjects, ctx, workflowRef, claims: token.claims, build, materials }))] as const;
    }),
  );
  for (const b of [...signatures.values(), ...provenances.values()]) b.catch(() => undefined);
  const sbomBundles = new Map(
    [...sbomSources].map(([d, t]) => {
      const bundles = readSbomStatements(client(t.repository), t.attestations ?? '', d).then((statements) => {
        const made = statements.map((statement) => ({ predicateType: statement.predicateType, bundle: signer.bundle(statement) }));
        for (const m of made) m.bundle.catch(() => undefined);
        return made;
      });
      bundles.catch(() => undefined);
      return [d, bundles] as const;
    }),
  );

  // Verified before anything is attached or reported.
  const verify = await verifying;
  let san = identity.shown;
  const checked = async (bundle: Promise<Bundle>, what: string) => {
    const b = await bundle;
    try {
      san = verify(b).san;
    } catch (error) {
      throw new Error(`the new bundle for ${what} does not verify: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { bundle: b, json: bundleJson(b) };
  };
  const signed = new Map(digests.map((d) => [d, checked(signatures.get(d) as Promise<Bundle>, d)] as const));
  const attested = new Map(tops.map((d) => [d, checked(provenances.get(d) as Promise<Bundle>, `the provenance of ${d}`)] as const));
  for (const c of [...signed.values(), ...attested.values()]) c.catch(() => undefined);
  const sboms = new Map(
    [...sbomBundles].map(
      ([d, bundles]) =>
        [
          d,
          bundles.then((made) =>
            Promise.all(made.map(async (m) => ({ predicateType: m.predicateType, ...(await checked(m.bundle, `BuildKit's SBOM of ${d}`)) }))),
          ),
        ] as const,
    ),
  );
  for (const c of sboms.values()) c.catch(() => undefined);

  const github = { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', serverUrl: ctx.serverUrl, repository: ctx.repository, token: inputs.githubToken };
  const attestation = Promise.all(
    tops.map(async (d) => {
      const { json } = await (attested.get(d) as ReturnType<typeof checked>);
      return recordAttestation(json, github, limit);
    }),
  );
  // Each SBOM bundle too, once per platform manifest (as actions/attest-sbom records one).
  const sbomAttestations = Promise.all(
    [...sboms.values()].map(async (made) => Promise.all((await made).map((m) => recordAttestation(m.json, github, limit, 'SBOM')))),
  ).then((r) => r.flat());
  sbomAttestations.catch(() => undefined);

  const attach = await Promise.all(
    targets.map(async (t): Promise<SignedDigest> => {
      const subject = await (described.get(`${t.repository}@${t.digest}`) as Promise<Descriptor>);
      const sig = await (signed.get(t.digest) as ReturnType<typeof checked>);
      const prov = t.top ? await (attested.get(t.digest) as ReturnType<typeof checked>) : undefined;
      const sbom = (await sboms.get(t.digest)) ?? [];
      // One call per subject: on a registry without the referrers API they share its tag's index.
      const refs = await attachReferrers(client(t.repository), subject, [
        { json: sig.json, predicateType: COSIGN_SIGN_PREDICATE },
        ...(prov ? [{ json: prov.json, predicateType: SLSA_PROVENANCE_PREDICATE }] : []),
        ...sbom.map((b) => ({ json: b.json, predicateType: b.predicateType })),
      ]);
      const [signature = '', ...rest] = refs;
      return {
        repository: t.repository,
        digest: t.digest,
        platform: t.platform,
        signature,
        provenance: prov ? rest[0] : undefined,
        ...(sbom.length > 0 ? { sbom: rest.slice(prov ? 1 : 0) } : {}),
        ...(t.attests ? { attests: t.attests } : {}),
        ...bundleFacts(sig.bundle),
      };
    }),
  );

  const notes: string[] = [];
  let attestationUrl: string | undefined;
  const provenanceRecords = await attestation;
  // `attestation-url` is the provenance's page (a fan-out leg records SBOMs only, and has none).
  for (const result of provenanceRecords) if ('url' in result) attestationUrl ??= result.url;
  for (const result of [...provenanceRecords, ...(await sbomAttestations)]) {
    if ('error' in result) throw new Error(result.error);
    if ('notice' in result && !notes.includes(result.notice)) notes.push(result.notice);
  }
  return { signed: sortTargets(attach, targets), identity: { san, issuer: identity.issuer }, instance, attestationUrl, notes, seconds: 0 };
}

function sortTargets(signed: SignedDigest[], targets: SignTarget[]): SignedDigest[] {
  const order = (s: SignedDigest) => targets.findIndex((t) => t.repository === s.repository && t.digest === s.digest);
  return [...signed].sort((a, b) => order(a) - order(b));
}

/**
 * Stores bundles as referrers of `subject`: the empty config and each bundle as blobs, each
 * referrer manifest by digest; a registry without the referrers API gets the tag schema's index
 * (`sha256-<hex>`), read, extended and written back. Returns the referrer manifests' digests.
 */
async function attachReferrers(registry: RegistryClient, subject: Descriptor, bundles: { json: Buffer; predicateType: string }[]): Promise<string[]> {
  await registry.pushBlob(Buffer.from('{}'));
  const entries: IndexEntry[] = [];
  let indexed = true;
  for (const b of bundles) {
    const blob = await registry.pushBlob(b.json);
    const manifest = referrerManifest({ mediaType: BUNDLE_MEDIA_TYPE, ...blob }, b.predicateType, subject);
    const bytes = Buffer.from(JSON.stringify(manifest));
    const put = await registry.putManifest(sha256Digest(bytes), bytes, OCI_MANIFEST);
    indexed &&= put.subjectTaken;
    entries.push({
      mediaType: OCI_MANIFEST,
      digest: put.digest,
      size: bytes.length,
      artifactType: BUNDLE_MEDIA_TYPE,
      annotations: manifest.annotations as Record<string, string>,
    });
  }
  if (!indexed) {
    const tag = referrersTag(subject.digest);
    const existing = await registry.readTagged<{ manifests?: IndexEntry[] }>(tag);
    const index = Buffer.from(JSON.stringify(referrersIndex(existing, entries)));
    await registry.putManifest(tag, index, OCI_INDEX);
  }
  return entries.map((e) => e.digest);
}
