export const id = 673;
export const ids = [673];
export const modules = {

/***/ 9664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A$: () => (/* binding */ extractDockerfile),
/* harmony export */   W3: () => (/* binding */ cacheMountsOf),
/* harmony export */   ku: () => (/* binding */ injectDockerfile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7560);


/**
 * The cache mounts of the stages the build needs (the target, or the last stage, and every stage
 * it copies or mounts from), each with the base image its stage builds on. `only` keeps the
 * mounts whose target is listed (the `cache-mounts` input).
 */
function cacheMountsOf(dockerfile, target, only) {
    const { parsed, stages, stageOf, expand } = dockerfile;
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
        // Not `instanceof`: a value import of dockerfile-ast here would split its lazy chunks in two.
        const flags = 'getFlags' in instruction ? instruction.getFlags() : [];
        for (const flag of flags) {
            const value = expand(flag.getValue() ?? '');
            if (flag.getName() === 'from') {
                const from = stageOf(value);
                if (from)
                    deps.add(from.index);
            }
            if (flag.getName() !== 'mount')
                continue;
            const attrs = (0,_inputs_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .parseAttributes */ .vB)(value);
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


/***/ }),

/***/ 8881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ restore),
/* harmony export */   UN: () => (/* binding */ save)
/* harmony export */ });
/* unused harmony exports serviceBudget, cachePath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4520);
/* harmony import */ var _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9203);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4813);
// @actions/cache, with everything it touches kept in this step's own temp directory: its scratch
// files (it makes folders in RUNNER_TEMP and does not always remove them), and the directories it
// restores and saves. Two Kiln steps on one machine (matrix legs on a self-hosted host) must never
// share a directory, yet @actions/cache versions an entry by the path strings it is given, so the
// same entry must be asked for with the same paths on every runner. Both hold when the paths are
// given relative to the step's temp directory (`kiln-cache/<scope>`, `kiln-mounts/<key>`): the
// strings, hence the versions, are the same everywhere, and the files land in this step's own
// directory. @actions/cache resolves relative paths against GITHUB_WORKSPACE (tar) and the working
// directory (glob), so both point at the temp directory while it runs.




/**
 * Every restore of a step shares one deadline, every save another; after the first clear failure
 * (a deadline passed, an error thrown) the service is not asked again in this step. @actions/cache
 * has no deadline of its own (its lookups retry 5xx answers for ~20 s, and a service that accepts
 * connections but never answers holds it forever): what runs past the deadline is abandoned, and
 * the main step exits when it is done (src/main.ts) instead of waiting for it.
 */
const serviceBudget = new _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .ServiceBudget */ .rP({ restore: _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV.restoreMs, save: _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV.saveMs });
async function guarded(phase, what, skipped, fn) {
    if (serviceBudget.problem !== undefined)
        return skipped;
    const left = serviceBudget.left(phase, Date.now());
    let timer;
    const late = new Promise((resolve) => {
        timer = setTimeout(() => {
            resolve({ late: true });
        }, left);
    });
    const giveUp = (problem) => {
        if (serviceBudget.giveUp(problem))
            _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`The Actions cache service ${problem}: Kiln skipped ${what} and every later cache restore and save of this step (the build itself is not affected).`);
    };
    try {
        const outcome = await Promise.race([fn().then((value) => ({ value })), late]);
        if ('late' in outcome) {
            giveUp(`did not finish this step's cache ${phase}s within ${(phase === 'restore' ? _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV.restoreMs : _plan_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV.saveMs) / 1000} s`);
            return skipped;
        }
        return outcome.value;
    }
    catch (error) {
        giveUp(`failed (${error instanceof Error ? error.message : String(error)})`);
        return skipped;
    }
    finally {
        clearTimeout(timer);
    }
}
let inside = 0;
let saved;
const restoreEnv = (name, value) => {
    if (value !== undefined)
        process.env[name] = value;
    else if (name === 'RUNNER_TEMP')
        delete process.env.RUNNER_TEMP;
    else
        delete process.env.GITHUB_WORKSPACE;
};
// Restores and saves run concurrently, all with the same temp directory: the first one in moves
// the process there, the last one out moves it back.
async function inTemp(tempDir, fn) {
    if (inside++ === 0) {
        saved = { cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE };
        process.env.RUNNER_TEMP = tempDir;
        process.env.GITHUB_WORKSPACE = tempDir;
        process.chdir(tempDir);
    }
    try {
        return await fn();
    }
    finally {
        if (--inside === 0 && saved) {
            process.chdir(saved.cwd);
            // An abandoned restore still extracts relative to GITHUB_WORKSPACE, should it ever finish:
            // into this step's temp directory then, never into the user's workspace.
            if (serviceBudget.problem === undefined) {
                restoreEnv('RUNNER_TEMP', saved.temp);
                restoreEnv('GITHUB_WORKSPACE', saved.workspace);
            }
            saved = undefined;
        }
    }
}
/** The path @actions/cache is given for a directory inside the temp directory: the same string on every runner. */
function cachePath(tempDir, dir) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(tempDir, dir);
    if (relative.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(relative))
        throw new Error(`${dir} is not inside ${tempDir}`);
    return relative.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}
function restore(tempDir, dirs, key, restoreKeys) {
    const paths = dirs.map((d) => cachePath(tempDir, d));
    return inTemp(tempDir, () => guarded('restore', `restoring ${paths.join(', ')}`, undefined, () => (0,_actions_cache__WEBPACK_IMPORTED_MODULE_1__/* .restoreCache */ .P3)(paths, key, restoreKeys)));
}
/**
 * Whether the entry was stored. @actions/cache reports most failures (a key another job took, a
 * service that does not answer) with a warning of its own and -1, not an exception.
 */
async function save(tempDir, dirs, key) {
    const paths = dirs.map((d) => cachePath(tempDir, d));
    return (await inTemp(tempDir, () => guarded('save', `saving ${key}`, -1, () => (0,_actions_cache__WEBPACK_IMPORTED_MODULE_1__/* .saveCache */ .Io)(paths, key)))) !== -1;
}


/***/ }),

/***/ 3298:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yg: () => (/* binding */ findCacheMounts),
/* harmony export */   kA: () => (/* binding */ saveMounts),
/* harmony export */   xH: () => (/* binding */ restoreMounts)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _plan_cache_mounts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9664);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4813);
/* harmony import */ var _actions_cache_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8881);
/* harmony import */ var _docker_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8645);
// RUN --mount=type=cache contents kept across runs: restored from the Actions cache and copied
// into BuildKit's cache mounts before the build, copied out and saved after it. Loaded only for
// builds whose Dockerfile has cache mounts and whose cache persists (gha or local backends).







// Set-up and the target check load the Dockerfile reader as a lazy chunk of its own; a static
// import would bundle a second copy of it into this module's chunk.
const { readStages } = await Promise.all(/* import() */[__webpack_require__.e(839), __webpack_require__.e(649)]).then(__webpack_require__.bind(__webpack_require__, 1649));
/** The Dockerfile's cache mounts the build needs (see plan/cache-mounts.ts). */
function findCacheMounts(dockerfile, target, buildArgs, only) {
    return (0,_plan_cache_mounts_js__WEBPACK_IMPORTED_MODULE_3__/* .cacheMountsOf */ .W3)(readStages(dockerfile, buildArgs), target, only);
}
const keyPrefix = (scope, m) => `kiln-mount-${scope}-${m.key}-`;
const dirOf = (c, m) => node_path__WEBPACK_IMPORTED_MODULE_2__.join(c.root, m.key);
/** A fingerprint of a directory's files (paths, sizes, times): equal means nothing to save. */
function fingerprint(dir) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const walk = (d) => {
        for (const name of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(d).sort()) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(d, name);
            const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(file);
            hash.update(`${node_path__WEBPACK_IMPORTED_MODULE_2__.relative(dir, file)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\0${stat.mode}\n`);
            if (stat.isDirectory())
                walk(file);
        }
    };
    walk(dir);
    return hash.digest('hex').slice(0, 16);
}
async function build(c, dockerfile, name, output, context) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(c.tempDir, name);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, dockerfile);
    const { exitCode, stderr } = await (0,_docker_js__WEBPACK_IMPORTED_MODULE_6__/* .dockerOutput */ .oH)(['buildx', 'build', ...c.builder, '--file', file, '--build-arg', `KILN_NONCE=${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`, '--output', output, '--provenance', 'false', context], c.env);
    return exitCode === 0
        ? undefined
        : stderr
            .split('\n')
            .filter((l) => l.includes('ERROR'))
            .slice(-2)
            .join(' | ') || `exit code ${exitCode}`;
}
/** Restores each mount's newest entry (most specific scope first) and copies it into BuildKit. Returns the restored keys by mount id. */
async function restoreMounts(mounts, c) {
    const restored = new Map();
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(c.root, { recursive: true, force: true });
    // Concurrently: they share one deadline (actions-cache.ts).
    await Promise.all(mounts.map(async (m) => {
        const prefixes = c.reads.map((s) => keyPrefix(s, m));
        const [first] = prefixes;
        try {
            const key = first === undefined ? undefined : await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_5__/* .restore */ .PF)(c.tempDir, [dirOf(c, m)], first, prefixes);
            if (key)
                restored.set(m.id, key);
        }
        catch (error) {
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(`Cache mount ${m.target}: could not restore (${error instanceof Error ? error.message : String(error)})`);
        }
    }));
    const found = mounts.filter((m) => restored.has(m.id));
    if (found.length === 0) {
        _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq(`Cache mounts: ${mounts.map((m) => m.target).join(', ')}: nothing saved yet`);
        return restored;
    }
    const failed = await build(c, (0,_plan_cache_mounts_js__WEBPACK_IMPORTED_MODULE_3__/* .injectDockerfile */ .ku)(found), 'inject.Dockerfile', 'type=cacheonly', c.root);
    if (failed)
        _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(`Cache mounts: could not put the restored files into BuildKit's cache mounts (${failed}); the build runs without them`);
    else
        _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq(`Cache mounts: restored ${found.map((m) => `${m.target} (${restored.get(m.id) ?? ''})`).join(', ')}`);
    return restored;
}
/** After a successful build: copies the mounts out of BuildKit and saves each one that changed. */
async function saveMounts(mounts, restored, c) {
    if (c.write === undefined || mounts.length === 0)
        return;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(c.root, { recursive: true, force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(c.root, { recursive: true });
    // Nothing of the context is used: an empty directory keeps anything else out of the build.
    const empty = node_path__WEBPACK_IMPORTED_MODULE_2__.join(c.tempDir, 'empty-context');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(empty, { recursive: true });
    const failed = await build(c, (0,_plan_cache_mounts_js__WEBPACK_IMPORTED_MODULE_3__/* .extractDockerfile */ .A$)(mounts), 'extract.Dockerfile', `type=local,dest=${c.root}`, empty);
    if (failed) {
        _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(`Cache mounts: could not copy them out of BuildKit (${failed}); not saved`);
        return;
    }
    const write = c.write;
    await Promise.all(mounts.map(async (m) => {
        const dir = dirOf(c, m);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(dir, { recursive: true });
        const key = `${keyPrefix(write, m)}${fingerprint(dir)}`;
        if (key === restored.get(m.id)) {
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq(`Cache mount ${m.target}: unchanged (${key}); not saved again`);
            return;
        }
        try {
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq((await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_5__/* .save */ .UN)(c.tempDir, [dir], key))
                ? `Cache mount ${m.target}: saved as ${key}`
                : `Cache mount ${m.target}: ${key} was not saved (see the Actions cache's message above)`);
        }
        catch (error) {
            _runner_js__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(`Cache mount ${m.target}: could not save ${key} (${error instanceof Error ? error.message : String(error)})`);
        }
    }));
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ saveLocalCache),
/* harmony export */   k: () => (/* binding */ restoreLocalCache)
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
        const key = first === undefined ? undefined : await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .restore */ .PF)(local.tempDir, [local.dir], first, local.restoreKeys);
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
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq((await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .save */ .UN)(local.tempDir, [local.dir], key))
            ? `Cache: saved ${local.dir} as ${key}`
            : `Cache: ${key} was not saved (see the Actions cache's message above); the build itself succeeded`);
    }
    catch (error) {
        _runner_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`Cache: could not save ${key} (${error instanceof Error ? error.message : String(error)}); the build itself succeeded`);
    }
}


/***/ }),

/***/ 4673:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findCacheMounts: () => (/* reexport safe */ _cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__.Yg),
/* harmony export */   restoreLocalCache: () => (/* reexport safe */ _local_cache_js__WEBPACK_IMPORTED_MODULE_0__.k),
/* harmony export */   restoreMounts: () => (/* reexport safe */ _cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__.xH),
/* harmony export */   saveLocalCache: () => (/* reexport safe */ _local_cache_js__WEBPACK_IMPORTED_MODULE_0__.j),
/* harmony export */   saveMounts: () => (/* reexport safe */ _cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__.kA)
/* harmony export */ });
/* harmony import */ var _local_cache_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4497);
/* harmony import */ var _cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3298);
var __webpack_async_dependencies__ = __webpack_handle_async_dependencies__([_cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__]);
_cache_mounts_js__WEBPACK_IMPORTED_MODULE_1__ = (__webpack_async_dependencies__.then ? (await __webpack_async_dependencies__)() : __webpack_async_dependencies__)[0];
// Everything that carries state between runs through the Actions cache, behind one lazy import:
// @actions/cache and the Dockerfile parser load only for builds that use them, and once.



__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } });

/***/ })

};
