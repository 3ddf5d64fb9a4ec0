export const id = 247;
export const ids = [247];
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

/***/ 60247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uploadBuildRecord: () => (/* binding */ uploadBuildRecord)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/github/actions-service.ts
var actions_service = __webpack_require__(31814);
// EXTERNAL MODULE: ./src/github/http.ts
var http = __webpack_require__(78003);
// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/report/build-record.ts
// The build record as a workflow artifact: the pure parts (names, the service's identifiers,
// the zip around the record). The effects are in upload-record.ts, loaded only when asked for.


/** `builder/node/id` (the metadata file's `buildx.build.ref`) → its builder and record id. */
function parseBuildRef(ref) {
    const parts = ref.split('/');
    const [builder, , id] = parts;
    if (parts.length !== 3 || !builder || !id)
        return undefined;
    return { builder, id };
}
/** docker/build-push-action's artifact name: `owner~repo~ID6.dockerbuild`. */
function recordArtifactName(repository, id) {
    const [owner = 'local', repo = 'local'] = repository.split('/');
    return `${owner}~${repo}~${id.slice(0, 6).toUpperCase()}.dockerbuild`;
}
/**
 * The workflow run's and job's ids the artifact service files an artifact under, from the
 * runtime token's `scp` claim (`Actions.Results:<run>:<job>`), as @actions/artifact reads them.
 */
function backendIds(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return undefined;
    let scp;
    try {
        scp = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).scp;
    }
    catch {
        return undefined;
    }
    if (typeof scp !== 'string')
        return undefined;
    for (const scope of scp.split(' ')) {
        const [name, run, job, ...rest] = scope.split(':');
        if (name === 'Actions.Results' && run && job && rest.length === 0)
            return { workflowRunBackendId: run, workflowJobRunBackendId: job };
    }
    return undefined;
}
/** The artifact's expiry for `days` of retention (RFC 3339, as the Twirp JSON Timestamp); none for the default. */
function expiresAt(days, now) {
    if (!days)
        return undefined;
    const at = new Date(now);
    at.setDate(at.getDate() + days);
    return at.toISOString();
}
/**
 * A zip holding `data` as one stored entry `name`: the form the artifact service serves (its
 * downloads are zips of the uploaded files). The record is already gzip-compressed, so the entry
 * is stored, not deflated: a few dozen bytes of headers, which a zip library would not improve.
 */
function zipOne(name, data, modified = new Date()) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = (0,external_node_zlib_.crc32)(data);
    // MS-DOS time and date, as every zip reader expects them.
    const time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | Math.floor(modified.getSeconds() / 2);
    const date = ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 name
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(0, 42); // the local header's offset
    const centralOffset = local.length + fileName.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + fileName.length, 12);
    end.writeUInt32LE(centralOffset, 16);
    return Buffer.concat([local, fileName, data, central, fileName, end]);
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

;// CONCATENATED MODULE: ./src/report/upload-record.ts
// Uploads the build record as a workflow artifact through the Actions artifact service (the v4
// protocol @actions/artifact 2.x speaks: Twirp JSON at ACTIONS_RESULTS_URL, the runtime token as
// bearer, the bytes to a signed blob URL). Loaded only when the upload is asked for. An upload
// is a convenience: it never fails the step, and each request has a deadline (src/github/http.ts).






const EXPORT_TIMEOUT_MS = 30_000;
/** The record's bytes may take longer than a service call. */
const UPLOAD_POLICY = { ...http/* SERVICE_POLICY */.pZ, attemptMs: 120_000, budgetMs: 180_000 };
/** Exports the record with buildx, then creates, uploads and finalizes the artifact. Throws with the reason. */
async function uploadBuildRecord(upload) {
    const { env } = upload;
    const parsed = parseBuildRef(upload.ref);
    if (!parsed)
        throw new Error(`buildx reported no build reference (buildx.build.ref is ${JSON.stringify(upload.ref)})`);
    const service = (0,actions_service/* resultsService */.UD)(env);
    if (!service)
        throw new Error('the Actions artifact service is not offered here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only for JavaScript steps of a GitHub Actions job)');
    const ids = backendIds(service.token);
    if (!ids)
        throw new Error('ACTIONS_RUNTIME_TOKEN carries no Actions.Results scope, so the artifact service cannot file the artifact');
    const name = recordArtifactName(upload.repository, parsed.id);
    const file = external_node_path_.join(upload.tempDir, name);
    // --finalize: the record is complete (trace included) before it is exported.
    const exported = await (0,docker/* dockerOutput */.oH)(['buildx', 'history', 'export', '--builder', parsed.builder, '--finalize', parsed.id, '-o', file], env, {
        timeoutMs: EXPORT_TIMEOUT_MS,
    });
    if (exported.exitCode !== 0)
        throw new Error(`buildx history export failed: ${exported.stderr.trim() || 'no answer in time'}`);
    const zip = zipOne(name, (0,external_node_fs_.readFileSync)(file));
    const expires = expiresAt(upload.retentionDays, new Date());
    const created = await (0,actions_service/* twirp */.lo)(service, 'ArtifactService', 'CreateArtifact', {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name,
        version: 4,
        ...(expires ? { expires_at: expires } : {}),
    });
    const signedUrl = created.signed_upload_url;
    if (created.ok !== true || typeof signedUrl !== 'string' || signedUrl === '')
        throw new Error('CreateArtifact: the service did not accept the artifact');
    const put = await (0,http/* send */.tN)({
        method: 'PUT',
        url: signedUrl,
        headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/zip', 'Content-Length': String(zip.length) },
        body: zip,
    }, UPLOAD_POLICY);
    if (put.status !== 201)
        throw new Error(`blob upload: HTTP ${put.status}`);
    const finalized = await (0,actions_service/* twirp */.lo)(service, 'ArtifactService', 'FinalizeArtifact', {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name,
        size: String(zip.length),
        hash: `sha256:${sha256Hex(zip)}`,
    });
    if (finalized.ok !== true)
        throw new Error('FinalizeArtifact: the service did not accept the upload');
    const id = finalized.artifact_id;
    return { name, artifactId: typeof id === 'string' || typeof id === 'number' ? String(id) : '', size: zip.length };
}


/***/ })

};
