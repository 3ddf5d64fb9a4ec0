export const id = 497;
export const ids = [497];
export const modules = {

/***/ 8881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ restore),
/* harmony export */   U: () => (/* binding */ save)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4520);
// @actions/cache, with its scratch files kept in Kiln's temp directory: it makes folders in
// RUNNER_TEMP and does not always remove them, and Kiln leaves nothing behind (the post step
// removes its own temp directory).

async function inTemp(tempDir, fn) {
    const previous = process.env.RUNNER_TEMP;
    process.env.RUNNER_TEMP = tempDir;
    try {
        return await fn();
    }
    finally {
        if (previous === undefined)
            delete process.env.RUNNER_TEMP;
        else
            process.env.RUNNER_TEMP = previous;
    }
}
function restore(tempDir, paths, key, restoreKeys) {
    return inTemp(tempDir, () => (0,_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3)(paths, key, restoreKeys));
}
function save(tempDir, paths, key) {
    return inTemp(tempDir, () => (0,_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io)(paths, key));
}


/***/ }),

/***/ 4497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreLocalCache: () => (/* binding */ restoreLocalCache),
/* harmony export */   saveLocalCache: () => (/* binding */ saveLocalCache)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8881);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4813);
// The `local` cache backend: BuildKit reads and writes a cache directory (an OCI layout), and
// the Actions cache carries it between runs. Loaded only for that backend: @actions/cache is by
// far the heaviest module Kiln has.




/** Restores the newest entry of the first scope that has one; returns the key it restored. */
async function restoreLocalCache(local) {
    try {
        // The primary key is matched exactly and restore keys as prefixes: every scope's prefix goes
        // in the restore keys, most specific first, so the newest entry of the first scope that has
        // one is restored.
        const [first] = local.restoreKeys;
        const key = first === undefined ? undefined : await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .restore */ .P)(local.tempDir, [local.dir], first, local.restoreKeys);
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(key ? `Cache: restored ${key} into ${local.dir}` : `Cache: nothing to restore for ${local.restoreKeys.join(', ')}`);
        return key;
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`Cache: could not restore ${local.dir} (${error instanceof Error ? error.message : String(error)}); building without it`);
        return undefined;
    }
}
/** Saves the cache directory under a key of its contents, unless that is what was restored. */
async function saveLocalCache(local, restored) {
    if (!local.saveKeyPrefix)
        return;
    let index;
    try {
        index = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`${local.dir}/index.json`, 'utf8');
    }
    catch {
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`Cache: BuildKit wrote no cache to ${local.dir}; nothing saved`);
        return;
    }
    const key = `${local.saveKeyPrefix}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(index).digest('hex').slice(0, 16)}`;
    if (key === restored) {
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(`Cache: unchanged (${key}); not saved again`);
        return;
    }
    try {
        await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .save */ .U)(local.tempDir, [local.dir], key);
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(`Cache: saved ${local.dir} as ${key}`);
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`Cache: could not save ${key} (${error instanceof Error ? error.message : String(error)}); the build itself succeeded`);
    }
}


/***/ })

};
