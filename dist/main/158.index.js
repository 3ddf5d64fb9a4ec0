export const id = 158;
export const ids = [158];
export const modules = {

/***/ 58158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  explainCacheMiss: () => (/* binding */ explainCacheMiss)
});

;// CONCATENATED MODULE: ./src/plan/cache-miss.ts
const MAX_TEXT = 80;
const MAX_PATHS = 10;
function shorten(text, max = MAX_TEXT) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
const ref = (s) => ({ stage: s.stage, n: s.n, line: s.line, text: shorten(s.text) });
const counter = (name) => /^\[[^\]]*?(\d+)\/\d+\]/.exec(name)?.[1];
/**
 * Per platform the log built: the first step (in Dockerfile order) that ran instead of coming
 * from the cache, and why. FROM steps are left out: a fresh runner pulls its base even when
 * every later step is cached. `platform`: the one a log without platforms built.
 */
function firstMisses(current, previous, log, platform) {
    const index = new Map(current.steps.map((s, i) => [`${s.stage}\0${s.n}`, i]));
    const missed = new Map();
    for (const step of log) {
        const on = step.platform ?? platform;
        if (step.instruction === undefined)
            continue;
        if (!missed.has(on))
            missed.set(on, Infinity);
        const n = counter(step.name);
        if (step.cached || step.instruction.startsWith('FROM ') || n === undefined)
            continue;
        const i = index.get(`${step.stage ?? ''}\0${n}`);
        if (i !== undefined)
            missed.set(on, Math.min(missed.get(on) ?? Infinity, i));
    }
    return [...missed].map(([on, i]) => {
        const step = current.steps[i];
        if (step === undefined)
            return { platform: on };
        const { cause, at } = causeOf(current, previous, step, on);
        const firstMiss = { step: ref(step), cause };
        if (at)
            firstMiss.at = ref(at);
        if (previous.scope !== undefined && previous.fingerprint)
            firstMiss.comparedWith = previous.scope;
        return { platform: on, firstMiss };
    });
}
function causeOf(current, previous, missed, platform) {
    const old = previous.fingerprint;
    if (!old)
        return { cause: { kind: 'nothing-to-compare', why: 'no-fingerprint', scopes: previous.scopes } };
    const other = old.dockerfile !== current.dockerfile ? 'other-dockerfile' : old.target !== current.target ? 'other-target' : undefined;
    if (other)
        return { cause: { kind: 'nothing-to-compare', why: other, scopes: previous.scope === undefined ? previous.scopes : [previous.scope] } };
    const stages = upstream(current.needs, missed.stage);
    const candidates = current.steps.filter((s) => (s.stage === missed.stage ? s.n <= missed.n : stages.has(s.stage)));
    const before = new Map(old.steps.map((s) => [`${s.stage}\0${s.n}`, s]));
    for (const step of candidates) {
        const cause = changed(step, before.get(`${step.stage}\0${step.n}`), old.bases[platform]?.[step.stage], current.bases[platform]?.[step.stage]);
        if (cause)
            return step === missed ? { cause } : { cause, at: step };
    }
    return { cause: { kind: 'not-in-cache' } };
}
/** The stages `stage` builds on or copies from, transitively (itself excluded). */
function upstream(needs, stage) {
    const seen = new Set();
    const todo = [...(needs[stage] ?? [])];
    for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
        if (seen.has(s) || s === stage)
            continue;
        seen.add(s);
        todo.push(...(needs[s] ?? []));
    }
    return seen;
}
function changed(now, then, oldBase, newBase) {
    if (then?.text !== now.text)
        return then ? { kind: 'instruction', old: shorten(then.text), new: shorten(now.text) } : { kind: 'instruction', new: shorten(now.text) };
    if (now.text.startsWith('FROM ') && oldBase !== undefined && newBase !== undefined && oldBase !== newBase) {
        return { kind: 'base-image', old: oldBase, new: newBase };
    }
    const names = differing(then.args, now.args);
    if (names.length > 0)
        return { kind: 'build-arg', names };
    const paths = differing(then.files, now.files);
    if (paths.length > 0)
        return { kind: 'files', paths: paths.slice(0, MAX_PATHS), more: Math.max(0, paths.length - MAX_PATHS) };
    return undefined;
}
/** Keys added, removed or with another value, sorted. */
function differing(a = {}, b = {}) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].filter((k) => a[k] !== b[k]).sort();
}

// EXTERNAL MODULE: ./src/plan/cache-reexport.ts
var cache_reexport = __webpack_require__(5733);
// EXTERNAL MODULE: ./src/plan/fingerprint.ts
var fingerprint = __webpack_require__(71731);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
;// CONCATENATED MODULE: ./src/report/cache-miss-summary.ts
const code = (text) => `\`${text.replace(/`/g, "'")}\``;
const stepName = (s) => `${code(`[${s.stage ? `${s.stage} ` : ''}${s.n}] ${s.text}`)} (Dockerfile line ${s.line})`;
const cache_miss_summary_short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
function because(cause) {
    switch (cause.kind) {
        case 'instruction':
            return cause.old === undefined ? 'the step is new' : `the instruction changed: ${code(cause.old)} → ${code(cause.new)}`;
        case 'build-arg':
            return `build argument${cause.names.length > 1 ? 's' : ''} ${cause.names.map(code).join(', ')} changed`;
        case 'files':
            return `context files changed: ${cause.paths.map(code).join(', ')}${cause.more > 0 ? ` and ${cause.more} more` : ''}`;
        case 'base-image':
            return `the base image resolved to another digest: ${code(cache_miss_summary_short(cause.old))} → ${code(cache_miss_summary_short(cause.new))}`;
        case 'nothing-to-compare':
            return cause.why === 'no-fingerprint'
                ? `nothing to compare with: no earlier build's fingerprint in ${cause.scopes.length > 0 ? cause.scopes.map(code).join(', ') : 'any scope (none is read)'}`
                : `nothing to compare with: ${cause.scopes.map(code).join(', ')} was written by a build of another ${cause.why === 'other-dockerfile' ? 'Dockerfile' : 'target'}`;
        case 'not-in-cache':
            return 'nothing Kiln tracks changed: the cache did not hold this step (evicted, written with mode=min, or not written yet)';
    }
}
/** Markdown: a heading and one line per platform; '' when there is nothing to say. */
function renderCacheMisses(misses) {
    if (misses.length === 0)
        return '';
    const lines = misses.map(({ platform, firstMiss: m }) => {
        const on = platform ? `**${platform}**: ` : '';
        if (!m)
            return `- ${on}every step came from the cache`;
        const at = m.at ? ` (at ${stepName(m.at)})` : '';
        const compared = m.comparedWith ? `, compared with the build that wrote ${code(m.comparedWith)}` : '';
        return `- ${on}${stepName(m.step)} ran: ${because(m.cause)}${at}${compared}`;
    });
    return `### Why did the cache miss?\n\n${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/report/build-fingerprint.ts
var build_fingerprint = __webpack_require__(91579);
// EXTERNAL MODULE: ./src/report/steps.ts
var steps = __webpack_require__(70021);
// EXTERNAL MODULE: ./src/report/fingerprint-store.ts + 1 modules
var fingerprint_store = __webpack_require__(40687);
;// CONCATENATED MODULE: ./src/report/cache-miss.ts








/**
 * Explains each platform's first cache miss and stores this build's fingerprint. Undefined when
 * there is nothing to explain: no cache Kiln manages, or a context not on disk.
 */
async function explainCacheMiss(request) {
    const { cache, context } = request;
    if (cache.kind !== 'managed' || cache.backend === 'inline' || context.kind !== 'path')
        return undefined;
    const store = (0,fingerprint_store/* fingerprintStore */._)(cache, request.env, request.builder, request.tempDir);
    if (!store)
        return undefined;
    try {
        const { reuse } = request;
        // The scope written is the first read: what was read before the build is what this read would find.
        const known = reuse?.stored && cache.reads[0] === cache.write ? reuse.stored : undefined;
        const reading = known ? Promise.resolve(known) : store.read().catch(() => undefined);
        const bases = (0,fingerprint/* baseDigests */.Bi)(request.steps, request.platform);
        const current = reuse ? { ...reuse.current, bases } : (0,build_fingerprint/* buildFingerprint */.L)(context, request.buildArgs, request.target, bases);
        const previous = await reading;
        const misses = firstMisses(current, { fingerprint: previous?.fingerprint, scope: previous?.scope, scopes: cache.reads }, request.steps, request.platform);
        runner/* debug */.Yz(`Kiln cache-miss: ${JSON.stringify(misses)}`);
        // Skipped export: the stored record stays while the cache holds this build; otherwise it stops
        // claiming an export, so that the next build exports again.
        const skipped = reuse?.decision.skip === true;
        const after = skipped
            ? (0,cache_reexport/* afterSkippedExport */.FY)({
                ran: request.steps.filter((s) => (0,steps/* isDockerfileStep */.xo)(s) && !s.cached).length,
                importProblems: request.importProblems,
                bases,
                storedBases: reuse.stored?.fingerprint.bases ?? {},
            })
            : undefined;
        if (after && !after.holds)
            runner/* info */.pq(after.line);
        if (cache.write !== undefined && after?.holds !== true) {
            const exported = request.exported && !skipped ? reuse?.key : undefined;
            await store.write({ scope: cache.write, fingerprint: current, ...(exported ? { exported } : {}) }).catch((error) => {
                runner/* info */.pq(`Cache: the build's fingerprint was not stored (${error instanceof Error ? error.message : String(error)}); the next build cannot say why it missed`);
            });
        }
        // The summary says whether the cache was exported again, beside why it missed.
        const exportLine = reuse?.decision.skip ? `${after?.holds ? reuse.decision.line : (after?.line ?? '')}\n\n` : '';
        return { misses, summary: exportLine + renderCacheMisses(misses) };
    }
    catch (error) {
        runner/* info */.pq(`Cache: could not tell why the cache missed (${error instanceof Error ? error.message : String(error)})`);
        return undefined;
    }
}


/***/ })

};
