export const id = 507;
export const ids = [507];
export const modules = {

/***/ 2299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ ghaWritten),
/* harmony export */   V: () => (/* binding */ ghaWrites)
/* harmony export */ });
// BuildKit's gha exporter: one vertex per cache-to entry.
const GHA_EXPORT = /^exporting to GitHub Actions Cache\b/;
/**
 * From BuildKit's log: a `writing layer … done` status per blob it uploaded (it asks the service
 * first and skips a blob the cache holds, saying nothing), and one index entry per export that
 * finished (BuildKit writes a new `index-…#n` entry every time, changed or not). Undefined when
 * the build exported nothing to the Actions cache.
 */
function ghaWritten(steps) {
    const exports = steps.filter((s) => GHA_EXPORT.test(s.name));
    if (exports.length === 0)
        return undefined;
    return {
        blobs: [...new Set(exports.flatMap((s) => s.blobsWritten ?? []))],
        indexes: exports.filter((s) => s.error === undefined && s.seconds !== undefined).length,
    };
}
/**
 * How many entries the build's Actions cache exports wrote, from BuildKit's log. BuildKit says
 * neither the blobs' sizes nor how many it skipped: those come from the exported index
 * (report/gha-spend.ts), or stay unknown. Undefined when the build exported nothing there.
 */
function ghaWrites(steps) {
    const exports = steps.filter((s) => GHA_EXPORT.test(s.name));
    if (exports.length === 0)
        return undefined;
    const layers = exports.reduce((sum, s) => sum + (s.layersWritten ?? 0), 0);
    const indexes = exports.filter((s) => s.error === undefined && s.seconds !== undefined).length;
    return { entriesWritten: layers + indexes };
}


/***/ }),

/***/ 94754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KR: () => (/* binding */ NO_METADATA),
/* harmony export */   q3: () => (/* binding */ readBuildMetadata)
/* harmony export */ });
/* unused harmony export parseBuildMetadata */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// buildx's `--metadata-file`, read in one place into a checked value: the outputs, the fan-out
// record, the read-back and the build-record upload all take what this module gives them, never
// the file's text. A failed build writes no file and `call: check` one without a digest, so every
// field may be empty; a field of the wrong type is treated as absent, not trusted.

// The OCI digest grammar (algorithm ':' encoded), so a stray value never reaches a reference.
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const EMPTY = { text: '', digest: '', buildRef: '' };
function text(value) {
    return typeof value === 'string' ? value : '';
}
function digestOf(value) {
    return typeof value === 'string' && DIGEST.test(value) ? value : '';
}
function descriptorOf(value) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const d = value;
    const digest = digestOf(d.digest);
    if (digest === '')
        return undefined;
    return { mediaType: text(d.mediaType), digest, size: typeof d.size === 'number' && Number.isSafeInteger(d.size) && d.size >= 0 ? d.size : 0 };
}
/** The metadata file's text, checked field by field. */
function parseBuildMetadata(raw) {
    let parsed;
    try {
        parsed = JSON.parse(raw);
    }
    catch {
        return { ...EMPTY, problem: 'malformed' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { ...EMPTY, problem: 'malformed' };
    const m = parsed;
    const descriptor = descriptorOf(m['containerimage.descriptor']);
    return {
        text: raw,
        digest: digestOf(m['containerimage.digest']),
        ...(descriptor ? { descriptor } : {}),
        buildRef: text(m['buildx.build.ref']),
    };
}
/** Reads the file buildx wrote at `file` (none after a failed build: then `problem: 'missing'`). */
function readBuildMetadata(file) {
    let raw;
    try {
        raw = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch {
        return { ...EMPTY, problem: 'missing' };
    }
    return raw.trim() === '' ? { ...EMPTY, problem: 'missing' } : parseBuildMetadata(raw);
}
/** What a step that built nothing reports (a fan-out merge). */
const NO_METADATA = { ...EMPTY, problem: 'missing' };


/***/ }),

/***/ 20539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJ: () => (/* binding */ ANNOTATION_LEVELS),
/* harmony export */   Qy: () => (/* binding */ isAnnotationLevel),
/* harmony export */   V8: () => (/* binding */ readLabel),
/* harmony export */   Wy: () => (/* binding */ labelOf),
/* harmony export */   _o: () => (/* binding */ readAnnotation),
/* harmony export */   lW: () => (/* binding */ annotationOf)
/* harmony export */ });
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69625);
// `labels` and `annotations`, the image's key=value metadata, read once as buildx reads them
// (checked against buildx 0.29): an item splits at its first `=`; an annotation's key splits at
// its first `:` into the levels it targets (with an optional `[os/arch]`) and the key itself,
// which may hold more colons. Kiln's own (metadata's, a fan-out leg's share) are written here too.

const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
function isAnnotationLevel(level) {
    return ANNOTATION_LEVELS.includes(level);
}
const ACCEPTED_LEVELS = `${ANNOTATION_LEVELS.join(', ')} (comma-separated, optionally followed by [os/arch]), e.g. index:key=value`;
// What buildx takes before the first `:` of the key.
const LEVELS_SPEC = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([^\]]*)\])?$/;
/** A label as buildx reads it: a bare KEY has an empty value. */
function readLabel(raw) {
    const at = raw.indexOf('=');
    return at < 0 ? { raw, key: raw, value: '' } : { raw, key: raw.slice(0, at), value: raw.slice(at + 1) };
}
/** An annotation, or why buildx would refuse it. */
function readAnnotation(raw) {
    const at = raw.indexOf('=');
    if (at <= 0)
        return { problem: at < 0 ? 'use key=value (optionally prefixed, e.g. index:key=value)' : 'the key before "=" is empty; use key=value' };
    const name = raw.slice(0, at);
    const value = raw.slice(at + 1);
    const colon = name.indexOf(':');
    if (colon < 0)
        return { annotation: { raw, key: name, value, levels: [], platform: '' } };
    const spec = LEVELS_SPEC.exec(name.slice(0, colon));
    if (!spec)
        return { problem: `"${name.slice(0, colon)}" before ":" names no annotation level; use ${ACCEPTED_LEVELS}` };
    const levels = (spec[1] ?? '').split(',');
    const unknown = levels.find((l) => !isAnnotationLevel(l));
    if (unknown !== undefined)
        return { problem: `unknown annotation level "${unknown}"; use ${ACCEPTED_LEVELS}` };
    const platform = spec[2] ?? '';
    const wrongPlatform = spec[2] === undefined ? undefined : (0,_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPlatform */ .oF)(platform);
    if (wrongPlatform !== undefined)
        return { problem: `the platform in [${platform}]: ${wrongPlatform}` };
    return { annotation: { raw, key: name.slice(colon + 1), value, levels: levels, platform } };
}
/** A label Kiln writes. */
function labelOf(key, value) {
    return { raw: `${key}=${value}`, key, value };
}
/** An annotation Kiln writes, in the form buildx reads. */
function annotationOf(levels, key, value, platform = '') {
    const prefix = levels.length === 0 ? '' : `${levels.join(',')}${platform === '' ? '' : `[${platform}]`}:`;
    return { raw: `${prefix}${key}=${value}`, key, value, levels, platform };
}


/***/ }),

/***/ 66243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H8: () => (/* binding */ refOf),
/* harmony export */   PN: () => (/* binding */ pushes),
/* harmony export */   QP: () => (/* binding */ typeOf),
/* harmony export */   cD: () => (/* binding */ sets),
/* harmony export */   eZ: () => (/* binding */ namesOf),
/* harmony export */   iQ: () => (/* binding */ optionFrom),
/* harmony export */   kw: () => (/* binding */ registryRefOption),
/* harmony export */   l7: () => (/* binding */ registryRef),
/* harmony export */   qF: () => (/* binding */ shownEntry),
/* harmony export */   qO: () => (/* binding */ withFields)
/* harmony export */ });
/* unused harmony export fullEntry */
// A buildx option entry (`outputs`, `cache-from`, `cache-to`, `attests`, `driver-opts`,
// `provenance`/`sbom`) parsed once in inputs/ (parse-buildx-options.ts): the text as given, for
// the command line, and its attributes, for every question asked about it. The readers below are
// the only place those questions are answered; nothing else splits an entry again.
/** The exporter, cache backend, attestation or driver-opt type (`type=`), '' when it names none. */
function typeOf(option) {
    return option.attrs.type ?? '';
}
/** Whether the entry sets `key` at all (e.g. `network` in driver-opts, `builder-id` in provenance). */
function sets(option, key) {
    return Object.hasOwn(option.attrs, key);
}
/** The registry image a cache entry reads or writes (type=registry, or a bare reference), else undefined. */
function registryRef(option) {
    return typeOf(option) === 'registry' && option.attrs.ref ? option.attrs.ref : undefined;
}
/** The image a cache entry names (`ref=`), whatever its type. */
function refOf(option) {
    return option.attrs.ref || undefined;
}
/** A cache entry in full form: a bare reference is written out as the registry entry it means. */
function fullEntry(option) {
    return option.raw.includes('=') ? option.raw : fieldsText({ type: typeOf(option), ref: option.attrs.ref ?? '' });
}
// buildx reads an entry as one CSV record: a value with a comma or a quote is written as a quoted
// field (quotes doubled), every other field exactly as `key=value`.
function fieldsText(fields) {
    return Object.entries(fields)
        .map(([key, value]) => {
        const text = `${key}=${value}`;
        return /[",]/.test(value) ? `"${text.replaceAll('"', '""')}"` : text;
    })
        .join(',');
}
function attrsFrom(fields) {
    return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]));
}
/** An entry Kiln builds itself, written from its attributes (never parsed back from text). */
function optionFrom(fields) {
    return { raw: fieldsText(fields), attrs: attrsFrom(fields) };
}
/** A bare image reference: buildx's short form of a registry cache entry at that reference. */
function registryRefOption(ref) {
    return { raw: ref, attrs: { type: 'registry', ref } };
}
/** A cache entry in full form (fullEntry) with `fields` appended to its text and its attributes. */
function withFields(option, fields) {
    const added = fieldsText(fields);
    return { raw: added === '' ? fullEntry(option) : `${fullEntry(option)},${added}`, attrs: { ...option.attrs, ...attrsFrom(fields) } };
}
/** Whether an `outputs` entry pushes (BuildKit reads `push` with Go's strconv.ParseBool). */
function pushes(option) {
    return typeOf(option) === 'registry' || (typeOf(option) === 'image' && ['1', 't', 'T', 'true', 'True', 'TRUE'].includes(option.attrs.push ?? ''));
}
/** The image names an `outputs` entry gives (`name=a,b` quoted), [] when none. */
function namesOf(option) {
    return (option.attrs.name ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
}
// Cache attributes that carry credentials (s3, azblob, gha): shown as *** wherever an entry is shown.
const CREDENTIALS = new Set(['token', 'access_key_id', 'secret_access_key', 'session_token', 'account_key', 'secret']);
/**
 * A cache entry fit for the log and the summary: as given, or, when it carries credentials,
 * written out again from its attributes with their values hidden.
 */
function shownEntry(entry) {
    if (!Object.keys(entry.attrs).some((key) => CREDENTIALS.has(key)))
        return entry.raw;
    return optionFrom(Object.fromEntries(Object.entries(entry.attrs).map(([key, value]) => [key, CREDENTIALS.has(key) ? '***' : value]))).raw;
}


/***/ }),

/***/ 91318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ InputErrors),
/* harmony export */   JU: () => (/* binding */ errorTitle),
/* harmony export */   Qs: () => (/* binding */ EnvError),
/* harmony export */   dz: () => (/* binding */ InputError)
/* harmony export */ });
/**
 * A mistake in the step's `with:` block. Raised before anything runs, its message names the
 * input, the value given and what would be accepted, so the user can fix it without reading code.
 */
class InputError extends Error {
    input;
    value;
    accepted;
    constructor(input, value, accepted) {
        super(`Input "${input}" has ${JSON.stringify(value)}: ${accepted}`);
        this.input = input;
        this.value = value;
        this.accepted = accepted;
        this.name = 'InputError';
    }
}
/** A mistake in an environment variable Kiln reads, reported with the input errors. */
class EnvError extends InputError {
    constructor(variable, value, accepted) {
        super(variable, value, accepted);
        this.message = `Environment variable ${variable} has ${JSON.stringify(value)}: ${accepted}`;
    }
}
/** The annotation's title: an environment variable is not an input, and is not called one. */
function errorTitle(error) {
    return error instanceof EnvError ? `Invalid environment variable: ${error.input}` : `Invalid input: ${error.input}`;
}
/** Several input errors at once: fixing one and re-running to find the next wastes a CI run. */
class InputErrors extends Error {
    errors;
    constructor(errors) {
        super(errors.map((e) => e.message).join('\n'));
        this.errors = errors;
        this.name = 'InputErrors';
    }
}


/***/ }),

/***/ 67560:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   px: () => (/* binding */ splitKeyValue),
/* harmony export */   vB: () => (/* binding */ parseAttributes)
/* harmony export */ });
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25175);

/**
 * Splits a list input the way build-push-action does, so existing workflows mean the same:
 * CSV records (quote-aware, `"a=b,c"` stays one item), one record per line, items trimmed,
 * empty ones dropped.
 */
function parseList(raw, options = {}) {
    if (raw.trim() === '')
        return [];
    const records = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(raw, {
        columns: false,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        quote: options.noQuotes ? false : '"',
    });
    const items = [];
    for (const record of records) {
        // Mirrors their splitting exactly, quirk included: a line that is one quoted field is still
        // split on its commas, while quoted fields on a line with several fields keep theirs.
        if (options.newlinesOnly)
            items.push(record.join(','));
        else if (record.length === 1)
            items.push(...(record[0] ?? '').split(','));
        else
            items.push(...record);
    }
    const kept = items.filter((item) => item.trim() !== '');
    return options.keepWhitespace ? kept : kept.map((item) => item.trim());
}
/** Splits `key=value` at the first `=`; undefined when there is none. */
function splitKeyValue(item) {
    const at = item.indexOf('=');
    if (at < 0)
        return undefined;
    return [item.slice(0, at).trim(), item.slice(at + 1)];
}
/**
 * Attributes of one `key=value,key=value` entry, buildx's format for --output, --cache-to,
 * --attest and the like (CSV: a quoted field keeps its commas). Keys are lower-cased.
 */
function parseAttributes(entry) {
    const fields = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(entry, { relax_quotes: true, relax_column_count: true })[0] ?? [];
    const attrs = {};
    for (const field of fields) {
        const at = field.indexOf('=');
        if (at < 0)
            attrs[field.trim().toLowerCase()] = '';
        else
            attrs[field.slice(0, at).trim().toLowerCase()] = field.slice(at + 1).trim();
    }
    return attrs;
}


/***/ }),

/***/ 11885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ct: () => (/* binding */ DATE_TOKENS),
  q7: () => (/* binding */ DEFAULT_MARK),
  SN: () => (/* binding */ GLOBAL_EXPRESSIONS),
  Mb: () => (/* binding */ SCHEDULE_EXPRESSIONS),
  lE: () => (/* binding */ SEMVER_EXPRESSIONS),
  Ls: () => (/* binding */ checkItemTemplates),
  QC: () => (/* binding */ parseTemplate),
  _6: () => (/* binding */ readMetadata)
});

// UNUSED EXPORTS: DEFAULT_PRIORITIES, DEFAULT_RULES, isTagRule, parseImages, parseTagRule, splitTags

// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(25175);
// EXTERNAL MODULE: ./src/inputs/annotations.ts
var annotations = __webpack_require__(20539);
// EXTERNAL MODULE: ./src/inputs/errors.ts
var inputs_errors = __webpack_require__(91318);
;// CONCATENATED MODULE: ./src/inputs/flavor.ts


const DEFAULT_FLAVOR = { latest: 'auto', prefix: '', prefixLatest: false, suffix: '', suffixLatest: false };
const ACCEPTED = 'use latest=auto|true|false, prefix=<text>[,onlatest=true|false], suffix=<text>[,onlatest=true|false] (docker/metadata-action’s flavor)';
/** Reads `flavor`; each mistake is pushed to `errors` and that entry is left out. */
function readFlavor(raw, errors) {
    const flavor = { ...DEFAULT_FLAVOR };
    const lines = raw
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
    for (const line of lines) {
        const bad = (accepted) => errors.push(new inputs_errors/* InputError */.dz('flavor', line, accepted));
        const fields = (0,sync/* parse */.qg)(line, { relax_quotes: true, relax_column_count: true })[0] ?? [];
        // The affix an `onlatest` on this line is about.
        let affix;
        for (const field of fields) {
            const at = field.indexOf('=');
            if (at < 0) {
                bad(`"${field.trim()}" has no "="; ${ACCEPTED}`);
                continue;
            }
            const key = field.slice(0, at).trim().toLowerCase();
            const value = field.slice(at + 1).trim();
            switch (key) {
                case 'latest':
                    if (value === 'auto' || value === 'true' || value === 'false')
                        flavor.latest = value;
                    else
                        bad(`latest must be auto, true or false, not "${value}"`);
                    break;
                case 'prefix':
                case 'suffix':
                    flavor[key] = value;
                    affix = key;
                    break;
                case 'onlatest':
                    if (value !== 'true' && value !== 'false')
                        bad(`onlatest must be true or false, not "${value}"`);
                    else if (affix === undefined)
                        bad('onlatest says whether `latest` gets a prefix or suffix: put it after prefix=… or suffix=… on the same line');
                    else
                        flavor[affix === 'prefix' ? 'prefixLatest' : 'suffixLatest'] = value === 'true';
                    break;
                default:
                    bad(`unknown entry "${key}"; ${ACCEPTED}`);
            }
        }
    }
    return flavor;
}

// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(67560);
;// CONCATENATED MODULE: ./src/inputs/metadata.ts





/** metadata-action's default priorities: the highest rule that yields a value is the version. */
const DEFAULT_PRIORITIES = {
    schedule: '1000',
    semver: '900',
    edge: '700',
    ref: '600',
    raw: '200',
    sha: '100',
};
/**
 * Kiln's rules for an empty `tags`: metadata-action's defaults, except that a SemVer Git tag
 * `v1.2.3` gives `1.2.3`, `1.2` and `1` (what release workflows write by hand) rather than
 * `v1.2.3`; a Git tag that is not SemVer keeps metadata-action's `type=ref,event=tag`. Plus the
 * `sha-<short>` tag Kiln always adds.
 */
const DEFAULT_RULES = [
    'type=schedule',
    'type=ref,event=branch',
    'type=semver,pattern={{version}}',
    'type=semver,pattern={{major}}.{{minor}}',
    'type=semver,pattern={{major}}',
    'type=ref,event=tag',
    'type=ref,event=pr',
    'type=sha',
];
/** Marks a default rule: semver ones stay quiet on a non-SemVer tag, ref tag then stands in. */
const DEFAULT_MARK = 'kiln-default';
const COMMON = ['enable', 'priority', 'prefix', 'suffix'];
const ATTRIBUTES = {
    schedule: ['pattern'],
    semver: ['pattern', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format'],
};
// metadata-action rules Kiln refuses, with what to use instead.
const UNSUPPORTED = {
    pep440: 'type=pep440 is not supported by Kiln; use type=semver for SemVer tags or type=raw',
    match: 'type=match is not supported by Kiln; use type=semver, type=ref,event=tag or type=raw',
};
/** The expressions (Handlebars in metadata-action) each attribute may hold. */
const GLOBAL_EXPRESSIONS = ['branch', 'tag', 'sha', 'base_ref', 'is_default_branch', 'date', 'commit_date'];
const SEMVER_EXPRESSIONS = ['raw', 'version', 'major', 'minor', 'patch'];
const SCHEDULE_EXPRESSIONS = ['date', 'commit_date'];
const EXPRESSION = /^\s*([a-z_]+)(?:\s+'([^']*)'|\s+"([^"]*)")?(?:\s+tz\s*=\s*(?:'([^']*)'|"([^"]*)"))?\s*$/;
/** The expressions that take a moment.js format (and an optional `tz=`). */
const DATE_EXPRESSIONS = ['date', 'commit_date'];
/**
 * Splits a template into text and expressions; a string naming what is wrong when it uses
 * anything beyond `allowed` (block helpers, triple braces, unknown names). Handlebars' escapes
 * hold: `\{{…` is literal text up to the next `{{`, and `\\{{x}}` is a backslash before `x`.
 */
function parseTemplate(template, allowed) {
    const parts = [];
    let rest = template;
    while (rest !== '') {
        const open = rest.indexOf('{{');
        if (open < 0) {
            parts.push(rest);
            break;
        }
        const before = rest.slice(0, open);
        if (before.endsWith('\\\\')) {
            parts.push(before.slice(0, -1));
        }
        else if (before.endsWith('\\')) {
            // Escaped: literal, from the braces up to the next `{{` (or its own escaped forms).
            let next = rest.indexOf('{{', open + 2);
            if (next < 0)
                next = rest.length;
            for (let n = 0; n < 2 && next > open + 2 && rest[next - 1] === '\\'; n++)
                next--;
            parts.push(before.slice(0, -1) + rest.slice(open, next));
            rest = rest.slice(next);
            continue;
        }
        else if (open > 0) {
            parts.push(before);
        }
        const close = rest.indexOf('}}', open);
        if (close < 0)
            return `unclosed "{{" in ${template}`;
        const inner = rest.slice(open + 2, close);
        const m = EXPRESSION.exec(inner);
        const name = m?.[1];
        if (!m || name === undefined || !allowed.includes(name)) {
            return `{{${inner}}} is not an expression Kiln supports here (${allowed.map((a) => (DATE_EXPRESSIONS.includes(a) ? `{{${a} 'FORMAT'}}` : `{{${a}}}`)).join(', ')})`;
        }
        const format = m[2] ?? m[3];
        const tz = m[4] ?? m[5];
        if (DATE_EXPRESSIONS.includes(name)) {
            if (format === undefined)
                return `{{${inner}}} needs a format, e.g. {{${name} 'YYYYMMDD'}}`;
            const bad = checkDateFormat(format);
            if (bad)
                return bad;
            if (tz !== undefined && !validTimeZone(tz))
                return `unknown time zone "${tz}" in {{${inner}}}`;
        }
        else if (format !== undefined || tz !== undefined) {
            return `{{${name}}} takes no argument`;
        }
        parts.push({ name, format, tz });
        rest = rest.slice(close + 2);
    }
    return parts;
}
/** moment.js format tokens Kiln renders exactly; `[…]` is literal text, as in moment. */
const DATE_TOKENS = ['YYYY', 'YY', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'mm', 'm', 'ss', 's', 'SSS', 'X', 'x'];
// `T` is no moment token: moment prints it as it is (`YYYY-MM-DDTHH:mm:ss`).
const TOKEN = new RegExp(`\\[[^\\]]*\\]|${DATE_TOKENS.join('|')}|T|[A-Za-z]+`, 'g');
function checkDateFormat(format) {
    for (const m of format.matchAll(TOKEN)) {
        const token = m[0];
        if (!token.startsWith('[') && token !== 'T' && !DATE_TOKENS.includes(token)) {
            return `the date format token "${token}" in '${format}' is not supported by Kiln (use ${DATE_TOKENS.join(' ')}, [literal text] and separators)`;
        }
    }
    return undefined;
}
function validTimeZone(tz) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/** Fields of one CSV record; a field without `=` is metadata-action's shorthand for `value=`. */
function fieldsOf(line) {
    const record = (0,sync/* parse */.qg)(line, { relax_quotes: true, relax_column_count: true })[0] ?? [];
    return record.map((field) => {
        const at = field.indexOf('=');
        return at < 0 ? ['value', field.trim()] : [field.slice(0, at).trim().toLowerCase(), field.slice(at + 1).trim()];
    });
}
/** One `type=…` item of `tags`, checked and with defaults filled in. */
function parseTagRule(text) {
    const bad = (accepted) => new inputs_errors/* InputError */.dz('tags', text, accepted);
    // Partial until the defaults are in: a missing attribute is undefined, not ''.
    const attrs = {};
    let type;
    for (const [key, value] of fieldsOf(text)) {
        if (key === 'type')
            type = value;
        else
            attrs[key] = value;
    }
    if (type !== undefined && type in UNSUPPORTED)
        return bad(UNSUPPORTED[type] ?? '');
    if (type === undefined || !(type in ATTRIBUTES)) {
        return bad(`unknown rule type "${type ?? ''}"; use type=schedule, semver, ref, edge, raw or sha (docker/metadata-action's rules)`);
    }
    const kind = type;
    const allowed = [...COMMON, ...ATTRIBUTES[kind]];
    for (const key of Object.keys(attrs)) {
        if (!allowed.includes(key))
            return bad(`type=${kind} takes ${allowed.join(', ')}; "${key}" is not one of them`);
    }
    switch (kind) {
        case 'schedule':
            attrs.pattern ??= 'nightly';
            break;
        case 'semver':
            if (attrs.pattern === undefined)
                return bad('type=semver needs a pattern, e.g. pattern={{version}}');
            attrs.value ??= '';
            break;
        case 'edge':
            attrs.branch ??= '';
            break;
        case 'ref':
            if (!['branch', 'tag', 'pr'].includes(attrs.event ?? ''))
                return bad('type=ref needs event=branch, event=tag or event=pr');
            if (attrs.event === 'pr')
                attrs.prefix ??= 'pr-';
            break;
        case 'raw':
            if (attrs.value === undefined)
                return bad('type=raw needs a value, e.g. type=raw,value=stable');
            break;
        case 'sha':
            attrs.prefix ??= 'sha-';
            attrs.format ??= 'short';
            if (!['short', 'long'].includes(attrs.format))
                return bad('type=sha takes format=short or format=long');
            break;
    }
    const enable = (attrs.enable ??= 'true');
    const priority = (attrs.priority ??= DEFAULT_PRIORITIES[kind]);
    if (priority.trim() === '' || Number.isNaN(Number(priority)))
        return bad(`priority must be a number, not "${priority}"`);
    if (!enable.includes('{{') && !['true', 'false'].includes(enable))
        return bad(`enable must be true or false, not "${enable}"`);
    const templates = [
        ['enable', GLOBAL_EXPRESSIONS],
        ['prefix', GLOBAL_EXPRESSIONS],
        ['suffix', GLOBAL_EXPRESSIONS],
        ['value', GLOBAL_EXPRESSIONS],
        ['pattern', kind === 'semver' ? SEMVER_EXPRESSIONS : SCHEDULE_EXPRESSIONS],
    ];
    for (const [key, expressions] of templates) {
        const value = attrs[key];
        if (value === undefined)
            continue;
        const parsed = parseTemplate(value, expressions);
        if (typeof parsed === 'string')
            return bad(`${key}: ${parsed}`);
    }
    return { type: kind, attrs: attrs, text };
}
/** An item of `tags` that is a rule rather than a literal tag. */
function isTagRule(item) {
    return /^type\s*=/i.test(item.trim());
}
/**
 * Splits `tags` into literal tags (split as build-push-action splits them: lines and commas) and
 * metadata-action rules (one per line: their commas separate attributes). `#` lines are
 * comments, as in metadata-action.
 */
function splitTags(raw) {
    const lines = raw.split(/\r?\n/);
    const rules = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && isTagRule(l));
    const rest = lines.filter((l) => !isTagRule(l) && !l.trim().startsWith('#')).join('\n');
    return { literal: (0,lists/* parseList */.E1)(rest), rules };
}
/** `images` as metadata-action reads it: one per line (or comma-separated on one line), `name=…,enable=…`. */
function parseImages(raw, errors) {
    const lines = raw
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
    const images = [];
    // Their backward-compatible form: a single line of plain names separated by commas.
    const first = lines[0];
    if (lines.length === 1 && first !== undefined && fieldsOf(first).every(([k]) => k === 'value')) {
        for (const [, name] of fieldsOf(first))
            pushImage(name, first, images, errors);
        return images;
    }
    for (const line of lines) {
        let name = '';
        let enable = true;
        for (const [key, value] of fieldsOf(line)) {
            if (key === 'value' || key === 'name')
                name = value;
            else if (key === 'enable') {
                if (!['true', 'false'].includes(value))
                    errors.push(new inputs_errors/* InputError */.dz('images', line, 'enable must be true or false'));
                enable = value === 'true';
            }
            else {
                errors.push(new inputs_errors/* InputError */.dz('images', line, `unknown attribute "${key}": use name=<repository> and enable=true|false`));
            }
        }
        if (enable)
            pushImage(name, line, images, errors);
    }
    return images;
}
function pushImage(name, line, images, errors) {
    const repo = name.trim().toLowerCase();
    if (repo === '') {
        errors.push(new inputs_errors/* InputError */.dz('images', line, 'give an image repository, e.g. ghcr.io/owner/app'));
        return;
    }
    // The tag comes from the rules: a tag or digest here would give `repo:1:2` references.
    const last = repo.slice(repo.lastIndexOf('/') + 1);
    if (repo.includes('@') || last.includes(':') || /\s/.test(repo)) {
        errors.push(new inputs_errors/* InputError */.dz('images', name, 'give a repository without tag or digest (e.g. ghcr.io/owner/app); the tags come from `tags` rules'));
        return;
    }
    images.push(repo);
}
/** Reads `images` and the rules among `tags`; literal tags are returned for `tags` as before. */
/** metadata-action's DOCKER_METADATA_SHORT_SHA_LENGTH: a whole number of at least 1. */
function readShortShaLength(raw, errors) {
    if (raw === '')
        return 7;
    const length = Number(raw);
    if (Number.isInteger(length) && length >= 1)
        return length;
    errors.push(new inputs_errors/* EnvError */.Qs('DOCKER_METADATA_SHORT_SHA_LENGTH', raw, 'use a whole number of at least 1 (7 by default)'));
    return 7;
}
/** metadata-action's DOCKER_METADATA_ANNOTATIONS_LEVELS (`manifest,index`), each level one buildx takes. */
function readAnnotationLevels(raw, errors) {
    const levels = (0,lists/* parseList */.E1)(raw);
    if (levels.every(annotations/* isAnnotationLevel */.Qy))
        return levels;
    errors.push(new inputs_errors/* EnvError */.Qs('DOCKER_METADATA_ANNOTATIONS_LEVELS', raw, `use levels among ${annotations/* ANNOTATION_LEVELS */.CJ.join(', ')}, comma-separated`));
    return [];
}
function readMetadata(imagesRaw, tagsRaw, errors, env = {}, flavorRaw = '') {
    const images = parseImages(imagesRaw, errors);
    const { literal, rules: ruleTexts } = splitTags(tagsRaw);
    const rules = [];
    for (const text of ruleTexts) {
        const rule = parseTagRule(text);
        if (rule instanceof inputs_errors/* InputError */.dz)
            errors.push(rule);
        else
            rules.push(rule);
    }
    if (ruleTexts.length > 0 && imagesRaw.trim() === '') {
        errors.push(new inputs_errors/* InputError */.dz('tags', ruleTexts[0] ?? '', 'tag rules (type=…) need `images`: set the image repositories to tag, e.g. images: ghcr.io/owner/app'));
    }
    if (images.length > 0 && ruleTexts.length === 0) {
        for (const text of DEFAULT_RULES) {
            const rule = parseTagRule(text);
            rules.push({ ...rule, attrs: { ...rule.attrs, [DEFAULT_MARK]: 'true' } });
        }
    }
    const flavor = readFlavor(flavorRaw, errors);
    if (flavorRaw.trim() !== '' && imagesRaw.trim() === '') {
        errors.push(new inputs_errors/* InputError */.dz('flavor', flavorRaw.trim(), 'flavor shapes the tags made from `images`: set the image repositories to tag, e.g. images: ghcr.io/owner/app'));
    }
    for (const [key, value] of [
        ['prefix', flavor.prefix],
        ['suffix', flavor.suffix],
    ]) {
        const parsed = parseTemplate(value, GLOBAL_EXPRESSIONS);
        if (typeof parsed === 'string')
            errors.push(new inputs_errors/* InputError */.dz('flavor', `${key}=${value}`, parsed));
    }
    // metadata-action's variables matter only to a step with `images`: a job may set them for another step.
    const envErrors = images.length > 0 ? errors : [];
    const metadata = {
        images,
        rules,
        flavor,
        annotationLevels: readAnnotationLevels(env.DOCKER_METADATA_ANNOTATIONS_LEVELS ?? '', envErrors),
        shortShaLength: readShortShaLength(env.DOCKER_METADATA_SHORT_SHA_LENGTH ?? '', envErrors),
        // As metadata-action reads it (a case-insensitive "true").
        prHeadSha: /true/i.test(env.DOCKER_METADATA_PR_HEAD_SHA ?? ''),
    };
    return { metadata, literalTags: literal };
}
/**
 * With `images`, `labels` and `annotations` are templates, as metadata-action expands them (each
 * whole item, with the global expressions): one it would not expand is an input error here.
 */
function checkItemTemplates(input, items, errors) {
    for (const item of items) {
        const parsed = parseTemplate(item, GLOBAL_EXPRESSIONS);
        if (typeof parsed === 'string')
            errors.push(new inputs_errors/* InputError */.dz(input, item, parsed));
    }
}


/***/ }),

/***/ 69625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   Qh: () => (/* binding */ archOf),
/* harmony export */   ZC: () => (/* binding */ multiPlatform),
/* harmony export */   em: () => (/* binding */ normalizePlatforms),
/* harmony export */   o0: () => (/* binding */ nativeArches),
/* harmony export */   oF: () => (/* binding */ checkPlatform),
/* harmony export */   qy: () => (/* binding */ platformOfMachine),
/* harmony export */   rG: () => (/* binding */ emulatorOf),
/* harmony export */   wl: () => (/* binding */ onlyPlatform)
/* harmony export */ });
// Platforms as one value for the whole code base: `platforms`, `fan-out`, `qemu-platforms`,
// `append` nodes and the engine's own architecture are all normalized here, once, with the one
// table of architecture names below. Everything downstream compares the normalized strings.
// The OS names OCI platforms use (Go's GOOS); a typo such as `lnux/amd64` would otherwise fail
// deep inside BuildKit, after minutes of other work.
const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'wasip1', 'js'];
const V8 = ['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v8.9', 'v9', 'v9.0', 'v9.1', 'v9.2', 'v9.3', 'v9.4', 'v9.5'];
/** The one table of architectures (Go's GOARCH names, as OCI platforms use them). */
const ARCHITECTURES = {
    amd64: {
        variants: ['v1', 'v2', 'v3', 'v4'],
        aliases: { x86_64: undefined, 'x86-64': undefined },
        machines: { x86_64: undefined },
        qemu: 'qemu-x86_64',
        runsToo: ['386'],
    },
    arm64: { variants: V8, aliases: { aarch64: undefined }, machines: { aarch64: undefined, arm64: undefined }, qemu: 'qemu-aarch64', runsToo: ['arm'] },
    arm: { variants: ['v5', 'v6', 'v7', 'v8'], aliases: { armhf: 'v7', armel: 'v6' }, machines: { armv7l: 'v7', armv6l: 'v6' }, qemu: 'qemu-arm' },
    '386': { aliases: { i386: undefined }, machines: { i686: undefined }, qemu: 'qemu-i386' },
    ppc64le: { machines: { ppc64le: undefined }, qemu: 'qemu-ppc64le' },
    ppc64: {},
    s390x: { machines: { s390x: undefined }, qemu: 'qemu-s390x' },
    riscv64: { machines: { riscv64: undefined }, qemu: 'qemu-riscv64' },
    mips64le: { qemu: 'qemu-mips64el' },
    mips64: { qemu: 'qemu-mips64' },
    mipsle: {},
    mips: {},
    loong64: { machines: { loongarch64: undefined }, qemu: 'qemu-loongarch64' },
    wasm: {},
};
// In this order in messages (an object lists the numeric key '386' first).
const ARCHES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'mips64le', 'mips64', 'mipsle', 'mips', 'loong64', 'wasm'];
/** `name` → [architecture, implied variant] for the aliases (or the machine names) of the table. */
function lookup(name, column) {
    for (const [arch, entry] of Object.entries(ARCHITECTURES)) {
        const names = entry[column];
        if (names && Object.hasOwn(names, name))
            return [arch, names[name]];
    }
    return undefined;
}
function normalizePlatform(platform) {
    const [os = '', arch, ...rest] = platform.toLowerCase().split('/');
    if (arch === undefined)
        return os;
    const [canonical, implied] = lookup(arch, 'aliases') ?? [arch, undefined];
    return [os, canonical, rest[0] ?? implied].filter(Boolean).join('/');
}
/** Normalized, each once, in the order given. */
function normalizePlatforms(platforms) {
    return [...new Set(platforms.map(normalizePlatform))];
}
/** A build of several platforms (an index, a builder that can run them all): decided here only. */
function multiPlatform(platforms) {
    return new Set(platforms).size > 1;
}
/** The one platform of a single-platform build (a fan-out leg's cache scope), else undefined. */
function onlyPlatform(platforms) {
    return platforms.length === 1 ? platforms[0] : undefined;
}
/** The engine's platform from its `uname -m` Architecture. */
function platformOfMachine(machine) {
    const known = lookup(machine, 'machines');
    return (known ? ['linux', ...known].filter(Boolean).join('/') : `linux/${machine}`);
}
/** The architecture of a platform (`linux/arm/v7` → arm). */
function archOf(platform) {
    return platform.split('/')[1] ?? '';
}
/** The binfmt handler that emulates `arch`, and tonistiigi/binfmt's --install name for it. */
function emulatorOf(arch) {
    const handler = ARCHITECTURES[arch]?.qemu;
    return handler === undefined ? undefined : { handler, install: arch };
}
/** `arch` and the older architectures its CPUs run natively. */
function nativeArches(arch) {
    return [arch, ...(ARCHITECTURES[arch]?.runsToo ?? [])];
}
/**
 * Undefined when buildx would accept `platform`: os[/arch[/variant]] (a bare OS means the host's
 * architecture), case-insensitive, with containerd's aliases, or `local`. Else what is accepted.
 */
function checkPlatform(platform) {
    if (platform === 'local')
        return undefined;
    const [os, rawArch, variant, ...rest] = platform.toLowerCase().split('/');
    const form = 'use os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';
    if (os === undefined || os === '' || rawArch === '' || rest.length > 0)
        return form;
    if (rawArch === undefined)
        return OSES.includes(os) ? undefined : `unknown OS "${os}"; ${form} (OS one of ${OSES.join(', ')})`;
    const arch = lookup(rawArch, 'aliases')?.[0] ?? rawArch;
    if (!OSES.includes(os))
        return `unknown OS "${os}"; ${form} (OS one of ${OSES.join(', ')})`;
    if (!ARCHES.includes(arch))
        return `unknown architecture "${arch}"; ${form} (architecture one of ${ARCHES.join(', ')})`;
    if (variant !== undefined && !(ARCHITECTURES[arch]?.variants ?? []).includes(variant)) {
        const known = ARCHITECTURES[arch]?.variants;
        return known ? `unknown variant "${variant}" for ${arch}; use one of ${known.join(', ')}` : `${arch} takes no variant; ${form}`;
    }
    return undefined;
}


/***/ }),

/***/ 60507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionDeps: () => (/* reexport */ actionDeps),
  finishPostWork: () => (/* reexport */ finishPostWork),
  postSkipDeps: () => (/* reexport */ postSkipDeps),
  recordingState: () => (/* reexport */ recordingState),
  run: () => (/* reexport */ run)
});

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(74813);
;// CONCATENATED MODULE: ./src/build/export-deadline.ts
/**
 * Stops the build when its cache export runs past `seconds` after the image was pushed (when the
 * build pushes; 0 turns it off): the pushed image must not be lost to a side export. From the
 * moment the log says only the cache export is left, a stuck export ("preparing build cache for
 * export" for hours) holds nothing but the cache.
 */
function exportDeadline(seconds, pushes) {
    const controller = new AbortController();
    let timer;
    return {
        signal: controller.signal,
        /** Looks at the log after each chunk. */
        onProgress: (log) => {
            if (!pushes || seconds <= 0 || timer || !log.cacheExportOnly())
                return;
            timer = setTimeout(() => {
                controller.abort();
            }, seconds * 1000);
        },
        /** Whether the export was stopped. */
        fired: () => controller.signal.aborted,
        end: () => {
            clearTimeout(timer);
        },
    };
}

// EXTERNAL MODULE: ./src/plan/registry-error.ts
var registry_error = __webpack_require__(91923);
;// CONCATENATED MODULE: ./src/plan/push-retry.ts
// Whether a failed build is worth running again: only when it failed pushing (the build itself
// is cached by then, so another run only exports again) and the registry's error can heal.

const PUSH_RETRY = {
    /** Runs after the first one, at most. */
    retries: 3,
    /** Wait before retry n (1-based): base · 2^(n-1), at most max. */
    baseMs: 2_000,
    maxMs: 15_000,
};
// What BuildKit says when it fails to push (resolver and pusher errors).
const PUSHING = /failed to push|unexpected status from (?:PUT|POST|PATCH|HEAD|GET) request|failed to do request|failed commit on ref|failed to copy|failed to upload|pushing (?:layers|manifest)/i;
// Two builds that push the same repository through one BuildKit with an image store (a containerd
// worker shared by concurrent builds) race to name the image there, and the loser's export fails
// with `image "<name>": already exists` before its push. Nothing was pushed; another run names it.
const NAMED_TWICE = /image "[^"]+": already exists/;
/** Judges the final error of a failed build (its log's last `ERROR: ` line, prefix removed). */
function pushVerdict(finalError) {
    const final = finalError ?? '';
    if (NAMED_TWICE.test(final))
        return { push: true, transient: true, reason: "another build named the same image in the builder's store at the same moment" };
    if (!PUSHING.test(final))
        return { push: false, transient: false, reason: '' };
    const { transient, reason } = (0,registry_error/* classifyRegistryError */.C)(final);
    return { push: true, transient, reason: reason ?? 'the push failed' };
}
/** How long to wait before retry `n` (1-based). */
function retryDelayMs(n) {
    return Math.min(PUSH_RETRY.baseMs * 2 ** (n - 1), PUSH_RETRY.maxMs);
}

;// CONCATENATED MODULE: ./src/build/log.ts
const MAX_OUTPUT = 20;
const MAX_FAILURE_OUTPUT = 10;
// `s`: a step's output may hold carriage returns (progress bars), which `.` would not match.
const VERTEX_LINE = /^#(\d+) (.*)$/s;
const OUTPUT_LINE = /^(\d+\.\d+)(?: (.*))?$/s;
const DONE_LINE = /^DONE(?: (\d+(?:\.\d+)?)s)?$/;
// `WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)`
const WARN_LINE = /^WARN: ([A-Za-z0-9]+): (.*?)(?: \(line (\d+)\))?$/s;
const DEFINITION = /^\[internal\] load build definition from (.+)$/;
const COUNTER = /^\d+\/\d+$/;
// BuildKit's plain log ends a failed build with a source excerpt and the error:
//   Dockerfile:4
//   --------------------
//      4 | >>> RUN exit 3
//   --------------------
//   ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete ...
// and, above it, the failing step's output again between short rules:
//   ------
//    > [3/3] RUN make:
//   0.129 cc: error ...
//   ------
const SOURCE_LINE = /^(\S.*?):(\d+)\s*$/;
const EXCERPT_RULE = /^-{8,}\s*$/;
const STEP_RULE = '------';
const FAILING_STEP = /^ > (.*):\s*$/;
// Vertices whose failure is a cache's, not the build's (ignore-error=true lets the build succeed).
const CACHE_EXPORT_NAME = /^(?:exporting cache\b|exporting to .*cache\b)/i;
const CACHE_IMPORT_NAME = /^importing cache manifest from /;
// A cache that is simply not there yet (a new branch's first build) is no failure.
const CACHE_NOT_THERE = /not found|manifest unknown|404/i;
// A cache export's status for a blob it uploaded (and finished uploading).
const LAYER_WRITTEN = /^writing layer (sha256:[0-9a-f]{64})\b.*\bdone$/;
const LAYER_STARTED = /^writing layer (sha256:[0-9a-f]{64})\b/;
// The image export, and what follows it when only the cache is left to export.
const IMAGE_EXPORT = /^exporting to (?:image|docker image format|oci image format)\b/;
const CACHE_AFTER_IMAGE = /^(?:exporting cache\b|preparing build cache for export\b|exporting to GitHub Actions Cache\b|exporting to cache\b)/i;
// The docker driver names the image in the engine's store before it pushes it.
const IMAGE_NAMED = /naming to \S+ .*done/;
/** BuildKit's build-check rules are documented under their names in kebab case. */
function ruleUrl(rule) {
    const kebab = rule
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
        .toLowerCase();
    return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}
// BuildKit's Dockerfile frontend titles a step `[platform stage n/m] INSTRUCTION`: the platform
// only in multi-platform builds (with `->target` when cross-compiling), the stage only when the
// Dockerfile has several, and n padded to m's width (`[stage-1  2/11]`).
function readName(step, name) {
    step.name = name;
    const m = /^\[([^\]]*)\] ?(.*)$/.exec(name);
    if (!m)
        return;
    const tokens = (m[1] ?? '').trim().split(/\s+/);
    let i = 0;
    const first = tokens[0] ?? '';
    if (first.includes('/') && !COUNTER.test(first)) {
        step.platform = first;
        i = 1;
    }
    const rest = tokens.slice(i);
    const last = rest.at(-1);
    if (last !== undefined && COUNTER.test(last) && rest.length <= 2) {
        step.instruction = m[2] ?? '';
        if (rest.length === 2)
            step.stage = rest[0];
    }
}
function copy(step) {
    const out = { id: step.id, name: step.name, cached: step.cached, output: [...step.output] };
    if (step.instruction !== undefined)
        out.instruction = step.instruction;
    if (step.stage !== undefined)
        out.stage = step.stage;
    if (step.platform !== undefined)
        out.platform = step.platform;
    if (step.seconds !== undefined)
        out.seconds = step.seconds;
    if (step.error !== undefined)
        out.error = step.error;
    if (step.written) {
        // BuildKit marks the blob whose upload failed done as well, then fails the export with
        // "error writing layer blob" (a refused upload, gha-cache-rate-limited.log): that one is not written.
        const failed = step.error?.startsWith('error writing layer blob') && step.writing !== undefined && step.written.has(step.writing);
        out.blobsWritten = [...step.written].filter((b) => !(failed && b === step.writing));
        out.layersWritten = out.blobsWritten.length;
    }
    return out;
}
/**
 * Reads buildx's plain progress log as it streams: `push` each chunk as it comes (any split,
 * CRLF or LF), `end` when the stream ends; ask at any time. Each line is looked at once.
 */
class BuildLog {
    #byId = new Map();
    #order = [];
    #checks = [];
    #checkKeys = new Set();
    /** The unfinished last line, in the pieces it came in (no quadratic concatenation). */
    #pending = [];
    /** The vertex of the previous line; -1 after any other line (a blank line starts a block). */
    #previous = -1;
    // The build's end, for the failure: read as it passes, the last of each kind wins.
    /** The previous line (one CR removed), for the rules that look one line back. */
    #before = '';
    #finalError;
    #lastCheckComplete;
    #lastMeaningful;
    #excerpt;
    #failing;
    /** The failing step's repeated output is being read (until the closing rule). */
    #inFailing = false;
    // Cache vertices, and the errors of all vertices: few, and a vertex's name may follow its error.
    #cacheExports = new Set();
    #cacheImports = new Set();
    #vertexErrors = [];
    #imageExports = new Set();
    #imageExported = false;
    #cacheExportOnly = false;
    #imageNamed = false;
    push(chunk) {
        let start = 0;
        for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
            let line = chunk.slice(start, nl);
            if (this.#pending.length > 0) {
                this.#pending.push(line);
                line = this.#pending.join('');
                this.#pending = [];
            }
            this.#line(line);
            start = nl + 1;
        }
        if (start < chunk.length)
            this.#pending.push(chunk.slice(start));
        return this;
    }
    /** The stream ended: reads its last line even without a newline. */
    end() {
        if (this.#pending.length > 0) {
            const line = this.#pending.join('');
            this.#pending = [];
            this.#line(line);
        }
        return this;
    }
    /** The steps so far, in first-seen order (copies). */
    steps() {
        return this.#order.map(copy);
    }
    /** The Dockerfile's build-check warnings (`#N WARN: Rule: message (line n)`), once each. */
    checks() {
        return this.#checks.map((c) => ({ ...c }));
    }
    /** The build's final `ERROR: ` line without its prefix (untrimmed), if it printed one. */
    finalError() {
        return this.#finalError;
    }
    /** Why the build failed, and the Dockerfile line BuildKit points at. */
    failure() {
        let message = this.#finalError?.trim();
        // `--call check` fails without an ERROR line; its verdict is "Check complete, N warnings...".
        if (message === undefined)
            message = this.#lastCheckComplete ?? this.#lastMeaningful ?? 'the build failed';
        const output = this.#failing ? [...this.#failing.output] : [];
        const failure = this.#failing ? { message, step: this.#failing.step, output } : { message, output };
        return this.#excerpt ? { ...failure, ...this.#excerpt } : failure;
    }
    /**
     * Cache exports and imports that failed. With ignore-error=true BuildKit reports a failed export
     * as an `exporting … cache` step ending in `ERROR:` and the build still succeeds; a failed
     * import likewise. The user must hear about both.
     */
    /** Cache imports that found nothing (not there yet, or gone): no failure, but the build read no cache there. */
    cacheImportsNotFound() {
        return this.#vertexErrors.filter((e) => this.#cacheImports.has(e.id) && CACHE_NOT_THERE.test(e.message)).map((e) => e.message);
    }
    cacheFailures() {
        return {
            exports: this.#vertexErrors.filter((e) => this.#cacheExports.has(e.id)).map((e) => e.message),
            imports: this.#vertexErrors.filter((e) => this.#cacheImports.has(e.id) && !CACHE_NOT_THERE.test(e.message)).map((e) => e.message),
        };
    }
    /** The image export is done and a cache export started after it: only the cache is left. */
    cacheExportOnly() {
        return this.#cacheExportOnly;
    }
    /** The log said the image is named (`naming to … done`): the engine's store holds it. */
    imageNamed() {
        return this.#imageNamed;
    }
    #line(raw) {
        const plain = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        this.#end(plain);
        this.#before = plain;
        // CRLF logs, and output lines that end in CR (a program's own CRLF): a trailing CR shows nothing.
        let end = plain.length;
        while (end > 0 && plain.charCodeAt(end - 1) === 13)
            end--;
        const line = end === plain.length ? plain : plain.slice(0, end);
        const m = line.startsWith('#') ? VERTEX_LINE.exec(line) : null;
        if (m?.[1] === undefined) {
            this.#previous = -1;
            return;
        }
        const id = Number(m[1]);
        const text = m[2] ?? '';
        const blockStart = this.#previous !== id;
        this.#previous = id;
        // #0 is buildx's own line ("building with ... instance"), not a vertex.
        if (id === 0)
            return;
        this.#vertex(id, plain.slice(m[1].length + 2));
        let step = this.#byId.get(id);
        if (!step) {
            step = { id, name: '', cached: false, output: [], resumed: false };
            this.#byId.set(id, step);
            this.#order.push(step);
        }
        const out = OUTPUT_LINE.exec(text);
        if (out?.[1] !== undefined) {
            this.#output(step, out[1], out[2] ?? '');
            return;
        }
        if (text === 'CACHED') {
            step.cached = true;
            return;
        }
        const done = DONE_LINE.exec(text);
        if (done) {
            // Printed again when a vertex runs again; each gives its total time so far. A CACHED
            // vertex with no output of its own did not run: it is printed again when the export
            // fetches its cached layer (`sha256:… 230B / 230B done`).
            if (step.output.length > 0)
                step.cached = false;
            if (done[1] !== undefined)
                step.seconds = Number(done[1]);
            return;
        }
        if (text.startsWith('ERROR: ')) {
            step.error = text.slice('ERROR: '.length);
            step.cached = false;
            if (step.seconds === undefined && step.stamp !== undefined)
                step.seconds = Number(step.stamp);
            return;
        }
        if (text === 'CANCELED')
            return;
        if (text === '...') {
            step.resumed = true;
            return;
        }
        if (text.startsWith('WARN: ')) {
            this.#warning(step, text);
            return;
        }
        // Each block opens with the vertex's name (again, when the vertex resumes); the lines after
        // it are statuses (`resolve ... done`, `transferring context: 2B done`).
        if (blockStart && step.name === '')
            readName(step, text);
        else
            this.#status(step, text);
    }
    /** A status line of a vertex (`writing layer sha256:… 0.1s done`). */
    #status(step, text) {
        const started = LAYER_STARTED.exec(text)?.[1];
        if (started === undefined)
            return;
        step.writing = started;
        const layer = LAYER_WRITTEN.exec(text)?.[1];
        if (layer !== undefined)
            (step.written ??= new Set()).add(layer);
    }
    /** What the end of a build may say: the final error, the source excerpt, the failing step. */
    #end(line) {
        if (IMAGE_NAMED.test(line))
            this.#imageNamed = true;
        if (line.startsWith('ERROR: '))
            this.#finalError = line.slice('ERROR: '.length);
        const trimmed = line.trim();
        if (trimmed !== '' && !/^-+$/.test(trimmed)) {
            this.#lastMeaningful = trimmed;
            if (trimmed.startsWith('Check complete'))
                this.#lastCheckComplete = trimmed;
        }
        // The excerpt's header is the line just above a rule of dashes.
        if (EXCERPT_RULE.test(line)) {
            const header = SOURCE_LINE.exec(this.#before.trim());
            if (header?.[1] !== undefined && header[2] !== undefined && !header[1].startsWith('#')) {
                this.#excerpt = { file: header[1], line: Number(header[2]) };
            }
        }
        const title = FAILING_STEP.exec(line);
        if (title?.[1] !== undefined && this.#before === STEP_RULE) {
            this.#failing = { step: title[1], output: [] };
            this.#inFailing = true;
        }
        else if (this.#inFailing && this.#failing) {
            if (line === STEP_RULE) {
                this.#inFailing = false;
            }
            else {
                this.#failing.output.push(line.replace(/^\d+\.\d+ /, ''));
                if (this.#failing.output.length > MAX_FAILURE_OUTPUT)
                    this.#failing.output.shift();
            }
        }
    }
    /** A vertex line (`#N text`, text with inner CRs kept as printed): the cache and export facts. */
    #vertex(id, text) {
        const error = /^ERROR: (.*)$/.exec(text);
        if (error)
            this.#vertexErrors.push({ id, message: (error[1] ?? '').trim() });
        if (CACHE_EXPORT_NAME.test(text))
            this.#cacheExports.add(id);
        if (CACHE_IMPORT_NAME.test(text))
            this.#cacheImports.add(id);
        if (IMAGE_EXPORT.test(text))
            this.#imageExports.add(id);
        if (/^DONE\b/.test(text) && this.#imageExports.has(id))
            this.#imageExported = true;
        if (this.#imageExported && CACHE_AFTER_IMAGE.test(text))
            this.#cacheExportOnly = true;
    }
    #output(step, stamp, text) {
        const last = step.output.length - 1;
        // A line left partial when another vertex took over is printed again in full on resuming.
        if (step.resumed && stamp === step.stamp && last >= 0 && text.startsWith(step.output[last] ?? '')) {
            step.output[last] = text;
        }
        else {
            step.output.push(text);
            if (step.output.length > MAX_OUTPUT)
                step.output.shift();
        }
        step.stamp = stamp;
        step.resumed = false;
    }
    #warning(step, text) {
        const w = WARN_LINE.exec(text);
        if (w?.[1] === undefined)
            return;
        const check = { rule: w[1], message: w[2] ?? '', url: ruleUrl(w[1]) };
        const file = DEFINITION.exec(step.name)?.[1];
        if (file !== undefined)
            check.file = file;
        if (w[3] !== undefined)
            check.line = Number(w[3]);
        const key = `${check.rule}\0${check.file ?? ''}\0${String(check.line)}\0${check.message}`;
        if (this.#checkKeys.has(key))
            return;
        this.#checkKeys.add(key);
        this.#checks.push(check);
    }
}
/** A whole log, read. */
function readBuildLog(log) {
    return new BuildLog().push(log).end();
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(46193);
// EXTERNAL MODULE: ./src/process/buildx-command.ts
var buildx_command = __webpack_require__(83597);
// EXTERNAL MODULE: ./src/inputs/lists.ts
var lists = __webpack_require__(67560);
;// CONCATENATED MODULE: ./src/build/buildx-env.ts

// What Go's strconv.ParseBool reads, as buildx reads these values.
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
/** A provenance entry as buildx canonicalizes it: a boolean, or attributes that may say disabled=true. */
function provenanceOff(value) {
    if (GO_FALSE.includes(value))
        return true;
    if (GO_TRUE.includes(value))
        return false;
    return GO_TRUE.includes((0,lists/* parseAttributes */.vB)(value).disabled ?? '');
}
/**
 * Whether a `buildx build` with these arguments attaches a provenance attestation: the last
 * provenance entry decides (`--attest type=provenance,…`, then `--provenance`, as buildx
 * appends it); with none, buildx's default (min) applies unless BUILDX_NO_DEFAULT_ATTESTATIONS.
 */
function attachesProvenance(args, env) {
    const entries = [];
    let provenance;
    args.forEach((arg, i) => {
        const value = args[i + 1] ?? '';
        if (arg === '--attest' && (0,lists/* parseAttributes */.vB)(value).type === 'provenance')
            entries.push(value);
        if (arg === '--provenance')
            provenance = value;
    });
    if (provenance !== undefined)
        entries.push(provenance);
    const last = entries.at(-1);
    if (last === undefined)
        return !GO_TRUE.includes(env.BUILDX_NO_DEFAULT_ATTESTATIONS ?? '');
    return !provenanceOff(last);
}
function buildxBuildEnv(env, args = []) {
    const built = { ...env };
    if (env.BUILDX_METADATA_WARNINGS === undefined)
        built.BUILDX_METADATA_WARNINGS = 'true';
    if (env.BUILDX_METADATA_PROVENANCE === undefined && args.length > 0 && !attachesProvenance(args, env))
        built.BUILDX_METADATA_PROVENANCE = 'disabled';
    return built;
}

;// CONCATENATED MODULE: ./src/process/process-group.ts
// Imported by the post step, which loads nothing but Node itself: keep this module free of imports.
/** Signals a process group (buildx and its docker client); false once it is gone. Signal 0 only asks. */
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/build/run-buildx.ts





const SIGNALS = ['SIGINT', 'SIGTERM'];
/**
 * Runs `docker buildx build`, streaming its log to the step's output unchanged (users know
 * BuildKit's plain progress) and, decoded, to `onOutput` (build/log.ts reads it as it goes).
 * A bare spawn: this is the hot path of every run, and @actions/exec's extra module load and
 * PATH search cost time for nothing here.
 *
 * buildx runs in a process group of its own (docker and its buildx plugin), so that a cancelled
 * step stops all of it: SIGINT/SIGTERM to Kiln is passed on to the group, which gets `graceMs` to
 * stop (BuildKit cancels the build when its client goes) before the group is killed. Without
 * this, Kiln ended at once and buildx went on building, and pushing, for half a minute.
 */
function runBuildx(args, env, onOutput, options = {}) {
    const command = (0,buildx_command/* processFor */.hU)(args, env);
    process.stdout.write(`[command]${command.shown} ${args.slice(1).join(' ')}\n`);
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command.file, command.args, { env: buildxBuildEnv(env, args), cwd: (0,buildx_command/* childCwd */.zZ)(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        let cancelled;
        let killer;
        const stopGroup = (signal) => {
            if (child.pid === undefined || killer)
                return;
            signalGroup(child.pid, signal);
            killer = setTimeout(() => {
                if (child.pid !== undefined)
                    signalGroup(child.pid, 'SIGKILL');
            }, options.graceMs ?? 5_000);
        };
        const onSignal = (signal) => {
            process.stdout.write(`Kiln: ${signal} received; stopping buildx\n`);
            cancelled ??= signal;
            stopGroup(signal);
        };
        const onStop = () => {
            stopGroup('SIGINT');
        };
        for (const s of SIGNALS)
            process.on(s, onSignal);
        options.stop?.addEventListener('abort', onStop);
        const cleanup = () => {
            for (const s of SIGNALS)
                process.off(s, onSignal);
            options.stop?.removeEventListener('abort', onStop);
            clearTimeout(killer);
        };
        if (child.pid !== undefined)
            options.onStart?.(child.pid);
        const relay = (sink) => {
            // A character split between two chunks is decoded whole.
            const decoder = new external_node_string_decoder_.StringDecoder('utf8');
            return (chunk) => {
                sink.write(chunk);
                onOutput?.(decoder.write(chunk));
            };
        };
        child.stdout.on('data', relay(process.stdout));
        child.stderr.on('data', relay(process.stderr));
        child.on('error', (err) => {
            cleanup();
            reject(new Error(`Could not run ${command.shown} (${err.message}): is it installed and on PATH?`));
        });
        child.on('close', (code) => {
            cleanup();
            // The group may outlive its leader (a plugin still exiting): nothing of it may stay.
            if ((cancelled || options.stop?.aborted) && child.pid !== undefined)
                signalGroup(child.pid, 'SIGKILL');
            resolve({ exitCode: code ?? 1, ...(cancelled ? { cancelled } : {}) });
        });
    });
}

;// CONCATENATED MODULE: ./src/build/retry-push.ts




/**
 * Runs the build, and again when it failed pushing with an error that can heal (HTTP 429 or 5xx,
 * a dropped connection, after BuildKit's own retries): the build is cached by then, so a retry
 * only exports again. At most PUSH_RETRY.retries times, with growing waits; never after a cancel.
 * Each run's log is read as it streams; `onProgress` sees it after each chunk.
 */
async function runBuildxRetrying(args, env, onProgress, options) {
    const retries = [];
    for (;;) {
        const log = new BuildLog();
        const run = await runBuildx(args, env, (text) => {
            onProgress(log.push(text));
        }, options);
        log.end();
        if (run.exitCode === 0 || run.cancelled || options.stop?.aborted)
            return { ...run, retries, log };
        const verdict = pushVerdict(log.finalError());
        if (!verdict.transient || retries.length >= PUSH_RETRY.retries)
            return { ...run, retries, log };
        retries.push(verdict.reason);
        const wait = retryDelayMs(retries.length);
        runner/* warning */.$e(`The push failed: ${verdict.reason}. Retry ${retries.length} of ${PUSH_RETRY.retries} in ${wait / 1000} s (the build is cached: only the export runs again).`, {
            title: 'Push retried',
        });
        await new Promise((resolve) => setTimeout(resolve, wait));
    }
}

;// CONCATENATED MODULE: ./src/build/guarded-build.ts
// The build, bounded by what must not fail or hold it: a cancelled job stops buildx (run-buildx),
// a transient push failure runs it again (retry-push), and a cache export still running long after
// the image was pushed is stopped (export-deadline).



async function runGuardedBuild(args, env, onProgress, options) {
    const limit = exportDeadline(options.exportTimeout, options.pushes);
    try {
        const run = await runBuildxRetrying(args, env, (log) => {
            onProgress(log);
            limit.onProgress(log);
        }, {
            onStart: options.onStart,
            stop: limit.signal,
        });
        const exportStopped = run.exitCode !== 0 && limit.fired() && !run.cancelled;
        if (exportStopped) {
            runner/* warning */.$e(`The cache export was still running ${options.exportTimeout} s after the image was pushed (cache-export-timeout): Kiln stopped it. The image is pushed and the step succeeds; this build's cache was not saved.`, { title: 'Cache export stopped' });
        }
        if (run.cancelled) {
            runner/* error */.z3(`The step was cancelled (${run.cancelled}): buildx was stopped before it finished; nothing more is pushed or cached.`, { title: 'Cancelled' });
        }
        return { ...run, exportStopped };
    }
    finally {
        limit.end();
    }
}
/** The summary's line about retries, if any were needed. */
function retriesLine(run) {
    const n = run.retries.length;
    return n === 0 ? undefined : `Push retried ${n} time${n > 1 ? 's' : ''} before it succeeded (${run.retries.join('; ')}).`;
}

// EXTERNAL MODULE: ./src/inputs/errors.ts
var inputs_errors = __webpack_require__(91318);
;// CONCATENATED MODULE: ./src/build/args-line.ts
// The buildx command line the build runs, as one JSON debug line beside the set-up's decisions
// (`Kiln set-up: {...}`): tests read facts from it (which flags, which values) instead of
// scanning the whole log for wording. Printed after the plan's masks are registered; secrets are
// never on the command line in the first place (they go in files and the environment).
const BUILDX_ARGS_PREFIX = 'Kiln buildx: ';
/** The debug line for one build's arguments (without `docker`: the runner may be a standalone buildx). */
function buildxArgsLine(args) {
    return `${BUILDX_ARGS_PREFIX}${JSON.stringify({ args })}`;
}

// EXTERNAL MODULE: ./src/inputs/buildx-option.ts
var buildx_option = __webpack_require__(66243);
;// CONCATENATED MODULE: ./src/plan/cache-rate-limit.ts
// GitHub's Actions cache takes at most 200 new entries a minute per repository and answers 429
// past that; BuildKit's gha backend writes one entry per layer blob, so a mode=max export of a big
// build (or a matrix of them) hits it. With ignore-error=true the build succeeds without its
// cache. Kiln then writes less: the export again at mode=min (the build itself is cached, only
// the export runs again), and if that is refused too, nothing more. Pure: the re-run is
// build/write-less.ts's.

/**
 * How a refused upload reads in BuildKit's export error: BuildKit retries a 429 until its gha
 * `timeout`, then fails with `maximum timeout reached: <the last answer>`. That answer is the
 * Twirp code (`resource_exhausted`: go-actions-cache reads a Twirp body's `msg` as no message),
 * the v1 service's message (`Request was blocked due to exceeding usage of resource 'Count'`), or
 * an unparsable body quoted with its status (`failed to parse error response 429: …`).
 */
const RATE_LIMITED = /\b429\b|too many requests|resource.exhausted|rate.limit|blocked due to exceeding usage/i;
function rateLimited(exportFailures) {
    return exportFailures.some((f) => RATE_LIMITED.test(f));
}
const REFUSED = "the Actions cache refused this build's uploads (HTTP 429: more than 200 new entries a minute in this repository)";
/**
 * What to do after a build whose cache export may have been refused. `attempt`: the export that
 * ran (`planned`, or the `min` retry). Only Kiln's own Actions cache entries are cut back: a
 * user's cache-to stays as given.
 */
function writeLessAfter(exportFailures, plan, args, attempt) {
    if (plan.kind !== 'managed' || plan.backend !== 'gha' || !rateLimited(exportFailures))
        return { next: 'done' };
    if (attempt === 'min')
        return { next: 'stop', said: `${REFUSED}, at mode=min too: nothing more written` };
    const gha = plan.cacheTo.filter((o) => (0,buildx_option/* typeOf */.QP)(o) === 'gha' && o.attrs.mode !== 'min');
    if (gha.length === 0)
        return { next: 'stop', said: `${REFUSED}; it already wrote at mode=min: nothing more written` };
    const lessened = new Map(gha.map((o) => [o.raw, (0,buildx_option/* optionFrom */.iQ)({ ...o.attrs, mode: 'min' }).raw]));
    const out = args.map((arg, i) => (i > 0 && args[i - 1] === '--cache-to' ? (lessened.get(arg) ?? arg) : arg));
    return { next: 'retry-min', args: out, said: `${REFUSED}: the export ran again at mode=min` };
}

// EXTERNAL MODULE: ./src/build/gha-writes.ts
var gha_writes = __webpack_require__(2299);
;// CONCATENATED MODULE: ./src/build/write-less.ts


async function buildWritingLess(run, args, plan, core) {
    const build = await run(args);
    if (build.cancelled || build.exitCode !== 0)
        return { build };
    const first = writeLessAfter(build.log.cacheFailures().exports, plan, args, 'planned');
    if (first.next === 'done')
        return { build };
    core.warning(`Cache: ${first.said}.`, { title: 'Cache rate limit' });
    if (first.next === 'stop')
        return { build, limited: first.said };
    const retry = await run(first.args);
    if (retry.cancelled)
        return { build: retry };
    const wrote = (r) => (0,gha_writes/* ghaWrites */.V)(r.log.steps())?.entriesWritten ?? 0;
    const entriesWritten = wrote(build) + wrote(retry);
    if (retry.exitCode !== 0) {
        const limited = `${first.said}, which failed (exit code ${retry.exitCode}): nothing more written`;
        core.warning(`Cache: ${limited}; the build's own result stands.`, { title: 'Cache rate limit' });
        return { build, limited, entriesWritten };
    }
    const second = writeLessAfter(retry.log.cacheFailures().exports, plan, first.args, 'min');
    const limited = second.next === 'stop' ? `${first.said}; ${second.said}` : `${first.said}, and wrote ${wrote(retry)} entries`;
    core.info(`Cache: ${limited}.`);
    return { build, limited, entriesWritten };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/github/context.ts
function readGithubContext(env, readFile, cwd, tmpdir) {
    let payload = {};
    const eventPath = env.GITHUB_EVENT_PATH;
    if (eventPath) {
        try {
            payload = JSON.parse(readFile(eventPath));
        }
        catch {
            payload = {};
        }
    }
    return {
        serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
        repository: env.GITHUB_REPOSITORY ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        workspace: env.GITHUB_WORKSPACE ?? cwd,
        runnerTemp: env.RUNNER_TEMP ?? tmpdir,
        action: env.GITHUB_ACTION ?? 'kiln',
        payload,
    };
}
/** The workflow run's URL: BuildKit records it as the provenance `builder-id`, as theirs does. */
function runUrl(ctx) {
    return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`;
}
/** Whether the repository is private; unknown counts as private (the cautious provenance mode). */
function isPrivateRepository(ctx) {
    const repo = ctx.payload.repository;
    return repo?.private !== false;
}

;// CONCATENATED MODULE: ./src/plan/context.ts


/** A context buildx fetches itself rather than reading from disk. */
function isRemoteContext(context) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context === '-';
}
/** The commit's Git context, as build-push-action builds it: the PR merge ref, else the commit. */
function gitContextUrl(ctx) {
    const ref = ctx.ref.startsWith('refs/pull/') || ctx.sha === '' ? ctx.ref : ctx.sha;
    return `${ctx.serverUrl}/${ctx.repository}.git#${ref}`;
}
/** Where a Dockerfile is looked for in `dir`, in order: BuildKit falls back to a lower-case `dockerfile` when `Dockerfile` is absent. */
function dockerfilesIn(dir) {
    return ['Dockerfile', 'dockerfile'].map((name) => external_node_path_.join(dir, name));
}
function dockerfileIn(dir, fileExists) {
    return dockerfilesIn(dir).find(fileExists);
}
/**
 * Chooses what to build from. Unlike build-push-action (always the Git context by default), an
 * empty `context` builds the workspace when a checkout with the Dockerfile is there, so
 * `.dockerignore` and files written by earlier steps count; without one it falls back to theirs.
 */
function chooseContext(inputs, ctx, cwd, fileExists) {
    const file = inputs.file === '' ? undefined : external_node_path_.resolve(cwd, inputs.file);
    if (inputs.context === 'git') {
        return { kind: 'git', url: gitContextUrl(ctx), because: 'context-git', reason: '`context: git` asks for the Git context of the commit' };
    }
    if (inputs.context === '') {
        const dockerfile = file !== undefined ? (fileExists(file) ? file : undefined) : dockerfileIn(ctx.workspace, fileExists);
        if (dockerfile !== undefined) {
            return {
                kind: 'path',
                path: ctx.workspace,
                dockerfile,
                because: 'workspace-dockerfile',
                reason: `the workspace holds ${external_node_path_.relative(ctx.workspace, dockerfile) || dockerfile}, so .dockerignore and files from earlier steps count`,
            };
        }
        return {
            kind: 'git',
            url: gitContextUrl(ctx),
            because: 'no-workspace-dockerfile',
            lookedFor: file !== undefined ? [file] : dockerfilesIn(ctx.workspace),
            reason: `no ${inputs.file || 'Dockerfile'} in the workspace (${ctx.workspace}): the job did not check out, so BuildKit fetches the commit itself`,
        };
    }
    if (isRemoteContext(inputs.context)) {
        return { kind: 'url', url: inputs.context, because: 'context-url', reason: '`context` is a URL' };
    }
    const dir = external_node_path_.resolve(cwd, inputs.context);
    if (!fileExists(dir)) {
        throw new inputs_errors/* InputError */.dz('context', inputs.context, `the directory ${dir} does not exist; give a directory in the workspace, a Git URL, or leave it empty`);
    }
    const dockerfile = file ?? dockerfileIn(dir, fileExists);
    if (dockerfile === undefined || !fileExists(dockerfile)) {
        const missing = dockerfile ?? external_node_path_.join(dir, 'Dockerfile');
        throw new inputs_errors/* InputError */.dz(inputs.file === '' ? 'context' : 'file', inputs.file === '' ? inputs.context : inputs.file, `no Dockerfile at ${missing}; set \`file\` to the Dockerfile's path (relative to the workspace)`);
    }
    return { kind: 'path', path: inputs.context, dockerfile, because: 'context-directory', reason: '`context` names a directory' };
}
/** The argument buildx takes as the context. */
function contextArgument(context) {
    return context.kind === 'path' ? context.path : context.url;
}

// EXTERNAL MODULE: ./src/plan/reproducible.ts
var reproducible = __webpack_require__(7043);
// EXTERNAL MODULE: ./src/plan/masks.ts
var masks = __webpack_require__(20194);
;// CONCATENATED MODULE: ./src/plan/secrets.ts


/** Lines of a secret file shorter than this (trimmed) are not masked. */
const MIN_FILE_MASK = 4;
// buildx reads `--secret` as CSV: a path with a comma or quote must be quoted.
function csvField(field) {
    return /[",\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
function planSecrets(secrets, tempDir, env) {
    const plan = { flags: [], files: [], masks: [] };
    secrets.forEach((secret, index) => {
        const id = csvField(`id=${secret.id}`);
        switch (secret.source.kind) {
            case 'inline': {
                const file = external_node_path_.join(tempDir, `secret-${index}`);
                plan.files.push({ path: file, value: secret.source.value });
                plan.flags.push(`${id},${csvField(`src=${file}`)}`);
                plan.masks.push(secret.source.value);
                break;
            }
            case 'file':
                plan.flags.push(`${id},${csvField(`src=${secret.source.path}`)}`);
                // A build that fails printing the file would otherwise show it in the log and summary.
                // Line by line, as the runner shows output; not the short lines, which hold next to
                // nothing secret and would hide every `{` or `}` in the log (a JSON key file's braces).
                for (const line of (secret.source.contents ?? '').split(/\r?\n/)) {
                    if (line.trim().length >= MIN_FILE_MASK)
                        plan.masks.push(line);
                }
                break;
            case 'env':
                plan.flags.push(`${id},${csvField(`env=${secret.source.name}`)}`);
                plan.masks.push(env[secret.source.name] ?? '');
                break;
        }
    });
    plan.masks = [...new Set(plan.masks.flatMap(masks/* maskPieces */.k).map((v) => v.trim()))];
    return plan;
}

;// CONCATENATED MODULE: ./src/plan/build-plan.ts






const raw = (option) => option.raw;
/** Which references an entry of `outputs` pushes; [] when it pushes nothing. */
function pushedByOutput(output, tags) {
    if (!(0,buildx_option/* pushes */.PN)(output))
        return [];
    return output.attrs.name ? (0,buildx_option/* namesOf */.eZ)(output) : tags;
}
/** Image references the build pushes: the tags with `push`, and what push-exporting `outputs` name. */
function pushTargets(inputs) {
    return [...new Set([...(inputs.push ? inputs.tags : []), ...inputs.outputs.flatMap((o) => pushedByOutput(o, inputs.tags))])];
}
/**
 * On the engine's own builder (the docker driver) the image exporter stores the image in the
 * engine as it pushes it. `--load` beside `--push` adds a second exporter that names the same
 * tags in the same store, and the two race to create the image: the loser fails the build with
 * `image "…": already exists` (buildx 0.29, Docker 28.5, containerd store, when the tag is new).
 * The push alone leaves the image loaded, under the same ID.
 */
function pushLoads(inputs, driver) {
    return inputs.push && inputs.load && driver === 'docker';
}
/** The default builder-id is the run's URL, as build-push-action records it. */
function withBuilderId(attrs, ctx, given = {}) {
    return (0,buildx_option/* sets */.cD)({ attrs: given }, 'builder-id') ? attrs : `${attrs},builder-id=${runUrl(ctx)}`;
}
function provenanceFlag(inputs, loads, attestations, ctx) {
    const given = inputs.provenance;
    if (given.mode === 'off')
        return { value: 'false', note: '' };
    if (given.mode === 'on')
        return { value: given.attrs === undefined ? `builder-id=${runUrl(ctx)}` : withBuilderId(given.raw, ctx, given.attrs), note: '' };
    // build-push-action's default: none when loading into the engine, else min for private
    // repositories and max for public ones.
    if (loads)
        return { note: 'provenance: none by default when the image is loaded into the engine' };
    // buildx refuses any attestation on such a builder, and a default must not fail the build.
    if (!attestations)
        return { note: 'provenance: none by default: this builder (the docker driver with the classic image store) cannot attach attestations' };
    if (inputs.call !== '' && !inputs.call.startsWith('build'))
        return { note: '' };
    if (inputs.attests.some((a) => (0,buildx_option/* typeOf */.QP)(a) === 'provenance'))
        return { note: '' };
    return isPrivateRepository(ctx)
        ? { value: withBuilderId('mode=min,inline-only=true', ctx), note: 'provenance: mode=min (private or unknown repository)' }
        : { value: withBuilderId('mode=max', ctx), note: 'provenance: mode=max (public repository)' };
}
/** Git contexts of the repository's own server get the job token, as build-push-action does. */
function gitAuthSecret(inputs, context, ctx) {
    if (context.kind === 'path' || inputs.githubToken === '')
        return undefined;
    const host = new URL(ctx.serverUrl).host;
    // Only the repository's own Git context, as build-push-action: another repository's
    // Dockerfile could read the token with RUN --mount=type=secret.
    const own = `${ctx.serverUrl}/${ctx.repository}.git`;
    if (context.url !== own && !context.url.startsWith(`${own}#`))
        return undefined;
    if (inputs.secrets.some((s) => s.id.startsWith('GIT_AUTH_TOKEN')))
        return undefined;
    return { id: `GIT_AUTH_TOKEN.${host}`, input: 'secrets', source: { kind: 'inline', value: inputs.githubToken } };
}
/** Everything the build needs, decided from the inputs and the job alone: no I/O. */
function planBuild(inputs, context, ctx, tempDir, env, 
/**
 * The builder to name on the command line ('' for buildx's current one), the cache plan's
 * entries (plan/step-cache.ts: the only source of --cache-from / --cache-to), whether the builder can attach attestations (not the docker driver with the classic store),
 * whether it loads into the engine by default (a created builder with default-load), and the
 * builder's driver.
 */
decided) {
    const builder = decided.builder ?? inputs.builder;
    const iidFile = external_node_path_.join(tempDir, 'iidfile');
    const metadataFile = external_node_path_.join(tempDir, 'metadata.json');
    // A builder with default-load loads the image when the build names no output of its own.
    const loadsByDefault = decided.defaultLoad === true && !inputs.push && inputs.outputs.length === 0;
    const loads = inputs.load || loadsByDefault || inputs.outputs.some((o) => (0,buildx_option/* typeOf */.QP)(o) === 'docker');
    const pushed = pushTargets(inputs);
    const loadFlag = inputs.load && !pushLoads(inputs, decided.driver);
    const gitAuth = gitAuthSecret(inputs, context, ctx);
    const secrets = planSecrets(gitAuth ? [...inputs.secrets, gitAuth] : inputs.secrets, tempDir, env);
    const provenance = provenanceFlag(inputs, loads, decided.attestations ?? true, ctx);
    const args = ['buildx', 'build'];
    const each = (flag, values) => {
        values.forEach((v) => args.push(flag, v));
    };
    const one = (flag, value) => {
        if (value)
            args.push(flag, value);
    };
    const when = (flag, on) => {
        if (on)
            args.push(flag);
    };
    one('--builder', builder);
    each('--add-host', inputs.addHosts);
    one('--allow', inputs.allow.join(','));
    each('--annotation', inputs.annotations.map((a) => a.raw));
    each('--attest', inputs.attests.map(raw));
    each('--build-arg', inputs.buildArgs);
    each('--build-context', inputs.buildContexts);
    each('--cache-from', decided.cache.cacheFrom.map(raw));
    each('--cache-to', decided.cache.cacheTo.map(raw));
    one('--call', inputs.call);
    one('--cgroup-parent', inputs.cgroupParent);
    one('--file', inputs.file);
    // buildx refuses an image ID file next to local and tar exporters (no image is made there).
    const filesOnly = inputs.outputs.some((o) => ['local', 'tar'].includes((0,buildx_option/* typeOf */.QP)(o)));
    if (!filesOnly)
        args.push('--iidfile', iidFile);
    args.push('--metadata-file', metadataFile);
    each('--label', inputs.labels.map((l) => l.raw));
    when('--load', loadFlag);
    one('--network', inputs.network);
    when('--no-cache', inputs.noCache);
    each('--no-cache-filter', inputs.noCacheFilters);
    // reproducible: the push spelt out as its image exporter, every image exporter rewriting timestamps.
    const pushAsOutput = inputs.reproducible && inputs.push && inputs.outputs.length === 0;
    const outputs = inputs.reproducible ? [...inputs.outputs.map(reproducible/* rewritingTimestamps */.Pp), ...(pushAsOutput ? [(0,reproducible/* pushOutput */.Yt)(inputs.tags)] : [])] : inputs.outputs;
    each('--output', outputs.map(raw));
    one('--platform', inputs.platforms.join(','));
    one('--provenance', provenance.value);
    when('--pull', inputs.pull);
    when('--push', inputs.push && !pushAsOutput);
    one('--sbom', inputs.sbom.mode === 'default' ? undefined : inputs.sbom.raw);
    each('--secret', secrets.flags);
    one('--shm-size', inputs.shmSize);
    each('--ssh', inputs.ssh);
    each('--tag', inputs.tags);
    one('--target', inputs.target);
    each('--ulimit', inputs.ulimit);
    args.push(contextArgument(context));
    return {
        args,
        context,
        tempDir,
        iidFile,
        metadataFile,
        secretFiles: secrets.files,
        masks: secrets.masks,
        pushed,
        loads,
        exporters: inputs.outputs.length + (inputs.push ? 1 : 0) + (loadFlag ? 1 : 0),
        platforms: inputs.platforms,
        provenanceNote: provenance.note,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/build/metadata-file.ts
var metadata_file = __webpack_require__(94754);
// EXTERNAL MODULE: ./src/inputs/platforms.ts
var inputs_platforms = __webpack_require__(69625);
// EXTERNAL MODULE: ./src/engine-api.ts
var engine_api = __webpack_require__(316);
// EXTERNAL MODULE: ./src/report/manifest.ts
var report_manifest = __webpack_require__(77333);
// EXTERNAL MODULE: ./src/report/registry.ts + 1 modules
var registry = __webpack_require__(92009);
;// CONCATENATED MODULE: ./src/report/collect.ts






function readIfPresent(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}
function isSingleManifest(mediaType) {
    return /manifest\.v\d\+json$/.test(mediaType) && !mediaType.includes('list');
}
function engineLookup(env) {
    const socket = (0,engine_api/* engineSocket */.I6)(env);
    return (image) => (socket ? (0,engine_api/* inspectEngineImage */.Mo)(socket, image) : Promise.resolve(undefined));
}
/**
 * Asks the engine for the pushed image as soon as buildx's log says it is named (the docker
 * driver names it in the engine's store before it pushes), so the request overlaps the push
 * instead of following it. `collectResult` still checks that the answer is this build's image.
 */
function watchPush(plan, lookupImage) {
    const [pushed] = plan.pushed;
    let early;
    return {
        /** Looks at the log after each chunk. */
        onProgress: (log) => {
            if (early || pushed === undefined || plan.exporters !== 1)
                return;
            if (log.imageNamed())
                early = lookupImage(pushed);
        },
        /** The request already under way, if the log said the image was named. */
        lookup: () => {
            const started = early;
            return started && (() => started);
        },
    };
}
/**
 * The engine's copy of `image`, trusted only when it is the one this build made (`digest`): a
 * stale tag from an earlier build, or another builder's push, falls through to the registry.
 */
async function fromEngine(image, digest, platform, lookup) {
    const found = await lookup(image);
    const foundDigest = found?.Descriptor?.digest ?? found?.Id;
    if (!found?.Manifests?.length || foundDigest !== digest)
        return undefined;
    return (0,report_manifest/* fromEngineManifests */.Vb)(digest, found.Descriptor?.mediaType ?? '', platform, found.Manifests);
}
/**
 * Reads what the build produced, as cheaply as the truth allows. With one exporter, the digest
 * buildx reports is the one it pushed, and the docker driver's engine holds that very index: one
 * socket request gives its platforms. With several exporters buildx's metadata may name another
 * exporter's digest, so the push is read back from the registry (a buildx process, ~100 ms).
 */
async function collectResult(plan, tags, 
/** The engine's platform (EngineFacts): what a build that named none was built for. */
enginePlatform, env, early) {
    const lookup = early ?? engineLookup(env);
    const imageId = readIfPresent(plan.iidFile).trim();
    const metadata = (0,metadata_file/* readBuildMetadata */.q3)(plan.metadataFile);
    const { descriptor, digest: reported } = metadata;
    const single = (0,inputs_platforms/* onlyPlatform */.wl)(plan.platforms) ?? enginePlatform;
    let manifest;
    let readBack;
    const [pushed] = plan.pushed;
    if (pushed !== undefined) {
        if (plan.exporters === 1 && reported !== '')
            manifest = await fromEngine(pushed, reported, single, lookup);
        if (manifest === undefined) {
            // A pushed image is never lost to its read-back: when the registry cannot say, the outputs
            // buildx's own files give are still set, and the caller warns.
            const read = await (0,registry/* fetchManifestRetrying */.Y)(pushed, env);
            let error = read.error?.message;
            try {
                if (read.value)
                    manifest = (0,report_manifest/* readManifest */.WI)(read.value, single);
            }
            catch (caught) {
                error = `Could not read ${pushed} back from its registry: ${caught instanceof Error ? caught.message : String(caught)}`;
            }
            readBack = { ref: pushed, attempts: read.attempts, error };
        }
    }
    else if (plan.loads && reported !== '') {
        manifest = await fromEngine(imageId || reported, reported, single, engineLookup(env));
    }
    if (manifest === undefined && descriptor && isSingleManifest(descriptor.mediaType)) {
        manifest = {
            digest: descriptor.digest,
            mediaType: descriptor.mediaType,
            entries: [{ platform: single, digest: descriptor.digest, size: descriptor.size, mediaType: descriptor.mediaType, attestation: false }],
        };
    }
    return { imageId, metadata, digest: manifest?.digest ?? reported, manifest, tags, readBack };
}

;// CONCATENATED MODULE: ./src/setup/temp-dir.ts


/** A private directory for this step (secret files, iidfile, metadata), removed by the post step. */
function makeTempDir(runnerTemp) {
    (0,external_node_fs_.mkdirSync)(runnerTemp, { recursive: true });
    return (0,external_node_fs_.mkdtempSync)(external_node_path_.join(runnerTemp, 'kiln-'));
}
/** Inline secrets become files only the runner's user can read; their paths go to buildx. */
function writeSecretFiles(files) {
    for (const file of files)
        (0,external_node_fs_.writeFileSync)(file.path, file.value, { mode: 0o600, flag: 'wx' });
}
/**
 * Post steps run at the end of the job, so secret files left for the post step would be readable
 * by every later step of the job: they go as soon as buildx has read them.
 */
function removeSecretFiles(files) {
    for (const file of files)
        (0,external_node_fs_.rmSync)(file.path, { force: true });
}

;// CONCATENATED MODULE: ./src/phases/build.ts
// The pipeline's fourth phase: the build's plan (its buildx arguments, from the set-up's one
// cache plan), then the build, its log streaming to the step's output and, as it goes, into
// per-step facts.





/** What the cache's fingerprint is about (report/cache-reuse.ts before the build, report/cache-miss.ts after it). */
function fingerprintSubject(prepared, context, inputs) {
    return { cache: prepared.cache, context, buildArgs: inputs.buildArgValues, target: inputs.target, builder: prepared.builderArg, tempDir: prepared.tempDir };
}
async function buildStep(planned, setUp, deps) {
    const { inputs, context, ctx, leg } = planned;
    const { prepared, state } = setUp;
    const { io: core, engine } = deps;
    const env = prepared.env;
    // A cache that already holds this very build is not exported again.
    const reuse = prepared.cache.kind === 'managed' && prepared.cache.write !== undefined
        ? await (await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(501), __webpack_require__.e(409)]).then(__webpack_require__.bind(__webpack_require__, 66409))).cacheReuse({ ...fingerprintSubject(prepared, context, inputs), platforms: planned.build.platforms, env })
        : undefined;
    if (reuse?.decision.skip)
        core.info(reuse.decision.line);
    const plan = planBuild(planned.build, context, ctx, prepared.tempDir, env, {
        builder: prepared.builderArg,
        driver: prepared.builder.driver,
        cache: reuse?.decision.skip ? { ...prepared.cache, cacheTo: [] } : prepared.cache,
        attestations: prepared.caps.cacheExport,
        defaultLoad: prepared.defaultLoad,
    });
    plan.masks.forEach((m) => {
        core.setSecret(m);
    });
    core.debug(buildxArgsLine(plan.args));
    if (plan.provenanceNote)
        core.info(plan.provenanceNote);
    const before = inputs.reproducible && !leg && plan.pushed[0] ? await (await __webpack_require__.e(/* import() */ 7).then(__webpack_require__.bind(__webpack_require__, 30007))).servedBefore(plan.pushed[0], env) : undefined;
    const push = watchPush(plan, engineLookup(env));
    // The local cache directory as restored, when the build exports to it (not when the cache already holds this build).
    const local = prepared.cache.local;
    const exportsLocal = local && !reuse?.decision.skip && prepared.cache.cacheTo.some((e) => e.attrs.type === 'local' && e.attrs.dest === local.dir);
    const localBefore = exportsLocal ? (await __webpack_require__.e(/* import() */ 544).then(__webpack_require__.bind(__webpack_require__, 77544))).localBlobs(local.dir) : undefined;
    let run;
    let less;
    try {
        writeSecretFiles(plan.secretFiles);
        // An Actions cache export refused for its rate (429) runs again at mode=min, then not at all.
        less = await buildWritingLess((args) => engine.build(args, env, push.onProgress, { exportTimeout: inputs.cache.exportTimeout, pushes: plan.pushed.length > 0, onStart: state.buildxGroup }), plan.args, prepared.cache, core);
        run = less.build;
    }
    finally {
        removeSecretFiles(plan.secretFiles);
    }
    return { plan, run, push, before, env, reuse, less, localBefore };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/plan/docker-config.ts
var docker_config = __webpack_require__(27386);
;// CONCATENATED MODULE: ./src/inputs/login.ts

/** The key Docker's config uses for Docker Hub (what `docker login` with no server writes). */
const DOCKER_HUB = 'https://index.docker.io/v1/';
const HUB_ALIASES = ['', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];
/**
 * The registry as Docker's config keys it and looks it up: the host[:port] without a scheme or
 * path (`https://ghcr.io/owner` → `ghcr.io`), and Docker Hub's own key for Docker Hub, which is
 * login-action's default when `registry` is empty. Undefined when it is no registry address.
 */
function registryKey(given) {
    const host = given
        .trim()
        .replace(/^https?:\/\//i, '')
        .split('/')[0] ?? '';
    if (HUB_ALIASES.includes(host.toLowerCase()) || given.trim() === DOCKER_HUB)
        return DOCKER_HUB;
    return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(host) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(host) ? host.toLowerCase() : undefined;
}
const AUTH_KEYS = ['registry', 'username', 'password'];
const AUTH_EXAMPLE = 'use a YAML list of registry, username, password, e.g. "- registry: ghcr.io\\n  username: ${{ github.actor }}\\n  password: ${{ secrets.GITHUB_TOKEN }}"';
/**
 * `registry`/`username`/`password` (login-action's inputs, one registry) and `registry-auth` (a
 * YAML list of them). A login with an empty password is kept: the plan skips it with a notice,
 * since that is what a pull request from a fork looks like. A password is never part of a message.
 */
function readLogins(source, errors) {
    const logins = [];
    const add = (input, where, registry, username, password) => {
        const key = registryKey(registry);
        const named = (name) => (input === 'registry-auth' ? 'registry-auth' : name);
        if (key === undefined) {
            errors.push(new inputs_errors/* InputError */.dz(named('registry'), `${where}${registry}`, 'use a registry host such as ghcr.io or registry.example.com:5000 (empty for Docker Hub)'));
            return;
        }
        if (password !== '' && username === '') {
            errors.push(new inputs_errors/* InputError */.dz(named('username'), where, `a password for ${key} needs a username`));
            return;
        }
        const twice = logins.find((l) => l.registry === key);
        if (twice) {
            errors.push(new inputs_errors/* InputError */.dz(named('registry'), `${where}${registry}`, `${key} is already given (${twice.input === 'password' ? 'input registry' : 'registry-auth'}); give each registry once`));
            return;
        }
        logins.push({ registry: key, username, password, input });
    };
    const registry = source.get('registry').trim();
    const username = source.get('username').trim();
    // Kept as given: a password may end in a space.
    const password = source.get('password');
    if (registry !== '' || username !== '' || password !== '')
        add('password', '', registry, username, password);
    const raw = source.get('registry-auth');
    if (raw.trim() === '')
        return logins;
    if (!source.parseYaml)
        throw new Error('registry-auth is set but no YAML parser was given');
    let doc;
    try {
        doc = source.parseYaml(raw);
    }
    catch (error) {
        // The parser's message quotes the text, which holds passwords: only its kind is shown.
        errors.push(new inputs_errors/* InputError */.dz('registry-auth', '(hidden: it holds passwords)', `not valid YAML (${error instanceof Error ? error.name : 'parse error'}); ${AUTH_EXAMPLE}`));
        return logins;
    }
    if (!Array.isArray(doc)) {
        errors.push(new inputs_errors/* InputError */.dz('registry-auth', '(hidden: it holds passwords)', AUTH_EXAMPLE));
        return logins;
    }
    doc.forEach((item, index) => {
        const where = `entry ${index + 1}: `;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
            errors.push(new inputs_errors/* InputError */.dz('registry-auth', `${where}(hidden)`, AUTH_EXAMPLE));
            return;
        }
        const entry = item;
        const unknown = Object.keys(entry).filter((k) => !AUTH_KEYS.includes(k));
        const notText = AUTH_KEYS.filter((k) => entry[k] !== undefined && entry[k] !== null && typeof entry[k] !== 'string' && typeof entry[k] !== 'number');
        if (unknown.length > 0 || notText.length > 0) {
            const what = unknown.length > 0 ? `unknown key ${unknown.join(', ')}` : `${notText.join(', ')} must be text`;
            errors.push(new inputs_errors/* InputError */.dz('registry-auth', `${where}${typeof entry.registry === 'string' ? entry.registry : ''}`, `${what}; ${AUTH_EXAMPLE}`));
            return;
        }
        const text = (value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
        add('registry-auth', where, text(entry.registry).trim(), text(entry.username).trim(), text(entry.password));
    });
    return logins;
}

// EXTERNAL MODULE: ./src/plan/image-ref.ts
var image_ref = __webpack_require__(68646);
;// CONCATENATED MODULE: ./src/plan/login.ts
// Which registries the step logs in to, with what, and what the private Docker config holds:
// pure decisions on plain data. src/setup/login.ts writes the result.



const GHCR = 'ghcr.io';
/** How a registry is named in messages: Docker Hub by its usual name rather than its config key. */
function displayRegistry(registry) {
    return registry === DOCKER_HUB ? 'docker.io' : registry;
}
/** The config key an auths entry or an image's registry stands for (see registryKey). */
function keyOf(hostOrUrl) {
    return registryKey(hostOrUrl) ?? hostOrUrl.toLowerCase();
}
/** Whether the runner's own Docker config already holds (or routes to a helper) a credential for `registry`. */
function hasCredential(user, registry) {
    return Object.keys(user.auths ?? {}).some((k) => keyOf(k) === registry) || Object.keys(user.credHelpers ?? {}).some((k) => keyOf(k) === registry);
}
/**
 * Images the step talks to a registry about with credentials: what it pushes, and the registry
 * caches the cache plan reads or writes (its cache-from / cache-to entries: the user's, or the
 * ones Kiln derived from cache-ref or the tags).
 */
function imagesNeedingLogin(pushed, cache) {
    const cacheRefs = [...cache.cacheFrom, ...cache.cacheTo].map(buildx_option/* registryRef */.l7).filter((ref) => ref !== undefined);
    return [...new Set([...pushed, ...cacheRefs])];
}
/**
 * The logins to make. Given ones with a password are made; ones with an empty password are
 * skipped with a notice (a pull request from a fork gets empty secrets, and its build should go
 * on). Zero-config GHCR: an image on ghcr.io/<this repository's owner>/… with no credential for
 * ghcr.io given or in the runner's config gets one from github-token.
 */
function planLogin(req) {
    const registries = [...new Set(req.images.map((ref) => keyOf((0,image_ref/* registryHost */.U$)(ref) ?? DOCKER_HUB)))];
    const plan = { credentials: [], skipped: [], info: [], notices: [], masks: [], registries };
    for (const login of req.logins) {
        const from = login.input === 'password' ? 'input password' : 'input registry-auth';
        const name = displayRegistry(login.registry);
        if (login.password === '') {
            plan.skipped.push({ registry: login.registry, from });
            plan.notices.push(`Registry: not logging in to ${name}: its password (${from}) is empty, as secrets are on a pull request from a fork. ` +
                `The build goes on; a push to ${name} will fail.`);
            continue;
        }
        plan.credentials.push({ registry: login.registry, username: login.username, password: login.password, from });
        plan.info.push(`Registry: logging in to ${name} as ${login.username} (${from})${login.registry === DOCKER_HUB && login.input === 'password' ? '; `registry` is empty, which means Docker Hub, as for docker/login-action' : ''}`);
    }
    const owner = (req.repository.split('/')[0] ?? '').toLowerCase();
    const onGhcr = req.images.find((ref) => (0,image_ref/* registryHost */.U$)(ref)?.toLowerCase() === GHCR && owner !== '' && ref.split('/')[1]?.toLowerCase() === owner);
    const given = req.logins.some((l) => l.registry === GHCR);
    if (onGhcr && !given && !hasCredential(req.user, GHCR)) {
        if (req.githubToken === '') {
            plan.notices.push(`Registry: ${onGhcr} is on ghcr.io, and there is no credential for ghcr.io and no github-token to log in with; give github-token (the default, \${{ github.token }}) or a login for ghcr.io.`);
        }
        else {
            const user = req.actor || owner;
            plan.credentials.push({ registry: GHCR, username: user, password: req.githubToken, from: 'github-token' });
            plan.info.push(`Registry: logging in to ghcr.io as ${user} with github-token, because ${onGhcr} is on ghcr.io/${owner} and no credential for ghcr.io was given; ` +
                'to push, the job needs `permissions: packages: write`.');
        }
    }
    plan.masks = [...new Set(plan.credentials.flatMap((c) => [c.password, basicAuth(c)]))];
    return plan;
}
/** The `auth` field Docker writes for a login: base64 of user:password. */
function basicAuth(c) {
    return Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
}
/**
 * The private config.json: the runner's own, kept whole (its other credentials, helpers, proxies
 * and settings keep working), plus the step's logins written into `auths`. A credential helper
 * would store and look up those logins outside the private directory, so each of them is routed
 * to the file: an empty `credHelpers` entry overrides `credsStore` for that registry only.
 */
function privateConfig(user, credentials) {
    const mine = new Set(credentials.map((c) => c.registry));
    // An entry under another spelling (https://ghcr.io) would be a second answer for the same
    // registry: the step's login is the only one.
    const others = (entries) => Object.entries(entries ?? {}).filter(([key]) => !mine.has(keyOf(key)));
    const config = {
        ...user,
        auths: Object.fromEntries([...others(user.auths), ...credentials.map((c) => [c.registry, { auth: basicAuth(c) }])]),
    };
    if (user.credHelpers || user.credsStore) {
        config.credHelpers = Object.fromEntries([...others(user.credHelpers), ...(user.credsStore ? credentials.map((c) => [c.registry, '']) : [])]);
    }
    return config;
}
/**
 * What a registry's refusal during the build means, given the step's logins; undefined when the
 * message is no refusal. buildx reports it bare ("401 Unauthorized" from some URL), which says
 * nothing about the missing secret, the token's permission or the wrong password behind it.
 */
function explainRegistryFailure(message, plan) {
    const forbidden = /\b403\b|forbidden|denied|insufficient_scope/i.test(message);
    const unauthorized = /\b401\b|unauthorized|authentication required|no basic auth credentials/i.test(message);
    if (!forbidden && !unauthorized)
        return undefined;
    const host = registryIn(message, plan);
    if (host === undefined)
        return undefined;
    const name = displayRegistry(host);
    const status = forbidden ? '403 Forbidden' : '401 Unauthorized';
    const skipped = plan.skipped.find((s) => s.registry === host);
    if (skipped) {
        return (`${name} refused access (${status}) because Kiln did not log in to it: its password (${skipped.from}) was empty. ` +
            "GitHub withholds secrets from pull requests from forks; skip the push there (e.g. push: ${{ github.event_name != 'pull_request' }}) or give the secret.");
    }
    const credential = plan.credentials.find((c) => c.registry === host);
    if (credential?.from === 'github-token') {
        return forbidden
            ? `ghcr.io refused access (${status}) to the job's GITHUB_TOKEN (Kiln logged in with github-token): the job needs \`permissions: packages: write\` ` +
                "(a pull request from a fork only ever gets a read-only token), and a package that already exists must grant this repository write access in the package's settings."
            : `ghcr.io refused the job's GITHUB_TOKEN (${status}; Kiln logged in with github-token): check that github-token is the job's token or a token with the packages scope.`;
    }
    if (credential) {
        return forbidden
            ? `${name} accepted the login of ${credential.username} (${credential.from}) but refused access (${status}): that account or token may not push to (or pull from) this repository.`
            : `${name} refused the credentials of ${credential.username} (${credential.from}) (${status}): check the username and the password or token.`;
    }
    return `${name} asks for credentials (${status}) and this step has none for it: give them with registry, username and password, or an entry of registry-auth.`;
}
/**
 * The registry a refusal names: the host of its URL, else the registry of the image it names,
 * else the only registry the build talks to (GHCR often answers a bare `denied: …`).
 */
function registryIn(message, plan) {
    const url = /https?:\/\/([^/\s:]+(?::\d+)?)\//i.exec(message)?.[1];
    if (url) {
        const host = url.toLowerCase();
        return /(^|\.)docker\.io$/.test(host) ? DOCKER_HUB : host;
    }
    const known = [...new Set([...plan.credentials.map((c) => c.registry), ...plan.skipped.map((s) => s.registry), ...plan.registries])];
    return known.find((r) => message.toLowerCase().includes(`${displayRegistry(r)}/`)) ?? (plan.registries.length === 1 ? plan.registries[0] : undefined);
}

;// CONCATENATED MODULE: ./src/setup/login.ts






function readUserConfig(file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return {};
    }
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return parsed;
    }
    catch {
        // Reported below.
    }
    runner/* warning */.$e(`${file} is not a JSON object; the step's docker commands do not see its settings or credentials`);
    return {};
}
/**
 * Logs in to the planned registries without touching the runner's Docker config: a private config
 * directory in the step's temp dir (removed by the post step with it, also after a failure) holds
 * the runner's config.json merged read-only and the step's credentials, written as `docker login`
 * writes them, but without a process and never through a credential helper. The returned `env`
 * points DOCKER_CONFIG there for the step's own docker processes only (nothing goes to
 * GITHUB_ENV or `process.env`, later steps never see it);
 * BUILDX_CONFIG keeps buildx's builders where the runner's other docker commands and the post step
 * find them, and the runner's cli-plugins and contexts stay reachable through symlinks.
 */
function logIn(inputs, pushed, cache, ctx, env, tempDir) {
    const userDir = (0,docker_config/* dockerConfigDir */.k)(env, external_node_os_.homedir);
    const user = readUserConfig(external_node_path_.join(userDir, 'config.json'));
    const plan = planLogin({
        logins: inputs.logins,
        user,
        images: imagesNeedingLogin(pushed, cache),
        repository: ctx.repository,
        githubToken: inputs.githubToken,
        actor: env.GITHUB_ACTOR ?? '',
    });
    for (const mask of plan.masks)
        runner/* setSecret */.Pq(mask);
    for (const line of plan.info)
        runner/* info */.pq(line);
    for (const line of plan.notices)
        runner/* notice */.lm(line);
    if (plan.credentials.length === 0)
        return { plan, env: {} };
    const dir = external_node_path_.join(tempDir, 'docker-config');
    (0,external_node_fs_.mkdirSync)(dir, { mode: 0o700 });
    (0,external_node_fs_.writeFileSync)(external_node_path_.join(dir, 'config.json'), `${JSON.stringify(privateConfig(user, plan.credentials), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    for (const entry of ['cli-plugins', 'contexts']) {
        const target = external_node_path_.join(userDir, entry);
        if ((0,external_node_fs_.existsSync)(target))
            (0,external_node_fs_.symlinkSync)(target, external_node_path_.join(dir, entry));
    }
    runner/* info */.pq(`Registry: credentials for ${plan.credentials.map((c) => c.registry).join(', ')} are in a private Docker config for this step's docker commands only (${dir})`);
    return { plan, env: { DOCKER_CONFIG: dir, BUILDX_CONFIG: (0,docker_config/* buildxConfigDir */.i)(env, external_node_os_.homedir) }, dir };
}
/**
 * The credentials go as soon as the main step ends, however it ends: the post step runs only at
 * the end of the job, and every step before it could read RUNNER_TEMP. The post step removes
 * the temp dir again, for a main step that was killed.
 */
function forgetLogin(login) {
    if (login.dir === undefined)
        return;
    (0,external_node_fs_.rmSync)(login.dir, { recursive: true, force: true });
    runner/* info */.pq(`Registry: removed the private Docker config ${login.dir}`);
}

// EXTERNAL MODULE: ./src/step-env.ts
var step_env = __webpack_require__(70291);
;// CONCATENATED MODULE: ./src/names.ts
// Every name the runner and the action share lives here, so action.yml, the code and the README
// cannot drift apart silently: __tests__/unit/action-yml.test.ts compares them.
/** build-push-action v7's inputs, same names and meanings. */
const BUILD_PUSH_INPUTS = [
    'add-hosts',
    'allow',
    'annotations',
    'attests',
    'build-args',
    'build-contexts',
    'builder',
    'cache-from',
    'cache-to',
    'call',
    'cgroup-parent',
    'context',
    'file',
    'github-token',
    'labels',
    'load',
    'network',
    'no-cache',
    'no-cache-filters',
    'outputs',
    'platforms',
    'provenance',
    'pull',
    'push',
    'sbom',
    'secret-envs',
    'secret-files',
    'secrets',
    'shm-size',
    'ssh',
    'tags',
    'target',
    'ulimit',
];
/** Kiln's own inputs for its builder and QEMU (setup-buildx-action's names where they exist). */
const SETUP_INPUTS = [
    'append',
    'buildkitd-config',
    'buildkitd-config-inline',
    'buildkitd-flags',
    'cleanup',
    'driver',
    'driver-opts',
    'endpoint',
    'keep-state',
    'qemu',
    'qemu-image',
    'qemu-platforms',
];
/** Kiln's cache inputs: zero configuration by default, every backend on request. */
const CACHE_INPUTS = ['cache', 'cache-export-timeout', 'cache-mode', 'cache-mounts', 'cache-ref', 'cache-scope', 'cache-write'];
/** Tags and labels from Git, with docker/metadata-action's names and rules. */
const METADATA_INPUTS = ['images', 'flavor'];
/** Registry login in the same step (login-action's names, and a list for several registries). */
const LOGIN_INPUTS = ['password', 'registry', 'registry-auth', 'username'];
/** What Kiln reports beyond its outputs. */
const REPORT_INPUTS = ['summary', 'record-upload'];
/** Kiln's multi-runner build: legs that assemble their own index. */
const FAN_OUT_INPUTS = ['fan-out'];
/** Keyless signing and provenance of the pushed image (Sigstore). */
const SIGN_INPUTS = ['sign', 'signing-config', 'trusted-root'];
/** Same commit, same image: timestamps from the commit. */
const REPRODUCIBLE_INPUTS = ['reproducible'];
const INPUTS = [
    ...BUILD_PUSH_INPUTS,
    ...SETUP_INPUTS,
    ...CACHE_INPUTS,
    ...METADATA_INPUTS,
    ...REPORT_INPUTS,
    ...LOGIN_INPUTS,
    ...FAN_OUT_INPUTS,
    ...SIGN_INPUTS,
    ...REPRODUCIBLE_INPUTS,
];
const OUTPUTS = (/* unused pure expression or super */ null && ([
    'imageid',
    'digest',
    'metadata',
    'digests',
    'tags',
    'builder',
    'qemu-platforms',
    'manifest',
    'cache-hit-ratio',
    'cache',
    'duration',
    'build-ref',
    'labels',
    'version',
    'signatures',
    'attestation-url',
]));
/** Keys the main step leaves for the post step (the runner hands them back as STATE_<key>). */
const STATE = {
    /** The per-step temp directory holding secret files, iidfile and metadata file. */
    tempDir: 'kiln-temp-dir',
    /** The builder this step created (never one it reused), for the post step to remove. */
    builder: 'kiln-builder',
    /** The local cache directory (cache: local), removed by the post step once it is saved. */
    cacheDir: 'kiln-cache-dir',
    /** Where cache-mount contents were restored and extracted, removed by the post step. */
    mountsDir: 'kiln-mounts-dir',
    /** `buildx rm` flags for that builder: 'rm', '--keep-state', or absent to keep it (step-state.ts reads and writes it). */
    builderRemoveFlags: 'kiln-builder-rm-flags',
    /** The process group of the build's buildx, which the post step stops if it is still running. */
    buildxGroup: 'kiln-buildx-group',
};
/**
 * The job variable (GITHUB_ENV) through which the main step tells the runner that its post step has
 * nothing left to do: its value is the step's GITHUB_ACTION, which action.yml's `post-if` compares
 * with `github.action` (src/post-skip.ts).
 */
const POST_DONE_VARIABLE = 'KILN_POST_DONE';

;// CONCATENATED MODULE: ./src/process/builder-removal.ts
// Imported by the post step, which loads nothing but Node itself: keep this module free of imports.
/** `docker buildx rm` for a builder this step created; `keepState` keeps its BuildKit state volume. */
function removeBuilderArgs(name, keepState) {
    return ['buildx', 'rm', ...(keepState ? ['--keep-state'] : []), name];
}
/** Whether the builder is gone after `buildx rm`: it was removed, or something removed it first. */
function builderGone(exitCode, stderr) {
    return exitCode === 0 || /not found|no builder/i.test(stderr);
}

;// CONCATENATED MODULE: ./src/step-state.ts
// The one reader and writer of what the main step leaves for the post step (as actions/cache's
// state provider): keys from names.ts, values typed here. It imports nothing heavy: the post step
// loads it, and its start-up is pure overhead.


// The wire values of a removal: what older bundles wrote too, so a main and post of one version agree.
const REMOVAL_FLAGS = { remove: 'rm', 'remove-keep-state': '--keep-state', keep: '' };
/** Writes state through the runner's `saveState`; each call records one fact at the moment it becomes true. */
function stateWriter(save) {
    return {
        tempDir: (dir) => {
            save(STATE.tempDir, dir);
        },
        builder: (name, removal) => {
            save(STATE.builder, name);
            if (removal !== 'keep')
                save(STATE.builderRemoveFlags, REMOVAL_FLAGS[removal]);
        },
        cacheDir: (dir) => {
            save(STATE.cacheDir, dir);
        },
        mountsDir: (dir) => {
            save(STATE.mountsDir, dir);
        },
        buildxGroup: (pgid) => {
            save(STATE.buildxGroup, String(pgid));
        },
    };
}
/** The state the runner hands back to the post step as `STATE_<key>` variables. */
function readStepState(env) {
    const get = (key) => env[`STATE_${key}`] ?? '';
    const name = get(STATE.builder);
    const flags = get(STATE.builderRemoveFlags);
    const removal = flags === '--keep-state' ? 'remove-keep-state' : flags === '' ? 'keep' : 'remove';
    const group = Number(get(STATE.buildxGroup));
    return {
        tempDir: get(STATE.tempDir) || undefined,
        builder: name ? { name, removal } : undefined,
        cacheDir: get(STATE.cacheDir) || undefined,
        mountsDir: get(STATE.mountsDir) || undefined,
        buildxGroup: Number.isInteger(group) && group > 1 ? group : undefined,
    };
}
/** `buildx rm` arguments for a builder to remove; undefined when it stays. */
/** The directories the step left on disk, for whichever of the two steps removes them (post.ts, post-skip.ts). */
function stepDirs(state) {
    return [state.tempDir, state.cacheDir, state.mountsDir].filter((dir) => dir !== undefined);
}
function builderRemovalArgs(builder) {
    if (!builder || builder.removal === 'keep')
        return undefined;
    return removeBuilderArgs(builder.name, builder.removal === 'remove-keep-state');
}

;// CONCATENATED MODULE: ./src/phases/merge.ts
// `fan-out: merge`, the pipeline of a job that builds nothing: its set-up is the temp dir and the
// login (deps.engine.prepareMerge), it assembles the index from the legs' records
// (fanout/leg.ts), then signs and attests the index it assembled (the legs signed their platforms).



async function mergeStep(read, deps) {
    const { inputs, ctx } = read;
    const { io, env } = deps;
    const fanOut = await __webpack_require__.e(/* import() */ 445).then(__webpack_require__.bind(__webpack_require__, 73445));
    const leg = fanOut.startMerge(inputs, ctx, io, env);
    if (!leg)
        return;
    // The merge job pushes the index and its tags: it logs in as a leg does (no builder, no QEMU).
    const made = await deps.engine.prepareMerge(inputs, leg.repos, ctx, env, stateWriter(io.saveState));
    try {
        const result = await fanOut.assembleMerge(leg, inputs, ctx, made.env, io, deps.clock.elapsed);
        await (await __webpack_require__.e(/* import() */ 484).then(__webpack_require__.bind(__webpack_require__, 54484))).signAfterPush({
            inputs,
            ctx,
            env: (0,step_env/* withOidcRequest */.n3)(made.env, deps.stepEnv),
            io,
            pushed: leg.repos,
            masks: [],
            tempDir: made.tempDir,
            metadataText: '',
            images: [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: false } }],
            context: '',
        });
    }
    finally {
        forgetLogin({ dir: made.loginDir });
    }
}

;// CONCATENATED MODULE: ./src/phases/plan.ts
// The pipeline's second phase: what this job builds (all of it, or its fan-out leg) and from
// which context. The builder, QEMU and the cache are planned by the set-up, from the engine's
// facts (setup/prepare.ts).


async function planStep(read, deps) {
    const { inputs, ctx } = read;
    // Fan-out: this job builds a part of a multi-runner image.
    const fanOut = inputs.fanOut.mode === 'off' ? undefined : await __webpack_require__.e(/* import() */ 445).then(__webpack_require__.bind(__webpack_require__, 73445));
    const leg = fanOut?.startLeg(inputs, (await read.asked).platform, ctx, deps.env);
    const context = chooseContext(inputs, ctx, deps.cwd, external_node_fs_.existsSync);
    deps.io.info(`Context: ${context.kind === 'path' ? context.path : context.url} (${context.reason})`);
    return { ...read, leg, fanOut, context, setup: leg?.setup ?? inputs, build: leg?.build ?? inputs };
}

// EXTERNAL MODULE: ./src/inputs/annotations.ts
var annotations = __webpack_require__(20539);
;// CONCATENATED MODULE: ./src/inputs/booleans.ts

// The YAML 1.2 core-schema words the runner's own boolean inputs accept, as @actions/core does.
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
const ACCEPTED = 'use true or false (true | True | TRUE | false | False | FALSE)';
/** A boolean input: `fallback` when empty; a word outside the schema is an error. */
function readBoolean(name, raw, fallback, errors) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (TRUE_WORDS.includes(value))
        return true;
    if (FALSE_WORDS.includes(value))
        return false;
    errors.push(new inputs_errors/* InputError */.dz(name, value, ACCEPTED));
    return fallback;
}

;// CONCATENATED MODULE: ./src/inputs/parse-buildx-options.ts



// Each entry is read the way buildx reads it (a CSV record of key=value fields); the bare forms
// buildx accepts are expanded here, once, so no reader downstream needs to know them.
// Go's strconv.ParseBool words, as buildx reads --sbom.
const GO_BOOLEANS = { on: ['1', 't', 'T', 'TRUE', 'true', 'True'], off: ['0', 'f', 'F', 'FALSE', 'false', 'False'] };
/** `cache-from` / `cache-to`: a bare reference means a registry cache at that reference. */
function cacheOption(raw) {
    return raw.includes('=') ? { raw, attrs: attrsOf(raw) } : (0,buildx_option/* registryRefOption */.kw)(raw);
}
/** `outputs`: a bare path is a local export to it, `-` a tar to stdout. */
function outputOption(raw) {
    if (raw.includes('='))
        return { raw, attrs: attrsOf(raw) };
    return { raw, attrs: raw === '-' ? { type: 'tar', dest: '-' } : { type: 'local', dest: raw } };
}
/** `attests`, `driver-opts` and the like: key=value attributes only. */
function attributesOption(raw) {
    return { raw, attrs: attrsOf(raw) };
}
/**
 * `provenance` / `sbom`. `booleans` are the words taken as on/off: the workflow booleans for
 * provenance (Kiln adds its builder-id to it), Go's for sbom (buildx reads it itself).
 */
function attestationInput(raw, kind) {
    const booleans = kind === 'provenance' ? { on: TRUE_WORDS, off: FALSE_WORDS } : GO_BOOLEANS;
    if (raw === '')
        return { mode: 'default' };
    if (booleans.off.includes(raw))
        return { mode: 'off', raw };
    return booleans.on.includes(raw) ? { mode: 'on', raw } : { mode: 'on', raw, attrs: attrsOf(raw) };
}
/** The attributes, or none when the entry is not even CSV: validation reports it (validate.ts). */
function attrsOf(raw) {
    try {
        return (0,lists/* parseAttributes */.vB)(raw);
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/inputs/duration.ts
/** Seconds from `90`, `90s`, `5m` or `1h`; undefined for anything else. */
function parseDuration(value) {
    const m = /^(\d+)\s*(s|m|h)?$/i.exec(value.trim());
    if (!m)
        return undefined;
    const unit = (m[2] ?? 's').toLowerCase();
    return Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}

;// CONCATENATED MODULE: ./src/inputs/cache.ts



function oneOf(source, errors, name, words, accepted) {
    const value = source.get(name).trim() || words[0];
    const normal = value?.toLowerCase();
    if (words.includes(normal))
        return normal;
    errors.push(new inputs_errors/* InputError */.dz(name, source.get(name).trim(), accepted));
    return words[0];
}
/** Reads the cache inputs, adding every mistake to `errors`. */
function readCache(source, errors) {
    const mountsRaw = source.get('cache-mounts').trim();
    const mounts = mountsRaw === '' || mountsRaw === 'auto' ? 'auto' : mountsRaw === 'none' ? 'none' : (0,lists/* parseList */.E1)(mountsRaw, { newlinesOnly: true });
    if (Array.isArray(mounts)) {
        for (const target of mounts) {
            if (!target.startsWith('/'))
                errors.push(new inputs_errors/* InputError */.dz('cache-mounts', target, 'use auto, none, or absolute paths of RUN --mount=type=cache targets, one per line'));
        }
    }
    return {
        backend: oneOf(source, errors, 'cache', ['auto', 'gha', 'registry', 'local', 'inline', 'none'], 'use auto (the default), gha, registry, local, inline or none'),
        scope: source.get('cache-scope').trim(),
        mode: oneOf(source, errors, 'cache-mode', ['auto', 'min', 'max'], 'use auto (max on the default branch, min elsewhere), min or max'),
        ref: source.get('cache-ref').trim(),
        write: oneOf(source, errors, 'cache-write', ['auto', 'true', 'false'], 'use auto (by event: push, schedule, workflow_dispatch and merge_group write, same-repository pull requests their own scope, every other event nothing), true or false'),
        mounts,
        exportTimeout: readExportTimeout(source, errors),
    };
}
/** `cache-export-timeout`: how long a cache export may run once the image is pushed (seconds; 0: no limit). */
function readExportTimeout(source, errors) {
    const raw = source.get('cache-export-timeout').trim();
    if (raw === '')
        return DEFAULT_EXPORT_TIMEOUT;
    const seconds = parseDuration(raw);
    if (seconds !== undefined)
        return seconds;
    errors.push(new inputs_errors/* InputError */.dz('cache-export-timeout', raw, 'use a duration such as 300, 90s, 5m or 1h (0 for no limit)'));
    return DEFAULT_EXPORT_TIMEOUT;
}
const DEFAULT_EXPORT_TIMEOUT = 300;

// EXTERNAL MODULE: ./src/inputs/metadata.ts + 1 modules
var inputs_metadata = __webpack_require__(11885);
;// CONCATENATED MODULE: ./src/inputs/fan-out.ts



const fan_out_ACCEPTED = 'use auto (the platforms of `platforms` this runner runs natively), merge (assemble the index from the legs without building), or platforms of `platforms`, e.g. linux/arm64';
/**
 * Reads `fan-out`, adding every mistake to `errors`. Every leg gets the full `platforms` set (that
 * is how a leg knows when the image is complete), pushes by digest to the repositories of `tags`,
 * and only the assembled index is tagged: so it needs `tags` and `platforms` and makes its own
 * output. With `push: false` a leg only builds its platforms (a validation build).
 */
function readFanOut(raw, inputs, errors) {
    const value = raw.trim();
    if (value === '')
        return { mode: 'off' };
    const before = errors.length;
    let fanOut;
    if (value === 'auto' || value === 'merge') {
        fanOut = { mode: value };
    }
    else {
        const known = new Set(inputs.platforms.map(inputs_platforms/* normalizePlatform */.FL));
        const platforms = (0,lists/* parseList */.E1)(value);
        for (const platform of platforms) {
            const problem = (0,inputs_platforms/* checkPlatform */.oF)(platform);
            if (problem !== undefined)
                errors.push(new inputs_errors/* InputError */.dz('fan-out', platform, `${problem}; or ${fan_out_ACCEPTED}`));
            else if (!known.has((0,inputs_platforms/* normalizePlatform */.FL)(platform))) {
                errors.push(new inputs_errors/* InputError */.dz('fan-out', platform, `it is not one of \`platforms\` (${inputs.platforms.join(',') || 'none given'}); every leg lists the whole set in \`platforms\` and builds a part of it`));
            }
        }
        if (platforms.length === 0)
            errors.push(new inputs_errors/* InputError */.dz('fan-out', value, fan_out_ACCEPTED));
        fanOut = { mode: 'list', platforms: [...new Set(platforms.map(inputs_platforms/* normalizePlatform */.FL))] };
    }
    if (inputs.platforms.length === 0)
        errors.push(new inputs_errors/* InputError */.dz('fan-out', value, 'fan-out needs `platforms`: the whole set of platforms the image will hold, the same in every leg'));
    // push: false (a pull request's run of the same matrix) makes each leg a validation build:
    // nothing pushed, so neither tags nor records are needed.
    if (inputs.push && inputs.tags.length === 0)
        errors.push(new inputs_errors/* InputError */.dz('fan-out', value, "fan-out needs `tags`: their repositories receive the legs' platforms and the assembled index"));
    if (inputs.push && inputs.tags.some((t) => t.includes('@')))
        errors.push(new inputs_errors/* InputError */.dz('fan-out', value, 'fan-out tags the assembled index: give tags (repo:tag), not digests'));
    if (inputs.outputs.length > 0)
        errors.push(new inputs_errors/* InputError */.dz('fan-out', value, 'fan-out makes its own output (push by digest to the repositories of `tags`): leave `outputs` empty'));
    if (inputs.load)
        errors.push(new inputs_errors/* InputError */.dz('fan-out', value, 'a fan-out leg builds only part of the image: it cannot `load`'));
    return errors.length === before ? fanOut : { mode: 'off' };
}

;// CONCATENATED MODULE: ./src/inputs/setup.ts





const DRIVERS = ['docker', 'docker-container', 'remote', 'kubernetes'];
const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:latest';
/** driver-opts whose value is a file the builder reads (the remote driver's client TLS). */
const FILE_OPTS = ['cacert', 'cert', 'key'];
/** Reads the builder and QEMU inputs into `SetupInputs`, adding every mistake to `errors`. */
function readSetup(source, errors) {
    const text = (name) => source.get(name).trim();
    const bool = (name, fallback) => readBoolean(name, source.get(name), fallback, errors);
    const driver = text('driver') || 'auto';
    if (driver !== 'auto' && !DRIVERS.includes(driver)) {
        errors.push(new inputs_errors/* InputError */.dz('driver', driver, `use auto (the default), ${DRIVERS.join(', ')}`));
    }
    const qemuWord = text('qemu') || 'auto';
    const qemu = TRUE_WORDS.includes(qemuWord) ? 'true' : FALSE_WORDS.includes(qemuWord) ? 'false' : qemuWord === 'auto' ? 'auto' : undefined;
    if (qemu === undefined)
        errors.push(new inputs_errors/* InputError */.dz('qemu', qemuWord, 'use auto (install only missing emulators), true (always run qemu-image) or false (never)'));
    const qemuPlatforms = (0,lists/* parseList */.E1)(source.get('qemu-platforms'));
    for (const platform of qemuPlatforms) {
        const problem = (0,inputs_platforms/* checkPlatform */.oF)(platform);
        if (problem !== undefined)
            errors.push(new inputs_errors/* InputError */.dz('qemu-platforms', platform, problem));
    }
    const driverOpts = (0,lists/* parseList */.E1)(source.get('driver-opts'), { newlinesOnly: true }).map(attributesOption);
    checkFileOpts('driver-opts', driverOpts, source, errors);
    const buildkitdConfig = text('buildkitd-config');
    if (buildkitdConfig !== '' && !source.fileExists(buildkitdConfig)) {
        errors.push(new inputs_errors/* InputError */.dz('buildkitd-config', buildkitdConfig, 'the file does not exist; give the path of a buildkitd.toml, or use buildkitd-config-inline'));
    }
    const buildkitdConfigInline = source.get('buildkitd-config-inline');
    if (buildkitdConfig !== '' && buildkitdConfigInline.trim() !== '') {
        errors.push(new inputs_errors/* InputError */.dz('buildkitd-config-inline', '(inline TOML)', 'set buildkitd-config or buildkitd-config-inline, not both'));
    }
    const endpoint = text('endpoint');
    if (driver === 'remote' && endpoint === '') {
        errors.push(new inputs_errors/* InputError */.dz('endpoint', endpoint, 'the remote driver needs the BuildKit daemon’s address, e.g. tcp://buildkitd.example:1234 or unix:///run/buildkit/buildkitd.sock'));
    }
    else if (endpoint !== '' && driver === 'remote' && !/^(tcp|unix|ssh|docker-container|kube-pod|npipe):\/\//.test(endpoint)) {
        errors.push(new inputs_errors/* InputError */.dz('endpoint', endpoint, 'use tcp://host:port, unix:///path/to/buildkitd.sock or ssh://user@host'));
    }
    return {
        driver: driver,
        driverOpts,
        buildkitdFlags: text('buildkitd-flags'),
        buildkitdConfig,
        buildkitdConfigInline,
        endpoint,
        append: readAppend(source, errors),
        keepState: bool('keep-state', false),
        cleanup: bool('cleanup', true),
        qemu: qemu ?? 'auto',
        qemuImage: text('qemu-image') || DEFAULT_QEMU_IMAGE,
        qemuPlatforms: (0,inputs_platforms/* normalizePlatforms */.em)(qemuPlatforms),
    };
}
/** The remote driver's TLS files must exist before a builder is created around them. */
function checkFileOpts(input, opts, source, errors) {
    for (const opt of opts) {
        for (const [key, value] of Object.entries(opt.attrs)) {
            if (FILE_OPTS.includes(key) && value !== '' && !source.fileExists(value)) {
                errors.push(new inputs_errors/* InputError */.dz(input, opt.raw, `the ${key} file ${value} does not exist; give the path of a PEM file`));
            }
        }
    }
}
/** `append`'s nodes, with their mistakes among the other inputs'. */
function readAppend(source, errors) {
    const raw = source.get('append');
    if (raw.trim() === '')
        return [];
    if (!source.parseYaml)
        throw new Error('append is set but no YAML parser was given');
    try {
        return parseAppend(raw, source.parseYaml, source.fileExists);
    }
    catch (error) {
        if (!(error instanceof inputs_errors/* InputError */.dz))
            throw error;
        errors.push(error);
        return [];
    }
}
const APPEND_KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags'];
/**
 * `append`: a YAML list of nodes as setup-buildx-action takes it. The YAML parser is passed in so
 * it loads only for the steps that use `append`.
 */
function parseAppend(raw, parseYaml, fileExists) {
    if (raw.trim() === '')
        return [];
    let doc;
    try {
        doc = parseYaml(raw);
    }
    catch (error) {
        throw new inputs_errors/* InputError */.dz('append', raw.trim(), `not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); use a list of nodes, e.g. "- endpoint: tcp://arm64-builder:1234\\n  platforms: linux/arm64"`);
    }
    const example = 'use a YAML list of nodes with endpoint (required), name, platforms, driver-opts, buildkitd-flags';
    if (!Array.isArray(doc))
        throw new inputs_errors/* InputError */.dz('append', raw.trim(), example);
    const errors = [];
    const nodes = doc.map((item, index) => {
        const node = (typeof item === 'object' && item !== null ? item : {});
        const where = `node ${index + 1}`;
        const unknown = Object.keys(node).filter((k) => !APPEND_KEYS.includes(k));
        if (typeof item !== 'object' || item === null || unknown.length > 0) {
            errors.push(new inputs_errors/* InputError */.dz('append', `${where}: ${JSON.stringify(item)}`, unknown.length ? `unknown key ${unknown.join(', ')}; ${example}` : example));
        }
        const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
        const list = (value) => Array.isArray(value) ? value.map(text) : typeof value === 'string' ? (0,lists/* parseList */.E1)(value) : value === undefined ? [] : [text(value)];
        const endpoint = typeof node.endpoint === 'string' ? node.endpoint : undefined;
        if (!endpoint)
            errors.push(new inputs_errors/* InputError */.dz('append', `${where}: ${JSON.stringify(item)}`, `every node needs an endpoint; ${example}`));
        const platforms = list(node.platforms);
        for (const platform of platforms) {
            const problem = (0,inputs_platforms/* checkPlatform */.oF)(platform);
            if (problem !== undefined)
                errors.push(new inputs_errors/* InputError */.dz('append', `${where} platform ${platform}`, problem));
        }
        const opts = node['driver-opts'];
        const driverOpts = Array.isArray(opts) ? list(opts) : typeof opts === 'string' ? (0,lists/* parseList */.E1)(opts, { newlinesOnly: true }) : list(opts);
        checkFileOpts('append', driverOpts.map(attributesOption), { fileExists }, errors);
        return {
            name: typeof node.name === 'string' ? node.name : undefined,
            endpoint,
            platforms: (0,inputs_platforms/* normalizePlatforms */.em)(platforms),
            driverOpts: driverOpts.map(attributesOption),
            buildkitdFlags: typeof node['buildkitd-flags'] === 'string' ? node['buildkitd-flags'] : undefined,
        };
    });
    if (errors.length === 1 && errors[0])
        throw errors[0];
    if (errors.length > 1)
        throw new inputs_errors/* InputError */.dz('append', raw.trim(), errors.map((e) => e.message).join('; '));
    return nodes;
}

;// CONCATENATED MODULE: ./src/inputs/leaks.ts

// Values this short collide with ordinary build-args (`DEBUG=1`, `MODE=prod`) far more often
// than they are credentials; they are not compared.
const SHORTEST = 4;
const CREDENTIAL_NAME = /TOKEN|PASSWORD|PASSWD|SECRET|_KEY$/i;
/**
 * Build-args are stored in the image's history (`docker history`, the config blob) for anyone
 * who pulls it. One whose value is a secret given to this same step is a leak in the making: an
 * input error, naming both without the value. One whose name looks like a credential gets a
 * warning pointing at `secrets`.
 */
function checkBuildArgLeaks(buildArgs, secrets, env, errors, warnings) {
    const known = secrets.map((s) => ({ label: s.label, value: s.value.trim() })).filter((s) => s.value.length >= SHORTEST);
    for (const item of buildArgs) {
        const at = item.indexOf('=');
        const name = (at < 0 ? item : item.slice(0, at)).trim();
        // A bare NAME passes the step's environment variable of that name.
        const value = (at < 0 ? (env[name] ?? '') : item.slice(at + 1)).trim();
        const same = known.find((s) => s.value === value);
        if (same) {
            errors.push(new inputs_errors/* InputError */.dz('build-args', `${name}=***`, `its value is the value of ${same.label}, and a build-arg is kept in the image's history for anyone who pulls the image: ` +
                `pass it with \`secrets\` (e.g. ${name}=\${{ secrets.… }}) and read it in a RUN --mount=type=secret,id=${name}`));
        }
        else if (CREDENTIAL_NAME.test(name)) {
            warnings.push(`Build-arg "${name}" looks like a credential: build-args are kept in the image's history (docker history shows them). ` +
                `If it is one, pass it with \`secrets\` (${name}=…) and read it in a RUN --mount=type=secret,id=${name} instead.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/inputs/secrets.ts


/** Secret files up to this size are masked line by line, as inline values are. */
const MAX_MASKED_FILE = 1024 * 1024;
const skipped = (id, input, why) => `Secret "${id}" (input "${input}") ${why}: skipped, the build runs without it (as build-push-action does).`;
/**
 * The three secret inputs. An empty entry (`id=`, or a variable that is set but empty, as GitHub
 * hands fork pull requests their secrets) is skipped with a warning, like build-push-action;
 * a secret file that does not exist and a variable that is not set at all are typos and fail.
 * Inline values stay byte-exact (a PEM key keeps its last newline): only the id is trimmed.
 */
function readSecrets(source, errors, warnings) {
    const secrets = [];
    const entries = (name, accepted) => {
        const inline = name === 'secrets';
        const text = inline ? (source.raw ?? source.get).call(source, name) : source.get(name);
        const items = (0,lists/* parseList */.E1)(text, { newlinesOnly: name !== 'secret-envs', keepWhitespace: inline });
        const pairs = [];
        for (const item of items) {
            const kv = (0,lists/* splitKeyValue */.px)(item);
            // An inline item is never echoed, not even in part: without '=' it may be the value
            // itself, and the runner masks a secret only as a whole.
            const shown = !inline ? item : kv ? `${kv[0]}=***` : '*** (hidden: it may be a secret)';
            if (kv === undefined || kv[0] === '')
                errors.push(new inputs_errors/* InputError */.dz(name, shown, accepted));
            else
                pairs.push(kv);
        }
        return pairs;
    };
    for (const [id, value] of entries('secrets', 'use id=value, one per line')) {
        if (value === '')
            warnings.push(skipped(id, 'secrets', 'is empty'));
        else
            secrets.push({ id, input: 'secrets', source: { kind: 'inline', value } });
    }
    for (const [id, given] of entries('secret-files', 'use id=path, one per line')) {
        const path = given.trim();
        if (path === '') {
            warnings.push(skipped(id, 'secret-files', 'names no file'));
        }
        else if (!source.fileExists(path)) {
            errors.push(new inputs_errors/* InputError */.dz('secret-files', `${id}=${given}`, `the file "${path}" does not exist; give the path of an existing file`));
        }
        else {
            const contents = source.readFile?.(path);
            if (source.readFile && contents === undefined) {
                warnings.push(`Secret "${id}" (input "secret-files"): ${path} is over 1 MiB or unreadable here, so its contents are not masked in the log.`);
            }
            secrets.push({ id, input: 'secret-files', source: { kind: 'file', path, ...(contents !== undefined && { contents }) } });
        }
    }
    for (const [id, given] of entries('secret-envs', 'use id=ENV_VAR_NAME')) {
        const name = given.trim();
        if (name === '') {
            warnings.push(skipped(id, 'secret-envs', 'names no variable'));
        }
        else if (source.env[name] === undefined) {
            errors.push(new inputs_errors/* InputError */.dz('secret-envs', `${id}=${given}`, `the environment variable "${name}" is not set; set it in the step's env:`));
        }
        else if (source.env[name] === '') {
            warnings.push(skipped(id, 'secret-envs', `reads ${name}, which is set but empty (fork pull requests get empty secrets)`));
        }
        else {
            secrets.push({ id, input: 'secret-envs', source: { kind: 'env', name } });
        }
    }
    return secrets;
}

;// CONCATENATED MODULE: ./src/inputs/sign.ts
// `sign`, `signing-config` and `trusted-root`: whether the pushed image is signed and attested,
// and against which Sigstore. The two files are read and checked here, with the other inputs, so
// a wrong path or a file of another kind fails the step before anything is built.

const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';
const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';
const SIGN_ACCEPTED = 'use auto (sign when the job can get an OIDC token: permissions id-token: write), true (signing must succeed) or false';
/** Reads the signing inputs, adding every mistake to `errors`. */
function readSign(source, errors) {
    const raw = source.get('sign').trim();
    const word = raw === '' ? 'auto' : raw.toLowerCase();
    let mode = 'auto';
    if (word === 'auto' || word === 'true' || word === 'false')
        mode = word;
    else
        errors.push(new inputs_errors/* InputError */.dz('sign', raw, SIGN_ACCEPTED));
    const configPath = source.get('signing-config').trim();
    const rootPath = source.get('trusted-root').trim();
    const signingConfig = configPath === '' ? undefined : readSigningConfig(configPath, jsonFile(source, 'signing-config', configPath, errors), errors);
    const trustedRoot = rootPath === '' ? undefined : readTrustedRoot(rootPath, jsonFile(source, 'trusted-root', rootPath, errors), errors);
    // A private deployment's trusted root is not in any TUF repository Kiln knows of.
    if (configPath !== '' && rootPath === '' && mode !== 'false')
        errors.push(new inputs_errors/* InputError */.dz('signing-config', configPath, "a signing-config needs trusted-root too: give the path of that instance's TrustedRoot JSON (cosign's --trusted-root)"));
    return { mode, ...(signingConfig ? { signingConfig } : {}), ...(trustedRoot ? { trustedRoot } : {}) };
}
/** The file's JSON object, or undefined with the error recorded. */
function jsonFile(source, name, path, errors) {
    const what = name === 'signing-config' ? 'a Sigstore SigningConfig' : 'a Sigstore TrustedRoot';
    const text = source.readFile?.(path);
    if (text === undefined) {
        errors.push(new inputs_errors/* InputError */.dz(name, path, `the file cannot be read: give the path of ${what} JSON file`));
        return undefined;
    }
    try {
        const parsed = JSON.parse(text);
        if (isObject(parsed))
            return parsed;
    }
    catch {
        // Reported below.
    }
    errors.push(new inputs_errors/* InputError */.dz(name, path, `the file is not a JSON object: give the path of ${what} JSON file`));
    return undefined;
}
function readSigningConfig(path, json, errors) {
    if (!json)
        return undefined;
    const read = signingConfigOf(json);
    if (typeof read !== 'string')
        return { path, ...read, json };
    errors.push(new inputs_errors/* InputError */.dz('signing-config', path, `${read}; a SigningConfig has mediaType ${SIGNING_CONFIG_MEDIA_TYPE} and caUrls, rekorTlogUrls, tsaUrls (cosign's --signing-config)`));
    return undefined;
}
/** The services a SigningConfig names, or what is wrong with it. */
function signingConfigOf(json) {
    if (json.mediaType !== SIGNING_CONFIG_MEDIA_TYPE)
        return `its mediaType is ${JSON.stringify(json.mediaType ?? null)}`;
    const caUrls = services(json.caUrls);
    const rekorTlogUrls = services(json.rekorTlogUrls ?? []);
    const tsaUrls = services(json.tsaUrls ?? []);
    if (!caUrls)
        return 'caUrls is not a list of { url, majorApiVersion }';
    if (!rekorTlogUrls)
        return 'rekorTlogUrls is not a list of { url, majorApiVersion }';
    if (!tsaUrls)
        return 'tsaUrls is not a list of { url, majorApiVersion }';
    if (caUrls.length === 0)
        return 'caUrls names no certificate authority (Fulcio)';
    if (rekorTlogUrls.length === 0 && tsaUrls.length === 0)
        return 'it names neither a transparency log (rekorTlogUrls) nor a timestamp authority (tsaUrls)';
    return { caUrls, rekorTlogUrls, tsaUrls };
}
function services(value) {
    if (!Array.isArray(value))
        return undefined;
    const out = [];
    for (const item of value) {
        if (!isObject(item) || typeof item.url !== 'string' || !/^https?:\/\//.test(item.url))
            return undefined;
        const major = item.majorApiVersion ?? 1;
        if (typeof major !== 'number')
            return undefined;
        const validFor = isObject(item.validFor) ? item.validFor : {};
        const start = typeof validFor.start === 'string' ? Date.parse(validFor.start) : 0;
        const end = typeof validFor.end === 'string' ? Date.parse(validFor.end) : undefined;
        out.push({ url: item.url, majorApiVersion: major, start: Number.isNaN(start) ? 0 : start, ...(end !== undefined && !Number.isNaN(end) ? { end } : {}) });
    }
    return out;
}
function readTrustedRoot(path, json, errors) {
    if (!json)
        return undefined;
    const problem = json.mediaType !== TRUSTED_ROOT_MEDIA_TYPE
        ? `its mediaType is ${JSON.stringify(json.mediaType ?? null)}`
        : !Array.isArray(json.certificateAuthorities) || json.certificateAuthorities.length === 0
            ? 'it lists no certificateAuthorities'
            : undefined;
    if (problem === undefined)
        return { path, json };
    errors.push(new inputs_errors/* InputError */.dz('trusted-root', path, `${problem}; a TrustedRoot has mediaType ${TRUSTED_ROOT_MEDIA_TYPE} and certificateAuthorities (cosign's --trusted-root)`));
    return undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/inputs/report-env.ts
// docker/build-push-action's environment switches, read with its meanings, so a workflow that
// sets them keeps its behaviour after the `uses:` line changes. One deliberate difference: the
// build record is uploaded only on request (DOCKER_BUILD_RECORD_UPLOAD=true or `record-upload`),
// since an artifact on every run is slow and clutters the run page.


// The words the official action's parseBool takes (Go's strconv.ParseBool).
const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];
function envBool(env, name, fallback, errors) {
    const value = (env[name] ?? '').trim();
    if (value === '')
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    errors.push(new inputs_errors/* EnvError */.Qs(name, value, 'use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)'));
    return fallback;
}
/**
 * The switches, from the environment and the `record-upload` input (either turns upload on).
 * Mistakes join `errors`, so they are reported with the inputs' before anything runs.
 */
function readReportSwitches(env, recordUploadInput, errors, warnings) {
    let summary = envBool(env, 'DOCKER_BUILD_SUMMARY', true, errors);
    if ((env.DOCKER_BUILD_NO_SUMMARY ?? '').trim() !== '') {
        warnings.push('DOCKER_BUILD_NO_SUMMARY is deprecated (as in docker/build-push-action): use DOCKER_BUILD_SUMMARY=false');
        summary = !envBool(env, 'DOCKER_BUILD_NO_SUMMARY', false, errors);
    }
    const checkAnnotations = envBool(env, 'DOCKER_BUILD_CHECKS_ANNOTATIONS', true, errors);
    const recordUpload = readBoolean('record-upload', recordUploadInput, false, errors) || envBool(env, 'DOCKER_BUILD_RECORD_UPLOAD', false, errors);
    let days = (env.DOCKER_BUILD_RECORD_RETENTION_DAYS ?? '').trim();
    let daysVariable = 'DOCKER_BUILD_RECORD_RETENTION_DAYS';
    if (days === '' && (env.DOCKER_BUILD_EXPORT_RETENTION_DAYS ?? '').trim() !== '') {
        days = (env.DOCKER_BUILD_EXPORT_RETENTION_DAYS ?? '').trim();
        daysVariable = 'DOCKER_BUILD_EXPORT_RETENTION_DAYS';
        warnings.push('DOCKER_BUILD_EXPORT_RETENTION_DAYS is deprecated (as in docker/build-push-action): use DOCKER_BUILD_RECORD_RETENTION_DAYS');
    }
    let recordRetentionDays;
    if (days !== '') {
        // GitHub keeps artifacts 1 to 90 days (400 on some plans, clamped by the service); 0 is the default.
        if (!/^\d+$/.test(days))
            errors.push(new inputs_errors/* EnvError */.Qs(daysVariable, days, 'use a whole number of days (1 to 90; 0 or unset for the repository default)'));
        else if (Number(days) > 0)
            recordRetentionDays = Number(days);
    }
    return { summary, checkAnnotations, recordUpload, recordRetentionDays };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/inputs/validate-buildx-options.ts

// docker/go-units' ulimitNameMapping (`as` is disabled there too).
const ULIMIT_TYPES = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack',
];
// BuildKit's entitlements (util/entitlements); `device` may name one device: device=/dev/fuse.
const ENTITLEMENTS = ['network.host', 'security.insecure', 'device'];
// The network modes buildx hands BuildKit; anything else it refuses before building.
const NETWORKS = ['default', 'none', 'host'];
const INT64_MAX = 2n ** 63n - 1n;
/** A `ulimit` item as go-units' ParseUlimit (the version buildx uses) reads it: type=soft[:hard]. */
function checkUlimit(item) {
    const form = `use type=soft[:hard] with whole numbers (-1 for unlimited), e.g. nofile=1024:2048; type one of ${ULIMIT_TYPES.join(', ')}`;
    const at = item.indexOf('=');
    if (at < 0)
        return form;
    const type = item.slice(0, at);
    if (!ULIMIT_TYPES.includes(type))
        return `unknown ulimit type "${type}"; ${form}`;
    const values = item.slice(at + 1).split(':');
    if (values.length > 2)
        return `at most two limits, soft and hard; ${form}`;
    // Go's ParseInt: an optional sign and decimal digits within 64 bits.
    if (values.some((v) => !/^[+-]?\d+$/.test(v) || BigInt(v) > INT64_MAX || BigInt(v) < -INT64_MAX - 1n))
        return `the limit must be a whole number; ${form}`;
    const [soft = 0n, hard = soft] = values.map((v) => BigInt(v));
    if (hard !== -1n && (soft === -1n || soft > hard))
        return `the soft limit (${soft}) must not exceed the hard limit (${hard}); ${form}`;
    return undefined;
}
/** An `add-hosts` item as buildx's toBuildkitExtraHosts reads it: host=ip or host:ip, an IP or host-gateway. */
function checkAddHost(item) {
    const form = 'use host=ip or host:ip with an IPv4 or IPv6 address (IPv6 best with =, e.g. h=::1) or host-gateway';
    const eq = item.indexOf('=');
    const at = eq >= 0 ? eq : item.indexOf(':');
    const host = at < 0 ? '' : item.slice(0, at);
    let ip = at < 0 ? '' : item.slice(at + 1);
    if (host === '' || ip === '')
        return form;
    // buildx would pass it on, and the hosts file would read the words as several names.
    if (/\s/.test(host))
        return `the host name "${host}" contains white space; ${form}`;
    if (ip === 'host-gateway')
        return undefined;
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']'))
        ip = ip.slice(1, -1);
    // Go's net.ParseIP takes no IPv6 zone.
    if ((0,external_node_net_.isIP)(ip) === 0 || ip.includes('%'))
        return `"${ip}" is not an IP address; ${form}`;
    return undefined;
}
/** An `allow` item as BuildKit's entitlements.Parse reads it. */
function checkEntitlement(item) {
    const [key = ''] = item.split('=', 1);
    if (key === 'device' || ENTITLEMENTS.includes(item))
        return undefined;
    return `unknown entitlement; use ${ENTITLEMENTS.join(', ')} or device=<device name> (the builder must grant it too)`;
}
function checkNetwork(value) {
    if (value === '' || NETWORKS.includes(value))
        return undefined;
    return `use ${NETWORKS.join(', ')}; for a network of your own, give a builder that runs in it (driver-opts: network=<name>)`;
}
/** `build-args` and `labels`: buildx refuses only an empty key; a bare KEY is its own shorthand. */
function checkKeyOptional(item) {
    return item.startsWith('=') ? 'the key before "=" is empty; use KEY=value' : undefined;
}
/**
 * Empty items between commas in `platforms`: buildx refuses them, and they are mostly an
 * expression that expanded to nothing (`linux/amd64,${{ matrix.extra }}`).
 */
function emptyListItems(raw) {
    return raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && line.split(',').some((item) => item.trim() === ''));
}
/**
 * An `ssh` item as buildx's SSH spec reads it: id[=path[,path]]. Paths must exist; with none,
 * buildx forwards the agent at SSH_AUTH_SOCK.
 */
function checkSsh(item, env, fileExists) {
    const at = item.indexOf('=');
    const id = at < 0 ? item : item.slice(0, at);
    const paths = at < 0 ? [] : item.slice(at + 1).split(',');
    if (paths.length === 0) {
        const sock = env.SSH_AUTH_SOCK ?? '';
        if (sock === '')
            return `no key file given, and SSH_AUTH_SOCK is not set for the agent; use ${id || 'default'}=<path of a key file or agent socket>, or start an agent (e.g. webfactory/ssh-agent) first`;
        if (!fileExists(sock))
            return `no key file given, and the agent socket SSH_AUTH_SOCK=${sock} does not exist; start the agent first or give ${id || 'default'}=<key file>`;
        return undefined;
    }
    const missing = paths.filter((p) => p === '' || !fileExists(p));
    if (missing.length > 0)
        return `the key file or socket ${missing.map((p) => `"${p}"`).join(', ')} does not exist; use ${id || 'default'}=<path of an existing key file or agent socket>`;
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(25175);
;// CONCATENATED MODULE: ./src/inputs/validate-refs.ts
// The image-reference grammar of github.com/distribution/reference (regexp.go), which buildx
// applies to every --tag; built from the same named parts so it can be read against the source.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6address})${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;
const REFERENCE = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digest}))?$`);
const TAG = new RegExp(`^${tag}$`);
const NAME = new RegExp(`^${namePat}$`);
// go-digest's registered algorithms and the length of their lower-case hex encoding.
const DIGEST_HEX = { sha256: 64, sha384: 96, sha512: 128 };
const FORM = 'an image reference is [registry[:port]/]name[:tag][@digest], e.g. ghcr.io/owner/app:1.2, localhost:5000/app or app@sha256:<64 hex digits>';
/** The registry part as Docker's splitDockerDomain sees it: localhost, or a first part with '.' or ':' or upper case. */
function splitDomain(ref) {
    const slash = ref.indexOf('/');
    if (slash < 0)
        return [undefined, ref];
    const first = ref.slice(0, slash);
    const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
    return isDomain ? [first, ref.slice(slash + 1)] : [undefined, ref];
}
/**
 * Undefined when buildx accepts `ref` as an image name to tag or push (the distribution
 * reference grammar, with ParseNormalizedNamed's lower-case rule and go-digest's algorithms);
 * otherwise what is wrong with it and what is accepted.
 */
function checkImageRef(ref) {
    const [domain, remainder] = splitDomain(ref);
    const at = remainder.indexOf('@');
    const beforeDigest = at < 0 ? remainder : remainder.slice(0, at);
    const colon = beforeDigest.indexOf(':');
    const repository = colon < 0 ? beforeDigest : beforeDigest.slice(0, colon);
    if (repository.toLowerCase() !== repository) {
        return `the repository name must be lower case (${repository} → ${repository.toLowerCase()}); ${FORM}`;
    }
    if (at >= 0) {
        const problem = checkDigest(remainder.slice(at + 1));
        if (problem)
            return `${problem}; ${FORM}`;
    }
    if (REFERENCE.test(domain === undefined ? remainder : `${domain}/${remainder}`))
        return undefined;
    if (colon >= 0) {
        const tagPart = beforeDigest.slice(colon + 1);
        if (tagPart.includes(':'))
            return `it has more than one ':' after the name: a tag follows a single ':'; ${FORM}`;
        if (!TAG.test(tagPart)) {
            return `the tag "${tagPart}" is not a tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'; ${FORM}`;
        }
    }
    if (domain !== undefined && !new RegExp(`^${domainAndPort}$`).test(domain)) {
        return `"${domain}" is not a registry host[:port]; ${FORM}`;
    }
    if (!NAME.test(domain === undefined ? repository : `${domain}/${repository}`)) {
        return `the name "${repository}" is not valid: path parts of lower-case letters and digits, separated by '/', and inside a part by one '.', one or two '_', or '-'; ${FORM}`;
    }
    return FORM;
}
function checkDigest(value) {
    const colon = value.indexOf(':');
    const algorithm = value.slice(0, colon < 0 ? 0 : colon);
    const hex = value.slice(colon + 1);
    const length = DIGEST_HEX[algorithm];
    if (colon < 0 || length === undefined)
        return `the digest "${value}" does not name a supported algorithm (sha256, sha384 or sha512)`;
    if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex))
        return `the digest "${value}" must be ${algorithm}: followed by ${length} lower-case hex digits`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/inputs/validate-cache-entries.ts


// The cache backends BuildKit has (s3 and azblob only in a BuildKit of its own, not the
// engine's embedded one: a builder matter, not a typo).
const CACHE_TYPES = ['registry', 'local', 'gha', 's3', 'azblob'];
const EXPORT_ONLY = ['inline'];
// What BuildKit's importer or exporter refuses to start without.
const REQUIRED = {
    registry: { from: 'ref', to: 'ref' },
    local: { from: 'src', to: 'dest' },
};
/** The CSV fields of an entry, as buildx's go-csvvalue splits them. */
function csvFields(entry) {
    try {
        return (0,sync/* parse */.qg)(entry, { relax_quotes: true, relax_column_count: true })[0] ?? [];
    }
    catch {
        return [entry];
    }
}
/**
 * One `cache-from` or `cache-to` entry as buildx's ParseCacheEntry reads it: a bare image
 * reference, or `type=…` with `key=value` attributes and the attribute its backend requires.
 */
function checkCacheEntry(entry, direction) {
    const types = direction === 'to' ? [...CACHE_TYPES, ...EXPORT_ONLY] : CACHE_TYPES;
    const form = `use type=${types.join('|')} with its attributes (e.g. type=registry,ref=ghcr.io/o/app:cache or type=local,${direction === 'from' ? 'src' : 'dest'}=/path), or an image reference`;
    if (!entry.includes('=')) {
        for (const ref of csvFields(entry)) {
            const problem = checkImageRef(ref.trim());
            if (problem)
                return badRef(entry, `"${ref}" is read as a registry cache reference, but ${problem}`, direction);
        }
        return {};
    }
    const attrs = {};
    for (const field of csvFields(entry)) {
        const at = field.indexOf('=');
        if (at < 0)
            return { problem: `"${field}" is not key=value; ${form}` };
        attrs[field.slice(0, at).toLowerCase()] = field.slice(at + 1);
    }
    const type = attrs.type ?? '';
    if (type === '')
        return { problem: `the cache type is missing; ${form}` };
    if (!types.includes(type)) {
        if (direction === 'to')
            return { problem: `BuildKit has no cache exporter "${type}"; ${form}` };
        return { warning: `cache-from "${entry}": BuildKit has no cache importer "${type}" and ignores this entry (it knows ${types.join(', ')})` };
    }
    const required = REQUIRED[type]?.[direction];
    if (required !== undefined && (attrs[required] ?? '') === '') {
        return {
            problem: `a ${type} cache ${direction === 'from' ? 'import' : 'export'} needs ${required}=…, e.g. type=${type},${required}=${type === 'registry' ? 'ghcr.io/o/app:cache' : '/path'}`,
        };
    }
    if (type === 'registry' && attrs.ref) {
        const problem = checkImageRef(attrs.ref);
        if (problem)
            return badRef(entry, `ref "${attrs.ref}": ${problem}`, direction);
    }
    return {};
}
// BuildKit refuses to export to a malformed reference but skips importing from one.
function badRef(entry, problem, direction) {
    return direction === 'to' ? { problem } : { warning: `cache-from "${entry}" is ignored by BuildKit: ${problem}` };
}

;// CONCATENATED MODULE: ./src/inputs/validate-exports.ts



// The exporters buildx and BuildKit know (`registry` is buildx's image exporter with push=true,
// `moby` the engine's own, which buildx picks for the docker driver).
const EXPORTERS = ['image', 'registry', 'local', 'tar', 'oci', 'docker', 'cacheonly', 'moby'];
const ATTESTATIONS = ['provenance', 'sbom'];
// Go's strconv.ParseBool, which buildx applies to `disabled` and to --sbom/--provenance.
const validate_exports_GO_BOOLEANS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
/** key=value fields as buildx splits them (keys lower-cased), and the first field without '=', which buildx refuses. */
function attributes(entry) {
    const attrs = {};
    for (const field of csvFields(entry)) {
        const at = field.indexOf('=');
        if (at < 0)
            return { attrs, bad: field };
        attrs[field.slice(0, at).trim().toLowerCase()] = field.slice(at + 1);
    }
    return { attrs };
}
/** One `outputs` entry as buildx's ExportEntry reads it: a bare path, `-`, or type=… with attributes. */
function checkOutput(entry) {
    const form = `use type=${EXPORTERS.join('|')} with its attributes (e.g. type=image,name=ghcr.io/o/app,push=true or type=local,dest=out), or a directory path`;
    const fields = csvFields(entry);
    if (fields.length === 1 && fields[0] === entry && !entry.startsWith('type='))
        return undefined;
    const { attrs, bad } = attributes(entry);
    if (bad !== undefined)
        return `"${bad}" is not key=value; ${form}`;
    const type = attrs.type ?? '';
    if (type === '')
        return `the exporter type is missing; ${form}`;
    if (!EXPORTERS.includes(type))
        return `BuildKit has no exporter "${type}"; ${form}`;
    for (const name of (attrs.name ?? '').split(',').filter((n) => n.trim() !== '')) {
        const problem = checkImageRef(name.trim());
        if (problem)
            return `name "${name.trim()}": ${problem}`;
    }
    return undefined;
}
/** One `attests` entry as buildx's Attest reads it: type=provenance|sbom, key=value attributes, disabled a boolean. */
function checkAttest(entry) {
    const form = 'use type=provenance or type=sbom with key=value attributes, e.g. type=provenance,mode=max or type=sbom,disabled=true';
    const { attrs, bad } = attributes(entry);
    if (bad !== undefined)
        return `"${bad}" is not key=value; ${form}`;
    const type = attrs.type ?? '';
    if (type === '')
        return `the attestation type is missing; ${form}`;
    if (!ATTESTATIONS.includes(type))
        return `BuildKit has no attestation type "${type}"; ${form}`;
    if (attrs.disabled !== undefined && !validate_exports_GO_BOOLEANS.includes(attrs.disabled))
        return `disabled=${attrs.disabled} is not a boolean; ${form}`;
    if (type === 'provenance')
        return checkProvenanceMode(attrs, form);
    return undefined;
}
// BuildKit refuses any other mode only when it writes the attestation, after the whole build.
function checkProvenanceMode(attrs, form) {
    return attrs.mode === undefined || ['min', 'max'].includes(attrs.mode) ? undefined : `provenance mode=${attrs.mode}: use mode=min or mode=max; ${form}`;
}
/**
 * `provenance` or `sbom`: a boolean or attributes of that attestation. Kiln hands `provenance`
 * its builder-id, so only the workflow booleans count as booleans there; buildx reads `sbom` itself.
 */
function checkAttestInput(kind, value) {
    const booleans = kind === 'provenance' ? [...TRUE_WORDS, ...FALSE_WORDS] : validate_exports_GO_BOOLEANS;
    if (value === '' || booleans.includes(value))
        return undefined;
    const { attrs, bad } = attributes(value);
    const example = kind === 'provenance' ? 'mode=max or mode=min,inline-only=true' : 'generator=<scanner image>';
    const form = `use true, false, or ${kind} attributes as key=value, e.g. ${example}`;
    if (bad !== undefined)
        return `"${bad}" is neither a boolean nor key=value; ${form}`;
    if (attrs.disabled !== undefined && !validate_exports_GO_BOOLEANS.includes(attrs.disabled))
        return `disabled=${attrs.disabled} is not a boolean; ${form}`;
    return kind === 'provenance' ? checkProvenanceMode(attrs, form) : undefined;
}

;// CONCATENATED MODULE: ./src/inputs/validate-target.ts
/** Undefined when BuildKit finds the stage `target` names (case-insensitively, by name only). */
function checkTarget(target, source) {
    if (target === '' || source === undefined || source.otherFrontend)
        return undefined;
    if (source.stages.includes(target.toLowerCase()))
        return undefined;
    const named = source.stages.length > 0 ? `its named stages are ${source.stages.join(', ')}` : 'it has no named stage (name one with FROM … AS <name>)';
    return `${source.file} has no stage "${target}": ${named}; leave target empty to build the last stage`;
}
/** Whether a `# syntax=` directive picks a frontend other than docker/dockerfile. */
function otherFrontend(dockerfile) {
    for (const line of dockerfile.split(/\r?\n/)) {
        const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)/i.exec(line);
        if (!directive)
            return false;
        if (directive[1]?.toLowerCase() === 'syntax')
            return !/(^|\/)dockerfile(-upstream)?(:|@|$)/.test(directive[2] ?? '');
    }
    return false;
}

;// CONCATENATED MODULE: ./src/inputs/validate.ts






const validate_raw = (option) => option.raw;
/**
 * Every value buildx would refuse, found before anything runs: one row per input, each item
 * checked against the grammar buildx itself applies (see the validate-* modules).
 */
function checkBuildxValues(inputs, source) {
    const warnings = [];
    const cache = (direction) => (entry) => {
        const { problem, warning } = checkCacheEntry(entry, direction);
        if (warning)
            warnings.push(warning);
        return problem;
    };
    const rules = [
        ['tags', inputs.tags, checkImageRef],
        ['build-args', inputs.buildArgs, checkKeyOptional],
        ['labels', inputs.labels.map((l) => l.raw), checkKeyOptional],
        [
            'platforms',
            emptyListItems(source.get('platforms')),
            () => 'an item between commas is empty (an expression that expanded to nothing?); use platforms such as linux/amd64,linux/arm64, without empty items',
        ],
        ['cache-from', inputs.cacheFrom.map(validate_raw), cache('from')],
        ['cache-to', inputs.cacheTo.map(validate_raw), cache('to')],
        ['outputs', inputs.outputs.map(validate_raw), checkOutput],
        ['attests', inputs.attests.map(validate_raw), checkAttest],
        ['provenance', [source.get('provenance').trim()], (v) => checkAttestInput('provenance', v)],
        ['sbom', [source.get('sbom').trim()], (v) => checkAttestInput('sbom', v)],
        ['ulimit', inputs.ulimit, checkUlimit],
        ['add-hosts', inputs.addHosts, checkAddHost],
        ['allow', inputs.allow, checkEntitlement],
        ['network', [inputs.network], checkNetwork],
        ['ssh', inputs.ssh, (item) => checkSsh(item, source.env, (p) => source.fileExists(p))],
        ['target', [inputs.target], (target) => checkTarget(target, source.dockerfile)],
    ];
    const errors = [];
    for (const [input, items, check] of rules) {
        for (const item of items) {
            const problem = check(item);
            if (problem !== undefined)
                errors.push(new inputs_errors/* InputError */.dz(input, item, problem));
        }
    }
    return { errors, warnings };
}

;// CONCATENATED MODULE: ./src/inputs/read.ts

















// `--call` methods buildx knows; options may follow after a comma (`check,format=json`).
const CALL_METHODS = ['build', 'check', 'outline', 'targets', 'subrequests.describe'];
/**
 * Parses and validates every input in one pass, collecting all mistakes so the step fails once,
 * before anything runs, with a message per bad input.
 */
function readInputs(source) {
    const errors = [];
    const warnings = [];
    const text = (name) => source.get(name).trim();
    const list = (name, options) => (0,lists/* parseList */.E1)(source.get(name), options);
    const lines = (name) => list(name, { newlinesOnly: true });
    const bool = (name, fallback = false) => readBoolean(name, source.get(name), fallback, errors);
    // Items that buildx reads as KEY=VALUE: one without '=' would be silently misread.
    const keyValues = (name, items, accepted) => {
        for (const item of items) {
            const kv = (0,lists/* splitKeyValue */.px)(item);
            if (kv === undefined || kv[0] === '')
                errors.push(new inputs_errors/* InputError */.dz(name, item, accepted));
        }
        return items;
    };
    // An annotation buildx would refuse is an input error; its stand-in never reaches a build.
    const annotation = (raw) => {
        const read = (0,annotations/* readAnnotation */._o)(raw);
        if (read.problem === undefined)
            return read.annotation;
        errors.push(new inputs_errors/* InputError */.dz('annotations', raw, read.problem));
        return { raw, key: raw, value: '', levels: [], platform: '' };
    };
    const buildArgs = lines('build-args');
    for (const item of buildArgs) {
        // A bare NAME is docker's pass-through of the step's environment variable; keep that
        // working, but a bare name with nothing to pass is a typo, not an empty value.
        if (!item.includes('=') && source.env[item] === undefined) {
            errors.push(new inputs_errors/* InputError */.dz('build-args', item, 'use NAME=value (or a bare NAME only when the environment variable NAME is set)'));
        }
    }
    const buildArgValues = Object.fromEntries(buildArgs.flatMap((item) => {
        const kv = (0,lists/* splitKeyValue */.px)(item);
        if (kv !== undefined)
            return [kv];
        const passed = source.env[item];
        return passed === undefined ? [] : [[item, passed]];
    }));
    const givenPlatforms = list('platforms');
    for (const platform of givenPlatforms) {
        const problem = (0,inputs_platforms/* checkPlatform */.oF)(platform);
        if (problem !== undefined)
            errors.push(new inputs_errors/* InputError */.dz('platforms', platform, problem));
    }
    const platforms = (0,inputs_platforms/* normalizePlatforms */.em)(givenPlatforms);
    const secrets = readSecrets(source, errors, warnings);
    const logins = readLogins({ get: (name) => source.get(name), parseYaml: source.parseYaml }, errors);
    checkBuildArgLeaks(buildArgs, [...secretValues(secrets, source), ...logins.map((l) => ({ label: `the password for ${l.registry} (input ${l.input})`, value: l.password }))], source.env, errors, warnings);
    const call = text('call');
    const method = call.split(',')[0]?.trim() ?? '';
    if (call !== '' && !CALL_METHODS.includes(method)) {
        errors.push(new inputs_errors/* InputError */.dz('call', call, `use one of ${CALL_METHODS.join(', ')}`));
    }
    const shmSize = text('shm-size');
    // As buildx reads it (go-units RAMInBytes): a number, optional space, unit k/m/g/t/p, then b or ib.
    if (shmSize !== '' && !/^\d+(\.\d+)? ?([kmgtp](ib|b)?|b)?$/i.test(shmSize)) {
        errors.push(new inputs_errors/* InputError */.dz('shm-size', shmSize, 'use a size such as 64m, 2g or 1073741824'));
    }
    const addHosts = list('add-hosts');
    const { metadata, literalTags } = (0,inputs_metadata/* readMetadata */._6)(source.get('images'), source.get('tags'), errors, source.env, source.get('flavor'));
    const report = readReportSwitches(source.env, source.get('record-upload'), errors, warnings);
    const inputs = {
        addHosts,
        allow: list('allow'),
        annotations: lines('annotations').map(annotation),
        attests: lines('attests').map(attributesOption),
        buildArgs,
        buildArgValues,
        buildContexts: keyValues('build-contexts', lines('build-contexts'), 'use name=path-or-url, e.g. alpine=docker-image://alpine:3'),
        builder: text('builder'),
        cacheFrom: lines('cache-from').map(cacheOption),
        cacheTo: lines('cache-to').map(cacheOption),
        call,
        cgroupParent: text('cgroup-parent'),
        context: text('context'),
        file: text('file'),
        githubToken: text('github-token'),
        labels: lines('labels').map(annotations/* readLabel */.V8),
        load: bool('load'),
        network: text('network'),
        noCache: bool('no-cache'),
        noCacheFilters: list('no-cache-filters'),
        outputs: list('outputs', { newlinesOnly: true, noQuotes: true }).map(outputOption),
        platforms,
        provenance: attestationInput(text('provenance'), 'provenance'),
        pull: bool('pull'),
        push: bool('push'),
        reproducible: bool('reproducible'),
        sbom: attestationInput(text('sbom'), 'sbom'),
        secrets,
        shmSize,
        ssh: list('ssh'),
        tags: literalTags,
        metadata,
        target: text('target'),
        ulimit: lines('ulimit'),
        setup: readSetup(source, errors),
        cache: readCache(source, errors),
        // Settled once: `summary: false` or DOCKER_BUILD_SUMMARY=false, for every summary Kiln writes.
        summary: bool('summary', true) && report.summary,
        logins,
        report,
        fanOut: { mode: 'off' },
        sign: readSign(source, errors),
    };
    inputs.fanOut = readFanOut(source.get('fan-out'), inputs, errors);
    if (metadata.images.length > 0) {
        (0,inputs_metadata/* checkItemTemplates */.Ls)('labels', inputs.labels.map((l) => l.raw), errors);
        (0,inputs_metadata/* checkItemTemplates */.Ls)('annotations', inputs.annotations.map((a) => a.raw), errors);
    }
    const buildx = checkBuildxValues(inputs, source);
    errors.push(...buildx.errors);
    warnings.push(...buildx.warnings);
    if (inputs.builder !== '' && inputs.setup.driver !== 'auto') {
        errors.push(new inputs_errors/* InputError */.dz('driver', inputs.setup.driver, `\`builder\` (${inputs.builder}) names a builder to use as it is, while \`driver\` asks Kiln to create one: set only one of them`));
    }
    if (inputs.push && inputs.tags.length === 0 && metadata.images.length === 0 && !inputs.outputs.some((o) => (0,buildx_option/* namesOf */.eZ)(o).length > 0)) {
        errors.push(new inputs_errors/* InputError */.dz('push', 'true', 'pushing needs somewhere to push: set `tags`, or an `outputs` entry with name=<image>'));
    }
    if (errors.length > 0)
        throw new inputs_errors/* InputErrors */.G(errors);
    return { inputs, warnings };
}
/** The values of the build secrets, for the build-args leak check (never for a message). */
function secretValues(secrets, source) {
    return secrets.flatMap((s) => {
        const label = `secret "${s.id}" (input ${s.input})`;
        if (s.source.kind === 'inline')
            return [{ label, value: s.source.value }];
        if (s.source.kind === 'env')
            return [{ label, value: source.env[s.source.name] ?? '' }];
        // Read once with the masks (inputs/secrets.ts); a file over their size limit is not compared.
        const value = s.source.contents;
        return value === undefined ? [] : [{ label, value }];
    });
}

;// CONCATENATED MODULE: ./src/setup/dockerfile-target.ts



/**
 * The stages of the Dockerfile the build will use, read only when `target` is set and the
 * context is on disk, so a missing stage is an input error before anything runs. A context or
 * file that is wrong is left to its own check.
 */
async function dockerfileTarget(get, ctx, cwd, fileExists) {
    if (get('target').trim() === '')
        return undefined;
    let text;
    let file;
    try {
        const context = chooseContext({ context: get('context').trim(), file: get('file').trim() }, ctx, cwd, fileExists);
        if (context.kind !== 'path')
            return undefined;
        file = context.dockerfile;
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return undefined;
    }
    const { parseDockerfile } = await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(603)]).then(__webpack_require__.bind(__webpack_require__, 30603));
    try {
        // Stage names are not expanded: the build-args (not read yet) cannot change them.
        const stages = parseDockerfile(text, {}).stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
        return { file, stages, otherFrontend: otherFrontend(text) };
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/setup/small-file.ts


/**
 * A file's text when it is at most MAX_MASKED_FILE bytes, else undefined (as when it cannot be
 * read): reads one byte past the limit instead of trusting a size that may change meanwhile.
 */
function readSmallFile(file) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, 'r');
        const buffer = Buffer.alloc(MAX_MASKED_FILE + 1);
        let length = 0;
        while (length < buffer.length) {
            const n = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null);
            if (n === 0)
                break;
            length += n;
        }
        return length > MAX_MASKED_FILE ? undefined : buffer.subarray(0, length).toString('utf8');
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/phases/read-inputs.ts
// The pipeline's first phase: the job's context and every input, with the tags and labels from
// Git (`images`) and the commit's time (`reproducible`) applied. Every mistake is reported before
// anything runs; the engine is asked meanwhile (its answer does not depend on the inputs).






async function readStep(deps) {
    const { env, cwd, engine, clock, io: core } = deps;
    const ctx = readGithubContext(env, (p) => (0,external_node_fs_.readFileSync)(p, 'utf8'), cwd, (0,external_node_os_.tmpdir)());
    // The engine's answer does not depend on the inputs: ask now, while they are read. A bad input
    // then costs one unanswered socket request, no process.
    const asked = engine.facts(env);
    asked.catch(() => undefined);
    // Read inputs: every mistake is reported before anything runs.
    const read = await readAllInputs(core, env, await dockerfileTarget(core.getInput, ctx, cwd, external_node_fs_.existsSync));
    // Tags and labels from Git (`images`): decided before anything looks at the tags. SemVer and
    // the rules load only for the steps that use them.
    const { inputs: applied, metadata, warnings, } = read.inputs.metadata.images.length > 0
        ? (await __webpack_require__.e(/* import() */ 399).then(__webpack_require__.bind(__webpack_require__, 97399))).applyMetadata(read, ctx, clock.now(), (await Promise.all(/* import() */[__webpack_require__.e(211), __webpack_require__.e(909)]).then(__webpack_require__.bind(__webpack_require__, 6909))).readVersion)
        : read;
    // reproducible: the commit's time in SOURCE_DATE_EPOCH and the created label.
    const inputs = applied.reproducible ? await (await __webpack_require__.e(/* import() */ 352).then(__webpack_require__.bind(__webpack_require__, 48352))).reproducibleInputs(applied, ctx, env) : applied;
    if (metadata)
        core.info(metadata.log);
    warnings.forEach((w) => {
        core.warning(w);
    });
    return { ctx, inputs, metadata, asked };
}
/**
 * Every input, `append`'s nodes included, with all their mistakes reported together. The YAML
 * parser loads only for the few steps that append nodes or log in with `registry-auth`.
 */
async function readAllInputs(core, env, dockerfile) {
    const parseYaml = core.getInput('registry-auth') || core.getInput('append').trim() ? (await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 38815, 19))).parse : undefined;
    return readInputs({
        get: (name) => core.getInput(name),
        raw: (name) => core.getRawInput(name),
        env,
        fileExists: external_node_fs_.existsSync,
        readFile: readSmallFile,
        dockerfile,
        parseYaml,
    });
}

// EXTERNAL MODULE: ./src/report/summary.ts + 1 modules
var summary = __webpack_require__(35023);
;// CONCATENATED MODULE: ./src/report/build-annotations.ts
// The build's annotations: its Dockerfile checks (warnings at their lines) and, when it failed,
// one error at the failing line, with the registry's refusal explained when a login explains it.



/** Annotations need the Dockerfile's path in the repository; BuildKit names it by its base name. */
function annotationPath(file, context, workspace) {
    if (context.kind !== 'path' || external_node_path_.basename(context.dockerfile) !== external_node_path_.basename(file))
        return file;
    return external_node_path_.relative(workspace, context.dockerfile);
}
/**
 * The build's checks with their Dockerfile as the repository names it, each a warning unless
 * DOCKER_BUILD_CHECKS_ANNOTATIONS=false (the summary lists them either way).
 */
function annotateChecks(io, log, context, workspace, annotate) {
    const checks = log.checks().map((c) => ({ ...c, file: c.file && annotationPath(c.file, context, workspace) }));
    for (const check of annotate ? checks : []) {
        io.warning(check.message, { title: `Build check ${check.rule}`, file: check.file, startLine: check.line });
    }
    return checks;
}
/**
 * One annotation, at the Dockerfile line when BuildKit names one; BuildKit's own log of the
 * failing step is already in the output above.
 */
function annotateFailure(io, log, made) {
    const failure = log.failure();
    const file = failure.file !== undefined ? annotationPath(failure.file, made.context, made.workspace) : undefined;
    const refused = explainRegistryFailure(failure.message, made.login);
    const detail = [...(refused ? [refused] : []), failure.message, ...failure.output].join('\n');
    io.error((0,summary/* redactSecrets */.fp)(detail, made.masks), { title: failure.step ? `Build failed: ${failure.step}` : 'Build failed', file, startLine: failure.line });
    return { step: failure.step, message: refused ? `${refused} (${failure.message})` : failure.message, output: failure.output };
}

;// CONCATENATED MODULE: ./src/report/cache-failures.ts
/** Warns of each failed cache import and export; returns what the summary says of them. */
function reportCacheFailures(io, log, exportStopped) {
    const failed = log.cacheFailures();
    for (const failure of failed.imports) {
        io.warning(`Cache import failed; the build ran without that cache: ${failure}`, { title: 'Cache import failed' });
    }
    // A stopped export has said so already (the cancelled vertex is no news).
    for (const failure of exportStopped ? [] : failed.exports) {
        io.warning(`Cache export failed; the build succeeded, but the next run will not find this cache: ${failure}`, { title: 'Cache export failed' });
    }
    return [...failed.exports.map((f) => `export failed: ${f}`), ...failed.imports.map((f) => `import failed: ${f}`)];
}

;// CONCATENATED MODULE: ./src/report/cache-spend.ts

async function cacheSpend(facts) {
    if (facts.retriedEntries !== undefined)
        return { entriesWritten: facts.retriedEntries };
    if (facts.exportStopped)
        return undefined;
    const written = (0,gha_writes/* ghaWritten */.S)(facts.steps);
    if (written)
        return (await __webpack_require__.e(/* import() */ 837).then(__webpack_require__.bind(__webpack_require__, 79837))).ghaExportSpend(written, facts.cache.cacheTo, facts.env);
    const dir = facts.cache.local?.dir;
    if (facts.localBefore && dir !== undefined)
        return (await __webpack_require__.e(/* import() */ 544).then(__webpack_require__.bind(__webpack_require__, 77544))).localSpend(dir, facts.localBefore);
    return undefined;
}

// EXTERNAL MODULE: ./src/report/cache-output.ts
var cache_output = __webpack_require__(58556);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
;// CONCATENATED MODULE: ./src/report/record.ts



/**
 * Uploads the build record when asked to (`record-upload`, DOCKER_BUILD_RECORD_UPLOAD=true).
 * Whatever goes wrong is a warning: the record is a convenience, the build's result stands.
 */
async function uploadRecordIfAsked(switches, metadata, repository, tempDir, env) {
    if (!switches.recordUpload)
        return;
    // A path is main.ts's form until it passes the metadata it read once.
    const ref = (typeof metadata === 'string' ? (0,metadata_file/* readBuildMetadata */.q3)(metadata) : metadata).buildRef;
    if (ref === '') {
        runner/* info */.pq('Build record: not uploaded, buildx named no build record for this run');
        return;
    }
    try {
        const { uploadBuildRecord } = await __webpack_require__.e(/* import() */ 247).then(__webpack_require__.bind(__webpack_require__, 60247));
        const uploaded = await uploadBuildRecord({ ref, repository, retentionDays: switches.recordRetentionDays, tempDir, env });
        const keep = switches.recordRetentionDays ? `kept ${switches.recordRetentionDays} days` : "kept as the repository's artifacts are";
        runner/* info */.pq(`Build record: uploaded as artifact ${uploaded.name} (${(0,summary/* formatBytes */.z3)(uploaded.size)}, id ${uploaded.artifactId}, ${keep})`);
    }
    catch (error) {
        runner/* warning */.$e(`The build record was not uploaded: ${error instanceof Error ? error.message : String(error)}`, { title: 'Build record upload' });
    }
}

// EXTERNAL MODULE: ./src/report/cache-shown.ts
var cache_shown = __webpack_require__(3876);
;// CONCATENATED MODULE: ./src/report/step-summary.ts


/** The set-up's part of the summary, with what the build found wrong with the cache (`found`). */
function summaryOf(prepared, found) {
    const { builder, qemu, cache } = prepared;
    return {
        builder: { name: builder.name, driver: builder.driver, buildkit: builder.buildkitVersion, nodes: builder.nodes, emulated: qemu.emulated },
        cache: {
            backend: cache.backend,
            reason: [cache.reason, cache.why].filter(Boolean).join('; '),
            ...(0,cache_shown/* cacheShown */.C)(cache),
            warnings: [...cache.warnings, ...found],
        },
    };
}
/**
 * Appends the summary: the outcome, under `tags` (the frame's unless given), with `found` (what
 * the build found wrong with the cache) said after the set-up's own warnings.
 */
function appendStepSummary(io, frame, outcome, tags = frame.tags, found = []) {
    if (!frame.enabled)
        return;
    io.appendSummary((0,summary/* renderSummary */.Br)({
        ...outcome,
        ...summaryOf(frame.prepared, found),
        platform: frame.platform,
        tags,
        tagRules: frame.tagRules,
        seconds: frame.seconds(),
        steps: frame.steps,
        checks: frame.checks,
        secrets: frame.secrets,
        buildArgs: frame.buildArgs,
    }));
}

// EXTERNAL MODULE: ./src/report/steps.ts
var report_steps = __webpack_require__(70021);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/plan/builder.ts




/** The cause alone (of a decision, or of the builder obtained), without the rest. */
function builderCause(decision) {
    switch (decision.because) {
        case 'shaping-inputs':
            return { because: decision.because, shaping: decision.shaping };
        case 'containerd-store':
        case 'classic-store-cannot':
            return { because: decision.because, demands: decision.demands };
        default:
            return { because: decision.because };
    }
}
/** What this build asks of its builder, beyond what every builder does. */
function demands(inputs) {
    const asks = [];
    if ((0,inputs_platforms/* multiPlatform */.ZC)(inputs.platforms))
        asks.push('several-platforms');
    const exportsCache = inputs.cacheTo.filter((c) => (0,buildx_option/* typeOf */.QP)(c) !== 'inline');
    if (exportsCache.length > 0)
        asks.push('cache-export');
    const archives = inputs.outputs.filter((o) => (0,buildx_option/* typeOf */.QP)(o) === 'oci' || ((0,buildx_option/* typeOf */.QP)(o) === 'docker' && o.attrs.dest));
    if (archives.length > 0)
        asks.push('archive-output');
    return asks;
}
/** A demand in words, for the log. */
function demandText(demand, inputs) {
    if (demand === 'several-platforms')
        return `several platforms (${inputs.platforms.join(',')})`;
    return demand === 'cache-export' ? 'cache export' : 'an OCI or Docker archive output';
}
/**
 * A builder name unique to this run attempt, job and step, valid for buildx ([a-z0-9-], at most
 * 63 characters): readable parts, then a hash of the exact identity, which stays unique when the
 * parts are cut short or differ only in case or punctuation. `instance` tells apart steps with
 * the same identity: two legs of one matrix job on one self-hosted host share run, job and step.
 */
function builderName(runId, runAttempt, job, action, instance = '') {
    const part = (s) => s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const hash = (0,external_node_crypto_.createHash)('sha256').update([runId, runAttempt, job, action, instance].join('\0')).digest('hex').slice(0, 8);
    const readable = ['kiln', part(job), part(action)]
        .filter(Boolean)
        .join('-')
        .slice(0, 63 - hash.length - 1)
        .replace(/-+$/, '');
    return `${readable}-${hash}`;
}
/**
 * Which builder runs the build. `builder` is used as it is; an explicit driver gets a builder of
 * its own; `auto` reuses the current builder when it can do what the build asks (the docker
 * driver can do everything only with the containerd image store) and creates a docker-container
 * builder otherwise.
 */
function decideBuilder(inputs, facts, name) {
    if (inputs.builder !== '') {
        const driver = inputs.builder === facts.current.name ? facts.current.driver : 'as configured';
        return { action: 'use', name: inputs.builder, driver, because: 'builder-input', reason: '`builder` names it' };
    }
    const driver = inputs.setup.driver;
    if (driver === 'docker') {
        return {
            action: 'use',
            name: facts.current.driver === 'docker' ? facts.current.name : 'default',
            driver: 'docker',
            because: 'driver-input',
            reason: '`driver: docker` asks for the engine’s own BuildKit',
        };
    }
    if (driver !== 'auto') {
        return { action: 'create', name, driver, because: 'driver-input', reason: `\`driver: ${driver}\` asks for one` };
    }
    // Nodes, endpoints, driver options and daemon settings describe a builder to create: reusing
    // one would silently drop them (and an appended node's platforms would go unbuilt).
    const shaping = [
        ['append', inputs.setup.append.length > 0],
        ['endpoint', inputs.setup.endpoint !== ''],
        ['driver-opts', inputs.setup.driverOpts.length > 0],
        ['buildkitd-flags', inputs.setup.buildkitdFlags !== ''],
        ['buildkitd-config', inputs.setup.buildkitdConfig !== '' || inputs.setup.buildkitdConfigInline.trim() !== ''],
    ]
        .filter(([, set]) => set)
        .map(([input]) => input);
    if (shaping.length > 0) {
        return {
            action: 'create',
            name,
            driver: 'docker-container',
            because: 'shaping-inputs',
            shaping,
            reason: `${shaping.join(', ')} ${shaping.length > 1 ? 'describe' : 'describes'} a builder of its own`,
        };
    }
    const current = facts.current;
    if (current.driver !== 'docker') {
        return {
            action: 'use',
            name: current.name,
            driver: current.driver,
            because: 'current-builder',
            reason: `the current builder (${current.driver} driver) can do whatever BuildKit can`,
        };
    }
    const asks = demands(inputs);
    const asked = asks.map((d) => demandText(d, inputs)).join(', ');
    // buildx refuses push-by-digest (a fan-out leg's output) on the docker driver, whatever its store.
    if (inputs.outputs.some((o) => o.attrs['push-by-digest'] === 'true')) {
        return {
            action: 'create',
            name,
            driver: 'docker-container',
            because: 'push-by-digest',
            reason: 'the engine’s own BuildKit (docker driver) cannot push by digest, as a fan-out leg does',
        };
    }
    // The engine's image exporter unpacks what it exports into the engine's store, and refuses
    // rewrite-timestamp beside that ("conflicts with unpack").
    if (inputs.reproducible === true) {
        return {
            action: 'create',
            name,
            driver: 'docker-container',
            because: 'reproducible',
            reason: 'the engine’s own BuildKit (docker driver) cannot rewrite timestamps in the layers, as `reproducible: true` needs',
        };
    }
    if (facts.containerdStore) {
        return {
            action: 'use',
            name: current.name,
            driver: 'docker',
            because: 'containerd-store',
            demands: asks,
            reason: `the engine has the containerd image store, so its own BuildKit can do ${asked || 'this build'}`,
        };
    }
    if (asks.length === 0) {
        return { action: 'use', name: current.name, driver: 'docker', because: 'classic-store-can', reason: 'the engine’s own BuildKit can do this build' };
    }
    return {
        action: 'create',
        name,
        driver: 'docker-container',
        because: 'classic-store-cannot',
        demands: asks,
        reason: `the engine's classic image store cannot do ${asked}`,
    };
}
/**
 * `docker buildx create` calls for a new builder: the first node, then one `--append` per extra
 * node. `configFile` is buildkitd-config, or the file Kiln wrote buildkitd-config-inline to.
 * `tls` holds driver-opts for node i's client certificates from BUILDER_NODE_<i>_AUTH_TLS_*.
 *
 * buildx sends a platform to the first node that supports it, and a node that emulates supports
 * nearly everything: appended nodes would get nothing. So when appended nodes claim platforms,
 * the first node declares the rest of the requested ones, and each platform goes where it was
 * meant to (a native arm64 node builds linux/arm64).
 */
function createCommands(name, driver, setup, append, configFile, tls, requested = []) {
    const claimed = new Set(append.flatMap((n) => n.platforms));
    const firstNode = claimed.size > 0 ? requested.filter((p) => !claimed.has(p)) : [];
    const node = (index, opts, flags, platforms, endpoint, nodeName) => {
        const args = ['buildx', 'create', '--name', name];
        if (index === 0)
            args.push('--driver', driver);
        else
            args.push('--append', '--node', nodeName ?? `${name}${index}`);
        for (const opt of [...opts.map((o) => o.raw), ...(tls[index] ?? [])])
            args.push('--driver-opt', opt);
        if (flags)
            args.push('--buildkitd-flags', flags);
        if (index === 0 && configFile)
            args.push('--buildkitd-config', configFile);
        if (platforms.length > 0)
            args.push('--platform', platforms.join(','));
        if (endpoint)
            args.push(endpoint);
        return args;
    };
    return [
        node(0, setup.driverOpts, setup.buildkitdFlags, firstNode, setup.endpoint || undefined),
        ...append.map((n, i) => node(i + 1, n.driverOpts, n.buildkitdFlags, n.platforms, n.endpoint, n.name)),
    ];
}
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
/**
 * Every image reference the build reaches a registry for: what it pushes, the cache images it
 * reads and writes, `docker-image://` build contexts and the Dockerfile's base images.
 */
function registryRefs(inputs, pushed, baseImages) {
    const contexts = inputs.buildContexts
        .map((c) => c.slice(c.indexOf('=') + 1))
        .filter((v) => v.startsWith('docker-image://'))
        .map((v) => v.slice('docker-image://'.length));
    return [...pushed, ...[...inputs.cacheFrom, ...inputs.cacheTo].map(buildx_option/* refOf */.H8), inputs.cache.ref, ...contexts, ...baseImages].filter((r) => Boolean(r));
}
/**
 * A docker-container builder runs on the engine's bridge network, where localhost is the
 * container itself: a registry on the runner's loopback (a `services:` registry, a local mirror)
 * that the engine's own builder reaches would be out of reach for its pushes, cache and base
 * images. Kiln puts such a builder on the host's network when the build names one, unless
 * driver-opts choose a network.
 */
function mayNeedHostNetwork(decision, setup) {
    return decision.action === 'create' && decision.driver === 'docker-container' && setup.endpoint === '' && !setsDriverOpt(setup.driverOpts, 'network');
}
/** Whether the user's driver-opts set `key` (buildx reads each driver-opt as comma-separated fields). */
function setsDriverOpt(driverOpts, key) {
    return driverOpts.some((o) => (0,buildx_option/* sets */.cD)(o, key));
}
/** The registries on the runner's loopback among the references. */
function loopbackRegistries(refs) {
    return [...new Set(refs.map(image_ref/* registryHost */.U$).filter((h) => h !== undefined && LOOPBACK.test(h)))];
}
/**
 * Under `driver: auto` a created docker-container builder stands in for the engine's own, which
 * puts what it builds into the engine's image store when the build names no output: with
 * `default-load=true` the created builder does the same, so a later `docker run` of the tag
 * still works. Not for several platforms, which an engine may be unable to load (the docker
 * driver could not build those without an output either), nor when driver-opts decide it.
 */
function defaultLoadOpt(decision, inputs) {
    if (inputs.setup.driver !== 'auto' || decision.action !== 'create' || decision.driver !== 'docker-container')
        return [];
    if ((0,inputs_platforms/* multiPlatform */.ZC)(inputs.platforms) || setsDriverOpt(inputs.setup.driverOpts, 'default-load'))
        return [];
    return [(0,buildx_option/* optionFrom */.iQ)({ 'default-load': 'true' })];
}

// EXTERNAL MODULE: ./src/plan/cache.ts
var plan_cache = __webpack_require__(70769);
;// CONCATENATED MODULE: ./src/plan/engine-needed.ts
/**
 * Why the decided builder cannot work when the engine could not be asked, or undefined: the
 * docker and docker-container drivers run on the engine; a remote builder (or a named one of
 * another driver) does not need it.
 */
function engineProblem(decision, facts) {
    if (facts.unreachable === undefined || !['docker', 'docker-container'].includes(decision.driver))
        return undefined;
    return (`The ${decision.driver} builder ${decision.name} runs on a Docker engine, and ${facts.unreachable}. ` +
        'Fix: start dockerd (or set DOCKER_HOST to a reachable engine), or name a remote BuildKit builder (`builder:`, or `driver: remote` with `endpoint:`).');
}

;// CONCATENATED MODULE: ./src/plan/qemu.ts

/**
 * `requested` are the build's platforms (or qemu-platforms); `native` those some node runs
 * natively; `registered` the handlers /proc/sys/fs/binfmt_misc has enabled.
 */
function planQemu(mode, requested, native, registered) {
    const nativeArches = new Set(native.flatMap((p) => (0,inputs_platforms/* nativeArches */.o0)((0,inputs_platforms/* archOf */.Qh)(p))));
    const emulated = [...new Set(requested.filter((p) => p !== 'local' && p.includes('/') && !nativeArches.has((0,inputs_platforms/* archOf */.Qh)(p))))];
    const noEmulator = emulated.filter((p) => (0,inputs_platforms/* emulatorOf */.rG)((0,inputs_platforms/* archOf */.Qh)(p)) === undefined);
    const unknownNote = noEmulator.length
        ? `; no QEMU emulator is known for ${noEmulator.join(', ')}: it builds only on a native node (append) or with a handler registered by other means`
        : '';
    const handlers = emulated.flatMap((platform) => {
        const emulator = (0,inputs_platforms/* emulatorOf */.rG)((0,inputs_platforms/* archOf */.Qh)(platform));
        return emulator ? [{ platform, ...emulator, present: registered.has(emulator.handler) }] : [];
    });
    const missing = handlers.filter((h) => !h.present);
    if (mode === 'true') {
        const install = handlers.length > 0 ? handlers.map((h) => h.install) : ['all'];
        return { emulated, handlers, noEmulator, install: [...new Set(install)], because: 'qemu-true', reason: '`qemu: true` runs the installer image always' };
    }
    if (emulated.length === 0) {
        return {
            emulated,
            handlers,
            noEmulator,
            because: requested.length ? 'all-native' : 'nothing-requested',
            reason: requested.length ? `every platform runs natively on ${native.join(', ')}` : 'no platforms requested beyond the builder’s own',
        };
    }
    if (missing.length === 0) {
        const covered = handlers.map((h) => `${h.platform} runs under the registered ${h.handler}`).join(', ');
        return {
            emulated,
            handlers,
            noEmulator,
            because: 'nothing-to-install',
            reason: `${covered || 'nothing Kiln can install'}: nothing to install${unknownNote}`,
        };
    }
    const missingPlatforms = missing.map((h) => h.platform);
    const missingHandlers = [...new Set(missing.map((h) => h.handler))];
    if (mode === 'false') {
        return {
            emulated,
            handlers,
            noEmulator,
            because: 'qemu-false',
            error: {
                platforms: missingPlatforms,
                handlers: missingHandlers,
                message: `${missingPlatforms.join(', ')} ${missingPlatforms.length > 1 ? 'need' : 'needs'} emulation, but no ${missingHandlers.join(', ')} handler is registered and \`qemu: false\` forbids installing one: ` +
                    'set `qemu: auto`, register the handlers on the runner (apt-get install qemu-user-static), or build that platform on a native node (`append`)',
            },
            reason: '`qemu: false`',
        };
    }
    return {
        emulated,
        handlers,
        noEmulator,
        because: 'handlers-missing',
        install: [...new Set(missing.map((h) => h.install))],
        reason: `${missing.map((h) => `${h.platform} needs ${h.handler}`).join(', ')}, which is not registered${unknownNote}`,
    };
}

// EXTERNAL MODULE: ./src/plan/cache-budget.ts
var cache_budget = __webpack_require__(4659);
;// CONCATENATED MODULE: ./src/plan/step-cache.ts
// The step's one cache plan. The facts it rests on are gathered before set-up starts (the Actions
// cache service's health, the repository's cache usage, the builder's BuildKit as the builder
// decision and the engine tell it); this pure function then decides, once, what the login, the
// build's arguments, the log and the summary all read.




/** What the build is about, as the cache policy sees it. */
function cacheRequest(inputs, context, ctx) {
    return {
        tags: inputs.tags,
        platforms: inputs.platforms,
        pushes: pushTargets(inputs).length > 0,
        dockerfile: context.kind === 'path' ? external_node_path_.relative(ctx.workspace, context.dockerfile) : inputs.file,
        target: inputs.target,
        cacheFrom: inputs.cacheFrom,
        cacheTo: inputs.cacheTo,
    };
}
/**
 * Whether the cache may use the Actions cache service (gha, or a local directory it carries):
 * then the service is probed before the plan is made. Explicit cache-from / cache-to never do.
 */
function mayUseActionsCache(cache, request, env) {
    if (request.cacheFrom.length > 0 || request.cacheTo.length > 0)
        return false;
    return ['auto', 'gha', 'local'].includes(cache.backend) && (0,plan_cache/* actionsCacheService */.ZY)(env) !== undefined;
}
/** Whether the build may write to the Actions cache: then the repository's usage is asked (with github-token). */
function mayWriteActionsCache(cache, request, ctx, env, token) {
    return token !== '' && ctx.repository !== '' && mayUseActionsCache(cache, request, env) && (0,plan_cache/* eventScopes */.O5)(ctx, cache.write).write !== undefined;
}
/**
 * The cache-to entries this build asks of any builder that can export: the builder decision's
 * `cache-export` demand. Only whether there are any matters, and that does not depend on the
 * builder's BuildKit (gha and local both export), so it is known before the builder is decided.
 */
function cacheExportAsked(cache, request, ctx, env, health) {
    return (0,plan_cache/* planCache */._s)(cache, request, ctx, env, {}, '', health).cacheTo;
}
/** The plan writes to the Actions cache (gha, or a local directory carried by it): the budget applies. */
function writesActionsCache(plan) {
    return plan.kind === 'managed' && (plan.backend === 'gha' || plan.backend === 'local') && plan.write !== undefined;
}
/**
 * The step's cache: the backend and scopes for this builder and service (plan/cache.ts), within
 * the repository's Actions cache budget (plan/cache-budget.ts). `tempDir` holds a local cache's
 * directory.
 */
function planStepCache(cache, request, ctx, env, facts, tempDir) {
    const plan = (0,plan_cache/* planCache */._s)(cache, request, ctx, env, facts.caps, tempDir, facts.health);
    if (facts.usage === undefined || !writesActionsCache(plan))
        return plan;
    const decision = (0,cache_budget/* budgetDecision */.Ec)(facts.usage, plan.rule === 'pull-request');
    if (decision.limited === undefined)
        return plan;
    const limited = (0,cache_budget/* applyBudget */.g6)(plan, decision);
    return { ...limited, limited: decision.limited, warnings: [...limited.warnings, budgetWarning(decision.limited)] };
}
/** The budget's warning, as the log and the summary say it. */
function budgetWarning(limited) {
    return `Cache budget: ${limited}.`;
}
/**
 * A created builder's BuildKit is known only once it runs: the plan assumed a recent one. Said
 * when it is too old for the Actions cache service v2 the plan uses (its import and export then
 * fail, without failing the build: ignore-error).
 */
function staleBuildkit(plan, reported) {
    const v2 = plan.backend === 'gha' && plan.cacheFrom.some((e) => e.attrs.version === '2');
    const [major = 0, minor = 0] = (reported ?? '').replace(/^v/, '').split('.').map(Number);
    if (!v2 || reported === undefined || reported.includes('0.0.0') || major > 0 || minor >= 20)
        return undefined;
    return `This builder's BuildKit (${reported}) is older than 0.20, which the Actions cache service v2 needs: its gha cache import and export will fail (the build goes on). Use a newer BuildKit image (driver-opts: image=moby/buildkit:buildx-stable-1) or \`cache: local\`.`;
}

;// CONCATENATED MODULE: ./src/plan/setup-plan.ts







/** Plans the set-up, or says why the build cannot run here. */
function planSetup(inputs, given, ctx, env) {
    const { facts, context, append } = given;
    if (inputs.load && (0,inputs_platforms/* multiPlatform */.ZC)(inputs.platforms) && !facts.containerdStore) {
        return {
            ok: false,
            problem: {
                kind: 'input',
                input: 'load',
                value: 'true',
                message: `this engine's classic image store cannot load a multi-platform image (platforms ${inputs.platforms.join(',')}); ` +
                    'build one platform, push instead, or enable the containerd image store ({"features":{"containerd-snapshotter":true}} in daemon.json)',
            },
        };
    }
    const pushed = pushTargets(inputs);
    const request = cacheRequest(inputs, context, ctx);
    // The cache Kiln plans is something this build asks of its builder, like an explicit cache-to.
    const asked = cacheExportAsked(inputs.cache, request, ctx, env, given.health);
    const decision = decideBuilder({ ...inputs, cacheTo: asked }, facts, given.builderName);
    const noEngine = engineProblem(decision, facts);
    if (noEngine)
        return { ok: false, problem: { kind: 'engine', message: noEngine } };
    const remote = ['remote', 'kubernetes'].includes(decision.driver);
    const requested = inputs.setup.qemuPlatforms.length ? inputs.setup.qemuPlatforms : inputs.platforms;
    // Remote nodes emulate on their own hosts; local ones run the engine's platform, appended ones theirs.
    const native = remote ? requested : [facts.platform, ...append.flatMap((n) => n.platforms)];
    const qemu = planQemu(inputs.setup.qemu, requested, native, given.registered);
    if (qemu.error)
        return { ok: false, problem: { kind: 'qemu', ...qemu.error } };
    return {
        ok: true,
        plan: {
            facts,
            pushed,
            decision,
            defaultLoad: defaultLoadOpt(decision, inputs),
            qemu,
            qemuImage: inputs.setup.qemuImage,
            cacheRequest: request,
            // A builder that is used reports no version (setup/builder.ts): its caps are the decision's.
            caps: builderCaps(undefined, decision.driver, facts),
            builderArg: decision.action === 'create' ? decision.name : inputs.builder,
        },
    };
}
/** What the builder's BuildKit speaks: its own version, or for the docker driver the engine's. */
function builderCaps(reported, driver, facts) {
    const known = reported && !reported.includes('0.0.0') ? reported.replace(/^v/, '') : undefined;
    return {
        buildkit: known ?? (driver === 'docker' ? (0,plan_cache/* embeddedBuildkit */.FH)(facts.engineVersion) : undefined),
        cacheExport: driver !== 'docker' || facts.containerdStore,
    };
}
/** Cache mounts persist only where the cache does: through the Actions cache (gha or local). */
function keepsCacheMounts(cache, inputs) {
    return cache.kind === 'managed' && (cache.backend === 'gha' || cache.backend === 'local') && inputs.cache.mounts !== 'none';
}

// EXTERNAL MODULE: ./src/plan/cache-service.ts
var cache_service = __webpack_require__(19203);
// EXTERNAL MODULE: ./src/plan/dockerfile-stages.ts
var dockerfile_stages = __webpack_require__(11649);
;// CONCATENATED MODULE: ./src/setup/buildx-inspect.ts
const field = (block, key) => new RegExp(`^${key}:[ \\t]+(.+)$`, 'm').exec(block)?.[1]?.trim();
/**
 * The text `docker buildx inspect [--bootstrap] NAME` prints (buildx has no JSON form for it):
 * a header (Name, Driver, …), then after `Nodes:` one block per node, each opening with `Name:`.
 */
function parseBuildxInspect(stdout) {
    const [header = '', nodesPart = ''] = stdout.split(/^Nodes:[ \t]*$/m);
    const nodes = nodesPart
        .split(/^(?=Name:)/m)
        .filter((block) => block.startsWith('Name:'))
        .map((block) => ({
        name: field(block, 'Name') ?? '',
        status: field(block, 'Status') ?? '',
        buildkitVersion: field(block, 'BuildKit version')?.split(/\s/)[0],
        platforms: (field(block, 'Platforms') ?? '')
            .split(/,\s*/)
            .filter((p) => p !== '')
            .map((p) => p.replace(/\*$/, '')),
    }));
    return {
        name: field(header, 'Name') ?? '',
        driver: field(header, 'Driver')?.split(/\s/)[0] ?? '',
        buildkitVersion: nodes.find((n) => n.buildkitVersion !== undefined)?.buildkitVersion,
        nodes,
    };
}

// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
;// CONCATENATED MODULE: ./src/setup/builder.ts






/** Node i's client TLS from BUILDER_NODE_<i>_AUTH_TLS_CACERT|CERT|KEY (PEM contents), as files. */
function tlsFromEnv(nodes, env, dir, given) {
    return Array.from({ length: nodes }, (_, i) => {
        const opts = [];
        for (const [part, opt] of [
            ['CACERT', 'cacert'],
            ['CERT', 'cert'],
            ['KEY', 'key'],
        ]) {
            const pem = env[`BUILDER_NODE_${i}_AUTH_TLS_${part}`];
            if (!pem || (given[i] ?? []).some((o) => o.raw.startsWith(`${opt}=`)))
                continue;
            const file = external_node_path_.join(dir, `node${i}-${opt}.pem`);
            (0,external_node_fs_.writeFileSync)(file, pem, { mode: 0o600 });
            opts.push(`${opt}=${file}`);
        }
        return opts;
    });
}
function fix(driver, endpoint, stderr) {
    if (driver !== 'remote' && (0,docker/* couldNotPull */.cx)(stderr)) {
        return 'the BuildKit image could not be pulled: let the runner reach its registry, or use a mirror (driver-opts: image=<your-registry>/moby/buildkit:buildx-stable-1), or use `driver: docker` on an engine with the containerd image store';
    }
    if (driver === 'remote') {
        return `check that buildkitd listens at ${endpoint || 'the endpoint'} and is reachable from the runner; for TLS give cacert, cert and key in driver-opts (or BUILDER_NODE_<i>_AUTH_TLS_*)`;
    }
    return 'see the cause above; `docker buildx create` and `docker buildx inspect --bootstrap` reproduce it';
}
async function removeBuilder(name, keepState, env) {
    const { exitCode, stderr } = await (0,docker/* dockerOutput */.oH)(removeBuilderArgs(name, keepState), env);
    return builderGone(exitCode, stderr) ? undefined : (0,docker/* failureLines */.w7)(stderr);
}
/**
 * Makes the decided builder ready. A new one is created and bootstrapped; `onCreated` records
 * its name before the first command, so the post step removes it whatever happens next. When it
 * cannot start, it is removed at once and the step fails with the cause and the fix.
 */
async function prepareBuilder(decision, setup, append, platforms, tempDir, env, onCreated) {
    if (decision.action === 'use') {
        return { name: decision.name, driver: decision.driver, created: false, ...builderCause(decision), reason: decision.reason, nodes: [] };
    }
    const configFile = setup.buildkitdConfig || (setup.buildkitdConfigInline.trim() ? external_node_path_.join(tempDir, 'buildkitd.toml') : '');
    if (!setup.buildkitdConfig && configFile)
        (0,external_node_fs_.writeFileSync)(configFile, setup.buildkitdConfigInline);
    const given = [setup.driverOpts, ...append.map((n) => n.driverOpts)];
    const commands = createCommands(decision.name, decision.driver, setup, append, configFile, tlsFromEnv(1 + append.length, env, tempDir, given), platforms);
    onCreated(decision.name);
    const fail = async (what, stderr, endpoint) => {
        await removeBuilder(decision.name, false, env);
        throw new Error(`Could not ${what} the ${decision.driver} builder ${decision.name} (created because ${decision.reason}): ${(0,docker/* failureLines */.w7)(stderr)}. Fix: ${fix(decision.driver, endpoint, stderr)}.`);
    };
    for (const [i, args] of commands.entries()) {
        const { exitCode, stderr } = await (0,docker/* dockerOutput */.oH)(args, env);
        if (exitCode !== 0)
            await fail('create', stderr, i === 0 ? setup.endpoint : (append[i - 1]?.endpoint ?? ''));
    }
    const inspect = await (0,docker/* dockerOutput */.oH)(['buildx', 'inspect', '--bootstrap', decision.name], env);
    if (inspect.exitCode !== 0)
        await fail('start', inspect.stderr + inspect.stdout, setup.endpoint);
    const { buildkitVersion, nodes } = parseBuildxInspect(inspect.stdout);
    return {
        name: decision.name,
        driver: decision.driver,
        created: true,
        ...builderCause(decision),
        reason: decision.reason,
        buildkitVersion,
        nodes: nodes.map(({ name, platforms }) => ({ name, platforms })),
    };
}

// EXTERNAL MODULE: ./src/plan/buildx-command.ts
var plan_buildx_command = __webpack_require__(44023);
;// CONCATENATED MODULE: ./src/setup/qemu.ts




const BINFMT = '/proc/sys/fs/binfmt_misc';
/** The QEMU handlers the kernel has enabled (a file per handler, first line `enabled`). */
function registeredHandlers(dir = BINFMT) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir).filter((n) => n.startsWith('qemu-'));
    }
    catch {
        return new Set();
    }
    return new Set(names.filter((n) => {
        try {
            return (0,external_node_fs_.readFileSync)(`${dir}/${n}`, 'utf8').startsWith('enabled');
        }
        catch {
            return false;
        }
    }));
}
/**
 * Registers emulators by running the installer image, as setup-qemu-action does, but only for
 * the handlers that are missing. Its container is removed when it exits (--rm).
 */
async function installEmulators(image, names, env) {
    if (!(0,buildx_command/* dockerCli */.RK)(env)) {
        throw new Error((0,plan_buildx_command/* noDockerCli */.Y5)(`Installing the QEMU emulators ${names.join(', ')} (docker run --privileged ${image})`, 'register the handlers on the runner (apt-get install qemu-user-static, or docker/setup-qemu-action in an earlier step), or put the docker CLI on PATH'));
    }
    const { exitCode, stderr, stdout } = await (0,docker/* dockerOutput */.oH)(['run', '--rm', '--privileged', image, '--install', names.join(',')], env);
    if (exitCode === 0)
        return;
    throw new Error(`Could not install the QEMU emulators ${names.join(', ')} with ${image}: ${(0,docker/* failureLines */.w7)(stderr + stdout)}. Fix: ` +
        ((0,docker/* couldNotPull */.cx)(stderr)
            ? 'the image could not be pulled; point `qemu-image` at a copy the runner can reach (e.g. <your-registry>/tonistiigi/binfmt), or register the handlers on the runner (apt-get install qemu-user-static)'
            : 'the installer needs a privileged container and the binfmt_misc file system; register the handlers on the runner instead (apt-get install qemu-user-static)') +
        '.');
}

;// CONCATENATED MODULE: ./src/setup/apply-setup.ts
// Carries out a SetupPlan (plan/setup-plan.ts), in the order the effects must happen: the temp
// directory and its state first (so the post step removes whatever follows), the cache plan for
// it (pure, from the facts gathered before), the login (the builder's, QEMU's and the base images
// may be on a private registry), emulators before the builder, the builder, then the cache's
// restores. Each step is a function of its own; the log lines about the cache are the report's
// (report/setup-lines.ts).













function once(compute) {
    let value;
    return () => (value ??= { v: compute() }).v;
}
/** The step's temp directory, recorded in state before anything goes into it. */
function startTempDir(ctx, state) {
    const tempDir = makeTempDir(ctx.runnerTemp);
    state.tempDir(tempDir);
    return tempDir;
}
/**
 * Emulators first: a docker-container builder's BuildKit reports the platforms it can run from
 * the handlers present when it starts, so one created before them may not offer them.
 */
async function setUpQemu(plan, env) {
    const { qemu } = plan;
    if (!qemu.install) {
        runner/* info */.pq(`QEMU: ${qemu.reason}`);
        return;
    }
    runner/* info */.pq(`QEMU: installing ${qemu.install.join(', ')} with ${plan.qemuImage} (${qemu.reason})`);
    await installEmulators(plan.qemuImage, qemu.install, env);
    const after = registeredHandlers();
    const still = qemu.handlers.filter((h) => !after.has(h.handler));
    if (still.length) {
        throw new Error(`${plan.qemuImage} ran but ${still.map((h) => h.handler).join(', ')} is still not registered; register it on the runner (apt-get install qemu-user-static)`);
    }
}
/** The Dockerfile, read and parsed once by the first set-up step that needs it (the parser loads only then). */
function dockerfileOnce(context, inputs) {
    if (context.kind !== 'path')
        return undefined;
    return once(async () => (await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(603)]).then(__webpack_require__.bind(__webpack_require__, 30603))).parseDockerfile((0,external_node_fs_.readFileSync)(context.dockerfile, 'utf8'), inputs.buildArgValues));
}
/**
 * `network=host` for a created docker-container builder that would otherwise miss a registry on
 * the runner's loopback. The Dockerfile (for its base images) is read only then.
 */
async function hostNetworkOpt(decision, inputs, pushed, dockerfile) {
    if (!mayNeedHostNetwork(decision, inputs.setup))
        return { opts: [], loopback: [] };
    const bases = dockerfile ? (0,dockerfile_stages/* baseImages */.i)(await dockerfile()) : [];
    const loopback = loopbackRegistries(registryRefs(inputs, pushed, bases));
    if (loopback.length === 0)
        return { opts: [], loopback };
    runner/* info */.pq(`Builder: network=host for ${decision.name}, so it reaches ${loopback.join(', ')} on the runner's loopback (set driver-opts: network=… to choose)`);
    return { opts: [(0,buildx_option/* optionFrom */.iQ)({ network: 'host' })], loopback };
}
/** The decided builder, made ready with the driver-opts Kiln adds (default-load, network=host). */
async function setUpBuilder(plan, inputs, append, made) {
    const { decision } = plan;
    if (plan.defaultLoad.length > 0) {
        runner/* info */.pq(`Builder: default-load=true for ${decision.name}: like the engine's own builder, it puts the image into the engine when the build names no output`);
    }
    const hostNetwork = await hostNetworkOpt(decision, inputs, plan.pushed, made.dockerfile);
    const added = [...plan.defaultLoad, ...hostNetwork.opts];
    const setup = added.length > 0 ? { ...inputs.setup, driverOpts: [...inputs.setup.driverOpts, ...added] } : inputs.setup;
    const builder = await prepareBuilder(decision, setup, append, inputs.platforms, made.tempDir, made.env, (name) => {
        made.state.builder(name, !inputs.setup.cleanup ? 'keep' : inputs.setup.keepState ? 'remove-keep-state' : 'remove');
    });
    runner/* info */.pq(builder.created
        ? `Builder: created ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkitVersion ?? 'unknown'}; ${builder.nodes.map((n) => `${n.name}: ${n.platforms.join(', ')}`).join('; ')}) because ${builder.reason}`
        : `Builder: ${builder.name} (${builder.driver} driver) because ${builder.reason}`);
    return { builder, added: { driverOpts: added.map((o) => o.raw), loopback: hostNetwork.loopback } };
}
/** The cache's restores (the local backend's directory, the cache mounts), run concurrently under one deadline (setup/actions-cache.ts). */
async function restoreCaches(plan, cache, inputs, made) {
    const { tempDir, env, state, dockerfile } = made;
    if (cache.local)
        state.cacheDir(cache.local.dir);
    const cacheBudget = (0,cache_service/* cacheServiceBudget */.Ni)();
    const restoringLocal = cache.local
        ? (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(211), __webpack_require__.e(520), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 60455))).restoreLocalCache({ ...cache.local, tempDir, budget: cacheBudget })
        : Promise.resolve(undefined);
    const mountCache = {
        root: external_node_path_.join(tempDir, 'kiln-mounts'),
        reads: cache.reads,
        write: cache.write,
        builder: plan.builderArg ? ['--builder', plan.builderArg] : [],
        tempDir,
        budget: cacheBudget,
        env,
    };
    const mounts = keepsCacheMounts(cache, inputs) && dockerfile
        ? (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(211), __webpack_require__.e(520), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 60455))).cacheMountsOf(await dockerfile(), inputs.target, Array.isArray(inputs.cache.mounts) ? inputs.cache.mounts : undefined)
        : [];
    if (mounts.length > 0)
        state.mountsDir(mountCache.root);
    const mountsRestored = mounts.length > 0 ? await (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(211), __webpack_require__.e(520), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 60455))).restoreMounts(mounts, mountCache) : new Map();
    return { localRestored: await restoringLocal, mounts, mountCache, mountsRestored, cacheBudget };
}
/** Sets up what the plan decided; everything it creates is recorded in state before it exists. */
async function applySetup(plan, gathered, inputs, append, context, ctx, stepEnv, state) {
    const tempDir = startTempDir(ctx, state);
    // The one cache plan: the login, the build's arguments and the report all read it.
    const cache = planStepCache(inputs.cache, plan.cacheRequest, ctx, stepEnv, { caps: plan.caps, ...gathered }, tempDir);
    // Before the builder: its image, QEMU's and the base images may be on a private registry.
    const login = logIn(inputs, plan.pushed, cache, ctx, stepEnv, tempDir);
    try {
        return await afterLogin(plan, cache, inputs, append, context, { env: { ...stepEnv, ...login.env }, state, tempDir, login });
    }
    catch (error) {
        // The credentials go with the failure; the post step removes the temp dir again.
        forgetLogin(login);
        throw error;
    }
}
async function afterLogin(plan, cache, inputs, append, context, made) {
    const { env, state, tempDir, login } = made;
    await setUpQemu(plan, env);
    const dockerfile = dockerfileOnce(context, inputs);
    const { builder, added } = await setUpBuilder(plan, inputs, append, { tempDir, env, state, dockerfile });
    // A created builder's BuildKit is known only now; the plan assumed a recent one.
    const stale = builder.created ? staleBuildkit(cache, builder.buildkitVersion) : undefined;
    if (stale)
        runner/* warning */.$e(stale);
    const restored = await restoreCaches(plan, cache, inputs, { tempDir, env, state, dockerfile });
    return {
        tempDir,
        facts: plan.facts,
        decision: plan.decision,
        builder,
        added,
        caps: plan.caps,
        defaultLoad: plan.defaultLoad.length > 0,
        builderArg: plan.builderArg,
        qemu: plan.qemu,
        cache,
        ...restored,
        login: login.plan,
        loginDir: login.dir,
        env,
    };
}

;// CONCATENATED MODULE: ./src/setup/cache-facts.ts


async function probe(env) {
    const service = (0,plan_cache/* actionsCacheService */.ZY)(env);
    if (!service)
        return {};
    const { probeCacheService } = await __webpack_require__.e(/* import() */ 254).then(__webpack_require__.bind(__webpack_require__, 13254));
    return probeCacheService(service, env.ACTIONS_RUNTIME_TOKEN ?? '');
}
async function gatherCacheFacts(inputs, request, ctx, env) {
    const health = mayUseActionsCache(inputs.cache, request, env) ? probe(env) : Promise.resolve({});
    const usage = mayWriteActionsCache(inputs.cache, request, ctx, env, inputs.githubToken)
        ? __webpack_require__.e(/* import() */ 793).then(__webpack_require__.bind(__webpack_require__, 18793)).then((m) => m.cacheUsage(ctx.repository, inputs.githubToken, env))
        : Promise.resolve(undefined);
    const [h, u] = await Promise.all([health, usage]);
    return u ? { health: h, usage: u } : { health: h };
}

;// CONCATENATED MODULE: ./src/setup/prepare.ts










/** Why the build cannot run here, as the error the step fails with (an input's as an InputError). */
function setupError(problem) {
    return problem.kind === 'input' ? new inputs_errors/* InputError */.dz(problem.input, problem.value, problem.message) : new Error(problem.message);
}
/**
 * Gathers the facts first (the engine's answer, asked once; the Actions cache service's health
 * and the repository's cache usage, side by side), plans the builder, emulators and cache from
 * them, fails before anything is set up when the build cannot work (plan/setup-plan.ts), then
 * sets up only what is missing (setup/apply-setup.ts).
 */
async function prepare(inputs, append, context, ctx, env, asked, state) {
    const [facts, gathered] = await Promise.all([asked, gatherCacheFacts(inputs, cacheRequest(inputs, context, ctx), ctx, env)]);
    const planned = planSetup(inputs, {
        facts,
        registered: registeredHandlers(),
        append,
        context,
        builderName: builderName(ctx.runId, ctx.runAttempt, env.GITHUB_JOB ?? '', ctx.action, (0,external_node_crypto_.randomBytes)(4).toString('hex')),
        health: gathered.health,
    }, ctx, env);
    if (!planned.ok)
        throw setupError(planned.problem);
    return applySetup(planned.plan, gathered, inputs, append, context, ctx, env, state);
}
/** After a successful build: saves what the cache backends and mounts carry to the next run. */
async function persistCache(prepared, ranSteps) {
    const { cache, mounts, mountCache, mountsRestored, tempDir, localRestored, cacheBudget } = prepared;
    // Saves run concurrently, under one deadline (setup/actions-cache.ts).
    const savingMounts = mounts.length > 0 ? (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(211), __webpack_require__.e(520), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 60455))).saveMounts(mounts, mountsRestored, mountCache) : undefined;
    const saveLocal = async () => {
        if (!cache.local?.saveKeyPrefix)
            return;
        // Every step came from the cache: the directory holds nothing new worth an upload.
        if (!ranSteps && localRestored) {
            runner/* info */.pq(`Cache: every step came from ${localRestored}; not saved again`);
            return;
        }
        await (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(211), __webpack_require__.e(520), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 60455))).saveLocalCache({ ...cache.local, tempDir, budget: cacheBudget }, localRestored);
    };
    await Promise.all([savingMounts, saveLocal()]);
}
/**
 * `fan-out: merge`'s set-up, the same steps as a build's: the temp dir recorded in state first,
 * then the login for the repositories it tags (`pushed`). A merge reads and writes no cache.
 */
function prepareMerge(inputs, pushed, ctx, env, state) {
    const tempDir = startTempDir(ctx, state);
    const login = logIn(inputs, pushed, { cacheFrom: [], cacheTo: [] }, ctx, env, tempDir);
    return Promise.resolve({ tempDir, env: { ...env, ...login.env }, loginDir: login.dir });
}

;// CONCATENATED MODULE: ./src/phases/report.ts
// The pipeline's last phase: what the build made, said in the annotations, the outputs and the
// summary; the cache saved for the next run; the build record uploaded when asked; then signing.
// A build that failed is reported here too, and fails the step.













async function reportStep(planned, setUp, built, deps) {
    const { inputs, context, ctx, leg, fanOut, metadata, asked } = planned;
    const { prepared } = setUp;
    const { plan, run, env } = built;
    const { io: core, clock } = deps;
    if (run.cancelled) {
        process.exitCode = 1;
        return;
    }
    // The last run's log (a push retry prints the whole build again, every step cached).
    const { log, exportStopped } = run;
    const steps = log.steps();
    const checks = annotateChecks(core, log, context, ctx.workspace, inputs.report.checkAnnotations);
    // The platform of steps that name none, for the timeline and the `cache` output.
    const stepsPlatform = (0,cache_output/* defaultPlatform */.nx)(planned.build.platforms, (await asked).platform);
    const frame = {
        enabled: inputs.summary,
        prepared,
        platform: stepsPlatform,
        tags: inputs.tags,
        tagRules: metadata?.ruleOf,
        steps,
        checks,
        secrets: plan.masks,
        buildArgs: inputs.buildArgValues,
        seconds: clock.elapsed,
    };
    if (run.exitCode !== 0 && !exportStopped) {
        const failure = annotateFailure(core, log, { context, workspace: ctx.workspace, login: prepared.login, masks: plan.masks });
        appendStepSummary(core, frame, { ok: false, failure });
        await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
        process.exitCode = 1;
        return;
    }
    const { less } = built;
    const cacheFound = [...reportCacheFailures(core, log, exportStopped), ...(less.limited ? [`wrote less: ${less.limited}`] : [])];
    const hits = (0,report_steps/* cacheHits */.TM)(steps);
    // What the cache exports cost (issue 19), read beside the miss explanation.
    const spending = cacheSpend({ steps, exportStopped, cache: prepared.cache, retriedEntries: less.entriesWritten, localBefore: built.localBefore, env });
    // Why did the cache miss: before persistCache, as the local backend's directory carries the fingerprint.
    const why = prepared.cache.kind === 'managed' ? await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(501), __webpack_require__.e(158)]).then(__webpack_require__.bind(__webpack_require__, 58158)) : undefined;
    const failed = log.cacheFailures();
    const missed = await why?.explainCacheMiss({
        ...fingerprintSubject(prepared, context, inputs),
        steps,
        // The platform the `cache` output counts steps that name none for.
        platform: stepsPlatform,
        env,
        reuse: built.reuse,
        exported: !exportStopped && failed.exports.length === 0,
        importProblems: failed.imports.length + log.cacheImportsNotFound().length,
    });
    if (!exportStopped)
        await persistCache(prepared, hits.cached < hits.total);
    const spend = await spending;
    // A fan-out leg records its push and assembles the image when it is complete; any other build reads its result back.
    const result = leg && fanOut
        ? await fanOut.finishLeg(leg, inputs, plan.metadataFile, ctx, env, { seconds: clock.elapsed(), emulated: prepared.qemu.emulated }, core)
        : await deps.engine.collect(plan, inputs.tags, (await asked).platform, env, built.push.lookup());
    (0,outputs.setOutputs)(core.setOutput, result, {
        builder: prepared.builder.name,
        qemuPlatforms: prepared.qemu.emulated,
        cacheHitRatio: hits.ratio,
        cache: (0,cache_output/* cacheOutput */.Yp)(prepared.cache, steps, stepsPlatform, { misses: missed?.misses, limited: less.limited, ...spend }),
        seconds: clock.elapsed(),
        labels: inputs.labels.map((l) => l.raw),
        version: metadata?.version,
    });
    const readBack = (0,outputs/* readBackNotes */.$G)(result);
    if (readBack.info)
        core.info(readBack.info);
    if (readBack.warning)
        core.warning(readBack.warning, { title: 'Registry read-back failed' });
    // A fan-out leg that does not assemble writes no tag: its summary lists the tags the result has.
    appendStepSummary(core, frame, { ok: true, manifest: result.manifest, warnings: readBack.warning ? [readBack.warning] : [], cacheSpend: spend }, result.tags, cacheFound);
    if (missed?.summary && inputs.summary)
        core.appendSummary(missed.summary);
    const { before } = built;
    const unchanged = before && (await __webpack_require__.e(/* import() */ 7).then(__webpack_require__.bind(__webpack_require__, 30007))).unchangedLine(plan.pushed[0] ?? '', before, result.manifest);
    if (unchanged)
        core.info(unchanged);
    if (unchanged && inputs.summary)
        core.appendSummary(`${unchanged}\n`);
    const retried = retriesLine(run);
    if (retried)
        core.info(retried);
    if (retried && inputs.summary)
        core.appendSummary(`${retried}\n`);
    await uploadRecordIfAsked(inputs.report, plan.metadataFile, ctx.repository, prepared.tempDir, env);
    // Signing (issue 17), once everything else is reported; src/sign loads sigstore only when it signs.
    await (await __webpack_require__.e(/* import() */ 484).then(__webpack_require__.bind(__webpack_require__, 54484))).signAfterPush({
        inputs,
        ctx,
        env: (0,step_env/* withOidcRequest */.n3)(env, deps.stepEnv),
        io: core,
        pushed: plan.pushed,
        masks: plan.masks,
        tempDir: prepared.tempDir,
        metadataText: result.metadata.text,
        images: result.signing ?? [{ manifest: result.manifest, digest: result.digest, which: { top: true, platforms: true } }],
        context: contextArgument(context),
    });
}

;// CONCATENATED MODULE: ./src/report/setup-lines.ts
// What the set-up decided and obtained, as the log says it: the cache line, the cache's warnings,
// and the one debug line of JSON that tests and tools read.



/** The set-up's decisions as one line of JSON for the debug log: what tests and tools read. */
function setupDecisions(plan, obtained, cache, context) {
    const shown = (0,cache_shown/* cacheShown */.C)(cache);
    return JSON.stringify({
        builder: {
            name: obtained.name,
            driver: obtained.driver,
            created: obtained.created,
            buildkit: obtained.buildkit,
            nodes: obtained.nodes,
            action: plan.decision.action,
            engineStore: plan.facts.containerdStore ? 'containerd' : 'classic',
            ...builderCause(obtained),
            addedDriverOpts: obtained.addedDriverOpts,
            loopback: obtained.loopback,
            reason: obtained.reason,
        },
        qemu: {
            emulated: plan.qemu.emulated,
            install: plan.qemu.install ?? [],
            because: plan.qemu.because,
            registered: [...new Set(plan.qemu.handlers.filter((h) => h.present).map((h) => h.handler))],
            missing: [...new Set(plan.qemu.handlers.filter((h) => !h.present).map((h) => h.handler))],
            noEmulator: plan.qemu.noEmulator,
            reason: plan.qemu.reason,
        },
        // mode is Kiln's choice only for its own scopes: a user's entries carry their own.
        cache: {
            kind: cache.kind,
            backend: cache.backend,
            reason: cache.reason,
            because: cache.because,
            reads: shown.reads,
            written: shown.written,
            ...(cache.kind === 'managed' ? { mode: cache.mode } : {}),
        },
        context,
    });
}
/** The cache line of the log: the backend and why, what the build reads and what it writes. */
function cacheLine(cache) {
    const shown = (0,cache_shown/* cacheShown */.C)(cache);
    const writes = cache.write
        ? `; writes ${cache.write} (mode=${cache.mode})`
        : shown.written.length
            ? `; writes ${shown.written.join(', ')}`
            : cache.kind !== 'none'
                ? '; writes nothing'
                : '';
    return `Cache: ${cache.backend} (${[cache.reason, cache.why].filter(Boolean).join('; ')})${shown.reads.length ? `; reads ${shown.reads.join(', ')}` : ''}${writes}`;
}
/** The set-up as the log says it: its cache, the cache's warnings (the budget's titled), and the debug line. */
function logSetup(io, decided, obtained, cache, context) {
    io.info(cacheLine(cache));
    const budget = cache.limited === undefined ? undefined : budgetWarning(cache.limited);
    cache.warnings.forEach((w) => {
        io.warning(w, w === budget ? { title: 'Cache budget' } : {});
    });
    io.debug(`Kiln set-up: ${setupDecisions(decided, obtained, cache, context)}`);
}

;// CONCATENATED MODULE: ./src/phases/set-up.ts
// The pipeline's third phase: the builder, QEMU, login and cache, set up from the facts
// (setup/prepare.ts), and said in the log (report/setup-lines.ts).


async function setUpStep(planned, deps) {
    const { inputs, context, ctx, asked } = planned;
    const state = stateWriter(deps.io.saveState);
    const prepared = await deps.engine.prepare(planned.setup, inputs.setup.append, context, ctx, deps.env, asked, state);
    const { builder, added } = prepared;
    logSetup(deps.io, prepared, { ...builder, buildkit: builder.buildkitVersion, addedDriverOpts: added.driverOpts, loopback: added.loopback }, prepared.cache, context);
    return { prepared, state };
}

;// CONCATENATED MODULE: ./src/setup/engine-facts.ts









// The engine reports `uname -m` names: inputs/platforms.ts maps them with its one table.

function readJson(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
}
/**
 * The engine this step talks to, by one request on its socket (no process), or by `docker info`
 * when the CLI is pointed elsewhere (a docker context or a TCP/SSH DOCKER_HOST).
 */
async function engineInfo(env, early) {
    const config = readJson(external_node_path_.join((0,docker_config/* dockerConfigDir */.k)(env, external_node_os_.homedir), 'config.json'));
    const context = env.DOCKER_CONTEXT ?? config?.currentContext ?? 'default';
    const socket = context === 'default' ? (0,engine_api/* engineSocket */.I6)(env) : undefined;
    const info = socket ? await (early?.socket === socket ? early.info : (0,engine_api/* engineGet */.dA)(socket, '/info')) : undefined;
    if (info)
        return info;
    // A standalone buildx with a remote BuildKit needs no engine at all: say so only if one is needed.
    if (!(0,buildx_command/* dockerCli */.RK)(env)) {
        return {
            unreachable: socket
                ? `no Docker engine answers on ${socket}`
                : `the engine of docker context "${context}" or DOCKER_HOST ${env.DOCKER_HOST ?? ''} cannot be asked without the docker CLI`,
        };
    }
    const { stdout, exitCode, stderr } = await (0,docker/* dockerOutput */.oH)(['info', '--format', '{{json .}}'], env);
    if (exitCode !== 0)
        throw new Error(`Cannot reach the Docker engine (docker info: ${stderr.trim() || `exit code ${exitCode}`}); is dockerd running and DOCKER_HOST right?`);
    return JSON.parse(stdout);
}
/**
 * The builder buildx uses when none is named: BUILDX_BUILDER, else what `docker buildx use` saved,
 * else the default builder, the engine's own BuildKit (docker driver). Only a named builder needs
 * a `buildx inspect` process to learn its driver and platforms.
 */
async function currentBuilder(env) {
    const saved = readJson(external_node_path_.join((0,docker_config/* buildxConfigDir */.i)(env, external_node_os_.homedir), 'current'));
    const name = env.BUILDX_BUILDER ?? saved?.Name ?? '';
    if (name === '' || name === 'default')
        return { name: 'default', driver: 'docker', platforms: [] };
    const { stdout, exitCode } = await (0,docker/* dockerOutput */.oH)(['buildx', 'inspect', name], env);
    if (exitCode !== 0)
        return { name: 'default', driver: 'docker', platforms: [] };
    const { driver, nodes } = parseBuildxInspect(stdout);
    return { name, driver: driver || 'unknown', platforms: nodes.flatMap((n) => n.platforms) };
}
/** Everything Kiln asks the engine about the builder, asked once (`early`: GET /info already on its way, src/index.ts). */
async function engineFacts(env, early) {
    const [info, current] = await Promise.all([engineInfo(env, early), currentBuilder(env)]);
    if ('unreachable' in info)
        return { platform: (0,inputs_platforms/* platformOfMachine */.qy)((0,external_node_os_.machine)()), containerdStore: false, engineVersion: '', current, unreachable: info.unreachable };
    return {
        platform: (0,inputs_platforms/* platformOfMachine */.qy)(info.Architecture ?? 'x86_64'),
        containerdStore: (info.DriverStatus ?? []).some(([key, value]) => key === 'driver-type' && value.includes('io.containerd.snapshotter')),
        engineVersion: info.ServerVersion ?? '',
        current,
    };
}

;// CONCATENATED MODULE: ./src/main.ts













/** The real engine, runner and clock, over the environment the entry point took (src/step-env.ts). */
function actionDeps(taken, early) {
    return {
        env: taken.children,
        stepEnv: taken.step,
        cwd: process.cwd(),
        io: (0,runner/* runnerIo */.Np)(taken.step),
        engine: { facts: (env) => engineFacts(env, early), prepare: prepare, prepareMerge: prepareMerge, build: runGuardedBuild, collect: collectResult },
        clock: { now: () => new Date(), elapsed },
    };
}
/**
 * The main step: read inputs → plan → set up → build → report; the post step cleans up
 * (src/post.ts). A failure becomes annotations and a non-zero exit code, never a throw.
 */
async function run(deps) {
    const core = deps.io;
    try {
        await runSteps(deps);
    }
    catch (error) {
        const invalid = error instanceof inputs_errors/* InputErrors */.G ? error.errors : error instanceof inputs_errors/* InputError */.dz ? [error] : [];
        if (invalid.length === 0) {
            core.setFailed(error instanceof Error ? error.message : String(error));
            return;
        }
        for (const e of invalid)
            core.error(e.message, { title: (0,inputs_errors/* errorTitle */.JU)(e) });
        process.exitCode = 1;
    }
}
/** The pipeline: each phase (src/phases/) takes what the one before it returned. */
async function runSteps(deps) {
    const read = await readStep(deps);
    // `fan-out: merge` builds nothing: it assembles the legs' records (fanout/leg.ts).
    if (read.inputs.fanOut.mode === 'merge')
        return mergeStep(read, deps);
    const planned = await planStep(read, deps);
    const setUp = await setUpStep(planned, deps);
    try {
        const built = await buildStep(planned, setUp, deps);
        await reportStep(planned, setUp, built, deps);
    }
    finally {
        // The credentials go as soon as the step's docker work ends, however it ends.
        forgetLogin({ dir: setUp.prepared.loginDir });
    }
}
/** Seconds since the step's process started. */
function elapsed() {
    return Math.round(performance.now()) / 1000;
}

;// CONCATENATED MODULE: ./src/post-skip.ts
// The runner starts the post step after every Kiln step, and a Node start is about a tenth of a
// second of CPU, while on the common path (the engine's own builder, no local cache) the post step
// has nothing to do but delete the step's temp directory. So, once the main step has ended, it
// deletes what it left itself and then names its step in POST_DONE_VARIABLE (GITHUB_ENV):
// action.yml's `post-if` reads it, and the runner does not start the post step at all. What needs
// a process (a builder to remove) or a check at the end of the job (a build still running) stays
// with the post step, which then runs as before. The order matters: a main step stopped between
// the two leaves the variable unset, and the post step runs.





/** The runner's I/O with every saveState also kept here, as the post step would get it (`STATE_<key>`). */
function recordingState(io) {
    const saved = {};
    return {
        saved,
        io: {
            ...io,
            saveState: (name, value) => {
                io.saveState(name, value);
                saved[`STATE_${name}`] = value;
            },
        },
    };
}
/** Whether the post step's work is only deleting directories (pure, but for asking whether a process group still runs). */
function onlyDirectoriesLeft(state, groupAlive) {
    if (builderRemovalArgs(state.builder))
        return false;
    return state.buildxGroup === undefined || !groupAlive(state.buildxGroup);
}
/** The real file system, process table and GITHUB_ENV of the step `env`. */
function postSkipDeps(env) {
    return {
        removeDir: (dir) => {
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        },
        groupAlive: (pgid) => signalGroup(pgid, 0),
        exportVariable: (name, value) => {
            const file = env.GITHUB_ENV;
            if (!file)
                return false;
            (0,external_node_fs_.appendFileSync)(file, (0,runner/* fileCommandEntry */.ak)(name, value), 'utf8');
            return true;
        },
    };
}
/**
 * At the end of the main step, however it ended: the post step's clean-up done here when it is
 * only deleting directories, then the step named in POST_DONE_VARIABLE. True when the post step
 * has nothing left to do. Never throws: whatever fails here, the post step does.
 */
function finishPostWork(saved, stepEnv, deps) {
    const action = stepEnv.GITHUB_ACTION;
    if (!action)
        return false;
    try {
        const state = readStepState(saved);
        if (!onlyDirectoriesLeft(state, deps.groupAlive))
            return false;
        for (const dir of stepDirs(state))
            deps.removeDir(dir);
        return deps.exportVariable(POST_DONE_VARIABLE, action);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/main-entry.ts
// What src/index.ts loads once the engine has been asked: the whole main step, as one chunk.




/***/ }),

/***/ 44023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GB: () => (/* binding */ pluginDirs),
/* harmony export */   Qn: () => (/* binding */ chooseBuildx),
/* harmony export */   Y5: () => (/* binding */ noDockerCli),
/* harmony export */   tl: () => (/* binding */ NO_BUILDX)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * `docker buildx` when the CLI has the plugin, else a standalone `buildx`; a docker CLI whose
 * plugin sits somewhere Kiln does not look still gets its chance (docker itself then says what
 * is missing). Undefined when neither exists.
 */
function chooseBuildx(found) {
    if (found.docker && (found.plugin || !found.standalone))
        return { file: found.docker, prefix: ['buildx'], shown: 'docker buildx' };
    if (found.standalone)
        return { file: found.standalone, prefix: [], shown: 'buildx' };
    return undefined;
}
/**
 * Where the docker CLI looks for plugins, in its order: the user's config directory, the
 * config's `cliPluginsExtraDirs`, then the system directories (docker/cli's manager_unix.go).
 */
function pluginDirs(configDir, extraDirs = []) {
    return [
        node_path__WEBPACK_IMPORTED_MODULE_0__.join(configDir, 'cli-plugins'),
        ...extraDirs,
        '/usr/local/lib/docker/cli-plugins',
        '/usr/local/libexec/docker/cli-plugins',
        '/usr/lib/docker/cli-plugins',
        '/usr/libexec/docker/cli-plugins',
    ];
}
/** What a step must say when it needs the docker CLI itself (not buildx) and there is none. */
function noDockerCli(what, fix) {
    return `${what} needs the docker CLI, and there is no \`docker\` on PATH (buildx runs standalone here). Fix: ${fix}.`;
}
const NO_BUILDX = 'Neither `docker buildx` nor a standalone `buildx` is on PATH: install the docker CLI with its buildx plugin, or put a buildx binary on PATH (docker/setup-buildx-action with standalone: true does)';


/***/ }),

/***/ 4659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec: () => (/* binding */ budgetDecision),
/* harmony export */   g6: () => (/* binding */ applyBudget),
/* harmony export */   wR: () => (/* binding */ usageFromApi)
/* harmony export */ });
/* unused harmony export CACHE_BUDGET */
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66243);
// What the Actions cache may cost: the repository's usage against its limit decides whether this
// build writes as planned, writes less (mode=min) or nothing. Pure: the usage is fetched by
// setup/cache-usage.ts.

const GB = 1024 ** 3;
const CACHE_BUDGET = {
    /** GitHub's Actions cache per repository, unless an admin pays for more. */
    limitBytes: 10 * GB,
    /** Writes stop above this part of the limit: eviction is hourly, and evicts the default branch too. */
    stopAt: 0.9,
    /** A write may add up to this part of the limit: nearer than that to stopAt, a build writes mode=min. */
    writeShare: 0.1,
    /** A pull request's build may add at most this part of the limit, and only while that fits under stopAt. */
    pullRequestShare: 0.05,
};
const gb = (bytes) => `${(bytes / GB).toFixed(1)} GB`;
/**
 * How much this build may write to the Actions cache. A pull request writes nothing when its share
 * would take the repository over stopAt; any other build writes nothing over stopAt and mode=min
 * when a full write (writeShare) would cross it.
 */
function budgetDecision(usage, pullRequest) {
    const stop = usage.limitBytes * CACHE_BUDGET.stopAt;
    const held = `the repository's Actions cache holds ${gb(usage.bytes)} of its ${gb(usage.limitBytes)}`;
    if (usage.bytes >= stop)
        return { write: 'nothing', limited: `${held} (${Math.round(CACHE_BUDGET.stopAt * 100)}% or more): nothing written` };
    if (pullRequest) {
        const share = usage.limitBytes * CACHE_BUDGET.pullRequestShare;
        if (usage.bytes + share > stop) {
            return {
                write: 'nothing',
                limited: `${held}: a pull request's share (${gb(share)}) would take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this pull request writes nothing`,
            };
        }
        return { write: 'as-planned' };
    }
    if (usage.bytes + usage.limitBytes * CACHE_BUDGET.writeShare > stop) {
        return { write: 'min', limited: `${held}: a full write could take it over ${Math.round(CACHE_BUDGET.stopAt * 100)}%, so this build writes mode=min` };
    }
    return { write: 'as-planned' };
}
/** The plan this decision leaves: the same, its exports at mode=min, or nothing written anywhere. */
function applyBudget(plan, decision) {
    if (decision.write === 'as-planned' || plan.kind !== 'managed' || plan.write === undefined)
        return plan;
    if (decision.write === 'min') {
        return { ...plan, mode: 'min', cacheTo: plan.cacheTo.map((entry) => (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ ...entry.attrs, mode: 'min' })) };
    }
    return {
        ...plan,
        write: undefined,
        cacheTo: [],
        ...(plan.local ? { local: { ...plan.local, saveKeyPrefix: undefined } } : {}),
    };
}
/** The cache usage API's answer (`GET /repos/{owner}/{repo}/actions/cache/usage`), read defensively. */
function usageFromApi(body, limitBytes = CACHE_BUDGET.limitBytes) {
    const bytes = body?.active_caches_size_in_bytes;
    return typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? { bytes, limitBytes } : undefined;
}


/***/ }),

/***/ 19203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EJ: () => (/* binding */ probeProblem),
/* harmony export */   KV: () => (/* binding */ CACHE_SERVICE_LIMITS),
/* harmony export */   Ni: () => (/* binding */ cacheServiceBudget),
/* harmony export */   QE: () => (/* binding */ ghaExportTimeout),
/* harmony export */   jV: () => (/* binding */ tokenProblem)
/* harmony export */ });
/* unused harmony export ServiceBudget */
// Decisions about the Actions cache service that need no network: whether its token can work,
// what one probe's answer means, and how long Kiln waits for it. A cache is an optimisation: a
// service that is broken, slow or refuses the token must cost a build seconds, not minutes.
/** How long Kiln waits for the service, in milliseconds, and BuildKit's own gha `timeout`s. */
const CACHE_SERVICE_LIMITS = {
    /** One lookup before choosing a backend that needs the service. */
    probeMs: 3_000,
    /** Every restore of the step (cache mounts, the local directory), together, concurrently. */
    restoreMs: 10_000,
    /** Every save of the step, together, concurrently. */
    saveMs: 30_000,
    /** BuildKit's gha import (`cache-from`); its default is 10 minutes per import. */
    importTimeout: '30s',
};
/**
 * BuildKit's gha `timeout` for an export (`cache-to`): how long it retries one request before the
 * export fails, which ignore-error=true turns into a build without that cache. BuildKit retries
 * only a 429 (the service refusing new entries for their rate), with doubling waits up to 90 s,
 * never reading Retry-After, for 10 minutes by default. Half of cache-export-timeout, at most 5
 * minutes: BuildKit must give up before Kiln's own deadline stops the export (build/guarded-build.ts),
 * so the build succeeds and Kiln can write less (plan/cache-rate-limit.ts). GitHub's window is
 * one minute: the default (150 s) outlasts it.
 */
function ghaExportTimeout(exportTimeoutSeconds) {
    if (exportTimeoutSeconds <= 0 || exportTimeoutSeconds >= 600)
        return '5m';
    return `${Math.max(1, Math.floor(exportTimeoutSeconds / 2))}s`;
}
function decodeSegment(segment) {
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment))
        return undefined;
    try {
        return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/**
 * Why BuildKit cannot use this runtime token, or undefined when it can. BuildKit parses it as a
 * JWT (signature unchecked) and reads its cache scopes from the `ac` claim: a token that is not
 * one (`ACTIONS_RUNTIME_TOKEN=dummy`, as act and local cache servers set it) fails every build
 * with "token is malformed". `now` is in seconds since the epoch.
 */
function tokenProblem(token, now) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return `its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, a JWT has 3)`;
    const header = decodeSegment(parts[0] ?? '');
    const payload = decodeSegment(parts[1] ?? '');
    if (typeof header !== 'object' || header === null || typeof header.alg !== 'string') {
        return 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (the header is not base64url JSON with an `alg`)';
    }
    if (typeof payload !== 'object' || payload === null)
        return 'its token (ACTIONS_RUNTIME_TOKEN) is not a JWT (the claims are not base64url JSON)';
    const { exp, ac } = payload;
    if (typeof exp === 'number' && exp <= now)
        return `its token (ACTIONS_RUNTIME_TOKEN) expired at ${new Date(exp * 1000).toISOString()}`;
    if (ac !== undefined) {
        let scopes;
        try {
            scopes = typeof ac === 'string' ? JSON.parse(ac) : undefined;
        }
        catch {
            scopes = undefined;
        }
        if (!Array.isArray(scopes))
            return 'its token (ACTIONS_RUNTIME_TOKEN) has an `ac` claim that is not a JSON list of cache scopes';
    }
    return undefined;
}
/**
 * Why the service is not usable, from one lookup of a key that does not exist; undefined when it
 * answered as a working service does (v2: 200 with ok:false; v1: 204 or 200).
 */
function probeProblem(outcome, deadlineMs) {
    if ('failed' in outcome) {
        return outcome.failed === 'timeout' ? `did not answer within ${deadlineMs / 1000} s` : `could not be reached (${outcome.message})`;
    }
    const { status } = outcome;
    if (status >= 200 && status < 300)
        return undefined;
    if (status === 401 || status === 403)
        return `refused the token (HTTP ${status})`;
    if (status === 429)
        return 'is rate-limiting this runner (HTTP 429)';
    if (status >= 500)
        return `is failing (HTTP ${status})`;
    return `answered a cache lookup with HTTP ${status}`;
}
/**
 * A deadline shared by concurrent operations: each waits at most what is left of it. Given up
 * once, it stays given up: after the first clear failure the service is not asked again.
 */
class ServiceBudget {
    limits;
    ends = new Map();
    problem;
    constructor(limits) {
        this.limits = limits;
    }
    /** Milliseconds left of the phase's budget, starting it on first use. */
    left(phase, now) {
        const limit = this.limits[phase] ?? 0;
        const end = this.ends.get(phase) ?? now + limit;
        this.ends.set(phase, end);
        return Math.max(0, end - now);
    }
    /** Records the first failure; returns true when it is the first (the one to warn about). */
    giveUp(problem) {
        if (this.problem !== undefined)
            return false;
        this.problem = problem;
        return true;
    }
}
/**
 * Every restore of a step shares one deadline, every save another; after the first clear failure
 * (a deadline passed, an error thrown) the service is not asked again in this step. @actions/cache
 * has no deadline of its own (its lookups retry 5xx answers for ~20 s, and a service that accepts
 * connections but never answers holds it forever): what runs past the deadline is abandoned, and
 * the main step exits when it is done (src/index.ts) instead of waiting for it. The budget is the
 * step's (Prepared.cacheBudget), made once per step.
 */
function cacheServiceBudget() {
    return new ServiceBudget({ restore: CACHE_SERVICE_LIMITS.restoreMs, save: CACHE_SERVICE_LIMITS.saveMs });
}


/***/ }),

/***/ 70769:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ embeddedBuildkit),
/* harmony export */   O5: () => (/* binding */ eventScopes),
/* harmony export */   ZY: () => (/* binding */ actionsCacheService),
/* harmony export */   _s: () => (/* binding */ planCache)
/* harmony export */ });
/* unused harmony exports imageScope, WRITING_EVENTS, exportDefaults, onGhes */
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66243);
/* harmony import */ var _inputs_platforms_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69625);
/* harmony import */ var _cache_service_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19203);
/* harmony import */ var _image_ref_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(68646);




/** Docker Engine release → the BuildKit it embeds (the docker driver's BuildKit). */
function embeddedBuildkit(engineVersion) {
    const [major = 0, minor = 0] = engineVersion.split('.').map((n) => parseInt(n, 10));
    if (major >= 29)
        return '0.26.0';
    if (major === 28)
        return `0.${20 + Math.min(minor, 5)}.0`;
    if (major === 27)
        return minor >= 3 ? '0.16.0' : '0.15.0';
    if (major === 26)
        return '0.13.0';
    if (major === 25)
        return '0.12.0';
    if (major >= 23)
        return '0.11.0';
    return undefined;
}
function atLeast(version, min) {
    if (version === undefined)
        return true;
    const [maj = 0, min2 = 0] = version
        .replace(/^v/, '')
        .split('.')
        .map((n) => parseInt(n, 10));
    return maj > min[0] || (maj === min[0] && min2 >= min[1]);
}
// Scopes become cache keys and directory names: no leading or trailing dots (a Dockerfile outside
// the workspace would start with `..-..-`).
const clean = (s) => s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
/** The image a build is cached under: cache-scope, else the first tag's repository, else the Dockerfile (and target). */
function imageScope(cache, request) {
    if (cache.scope !== '')
        return clean(cache.scope);
    const tag = request.tags[0];
    if (tag !== undefined)
        return clean((0,_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .repositoryPath */ .SH)(tag));
    return clean([request.dockerfile || 'Dockerfile', request.target].filter(Boolean).join('-'));
}
/**
 * The events whose runs act for the repository itself: the only ones that write the cache (with
 * same-repository pull requests, in their own scope), unless `cache-write: true`. An allowlist:
 * an event GitHub adds later writes nothing until it is judged.
 */
const WRITING_EVENTS = ['push', 'schedule', 'workflow_dispatch', 'merge_group'];
/**
 * Which branch scopes a run reads and writes, from the event: a push to B reads B then the
 * default branch and writes B; a same-repository PR reads itself, its base, the default branch,
 * and writes only itself; a fork PR (and pull_request_target, which runs untrusted code with a
 * write token) writes nothing; tags and releases read the default branch and write nothing. Only
 * WRITING_EVENTS (and same-repository PRs) write: every other event reads and writes nothing.
 */
function eventScopes(ctx, write) {
    const payload = ctx.payload;
    const main = payload.repository?.default_branch ?? 'main';
    const list = (branches) => [...new Set(branches)].join(', ');
    /** The why is told from the final reads and write, so cache-write can never contradict it. */
    const decide = (label, rule, reads, writes, options = {}) => {
        const w = write === 'false' ? undefined : write === 'true' ? (writes ?? reads[0] ?? main) : writes;
        const told = w === undefined
            ? `writes nothing${write === 'false' && writes ? ' (cache-write: false)' : ''}`
            : `writes ${w}${write === 'true' && !writes ? ' (cache-write: true)' : options.only ? ' only' : ''}`;
        const overridden = write === 'false' && writes ? 'cache-write-false' : write === 'true' && !writes ? 'cache-write-true' : rule;
        return {
            reads: [...new Set(reads.map(clean))],
            write: w === undefined ? undefined : clean(w),
            defaultBranch: options.isDefault ?? false,
            why: `${label}: reads ${list(reads)}, ${told}${options.note ?? ''}`,
            rule: overridden,
        };
    };
    if (ctx.eventName === 'pull_request' || ctx.eventName === 'pull_request_target') {
        const number = payload.pull_request?.number ?? payload.number ?? Number(/refs\/pull\/(\d+)/.exec(ctx.ref)?.[1] ?? 0);
        const base = payload.pull_request?.base?.ref ?? main;
        // A fork's head repository differs from this one; a deleted fork's is null.
        const head = payload.pull_request?.head?.repo;
        const fork = head === null || (head?.full_name !== undefined && head.full_name !== ctx.repository);
        if (ctx.eventName === 'pull_request_target') {
            return decide(`pull_request_target #${number}`, 'pull-request-target', [base, main], undefined, {
                note: ' (it runs with a write token: a PR must not poison the cache)',
            });
        }
        if (fork)
            return decide(`fork pull request #${number}`, 'fork-pull-request', [base, main], undefined);
        return decide(`pull request #${number}`, 'pull-request', [`pr-${number}`, base, main], `pr-${number}`, { only: true });
    }
    if (ctx.ref.startsWith('refs/tags/'))
        return decide(`tag ${ctx.ref.slice('refs/tags/'.length)}`, 'tag', [main], undefined);
    if (ctx.eventName === 'release')
        return decide('release', 'release', [main], undefined);
    const b = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : main;
    // No event name: not a GitHub Actions run (a local run of the bundle), which acts as a push.
    const event = ctx.eventName || 'push';
    if (!WRITING_EVENTS.includes(event)) {
        return decide(`${event} on ${b}`, 'untrusted-event', [b, main], undefined, {
            note: ` (only ${WRITING_EVENTS.join(', ')} and same-repository pull_request write the cache; ${event} runs on someone else's behalf)`,
        });
    }
    return decide(`${event} on ${b}`, 'trusted-event', [b, main], b, { isDefault: b === main });
}
/** Exports never fail a build, and cost as little as they can: the defaults for every cache-to. */
const EXPORT_DEFAULTS = { 'ignore-error': 'true', compression: 'zstd' };
/** A cache-to entry with the export defaults it does not set itself (in full form: a bare reference is written out). */
function exportDefaults(entry) {
    const missing = Object.entries(EXPORT_DEFAULTS).filter(([key]) => !(0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .sets */ .cD)(entry, key));
    return (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .withFields */ .qO)(entry, (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .typeOf */ .QP)(entry) === 'inline' ? {} : Object.fromEntries(missing));
}
/** GitHub Enterprise Server: a server that is not github.com, a *.ghe.com cloud, nor a *.localhost test host (@actions/cache's isGhes). */
function onGhes(env) {
    let host;
    try {
        host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return false;
    }
    return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
/** The Actions cache service the runner offers, if any: v2 (github.com) or v1 (GHES). */
function actionsCacheService(env) {
    if (!env.ACTIONS_RUNTIME_TOKEN)
        return undefined;
    // GitHub Enterprise Server serves only v1, whatever the runner sets (as @actions/cache decides).
    const v2 = !onGhes(env) && env.ACTIONS_CACHE_SERVICE_V2 && !['false', '0'].includes(env.ACTIONS_CACHE_SERVICE_V2);
    if (v2 && env.ACTIONS_RESULTS_URL)
        return { version: 2, url: env.ACTIONS_RESULTS_URL };
    if (env.ACTIONS_CACHE_URL)
        return { version: 1, url: env.ACTIONS_CACHE_URL.endsWith('/') ? env.ACTIONS_CACHE_URL : `${env.ACTIONS_CACHE_URL}/` };
    return undefined;
}
/**
 * The cache for this build, with no configuration needed: the Actions cache service when the
 * runner offers it and the builder speaks its protocol; else a local cache directory that
 * @actions/cache carries between runs; else the registry when the build pushes; else none.
 * Explicit cache-from / cache-to are used as given (with the export defaults).
 */
function planCache(cache, request, ctx, env, caps, cacheRoot, health = {}) {
    const plan = choosePlan(cache, request, ctx, env, caps, cacheRoot, health);
    // buildx refuses the whole build when the builder cannot export cache; export must never fail
    // a build, so such a builder reads the cache and writes none. (Explicit cache-to stays as given.)
    if (caps.cacheExport !== false || plan.write === undefined || plan.kind !== 'managed' || plan.backend === 'inline')
        return plan;
    return {
        ...plan,
        write: undefined,
        cacheTo: [],
        ...(plan.local ? { local: { ...plan.local, saveKeyPrefix: undefined } } : {}),
        warnings: [
            ...plan.warnings,
            `This builder (the docker driver on an engine with the classic image store) cannot export cache: the build reads the ${plan.backend} cache but writes nothing to ${plan.write}. ` +
                'Let Kiln create a builder that can (`driver: auto` without `builder`), or enable the containerd image store.',
        ],
    };
}
function choosePlan(cache, request, ctx, env, caps, cacheRoot, health) {
    const warnings = [];
    const scopes = eventScopes(ctx, cache.write);
    const mode = cache.mode === 'auto' ? (scopes.defaultBranch ? 'max' : 'min') : cache.mode;
    const image = imageScope(cache, request);
    // A build of one platform is a fan-out leg: its cache must not overwrite the others'.
    const one = (0,_inputs_platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .onlyPlatform */ .wl)(request.platforms);
    const leg = one === undefined ? '' : `-${clean(one)}`;
    const scoped = (branch) => `${image}-${branch}${leg}`;
    const reads = scopes.reads.map(scoped);
    const write = scopes.write === undefined ? undefined : scoped(scopes.write);
    const base = { reads, write, mode, warnings, why: scopes.why, rule: scopes.rule };
    // Nothing is read or written: the plan must not name scopes (the log and summary show them).
    const none = (cause, why) => ({
        ...base,
        kind: 'none',
        backend: 'none',
        reason: why,
        because: cause,
        why: '',
        reads: [],
        write: undefined,
        cacheFrom: [],
        cacheTo: [],
    });
    if (request.cacheFrom.length > 0 || request.cacheTo.length > 0) {
        return {
            ...none('explicit', 'cache-from / cache-to are set: used as given'),
            kind: 'explicit',
            backend: 'given',
            cacheFrom: request.cacheFrom,
            cacheTo: request.cacheTo.map(exportDefaults),
        };
    }
    const offered = actionsCacheService(env);
    // A service that failed its probe is no service for this step; one whose token BuildKit
    // cannot parse still carries a local directory through @actions/cache.
    const service = health.service === undefined ? offered : undefined;
    let backend = cache.backend;
    let reason = `\`cache: ${cache.backend}\``;
    let because = 'input';
    if (backend === 'auto') {
        const speaks = service && (service.version === 1 || atLeast(caps.buildkit, [0, 20]));
        if (offered && health.service !== undefined) {
            const next = request.pushes ? 'registry' : 'none';
            [backend, because, reason] = [
                next,
                request.pushes ? 'service-unhealthy-registry' : 'service-unhealthy-nothing-pushed',
                `the Actions cache service ${health.service}${request.pushes ? ', and the build pushes: the registry keeps the cache' : ', and nothing is pushed'}`,
            ];
            warnings.push(`The Actions cache service ${health.service}: Kiln does not use it in this step (no gha cache, no cache mounts kept)${request.pushes ? ' and keeps the cache in the registry instead' : '; no cache will persist after this job'}.`);
        }
        else if (service && speaks && health.gha !== undefined) {
            [backend, because, reason] = [
                'local',
                'gha-token-unusable',
                `the runner offers the Actions cache service, but ${health.gha}, which BuildKit cannot use: a local cache directory carried by @actions/cache`,
            ];
            warnings.push(`The Actions cache service: ${health.gha}, so BuildKit cannot use it (type=gha would fail the build); Kiln keeps the cache in a local directory carried by @actions/cache instead.`);
        }
        else if (service && speaks)
            [backend, because, reason] = ['gha', 'service-offered', `the runner offers the Actions cache service (v${service.version})`];
        else if (service) {
            [backend, because, reason] = [
                'local',
                'buildkit-too-old',
                `the runner offers the Actions cache service v2, but this builder's BuildKit (${caps.buildkit ?? '?'}) is older than 0.20, which v2 needs: a local cache directory carried by @actions/cache`,
            ];
        }
        else if (request.pushes) {
            [backend, because, reason] = ['registry', 'no-service-pushes', 'no Actions cache service here and the build pushes: the registry keeps the cache'];
        }
        else {
            [backend, because, reason] = ['none', 'no-service-nothing-pushed', 'no Actions cache service and nothing is pushed'];
            warnings.push('No cache will persist after this job: no Actions cache service is available (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL/ACTIONS_CACHE_URL are not set) and the build pushes nothing. Set `cache: registry` with `cache-ref`, or run on GitHub Actions.');
        }
    }
    // Kiln's own entries never set the export defaults (exportDefaults): added as they are.
    const writeOut = (fields) => (write === undefined ? [] : [(0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ ...fields, mode, ...EXPORT_DEFAULTS })]);
    const managed = (on, cacheFrom, cacheTo, extra = {}) => ({
        ...base,
        kind: 'managed',
        backend: on,
        reason,
        because,
        cacheFrom,
        cacheTo,
        ...extra,
    });
    switch (backend) {
        case 'gha': {
            if (offered && (health.service ?? health.gha) !== undefined) {
                warnings.push(`\`cache: gha\` needs the Actions cache service, but it ${health.service ?? `is unusable for BuildKit: ${health.gha ?? ''}`}: nothing is cached.`);
                return none(health.service !== undefined ? 'service-unhealthy' : 'gha-token-unusable', `${reason}, but the Actions cache service ${health.service ?? 'token is unusable for BuildKit'}`);
            }
            if (!service) {
                warnings.push('`cache: gha` needs the Actions cache service, but ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set: nothing is cached. Kiln passes these through only to JavaScript steps; run it as a step of a GitHub Actions job.');
                return none('no-service', `${reason}, but the runner offers no Actions cache service`);
            }
            // The token stays in the environment (buildx reads ACTIONS_RUNTIME_TOKEN); never on the command line.
            const where = service.version === 2 ? { version: '2', url_v2: service.url } : { url: service.url };
            // BuildKit waits 10 minutes per gha import and export by default: a hanging service must not.
            const { importTimeout } = _cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_SERVICE_LIMITS */ .KV;
            return managed(backend, reads.map((s) => (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ type: 'gha', ...where, scope: s, timeout: importTimeout })), write ? writeOut({ type: 'gha', ...where, scope: write, timeout: (0,_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .ghaExportTimeout */ .QE)(cache.exportTimeout) }) : []);
        }
        case 'registry': {
            const tag = request.tags[0];
            const ref = cache.ref || (tag ? `${(0,_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(tag)}:buildcache` : '');
            if (ref === '') {
                warnings.push('`cache: registry` needs `cache-ref` (or a tag to derive it from): nothing is cached.');
                return none('no-cache-ref', `${reason}, but there is no cache-ref`);
            }
            // A tagged ref gets the scope appended to its tag; an untagged one gets buildcache-<scope>,
            // so every branch stays in the one repository the user named.
            const tagged = (0,_image_ref_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(ref) !== ref;
            const refOf = (scope) => (tagged ? `${ref}-${scope.slice(image.length + 1)}` : `${ref}:buildcache-${scope.slice(image.length + 1)}`);
            // image-manifest + OCI media types: the form every registry accepts, ECR included.
            const attrs = { 'image-manifest': 'true', 'oci-mediatypes': 'true' };
            return managed(backend, reads.map((s) => (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ type: 'registry', ref: refOf(s) })), write ? writeOut({ type: 'registry', ref: refOf(write), ...attrs }) : []);
        }
        case 'local': {
            if (offered && health.service !== undefined) {
                warnings.push(`\`cache: local\` carries its directory through the Actions cache service, but it ${health.service}: nothing is cached.`);
                return none('service-unhealthy', `${reason}, but the Actions cache service ${health.service}`);
            }
            if (!service) {
                warnings.push('`cache: local` carries its directory between runs through the Actions cache service, but ACTIONS_RUNTIME_TOKEN with ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set: nothing is cached. Use `cache: registry` with `cache-ref`, or run it as a step of a GitHub Actions job.');
                return none('no-service', `${reason}, but the runner offers no Actions cache service`);
            }
            // @actions/cache versions an entry by its path: the directory's path relative to cacheRoot
            // (the step's own temp directory, see setup/actions-cache.ts) must be the same on every
            // runner and for every branch of the image,
            // or a pull request could never restore what main saved.
            const dir = `${cacheRoot}/kiln-cache/${image}${leg}`;
            const key = (scope) => `kiln-buildkit-${scope}-`;
            return managed(backend, [(0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ type: 'local', src: dir })], write ? writeOut({ type: 'local', dest: dir }) : [], {
                local: { dir, restoreKeys: reads.map(key), saveKeyPrefix: write ? key(write) : undefined },
            });
        }
        case 'inline':
            return managed(backend, request.tags.slice(0, 1).map(_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .registryRefOption */ .kw), write ? [(0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ type: 'inline' })] : []);
        default:
            return none(because, reason);
    }
}


/***/ }),

/***/ 27386:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ buildxConfigDir),
/* harmony export */   k: () => (/* binding */ dockerConfigDir)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
// Where the docker CLI and buildx keep their configuration, by the CLI's own rule: DOCKER_CONFIG
// when it is set and not empty, else ~/.docker (HOME, or the account's home when HOME is empty);
// buildx's state under BUILDX_CONFIG, else the config directory's buildx/. The one place the
// step computes them: every reader and the login's private config agree.

/** The Docker config directory the docker CLI uses in this environment. */
function dockerConfigDir(env, home) {
    return env.DOCKER_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_0__.join(env.HOME || home(), '.docker');
}
/** The directory buildx keeps its builders and its current one in. */
function buildxConfigDir(env, home) {
    return env.BUILDX_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_0__.join(dockerConfigDir(env, home), 'buildx');
}


/***/ }),

/***/ 11649:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ stageNamed),
/* harmony export */   i: () => (/* binding */ baseImages)
/* harmony export */ });
/** The stage a `target` (or `--from`) names, by name (case-insensitively) or index. */
function stageNamed(dockerfile, ref) {
    return dockerfile.stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
}
/** The images the Dockerfile's stages build on (not earlier stages, not scratch). */
function baseImages(dockerfile) {
    return [...new Set(dockerfile.stages.filter((s) => s.from !== '' && s.from.toLowerCase() !== 'scratch' && s.parent === undefined).map((s) => s.from))];
}


/***/ }),

/***/ 68646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ repositoryPath),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   tO: () => (/* binding */ imageName)
/* harmony export */ });
/**
 * The registry host an image reference names, as Docker reads it: the first path part when it
 * has a dot or a port or is localhost (`ghcr.io/o/app`, `localhost:5000/app`); none for Docker
 * Hub's short forms (`busybox`, `library/busybox`, `o/app`).
 */
function registryHost(ref) {
    const slash = ref.indexOf('/');
    if (slash < 0)
        return undefined;
    const first = ref.slice(0, slash);
    return /[.:]/.test(first) || first.toLowerCase() === 'localhost' ? first : undefined;
}
/** The image an image reference names, registry host kept, without tag or digest (`ghcr.io/o/app:1` → `ghcr.io/o/app`). */
function imageName(ref) {
    return (ref.split('@')[0] ?? ref).replace(/:[^/:]+$/, '');
}
/** The repository an image reference names, without registry host, tag or digest. */
function repositoryPath(ref) {
    const repo = imageName(ref);
    return registryHost(repo) === undefined ? repo : repo.slice(repo.indexOf('/') + 1);
}


/***/ }),

/***/ 20194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ maskPieces)
/* harmony export */ });
/**
 * A secret and each line of it, as given, without the blank ones. The runner masks a registered
 * value only as a whole while it shows output line by line, so a multi-line secret (a PEM key)
 * must be masked line by line too, or its lines show up unmasked.
 */
function maskPieces(secret) {
    return [...new Set([secret, ...secret.split(/\r?\n/)])].filter((piece) => piece.trim() !== '');
}


/***/ }),

/***/ 91923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ classifyRegistryError)
/* harmony export */ });
// Whether a registry's error may heal on its own, read from the text BuildKit or buildx prints
// (a failed push, a failed read-back): one judgement for every caller that retries.
// The server said it is overloaded or broken: worth another try, whatever else the text holds
// (a token server's 503 reads "failed to authorize: ... 503").
const SERVER = [
    [/\b429\b|too many requests|toomanyrequests|rate limit/i, 'the registry is rate-limiting (429)'],
    // A status and its reason phrase (`503 Service Unavailable`), case kept: `512 bytes` is no status.
    [/\b5\d\d [A-Z][a-z]+/, 'the registry failed (5xx)'],
    [/\b50[0-4]\b|internal server error|bad gateway|service unavailable|gateway timeout/i, 'the registry failed (5xx)'],
];
// Errors no retry heals: credentials, permissions, names, a missing image.
const PERMANENT = [
    [/\b401\b|unauthorized|authentication required|failed to authorize|no basic auth credentials/i, 'the registry refused the credentials (401)'],
    [/\b403\b|forbidden|denied|insufficient_scope/i, 'the registry refused access (403)'],
    [/name[ _]invalid|invalid reference|repository name must|NAME_UNKNOWN|name unknown/i, 'the registry refused the image name'],
    [/\b404\b|manifest unknown|not found/i, 'the registry has no such image (404)'],
    [/\b400\b/, 'the registry refused the request (400)'],
];
const CONNECTION = /connection reset|connection refused|broken pipe|\bEOF\b|i\/o timeout|timed? ?out|deadline exceeded|no answer within|TLS handshake|no route to host|server closed idle connection|http2: /i;
/** Judges a registry error's text. */
function classifyRegistryError(message) {
    for (const [pattern, reason] of SERVER)
        if (pattern.test(message))
            return { transient: true, reason };
    for (const [pattern, reason] of PERMANENT)
        if (pattern.test(message))
            return { transient: false, reason };
    if (CONNECTION.test(message))
        return { transient: true, reason: 'the connection to the registry failed' };
    return { transient: false };
}


/***/ }),

/***/ 7043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Av: () => (/* binding */ epochFromGitLog),
/* harmony export */   Pp: () => (/* binding */ rewritingTimestamps),
/* harmony export */   Yt: () => (/* binding */ pushOutput),
/* harmony export */   jR: () => (/* binding */ withCommitTime),
/* harmony export */   wB: () => (/* binding */ epochFromPayload)
/* harmony export */ });
/* unused harmony export CREATED_LABEL */
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66243);
/* harmony import */ var _inputs_annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20539);
// Same commit, same image (`reproducible: true`): every timestamp the image carries comes from the
// commit's time. BuildKit takes it as SOURCE_DATE_EPOCH (config and history times), the image
// exporter's rewrite-timestamp clamps the files' times in the layers to it, and the created label
// says it too. Only the commit decides the bytes, so two runners push the same manifest.


const CREATED_LABEL = 'org.opencontainers.image.created';
/** The commit's time in the event payload: a push's head_commit.timestamp (ISO 8601), as epoch seconds. */
function epochFromPayload(payload) {
    const head = payload.head_commit;
    if (typeof head?.timestamp !== 'string')
        return undefined;
    const ms = Date.parse(head.timestamp);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
/** `git log -1 --format=%ct`'s answer, if it is one. */
function epochFromGitLog(stdout) {
    const text = stdout.trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
}
/**
 * The inputs with the commit's time: SOURCE_DATE_EPOCH as a build argument (unless the user gave
 * one) and the created label from the same time, replacing the one `images` wrote from the clock.
 */
function withCommitTime(inputs, epoch) {
    const given = inputs.buildArgs.some((a) => a.startsWith('SOURCE_DATE_EPOCH='));
    const created = new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z');
    return {
        ...inputs,
        buildArgs: given ? inputs.buildArgs : [...inputs.buildArgs, `SOURCE_DATE_EPOCH=${epoch}`],
        labels: [...inputs.labels.filter((l) => l.key !== CREATED_LABEL), (0,_inputs_annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .readLabel */ .V8)(`${CREATED_LABEL}=${created}`)],
    };
}
const IMAGE_EXPORTERS = ['image', 'registry', 'oci', 'docker'];
/** An image-making output with rewrite-timestamp=true (unless it says otherwise); any other as given. */
function rewritingTimestamps(output) {
    if (!IMAGE_EXPORTERS.includes((0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .typeOf */ .QP)(output)) || output.attrs['rewrite-timestamp'] !== undefined)
        return output;
    return (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .withFields */ .qO)(output, { 'rewrite-timestamp': 'true' });
}
/** `push: true` spelt out as the image exporter it stands for, so it can take rewrite-timestamp. */
function pushOutput(tags) {
    return (0,_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .optionFrom */ .iQ)({ type: 'image', name: tags.join(','), push: 'true', 'rewrite-timestamp': 'true' });
}


/***/ }),

/***/ 83597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RK: () => (/* binding */ dockerCli),
/* harmony export */   hU: () => (/* binding */ processFor),
/* harmony export */   zZ: () => (/* binding */ childCwd)
/* harmony export */ });
/* unused harmony export buildxCommand */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _plan_docker_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27386);
/* harmony import */ var _plan_buildx_command_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44023);
// Which executable runs buildx, found by looking at the file system (no process started): every
// buildx command Kiln runs (build, builder create/inspect/rm, imagetools, the cache-mount helpers,
// the post step's clean-up) goes through `processFor`.





function executable(file) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file).isFile();
    }
    catch {
        return false;
    }
}
function onPath(name, env) {
    for (const dir of (env.PATH ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_2__.delimiter)) {
        if (dir === '')
            continue;
        const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, name);
        if (executable(file))
            return file;
    }
    return undefined;
}
function extraPluginDirs(configDir) {
    try {
        const config = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(configDir, 'config.json'), 'utf8'));
        return Array.isArray(config.cliPluginsExtraDirs) ? config.cliPluginsExtraDirs.filter((d) => typeof d === 'string') : [];
    }
    catch {
        return [];
    }
}
// Looked up on every call, not remembered: a few stat calls cost microseconds, and a value kept
// between calls would be state the step's environment (PATH, DOCKER_CONFIG) no longer decides.
function resolve(env) {
    const docker = onPath('docker', env);
    const configDir = (0,_plan_docker_config_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerConfigDir */ .k)(env, node_os__WEBPACK_IMPORTED_MODULE_1__.homedir);
    const plugin = docker
        ? (0,_plan_buildx_command_js__WEBPACK_IMPORTED_MODULE_4__/* .pluginDirs */ .GB)(configDir, extraPluginDirs(configDir))
            .map((d) => node_path__WEBPACK_IMPORTED_MODULE_2__.join(d, 'docker-buildx'))
            .find(executable)
        : undefined;
    const standalone = onPath('buildx', env);
    return { docker, buildx: (0,_plan_buildx_command_js__WEBPACK_IMPORTED_MODULE_4__/* .chooseBuildx */ .Qn)({ docker, plugin, standalone }) };
}
/** The docker CLI's path, undefined when it is not on PATH. */
function dockerCli(env) {
    return resolve(env).docker;
}
/** How buildx is run here; throws, saying what to install, when it cannot be. */
function buildxCommand(env) {
    const buildx = resolve(env).buildx;
    if (!buildx)
        throw new Error(_plan_buildx_command_js__WEBPACK_IMPORTED_MODULE_4__/* .NO_BUILDX */ .tl);
    return buildx;
}
/**
 * Where a child process runs: the step's workspace, where the runner starts the action. Given
 * explicitly, so that no child depends on the process's working directory (which
 * setup/actions-cache.ts moves while @actions/cache runs); outside a runner, the process's own.
 */
function childCwd(env) {
    return env.GITHUB_WORKSPACE || undefined;
}
/**
 * The executable and arguments for Kiln's `docker ARGS`: `buildx …` goes to the resolved buildx
 * command, anything else to the docker CLI (`docker` itself when it is missing, so that the
 * spawn error names it).
 */
function processFor(args, env) {
    if (args[0] === 'buildx') {
        const buildx = buildxCommand(env);
        return { file: buildx.file, args: [...buildx.prefix, ...args.slice(1)], shown: buildx.shown };
    }
    return { file: dockerCli(env) ?? 'docker', args: [...args], shown: 'docker' };
}


/***/ }),

/***/ 73429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cx: () => (/* binding */ couldNotPull),
/* harmony export */   oH: () => (/* binding */ dockerOutput),
/* harmony export */   w7: () => (/* binding */ failureLines)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _buildx_command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83597);


/**
 * Runs `docker ARGS` quietly and collects what it prints (`buildx …` through the resolved buildx
 * command); `timeoutMs` stops it (exit code 1).
 */
function dockerOutput(args, env, options = {}) {
    return new Promise((resolve) => {
        let command;
        try {
            command = (0,_buildx_command_js__WEBPACK_IMPORTED_MODULE_1__/* .processFor */ .hU)(args, env);
        }
        catch (error) {
            resolve({ exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error), raw: Buffer.alloc(0) });
            return;
        }
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command.file, command.args, { env, cwd: (0,_buildx_command_js__WEBPACK_IMPORTED_MODULE_1__/* .childCwd */ .zZ)(env), stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', (error) => {
            resolve({ exitCode: 127, stdout: '', stderr: `could not run ${command.shown}: ${error.message}`, raw: Buffer.alloc(0) });
        });
        child.on('close', (code) => {
            const raw = Buffer.concat(out);
            resolve({ exitCode: code ?? 1, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), raw });
        });
    });
}
/** Whether a failed `docker run` / `buildx create` failed because its image could not be fetched. */
function couldNotPull(stderr) {
    return /pull|manifest unknown|not found|no such host|toomanyrequests|rate limit|failed to resolve|unauthorized/i.test(stderr);
}
/** The lines worth showing from a failed docker command: its errors, not its progress. */
function failureLines(output) {
    const lines = output
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const errors = lines.filter((l) => /error|denied|refused|not found|no such host|timeout|unauthorized|certificate|tls/i.test(l));
    return (errors.length ? errors : lines).slice(-3).join(' | ') || 'no output';
}


/***/ }),

/***/ 58556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vw: () => (/* reexport safe */ _build_gha_writes_js__WEBPACK_IMPORTED_MODULE_2__.V),
/* harmony export */   Yp: () => (/* binding */ cacheOutput),
/* harmony export */   _Y: () => (/* binding */ stepPlatform),
/* harmony export */   nx: () => (/* binding */ defaultPlatform)
/* harmony export */ });
/* unused harmony exports outputMiss, platformHits */
/* harmony import */ var _inputs_platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69625);
/* harmony import */ var _cache_shown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3876);
/* harmony import */ var _steps_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70021);
/* harmony import */ var _build_gha_writes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2299);





/** `[stage 2] COPY app/ /app/`: the Dockerfile's own text (never BuildKit's title, which expands argument values). */
const stepLabel = (s) => `[${s.stage ? `${s.stage} ` : ''}${s.n}] ${s.text}`;
/**
 * A first miss as the output gives it: `step` and `cause` (its kind) as strings, the cause's own
 * fields beside them (file paths, argument names, digests, scopes; never an argument value).
 */
function outputMiss(m) {
    const { kind, ...detail } = m.cause;
    const out = { step: stepLabel(m.step), cause: kind, line: m.step.line, ...detail };
    if (m.at)
        out.at = stepLabel(m.at);
    if (m.comparedWith !== undefined)
        out.comparedWith = m.comparedWith;
    return out;
}
/**
 * The platform a step built for: `linux/amd64->arm64` (cross-compiled on amd64) counts for
 * linux/arm64; a step that names none (a single-platform build) for `fallback`.
 */
function stepPlatform(step, fallback) {
    const p = step.platform;
    if (p === undefined)
        return fallback;
    const arrow = p.indexOf('->');
    if (arrow < 0)
        return p;
    const os = p.slice(0, p.indexOf('/'));
    return `${os}/${p.slice(arrow + 2)}`;
}
/** The platform of steps that name none: the build's only platform, else the engine's own. */
function defaultPlatform(platforms, engine) {
    return (0,_inputs_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .onlyPlatform */ .wl)(platforms) ?? engine;
}
/** Per platform: Dockerfile steps and how many the cache served. */
function platformHits(steps, fallback) {
    const out = {};
    for (const step of steps) {
        if (!(0,_steps_js__WEBPACK_IMPORTED_MODULE_3__/* .isDockerfileStep */ .xo)(step))
            continue;
        const counts = (out[stepPlatform(step, fallback)] ??= { cached: 0, total: 0 });
        counts.total++;
        if (step.cached)
            counts.cached++;
    }
    return out;
}
const ratio = (cached, total) => (total === 0 ? 0 : Math.round((cached / total) * 1000) / 1000);
/**
 * The output's value for this plan and build. `fallback`: the platform of steps that name none
 * (the misses must have been found with the same).
 */
function cacheOutput(plan, steps, fallback, found = {}) {
    const { misses = [], ...given } = found;
    const known = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const spend = { ...(0,_build_gha_writes_js__WEBPACK_IMPORTED_MODULE_2__/* .ghaWrites */ .V)(steps), ...known };
    const shown = (0,_cache_shown_js__WEBPACK_IMPORTED_MODULE_1__/* .cacheShown */ .C)(plan);
    const platforms = {};
    for (const [platform, { cached, total }] of Object.entries(platformHits(steps, fallback)))
        platforms[platform] = { hitRatio: ratio(cached, total) };
    for (const { platform, firstMiss } of misses) {
        const entry = platforms[platform];
        if (entry && firstMiss)
            entry.firstMiss = outputMiss(firstMiss);
    }
    const rule = plan.kind === 'explicit' ? 'explicit' : plan.rule;
    const defined = Object.fromEntries(Object.entries({ ...spend, limited: spend.limited ?? plan.limited }).filter(([, v]) => v !== undefined));
    return { backend: plan.backend, rule, read: shown.reads, written: shown.written, platforms, ...defined };
}


/***/ }),

/***/ 3876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ cacheShown)
/* harmony export */ });
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66243);
// The cache as the log, the debug line and the summary show it: Kiln's scopes, or the user's own
// entries with their credentials hidden.


/**
 * What the build reads and writes, as the log and the summary say it: Kiln's scopes for the
 * backends it plans, the user's own entries for cache-from / cache-to.
 */
function cacheShown(plan) {
    if (plan.kind === 'explicit')
        return { reads: plan.cacheFrom.map(_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .shownEntry */ .qF), written: plan.cacheTo.map(_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .shownEntry */ .qF) };
    return { reads: plan.reads, written: plan.write === undefined ? [] : [plan.write] };
}


/***/ }),

/***/ 77333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ platformDigests),
/* harmony export */   Vb: () => (/* binding */ fromEngineManifests),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   sI: () => (/* binding */ sha256Digest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

function sha256Digest(bytes) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
}
function platformOf(p) {
    if (!p?.os || !p.architecture)
        return 'unknown/unknown';
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/**
 * Reads a manifest or index as a registry serves it. `platform` names the platform of a
 * single-platform manifest, which does not say it itself.
 */
function readManifest(raw, platform) {
    const doc = JSON.parse(raw.toString('utf8'));
    const digest = sha256Digest(raw);
    const mediaType = doc.mediaType ?? (doc.manifests ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json');
    if (!doc.manifests) {
        return { digest, mediaType, entries: [{ platform, digest, size: raw.length, mediaType, attestation: false }] };
    }
    return {
        digest,
        mediaType,
        entries: doc.manifests.map((m) => {
            const attestation = m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
            const refersTo = attestation ? m.annotations?.['vnd.docker.reference.digest'] : undefined;
            return {
                platform: platformOf(m.platform),
                digest: m.digest ?? '',
                size: m.size ?? 0,
                mediaType: m.mediaType ?? '',
                attestation,
                ...(refersTo ? { refersTo } : {}),
            };
        }),
    };
}
/** platform → image manifest digest, for the images only (attestations left out). */
function platformDigests(manifest) {
    return Object.fromEntries(manifest.entries.filter((e) => !e.attestation).map((e) => [e.platform, e.digest]));
}
/**
 * The engine's view of an image (its `Manifests`), in the registry's shape. The engine gives no
 * platform for a single-platform manifest (no index names one): `platform` stands in for it.
 */
function fromEngineManifests(digest, mediaType, platform, manifests) {
    return {
        digest,
        mediaType,
        entries: manifests.map((m) => {
            const attestation = m.Kind === 'attestation';
            const refersTo = attestation ? (m.AttestationData?.For ?? m.Descriptor?.annotations?.['vnd.docker.reference.digest']) : undefined;
            return {
                platform: m.Descriptor?.platform?.os ? platformOf(m.Descriptor.platform) : attestation ? 'unknown/unknown' : platform,
                digest: m.Descriptor?.digest ?? '',
                size: m.Descriptor?.size ?? 0,
                mediaType: m.Descriptor?.mediaType ?? '',
                attestation,
                ...(refersTo ? { refersTo } : {}),
            };
        }),
    };
}


/***/ }),

/***/ 65468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $G: () => (/* binding */ readBackNotes),
/* harmony export */   setOutputs: () => (/* binding */ setOutputs)
/* harmony export */ });
/* unused harmony exports manifestOutput, outputValues */
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77333);

/**
 * What the log and the summary say about the read-back: a warning when it failed (the push itself
 * succeeded), a note when it took retries; nothing when it went through at once or never ran.
 */
function readBackNotes(result) {
    const r = result.readBack;
    if (!r)
        return {};
    const tries = `${r.attempts} attempt${r.attempts === 1 ? '' : 's'}`;
    if (r.error === undefined)
        return r.attempts > 1 ? { info: `Registry read-back of ${r.ref} succeeded after ${tries}` } : {};
    const digest = result.digest !== '' ? `digest is buildx's own (${result.digest}, from its metadata file)` : 'digest is empty (buildx reported none)';
    return {
        warning: `The image was pushed, but reading ${r.ref} back from its registry failed after ${tries}, so its platforms are unknown: ` +
            `the digests and manifest outputs are empty, ${digest}; imageid and metadata are set. Last error: ${r.error}`,
    };
}
/** The manifest list as an output: the index and each entry, attestations marked. */
function manifestOutput(manifest) {
    if (!manifest)
        return '';
    return JSON.stringify({
        digest: manifest.digest,
        mediaType: manifest.mediaType,
        manifests: manifest.entries.map((e) => ({ platform: e.platform, digest: e.digest, size: e.size, mediaType: e.mediaType, attestation: e.attestation })),
    });
}
function outputValues(result, setup) {
    return {
        imageid: result.imageId,
        digest: result.digest,
        metadata: result.metadata.text,
        digests: JSON.stringify(result.manifest ? (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .platformDigests */ .Hm)(result.manifest) : {}),
        tags: result.tags.join('\n'),
        builder: setup.builder,
        'qemu-platforms': setup.qemuPlatforms.join(','),
        manifest: manifestOutput(result.manifest),
        'cache-hit-ratio': setup.cacheHitRatio === undefined ? '' : String(Math.round(setup.cacheHitRatio * 1000) / 1000),
        cache: setup.cache ? JSON.stringify(setup.cache) : '',
        duration: setup.seconds === undefined ? '' : setup.seconds.toFixed(1),
        'build-ref': result.metadata.buildRef,
        labels: (setup.labels ?? []).join('\n'),
        version: setup.version ?? '',
        // Set now, so they exist however signing ends; the signing step (src/sign/step.ts) sets them again.
        signatures: '{}',
        'attestation-url': '',
    };
}
function setOutputs(setOutput, result, setup) {
    for (const [name, value] of Object.entries(outputValues(result, setup)))
        setOutput(name, value);
}


/***/ }),

/***/ 92009:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  C: () => (/* binding */ fetchManifest),
  Y: () => (/* binding */ fetchManifestRetrying)
});

// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
// EXTERNAL MODULE: ./src/plan/registry-error.ts
var registry_error = __webpack_require__(91923);
;// CONCATENATED MODULE: ./src/report/retry.ts
// Reading a pushed image back is not the build: a registry that hiccups after a successful push
// must neither lose the step's outputs nor cost more than a few seconds. Pure policy here; the
// effect (a buildx process per attempt) stays in registry.ts.

/** Attempts and the waits between them: four tries within about 7 s of waiting. */
const READ_BACK_DELAYS_MS = [1000, 2000, 4000];
/**
 * Runs `attempt` until it succeeds, an error is not transient, or the delays are used up,
 * waiting `delays[i]` before retry i+1. Never throws: the caller decides what a failure costs.
 */
async function retrying(attempt, options = {}) {
    const delays = options.delays ?? READ_BACK_DELAYS_MS;
    const transient = options.transient ?? ((message) => (0,registry_error/* classifyRegistryError */.C)(message).transient);
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let attempts = 0;
    for (;;) {
        attempts++;
        try {
            return { value: await attempt(attempts), attempts };
        }
        catch (caught) {
            const error = caught instanceof Error ? caught : new Error(String(caught));
            const wait = delays[attempts - 1];
            if (wait === undefined || !transient(error.message))
                return { error, attempts };
            await sleep(wait);
        }
    }
}

;// CONCATENATED MODULE: ./src/report/registry.ts


/** One read-back may not hang the step: buildx gets this long per attempt. */
const ATTEMPT_TIMEOUT_MS = 15_000;
/**
 * The manifest or index bytes a registry serves for `ref`. buildx reads them with the same
 * credentials and registry configuration the push used, so private registries work too.
 */
async function fetchManifest(ref, env) {
    const { exitCode, stderr, raw } = await (0,docker/* dockerOutput */.oH)(['buildx', 'imagetools', 'inspect', '--raw', ref], env, { timeoutMs: ATTEMPT_TIMEOUT_MS });
    if (exitCode !== 0)
        throw new Error(`Could not read ${ref} back from its registry: ${stderr.trim() || `no answer within ${ATTEMPT_TIMEOUT_MS / 1000}s`}`);
    return raw;
}
/** fetchManifest, retried with backoff on errors that may heal (connection errors, 5xx, 429). */
function fetchManifestRetrying(ref, env, delays) {
    return retrying(() => fetchManifest(ref, env), { delays });
}


/***/ }),

/***/ 70021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ml: () => (/* binding */ slowest),
/* harmony export */   TM: () => (/* binding */ cacheHits),
/* harmony export */   xo: () => (/* binding */ isDockerfileStep)
/* harmony export */ });
function verb(instruction) {
    const words = instruction.trimStart().split(/\s+/, 2);
    return ((words[0]?.toUpperCase() === 'ONBUILD' ? words[1] : words[0]) ?? '').toUpperCase();
}
/**
 * A Dockerfile instruction that makes a layer a cache can serve: RUN, COPY, ADD, WORKDIR... not
 * FROM (the base image is pulled or already there: its step says DONE even on a full cache hit),
 * and not BuildKit's own steps ([internal], exporting...). ENV, ARG, LABEL and the like make no step.
 */
function isDockerfileStep(step) {
    return step.instruction !== undefined && verb(step.instruction) !== 'FROM';
}
/** How many Dockerfile steps the cache served: 0 for a fresh build, 1 for a full cache hit. */
function cacheHits(steps) {
    let cached = 0;
    let total = 0;
    for (const step of steps) {
        if (!isDockerfileStep(step))
            continue;
        total++;
        if (step.cached)
            cached++;
    }
    return { cached, total, ratio: total === 0 ? 0 : cached / total };
}
/** The `n` steps that took longest (ties in log order), cached and untimed steps left out. */
function slowest(steps, n) {
    return steps
        .filter((s) => !s.cached && s.seconds !== undefined)
        .sort((a, b) => b.seconds - a.seconds || a.id - b.id)
        .slice(0, Math.max(0, n));
}


/***/ }),

/***/ 35023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z3: () => (/* binding */ formatBytes),
  a3: () => (/* binding */ formatDuration),
  fp: () => (/* binding */ redactSecrets),
  Br: () => (/* binding */ renderSummary)
});

// UNUSED EXPORTS: SUMMARY_MAX_BYTES, fitSummary, spendLine

// EXTERNAL MODULE: ./src/plan/masks.ts
var masks = __webpack_require__(20194);
// EXTERNAL MODULE: ./src/report/cache-output.ts
var cache_output = __webpack_require__(58556);
// EXTERNAL MODULE: ./src/report/steps.ts
var report_steps = __webpack_require__(70021);
;// CONCATENATED MODULE: ./src/report/step-titles.ts
const step_titles_escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * `title` with every build-argument value replaced by `$NAME`, in one pass (longest value first,
 * so a value holding another goes whole, and a replacement is never searched again). A value
 * that is also ordinary text (`1`) is replaced there as well: a title may read oddly, never leak.
 */
function titleWithoutArgValues(title, buildArgs) {
    const byValue = new Map();
    for (const [name, value] of Object.entries(buildArgs))
        if (value !== '' && !byValue.has(value))
            byValue.set(value, name);
    if (byValue.size === 0)
        return title;
    const pattern = new RegExp([...byValue.keys()]
        .sort((a, b) => b.length - a.length)
        .map(step_titles_escape)
        .join('|'), 'g');
    return title.replace(pattern, (value) => `$${byValue.get(value) ?? ''}`);
}
/** The steps with their titles so treated (their output is the program's, shown elsewhere). */
function stepsWithoutArgValues(steps, buildArgs) {
    return steps.map((s) => ({
        ...s,
        name: titleWithoutArgValues(s.name, buildArgs),
        ...(s.instruction === undefined ? {} : { instruction: titleWithoutArgValues(s.instruction, buildArgs) }),
    }));
}

// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(91935);
;// CONCATENATED MODULE: ./src/report/summary.ts





/** GitHub refuses a step summary over 1 MiB; the summary stays well under it. */
const SUMMARY_MAX_BYTES = 1_000_000;
const MASK = '***';
// Each part is capped so that the whole stays far below the limit, even with every list full.
const LIMITS = {
    tags: 50,
    rows: 100,
    checks: 50,
    warnings: 20,
    cell: 200,
    text: 1000,
    message: 4000,
    outputLines: 50,
    outputLine: 1000,
    slowest: 5,
};
// ANSI escapes (colours, cursor moves, OSC titles) as compilers and test runners print them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// Other control characters, but tab and the line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/**
 * The strings to mask: each non-blank secret and each non-blank line of a multi-line one, as
 * given and trimmed; longest first, so that a secret holding another goes whole.
 */
function maskable(secrets) {
    const found = new Set();
    for (const secret of secrets) {
        for (const piece of (0,masks/* maskPieces */.k)(secret)) {
            found.add(piece);
            found.add(piece.trim());
        }
    }
    return [...found].sort((a, b) => b.length - a.length);
}
/** `text` with every secret, and every line of one, replaced (for annotations outside the summary). */
function redactSecrets(text, secrets) {
    return redact(text, maskable(secrets));
}
function redact(text, masks) {
    let out = text;
    for (const m of masks)
        if (out.includes(m))
            out = out.replaceAll(m, MASK);
    return out;
}
/** Cuts `text` to `max` characters, marking the cut, without splitting a surrogate pair. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    let end = max - 1;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        end--;
    return `${text.slice(0, end)}…`;
}
const oneLine = (text) => text.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, '');
/** Inline Markdown text: no syntax, no HTML, no raw newline, pipes escaped (safe in table cells). */
function md(text, max = LIMITS.text) {
    return cut(oneLine(text), max).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}
/**
 * Inline code. In a table cell (`cell`) GFM splits on any pipe not escaped by a backslash, even
 * inside code, and shows `\|` inside code as `|`: pipes are escaped there, and text with a
 * backslash just before a pipe, which cannot be written so, falls back to escaped text.
 */
function code(text, max = LIMITS.cell, cell = false) {
    const t = cut(oneLine(text), max);
    if (t === '')
        return '';
    if (cell && t.includes('\\|'))
        return md(t, max);
    const ticks = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(ticks + 1);
    const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
    const span = `${fence}${pad}${t}${pad}${fence}`;
    return cell ? span.replace(/\|/g, '\\|') : span;
}
const cellCode = (text, max = LIMITS.cell) => code(text, max, true);
function list(items, max, render) {
    const shown = items.slice(0, max).map(render).join(', ');
    return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
function table(headers, rows) {
    return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
function more(hidden, what) {
    return hidden > 0 ? ['', `_${hidden} more ${what} not shown._`] : [];
}
function formatDuration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0)
        return '?';
    if (seconds < 59.95)
        return `${seconds.toFixed(1)}s`;
    const whole = Math.round(seconds);
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = String(whole % 60).padStart(2, '0');
    return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${s}s` : `${m}m ${s}s`;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit] ?? ''}`;
}
function isIndex(mediaType) {
    return /index|manifest\.list/.test(mediaType);
}
function platformsSection(manifest, c) {
    if (!manifest)
        return [];
    const images = manifest.entries.filter((e) => !e.attestation);
    if (images.length === 0)
        return [];
    const out = ['#### Platforms', ''];
    // An entry's size is its manifest's (a registry's descriptor), not the image's layers.
    const rows = images.slice(0, LIMITS.rows).map((e) => [md(c(e.platform), LIMITS.cell), cellCode(c(e.digest)), formatBytes(e.size)]);
    out.push(...table(['Platform', 'Digest', 'Manifest size'], rows), ...more(images.length - rows.length, 'platforms'));
    if (isIndex(manifest.mediaType)) {
        const attestations = manifest.entries.length - images.length;
        const extra = attestations > 0 ? `, with ${attestations} attestation manifest${attestations === 1 ? '' : 's'}` : '';
        out.push('', `Index ${code(c(manifest.digest))} (${code(c(manifest.mediaType))})${extra}.`);
    }
    return out;
}
function builderSection(builder, c) {
    if (builder.name === '' && builder.driver === '')
        return [];
    const facts = [builder.name !== '' ? code(c(builder.name)) : 'Unnamed builder'];
    if (builder.driver !== '')
        facts.push(`driver ${code(c(builder.driver))}`);
    if (builder.buildkit)
        facts.push(`BuildKit ${code(c(builder.buildkit))}`);
    const out = ['#### Builder', '', facts.join(' · ')];
    if (builder.emulated.length > 0)
        out.push('', `Emulated (QEMU): ${list(builder.emulated, LIMITS.rows, (p) => code(c(p)))}`);
    if (builder.nodes.length > 0) {
        const rows = builder.nodes.slice(0, LIMITS.rows).map((n) => [cellCode(c(n.name)) || '—', md(list(n.platforms, LIMITS.rows, c)) || '—']);
        out.push('', ...table(['Node', 'Platforms'], rows), ...more(builder.nodes.length - rows.length, 'nodes'));
    }
    return out;
}
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
/**
 * `Actions cache: wrote 4 entries, 1.2 MiB; skipped 3 that the cache held` (`local`: the cache
 * directory's blob files). What Kiln could not learn is said to be unknown, never filled in.
 */
function spendLine(spend, backend = 'gha') {
    if (spend.entriesWritten === undefined)
        return undefined;
    const local = backend === 'local';
    const wrote = `${local ? 'Cache directory' : 'Actions cache'}: wrote ${local ? plural(spend.entriesWritten, 'blob', 'blobs') : plural(spend.entriesWritten, 'entry', 'entries')}`;
    const bytes = spend.bytesWritten !== undefined ? `, ${formatBytes(spend.bytesWritten)}` : '';
    const skipped = spend.entriesSkipped !== undefined ? `; skipped ${spend.entriesSkipped} that the ${local ? 'directory' : 'cache'} held` : '';
    const unknown = [spend.bytesWritten === undefined ? 'their bytes' : '', spend.entriesSkipped === undefined ? 'the entries skipped' : ''].filter(Boolean);
    const why = unknown.length > 0 ? ` (${unknown.join(' and ')} unknown: BuildKit's log does not say them, and its exported index could not be read back)` : '';
    return `${wrote}${bytes}${skipped}${why}`;
}
function cacheSection(cache, steps, c, spend) {
    if (cache.backend === '')
        return [];
    const items = [`Backend: ${code(c(cache.backend))}${cache.reason !== '' ? ` — ${md(c(cache.reason))}` : ''}`];
    if (cache.reads.length > 0)
        items.push(`Read: ${list(cache.reads, LIMITS.rows, (s) => code(c(s)))}`);
    const written = cache.written.filter((w) => w !== '');
    items.push(`Written: ${written.length > 0 ? list(written, LIMITS.rows, (s) => code(c(s))) : 'none'}`);
    const spent = spendLine(spend ?? (0,cache_output/* ghaWrites */.Vw)(steps) ?? {}, cache.backend);
    if (spent !== undefined)
        items.push(md(spent));
    const hits = (0,report_steps/* cacheHits */.TM)(steps);
    if (hits.total > 0)
        items.push(`Hits: ${hits.cached}/${hits.total} Dockerfile steps (${Math.round(hits.ratio * 100)}%)`);
    for (const w of cache.warnings.slice(0, LIMITS.warnings))
        items.push(`⚠️ ${md(c(w))}`);
    if (cache.warnings.length > LIMITS.warnings)
        items.push(`${cache.warnings.length - LIMITS.warnings} more warnings not shown`);
    return ['#### Cache', '', ...items.map((i) => `- ${i}`)];
}
/** `[linux/arm64 base 2/3] RUN make` → `[base 2/3] RUN make`: the platform has its own column. */
function withoutPlatform(step) {
    return step.platform !== undefined ? step.name.replace(`[${step.platform} `, '[') : step.name;
}
function slowestSection(steps, c) {
    // Steps that took no measurable time are no news (a fully cached build has only those).
    const top = (0,report_steps/* slowest */.Ml)(steps, LIMITS.slowest).filter((s) => (s.seconds ?? 0) >= 0.05);
    if (top.length === 0)
        return [];
    const rows = top.map((s) => [
        cellCode(c(withoutPlatform(s)) || `#${s.id}`),
        s.platform !== undefined ? md(c(s.platform), LIMITS.cell) : '—',
        // A failed step's time is that of its last output line: at least that long.
        `${s.error !== undefined ? '≥ ' : ''}${(s.seconds ?? 0).toFixed(1)}`,
    ]);
    return ['#### Slowest steps', '', ...table(['Step', 'Platform', 'Seconds'], rows)];
}
/** Where the time went, per platform, as a Mermaid gantt chart (report/timeline.ts). */
function timelineSection(data, c) {
    const chart = (0,timeline/* buildTimeline */.wt)(data.steps, { platform: data.platform ?? 'build', emulated: data.builder.emulated, clean: c });
    if (chart.length === 0)
        return [];
    return [
        '#### Timeline',
        '',
        'Per platform, in log order (stages that ran side by side are shown one after the other); grey: from the cache; red: emulated.',
        '',
        ...fenced(chart, 'mermaid'),
    ];
}
function ruleLink(check, c) {
    const rule = md(c(check.rule), LIMITS.cell);
    const url = c(check.url);
    if (!/^https?:\/\/[^\s<>]+$/.test(url) || url.length > LIMITS.text)
        return rule;
    const safe = url.replace(/[()|[\]\\`*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${rule}](${safe})`;
}
function checksSection(checks, c) {
    if (checks.length === 0)
        return [];
    const rows = checks.slice(0, LIMITS.checks).map((check) => {
        const file = check.file ?? '';
        const line = check.line !== undefined ? String(check.line) : '';
        const where = file !== '' ? `${file}${line !== '' ? `:${line}` : ''}` : line !== '' ? `line ${line}` : '';
        return [ruleLink(check, c), md(c(check.message)), where !== '' ? cellCode(c(where)) : '—'];
    });
    return ['#### Build checks', '', ...table(['Rule', 'Message', 'Location'], rows), ...more(checks.length - rows.length, 'warnings')];
}
/** A fenced block that no line of `lines` can close. */
function fenced(lines, info = '') {
    const ticks = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
    const fence = '`'.repeat(ticks + 1);
    return [`${fence}${info}`, ...lines, fence];
}
/** A terminal shows what follows a line's last carriage return (progress bars). */
function terminalLine(line) {
    const parts = line.split('\r').filter((p) => p !== '');
    return (parts.at(-1) ?? '').replace(CONTROL, '');
}
/** The last `n` lines of `output` (whose items may hold several), and how many it has: one pass, no copy. */
function lastLines(output, n) {
    let total = 0;
    for (const item of output)
        total += item.includes('\n') ? item.split('\n').length : 1;
    const tail = [];
    for (let i = output.length - 1; i >= 0 && tail.length < n; i--) {
        const parts = (output[i] ?? '').split('\n');
        for (let j = parts.length - 1; j >= 0 && tail.length < n; j--)
            tail.push(parts[j] ?? '');
    }
    return { total, tail: tail.reverse() };
}
function failureSection(failure, c) {
    const out = ['#### Failure', ''];
    if (failure.step !== undefined && failure.step !== '')
        out.push(`Step: ${code(c(failure.step), LIMITS.text)}`, '');
    const message = cut(c(failure.message), LIMITS.message)
        .split(/\r\n|\r|\n/)
        .map((l) => l.replace(CONTROL, ''));
    out.push('Error:', '', ...fenced(message, 'text'));
    const { total, tail } = lastLines(failure.output, LIMITS.outputLines);
    if (total > 0) {
        const last = tail.map((l) => terminalLine(c(l)));
        const shown = last.map((l) => cut(l, LIMITS.outputLine));
        const longCut = last.some((l) => l.length > LIMITS.outputLine);
        const what = total > shown.length ? `Last ${shown.length} of ${total} output lines (truncated)` : `Last ${shown.length} output line${shown.length === 1 ? '' : 's'}`;
        out.push('', `<details><summary>${what}${longCut ? ', long lines cut' : ''}</summary>`, '', ...fenced(shown, 'text'), '', '</details>');
    }
    return out;
}
const CUT_NOTE = "_The summary was cut to stay under GitHub's 1 MiB step-summary limit._";
/**
 * Cuts a summary over `maxBytes` after the last line that leaves room to close the code block
 * or <details> the cut leaves open, and says so. renderSummary's parts are capped so that only
 * wide characters in every field at once come near the limit; this is the guarantee.
 */
function fitSummary(markdown, maxBytes = SUMMARY_MAX_BYTES) {
    if (Buffer.byteLength(markdown, 'utf8') <= maxBytes)
        return markdown;
    const lines = Buffer.from(markdown, 'utf8').subarray(0, maxBytes).toString('utf8').split('\n');
    lines.pop(); // cut short (or empty)
    let fence;
    let details = 0;
    let size = 0;
    let keep = 0;
    let ending = ['', CUT_NOTE, ''];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (fence !== undefined) {
            if (line === fence)
                fence = undefined;
        }
        else if (/^`{3,}/.test(line)) {
            fence = /^`+/.exec(line)?.[0];
        }
        else if (line.startsWith('<details>')) {
            details++;
        }
        else if (line.startsWith('</details>')) {
            details--;
        }
        size += Buffer.byteLength(line, 'utf8') + 1;
        const closing = [
            ...(fence !== undefined ? [fence] : []),
            ...Array.from({ length: Math.max(0, details) }, () => ['', '</details>']).flat(),
            '',
            CUT_NOTE,
            '',
        ];
        if (size + Buffer.byteLength(closing.join('\n'), 'utf8') <= maxBytes) {
            keep = i + 1;
            ending = closing;
        }
    }
    return (lines
        .slice(0, keep)
        .map((l) => `${l}\n`)
        .join('') + ending.join('\n'));
}
/** The tags on one line; tags made by `images` rules one per line, each with its rule. */
function tagsSection(tags, rules, c) {
    if (!rules || !tags.some((t) => rules[t] !== undefined))
        return [`Tags: ${list(tags, LIMITS.tags, (t) => code(c(t)))}`];
    const shown = tags.slice(0, LIMITS.tags).map((t) => {
        const rule = rules[t];
        return rule === undefined ? `- ${code(c(t))}` : `- ${code(c(t))} from ${code(c(rule))}`;
    });
    const more = tags.length > LIMITS.tags ? [`- … and ${tags.length - LIMITS.tags} more`] : [];
    return ['Tags:', '', ...shown, ...more];
}
/** The data with BuildKit's step titles (which expand build arguments) back to `$NAME`. */
function withoutArgValues(data) {
    const args = data.buildArgs ?? {};
    if (Object.keys(args).length === 0)
        return data;
    // BuildKit's failure message quotes the expanded command too (`process "/bin/sh -c …" did not complete`).
    const failure = data.failure && {
        ...data.failure,
        message: titleWithoutArgValues(data.failure.message, args),
        ...(data.failure.step === undefined ? {} : { step: titleWithoutArgValues(data.failure.step, args) }),
    };
    return { ...data, steps: stepsWithoutArgValues(data.steps, args), ...(failure ? { failure } : {}) };
}
/** The job summary for a build, as GitHub-flavoured Markdown. */
function renderSummary(given) {
    const data = withoutArgValues(given);
    const masks = maskable(data.secrets);
    const c = (text) => redact(text.replace(ANSI, ''), masks);
    const sections = [];
    const verdict = data.ok ? `✅ Build succeeded in ${formatDuration(data.seconds)}` : `❌ Build failed after ${formatDuration(data.seconds)}`;
    sections.push([`### ${verdict}`]);
    if (data.tags.length > 0)
        sections.push(tagsSection(data.tags, data.tagRules, c));
    sections.push((data.warnings ?? []).slice(0, LIMITS.warnings).map((w) => `> ⚠️ ${md(c(w), LIMITS.message)}`));
    sections.push(platformsSection(data.manifest, c));
    sections.push(builderSection(data.builder, c));
    sections.push(cacheSection(data.cache, data.steps, c, data.cacheSpend));
    sections.push(slowestSection(data.steps, c));
    sections.push(checksSection(data.checks, c));
    sections.push(timelineSection(data, c));
    if (!data.ok && data.failure)
        sections.push(failureSection(data.failure, c));
    const markdown = `${sections
        .filter((s) => s.length > 0)
        .map((s) => s.join('\n'))
        .join('\n\n')}\n`;
    // Once more over the whole, whatever the parts.
    return fitSummary(redact(markdown, masks));
}


/***/ }),

/***/ 91935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ti: () => (/* binding */ legsTimeline),
/* harmony export */   wt: () => (/* binding */ buildTimeline)
/* harmony export */ });
/* unused harmony export TIMELINE_LIMITS */
/* harmony import */ var _cache_output_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58556);

/** Bounds that keep the chart readable, and small for builds with hundreds of steps. */
const TIMELINE_LIMITS = {
    /** Steps shown one bar each per platform (the slowest that ran); the rest are collapsed. */
    barsPerSection: 12,
    sections: 8,
    label: 48,
    /** The chart's size in characters, whatever the build: the limits above keep it under this. */
    maxChars: 12_000,
};
/** The section of steps that belong to no platform: BuildKit's own work (metadata, export, push). */
const BUILDKIT = 'BuildKit';
/** Mermaid's gantt syntax has no escapes: `:` `;` `#` and line breaks end or break a task's text. */
function label(text, max) {
    const plain = text
        .replace(/[:;#%\r\n\t]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const stepMs = (s) => Math.round((s.seconds ?? 0) * 1000);
/** `[linux/arm64 base 2/3] RUN make` → `[base 2/3] RUN make`: the platform is the section's. */
function stepName(step) {
    return step.platform !== undefined ? step.name.replace(`[${step.platform} `, '[') : step.name;
}
/**
 * A platform's bars: each of its slowest steps that ran on its own, everything between them
 * (cached steps, quick ones) collapsed into one bar that says how many steps it holds.
 */
function barsOf(steps, emulated, clean) {
    const ran = steps.filter((s) => !s.cached);
    const kept = new Set([...ran]
        .sort((a, b) => stepMs(b) - stepMs(a) || a.id - b.id)
        .slice(0, TIMELINE_LIMITS.barsPerSection)
        .map((s) => s.id));
    const bars = [];
    let group = [];
    const flush = () => {
        if (group.length === 0)
            return;
        const cached = group.filter((s) => s.cached).length;
        const ms = group.reduce((sum, s) => sum + stepMs(s), 0);
        const what = cached === group.length ? `${cached} cached step${cached === 1 ? '' : 's'}` : `${group.length} steps (${cached} cached)`;
        bars.push({ label: `${what} ${seconds(ms)}`, ms, tag: cached === group.length ? 'done' : undefined });
        group = [];
    };
    for (const step of steps) {
        if (!kept.has(step.id)) {
            group.push(step);
            continue;
        }
        flush();
        const ms = stepMs(step);
        bars.push({ label: `${label(clean(stepName(step)), TIMELINE_LIMITS.label)} ${seconds(ms)}`, ms, tag: emulated ? 'crit' : undefined });
    }
    flush();
    return bars;
}
/** Sections in the order their platforms first appear, BuildKit's own steps last. */
function sectionsOf(steps, platform) {
    const sections = new Map();
    const add = (name, step) => {
        const list = sections.get(name) ?? [];
        list.push(step);
        sections.set(name, list);
    };
    const own = [];
    for (const step of steps) {
        if (step.instruction !== undefined)
            add((0,_cache_output_js__WEBPACK_IMPORTED_MODULE_0__/* .stepPlatform */ ._Y)(step, platform), step);
        // BuildKit's own steps matter only when they took time (pulling metadata, exporting, pushing).
        else if ((step.seconds ?? 0) >= 0.1)
            own.push(step);
    }
    if (own.length > 0)
        sections.set(BUILDKIT, own);
    return sections;
}
function render(sections, more) {
    const lines = ['gantt', '  dateFormat x', '  axisFormat %M:%S'];
    let id = 0;
    for (const { title, bars } of sections) {
        lines.push(`  section ${title}`);
        let at = 0;
        for (const bar of bars) {
            // A bar needs a length: a step that took no measurable time gets one millisecond.
            const end = at + Math.max(1, bar.ms);
            lines.push(`  ${bar.label} :${bar.tag ? `${bar.tag}, ` : ''}t${id++}, ${at}, ${end}`);
            at = end;
        }
    }
    if (more !== '')
        lines.push(`  section ${more}`);
    return lines;
}
/**
 * The build's steps as a gantt chart (the lines of a ```mermaid block), one section per
 * platform; [] when no step took measurable time or ran at all.
 */
function buildTimeline(steps, options) {
    const clean = options.clean ?? ((t) => t);
    const all = [...sectionsOf(steps, options.platform)];
    if (all.every(([, list]) => list.every((s) => s.cached || stepMs(s) === 0)))
        return [];
    const shown = all.slice(0, TIMELINE_LIMITS.sections).map(([name, list]) => {
        const emulated = options.emulated.includes(name);
        return { title: label(clean(emulated ? `${name} (emulated, QEMU)` : name), TIMELINE_LIMITS.label), bars: barsOf(list, emulated, clean) };
    });
    const hidden = all.length - shown.length;
    return render(shown, hidden > 0 ? `${hidden} more platforms not shown` : '');
}
/** Fan-out: one bar per leg, all starting together (the legs run on their own runners at once). */
function legsTimeline(legs) {
    if (legs.length === 0)
        return [];
    const bars = legs.slice(0, TIMELINE_LIMITS.barsPerSection * TIMELINE_LIMITS.sections).map((leg, i) => {
        const ms = Math.round(leg.seconds * 1000);
        const who = label(`${leg.platform}${leg.runner ? ` on ${leg.runner}` : ''}${leg.emulated ? ' (emulated, QEMU)' : ''}`, TIMELINE_LIMITS.label);
        return `  ${who} ${seconds(ms)} :${leg.emulated ? 'crit, ' : ''}l${i}, 0, ${Math.max(1, ms)}`;
    });
    return ['gantt', '  dateFormat x', '  axisFormat %M:%S', '  section Legs', ...bars];
}


/***/ }),

/***/ 74813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Np: () => (/* binding */ runnerIo),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   ak: () => (/* binding */ fileCommandEntry),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony exports escapeData, escapeProperty, command, setFailed */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
// The runner's protocol, spoken directly: inputs from INPUT_* variables, outputs and state through
// the GITHUB_OUTPUT / GITHUB_STATE files, log annotations and masks as `::command::` lines.
// @actions/core does the same, but loading it costs ~45 ms on every run (its OIDC client pulls
// in undici at import), which is most of Kiln's start-up; this is the part Kiln uses, in the
// same formats (__tests__/unit/runner.test.ts checks them against @actions/core's).


/** `%`, CR and LF escaped, as the runner decodes a command's message. */
function escapeData(value) {
    return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
/** A property value also escapes the separators `:` and `,`. */
function escapeProperty(value) {
    return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
function command(name, properties, message) {
    const props = Object.entries(properties)
        .filter((entry) => entry[1] !== undefined && entry[1] !== '')
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',');
    return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}
/** `name<<DELIMITER`, the value, `DELIMITER`: the file-command form that allows any value. */
function fileCommandEntry(name, value, delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`) {
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Unexpected input: ${name} contains the delimiter`);
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
function print(line) {
    process.stdout.write(`${line}\n`);
}
function setSecret(value) {
    print(command('add-mask', {}, value));
}
function info(message) {
    print(message);
}
/** A line the runner shows only with step debug logging on (the e2e harness reads it as a command). */
function debug(message) {
    print(command('debug', {}, message));
}
function annotation(level, message, p) {
    print(command(level, { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn }, message));
}
function warning(message, properties = {}) {
    annotation('warning', message, properties);
}
function notice(message, properties = {}) {
    annotation('notice', message, properties);
}
function error(message, properties = {}) {
    annotation('error', message, properties);
}
/** Fails the step: an error annotation, and a non-zero exit once the process ends. */
function setFailed(message, properties = {}) {
    process.exitCode = 1;
    error(message, properties);
}
function runnerIo(env) {
    const input = (name) => env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] ?? '';
    const writeFileCommand = (variable, name, value) => {
        const file = env[variable];
        if (!file)
            throw new Error(`${variable} is not set: Kiln runs as a step of a GitHub Actions job (or under scripts/local.mjs)`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, fileCommandEntry(name, value), 'utf8');
    };
    return {
        getInput: (name) => input(name).trim(),
        getRawInput: input,
        setOutput: (name, value) => {
            writeFileCommand('GITHUB_OUTPUT', name, value);
        },
        saveState: (name, value) => {
            writeFileCommand('GITHUB_STATE', name, value);
        },
        appendSummary: (markdown) => {
            const file = env.GITHUB_STEP_SUMMARY;
            if (file)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
        },
        setSecret,
        info,
        debug,
        notice,
        warning,
        error,
        setFailed,
    };
}


/***/ })

};
