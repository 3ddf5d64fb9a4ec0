export const id = 793;
export const ids = [793];
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

/***/ 18793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheUsage: () => (/* binding */ cacheUsage)
/* harmony export */ });
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78003);
/* harmony import */ var _plan_cache_budget_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4659);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74813);
// The repository's Actions cache usage (GET /repos/{owner}/{repo}/actions/cache/usage, with
// github-token and `actions: read`): a fact the cache plan's budget rests on (plan/step-cache.ts).
// Loaded only when the build may write to the Actions cache.



/** One quick attempt: the budget is advice, and must not hold a build up. */
const USAGE_POLICY = { attemptMs: 5_000, budgetMs: 5_000, attempts: 1, baseMs: 0, maxMs: 0 };
async function cacheUsage(repository, token, env) {
    const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
    try {
        const res = await (0,_github_http_js__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({
            url: `${api}/repos/${repository}/actions/cache/usage`,
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
        }, USAGE_POLICY);
        if (!res.ok) {
            _runner_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`Cache budget: the cache usage API answered HTTP ${res.status} (github-token needs actions: read); writing as planned`);
            return undefined;
        }
        return (0,_plan_cache_budget_js__WEBPACK_IMPORTED_MODULE_1__/* .usageFromApi */ .wR)(JSON.parse(res.body.toString('utf8')));
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`Cache budget: the cache usage API could not be asked (${error instanceof Error ? error.message : String(error)}); writing as planned`);
        return undefined;
    }
}


/***/ })

};
