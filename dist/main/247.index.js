export const id = 247;
export const ids = [247];
export const modules = {

/***/ 247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uploadBuildRecord: () => (/* binding */ uploadBuildRecord)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/setup/docker.ts
var docker = __webpack_require__(8645);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/build-record.ts
// The build record as a workflow artifact: the pure parts (names, the service's identifiers,
// the zip around the record). The effects are in upload-record.ts, loaded only when asked for.


/** `builder/node/id` (the metadata file's `buildx.build.ref`) → its builder and record id. */
function parseBuildRef(ref) {
    const parts = ref.split('/');
    const [builder, , id] = parts;
    if (parts.length !== 3 || !builder || !id)
        return undefined;
    return { builder, id };
}
/** docker/build-push-action's artifact name: `owner~repo~ID6.dockerbuild`. */
function recordArtifactName(repository, id) {
    const [owner = 'local', repo = 'local'] = repository.split('/');
    return `${owner}~${repo}~${id.slice(0, 6).toUpperCase()}.dockerbuild`;
}
/**
 * The workflow run's and job's ids the artifact service files an artifact under, from the
 * runtime token's `scp` claim (`Actions.Results:<run>:<job>`), as @actions/artifact reads them.
 */
function backendIds(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return undefined;
    let scp;
    try {
        scp = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).scp;
    }
    catch {
        return undefined;
    }
    if (typeof scp !== 'string')
        return undefined;
    for (const scope of scp.split(' ')) {
        const [name, run, job, ...rest] = scope.split(':');
        if (name === 'Actions.Results' && run && job && rest.length === 0)
            return { workflowRunBackendId: run, workflowJobRunBackendId: job };
    }
    return undefined;
}
/** The artifact's expiry for `days` of retention (RFC 3339, as the Twirp JSON Timestamp); none for the default. */
function expiresAt(days, now) {
    if (!days)
        return undefined;
    const at = new Date(now);
    at.setDate(at.getDate() + days);
    return at.toISOString();
}
/**
 * A zip holding `data` as one stored entry `name`: the form the artifact service serves (its
 * downloads are zips of the uploaded files). The record is already gzip-compressed, so the entry
 * is stored, not deflated: a few dozen bytes of headers, which a zip library would not improve.
 */
function zipOne(name, data, modified = new Date()) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = (0,external_node_zlib_.crc32)(data);
    // MS-DOS time and date, as every zip reader expects them.
    const time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | Math.floor(modified.getSeconds() / 2);
    const date = ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 name
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(0, 42); // the local header's offset
    const centralOffset = local.length + fileName.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + fileName.length, 12);
    end.writeUInt32LE(centralOffset, 16);
    return Buffer.concat([local, fileName, data, central, fileName, end]);
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

;// CONCATENATED MODULE: ./src/report/upload-record.ts
// Uploads the build record as a workflow artifact through the Actions artifact service (the v4
// protocol @actions/artifact 2.x speaks: Twirp JSON at ACTIONS_RESULTS_URL, the runtime token as
// bearer, the bytes to a signed blob URL). Loaded only when the upload is asked for. An upload
// is a convenience: it never fails the step, and each request has a deadline.




const SERVICE = 'twirp/github.actions.results.api.v1.ArtifactService';
const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;
async function twirp(base, token, method, body) {
    const url = new URL(`${SERVICE}/${method}`, base.endsWith('/') ? base : `${base}/`);
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok)
        throw new Error(`${method}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
}
/** Exports the record with buildx, then creates, uploads and finalizes the artifact. Throws with the reason. */
async function uploadBuildRecord(upload) {
    const { env } = upload;
    const parsed = parseBuildRef(upload.ref);
    if (!parsed)
        throw new Error(`buildx reported no build reference (buildx.build.ref is ${JSON.stringify(upload.ref)})`);
    const token = env.ACTIONS_RUNTIME_TOKEN ?? '';
    const base = env.ACTIONS_RESULTS_URL ?? '';
    if (token === '' || base === '')
        throw new Error('the Actions artifact service is not offered here (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only for JavaScript steps of a GitHub Actions job)');
    const ids = backendIds(token);
    if (!ids)
        throw new Error('ACTIONS_RUNTIME_TOKEN carries no Actions.Results scope, so the artifact service cannot file the artifact');
    const name = recordArtifactName(upload.repository, parsed.id);
    const file = external_node_path_.join(upload.tempDir, name);
    // --finalize: the record is complete (trace included) before it is exported.
    const exported = await (0,docker/* dockerOutput */.oH)(['buildx', 'history', 'export', '--builder', parsed.builder, '--finalize', parsed.id, '-o', file], env, {
        timeoutMs: REQUEST_TIMEOUT_MS,
    });
    if (exported.exitCode !== 0)
        throw new Error(`buildx history export failed: ${exported.stderr.trim() || 'no answer in time'}`);
    const zip = zipOne(name, (0,external_node_fs_.readFileSync)(file));
    const expires = expiresAt(upload.retentionDays, new Date());
    const created = await twirp(base, token, 'CreateArtifact', {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name,
        version: 4,
        ...(expires ? { expires_at: expires } : {}),
    });
    if (!created.ok || !created.signed_upload_url)
        throw new Error('CreateArtifact: the service did not accept the artifact');
    const put = await fetch(created.signed_upload_url, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/zip', 'Content-Length': String(zip.length) },
        body: zip,
        signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    if (put.status !== 201)
        throw new Error(`blob upload: HTTP ${put.status}`);
    const finalized = await twirp(base, token, 'FinalizeArtifact', {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name,
        size: String(zip.length),
        hash: `sha256:${sha256Hex(zip)}`,
    });
    if (!finalized.ok)
        throw new Error('FinalizeArtifact: the service did not accept the upload');
    return { name, artifactId: finalized.artifact_id ?? '', size: zip.length };
}


/***/ })

};
