export const id = 7;
export const ids = [7];
export const modules = {

/***/ 30007:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   servedBefore: () => (/* binding */ servedBefore),
/* harmony export */   unchangedLine: () => (/* binding */ unchangedLine)
/* harmony export */ });
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77333);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92009);


/** The manifest `ref` served before the push; undefined when the registry serves none (or cannot be read). */
async function servedBefore(ref, env) {
    try {
        return (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .readManifest */ .WI)(await (0,_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .fetchManifest */ .C)(ref, env), 'unknown/unknown');
    }
    catch {
        return undefined;
    }
}
/**
 * The line for the log and the summary when the push changed nothing; undefined otherwise. The
 * same index is unchanged outright; an index whose images are all the same differs only in its
 * provenance attestations, which record when the build ran.
 */
function unchangedLine(ref, before, pushed) {
    if (!before || !pushed)
        return undefined;
    if (before.digest === pushed.digest)
        return `Unchanged: ${ref} already served ${pushed.digest} before this push (same commit, same image).`;
    const was = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .platformDigests */ .Hm)(before);
    const now = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .platformDigests */ .Hm)(pushed);
    const platforms = Object.keys(now);
    if (platforms.length === 0 || platforms.length !== Object.keys(was).length || platforms.some((p) => was[p] !== now[p]))
        return undefined;
    return `Unchanged images: ${ref} already served the same image manifests (${platforms.map((p) => `${p} ${now[p] ?? ''}`).join(', ')}) before this push; only the index is new (${pushed.digest}), its provenance records when this build ran.`;
}


/***/ })

};
