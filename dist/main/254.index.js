export const id = 254;
export const ids = [254];
export const modules = {

/***/ 3254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeCacheService: () => (/* binding */ probeCacheService)
/* harmony export */ });
/* harmony import */ var _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9203);

// A version no entry has: the lookup is a miss on a working service.
const PROBE_VERSION = '0'.repeat(64);
async function lookup(service, token, deadlineMs) {
    const base = service.url.endsWith('/') ? service.url : `${service.url}/`;
    const signal = AbortSignal.timeout(deadlineMs);
    const auth = { Authorization: `Bearer ${token}` };
    try {
        const res = service.version === 2
            ? await fetch(`${base}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`, {
                method: 'POST',
                headers: { ...auth, 'Content-Type': 'application/json' },
                body: JSON.stringify({ key: 'kiln-probe', restore_keys: [], version: PROBE_VERSION }),
                signal,
            })
            : await fetch(`${base}_apis/artifactcache/cache?keys=kiln-probe&version=${PROBE_VERSION}`, {
                headers: { ...auth, Accept: 'application/json;api-version=6.0-preview.1' },
                signal,
            });
        await res.arrayBuffer();
        return { status: res.status };
    }
    catch (error) {
        const timedOut = signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
        return timedOut ? { failed: 'timeout', message: 'no answer' } : { failed: 'error', message: cause };
    }
}
async function probeCacheService(service, token, deadlineMs = _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_0__/* .CACHE_SERVICE_LIMITS */ .KV.probeMs) {
    const down = (0,_plan_cache_service_js__WEBPACK_IMPORTED_MODULE_0__/* .probeProblem */ .EJ)(await lookup(service, token, deadlineMs), deadlineMs);
    if (down)
        return { service: down };
    const gha = (0,_plan_cache_service_js__WEBPACK_IMPORTED_MODULE_0__/* .tokenProblem */ .jV)(token, Date.now() / 1000);
    return gha ? { gha } : {};
}


/***/ })

};
