export const id = 837;
export const ids = [837];
export const modules = {

/***/ 31814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gx: () => (/* binding */ twirpUrl),
/* harmony export */   Rs: () => (/* binding */ serviceUrl),
/* harmony export */   UD: () => (/* binding */ resultsService),
/* harmony export */   lo: () => (/* binding */ twirp)
/* harmony export */ });
/* unused harmony export TwirpError */
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78003);

/** `path` below `base`, whether or not `base` ends in '/' (the runner's URLs do, a hand-set one may not). */
function serviceUrl(base, path) {
    return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
function twirpUrl(base, service, method) {
    return serviceUrl(base, `twirp/github.actions.results.api.v1.${service}/${method}`);
}
/** The results service (v2 cache, artifacts) the runner offers this step, if it offers one. */
function resultsService(env) {
    const url = env.ACTIONS_RESULTS_URL;
    const token = env.ACTIONS_RUNTIME_TOKEN;
    return url && token ? { url, token } : undefined;
}
/** The service answered, but not with success. */
class TwirpError extends Error {
    status;
    code;
    constructor(message, status, 
    /** Twirp's error code (`already_exists`, `not_found`, ...), '' when the body named none. */
    code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = 'TwirpError';
    }
}
function errorOf(service, method, res) {
    const text = res.body.toString('utf8');
    let code = '';
    let detail = text.slice(0, 300);
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.code === 'string')
            code = parsed.code;
        if (typeof parsed.msg === 'string')
            detail = `${code}: ${parsed.msg}`.slice(0, 300);
    }
    catch {
        // Not a Twirp error body (a proxy's page): its text is the detail.
    }
    return new TwirpError(`${service}.${method} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}`, res.status, code);
}
/**
 * One Twirp call: the answer's fields, unchecked (the caller checks what it uses). Throws
 * TwirpError on an unsuccessful answer, HttpError when none came within `policy`.
 */
async function twirp(endpoint, service, method, body, policy = _http_js__WEBPACK_IMPORTED_MODULE_0__/* .SERVICE_POLICY */ .pZ) {
    const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({ method: 'POST', url: twirpUrl(endpoint.url, service, method), headers: { Authorization: `Bearer ${endpoint.token}` }, json: body }, policy);
    if (!res.ok)
        throw errorOf(service, method, res);
    try {
        const parsed = JSON.parse(res.body.toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return parsed;
    }
    catch {
        // Reported below.
    }
    throw new TwirpError(`${service}.${method} answered HTTP ${res.status} with a body that is not a JSON object`, res.status, '');
}


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

/***/ 20976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ indexLayers),
/* harmony export */   Au: () => (/* binding */ indexKeyPrefix),
/* harmony export */   V3: () => (/* binding */ tokenWriteScope),
/* harmony export */   dV: () => (/* binding */ ghaSpend),
/* harmony export */   gQ: () => (/* binding */ manifestLayers),
/* harmony export */   li: () => (/* binding */ GHA_ENTRY_VERSION),
/* harmony export */   us: () => (/* binding */ directorySpend)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// What a build's cache writes cost, from facts the backends leave behind. Pure: the keys to look
// for, the listings, and the sums; report/gha-spend.ts and report/local-spend.ts read the facts.
//
// Actions cache: BuildKit's log names the blobs it uploaded (build/gha-writes.ts), and the index
// entry each export writes lists every layer of the export with its size. BuildKit's gha exporter
// (cache/remotecache/gha/gha.go): a blob is stored as `buildkit-blob-1-<digest>` after asking
// whether that key exists (skipped when it does); the index as
// `index-<scope>-1-<8 hex of sha256(the token's write scope)>#<n>`, a new `#n` on every export;
// all entries under go-actions-cache's one version.
//
// Local directory (an OCI layout): the blob files the export added, and the cache manifest's
// layers that were there before it.

/** go-actions-cache's version of every entry it writes: sha256 of a constant, not of the key. */
const GHA_ENTRY_VERSION = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update('|go-actionscache-1.0').digest('hex');
/**
 * The scope the runtime token writes (its `ac` claim: `[{"Scope":…,"Permission":…}]`, bit 2 =
 * write; the last such scope, as go-actions-cache picks it). Undefined when the token says none.
 */
function tokenWriteScope(token) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        if (typeof payload.ac !== 'string')
            return undefined;
        const grants = JSON.parse(payload.ac);
        if (!Array.isArray(grants))
            return undefined;
        const writes = grants.filter((g) => typeof g.Scope === 'string' &&
            typeof g.Permission === 'number' &&
            (g.Permission & 2) !== 0);
        return writes.at(-1)?.Scope;
    }
    catch {
        return undefined;
    }
}
/** The prefix of the index entries an export to `scope` writes with a token writing `writeScope`. */
function indexKeyPrefix(scope, writeScope) {
    return `index-${scope}-1-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(writeScope).digest('hex').slice(0, 8)}#`;
}
/** The layers an exported index lists (BuildKit's cache config: `layers[].blob`, `.annotations.size`); undefined if it is not one. */
function indexLayers(text) {
    try {
        const config = JSON.parse(text);
        if (!Array.isArray(config?.layers))
            return undefined;
        const layers = new Map();
        for (const layer of config.layers) {
            const size = layer.annotations?.size;
            if (typeof layer.blob !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
                return undefined;
            layers.set(layer.blob, size);
        }
        return layers;
    }
    catch {
        return undefined;
    }
}
/**
 * The spend of the Actions cache exports: the entries written (the blobs the log names, one index
 * per finished export) always; with every finished export's index read back, the bytes (the
 * written blobs' sizes as the indexes list them, plus the indexes themselves) and the layers the
 * exports skipped (listed, not written: the cache held them). Both stay unknown when a written
 * blob is in no index read: that index is not this build's (another build wrote the scope since).
 */
function ghaSpend(written, read) {
    const spend = { entriesWritten: written.blobs.length + written.indexes };
    if (read === undefined || written.indexes === 0 || read.length !== written.indexes)
        return spend;
    const listed = new Map();
    for (const index of read)
        for (const [blob, size] of index.layers)
            listed.set(blob, size);
    const sizes = written.blobs.map((blob) => listed.get(blob));
    if (!sizes.every((s) => s !== undefined))
        return spend;
    const wrote = new Set(written.blobs);
    return {
        ...spend,
        bytesWritten: sizes.reduce((sum, s) => sum + s, 0) + read.reduce((sum, index) => sum + index.bytes, 0),
        entriesSkipped: [...listed.keys()].filter((blob) => !wrote.has(blob)).length,
    };
}
/** The layer digests a cache manifest lists (an OCI image manifest's `layers`); undefined if it is not one. */
function manifestLayers(text) {
    try {
        const manifest = JSON.parse(text);
        if (!Array.isArray(manifest?.layers))
            return undefined;
        const digests = manifest.layers.map((l) => l.digest);
        return digests.every((d) => typeof d === 'string') ? digests : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * A local cache directory's spend: the blob files the export added (`after` minus `before`, with
 * their sizes), and the layers its cache manifest lists that the directory held before (`listed`).
 */
function directorySpend(before, after, listed) {
    const added = [...after].filter(([blob]) => !before.has(blob));
    return {
        entriesWritten: added.length,
        bytesWritten: added.reduce((sum, [, size]) => sum + size, 0),
        entriesSkipped: new Set(listed.filter((blob) => before.has(blob))).size,
    };
}


/***/ }),

/***/ 79837:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ghaExportSpend: () => (/* binding */ ghaExportSpend)
/* harmony export */ });
/* harmony import */ var _github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31814);
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78003);
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66243);
/* harmony import */ var _plan_cache_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70769);
/* harmony import */ var _plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(20976);
// What the build's Actions cache exports cost: the blobs BuildKit's log says it uploaded, sized
// by the index entry each export wrote (read back from the cache service with the step's runtime
// token, as BuildKit itself reads it: one lookup and one download per export), which also lists
// the layers the export skipped because the cache held them. BuildKit uploads from its own
// container straight to storage, so Kiln sees no upload; what it cannot read back stays unknown.
// Loaded only when the build exported to the Actions cache.





// A report detail: a few seconds at most, never the build's time.
const QUICK = { attemptMs: 5_000, budgetMs: 8_000, attempts: 2, baseMs: 200, maxMs: 1_000 };
/** Where an export entry writes: its own url/url_v2/token attributes, else what buildx fills in from the runner's environment. */
function whereOf(entry, env) {
    const token = entry.attrs.token ?? env.ACTIONS_RUNTIME_TOKEN;
    if (!token)
        return undefined;
    if (entry.attrs.url_v2 && entry.attrs.version !== '1')
        return { version: 2, url: entry.attrs.url_v2, token };
    if (entry.attrs.url)
        return { version: 1, url: entry.attrs.url, token };
    const service = (0,_plan_cache_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsCacheService */ .ZY)(env);
    return service ? { ...service, token } : undefined;
}
/** The newest entry whose key starts with `prefix`, downloaded; undefined when there is none. */
async function newest(where, prefix) {
    let url;
    if (where.version === 2) {
        const found = await (0,_github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__/* .twirp */ .lo)(where, 'CacheService', 'GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: _plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .GHA_ENTRY_VERSION */ .li }, QUICK);
        url = found.ok === true && typeof found.signed_download_url === 'string' ? found.signed_download_url : undefined;
    }
    else {
        const query = `keys=${encodeURIComponent(prefix)}&version=${_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .GHA_ENTRY_VERSION */ .li}`;
        const res = await (0,_github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)({
            url: (0,_github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceUrl */ .Rs)(where.url, `_apis/artifactcache/cache?${query}`),
            headers: { Authorization: `Bearer ${where.token}`, Accept: 'application/json;api-version=6.0-preview.1' },
        }, QUICK);
        if (res.ok && res.status !== 204) {
            const location = JSON.parse(res.body.toString('utf8')).archiveLocation;
            url = typeof location === 'string' ? location : undefined;
        }
    }
    if (url === undefined)
        return undefined;
    const res = await (0,_github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)({ url }, QUICK);
    return res.ok ? res.body : undefined;
}
/** The index one export entry wrote, read back; undefined when it cannot be found or read. */
async function exportIndex(entry, env) {
    const where = whereOf(entry, env);
    const writeScope = where && (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .tokenWriteScope */ .V3)(where.token);
    if (!where || writeScope === undefined)
        return undefined;
    const body = await newest(where, (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .indexKeyPrefix */ .Au)(entry.attrs.scope ?? 'buildkit', writeScope));
    const layers = body && (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .indexLayers */ .$p)(body.toString('utf8'));
    return layers ? { layers, bytes: body.length } : undefined;
}
/**
 * The spend of this build's Actions cache exports (`cacheTo`: the plan's export entries): the
 * entries written from the log, and when every export's index reads back, their bytes and the
 * entries skipped. A failed read costs only those two facts, never the step.
 */
async function ghaExportSpend(written, cacheTo, env) {
    const exports = cacheTo.filter((e) => (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_2__/* .typeOf */ .QP)(e) === 'gha');
    // One index per finished export, each under its entry's scope: with fewer finished than
    // entries, which one failed is not known, so none is read.
    if (written.indexes === 0 || exports.length !== written.indexes)
        return (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .ghaSpend */ .dV)(written, undefined);
    const read = await Promise.all(exports.map((e) => exportIndex(e, env).catch(() => undefined)));
    return (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_4__/* .ghaSpend */ .dV)(written, read.every((r) => r !== undefined) ? read : undefined);
}


/***/ })

};
