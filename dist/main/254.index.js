export const id = 254;
export const ids = [254];
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

/***/ 13254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeCacheService: () => (/* binding */ probeCacheService)
/* harmony export */ });
/* harmony import */ var _github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31814);
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78003);
/* harmony import */ var _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19203);
// One lookup of a key that does not exist, with a short deadline, before Kiln chooses a cache
// backend that needs the Actions cache service: a service that hangs, fails or refuses the token
// then costs seconds once, instead of minutes in every restore, save, import and export.



// A version no entry has: the lookup is a miss on a working service.
const PROBE_VERSION = '0'.repeat(64);
/** One attempt, no retry: the probe is there to find out fast. */
async function lookup(service, token, deadlineMs) {
    const auth = { Authorization: `Bearer ${token}` };
    const once = { attempts: 1, attemptMs: deadlineMs, budgetMs: deadlineMs, baseMs: 0, maxMs: 0 };
    try {
        const res = service.version === 2
            ? await (0,_github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)({
                method: 'POST',
                url: (0,_github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__/* .twirpUrl */ .Gx)(service.url, 'CacheService', 'GetCacheEntryDownloadURL'),
                headers: auth,
                json: { key: 'kiln-probe', restore_keys: [], version: PROBE_VERSION },
            }, once)
            : await (0,_github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)({
                url: (0,_github_actions_service_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceUrl */ .Rs)(service.url, `_apis/artifactcache/cache?keys=kiln-probe&version=${PROBE_VERSION}`),
                headers: { ...auth, Accept: 'application/json;api-version=6.0-preview.1' },
            }, once);
        return { status: res.status };
    }
    catch (error) {
        if (error instanceof _github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$ && error.kind === 'timeout')
            return { failed: 'timeout', message: 'no answer' };
        return { failed: 'error', message: error instanceof _github_http_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$ ? error.detail : String(error) };
    }
}
async function probeCacheService(service, token, deadlineMs = _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV.probeMs) {
    const down = (0,_plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .probeProblem */ .EJ)(await lookup(service, token, deadlineMs), deadlineMs);
    if (down)
        return { service: down };
    const gha = (0,_plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .tokenProblem */ .jV)(token, Date.now() / 1000);
    return gha ? { gha } : {};
}


/***/ })

};
