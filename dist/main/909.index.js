export const id = 909;
export const ids = [909];
export const modules = {

/***/ 6909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readVersion: () => (/* binding */ readVersion)
/* harmony export */ });
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var semver_functions_prerelease_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15714);
/* harmony import */ var semver_functions_prerelease_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(semver_functions_prerelease_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58780);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2__);
// SemVer, read once where a text is meant as a version (a Git tag, a `type=semver` rule's value),
// so the rules in plan/metadata.ts get plain fields. Only the three functions used: the whole
// package would add its range parser; and this module loads only for steps with `images`.



/** Reads a text as a version, as docker/metadata-action does (strict SemVer, a leading `v` allowed); null when it is not one. */
function readVersion(text) {
    if (!semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2___default()(text))
        return null;
    const parsed = semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_0___default()(text, { loose: true });
    if (!parsed)
        return null;
    return { raw: parsed.raw, version: parsed.version, major: parsed.major, minor: parsed.minor, patch: parsed.patch, prerelease: semver_functions_prerelease_js__WEBPACK_IMPORTED_MODULE_1___default()(text) !== null };
}


/***/ })

};
