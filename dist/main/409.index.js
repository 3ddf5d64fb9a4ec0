export const id = 409;
export const ids = [409];
export const modules = {

/***/ 66409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheReuse: () => (/* binding */ cacheReuse)
/* harmony export */ });
/* harmony import */ var _plan_cache_reexport_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5733);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74813);
/* harmony import */ var _build_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91579);
/* harmony import */ var _fingerprint_store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40687);




/** Undefined when Kiln does not manage the cache this build writes, or the context is not on disk. */
async function cacheReuse(request) {
    const { cache, context } = request;
    if (cache.kind !== 'managed' || cache.backend === 'inline' || cache.write === undefined || context.kind !== 'path')
        return undefined;
    const store = (0,_fingerprint_store_js__WEBPACK_IMPORTED_MODULE_3__/* .fingerprintStore */ ._)(cache, request.env, request.builder, request.tempDir);
    if (!store)
        return undefined;
    try {
        const reading = store.readWritten().catch(() => undefined);
        // The request leaves only once its HTTP module has loaded (a dynamic import, a few promise
        // turns): let it go before the fingerprint's hashing holds the thread, so the registry's
        // answer travels while this build's fingerprint is computed instead of after it.
        await new Promise((resolve) => setImmediate(resolve));
        const current = (0,_build_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .buildFingerprint */ .L)(context, request.buildArgs, request.target, {});
        const stored = await reading;
        const decision = (0,_plan_cache_reexport_js__WEBPACK_IMPORTED_MODULE_0__/* .decideReexport */ ["in"])({ cache, platforms: request.platforms, current, stored });
        _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`Kiln cache-reexport: ${JSON.stringify(decision)}`);
        return { decision, key: (0,_plan_cache_reexport_js__WEBPACK_IMPORTED_MODULE_0__/* .exportKey */ .Ei)(cache.cacheTo, request.platforms), current, stored };
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`Kiln cache-reexport: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}


/***/ })

};
