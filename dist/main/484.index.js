export const id = 484;
export const ids = [484];
export const modules = {

/***/ 70758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ signaturesOutput),
/* harmony export */   $p: () => (/* binding */ OCI_INDEX),
/* harmony export */   D2: () => (/* binding */ provenanceStatement),
/* harmony export */   Dq: () => (/* binding */ referrerManifest),
/* harmony export */   EG: () => (/* binding */ OCI_MANIFEST),
/* harmony export */   I6: () => (/* binding */ signTargets),
/* harmony export */   LN: () => (/* binding */ referrersTag),
/* harmony export */   NF: () => (/* binding */ chooseInstance),
/* harmony export */   NV: () => (/* binding */ BUNDLE_MEDIA_TYPE),
/* harmony export */   O2: () => (/* binding */ cosignSignStatement),
/* harmony export */   ON: () => (/* binding */ SLSA_PROVENANCE_PREDICATE),
/* harmony export */   QQ: () => (/* binding */ sbomLayers),
/* harmony export */   T4: () => (/* binding */ IN_TOTO_PAYLOAD_TYPE),
/* harmony export */   X9: () => (/* binding */ referrersIndex),
/* harmony export */   ZD: () => (/* binding */ buildParameters),
/* harmony export */   b5: () => (/* binding */ sbomStatement),
/* harmony export */   hg: () => (/* binding */ trustedRootSource),
/* harmony export */   iA: () => (/* binding */ materialsOf),
/* harmony export */   lz: () => (/* binding */ attestationUrls),
/* harmony export */   ms: () => (/* binding */ decideSigning),
/* harmony export */   u: () => (/* binding */ COSIGN_SIGN_PREDICATE),
/* harmony export */   xp: () => (/* binding */ NO_TOKEN_LINE)
/* harmony export */ });
/* unused harmony exports STATEMENT_TYPE, WORKFLOW_BUILD_TYPE, EMPTY_DESCRIPTOR, PUBLIC_GOOD, GITHUB_INSTANCE, SPDX_PREDICATE, CYCLONEDX_PREDICATE */
/* harmony import */ var _image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68646);

const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const SLSA_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
/** GitHub's buildType for a workflow run, as actions/attest-build-provenance records it. */
const WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The OCI empty descriptor: `{}`, the config of an artifact manifest. */
const EMPTY_DESCRIPTOR = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
};
const NO_TOKEN_LINE = 'Not signed: the job cannot get an OIDC token. Add `permissions: id-token: write` (and `attestations: write` for GitHub attestations) to sign and attest the image.';
/**
 * Whether this step signs. `pushes`: the build pushed to a registry (nothing else is signed: a
 * loaded image or `push: false` has no digest a registry serves).
 */
function decideSigning(sign, pushes, ctx, env) {
    if (sign.mode === 'false')
        return { sign: false, why: 'sign: false' };
    if (!pushes)
        return { sign: false, why: 'nothing was pushed to a registry' };
    // A fork's code must not be signed with the base repository's identity.
    if (isForkPullRequest(ctx))
        return { sign: false, why: 'a pull request from a fork is never signed' };
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        const why = 'the job cannot get an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set: add `permissions: id-token: write`)';
        return sign.mode === 'true' ? { sign: false, why, noToken: true, fail: `sign: true, but ${why}` } : { sign: false, why, noToken: true };
    }
    return { sign: true };
}
function isForkPullRequest(ctx) {
    if (ctx.eventName !== 'pull_request' && ctx.eventName !== 'pull_request_target')
        return false;
    const pr = ctx.payload.pull_request;
    const base = ctx.payload.repository?.full_name;
    const head = pr?.head?.repo;
    // A head repository that is gone (deleted fork) is a fork too.
    if (!head)
        return pr !== undefined;
    return head.fork === true || (typeof head.full_name === 'string' && typeof base === 'string' && head.full_name !== base);
}
const PUBLIC_GOOD = {
    name: 'public-good',
    fulcioUrl: 'https://fulcio.sigstore.dev',
    rekor: { url: 'https://rekor.sigstore.dev', majorApiVersion: 1 },
    tufMirror: 'https://tuf-repo-cdn.sigstore.dev',
};
/** GitHub's instance (what actions/attest uses for private repositories): no public log. */
const GITHUB_INSTANCE = {
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
function chooseInstance(payload, config, now) {
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
    const repo = payload.repository;
    const visibility = repo?.visibility ?? (repo?.private === false ? 'public' : undefined);
    return visibility === 'public' ? PUBLIC_GOOD : GITHUB_INSTANCE;
}
function trustedRootSource(instance, trustedRootPath) {
    if (trustedRootPath)
        return { from: 'file', path: trustedRootPath };
    const mirror = instance.tufMirror;
    if (mirror && mirror === PUBLIC_GOOD.tufMirror)
        return { from: 'tuf', mirrorURL: mirror, seed: 'library' };
    if (mirror && mirror === GITHUB_INSTANCE.tufMirror)
        return { from: 'tuf', mirrorURL: mirror, seed: 'github' };
    return { from: 'none', why: 'a signing-config needs a trusted-root to verify against: give the instance’s TrustedRoot JSON' };
}
/** The newest service that is valid now, of an API version Kiln speaks. */
function newest(services, maxVersion, now) {
    return services
        .filter((s) => s.majorApiVersion <= maxVersion && (s.end === undefined || s.end >= now))
        .sort((a, b) => b.start - a.start)
        .at(0);
}
/**
 * Every digest to sign, per repository of the pushed references: the pushed digest (`top`) and
 * each platform manifest of an index. BuildKit's attestation manifests (`unknown/unknown`, its
 * provenance and SBOMs) go with the top-level digest: whoever signs the index signs what it
 * references. A platform manifest's SBOMs go with the platform manifest (they are attached to it).
 * A fan-out leg signs only its platform manifests (`top: false`); the assembling leg signs the
 * index and its attestation manifests, its platforms signed by the legs that built them (`platforms: false`).
 */
function signTargets(pushed, manifest, which) {
    if (manifest.digest === '')
        return [];
    const repos = [...new Set(pushed.map(_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .imageName */ .tO))];
    const isIndex = manifest.entries.length > 1 || manifest.entries.some((e) => e.digest !== manifest.digest);
    const images = manifest.entries.filter((e) => !e.attestation && e.platform !== 'unknown/unknown');
    const attestations = isIndex ? manifest.entries.filter((e) => e.attestation) : [];
    // A single manifest is its platform's manifest: a leg that pushed one signs it as such.
    const platforms = !which.platforms ? [] : isIndex ? images : which.top ? [] : images.slice(0, 1);
    const descriptor = (e) => ({ mediaType: e.mediaType, digest: e.digest, size: e.size });
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
const SPDX_PREDICATE = 'https://spdx.dev/Document';
/** What BuildKit writes for a CycloneDX SBOM (cosign's `--type cyclonedx`). */
const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
const SBOM_PREDICATES = [SPDX_PREDICATE, CYCLONEDX_PREDICATE];
/** The SBOM layers (SPDX or CycloneDX in-toto statements) of a BuildKit attestation manifest, as its JSON reads. */
function sbomLayers(attestationManifest) {
    const layers = attestationManifest?.layers;
    if (!Array.isArray(layers))
        return [];
    return layers.flatMap((l) => l.mediaType === IN_TOTO_PAYLOAD_TYPE && SBOM_PREDICATES.includes(l.annotations?.['in-toto.io/predicate-type']) && typeof l.digest === 'string'
        ? [{ mediaType: IN_TOTO_PAYLOAD_TYPE, digest: l.digest, size: typeof l.size === 'number' ? l.size : 0 }]
        : []);
}
/**
 * The statement Kiln signs for one of BuildKit's SBOM layers: BuildKit's subject, predicate type
 * and SBOM as an in-toto v1 statement (what `cosign verify-attestation --type spdxjson` or
 * `--type cyclonedx` reads). Undefined when the layer is not an SBOM statement about
 * `imageDigest`: nothing else is signed.
 */
function sbomStatement(layerText, imageDigest) {
    let doc;
    try {
        doc = JSON.parse(layerText);
    }
    catch {
        return undefined;
    }
    if (!SBOM_PREDICATES.includes(doc.predicateType) || typeof doc.predicate !== 'object' || doc.predicate === null || !Array.isArray(doc.subject))
        return undefined;
    const subject = doc.subject
        .filter((s) => `sha256:${String(s.digest?.sha256)}` === imageDigest)
        .map((s) => ({ ...(typeof s.name === 'string' ? { name: s.name } : {}), digest: { sha256: hexOf(imageDigest) } }));
    if (subject.length === 0)
        return undefined;
    return { _type: STATEMENT_TYPE, subject, predicateType: doc.predicateType, predicate: doc.predicate };
}
function hexOf(digest) {
    return digest.replace(/^sha256:/, '');
}
/** What `cosign sign` 3 signs for a digest: a statement with no name and an empty predicate. */
function cosignSignStatement(digest) {
    return { _type: STATEMENT_TYPE, subject: [{ digest: { sha256: hexOf(digest) } }], predicateType: COSIGN_SIGN_PREDICATE, predicate: {} };
}
/**
 * The build's parameters from the inputs. `context` as buildx got it; `masks`: every secret value
 * the step knows, so a build argument that carries one is recorded as `***`.
 */
function buildParameters(inputs, context, masks) {
    const secret = (value) => value !== '' && masks.some((m) => m !== '' && value.includes(m));
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
/** A SLSA v1 provenance statement for the pushed image, shaped as GitHub's workflow buildType. */
function provenanceStatement(p) {
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
function materialsOf(metadataText) {
    let doc;
    try {
        doc = JSON.parse(metadataText);
    }
    catch {
        return [];
    }
    if (typeof doc !== 'object' || doc === null)
        return [];
    const seen = new Map();
    for (const [key, value] of Object.entries(doc)) {
        if (!key.startsWith('buildx.build.provenance') || typeof value !== 'object' || value === null)
            continue;
        const v = value;
        const list = Array.isArray(v.materials)
            ? v.materials
            : Array.isArray(v.buildDefinition?.resolvedDependencies)
                ? v.buildDefinition.resolvedDependencies
                : [];
        for (const m of list) {
            if (typeof m.uri !== 'string' || typeof m.digest !== 'object' || m.digest === null)
                continue;
            const digest = Object.fromEntries(Object.entries(m.digest).filter((e) => typeof e[1] === 'string'));
            if (!seen.has(m.uri))
                seen.set(m.uri, { uri: m.uri, digest });
        }
    }
    return [...seen.values()];
}
// ---------------------------------------------------------------------------------------------
// Where bundles are stored
/** What cosign 3 stores for a bundle: an OCI artifact manifest whose subject is the signed manifest. */
function referrerManifest(bundle, predicateType, subject) {
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
function referrersTag(subjectDigest) {
    return subjectDigest.replace(':', '-');
}
/**
 * The referrers tag index with `added` listed: the existing index's entries kept as they are (a
 * referrer another tool attached stays found), each referrer once.
 */
function referrersIndex(existing, added) {
    const manifests = [...(existing?.manifests ?? [])];
    for (const entry of added)
        if (!manifests.some((m) => m.digest === entry.digest))
            manifests.push(entry);
    return { schemaVersion: 2, mediaType: OCI_INDEX, manifests };
}
/** The `signatures` output: `<repository>@<digest>` → where its bundles are. */
function signaturesOutput(signed) {
    return Object.fromEntries(signed.map((s) => [
        `${s.repository}@${s.digest}`,
        {
            signature: `${s.repository}@${s.signature}`,
            ...(s.provenance ? { provenance: `${s.repository}@${s.provenance}` } : {}),
            ...(s.sbom?.length ? { sbom: s.sbom.map((d) => `${s.repository}@${d}`) } : {}),
            ...(s.attests?.digest ? { attests: `${s.repository}@${s.attests.digest}` } : {}),
            ...(s.logIndex !== undefined ? { logIndex: s.logIndex } : {}),
            ...(s.timestamp ? { timestamp: s.timestamp } : {}),
        },
    ]));
}
/** `owner/repo` → the attestations API endpoint and the page GitHub shows for attestation `id`. */
function attestationUrls(apiUrl, serverUrl, repository) {
    return {
        post: `${apiUrl.replace(/\/+$/, '')}/repos/${repository}/attestations`,
        page: (id) => `${serverUrl}/${repository}/attestations/${id}`,
    };
}


/***/ }),

/***/ 54484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WHOLE_IMAGE: () => (/* binding */ WHOLE_IMAGE),
/* harmony export */   signAfterPush: () => (/* binding */ signAfterPush)
/* harmony export */ });
/* harmony import */ var _plan_sign_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70758);
// The one call the main step (and a fan-out leg) makes after its outputs and summary are written.
// Light on purpose: it decides with the pure plan and loads the signing code (sigstore-js) only
// when the step will sign.

/** A plain push: its digest and, for an index, each platform's manifest. */
const WHOLE_IMAGE = { top: true, platforms: true };
async function signAfterPush(request) {
    const core = request.io;
    const { inputs, ctx, env } = request;
    const pushed = request.pushed.length > 0 && request.images.some((i) => (i.manifest?.digest ?? i.digest) !== '');
    const decision = (0,_plan_sign_js__WEBPACK_IMPORTED_MODULE_0__/* .decideSigning */ .ms)(inputs.sign, pushed, ctx, env);
    if (decision.sign) {
        await (await Promise.all(/* import() */[__webpack_require__.e(578), __webpack_require__.e(533)]).then(__webpack_require__.bind(__webpack_require__, 32533))).signStep(request);
        return;
    }
    if (decision.noToken) {
        if (decision.fail)
            core.error(`${decision.fail}. The image was pushed; every output is set.`, { title: 'Not signed' });
        else
            core.notice(_plan_sign_js__WEBPACK_IMPORTED_MODULE_0__/* .NO_TOKEN_LINE */ .xp, { title: 'Not signed' });
        if (inputs.summary)
            core.appendSummary(`### Signatures\n\n${_plan_sign_js__WEBPACK_IMPORTED_MODULE_0__/* .NO_TOKEN_LINE */ .xp}\n`);
    }
    else if (inputs.sign.mode !== 'false') {
        core.info(`Signing: not signed, ${decision.why}`);
    }
    if (decision.fail)
        process.exitCode = 1;
}


/***/ })

};
