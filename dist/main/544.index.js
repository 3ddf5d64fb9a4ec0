export const id = 544;
export const ids = [544];
export const modules = {

/***/ 20976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ indexLayers),
/* harmony export */   Au: () => (/* binding */ indexKeyPrefix),
/* harmony export */   V3: () => (/* binding */ tokenWriteScope),
/* harmony export */   dV: () => (/* binding */ ghaSpend),
/* harmony export */   gQ: () => (/* binding */ manifestLayers),
/* harmony export */   li: () => (/* binding */ GHA_ENTRY_VERSION),
/* harmony export */   us: () => (/* binding */ directorySpend)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// What a build's cache writes cost, from facts the backends leave behind. Pure: the keys to look
// for, the listings, and the sums; report/gha-spend.ts and report/local-spend.ts read the facts.
//
// Actions cache: BuildKit's log names the blobs it uploaded (build/gha-writes.ts), and the index
// entry each export writes lists every layer of the export with its size. BuildKit's gha exporter
// (cache/remotecache/gha/gha.go): a blob is stored as `buildkit-blob-1-<digest>` after asking
// whether that key exists (skipped when it does); the index as
// `index-<scope>-1-<8 hex of sha256(the token's write scope)>#<n>`, a new `#n` on every export;
// all entries under go-actions-cache's one version.
//
// Local directory (an OCI layout): the blob files the export added, and the cache manifest's
// layers that were there before it.

/** go-actions-cache's version of every entry it writes: sha256 of a constant, not of the key. */
const GHA_ENTRY_VERSION = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update('|go-actionscache-1.0').digest('hex');
/**
 * The scope the runtime token writes (its `ac` claim: `[{"Scope":…,"Permission":…}]`, bit 2 =
 * write; the last such scope, as go-actions-cache picks it). Undefined when the token says none.
 */
function tokenWriteScope(token) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        if (typeof payload.ac !== 'string')
            return undefined;
        const grants = JSON.parse(payload.ac);
        if (!Array.isArray(grants))
            return undefined;
        const writes = grants.filter((g) => typeof g.Scope === 'string' &&
            typeof g.Permission === 'number' &&
            (g.Permission & 2) !== 0);
        return writes.at(-1)?.Scope;
    }
    catch {
        return undefined;
    }
}
/** The prefix of the index entries an export to `scope` writes with a token writing `writeScope`. */
function indexKeyPrefix(scope, writeScope) {
    return `index-${scope}-1-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(writeScope).digest('hex').slice(0, 8)}#`;
}
/** The layers an exported index lists (BuildKit's cache config: `layers[].blob`, `.annotations.size`); undefined if it is not one. */
function indexLayers(text) {
    try {
        const config = JSON.parse(text);
        if (!Array.isArray(config?.layers))
            return undefined;
        const layers = new Map();
        for (const layer of config.layers) {
            const size = layer.annotations?.size;
            if (typeof layer.blob !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
                return undefined;
            layers.set(layer.blob, size);
        }
        return layers;
    }
    catch {
        return undefined;
    }
}
/**
 * The spend of the Actions cache exports: the entries written (the blobs the log names, one index
 * per finished export) always; with every finished export's index read back, the bytes (the
 * written blobs' sizes as the indexes list them, plus the indexes themselves) and the layers the
 * exports skipped (listed, not written: the cache held them). Both stay unknown when a written
 * blob is in no index read: that index is not this build's (another build wrote the scope since).
 */
function ghaSpend(written, read) {
    const spend = { entriesWritten: written.blobs.length + written.indexes };
    if (read === undefined || written.indexes === 0 || read.length !== written.indexes)
        return spend;
    const listed = new Map();
    for (const index of read)
        for (const [blob, size] of index.layers)
            listed.set(blob, size);
    const sizes = written.blobs.map((blob) => listed.get(blob));
    if (!sizes.every((s) => s !== undefined))
        return spend;
    const wrote = new Set(written.blobs);
    return {
        ...spend,
        bytesWritten: sizes.reduce((sum, s) => sum + s, 0) + read.reduce((sum, index) => sum + index.bytes, 0),
        entriesSkipped: [...listed.keys()].filter((blob) => !wrote.has(blob)).length,
    };
}
/** The layer digests a cache manifest lists (an OCI image manifest's `layers`); undefined if it is not one. */
function manifestLayers(text) {
    try {
        const manifest = JSON.parse(text);
        if (!Array.isArray(manifest?.layers))
            return undefined;
        const digests = manifest.layers.map((l) => l.digest);
        return digests.every((d) => typeof d === 'string') ? digests : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * A local cache directory's spend: the blob files the export added (`after` minus `before`, with
 * their sizes), and the layers its cache manifest lists that the directory held before (`listed`).
 */
function directorySpend(before, after, listed) {
    const added = [...after].filter(([blob]) => !before.has(blob));
    return {
        entriesWritten: added.length,
        bytesWritten: added.reduce((sum, [, size]) => sum + size, 0),
        entriesSkipped: new Set(listed.filter((blob) => before.has(blob))).size,
    };
}


/***/ }),

/***/ 77544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   localBlobs: () => (/* binding */ localBlobs),
/* harmony export */   localSpend: () => (/* binding */ localSpend)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(20976);
// What an export to the local cache directory (an OCI layout) cost: the blob files it added, and
// the layers of its cache manifest the directory already held. The directory is listed before
// the build (after the restore) and after it: a blob BuildKit finds there it does not write again.
// Loaded only for the local backend.



const blobDir = (dir) => node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'blobs', 'sha256');
const blobPath = (dir, digest) => node_path__WEBPACK_IMPORTED_MODULE_1__.join(blobDir(dir), digest.replace(/^sha256:/, ''));
/** The blobs the directory holds (`sha256:<hex>`); none when it has none yet. */
function localBlobs(dir) {
    try {
        return new Set((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(blobDir(dir)).map((name) => `sha256:${name}`));
    }
    catch {
        return new Set();
    }
}
/**
 * The export's spend, from the blobs held `before` it; undefined when the directory has no cache
 * manifest to read (the export did not finish), so nothing is said rather than something guessed.
 */
function localSpend(dir, before) {
    try {
        const index = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'index.json'), 'utf8'));
        const manifest = index.manifests?.[0]?.digest;
        if (typeof manifest !== 'string')
            return undefined;
        const listed = (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestLayers */ .gQ)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(blobPath(dir, manifest), 'utf8'));
        if (listed === undefined)
            return undefined;
        const after = new Map([...localBlobs(dir)].map((blob) => [blob, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(blobPath(dir, blob)).size]));
        return (0,_plan_cache_spend_js__WEBPACK_IMPORTED_MODULE_2__/* .directorySpend */ .us)(before, after, listed);
    }
    catch {
        return undefined;
    }
}


/***/ })

};
