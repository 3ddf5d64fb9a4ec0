export const id = 664;
export const ids = [664];
export const modules = {

/***/ 9664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   extractDockerfile: () => (/* binding */ extractDockerfile),
/* harmony export */   findCacheMounts: () => (/* binding */ findCacheMounts),
/* harmony export */   injectDockerfile: () => (/* binding */ injectDockerfile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8390);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5402);



function substitute(text, args) {
    return text.replace(/\$\{(\w+)(?::?[-+][^}]*)?\}|\$(\w+)/g, (whole, a, b) => args[a ?? b ?? ''] ?? whole);
}
/**
 * The cache mounts of the stages the build needs (the target, or the last stage, and every stage
 * it copies or mounts from), each with the base image its stage builds on. `only` keeps the
 * mounts whose target is listed (the `cache-mounts` input).
 */
function findCacheMounts(dockerfile, target, buildArgs, only) {
    const parsed = dockerfile_ast__WEBPACK_IMPORTED_MODULE_1__.DockerfileParser.parse(dockerfile);
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
    const baseOf = (stage, seen = new Set()) => {
        const parent = stageOf(stage.from);
        if (!parent || seen.has(parent.index))
            return stage.from;
        seen.add(parent.index);
        return baseOf(parent, seen);
    };
    const instructions = parsed.getInstructions();
    const inStage = (line) => [...stages].reverse().find((s) => s.start <= line);
    const mountsOf = new Map();
    const needs = new Map();
    for (const instruction of instructions) {
        const stage = inStage(instruction.getRange().start.line);
        if (!stage)
            continue;
        const deps = needs.get(stage.index) ?? new Set();
        needs.set(stage.index, deps);
        const parent = stageOf(stage.from);
        if (parent)
            deps.add(parent.index);
        const flags = instruction instanceof dockerfile_ast__WEBPACK_IMPORTED_MODULE_1__.ModifiableInstruction ? instruction.getFlags() : [];
        for (const flag of flags) {
            const value = substitute(flag.getValue() ?? '', args);
            if (flag.getName() === 'from') {
                const from = stageOf(value);
                if (from)
                    deps.add(from.index);
            }
            if (flag.getName() !== 'mount')
                continue;
            const attrs = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_2__/* .parseAttributes */ .vB)(value);
            if (attrs.from) {
                const from = stageOf(attrs.from);
                if (from)
                    deps.add(from.index);
            }
            if (instruction.getKeyword() === 'RUN' && attrs.type === 'cache') {
                mountsOf.set(stage.index, [...(mountsOf.get(stage.index) ?? []), { attrs }]);
            }
        }
    }
    const last = stages.at(-1);
    const root = target ? stageOf(target) : last;
    if (!root)
        return [];
    const needed = new Set();
    const visit = (index) => {
        if (needed.has(index))
            return;
        needed.add(index);
        for (const dep of needs.get(index) ?? [])
            visit(dep);
    };
    visit(root.index);
    const found = new Map();
    for (const stage of stages.filter((s) => needed.has(s.index))) {
        for (const { attrs } of mountsOf.get(stage.index) ?? []) {
            const mountTarget = attrs.target ?? attrs.dst ?? attrs.destination;
            if (!mountTarget)
                continue;
            const id = attrs.id ?? mountTarget;
            if (only && !only.includes(mountTarget))
                continue;
            if (found.has(id))
                continue;
            const options = Object.fromEntries(Object.entries(attrs).filter(([k]) => ['sharing', 'uid', 'gid', 'mode'].includes(k)));
            found.set(id, { id, target: mountTarget, options, base: baseOf(stage), key: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(id).digest('hex').slice(0, 12) });
        }
    }
    return [...found.values()];
}
const mountFlag = (m) => ['type=cache', `id=${m.id}`, `target=${m.target}`, ...Object.entries(m.options).map(([k, v]) => `${k}=${v}`)].join(',');
/**
 * A Dockerfile that copies the restored files (the build context, one folder per mount) into
 * BuildKit's cache mounts. KILN_NONCE keeps its RUN from being served from cache.
 */
function injectDockerfile(mounts) {
    const stages = mounts.map((m, i) => `FROM ${m.base} AS kiln-inject-${i}\nARG KILN_NONCE\n` +
        `RUN --mount=${mountFlag(m)} --mount=type=bind,source=${m.key},target=/kiln-restored \\\n` +
        `    echo "$KILN_NONCE" > /dev/null && cp -a /kiln-restored/. ${m.target}/ && mkdir -p /kiln-done && touch /kiln-done/${m.key}\n`);
    // Only the last stage is built: it depends on every injecting stage.
    const copies = mounts.map((_, i) => `COPY --from=kiln-inject-${i} /kiln-done/ /\n`);
    return `${stages.join('\n')}\nFROM scratch\n${copies.join('')}`;
}
/** A Dockerfile whose output is each cache mount's contents, one folder per mount. */
function extractDockerfile(mounts) {
    const stages = mounts.map((m, i) => `FROM ${m.base} AS kiln-extract-${i}\nARG KILN_NONCE\n` +
        `RUN --mount=${mountFlag(m)} echo "$KILN_NONCE" > /dev/null && mkdir -p /kiln-out/${m.key} && cp -a ${m.target}/. /kiln-out/${m.key}/\n`);
    const copies = mounts.map((_, i) => `COPY --from=kiln-extract-${i} /kiln-out/ /\n`);
    return `${stages.join('\n')}\nFROM scratch\n${copies.join('')}`;
}


/***/ })

};
