export const id = 455;
export const ids = [455];
export const modules = {

/***/ 60455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cacheMountsOf: () => (/* reexport */ cacheMountsOf),
  restoreLocalCache: () => (/* reexport */ restoreLocalCache),
  restoreMounts: () => (/* reexport */ restoreMounts),
  saveLocalCache: () => (/* reexport */ saveLocalCache),
  saveMounts: () => (/* reexport */ saveMounts)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 355 modules
var cache = __webpack_require__(44520);
// EXTERNAL MODULE: ./src/plan/cache-service.ts
var cache_service = __webpack_require__(19203);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
;// CONCATENATED MODULE: ./src/setup/actions-cache.ts
// @actions/cache, with everything it touches kept in this step's own temp directory: its scratch
// files (it makes folders in RUNNER_TEMP and does not always remove them), and the directories it
// restores and saves. Two Kiln steps on one machine (matrix legs on a self-hosted host) must never
// share a directory, yet @actions/cache versions an entry by the path strings it is given, so the
// same entry must be asked for with the same paths on every runner. Both hold when the paths are
// given relative to the step's temp directory (`kiln-cache/<scope>`, `kiln-mounts/<key>`): the
// strings, hence the versions, are the same everywhere, and the files land in this step's own
// directory. @actions/cache resolves relative paths against GITHUB_WORKSPACE (tar) and the working
// directory (glob), so both point at the temp directory while it runs.




async function guarded(serviceBudget, phase, what, skipped, fn) {
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
            runner/* warning */.$e(`The Actions cache service ${problem}: Kiln skipped ${what} and every later cache restore and save of this step (the build itself is not affected).`);
    };
    try {
        const outcome = await Promise.race([fn().then((value) => ({ value })), late]);
        if ('late' in outcome) {
            giveUp(`did not finish this step's cache ${phase}s within ${(phase === 'restore' ? cache_service/* CACHE_SERVICE_LIMITS */.KV.restoreMs : cache_service/* CACHE_SERVICE_LIMITS */.KV.saveMs) / 1000} s`);
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
let entered;
const putBack = (name, value) => {
    if (value !== undefined)
        process.env[name] = value;
    else if (name === 'RUNNER_TEMP')
        delete process.env.RUNNER_TEMP;
    else
        delete process.env.GITHUB_WORKSPACE;
};
/**
 * Runs `fn` with the working directory, RUNNER_TEMP and GITHUB_WORKSPACE at `dir`, and puts them
 * back when the last use of `dir` ends. `keepEnv` (an abandoned restore may still extract, should
 * it ever finish: into the temp directory then, never into the user's workspace) leaves the
 * variables at `dir`.
 */
async function inDirectory(dir, fn, keepEnv = () => false) {
    while (entered && entered.dir !== dir)
        await entered.left;
    if (!entered) {
        const gate = {};
        const left = new Promise((resolve) => {
            gate.leave = resolve;
        });
        const leave = () => gate.leave?.();
        entered = { dir, inside: 0, saved: { cwd: process.cwd(), temp: process.env.RUNNER_TEMP, workspace: process.env.GITHUB_WORKSPACE }, left, leave };
        process.env.RUNNER_TEMP = dir;
        process.env.GITHUB_WORKSPACE = dir;
        process.chdir(dir);
    }
    const mine = entered;
    mine.inside++;
    try {
        return await fn();
    }
    finally {
        if (--mine.inside === 0) {
            process.chdir(mine.saved.cwd);
            if (!keepEnv()) {
                putBack('RUNNER_TEMP', mine.saved.temp);
                putBack('GITHUB_WORKSPACE', mine.saved.workspace);
            }
            entered = undefined;
            mine.leave();
        }
    }
}
/** The path @actions/cache is given for a directory inside the temp directory: the same string on every runner. */
function cachePath(tempDir, dir) {
    const relative = external_node_path_.relative(tempDir, dir);
    if (relative.startsWith('..') || external_node_path_.isAbsolute(relative))
        throw new Error(`${dir} is not inside ${tempDir}`);
    return relative.split(external_node_path_.sep).join('/');
}
function restore(budget, tempDir, dirs, key, restoreKeys) {
    const paths = dirs.map((d) => cachePath(tempDir, d));
    return inDirectory(tempDir, () => guarded(budget, 'restore', `restoring ${paths.join(', ')}`, undefined, () => (0,cache/* restoreCache */.P3)(paths, key, restoreKeys)), () => budget.problem !== undefined);
}
/**
 * Whether the entry was stored. @actions/cache reports most failures (a key another job took, a
 * service that does not answer) with a warning of its own and -1, not an exception.
 */
async function save(budget, tempDir, dirs, key) {
    const paths = dirs.map((d) => cachePath(tempDir, d));
    return ((await inDirectory(tempDir, () => guarded(budget, 'save', `saving ${key}`, -1, () => (0,cache/* saveCache */.Io)(paths, key)), () => budget.problem !== undefined)) !== -1);
}

;// CONCATENATED MODULE: ./src/setup/local-cache.ts
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
        const key = first === undefined ? undefined : await restore(local.budget, local.tempDir, [local.dir], first, local.restoreKeys);
        runner/* info */.pq(key ? `Cache: restored ${key} into ${local.dir}` : `Cache: nothing to restore for ${local.restoreKeys.join(', ')}`);
        return key;
    }
    catch (error) {
        runner/* warning */.$e(`Cache: could not restore ${local.dir} (${error instanceof Error ? error.message : String(error)}); building without it`);
        return undefined;
    }
}
/** Saves the cache directory under a key of its contents, unless that is what was restored. */
async function saveLocalCache(local, restored) {
    if (!local.saveKeyPrefix)
        return;
    let index;
    try {
        index = (0,external_node_fs_.readFileSync)(`${local.dir}/index.json`, 'utf8');
    }
    catch {
        runner/* warning */.$e(`Cache: BuildKit wrote no cache to ${local.dir}; nothing saved`);
        return;
    }
    const key = `${local.saveKeyPrefix}${(0,external_node_crypto_.createHash)('sha256').update(index).digest('hex').slice(0, 16)}`;
    if (key === restored) {
        runner/* info */.pq(`Cache: unchanged (${key}); not saved again`);
        return;
    }
    try {
        runner/* info */.pq((await save(local.budget, local.tempDir, [local.dir], key))
            ? `Cache: saved ${local.dir} as ${key}`
            : `Cache: ${key} was not saved (see the Actions cache's message above); the build itself succeeded`);
    }
    catch (error) {
        runner/* warning */.$e(`Cache: could not save ${key} (${error instanceof Error ? error.message : String(error)}); the build itself succeeded`);
    }
}

// EXTERNAL MODULE: ./src/plan/dockerfile-stages.ts
var dockerfile_stages = __webpack_require__(11649);
;// CONCATENATED MODULE: ./src/plan/cache-mounts.ts


/**
 * The cache mounts of the stages the build needs (the target, or the last stage, and every stage
 * it copies or mounts from), each with the base image its stage builds on. `only` keeps the
 * mounts whose target is listed (the `cache-mounts` input).
 */
function cacheMountsOf(dockerfile, target, only) {
    const { stages } = dockerfile;
    const baseOf = (stage, seen = new Set()) => {
        const parent = stage.parent === undefined ? undefined : stages[stage.parent];
        if (!parent || seen.has(parent.index))
            return stage.from;
        seen.add(parent.index);
        return baseOf(parent, seen);
    };
    const root = target ? (0,dockerfile_stages/* stageNamed */.a)(dockerfile, target) : stages.at(-1);
    if (!root)
        return [];
    const needed = new Set();
    const visit = (index) => {
        if (needed.has(index))
            return;
        needed.add(index);
        for (const dep of stages[index]?.needs ?? [])
            visit(dep);
    };
    visit(root.index);
    const found = new Map();
    for (const stage of stages.filter((s) => needed.has(s.index))) {
        for (const { attrs } of dockerfile.cacheMounts.filter((m) => m.stage === stage.index)) {
            const mountTarget = attrs.target ?? attrs.dst ?? attrs.destination;
            if (!mountTarget)
                continue;
            const id = attrs.id ?? mountTarget;
            if (only && !only.includes(mountTarget))
                continue;
            if (found.has(id))
                continue;
            const options = Object.fromEntries(Object.entries(attrs).filter(([k]) => ['sharing', 'uid', 'gid', 'mode'].includes(k)));
            found.set(id, { id, target: mountTarget, options, base: baseOf(stage), key: (0,external_node_crypto_.createHash)('sha256').update(id).digest('hex').slice(0, 12) });
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

// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
;// CONCATENATED MODULE: ./src/setup/cache-mounts.ts
// RUN --mount=type=cache contents kept across runs: restored from the Actions cache and copied
// into BuildKit's cache mounts before the build, copied out and saved after it. Loaded only for
// builds whose Dockerfile has cache mounts and whose cache persists (gha or local backends).







const keyPrefix = (scope, m) => `kiln-mount-${scope}-${m.key}-`;
const dirOf = (c, m) => external_node_path_.join(c.root, m.key);
/** A fingerprint of a directory's files (paths, sizes, times): equal means nothing to save. */
function fingerprint(dir) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const walk = (d) => {
        for (const name of (0,external_node_fs_.readdirSync)(d).sort()) {
            const file = external_node_path_.join(d, name);
            const stat = (0,external_node_fs_.statSync)(file);
            hash.update(`${external_node_path_.relative(dir, file)}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\0${stat.mode}\n`);
            if (stat.isDirectory())
                walk(file);
        }
    };
    walk(dir);
    return hash.digest('hex').slice(0, 16);
}
async function build(c, dockerfile, name, output, context) {
    const file = external_node_path_.join(c.tempDir, name);
    (0,external_node_fs_.writeFileSync)(file, dockerfile);
    const { exitCode, stderr } = await (0,docker/* dockerOutput */.oH)(['buildx', 'build', ...c.builder, '--file', file, '--build-arg', `KILN_NONCE=${(0,external_node_crypto_.randomUUID)()}`, '--output', output, '--provenance', 'false', context], c.env);
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
    (0,external_node_fs_.rmSync)(c.root, { recursive: true, force: true });
    // Concurrently: they share one deadline (actions-cache.ts).
    await Promise.all(mounts.map(async (m) => {
        const prefixes = c.reads.map((s) => keyPrefix(s, m));
        const [first] = prefixes;
        try {
            const key = first === undefined ? undefined : await restore(c.budget, c.tempDir, [dirOf(c, m)], first, prefixes);
            if (key)
                restored.set(m.id, key);
        }
        catch (error) {
            runner/* warning */.$e(`Cache mount ${m.target}: could not restore (${error instanceof Error ? error.message : String(error)})`);
        }
    }));
    const found = mounts.filter((m) => restored.has(m.id));
    if (found.length === 0) {
        runner/* info */.pq(`Cache mounts: ${mounts.map((m) => m.target).join(', ')}: nothing saved yet`);
        return restored;
    }
    const failed = await build(c, injectDockerfile(found), 'inject.Dockerfile', 'type=cacheonly', c.root);
    if (failed)
        runner/* warning */.$e(`Cache mounts: could not put the restored files into BuildKit's cache mounts (${failed}); the build runs without them`);
    else
        runner/* info */.pq(`Cache mounts: restored ${found.map((m) => `${m.target} (${restored.get(m.id) ?? ''})`).join(', ')}`);
    return restored;
}
/** After a successful build: copies the mounts out of BuildKit and saves each one that changed. */
async function saveMounts(mounts, restored, c) {
    if (c.write === undefined || mounts.length === 0)
        return;
    (0,external_node_fs_.rmSync)(c.root, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(c.root, { recursive: true });
    // Nothing of the context is used: an empty directory keeps anything else out of the build.
    const empty = external_node_path_.join(c.tempDir, 'empty-context');
    (0,external_node_fs_.mkdirSync)(empty, { recursive: true });
    const failed = await build(c, extractDockerfile(mounts), 'extract.Dockerfile', `type=local,dest=${c.root}`, empty);
    if (failed) {
        runner/* warning */.$e(`Cache mounts: could not copy them out of BuildKit (${failed}); not saved`);
        return;
    }
    const write = c.write;
    await Promise.all(mounts.map(async (m) => {
        const dir = dirOf(c, m);
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        const key = `${keyPrefix(write, m)}${fingerprint(dir)}`;
        if (key === restored.get(m.id)) {
            runner/* info */.pq(`Cache mount ${m.target}: unchanged (${key}); not saved again`);
            return;
        }
        try {
            runner/* info */.pq((await save(c.budget, c.tempDir, [dir], key))
                ? `Cache mount ${m.target}: saved as ${key}`
                : `Cache mount ${m.target}: ${key} was not saved (see the Actions cache's message above)`);
        }
        catch (error) {
            runner/* warning */.$e(`Cache mount ${m.target}: could not save ${key} (${error instanceof Error ? error.message : String(error)})`);
        }
    }));
}

;// CONCATENATED MODULE: ./src/setup/persist.ts
// Everything that carries state between runs through the Actions cache, behind one lazy import:
// @actions/cache loads only for builds that use it, and once.





/***/ })

};
