export const id = 533;
export const ids = [533];
export const modules = {

/***/ 71492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ sendOnce),
/* harmony export */   _: () => (/* binding */ nodeTransport)
/* harmony export */ });
/** The two methods of `Headers` the registry client reads, over Node's header record. */
function headersOf(raw) {
    const get = (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    return { get, has: (name) => get(name) !== null };
}
async function sendOnce(request, policy, redirects = 5) {
    const url = new URL(request.url);
    const { request: send } = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
    const method = request.method ?? (request.body !== undefined ? 'POST' : 'GET');
    return new Promise((resolve, reject) => {
        const req = send(url, { method, headers: request.headers, timeout: policy.attemptMs }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                const status = res.statusCode ?? 0;
                const location = res.headers.location;
                if ([301, 302, 303, 307, 308].includes(status) && location && redirects > 0) {
                    const next = new URL(location, url);
                    const headers = { ...request.headers };
                    if (next.host !== url.host)
                        delete headers.Authorization;
                    sendOnce({ ...request, url: next, headers, method: status === 303 ? 'GET' : method }, policy, redirects - 1).then(resolve, reject);
                    return;
                }
                resolve({ status, ok: status >= 200 && status < 300, headers: headersOf(res.headers), body: Buffer.concat(chunks), attempts: 1 });
            });
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.attemptMs} ms`)));
        req.on('error', reject);
        req.end(request.body);
    });
}
/**
 * `send`'s transport over node:http / node:https, for a phase that makes many requests where
 * loading undici would be most of its CPU (signing). `signal` ends the attempt, body included;
 * redirects are followed as `fetch` follows them.
 */
const nodeTransport = async (url, init, redirects = 5) => {
    const target = new URL(url);
    const { request: open } = target.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
    const headers = { ...init.headers };
    if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
        headers['Content-Length'] = String(Buffer.byteLength(init.body));
    const answer = await new Promise((resolve, reject) => {
        const req = open(target, { method: init.method, headers, signal: init.signal }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                resolve({ status: res.statusCode ?? 0, raw: res.headers, body: Buffer.concat(chunks) });
            });
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(init.body);
    });
    const location = answer.raw.location;
    if ([301, 302, 303, 307, 308].includes(answer.status) && location && redirects > 0) {
        const next = new URL(location, target);
        // As fetch does: a 303, or a 301/302 after a POST, becomes a GET without a body or the headers
        // that describe one; Authorization stays on the host only.
        const get = answer.status === 303 || ((answer.status === 301 || answer.status === 302) && init.method === 'POST');
        const nextHeaders = Object.fromEntries(Object.entries(init.headers).filter(([name]) => !(next.host !== target.host && name.toLowerCase() === 'authorization') && !(get && /^content-(type|length|encoding|language|location)$/i.test(name))));
        return nodeTransport(next, { ...init, headers: nextHeaders, ...(get ? { method: 'GET', body: undefined } : {}) }, redirects - 1);
    }
    return { status: answer.status, headers: headersOf(answer.raw), body: answer.body };
};


/***/ }),

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
/** `fetch` (undici, loaded on first use). */
const viaFetch = async (url, init) => {
    const res = await fetch(url, init);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};
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
async function send(request, policy = SERVICE_POLICY, transport = viaFetch) {
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
            const res = await transport(request.url, { method, headers, body, signal });
            const answer = { status: res.status, ok: res.status >= 200 && res.status < 300, headers: res.headers, body: res.body, attempts: attempt };
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
/* harmony import */ var _github_http_node_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(71492);
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
    /** How requests go out: `send` (with retries) over node:http, as every request of signing (http.ts). */
    transport = (request, policy) => (0,_github_http_js__WEBPACK_IMPORTED_MODULE_3__/* .send */ .tN)(request, policy, _github_http_node_js__WEBPACK_IMPORTED_MODULE_6__/* .nodeTransport */ ._)) {
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

/***/ 32533:
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
        lines.push(`**${repo}**`, '', '| Digest | Platform | Signature | Provenance / SBOM | Log index / time |', '|---|---|---|---|---|');
        const mine = s.signed.filter((d) => d.repository === repo);
        for (const d of mine) {
            const when = [d.logIndex !== undefined ? `#${d.logIndex}` : '', d.timestamp ?? ''].filter(Boolean).join(' ');
            const what = d.attests ? `BuildKit attestations of ${d.attests.platform}` : (d.platform ?? 'image');
            const attached = [d.provenance ? `provenance \`${d.provenance}\`` : '', ...(d.sbom ?? []).map((r) => `SBOM \`${r}\``)].filter(Boolean).join('<br>');
            lines.push(`| \`${d.digest}\` | ${what} | \`${d.signature}\` | ${attached} | ${when} |`);
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
            // BuildKit's attestation manifest, and its SBOM as an attestation of the platform manifest.
            const attestations = mine.find((d) => d.attests);
            if (attestations)
                lines.push(`cosign verify${root}${tlog} ${who} ${repo}@${attestations.digest}`);
            const described = mine.find((d) => d.sbom?.length);
            if (described)
                lines.push(`cosign verify-attestation${root}${tlog} --type spdxjson ${who} ${repo}@${described.digest}`);
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
// EXTERNAL MODULE: ./src/github/http-node.ts
var http_node = __webpack_require__(71492);
;// CONCATENATED MODULE: ./src/sign/http.ts
// How the signing phase speaks HTTP (the OIDC endpoint, Fulcio, Rekor, the timestamp authority,
// the registry, GitHub's API): `send`'s retries within the signing deadline, over node:http.
// Neither undici (`fetch`) nor sigstore-js's own client (make-fetch-happen) is loaded: loading
// them cost more CPU than all of the signing itself.


function sendWithin(request, limit) {
    return (0,http/* send */.tN)(request, limit.policy(), http_node/* nodeTransport */._);
}

;// CONCATENATED MODULE: ./src/sign/attest.ts
// GitHub's attestations API: the provenance bundle recorded for the repository, where
// `gh attestation verify oci://IMAGE -R owner/repo` finds it.


async function recordAttestation(bundleJson, where, limit) {
    const urls = (0,sign/* attestationUrls */.lz)(where.apiUrl, where.serverUrl, where.repository);
    const res = await sendWithin({
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
    }, limit).catch((error) => error);
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


async function fetchIdentityToken(env, limit) {
    const base = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
    const url = `${base}${base.includes('?') ? '&' : '?'}audience=sigstore`;
    const res = await sendWithin({ url, headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`, Accept: 'application/json' } }, limit);
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
;// CONCATENATED MODULE: ./src/sign/sbom.ts
// BuildKit's SBOMs of a platform manifest, read from the registry to be signed as attestations of
// it: the attestation manifest that describes it, then each of its SBOM layers (in parallel).


async function readSbomStatements(registry, attestationManifest, imageDigest) {
    // readTagged takes any reference: a digest reads that very manifest.
    const manifest = await registry.readTagged(attestationManifest);
    const layers = (0,sign/* sbomLayers */.QQ)(manifest);
    const texts = await Promise.all(layers.map(async (l) => {
        const bytes = await registry.readBlob(l.digest);
        // Only what BuildKit pushed is signed: bytes that are not the layer's are refused.
        if ((0,report_manifest/* sha256Digest */.sI)(bytes) !== l.digest)
            throw new Error(`the registry served other bytes for SBOM layer ${l.digest} of ${attestationManifest}`);
        return bytes.toString('utf8');
    }));
    return texts.flatMap((text) => (0,sign/* sbomStatement */.b5)(text, imageDigest) ?? []);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/bundler/dsse.js
var dsse = __webpack_require__(83997);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/util/oidc.js
var oidc = __webpack_require__(81963);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/rekor/v2/index.js
var v2 = __webpack_require__(13835);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/witness/tlog/entry.js
var tlog_entry = __webpack_require__(97890);
;// CONCATENATED MODULE: ./src/sign/sigstore-services.ts





const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };
/** An answer that is not a success, as sigstore-js words it: the service's own `message` when it gives one. */
function refused(service, res) {
    let message = '';
    try {
        const body = JSON.parse(res.body.toString('utf8'));
        if (typeof body.message === 'string')
            message = body.message;
    }
    catch {
        // not JSON: the status says it
    }
    return new Error(`${service} answered ${res.status}${message ? `: ${message}` : ''}`);
}
function jsonOf(service, res) {
    try {
        return JSON.parse(res.body.toString('utf8'));
    }
    catch {
        throw new Error(`${service} answered ${res.status} with a body that is not JSON`);
    }
}
/**
 * Fulcio's certificate chain (PEM, leaf first) for `publicKey`, proved held by `proof` (the
 * token's subject signed with the key), for the identity the token names.
 */
async function fulcioCertificates(fulcioUrl, jwt, publicKey, proof, limit) {
    const res = await sendWithin({
        method: 'POST',
        url: `${fulcioUrl.replace(/\/$/, '')}/api/v2/signingCert`,
        headers: JSON_HEADERS,
        body: JSON.stringify({
            credentials: { oidcIdentityToken: jwt },
            publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: publicKey }, proofOfPossession: proof.toString('base64') },
        }),
    }, limit);
    if (!res.ok)
        throw refused('Fulcio', res);
    const body = jsonOf('Fulcio', res);
    const certificates = (body.signedCertificateEmbeddedSct ?? body.signedCertificateDetachedSct)?.chain?.certificates;
    if (!Array.isArray(certificates) || typeof certificates[0] !== 'string')
        throw new Error(`Fulcio answered ${res.status} without a certificate`);
    return certificates;
}
/** The bundle's log entry for Rekor v1's answer, as sigstore-js's RekorWitness makes it. */
function rekorV1Entry(entry) {
    const body = JSON.parse(Buffer.from(entry.body, 'base64').toString('utf8'));
    const proof = entry.verification?.inclusionProof;
    const stamp = entry.verification?.signedEntryTimestamp;
    return {
        logIndex: entry.logIndex.toString(),
        logId: { keyId: Buffer.from(entry.logID, 'hex') },
        integratedTime: entry.integratedTime.toString(),
        kindVersion: { kind: body.kind, version: body.apiVersion },
        inclusionPromise: stamp ? { signedEntryTimestamp: Buffer.from(stamp, 'base64') } : undefined,
        inclusionProof: proof
            ? {
                logIndex: proof.logIndex.toString(),
                treeSize: proof.treeSize.toString(),
                rootHash: Buffer.from(proof.rootHash, 'hex'),
                hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
                checkpoint: { envelope: proof.checkpoint },
            }
            : undefined,
        canonicalizedBody: Buffer.from(entry.body, 'base64'),
    };
}
function onlyEntry(data) {
    const entries = typeof data === 'object' && data !== null ? Object.values(data) : [];
    if (entries.length !== 1)
        throw new Error('Rekor answered without exactly one entry');
    return entries[0];
}
/** A transparency log entry for each bundle (Rekor v1: a `dsse` entry; v2: its own request). */
function rekorWitness(rekor, limit) {
    const base = rekor.url.replace(/\/$/, '');
    return {
        async testify(content, publicKey) {
            if (rekor.majorApiVersion === 2) {
                const body = JSON.stringify(v2.CreateEntryRequest.toJSON((0,tlog_entry/* toCreateEntryRequest */.Rs)(content, publicKey)));
                const res = await sendWithin({ method: 'POST', url: `${base}/api/v2/log/entries`, headers: JSON_HEADERS, body }, limit);
                if (!res.ok)
                    throw refused('Rekor', res);
                const entry = protobuf_specs_dist.TransparencyLogEntry.fromJSON(jsonOf('Rekor', res));
                if (entry.logId === undefined || entry.kindVersion === undefined)
                    throw new Error('Rekor answered with an entry without its log or kind');
                return { tlogEntries: [{ ...entry, logId: entry.logId, kindVersion: entry.kindVersion }] };
            }
            const body = JSON.stringify((0,tlog_entry/* toProposedEntry */.yF)(content, publicKey, 'dsse'));
            let res = await sendWithin({ method: 'POST', url: `${base}/api/v1/log/entries`, headers: JSON_HEADERS, body }, limit);
            // A retried request whose first attempt was logged: the entry exists, and is read back.
            const location = res.headers.get('location');
            if (res.status === 409 && location) {
                res = await sendWithin({ method: 'GET', url: `${base}/api/v1/log/entries/${location.split('/').pop() ?? ''}`, headers: { Accept: 'application/json' } }, limit);
            }
            if (!res.ok)
                throw refused('Rekor', res);
            return { tlogEntries: [rekorV1Entry(onlyEntry(jsonOf('Rekor', res)))] };
        },
    };
}
/** An RFC 3161 timestamp of each bundle's signature. `url` is the full endpoint (a SigningConfig's `tsaUrls`). */
function tsaWitness(url, limit) {
    const endpoint = new URL(url).pathname === '/' ? `${url.replace(/\/$/, '')}/api/v1/timestamp` : url;
    return {
        async testify(content) {
            const signature = content.$case === 'dsseEnvelope' ? content.dsseEnvelope.signatures[0]?.sig : content.messageSignature.signature;
            if (!signature)
                throw new Error('nothing to timestamp: the bundle has no signature');
            const body = JSON.stringify({ artifactHash: (0,external_node_crypto_.createHash)('sha256').update(signature).digest('base64'), hashAlgorithm: 'sha256' });
            const res = await sendWithin({ method: 'POST', url: endpoint, headers: { 'Content-Type': 'application/json' }, body }, limit);
            if (!res.ok)
                throw refused('The timestamp authority', res);
            return { rfc3161Timestamps: [{ signedTimestamp: res.body }] };
        },
    };
}

;// CONCATENATED MODULE: ./src/sign/sigstore.ts
// Keyless signing with sigstore-js: one ephemeral P-256 key held in memory, one Fulcio
// certificate for it (asked once, shared by every bundle of the step), DSSE bundles witnessed by
// the instance's transparency log and/or timestamp authority; then each bundle verified against
// the trusted root and the identity the token names, before anything reports it as signed.



// The bundle builder and the token's subject only: @sigstore/sign's index loads its HTTP client too.





/**
 * Signs with one key and one certificate, asked of Fulcio once (for the first signature) and
 * shared by every bundle of the step; the proof of possession is the token's subject signed with
 * the key, as sigstore-js's FulcioSigner makes it.
 */
class OneCertificateSigner {
    fulcioUrl;
    jwt;
    limit;
    key;
    publicKey;
    certificate;
    constructor(fulcioUrl, jwt, limit) {
        this.fulcioUrl = fulcioUrl;
        this.jwt = jwt;
        this.limit = limit;
        const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' });
        this.key = privateKey;
        this.publicKey = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    }
    async certify() {
        let subject;
        try {
            subject = (0,oidc.extractJWTSubject)(this.jwt);
        }
        catch (error) {
            throw new Error(`the OIDC token names no subject to certify: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        const proof = (0,external_node_crypto_.sign)('sha256', Buffer.from(subject), this.key);
        const [leaf = ''] = await fulcioCertificates(this.fulcioUrl, this.jwt, this.publicKey, proof, this.limit);
        return leaf;
    }
    async sign(data) {
        this.certificate ??= this.certify();
        const certificate = await this.certificate;
        return { signature: (0,external_node_crypto_.sign)('sha256', data, this.key), key: { $case: 'x509Certificate', certificate } };
    }
}
function sigstoreSigner(instance, jwt, limit) {
    const witnesses = [];
    if (instance.rekor)
        witnesses.push(rekorWitness(instance.rekor, limit));
    if (instance.tsaUrl)
        witnesses.push(tsaWitness(instance.tsaUrl, limit));
    const builder = new dsse/* DSSEBundleBuilder */.V({ signer: new OneCertificateSigner(instance.fulcioUrl, jwt, limit), witnesses });
    return { bundle: (statement) => builder.create({ data: Buffer.from(JSON.stringify(statement)), type: sign/* IN_TOTO_PAYLOAD_TYPE */.T4 }) };
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
    const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(694)]).then(__webpack_require__.bind(__webpack_require__, 84423));
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
    // BuildKit's SBOMs of each platform manifest: read once (from the first repository) and signed once.
    const sbomSources = new Map();
    for (const t of targets)
        if (t.attestations && !sbomSources.has(t.digest))
            sbomSources.set(t.digest, t);
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
    const sbomBundles = new Map([...sbomSources].map(([d, t]) => {
        const bundles = readSbomStatements(client(t.repository), t.attestations ?? '', d).then((statements) => {
            const made = statements.map((statement) => ({ predicateType: statement.predicateType, bundle: signer.bundle(statement) }));
            for (const m of made)
                m.bundle.catch(() => undefined);
            return made;
        });
        bundles.catch(() => undefined);
        return [d, bundles];
    }));
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
    const sboms = new Map([...sbomBundles].map(([d, bundles]) => [
        d,
        bundles.then((made) => Promise.all(made.map(async (m) => ({ predicateType: m.predicateType, ...(await checked(m.bundle, `BuildKit's SBOM of ${d}`)) })))),
    ]));
    for (const c of sboms.values())
        c.catch(() => undefined);
    const attestation = Promise.all(tops.map(async (d) => {
        const { json } = await attested.get(d);
        return recordAttestation(json, { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', serverUrl: ctx.serverUrl, repository: ctx.repository, token: inputs.githubToken }, limit);
    }));
    const attach = await Promise.all(targets.map(async (t) => {
        const subject = await described.get(`${t.repository}@${t.digest}`);
        const sig = await signed.get(t.digest);
        const prov = t.top ? await attested.get(t.digest) : undefined;
        const sbom = (await sboms.get(t.digest)) ?? [];
        // One call per subject: on a registry without the referrers API they share its tag's index.
        const refs = await attachReferrers(client(t.repository), subject, [
            { json: sig.json, predicateType: sign/* COSIGN_SIGN_PREDICATE */.u },
            ...(prov ? [{ json: prov.json, predicateType: sign/* SLSA_PROVENANCE_PREDICATE */.ON }] : []),
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
