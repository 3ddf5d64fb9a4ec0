export const id = 445;
export const ids = [445];
export const modules = {

/***/ 73445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assembleMerge: () => (/* binding */ assembleMerge),
  finishLeg: () => (/* binding */ finishLeg),
  startLeg: () => (/* binding */ startLeg),
  startMerge: () => (/* binding */ startMerge)
});

// EXTERNAL MODULE: ./src/build/metadata-file.ts
var metadata_file = __webpack_require__(94754);
// EXTERNAL MODULE: ./src/inputs/errors.ts
var errors = __webpack_require__(91318);
// EXTERNAL MODULE: ./src/inputs/platforms.ts
var platforms = __webpack_require__(69625);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/inputs/annotations.ts
var inputs_annotations = __webpack_require__(20539);
// EXTERNAL MODULE: ./src/plan/image-ref.ts
var image_ref = __webpack_require__(68646);
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
    return [...new Set(tags.map(image_ref/* imageName */.tO))];
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
 * A validation leg's output (`push: false`, a pull request's run): the cache-only exporter builds
 * every step and exports nothing, so no builder is demanded beyond the engine's own and nothing
 * lands in the image store either.
 */
const VALIDATION_OUTPUT = { raw: 'type=cacheonly', attrs: { type: 'cacheonly' } };
/**
 * The inputs a leg sets up and builds with: only its platforms (so the builder, QEMU and the
 * per-platform cache scope follow them), pushed by digest, or with `push: false` exported nowhere
 * (a validation build). `setup` keeps the tags, which name the image's cache scope; `build` writes
 * no tag and leaves the index annotations to the assembly.
 */
function legInputs(inputs, platforms) {
    if (!inputs.push) {
        const setup = { ...inputs, platforms, outputs: [VALIDATION_OUTPUT] };
        return { setup, build: { ...setup, tags: [], annotations: [] } };
    }
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

// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var summary = __webpack_require__(35023);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(91935);
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
    // Where the time went: one bar per leg (report/timeline.ts).
    const chart = (0,timeline/* legsTimeline */.Ti)(assembly.records);
    if (chart.length > 0)
        lines.push('', '```mermaid', ...chart, '```');
    lines.push('', emulated.length === 0 ? 'Nothing was emulated: every platform was built natively by its own leg.' : `Emulated under QEMU: ${emulated.join(', ')}.`, '');
    return lines.join('\n');
}
/** A `push: false` leg's (or merge job's) part of the summary: what it validated, and that nothing else happened. */
function renderValidationSummary(built, platforms) {
    const what = built.length > 0
        ? `This leg built ${built.map((p) => `\`${p}\``).join(', ')} of ${platforms.map((p) => `\`${p}\``).join(', ')} as a validation build (\`push: false\`)`
        : `This merge job ran with \`push: false\`: the legs were validation builds`;
    return ['### Fan-out', '', `${what}: nothing was exported or pushed, no record was written and no index assembled.`, ''].join('\n');
}

// EXTERNAL MODULE: ./src/report/manifest.ts
var report_manifest = __webpack_require__(77333);
// EXTERNAL MODULE: ./src/report/registry.ts + 1 modules
var registry = __webpack_require__(92009);
// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
// EXTERNAL MODULE: ./src/github/actions-service.ts
var actions_service = __webpack_require__(31814);
// EXTERNAL MODULE: ./src/github/http.ts
var http = __webpack_require__(78003);
// EXTERNAL MODULE: ./src/plan/cache.ts
var cache = __webpack_require__(70769);
;// CONCATENATED MODULE: ./src/fanout/records.ts
// The legs' records in the Actions cache service (v2, the Twirp API github.com serves; v1, the REST
// API GitHub Enterprise Server serves), spoken directly: a record is a few hundred bytes of JSON, and @actions/cache would spend two processes
// (tar, zstd) per entry and version entries by file path and compressor, which differ between
// runners. One constant version makes every leg, on any runner, find every other leg's entry.





const VERSION = (0,external_node_crypto_.createHash)('sha256').update('kiln fan-out record v1').digest('hex');
/** The service as the runner offers it to JavaScript actions, or why fan-out cannot use it. */
function recordStore(env) {
    const service = (0,cache/* actionsCacheService */.ZY)(env);
    if (!service) {
        return {
            error: "fan-out keeps each leg's digest in the Actions cache service, which this runner does not offer to this step (ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL and ACTIONS_CACHE_SERVICE_V2, or on GitHub Enterprise Server ACTIONS_CACHE_URL, as the runner sets them for JavaScript steps)",
        };
    }
    const endpoint = { url: service.url, token: env.ACTIONS_RUNTIME_TOKEN ?? '' };
    return service.version === 2 ? v2Store(endpoint) : v1Store(endpoint);
}
function v2Store(endpoint) {
    return {
        async write(key, record) {
            const created = await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'CreateCacheEntry', { key, version: VERSION });
            const upload = created.signed_upload_url;
            if (created.ok !== true || typeof upload !== 'string')
                throw new Error(`the Actions cache service refused to create ${key}`);
            const body = Buffer.from(JSON.stringify(record));
            const put = await (0,http/* send */.tN)({
                method: 'PUT',
                url: upload,
                headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2023-11-03', 'Content-Type': 'application/json' },
                body,
            });
            if (!put.ok)
                throw new Error(`uploading ${key} to the Actions cache (${(0,http/* shownUrl */.zA)(upload)}) failed with HTTP ${put.status}`);
            const done = await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'FinalizeCacheEntryUpload', { key, version: VERSION, size_bytes: String(body.length) });
            if (done.ok !== true)
                throw new Error(`the Actions cache service refused to finalize ${key}`);
        },
        async read(prefix, platform) {
            const found = await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version: VERSION });
            const download = found.signed_download_url;
            if (found.ok !== true || typeof download !== 'string' || download === '')
                return undefined;
            return fetchRecord(download, String(found.matched_key), platform);
        },
    };
}
/**
 * v1, GHES's REST API under ACTIONS_CACHE_URL, as @actions/cache speaks it: reserve (`POST caches`),
 * upload in one ranged `PATCH caches/{id}`, commit with the size (`POST caches/{id}`); a lookup is
 * `GET cache?keys=…&version=…`, 204 when nothing matches, else the entry's download URL.
 */
function v1Store(endpoint) {
    const headers = { Authorization: `Bearer ${endpoint.token}`, Accept: 'application/json;api-version=6.0-preview.1' };
    const url = (resource) => (0,actions_service/* serviceUrl */.Rs)(endpoint.url, `_apis/artifactcache/${resource}`);
    const refused = (what, status, body) => new Error(`the Actions cache service (v1) refused to ${what} (HTTP ${status}${body.length > 0 ? `: ${body.toString('utf8').slice(0, 200)}` : ''})`);
    return {
        async write(key, record) {
            const body = Buffer.from(JSON.stringify(record));
            const reserved = await (0,http/* send */.tN)({ method: 'POST', url: url('caches'), headers, json: { key, version: VERSION, cacheSize: body.length } });
            const id = reserved.ok ? JSON.parse(reserved.body.toString('utf8')).cacheId : undefined;
            if (typeof id !== 'number')
                throw refused(`reserve ${key}`, reserved.status, reserved.body);
            const put = await (0,http/* send */.tN)({
                method: 'PATCH',
                url: url(`caches/${id}`),
                headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes 0-${body.length - 1}/*` },
                body,
            });
            if (!put.ok)
                throw refused(`take ${key}'s bytes`, put.status, put.body);
            const done = await (0,http/* send */.tN)({ method: 'POST', url: url(`caches/${id}`), headers, json: { size: body.length } });
            if (!done.ok)
                throw refused(`commit ${key}`, done.status, done.body);
        },
        async read(prefix, platform) {
            const found = await (0,http/* send */.tN)({ url: url(`cache?keys=${encodeURIComponent(prefix)}&version=${VERSION}`), headers });
            if (found.status === 204)
                return undefined;
            if (!found.ok)
                throw refused(`look up ${prefix}`, found.status, found.body);
            const entry = JSON.parse(found.body.toString('utf8'));
            if (typeof entry.archiveLocation !== 'string' || entry.archiveLocation === '')
                return undefined;
            return fetchRecord(entry.archiveLocation, String(entry.cacheKey), platform);
        },
    };
}
/** A record's bytes from the signed URL a lookup gave (no credential of ours goes there). */
async function fetchRecord(location, key, platform) {
    const res = await (0,http/* send */.tN)({ url: location });
    if (!res.ok)
        throw new Error(`downloading ${key} from the Actions cache failed with HTTP ${res.status}`);
    return parseRecord(res.body.toString('utf8'), platform);
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
    // A validation leg never touches the records: a fork's read-only cache token cannot fail it.
    const store = inputs.push ? recordStore(env) : undefined;
    if (store && 'error' in store)
        throw new Error(store.error);
    const { setup, build } = legInputs(inputs, chosen.platforms);
    const image = imageKey(ctx.repository, inputs.tags, inputs.platforms);
    const leg = { platforms: chosen.platforms, setup, build, image, repos: repositories(inputs.tags), store };
    if (!inputs.push) {
        runner/* info */.pq(inputs.fanOut.mode === 'merge'
            ? 'Fan-out (push: false): the legs were validation builds; there is nothing to assemble'
            : `Fan-out (push: false): this leg validates ${chosen.platforms.join(', ')} of ${canonicalOrder(inputs.platforms).join(', ')}: it builds them and exports nothing, records nothing, assembles nothing`);
    }
    else if (inputs.fanOut.mode !== 'merge') {
        runner/* info */.pq(`Fan-out: this leg builds ${chosen.platforms.join(', ')} of ${canonicalOrder(inputs.platforms).join(', ')} and pushes it by digest to ${leg.repos.join(', ')}; the leg that finds every platform recorded assembles and tags the index`);
    }
    return leg;
}
/** Every platform's newest record in this run, read in parallel. */
async function readRecords(leg, inputs, runId, store) {
    const platforms = canonicalOrder(inputs.platforms);
    const found = await Promise.all(platforms.map((p) => store.read(recordPrefix(leg.image, runId, p), p)));
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
async function conclude(leg, store, inputs, ctx, env, own, io) {
    const started = performance.now();
    const found = await readRecords(leg, inputs, ctx.runId, store);
    const assembly = decideAssembly(inputs.platforms, found, leg.repos[0] ?? '');
    if (!assembly.complete) {
        runner/* info */.pq(`Fan-out: ${assembly.missing.join(', ')} not recorded yet: another leg will finish the image and tag it`);
        if (inputs.summary)
            io.appendSummary(renderFanOutSummary(assembly, { tags: inputs.tags }));
        if (own)
            return own;
        throw new Error(`Fan-out merge: ${assembly.missing.join(', ')} not recorded in run ${ctx.runId}; run this job after every leg (needs:) and check that the legs succeeded`);
    }
    const { manifest, seconds } = await assemble(assembly.sources, inputs, env);
    const total = (performance.now() - started) / 1000;
    runner/* info */.pq(`Fan-out: every platform recorded; assembled ${manifest.digest} from ${assembly.sources.join(', ')} and tagged ${inputs.tags.join(', ')} (records read and index pushed in ${total.toFixed(2)} s, imagetools ${seconds.toFixed(2)} s)`);
    if (inputs.summary)
        io.appendSummary(renderFanOutSummary(assembly, { index: manifest.digest, tags: inputs.tags, seconds: total }));
    return { imageId: own?.imageId ?? '', metadata: own?.metadata ?? metadata_file/* NO_METADATA */.KR, digest: manifest.digest, manifest, tags: inputs.tags };
}
/** After the leg's build: what it pushed, its records, then the assembly if the image is complete. */
async function finishLeg(leg, inputs, metadata, ctx, env, how, io) {
    // A path is main.ts's form until it passes the metadata it read once.
    if (typeof metadata === 'string')
        metadata = (0,metadata_file/* readBuildMetadata */.q3)(metadata);
    const { store } = leg;
    if (!store) {
        if (inputs.summary)
            io.appendSummary(renderValidationSummary(leg.platforms, inputs.platforms));
        return { imageId: '', metadata, digest: '', tags: [] };
    }
    const { digest } = metadata;
    if (digest === '') {
        const why = metadata.problem === 'missing'
            ? 'buildx wrote no metadata file'
            : metadata.problem === 'malformed'
                ? "buildx's metadata file is not JSON"
                : 'buildx reported no digest';
        throw new Error(`Fan-out: ${why} for this leg's push; nothing to record`);
    }
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
        return store.write(recordKey(leg.image, ctx.runId, platform, ctx.runAttempt), record);
    }));
    runner/* info */.pq(`Fan-out: recorded ${canonicalOrder(leg.platforms).join(', ')} = ${digest} for run ${ctx.runId} (in ${((performance.now() - writing) / 1000).toFixed(2)} s)`);
    const result = await conclude(leg, store, inputs, ctx, env, { imageId: '', metadata, digest, manifest, tags: [] }, io);
    // Signing: this leg's platform manifests, and the index when this leg assembled it.
    const assembled = result.digest !== digest ? [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: false } }] : [];
    return { ...result, signing: [{ manifest, digest, which: { top: false, platforms: true } }, ...assembled] };
}
/**
 * `fan-out: merge`'s leg: it builds nothing, so the engine's platform plays no part. Undefined
 * for the legs' validation builds (`push: false`): there is nothing to assemble, as the summary says.
 */
function startMerge(inputs, ctx, io, env) {
    const leg = startLeg(inputs, (0,platforms/* normalizePlatform */.FL)(''), ctx, env);
    if (leg.store)
        return { ...leg, store: leg.store };
    if (inputs.summary)
        io.appendSummary(renderValidationSummary([], inputs.platforms));
    return undefined;
}
/** Assembles the image from the legs' records (it fails when one is missing) and sets the outputs. */
async function assembleMerge(leg, inputs, ctx, env, io, seconds) {
    const result = await conclude(leg, leg.store, inputs, ctx, env, undefined, io);
    const { setOutputs } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 65468));
    setOutputs(io.setOutput, result, { builder: '', qemuPlatforms: [], seconds: seconds() });
    return result;
}


/***/ }),

/***/ 31814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gx: () => (/* binding */ twirpUrl),
/* harmony export */   Rs: () => (/* binding */ serviceUrl),
/* harmony export */   UD: () => (/* binding */ resultsService),
/* harmony export */   lo: () => (/* binding */ twirp)
/* harmony export */ });
/* unused harmony export TwirpError */
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78003);

/** `path` below `base`, whether or not `base` ends in '/' (the runner's URLs do, a hand-set one may not). */
function serviceUrl(base, path) {
    return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
function twirpUrl(base, service, method) {
    return serviceUrl(base, `twirp/github.actions.results.api.v1.${service}/${method}`);
}
/** The results service (v2 cache, artifacts) the runner offers this step, if it offers one. */
function resultsService(env) {
    const url = env.ACTIONS_RESULTS_URL;
    const token = env.ACTIONS_RUNTIME_TOKEN;
    return url && token ? { url, token } : undefined;
}
/** The service answered, but not with success. */
class TwirpError extends Error {
    status;
    code;
    constructor(message, status, 
    /** Twirp's error code (`already_exists`, `not_found`, ...), '' when the body named none. */
    code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = 'TwirpError';
    }
}
function errorOf(service, method, res) {
    const text = res.body.toString('utf8');
    let code = '';
    let detail = text.slice(0, 300);
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.code === 'string')
            code = parsed.code;
        if (typeof parsed.msg === 'string')
            detail = `${code}: ${parsed.msg}`.slice(0, 300);
    }
    catch {
        // Not a Twirp error body (a proxy's page): its text is the detail.
    }
    return new TwirpError(`${service}.${method} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}`, res.status, code);
}
/**
 * One Twirp call: the answer's fields, unchecked (the caller checks what it uses). Throws
 * TwirpError on an unsuccessful answer, HttpError when none came within `policy`.
 */
async function twirp(endpoint, service, method, body, policy = _http_js__WEBPACK_IMPORTED_MODULE_0__/* .SERVICE_POLICY */ .pZ) {
    const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .send */ .tN)({ method: 'POST', url: twirpUrl(endpoint.url, service, method), headers: { Authorization: `Bearer ${endpoint.token}` }, json: body }, policy);
    if (!res.ok)
        throw errorOf(service, method, res);
    try {
        const parsed = JSON.parse(res.body.toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return parsed;
    }
    catch {
        // Reported below.
    }
    throw new TwirpError(`${service}.${method} answered HTTP ${res.status} with a body that is not a JSON object`, res.status, '');
}


/***/ }),

/***/ 78003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j$: () => (/* binding */ HttpError),
/* harmony export */   pZ: () => (/* binding */ SERVICE_POLICY),
/* harmony export */   tN: () => (/* binding */ send),
/* harmony export */   zA: () => (/* binding */ shownUrl)
/* harmony export */ });
/* unused harmony export isTransientStatus */
// The one way Kiln speaks HTTP to GitHub's services: the Actions results service (Twirp), the signed
// blob URLs it hands out, and whatever joins them (the runner's OIDC token endpoint, the REST API).
// Deadlines and retries live here only: every attempt has a deadline that covers the body too,
// transient failures (HTTP 429 and 5xx, a dropped or refused connection, an attempt past its
// deadline) are tried again with growing waits, and all attempts of one call share one budget, so
// a service that hangs or keeps failing costs a bounded time. Messages never carry a URL's query:
// signed URLs hold their credential there.
/** A request to a service: its clients (@actions/cache, @actions/artifact) give up after about a minute too. */
const SERVICE_POLICY = { attemptMs: 30_000, budgetMs: 60_000, attempts: 5, baseMs: 500, maxMs: 8_000 };
/** No answer at all: every attempt timed out or lost its connection. */
class HttpError extends Error {
    kind;
    attempts;
    detail;
    constructor(message, 
    /** `timeout`: the last attempt reached its deadline; `network`: the connection failed. */
    kind, attempts, 
    /** The last attempt's failure alone (`connect ECONNREFUSED 127.0.0.1:1`, `no answer within 3 s`). */
    detail) {
        super(message);
        this.kind = kind;
        this.attempts = attempts;
        this.detail = detail;
        this.name = 'HttpError';
    }
}
/** What a log may show of a URL: no query (a signed URL's credential), no user info. */
function shownUrl(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return String(url).replace(/[?#].*$/s, '');
    }
}
/** `fetch` (undici, loaded on first use). */
const viaFetch = async (url, init) => {
    const res = await fetch(url, init);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};
/** HTTP answers a later attempt may not get again. */
function isTransientStatus(status) {
    return status === 429 || status >= 500;
}
/** `Retry-After` in seconds (the date form is not used by GitHub's services), as ms. */
function retryAfterMs(headers) {
    const value = headers.get('retry-after');
    if (value === null || !/^\d+$/.test(value.trim()))
        return undefined;
    return Number(value.trim()) * 1000;
}
// fetch's errors come from Node's own realm: read by shape, not by instanceof.
function messageOf(error) {
    return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
/** Why an attempt got no answer: undici's `fetch failed` holds the reason in its cause. */
function networkFailure(error) {
    const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
    return messageOf(cause ?? error);
}
/** The least time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 250;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Sends `request`, retrying transient failures within `policy`, and returns the last answer,
 * whatever its status (the caller reads 4xx as it needs). Throws HttpError when no attempt got an
 * answer.
 */
async function send(request, policy = SERVICE_POLICY, transport = viaFetch) {
    const started = performance.now();
    const left = () => policy.budgetMs - (performance.now() - started);
    const method = request.method ?? (request.json !== undefined || request.body !== undefined ? 'POST' : 'GET');
    const headers = { ...request.headers, ...(request.json !== undefined ? { 'Content-Type': 'application/json' } : {}) };
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.body;
    const what = `${method} ${shownUrl(request.url)}`;
    // Another attempt only when it would still have time to be answered after the wait.
    const retry = (attempt, wait) => attempt < policy.attempts && left() - wait >= Math.min(policy.attemptMs, MIN_ATTEMPT_MS);
    for (let attempt = 1;; attempt++) {
        const deadline = Math.max(1, Math.ceil(Math.min(policy.attemptMs, left())));
        const signal = AbortSignal.timeout(deadline);
        try {
            const res = await transport(request.url, { method, headers, body, signal });
            const answer = { status: res.status, ok: res.status >= 200 && res.status < 300, headers: res.headers, body: res.body, attempts: attempt };
            if (!isTransientStatus(res.status))
                return answer;
            const wait = waitBefore(attempt, policy, retryAfterMs(res.headers));
            if (!retry(attempt, wait))
                return answer;
            await pause(wait);
        }
        catch (error) {
            const wait = waitBefore(attempt, policy);
            if (!retry(attempt, wait)) {
                const kind = signal.aborted ? 'timeout' : 'network';
                const detail = signal.aborted ? `no answer within ${formatSeconds(deadline)}` : networkFailure(error);
                throw new HttpError(`${what}: ${detail} (${attempt} attempt${attempt === 1 ? '' : 's'})`, kind, attempt, detail);
            }
            await pause(wait);
        }
    }
}
function waitBefore(attempt, policy, retryAfter) {
    return Math.max(Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs), retryAfter ?? 0);
}
function formatSeconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}


/***/ })

};
