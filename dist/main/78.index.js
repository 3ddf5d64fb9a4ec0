export const id = 78;
export const ids = [78];
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

/***/ 72078:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cacheUsage: () => (/* binding */ cacheUsage),
  withinBudget: () => (/* binding */ withinBudget)
});

// EXTERNAL MODULE: ./src/github/http.ts
var http = __webpack_require__(78003);
// EXTERNAL MODULE: ./src/inputs/buildx-option.ts
var buildx_option = __webpack_require__(66243);
;// CONCATENATED MODULE: ./src/plan/cache-budget.ts
// What the Actions cache may cost: the repository's usage against its limit decides whether this
// build writes as planned, writes less (mode=min) or nothing. Pure: the usage is fetched by
// setup/cache-usage.ts.

const GB = 1024 ** 3;
const CACHE_BUDGET = {
    /** GitHub's Actions cache per repository, unless an admin pays for more. */
    limitBytes: 10 * GB,
    /** Writes stop above this part of the limit: eviction is hourly, and evicts the default branch too. */
    stopAt: 0.9,
    /** A write may add up to this part of the limit: nearer than that to stopAt, a build writes mode=min. */
    writeShare: 0.1,
    /** A pull request's build may add at most this part of the limit, and only while that fits under stopAt. */
    pullRequestShare: 0.05,
};
const gb = (bytes) => `${(bytes / GB).toFixed(1)} GB`;
/**
 * How much this build may write to the Actions cache. A pull request writes nothing when its share
 * would take the repository over stopAt; any other build writes nothing over stopAt and mode=min
 * when a full write (writeShare) would cross it.
 */
function budgetDecision(usage, pullRequest) {
    const stop = usage.limitBytes * CACHE_BUDGET.stopAt;
    const held = `the repository's Actions cache holds ${gb(usage.bytes)} of its ${gb(usage.limitBytes)}`;
    if (usage.bytes >= stop)
        return { write: 'nothing', limited: `${held} (${Math.round(CACHE_BUDGET.stopAt * 100)}% or more): nothing written` };
    if (pullRequest) {
        const share = usage.limitBytes * CACHE_BUDGET.pullRequestShare;
        if (usage.bytes + share > stop) {
            return {
                write: 'nothing',
                limited: `${held}: a pull request's share (${gb(share)}) would take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this pull request writes nothing`,
            };
        }
        return { write: 'as-planned' };
    }
    if (usage.bytes + usage.limitBytes * CACHE_BUDGET.writeShare > stop) {
        return { write: 'min', limited: `${held}: a full write could take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this build writes mode=min` };
    }
    return { write: 'as-planned' };
}
/** The plan this decision leaves: the same, its exports at mode=min, or nothing written anywhere. */
function applyBudget(plan, decision) {
    if (decision.write === 'as-planned' || plan.kind !== 'managed' || plan.write === undefined)
        return plan;
    if (decision.write === 'min') {
        return { ...plan, mode: 'min', cacheTo: plan.cacheTo.map((entry) => (0,buildx_option/* optionFrom */.iQ)({ ...entry.attrs, mode: 'min' })) };
    }
    return {
        ...plan,
        write: undefined,
        cacheTo: [],
        ...(plan.local ? { local: { ...plan.local, saveKeyPrefix: undefined } } : {}),
    };
}
/** The cache usage API's answer (`GET /repos/{owner}/{repo}/actions/cache/usage`), read defensively. */
function usageFromApi(body, limitBytes = CACHE_BUDGET.limitBytes) {
    const bytes = body?.active_caches_size_in_bytes;
    return typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? { bytes, limitBytes } : undefined;
}

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
;// CONCATENATED MODULE: ./src/setup/cache-usage.ts



/** One quick attempt: the budget is advice, and must not hold a build up. */
const USAGE_POLICY = { attemptMs: 5_000, budgetMs: 5_000, attempts: 1, baseMs: 0, maxMs: 0 };
async function cacheUsage(repository, token, env) {
    const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
    try {
        const res = await (0,http/* send */.tN)({
            url: `${api}/repos/${repository}/actions/cache/usage`,
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
        }, USAGE_POLICY);
        if (!res.ok) {
            runner/* info */.pq(`Cache budget: the cache usage API answered HTTP ${res.status} (github-token needs actions: read); writing as planned`);
            return undefined;
        }
        return usageFromApi(JSON.parse(res.body.toString('utf8')));
    }
    catch (error) {
        runner/* info */.pq(`Cache budget: the cache usage API could not be asked (${error instanceof Error ? error.message : String(error)}); writing as planned`);
        return undefined;
    }
}
/**
 * The plan within the repository's Actions cache budget: asked only when the plan writes to the
 * Actions cache (gha, or local carried by it) and a github-token is there.
 */
async function withinBudget(plan, ctx, token, env) {
    if (plan.kind !== 'managed' || (plan.backend !== 'gha' && plan.backend !== 'local') || plan.write === undefined || token === '' || ctx.repository === '') {
        return plan;
    }
    const usage = await cacheUsage(ctx.repository, token, env);
    if (!usage)
        return plan;
    const decision = budgetDecision(usage, plan.rule === 'pull-request');
    if (decision.limited === undefined)
        return plan;
    const said = `Cache budget: ${decision.limited}.`;
    runner/* warning */.$e(said, { title: 'Cache budget' });
    const limited = applyBudget(plan, decision);
    return { ...limited, limited: decision.limited, warnings: [...limited.warnings, said] };
}


/***/ })

};
