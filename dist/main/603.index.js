export const id = 603;
export const ids = [603];
export const modules = {

/***/ 30603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseDockerfile: () => (/* binding */ parseDockerfile),
/* harmony export */   substitute: () => (/* binding */ substitute)
/* harmony export */ });
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78390);
/* harmony import */ var _lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67560);
// A Dockerfile as plain data: its stages and their FROM images with ARGs expanded, what each
// stage builds on or copies from, and its RUN cache mounts. The target check, the base images
// (registry logins, a builder's network) and the cache mounts all plan from this one value.
// Loaded lazily, with dockerfile-ast, only by the steps that need one of those.


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
/** The Dockerfile `text` as plain data, its FROM lines and flags expanded with the global ARGs and `buildArgs` over them. */
// Parsed on every call, no tree kept between calls: a step parses its Dockerfile once at set-up
// (setup/apply-setup.ts), and a second time at read time only when `target` is set.
function parseDockerfile(text, buildArgs) {
    const parsed = dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__.DockerfileParser.parse(text);
    const args = {};
    // Global ARGs (before the first FROM) give FROM lines and flags their defaults; build-args win.
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
        line: from.getRange().start.line,
        needs: [],
    }));
    const stageOf = (ref) => stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref)?.index;
    const needs = new Map();
    for (const stage of stages) {
        stage.parent = stageOf(stage.from);
        needs.set(stage.index, new Set(stage.parent === undefined ? [] : [stage.parent]));
    }
    const cacheMounts = [];
    const inStage = (line) => [...stages].reverse().find((s) => s.line <= line);
    for (const instruction of parsed.getInstructions()) {
        const line = instruction.getRange().start.line;
        const stage = inStage(line);
        if (!stage)
            continue;
        const deps = needs.get(stage.index) ?? new Set();
        const flags = 'getFlags' in instruction ? instruction.getFlags() : [];
        for (const flag of flags) {
            const value = substitute(flag.getValue() ?? '', args);
            const name = flag.getName();
            if (name === 'from') {
                const from = stageOf(value);
                if (from !== undefined)
                    deps.add(from);
            }
            if (name !== 'mount')
                continue;
            const attrs = (0,_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .parseAttributes */ .vB)(value);
            if (attrs.from) {
                const from = stageOf(attrs.from);
                if (from !== undefined)
                    deps.add(from);
            }
            if (instruction.getKeyword() === 'RUN' && attrs.type === 'cache')
                cacheMounts.push({ stage: stage.index, line, attrs });
        }
    }
    for (const stage of stages)
        stage.needs = [...(needs.get(stage.index) ?? [])];
    return { stages, cacheMounts };
}


/***/ })

};
