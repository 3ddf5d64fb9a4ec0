export const id = 649;
export const ids = [649];
export const modules = {

/***/ 1649:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   baseImages: () => (/* binding */ baseImages),
/* harmony export */   readStages: () => (/* binding */ readStages),
/* harmony export */   substitute: () => (/* binding */ substitute)
/* harmony export */ });
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8390);

/** Shell-style ARG expansion as BuildKit does it: $V, ${V}, ${V:-default}, ${V-default}, ${V:+alt}, ${V+alt}. */
function substitute(text, args) {
    return text.replace(/\$\{(\w+)(:?[-+])([^}]*)\}|\$\{(\w+)\}|\$(\w+)/g, (whole, name, op, word, braced, bare) => {
        if (name !== undefined && op !== undefined) {
            const value = args[name];
            const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
            return op.endsWith('-') ? (set ? (value ?? '') : (word ?? '')) : set ? (word ?? '') : '';
        }
        const key = braced ?? bare ?? '';
        return key in args ? (args[key] ?? '') : whole;
    });
}
/** A Dockerfile's stages, their FROM lines expanded with the global ARGs and build-args. */
function readStages(dockerfile, buildArgs) {
    const parsed = dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__.DockerfileParser.parse(dockerfile);
    const args = {};
    // Global ARGs (before the first FROM) give FROM lines their defaults; build-args win.
    const firstFrom = parsed.getFROMs()[0]?.getRange().start.line ?? Infinity;
    for (const arg of parsed.getARGs()) {
        const property = arg.getProperty();
        if (arg.getRange().start.line < firstFrom && property?.getName())
            args[property.getName()] = property.getValue() ?? '';
    }
    Object.assign(args, buildArgs);
    const stages = parsed.getFROMs().map((from, index) => ({
        index,
        name: from.getBuildStage()?.toLowerCase(),
        from: substitute(from.getImage() ?? '', args),
        start: from.getRange().start.line,
    }));
    const stageOf = (ref) => stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
    return { parsed, stages, args, stageOf, expand: (text) => substitute(text, args) };
}
/** The images the Dockerfile's stages build on (not earlier stages, not scratch). */
function baseImages(dockerfile, buildArgs) {
    const { stages, stageOf } = readStages(dockerfile, buildArgs);
    return [...new Set(stages.filter((s) => s.from !== '' && s.from.toLowerCase() !== 'scratch' && !stageOf(s.from)).map((s) => s.from))];
}


/***/ })

};
