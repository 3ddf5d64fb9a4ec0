export const id = 445;
export const ids = [445];
export const modules = {

/***/ 3445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  finishLeg: () => (/* binding */ finishLeg),
  mergeOnly: () => (/* binding */ mergeOnly),
  startLeg: () => (/* binding */ startLeg)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/inputs/errors.ts
var errors = __webpack_require__(1318);
// EXTERNAL MODULE: ./src/inputs/platforms.ts
var platforms = __webpack_require__(9625);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/inputs/annotations.ts
var inputs_annotations = __webpack_require__(539);
;// CONCATENATED MODULE: ./src/plan/fan-out.ts
// A multi-platform image built by several jobs (legs), each on a runner that runs its platforms
// natively, and assembled by whichever leg finds every platform recorded. Every decision lives
// here, on plain data: which platforms a leg builds, where the record of a leg goes, whether the
// image is complete, and which index it becomes.


/** Same OS and architecture: the variant of one machine's architecture runs natively too. */
function osArch(platform) {
    return platform.split('/').slice(0, 2).join('/');
}
/**
 * The platforms this leg builds, as `platforms` names them; an error (for `fan-out`) when it
 * would build nothing. `merge` builds nothing by design.
 */
function legPlatforms(fanOut, platforms, enginePlatform) {
    if (fanOut.mode === 'off')
        return { platforms };
    if (fanOut.mode === 'merge')
        return { platforms: [] };
    if (fanOut.mode === 'list') {
        const chosen = new Set(fanOut.platforms);
        return { platforms: platforms.filter((p) => chosen.has(p)) };
    }
    const native = platforms.filter((p) => osArch(p) === osArch(enginePlatform));
    if (native.length > 0)
        return { platforms: native };
    return {
        error: `this runner's engine runs ${enginePlatform}, none of \`platforms\` (${platforms.join(',')}): run this leg on a runner of one of them, or name its platforms instead of auto`,
    };
}
/** The repositories of `tags`, in their order: each leg pushes to all of them. */
function repositories(tags) {
    return [...new Set(tags.map((t) => (t.split('@')[0] ?? t).replace(/:[^/:]+$/, '')))];
}
/** The docs.docker.com multi-runner recipe's output: push by digest, no tag, to every repository. */
function legOutput(repos) {
    return `type=image,"name=${repos.join(',')}",push-by-digest=true,name-canonical=true,push=true`;
}
/** legOutput as the parsed `outputs` entry a leg builds with. */
function legOutputOption(repos) {
    return { raw: legOutput(repos), attrs: { type: 'image', name: repos.join(','), 'push-by-digest': 'true', 'name-canonical': 'true', push: 'true' } };
}
const INDEX_LEVELS = ['index', 'index-descriptor'];
/** Annotations that target the index in part: a leg must not apply them (its push may be one manifest). */
function forIndex(annotation) {
    return annotation.levels.some((l) => INDEX_LEVELS.includes(l));
}
/** The index annotations, as `imagetools create --annotation` takes them. */
function indexAnnotations(annotations) {
    return annotations.filter((a) => a.levels.includes('index')).map((a) => `index:${a.key}=${a.value}`);
}
/**
 * The inputs a leg sets up and builds with: only its platforms (so the builder, QEMU and the
 * per-platform cache scope follow them), pushed by digest. `setup` keeps the tags, which name the
 * image's cache scope; `build` writes no tag and leaves the index annotations to the assembly.
 */
function legInputs(inputs, platforms) {
    const setup = { ...inputs, platforms, outputs: [legOutputOption(repositories(inputs.tags))] };
    const annotations = inputs.annotations.flatMap((a) => {
        if (!forIndex(a))
            return [a];
        // The other levels of a mixed annotation (manifest,index:k=v) stay with the leg, platform and all.
        const others = a.levels.filter((l) => !INDEX_LEVELS.includes(l));
        return others.length > 0 ? [(0,inputs_annotations/* annotationOf */.lW)(others, a.key, a.value, a.platform)] : [];
    });
    const build = { ...setup, tags: [], push: false, annotations };
    return { setup, build };
}
/**
 * One image of one run: the repository, where it goes and the platform set. Another run, another
 * image pushed by the same job, or the same repositories with other tags never share records.
 */
function imageKey(repository, tags, platforms) {
    const parts = [repository, [...tags].sort().join(','), canonicalOrder(platforms).join(',')];
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}
function pair(platform) {
    return platform.replace(/\//g, '-');
}
/**
 * The records' keys in the Actions cache: one entry per platform and run attempt. A lookup asks
 * for the prefix and gets the newest attempt's; the dot ends the platform, so linux/arm never
 * matches linux/arm/v7, and the dash after the run id keeps run 12 from matching run 123.
 */
function recordPrefix(image, runId, platform) {
    return `kiln-leg-${image}-${runId}-${pair(platform)}.`;
}
function recordKey(image, runId, platform, attempt) {
    return `${recordPrefix(image, runId, platform)}${attempt}`;
}
/** Canonical platform order: each once, sorted, so every leg lists them alike. */
function canonicalOrder(platforms) {
    return [...new Set(platforms)].sort();
}
/**
 * Whether the image is complete, and the index's sources: each leg's pushed digest once, in
 * canonical platform order, from the first repository. Every leg that finds all platforms
 * computes the same list, so concurrent assemblies push the same bytes.
 */
function decideAssembly(platforms, found, repository) {
    const order = canonicalOrder(platforms);
    const records = order.map((p) => found.get(p)).filter((r) => r !== undefined);
    const missing = order.filter((p) => !found.has(p));
    if (missing.length > 0)
        return { complete: false, missing, records };
    const digests = [...new Set(records.map((r) => r.digest))];
    return { complete: true, records, sources: digests.map((d) => `${repository}@${d}`) };
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/report/fan-out-summary.ts

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** The fan-out part of the job summary: every platform known, who built it, and what happens next. */
function renderFanOutSummary(assembly, outcome) {
    const lines = ['### Fan-out', ''];
    if (assembly.complete && outcome.index) {
        const took = outcome.seconds === undefined ? '' : ` in ${(0,summary/* formatDuration */.a3)(outcome.seconds)}`;
        lines.push(`This leg found every platform recorded and assembled the index \`${outcome.index}\`${took}, tagged ${outcome.tags.map((t) => `\`${t}\``).join(', ')}.`);
    }
    else if (!assembly.complete) {
        lines.push(`Waiting for ${assembly.missing.map((p) => `\`${p}\``).join(', ')}: another leg will finish the image and tag it.`);
    }
    lines.push('', '| Platform | Digest | Leg (runner) | Duration | Emulated |', '| --- | --- | --- | --- | --- |');
    for (const r of assembly.records) {
        const leg = [r.runner, r.job && `job ${r.job}`, r.attempt && `attempt ${r.attempt}`].filter(Boolean).join(', ');
        lines.push(`| \`${r.platform}\` | \`${r.digest}\` | ${cell(leg)} | ${(0,summary/* formatDuration */.a3)(r.seconds)} | ${r.emulated ? 'yes (QEMU)' : 'no'} |`);
    }
    if (!assembly.complete)
        for (const p of assembly.missing)
            lines.push(`| \`${p}\` | not yet recorded | | | |`);
    const emulated = assembly.records.filter((r) => r.emulated).map((r) => r.platform);
    lines.push('', emulated.length === 0 ? 'Nothing was emulated: every platform was built natively by its own leg.' : `Emulated under QEMU: ${emulated.join(', ')}.`, '');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/report/manifest.ts
var report_manifest = __webpack_require__(7333);
// EXTERNAL MODULE: ./src/report/registry.ts + 1 modules
var registry = __webpack_require__(2009);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/setup/docker.ts
var docker = __webpack_require__(8645);
// EXTERNAL MODULE: ./src/setup/login.ts
var login = __webpack_require__(9732);
// EXTERNAL MODULE: ./src/setup/temp-dir.ts
var temp_dir = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/step-state.ts + 1 modules
var step_state = __webpack_require__(5148);
;// CONCATENATED MODULE: ./src/fanout/records.ts
// The legs' records in the Actions cache service (v2, the Twirp API github.com serves), spoken
// directly: a record is a few hundred bytes of JSON, and @actions/cache would spend two processes
// (tar, zstd) per entry and version entries by file path and compressor, which differ between
// runners. One constant version makes every leg, on any runner, find every other leg's entry.


const SERVICE = 'twirp/github.actions.results.api.v1.CacheService';
const VERSION = (0,external_node_crypto_.createHash)('sha256').update('kiln fan-out record v1').digest('hex');
/** The service as the runner offers it to JavaScript actions, or why fan-out cannot use it. */
function recordStore(env) {
    const token = env.ACTIONS_RUNTIME_TOKEN;
    const url = env.ACTIONS_RESULTS_URL;
    const v2 = env.ACTIONS_CACHE_SERVICE_V2 !== undefined && !['', 'false', '0'].includes(env.ACTIONS_CACHE_SERVICE_V2);
    if (!token || !url || !v2) {
        return {
            error: "fan-out keeps each leg's digest in the Actions cache service (v2), which this runner does not offer (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2 must be set, as GitHub sets them for JavaScript steps). " +
                'GitHub Enterprise Server still serves the v1 service, which fan-out does not speak: build all platforms in one job there.',
        };
    }
    const base = url.endsWith('/') ? url : `${url}/`;
    const call = async (method, body) => {
        const res = await fetchRetrying(`${base}${SERVICE}/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok)
            throw new Error(`the Actions cache service answered ${method} with HTTP ${res.status}: ${text.slice(0, 300)}`);
        return JSON.parse(text);
    };
    return {
        async write(key, record) {
            const created = await call('CreateCacheEntry', { key, version: VERSION });
            const upload = created.signed_upload_url;
            if (created.ok !== true || typeof upload !== 'string')
                throw new Error(`the Actions cache service refused to create ${key}`);
            const body = Buffer.from(JSON.stringify(record));
            const put = await fetchRetrying(upload, {
                method: 'PUT',
                headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'Content-Type': 'application/json' },
                body,
            });
            if (!put.ok)
                throw new Error(`uploading ${key} to the Actions cache failed with HTTP ${put.status}`);
            const done = await call('FinalizeCacheEntryUpload', { key, version: VERSION, size_bytes: String(body.length) });
            if (done.ok !== true)
                throw new Error(`the Actions cache service refused to finalize ${key}`);
        },
        async read(prefix, platform) {
            const found = await call('GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: VERSION });
            const download = found.signed_download_url;
            if (found.ok !== true || typeof download !== 'string' || download === '')
                return undefined;
            const res = await fetchRetrying(download, {});
            if (!res.ok)
                throw new Error(`downloading ${String(found.matched_key)} from the Actions cache failed with HTTP ${res.status}`);
            return parseRecord(await res.text(), platform);
        },
    };
}
/**
 * A record as read back, its platform parsed as the inputs' are; undefined when it is not one
 * (another writer, another format) or is another platform's.
 */
function parseRecord(text, platform) {
    try {
        const r = JSON.parse(text);
        const str = (v) => (typeof v === 'string' ? v : '');
        if (typeof r.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(r.digest) || (0,platforms/* normalizePlatform */.FL)(str(r.platform)) !== platform)
            return undefined;
        return {
            platform,
            digest: r.digest,
            runner: str(r.runner),
            job: str(r.job),
            seconds: typeof r.seconds === 'number' ? r.seconds : 0,
            emulated: r.emulated === true,
            attempt: str(r.attempt),
        };
    }
    catch {
        return undefined;
    }
}
/** The service's transient failures (network, 5xx, 429) are retried briefly, as its clients do. */
async function fetchRetrying(url, init, attempts = 3) {
    for (let attempt = 1;; attempt++) {
        try {
            const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
            if (attempt >= attempts || (res.status < 500 && res.status !== 429))
                return res;
        }
        catch (error) {
            if (attempt >= attempts)
                throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
}

;// CONCATENATED MODULE: ./src/fanout/leg.ts
// A fan-out leg's effects: before the build, what it builds and where its record goes; after
// it, write its record, read every leg's, and assemble the index when the image is complete.
// Write first, read after: of two legs finishing together, at least the later reader sees both
// records, and if both do, both push the same index bytes, so the race is harmless.













/** Everything a leg needs decided before anything runs; bad fan-out fails here. */
function startLeg(inputs, enginePlatform, ctx, env) {
    const chosen = legPlatforms(inputs.fanOut, inputs.platforms, enginePlatform);
    if ('error' in chosen)
        throw new errors/* InputError */.dz('fan-out', inputs.fanOut.mode, chosen.error);
    const store = recordStore(env);
    if ('error' in store)
        throw new Error(store.error);
    const { setup, build } = legInputs(inputs, chosen.platforms);
    const image = imageKey(ctx.repository, inputs.tags, inputs.platforms);
    const leg = { platforms: chosen.platforms, setup, build, image, repos: repositories(inputs.tags), store };
    if (inputs.fanOut.mode !== 'merge') {
        runner/* info */.pq(`Fan-out: this leg builds ${chosen.platforms.join(', ')} of ${canonicalOrder(inputs.platforms).join(', ')} and pushes it by digest to ${leg.repos.join(', ')}; the leg that finds every platform recorded assembles and tags the index`);
    }
    return leg;
}
/** Every platform's newest record in this run, read in parallel. */
async function readRecords(leg, inputs, runId) {
    const platforms = canonicalOrder(inputs.platforms);
    const found = await Promise.all(platforms.map((p) => leg.store.read(recordPrefix(leg.image, runId, p), p)));
    return new Map(found.flatMap((r) => (r ? [[r.platform, r]] : [])));
}
/**
 * One index over the legs' pushes (their attestation manifests included), with the index
 * annotations, pushed to every repository under every tag. `imagetools create` writes no
 * timestamp, so the same sources in the same order always give the same bytes. Its dry run,
 * alongside, prints those bytes (plus a newline): the index is known without reading it back,
 * unless the push names another digest.
 */
async function assemble(sources, inputs, env) {
    const started = performance.now();
    const args = ['buildx', 'imagetools', 'create', '--progress', 'plain'];
    for (const a of indexAnnotations(inputs.annotations))
        args.push('--annotation', a);
    for (const t of inputs.tags)
        args.push('--tag', t);
    const [created, dry] = await Promise.all([(0,docker/* dockerOutput */.oH)([...args, ...sources], env), (0,docker/* dockerOutput */.oH)([...args, '--dry-run', ...sources], env)]);
    if (created.exitCode !== 0)
        throw new Error(`Fan-out: assembling the index failed (docker ${args.join(' ')} ${sources.join(' ')}): ${(0,docker/* failureLines */.w7)(created.stderr)}`);
    const bytes = dry.exitCode === 0 && dry.raw.at(-1) === 0x0a ? dry.raw.subarray(0, -1) : dry.raw;
    let manifest = dry.exitCode === 0 ? (0,report_manifest/* readManifest */.WI)(bytes, 'unknown/unknown') : undefined;
    if (!manifest || !created.stderr.includes(`pushing ${manifest.digest} `))
        manifest = (0,report_manifest/* readManifest */.WI)(await (0,registry/* fetchManifest */.C)(inputs.tags[0] ?? '', env), 'unknown/unknown');
    return { manifest, seconds: (performance.now() - started) / 1000 };
}
/** Reads the records, assembles when complete, and reports; the result the outputs show. */
async function conclude(leg, inputs, ctx, env, own) {
    const started = performance.now();
    const found = await readRecords(leg, inputs, ctx.runId);
    const assembly = decideAssembly(inputs.platforms, found, leg.repos[0] ?? '');
    if (!assembly.complete) {
        runner/* info */.pq(`Fan-out: ${assembly.missing.join(', ')} not recorded yet: another leg will finish the image and tag it`);
        if (inputs.summary)
            runner/* appendSummary */.fe(renderFanOutSummary(assembly, { tags: inputs.tags }));
        if (own)
            return own;
        throw new Error(`Fan-out merge: ${assembly.missing.join(', ')} not recorded in run ${ctx.runId}; run this job after every leg (needs:) and check that the legs succeeded`);
    }
    const { manifest, seconds } = await assemble(assembly.sources, inputs, env);
    const total = (performance.now() - started) / 1000;
    runner/* info */.pq(`Fan-out: every platform recorded; assembled ${manifest.digest} from ${assembly.sources.join(', ')} and tagged ${inputs.tags.join(', ')} (records read and index pushed in ${total.toFixed(2)} s, imagetools ${seconds.toFixed(2)} s)`);
    if (inputs.summary)
        runner/* appendSummary */.fe(renderFanOutSummary(assembly, { index: manifest.digest, tags: inputs.tags, seconds: total }));
    return { imageId: own?.imageId ?? '', metadata: own?.metadata ?? '', digest: manifest.digest, manifest, tags: inputs.tags };
}
/** After the leg's build: what it pushed, its records, then the assembly if the image is complete. */
async function finishLeg(leg, inputs, metadataFile, ctx, env, how) {
    const metadata = (0,external_node_fs_.readFileSync)(metadataFile, 'utf8');
    const digest = JSON.parse(metadata)['containerimage.digest'];
    if (typeof digest !== 'string' || digest === '')
        throw new Error("Fan-out: buildx reported no digest for this leg's push; nothing to record");
    const manifest = (0,report_manifest/* readManifest */.WI)(await (0,registry/* fetchManifest */.C)(`${leg.repos[0] ?? ''}@${digest}`, env), (0,platforms/* onlyPlatform */.wl)(leg.platforms) || 'unknown/unknown');
    const emulated = new Set(how.emulated);
    const writing = performance.now();
    await Promise.all(canonicalOrder(leg.platforms).map((platform) => {
        const record = {
            platform,
            digest,
            runner: env.RUNNER_NAME ?? '',
            job: env.GITHUB_JOB ?? '',
            seconds: Math.round(how.seconds * 10) / 10,
            emulated: emulated.has(platform),
            attempt: ctx.runAttempt,
        };
        return leg.store.write(recordKey(leg.image, ctx.runId, platform, ctx.runAttempt), record);
    }));
    runner/* info */.pq(`Fan-out: recorded ${canonicalOrder(leg.platforms).join(', ')} = ${digest} for run ${ctx.runId} (in ${((performance.now() - writing) / 1000).toFixed(2)} s)`);
    return conclude(leg, inputs, ctx, env, { imageId: '', metadata, digest, manifest, tags: [] });
}
/** `fan-out: merge`: assembles from the legs' records without building anything. */
async function mergeOnly(inputs, ctx, env) {
    // A merge builds nothing: the engine's platform plays no part.
    const leg = startLeg(inputs, (0,platforms/* normalizePlatform */.FL)(''), ctx, env);
    // The merge job pushes the index and its tags: it logs in as a leg does (no builder, no QEMU).
    const tempDir = (0,temp_dir/* makeTempDir */.mk)(ctx.runnerTemp);
    (0,step_state/* stateWriter */.bp)(runner/* saveState */.LZ).tempDir(tempDir);
    (0,login/* logIn */.E8)(inputs, repositories(inputs.tags), ctx, env, tempDir);
    const result = await conclude(leg, inputs, ctx, env, undefined);
    const { setOutputs } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 5468));
    setOutputs(result, { builder: '', qemuPlatforms: [], seconds: performance.now() / 1000 });
}


/***/ })

};
