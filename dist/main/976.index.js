export const id = 976;
export const ids = [976];
export const modules = {

/***/ 78003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j$: () => (/* binding */ HttpError),
/* harmony export */   pZ: () => (/* binding */ SERVICE_POLICY),
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   zA: () => (/* binding */ shownUrl)
/* harmony export */ });
/* unused harmony export isTransientStatus */
// The one way Kiln speaks HTTP to GitHub's services: the Actions results service (Twirp), the signed
// blob URLs it hands out, and whatever joins them (the runner's OIDC token endpoint, the REST API).
// Deadlines and retries live here only: every attempt has a deadline that covers the body too,
// transient failures (HTTP 429 and 5xx, a dropped or refused connection, an attempt past its
// deadline) are tried again with growing waits, and all attempts of one call share one budget, so
// a service that hangs or keeps failing costs a bounded time. Messages never carry a URL's query:
// signed URLs hold their credential there.
/** A request to a service: its clients (@actions/cache, @actions/artifact) give up after about a minute too. */
const SERVICE_POLICY = { attemptMs: 30_000, budgetMs: 60_000, attempts: 5, baseMs: 500, maxMs: 8_000 };
/** No answer at all: every attempt timed out or lost its connection. */
class HttpError extends Error {
    kind;
    attempts;
    detail;
    constructor(message, 
    /** `timeout`: the last attempt reached its deadline; `network`: the connection failed. */
    kind, attempts, 
    /** The last attempt's failure alone (`connect ECONNREFUSED 127.0.0.1:1`, `no answer within 3 s`). */
    detail) {
        super(message);
        this.kind = kind;
        this.attempts = attempts;
        this.detail = detail;
        this.name = 'HttpError';
    }
}
/** What a log may show of a URL: no query (a signed URL's credential), no user info. */
function shownUrl(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return String(url).replace(/[?#].*$/s, '');
    }
}
/** HTTP answers a later attempt may not get again. */
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
/** `Retry-After` in seconds (the date form is not used by GitHub's services), as ms. */
function retryAfterMs(headers) {
    const value = headers.get('retry-after');
    if (value === null || !/^\d+$/.test(value.trim()))
        return undefined;
    return Number(value.trim()) * 1000;
}
// fetch's errors come from Node's own realm: read by shape, not by instanceof.
function messageOf(error) {
    return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
/** Why an attempt got no answer: undici's `fetch failed` holds the reason in its cause. */
function networkFailure(error) {
    const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
    return messageOf(cause ?? error);
}
/** The least time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 250;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Sends `request`, retrying transient failures within `policy`, and returns the last answer,
 * whatever its status (the caller reads 4xx as it needs). Throws HttpError when no attempt got an
 * answer.
 */
async function send(request, policy = SERVICE_POLICY) {
    const started = performance.now();
    const left = () => policy.budgetMs - (performance.now() - started);
    const method = request.method ?? (request.json !== undefined || request.body !== undefined ? 'POST' : 'GET');
    const headers = { ...request.headers, ...(request.json !== undefined ? { 'Content-Type': 'application/json' } : {}) };
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.body;
    const what = `${method} ${shownUrl(request.url)}`;
    // Another attempt only when it would still have time to be answered after the wait.
    const retry = (attempt, wait) => attempt < policy.attempts && left() - wait >= Math.min(policy.attemptMs, MIN_ATTEMPT_MS);
    for (let attempt = 1;; attempt++) {
        const deadline = Math.max(1, Math.ceil(Math.min(policy.attemptMs, left())));
        const signal = AbortSignal.timeout(deadline);
        try {
            const res = await fetch(request.url, { method, headers, body, signal });
            const answer = { status: res.status, ok: res.ok, headers: res.headers, body: Buffer.from(await res.arrayBuffer()), attempts: attempt };
            if (!isTransientStatus(res.status))
                return answer;
            const wait = waitBefore(attempt, policy, retryAfterMs(res.headers));
            if (!retry(attempt, wait))
                return answer;
            await pause(wait);
        }
        catch (error) {
            const wait = waitBefore(attempt, policy);
            if (!retry(attempt, wait)) {
                const kind = signal.aborted ? 'timeout' : 'network';
                const detail = signal.aborted ? `no answer within ${formatSeconds(deadline)}` : networkFailure(error);
                throw new HttpError(`${what}: ${detail} (${attempt} attempt${attempt === 1 ? '' : 's'})`, kind, attempt, detail);
            }
            await pause(wait);
        }
    }
}
function waitBefore(attempt, policy, retryAfter) {
    return Math.max(Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs), retryAfter ?? 0);
}
function formatSeconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}


/***/ }),

/***/ 25701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ deadline)
/* harmony export */ });
function deadline(ms, now = () => performance.now()) {
    const end = now() + ms;
    const left = () => Math.max(0, end - now());
    return {
        left,
        policy: () => ({ attemptMs: Math.min(10_000, left()), budgetMs: left(), attempts: 6, baseMs: 300, maxMs: 4_000 }),
        race: (work, what) => {
            let timer;
            const expired = new Promise((_, reject) => {
                timer = setTimeout(() => {
                    reject(new Error(`${what}: not done within the signing deadline (${Math.round(ms / 1000)} s)`));
                }, left());
                timer.unref();
            });
            return Promise.race([work, expired]).finally(() => {
                clearTimeout(timer);
            });
        },
    };
}


/***/ }),

/***/ 542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   TO: () => (/* binding */ readDockerConfig),
/* harmony export */   bP: () => (/* binding */ RegistryClient),
/* harmony export */   gp: () => (/* binding */ basicCredential)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(78003);
/* harmony import */ var _report_manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77333);
/* harmony import */ var _plan_docker_config_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(27386);
// The registry's HTTP API (OCI distribution), for the few calls signing needs: a manifest's
// descriptor, blobs and manifests pushed by digest, the referrers tag index read and written.
// Credentials are the ones the step's docker commands use: the Docker config DOCKER_CONFIG names
// (the step's private config after its login), read from `auths`.






const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** `host[:port]/path` (or a Docker Hub short name) as the registry API names it. */
function parseRepository(repository) {
    const first = repository.split('/')[0] ?? '';
    const hasHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (!hasHost || first === 'docker.io' || first === 'index.docker.io') {
        const rest = hasHost ? repository.slice(first.length + 1) : repository;
        return { host: 'registry-1.docker.io', name: rest.includes('/') ? rest : `library/${rest}`, configKey: 'https://index.docker.io/v1/' };
    }
    return { host: first, name: repository.slice(first.length + 1), configKey: first };
}
/** Loopback registries speak plain HTTP, as Docker allows them to; every other one HTTPS. */
function schemeOf(host) {
    const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return bare === 'localhost' || bare.startsWith('127.') || bare === '::1' ? 'http' : 'https';
}
/** `user:password` for `key` from the Docker config, as base64 (what Basic auth sends). */
function basicCredential(config, key) {
    const normal = (k) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    const entry = Object.entries(config.auths ?? {}).find(([k]) => k === key || normal(k) === normal(key))?.[1];
    if (!entry)
        return undefined;
    if (entry.auth)
        return entry.auth;
    if (entry.username && entry.password)
        return Buffer.from(`${entry.username}:${entry.password}`).toString('base64');
    return undefined;
}
function readDockerConfig(env) {
    const dir = (0,_plan_docker_config_js__WEBPACK_IMPORTED_MODULE_5__/* .dockerConfigDir */ .k)(env, node_os__WEBPACK_IMPORTED_MODULE_1__.homedir);
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'config.json'), 'utf8'));
        return typeof parsed === 'object' && parsed !== null ? parsed : {};
    }
    catch {
        return {};
    }
}
/** One repository's API, authorized once (Basic, or a Bearer token for pull and push). */
class RegistryClient {
    repo;
    credential;
    limit;
    transport;
    authorization;
    base;
    constructor(repo, credential, limit, 
    /** How requests go out: `send` (fetch, with retries) unless the caller brings a lighter one. */
    transport = _github_http_js__WEBPACK_IMPORTED_MODULE_3__/* .send */ .tN) {
        this.repo = repo;
        this.credential = credential;
        this.limit = limit;
        this.transport = transport;
        this.base = `${schemeOf(repo.host)}://${repo.host}/v2/${repo.name}`;
    }
    async request(method, url, headers = {}, body) {
        const go = () => this.transport({ method, url, headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) }, body }, this.limit.policy());
        let res = await go();
        if (res.status === 401 && (await this.authorize(res.headers.get('www-authenticate') ?? '')))
            res = await go();
        return res;
    }
    /** Answers a 401's challenge; false when there is nothing to answer it with. */
    async authorize(challenge) {
        if (/^basic/i.test(challenge)) {
            if (!this.credential || this.authorization)
                return false;
            this.authorization = `Basic ${this.credential}`;
            return true;
        }
        if (!/^bearer/i.test(challenge))
            return false;
        const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
        if (!params.realm)
            return false;
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', `repository:${this.repo.name}:pull,push`);
        const res = await this.transport({ url, headers: this.credential ? { Authorization: `Basic ${this.credential}` } : {} }, this.limit.policy());
        if (!res.ok)
            return false;
        const answer = JSON.parse(res.body.toString('utf8'));
        const token = answer.token ?? answer.access_token;
        if (!token)
            return false;
        this.authorization = `Bearer ${token}`;
        return true;
    }
    fail(what, res) {
        const text = res.body.toString('utf8').slice(0, 300).trim();
        throw new Error(`${this.repo.host}/${this.repo.name}: ${what} answered ${res.status}${text ? `: ${text}` : ''}`);
    }
    /** The descriptor the registry serves for `digest`. */
    async describe(digest) {
        const res = await this.request('HEAD', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
        const size = Number(res.headers.get('content-length'));
        const mediaType = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
        if (res.ok && mediaType !== '' && Number.isFinite(size) && size > 0)
            return { mediaType, digest, size };
        // Some registries answer HEAD without the length: read the manifest itself.
        const got = await this.request('GET', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
        if (!got.ok)
            this.fail(`reading manifest ${digest}`, got);
        const type = got.headers.get('content-type')?.split(';')[0]?.trim() ?? JSON.parse(got.body.toString('utf8')).mediaType ?? '';
        return { mediaType: type, digest, size: got.body.length };
    }
    /** Uploads a blob unless the repository has it (one monolithic PUT). */
    async pushBlob(bytes) {
        const digest = (0,_report_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256Digest */ .sI)(Buffer.from(bytes));
        const head = await this.request('HEAD', `${this.base}/blobs/${digest}`);
        if (!head.ok) {
            const start = await this.request('POST', `${this.base}/blobs/uploads/`);
            if (start.status !== 202)
                this.fail('starting a blob upload', start);
            const location = new URL(start.headers.get('location') ?? '', `${schemeOf(this.repo.host)}://${this.repo.host}`);
            location.searchParams.set('digest', digest);
            const put = await this.request('PUT', location.toString(), { 'Content-Type': 'application/octet-stream' }, bytes);
            if (put.status !== 201)
                this.fail(`uploading blob ${digest}`, put);
        }
        return { digest, size: bytes.length };
    }
    /** PUTs a manifest under `reference` (a digest or tag); `subjectTaken`: the registry said it indexed the subject (referrers API). */
    async putManifest(reference, bytes, mediaType) {
        const res = await this.request('PUT', `${this.base}/manifests/${reference}`, { 'Content-Type': mediaType }, bytes);
        if (res.status !== 201 && res.status !== 200)
            this.fail(`storing manifest ${reference}`, res);
        return { digest: (0,_report_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256Digest */ .sI)(bytes), subjectTaken: res.headers.has('oci-subject') };
    }
    /** A blob's bytes. */
    async readBlob(digest) {
        const res = await this.request('GET', `${this.base}/blobs/${digest}`);
        if (!res.ok)
            this.fail(`reading blob ${digest}`, res);
        return res.body;
    }
    /** The JSON of the manifest or index tagged `tag`, undefined when there is none. */
    async readTagged(tag) {
        const res = await this.request('GET', `${this.base}/manifests/${tag}`, { Accept: MANIFEST_TYPES });
        if (res.status === 404)
            return undefined;
        if (!res.ok)
            this.fail(`reading ${tag}`, res);
        return JSON.parse(res.body.toString('utf8'));
    }
}


/***/ }),

/***/ 25976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SIGNING_DEADLINE_MS: () => (/* binding */ SIGNING_DEADLINE_MS),
  expectedIdentity: () => (/* binding */ expectedIdentity),
  signStep: () => (/* binding */ signStep)
});

// EXTERNAL MODULE: ./src/plan/sign.ts
var sign = __webpack_require__(70758);
// EXTERNAL MODULE: ./src/report/manifest.ts
var report_manifest = __webpack_require__(77333);
;// CONCATENATED MODULE: ./src/report/sign-summary.ts
const GITHUB_ROOT_FILE = 'github-trusted-root.json';
function renderSignSummary(s) {
    const lines = ['### Signatures', ''];
    const where = s.instance.rekor ? 'logged in the transparency log' : 'timestamped, not in a public log';
    lines.push(`Signed keylessly (${s.instance.name} Sigstore, ${where}) as \`${s.identity.san}\`, issuer \`${s.identity.issuer}\`.`, '');
    const repos = [...new Set(s.signed.map((d) => d.repository))];
    for (const repo of repos) {
        lines.push(`**${repo}**`, '', '| Digest | Platform | Signature | Provenance | Log index / time |', '|---|---|---|---|---|');
        const mine = s.signed.filter((d) => d.repository === repo);
        for (const d of mine) {
            const when = [d.logIndex !== undefined ? `#${d.logIndex}` : '', d.timestamp ?? ''].filter(Boolean).join(' ');
            lines.push(`| \`${d.digest}\` | ${d.platform ?? 'image'} | \`${d.signature}\` | ${d.provenance ? `\`${d.provenance}\`` : ''} | ${when} |`);
        }
        const top = mine.find((d) => d.provenance) ?? mine[0];
        if (top) {
            // cosign knows only public-good's root by itself; gh prints GitHub's as its second line.
            const githubRoot = !s.trustedRoot && s.instance.name === 'github';
            const root = s.trustedRoot ? ` --trusted-root ${s.trustedRoot}` : githubRoot ? ` --trusted-root ${GITHUB_ROOT_FILE}` : '';
            const tlog = s.instance.rekor ? '' : ' --use-signed-timestamps --insecure-ignore-tlog=true';
            const who = `--certificate-identity '${s.identity.san}' --certificate-oidc-issuer '${s.identity.issuer}'`;
            lines.push('', '```sh');
            if (githubRoot)
                lines.push(`gh attestation trusted-root | sed -n 2p > ${GITHUB_ROOT_FILE}`);
            lines.push(`cosign verify${root}${tlog} ${who} ${repo}@${top.digest}`);
            if (top.provenance)
                lines.push(`cosign verify-attestation${root}${tlog} --type slsaprovenance1 ${who} ${repo}@${top.digest}`);
            if (top.provenance)
                lines.push(`gh attestation verify oci://${repo}@${top.digest} -R ${s.repository}`);
            lines.push('```', '');
        }
    }
    if (s.attestationUrl)
        lines.push(`Provenance recorded by GitHub: ${s.attestationUrl}`, '');
    for (const note of s.notes)
        lines.push(note, '');
    return `${lines.join('\n').trimEnd()}\n`;
}

// EXTERNAL MODULE: ./src/github/http.ts
var http = __webpack_require__(78003);
;// CONCATENATED MODULE: ./src/sign/attest.ts
// GitHub's attestations API: the provenance bundle recorded for the repository, where
// `gh attestation verify oci://IMAGE -R owner/repo` finds it.


async function recordAttestation(bundleJson, where, limit) {
    const urls = (0,sign/* attestationUrls */.lz)(where.apiUrl, where.serverUrl, where.repository);
    const res = await (0,http/* send */.tN)({
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
    }, limit.policy()).catch((error) => error);
    if (res instanceof Error)
        return { error: `GitHub's attestations API: ${res.message}` };
    if (res.status === 403 || res.status === 404) {
        return {
            notice: `GitHub did not record the provenance attestation (HTTP ${res.status}): add \`permissions: attestations: write\` to the job (attestations need a public repository or GitHub Enterprise Cloud for private ones). The image is signed and its provenance is attached in the registry.`,
        };
    }
    if (!res.ok)
        return { error: `GitHub's attestations API answered ${res.status}` };
    let id;
    try {
        id = JSON.parse(res.body.toString('utf8')).id;
    }
    catch {
        id = undefined;
    }
    return typeof id === 'number' || typeof id === 'string' ? { url: urls.page(id) } : { error: "GitHub's attestations API answered without an id" };
}

// EXTERNAL MODULE: ./src/sign/deadline.ts
var deadline = __webpack_require__(25701);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
;// CONCATENATED MODULE: ./src/sign/oidc.ts
// The runner's OIDC token for Sigstore. It is masked the moment it arrives and lives only in
// this process's memory: never in a file, a log line, an output or a child's environment.


async function fetchIdentityToken(env, limit) {
    const base = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
    const url = `${base}${base.includes('?') ? '&' : '?'}audience=sigstore`;
    const res = await (0,http/* send */.tN)({ url, headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`, Accept: 'application/json' } }, limit.policy());
    if (!res.ok)
        throw new Error(`The runner's OIDC token endpoint answered ${res.status} (is \`permissions: id-token: write\` set?)`);
    let jwt;
    try {
        jwt = JSON.parse(res.body.toString('utf8')).value;
    }
    catch {
        jwt = undefined;
    }
    if (typeof jwt !== 'string' || jwt === '')
        throw new Error("The runner's OIDC token endpoint answered without a token");
    runner/* setSecret */.Pq(jwt);
    return { jwt, claims: claimsOf(jwt) };
}
/** The token's payload, unverified: Fulcio verifies it; Kiln only reads the names it will be signed for. */
function claimsOf(jwt) {
    try {
        const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        if (typeof payload !== 'object' || payload === null)
            return {};
        return Object.fromEntries(Object.entries(payload).filter((e) => typeof e[1] === 'string'));
    }
    catch {
        return {};
    }
}

// EXTERNAL MODULE: ./src/sign/registry.ts
var registry = __webpack_require__(542);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
;// CONCATENATED MODULE: ./src/sign/sigstore.ts
// Keyless signing with sigstore-js: one ephemeral P-256 key held in memory, one Fulcio
// certificate for it (asked once, shared by every bundle of the step), DSSE bundles witnessed by
// the instance's transparency log and/or timestamp authority; then each bundle verified against
// the trusted root and the identity the token names, before anything reports it as signed.






/**
 * Signs with one key and one certificate: sigstore-js's FulcioSigner asks Fulcio for a new
 * certificate on every signature, so it is asked once (for the first) and its certificate reused.
 */
class OneCertificateSigner {
    key;
    fulcio;
    certificate;
    constructor(fulcioUrl, identity, limit) {
        const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' });
        this.key = privateKey;
        const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
        const holder = {
            sign: (data) => Promise.resolve({ signature: (0,external_node_crypto_.sign)('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: pem } }),
        };
        this.fulcio = new sign_dist/* FulcioSigner */.$o({ fulcioBaseURL: fulcioUrl, identityProvider: identity, keyHolder: holder, ...fetchOptions(limit) });
    }
    async sign(data) {
        this.certificate ??= this.fulcio.sign(Buffer.alloc(0)).then((s) => {
            if (s.key.$case !== 'x509Certificate')
                throw new Error('Fulcio answered without a certificate');
            return s.key.certificate;
        });
        const certificate = await this.certificate;
        return { signature: (0,external_node_crypto_.sign)('sha256', data, this.key), key: { $case: 'x509Certificate', certificate } };
    }
}
/** sigstore-js's own retries (429, 5xx, timeouts), kept within the signing deadline. */
function fetchOptions(limit) {
    return { timeout: Math.max(1000, Math.min(10_000, limit.left())), retry: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000 } };
}
function sigstoreSigner(instance, jwt, limit) {
    const identity = { getToken: () => Promise.resolve(jwt) };
    const witnesses = [];
    if (instance.rekor)
        witnesses.push(new sign_dist/* RekorWitness */.fU({ rekorBaseURL: instance.rekor.url, majorApiVersion: instance.rekor.majorApiVersion, entryType: 'dsse', ...fetchOptions(limit) }));
    if (instance.tsaUrl)
        witnesses.push(new sign_dist/* TSAWitness */.gs({ tsaBaseURL: tsaBase(instance.tsaUrl), ...fetchOptions(limit) }));
    const builder = new sign_dist/* DSSEBundleBuilder */.VV({ signer: new OneCertificateSigner(instance.fulcioUrl, identity, limit), witnesses });
    return { bundle: (statement) => builder.create({ data: Buffer.from(JSON.stringify(statement)), type: sign/* IN_TOTO_PAYLOAD_TYPE */.T4 }) };
}
/** sigstore-js adds /api/v1/timestamp itself; a SigningConfig names the full URL. */
function tsaBase(url) {
    return url.replace(/\/api\/v1\/timestamp\/?$/, '');
}
function bundleJson(bundle) {
    return Buffer.from(JSON.stringify((0,dist.bundleToJSON)(bundle)));
}
/** When the bundle says it was signed, and its log index (undefined without a log). */
function bundleFacts(bundle) {
    const entry = bundle.verificationMaterial.tlogEntries[0];
    const stamp = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
    let timestamp;
    if (stamp)
        timestamp = core_dist.RFC3161Timestamp.parse(Buffer.from(stamp.signedTimestamp)).signingTime.toISOString();
    else if (entry)
        timestamp = new Date(Number(entry.integratedTime) * 1000).toISOString();
    return { ...(entry ? { logIndex: Number(entry.logIndex) } : {}), ...(timestamp ? { timestamp } : {}) };
}
/**
 * A verifier for the instance's bundles against its trusted root (trusted-root.ts): a transparency
 * log entry when the instance has a log, a timestamp either way.
 */
function bundleVerifier(instance, trustedRoot, expected) {
    const verifier = new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(trustedRoot), {
        tlogThreshold: instance.rekor ? 1 : 0,
        ctlogThreshold: trustedRoot.ctlogs.length > 0 ? 1 : 0,
        timestampThreshold: 1,
    });
    return (bundle) => {
        const signer = verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle), { subjectAlternativeName: expected.san, extensions: { issuer: expected.issuer } });
        return { san: signer.identity?.subjectAlternativeName ?? String(expected.san), issuer: signer.identity?.extensions?.issuer ?? expected.issuer };
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
;// CONCATENATED MODULE: ./src/sign/trusted-root.ts
// The trusted root a new bundle is verified against: the `trusted-root` file, or the instance's
// TUF repository read with @sigstore/tuf (loaded only here), its cache in the step's temp dir
// under RUNNER_TEMP (removed by the post step). GitHub's repository is not among the library's
// seeds, so its client starts from the root Kiln embeds (github-tuf-root.ts).



async function loadTrustedRoot(source, file, tempDir, limit) {
    if (source.from === 'file') {
        if (!file)
            throw new Error(`the trusted-root ${source.path} was not read`);
        return protobuf_specs_dist.TrustedRoot.fromJSON(file.json);
    }
    if (source.from === 'none')
        throw new Error(source.why);
    const cachePath = external_node_path_.join(tempDir, 'tuf');
    let rootPath;
    if (source.seed === 'github') {
        const { GITHUB_TUF_ROOT } = await __webpack_require__.e(/* import() */ 193).then(__webpack_require__.bind(__webpack_require__, 75193));
        (0,external_node_fs_.mkdirSync)(cachePath, { recursive: true });
        rootPath = external_node_path_.join(cachePath, 'github-root.json');
        (0,external_node_fs_.writeFileSync)(rootPath, JSON.stringify(GITHUB_TUF_ROOT));
    }
    const { getTrustedRoot } = await __webpack_require__.e(/* import() */ 694).then(__webpack_require__.bind(__webpack_require__, 84423));
    return getTrustedRoot({
        mirrorURL: source.mirrorURL,
        cachePath,
        ...(rootPath ? { rootPath } : {}),
        // Within the signing deadline: a few seconds per request, two retries.
        timeout: Math.max(1000, Math.min(5000, limit.left())),
        retry: { retries: 2 },
    });
}

;// CONCATENATED MODULE: ./src/sign/step.ts









/** The whole signing phase: OIDC, Fulcio, Rekor, the timestamp authority, the registry, GitHub. */
const SIGNING_DEADLINE_MS = 30_000;
async function signStep(request) {
    const core = request.io;
    const limit = (0,deadline/* deadline */.n)(SIGNING_DEADLINE_MS);
    const started = performance.now();
    let jwt = '';
    try {
        const outcome = await limit.race(signAll(request, limit, (t) => {
            jwt = t.jwt;
        }), 'Signing');
        outcome.seconds = (performance.now() - started) / 1000;
        report(request, outcome);
    }
    catch (error) {
        // No message may carry the token (sigstore-js quotes a token it cannot parse).
        const message = (error instanceof Error ? error.message : String(error)).replaceAll(jwt || '\u0000', '***');
        const strict = request.inputs.sign.mode === 'true';
        const line = `The image was pushed but is not signed: ${message}`;
        if (strict)
            core.error(`${line}. (sign: true: the step fails; every output is set.)`, { title: 'Signing failed' });
        else
            core.warning(`${line}. (sign: auto: the step succeeds; set sign: true to make signing part of success.)`, { title: 'Not signed' });
        if (request.inputs.summary)
            core.appendSummary(`### Signatures\n\n${line}\n`);
        if (strict)
            process.exitCode = 1;
    }
}
function report(request, outcome) {
    const core = request.io;
    core.setOutput('signatures', JSON.stringify((0,sign/* signaturesOutput */.$c)(outcome.signed)));
    core.setOutput('attestation-url', outcome.attestationUrl ?? '');
    const count = new Set(outcome.signed.map((s) => s.digest)).size;
    const repos = new Set(outcome.signed.map((s) => s.repository)).size;
    core.info(`Signing: signed and verified ${count} digest${count === 1 ? '' : 's'} in ${repos} repositor${repos === 1 ? 'y' : 'ies'} as ${outcome.identity.san} (${outcome.instance.name} Sigstore, ${outcome.seconds.toFixed(2)} s)`);
    for (const note of outcome.notes)
        core.notice(note, { title: 'Attestation not recorded' });
    if (request.inputs.summary) {
        core.appendSummary(renderSignSummary({
            signed: outcome.signed,
            identity: outcome.identity,
            instance: outcome.instance,
            repository: request.ctx.repository,
            attestationUrl: outcome.attestationUrl,
            trustedRoot: request.inputs.sign.trustedRoot?.path,
            notes: outcome.notes,
        }));
    }
}
/** The identity Fulcio certifies for this token: GitHub's job workflow (a test double's `sub`, a URI). */
function expectedIdentity(token, serverUrl) {
    const { claims } = token;
    const names = [
        claims.job_workflow_ref ? `${serverUrl}/${claims.job_workflow_ref}` : '',
        /^https?:\/\//.test(claims.sub ?? '') ? (claims.sub ?? '') : '',
    ].filter(Boolean);
    if (names.length === 0)
        throw new Error('the OIDC token names no workflow (job_workflow_ref) to sign as');
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return { policy: new RegExp(`^(?:${names.map(escape).join('|')})$`), issuer: claims.iss ?? '', shown: names[0] ?? '' };
}
async function signAll(request, limit, gotToken) {
    const { inputs, ctx, env } = request;
    const token = await fetchIdentityToken(env, limit);
    gotToken(token);
    const instance = (0,sign/* chooseInstance */.NF)(ctx.payload, inputs.sign.signingConfig, Date.now());
    const identity = expectedIdentity(token, ctx.serverUrl);
    const targets = request.images.flatMap((i) => (0,sign/* signTargets */.I6)(request.pushed, i.manifest ?? { digest: i.digest, mediaType: '', entries: [] }, i.which));
    const config = (0,registry/* readDockerConfig */.TO)(env);
    const clients = new Map([...new Set(targets.map((t) => t.repository))].map((repo) => {
        const parsed = (0,registry/* parseRepository */.SU)(repo);
        return [repo, new registry/* RegistryClient */.bP(parsed, (0,registry/* basicCredential */.gp)(config, parsed.configKey), limit)];
    }));
    const client = (repo) => clients.get(repo);
    // Everything that needs no signature starts now, alongside the certificate and the bundles.
    const rootSource = (0,sign/* trustedRootSource */.hg)(instance, inputs.sign.trustedRoot?.path);
    const verifying = loadTrustedRoot(rootSource, inputs.sign.trustedRoot, request.tempDir, limit).then((root) => bundleVerifier(instance, root, { san: identity.policy, issuer: identity.issuer }));
    verifying.catch(() => undefined);
    const described = new Map(targets.map((t) => [`${t.repository}@${t.digest}`, t.descriptor ? Promise.resolve(t.descriptor) : client(t.repository).describe(t.digest)]));
    for (const d of described.values())
        d.catch(() => undefined);
    const signer = sigstoreSigner(instance, token.jwt, limit);
    const digests = [...new Set(targets.map((t) => t.digest))];
    const tops = [...new Set(targets.filter((t) => t.top).map((t) => t.digest))];
    const build = (0,sign/* buildParameters */.ZD)(inputs, request.context, request.masks);
    const materials = (0,sign/* materialsOf */.iA)(request.metadataText);
    const workflowRef = env.GITHUB_WORKFLOW_REF ?? '';
    const signatures = new Map(digests.map((d) => [d, signer.bundle((0,sign/* cosignSignStatement */.O2)(d))]));
    const provenances = new Map(tops.map((d) => {
        const subjects = targets.filter((t) => t.top && t.digest === d).map((t) => ({ name: t.repository, digest: d }));
        return [d, signer.bundle((0,sign/* provenanceStatement */.D2)({ subjects, ctx, workflowRef, claims: token.claims, build, materials }))];
    }));
    for (const b of [...signatures.values(), ...provenances.values()])
        b.catch(() => undefined);
    // Verified before anything is attached or reported.
    const verify = await verifying;
    let san = identity.shown;
    const checked = async (bundle, what) => {
        const b = await bundle;
        try {
            san = verify(b).san;
        }
        catch (error) {
            throw new Error(`the new bundle for ${what} does not verify: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        return { bundle: b, json: bundleJson(b) };
    };
    const signed = new Map(digests.map((d) => [d, checked(signatures.get(d), d)]));
    const attested = new Map(tops.map((d) => [d, checked(provenances.get(d), `the provenance of ${d}`)]));
    for (const c of [...signed.values(), ...attested.values()])
        c.catch(() => undefined);
    const attestation = Promise.all(tops.map(async (d) => {
        const { json } = await attested.get(d);
        return recordAttestation(json, { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', serverUrl: ctx.serverUrl, repository: ctx.repository, token: inputs.githubToken }, limit);
    }));
    const attach = await Promise.all(targets.map(async (t) => {
        const subject = await described.get(`${t.repository}@${t.digest}`);
        const sig = await signed.get(t.digest);
        const prov = t.top ? await attested.get(t.digest) : undefined;
        const refs = await attachReferrers(client(t.repository), subject, [
            { json: sig.json, predicateType: sign/* COSIGN_SIGN_PREDICATE */.u },
            ...(prov ? [{ json: prov.json, predicateType: sign/* SLSA_PROVENANCE_PREDICATE */.ON }] : []),
        ]);
        return { repository: t.repository, digest: t.digest, platform: t.platform, signature: refs[0] ?? '', provenance: refs[1], ...bundleFacts(sig.bundle) };
    }));
    const notes = [];
    let attestationUrl;
    for (const result of await attestation) {
        if ('url' in result)
            attestationUrl ??= result.url;
        else if ('notice' in result)
            notes.push(result.notice);
        else
            throw new Error(result.error);
    }
    return { signed: sortTargets(attach, targets), identity: { san, issuer: identity.issuer }, instance, attestationUrl, notes, seconds: 0 };
}
function sortTargets(signed, targets) {
    const order = (s) => targets.findIndex((t) => t.repository === s.repository && t.digest === s.digest);
    return [...signed].sort((a, b) => order(a) - order(b));
}
/**
 * Stores bundles as referrers of `subject`: the empty config and each bundle as blobs, each
 * referrer manifest by digest; a registry without the referrers API gets the tag schema's index
 * (`sha256-<hex>`), read, extended and written back. Returns the referrer manifests' digests.
 */
async function attachReferrers(registry, subject, bundles) {
    await registry.pushBlob(Buffer.from('{}'));
    const entries = [];
    let indexed = true;
    for (const b of bundles) {
        const blob = await registry.pushBlob(b.json);
        const manifest = (0,sign/* referrerManifest */.Dq)({ mediaType: sign/* BUNDLE_MEDIA_TYPE */.NV, ...blob }, b.predicateType, subject);
        const bytes = Buffer.from(JSON.stringify(manifest));
        const put = await registry.putManifest((0,report_manifest/* sha256Digest */.sI)(bytes), bytes, sign/* OCI_MANIFEST */.EG);
        indexed &&= put.subjectTaken;
        entries.push({
            mediaType: sign/* OCI_MANIFEST */.EG,
            digest: put.digest,
            size: bytes.length,
            artifactType: sign/* BUNDLE_MEDIA_TYPE */.NV,
            annotations: manifest.annotations,
        });
    }
    if (!indexed) {
        const tag = (0,sign/* referrersTag */.LN)(subject.digest);
        const existing = await registry.readTagged(tag);
        const index = Buffer.from(JSON.stringify((0,sign/* referrersIndex */.X9)(existing, entries)));
        await registry.putManifest(tag, index, sign/* OCI_INDEX */.$p);
    }
    return entries.map((e) => e.digest);
}


/***/ })

};
