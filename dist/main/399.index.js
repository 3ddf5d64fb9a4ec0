export const id = 399;
export const ids = [399];
export const modules = {

/***/ 97399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyMetadata: () => (/* binding */ applyMetadata)
});

// EXTERNAL MODULE: ./src/inputs/errors.ts
var errors = __webpack_require__(91318);
// EXTERNAL MODULE: ./src/inputs/buildx-option.ts
var buildx_option = __webpack_require__(66243);
// EXTERNAL MODULE: ./src/inputs/annotations.ts
var inputs_annotations = __webpack_require__(20539);
// EXTERNAL MODULE: ./src/inputs/metadata.ts + 1 modules
var metadata = __webpack_require__(11885);
// EXTERNAL MODULE: ./src/inputs/platforms.ts
var platforms = __webpack_require__(69625);
;// CONCATENATED MODULE: ./src/plan/metadata.ts




const LABEL = 'org.opencontainers.image';
/** metadata-action's tag sanitizing: runs of characters a tag may not hold become `-`. */
function sanitizeTag(tag) {
    return tag.replace(/[^a-zA-Z0-9._-]+/g, '-');
}
// Handlebars, which renders metadata-action's templates, HTML-escapes `{{…}}` output.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
function escapeHtml(text) {
    return text.replace(/[&<>"'`=]/g, (ch) => ESCAPES[ch] ?? ch);
}
/** A moment.js format rendered for the time zone (UTC by default), for the tokens Kiln accepts. */
function formatDate(date, format, tz = 'UTC') {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
    })
        .formatToParts(date)
        .map((p) => [p.type, p.value]));
    const n = (key) => Number(parts[key] ?? '0');
    const pad = (value, width = 2) => String(value).padStart(width, '0');
    const values = {
        YYYY: pad(n('year'), 4),
        YY: pad(n('year') % 100),
        MM: pad(n('month')),
        M: String(n('month')),
        DD: pad(n('day')),
        D: String(n('day')),
        HH: pad(n('hour') % 24),
        H: String(n('hour') % 24),
        mm: pad(n('minute')),
        m: String(n('minute')),
        ss: pad(n('second')),
        s: String(n('second')),
        SSS: pad(date.getUTCMilliseconds(), 3),
        X: String(Math.floor(date.getTime() / 1000)),
        x: String(date.getTime()),
    };
    const token = new RegExp(`\\[([^\\]]*)\\]|${metadata/* DATE_TOKENS */.ct.join('|')}`, 'g');
    return format.replace(token, (match, literal) => literal ?? values[match] ?? match);
}
function render(parts, value) {
    return parts.map((p) => (typeof p === 'string' ? p : escapeHtml(value(p)))).join('');
}
/** The job as the rules see it: a pull_request_target run is about the pull request's ref, as in metadata-action. */
function refOf(event) {
    const number = event.payload.number;
    if (/pull_request_target/.test(event.eventName) && (typeof number === 'number' || typeof number === 'string'))
        return `refs/pull/${number}/merge`;
    return event.ref;
}
/** metadata-action asks the API for the repository; the event payload carries the same object. */
function repoOf(event) {
    const r = (event.payload.repository ?? {});
    const str = (v) => (typeof v === 'string' ? v : '');
    const license = (r.license ?? {});
    return {
        name: str(r.name) || (event.repository.split('/')[1] ?? ''),
        description: str(r.description),
        htmlUrl: str(r.html_url) || (event.repository ? `${event.serverUrl}/${event.repository}` : ''),
        license: str(license?.spdx_id),
        defaultBranch: str(r.default_branch),
    };
}
class Rules {
    event;
    now;
    shortShaLength;
    readVersion;
    flavor;
    warnings = [];
    ref;
    repo;
    constructor(event, now, shortShaLength, readVersion, flavor) {
        this.event = event;
        this.now = now;
        this.shortShaLength = shortShaLength;
        this.readVersion = readVersion;
        this.flavor = flavor;
        this.ref = refOf(event);
        this.repo = repoOf(event);
    }
    shortSha() {
        return this.shortShaLength >= this.event.sha.length ? this.event.sha : this.event.sha.slice(0, this.shortShaLength);
    }
    /**
     * The commit's time, as metadata-action reads it from the event: the push's commit with this
     * SHA, else its head commit. It asks the API after that; Kiln asks nothing and, as
     * metadata-action does when the API fails, uses the run's time, with a warning.
     */
    commitDate() {
        const payload = this.event.payload;
        const commits = Array.isArray(payload.commits) ? payload.commits : [];
        const found = [...commits, payload.head_commit ?? {}].find((c) => c.id === this.event.sha && typeof c.timestamp === 'string');
        const date = typeof found?.timestamp === 'string' ? new Date(found.timestamp) : undefined;
        if (date && !Number.isNaN(date.getTime()))
            return date;
        const warning = `{{commit_date}}: the ${this.event.eventName} event carries no time for commit ${this.event.sha || '(none)'}, so the run's time stands in for it (as metadata-action does when it cannot ask the GitHub API)`;
        if (!this.warnings.includes(warning))
            this.warnings.push(warning);
        return this.now;
    }
    date(e) {
        return formatDate(e.name === 'commit_date' ? this.commitDate() : this.now, e.format ?? '', e.tz);
    }
    /** metadata-action's global expressions, for enable, prefix, suffix and value, and for labels and annotations. */
    global(template, input = 'tags') {
        const parts = (0,metadata/* parseTemplate */.QC)(template, metadata/* GLOBAL_EXPRESSIONS */.SN);
        if (typeof parts === 'string')
            throw new errors/* InputError */.dz(input, template, parts);
        const ref = this.ref;
        return render(parts, (e) => {
            switch (e.name) {
                case 'branch':
                    return /^refs\/heads\//.test(ref) ? ref.replace(/^refs\/heads\//g, '') : '';
                case 'tag':
                    return /^refs\/tags\//.test(ref) ? ref.replace(/^refs\/tags\//g, '') : '';
                case 'sha':
                    return this.shortSha();
                case 'base_ref': {
                    const payload = this.event.payload;
                    if (/^refs\/tags\//.test(ref) && typeof payload.base_ref === 'string')
                        return payload.base_ref.replace(/^refs\/heads\//g, '');
                    if (/^refs\/pull\//.test(ref) && typeof payload.pull_request?.base?.ref === 'string')
                        return payload.pull_request.base.ref;
                    return '';
                }
                case 'is_default_branch': {
                    const branch = ref.replace(/^refs\/heads\//g, '');
                    if (branch === '')
                        return 'false';
                    if (this.repo.defaultBranch === branch)
                        return 'true';
                    // These events always run on the default branch's last commit.
                    return /create|discussion|issues|schedule/.test(this.event.eventName) ? 'true' : 'false';
                }
                default:
                    return this.date(e);
            }
        });
    }
    /** A rule's own prefix and suffix (even an empty one) win over the flavor's. */
    withAffixes(value, rule) {
        const prefix = rule.attrs.prefix ?? this.flavor.prefix;
        const suffix = rule.attrs.suffix ?? this.flavor.suffix;
        return `${this.global(prefix)}${value}${this.global(suffix)}`;
    }
    /** The `latest` tag, with the flavor's prefix and suffix where `onlatest=true` asks for them. */
    latestTag() {
        const f = this.flavor;
        return sanitizeTag(`${f.prefixLatest ? this.global(f.prefix) : ''}latest${f.suffixLatest ? this.global(f.suffix) : ''}`);
    }
    /** The values a rule gives for this event, and whether it asks for `latest` (latest=auto). */
    value(rule) {
        const ref = this.ref;
        const a = rule.attrs;
        switch (rule.type) {
            case 'schedule': {
                if (!/schedule/.test(this.event.eventName))
                    return undefined;
                const parts = (0,metadata/* parseTemplate */.QC)(a.pattern ?? 'nightly', metadata/* SCHEDULE_EXPRESSIONS */.Mb);
                return {
                    value: this.withAffixes(render(parts, (e) => this.date(e)), rule),
                    latest: false,
                };
            }
            case 'semver': {
                const given = a.value ?? '';
                if (!/^refs\/tags\//.test(ref) && given.length === 0)
                    return undefined;
                const raw = given.length > 0 ? this.global(given) : ref.replace(/^refs\/tags\//g, '').replace(/\//g, '-');
                const parsed = this.readVersion(raw);
                if (!parsed) {
                    if (a[metadata/* DEFAULT_MARK */.q7])
                        return undefined;
                    this.warnings.push(`${raw} is not a valid semver, so ${rule.text} gave no tag. More info: https://semver.org/`);
                    return undefined;
                }
                const fields = {
                    raw: parsed.raw,
                    version: parsed.version,
                    major: String(parsed.major),
                    minor: String(parsed.minor),
                    patch: String(parsed.patch),
                };
                const pattern = (0,metadata/* parseTemplate */.QC)(a.pattern ?? '', metadata/* SEMVER_EXPRESSIONS */.lE);
                // A pre-release gets only its full version (or the raw tag when the pattern is exactly {{raw}}), never latest.
                if (parsed.prerelease) {
                    const onlyRaw = pattern.length === 1 && typeof pattern[0] !== 'string' && pattern[0]?.name === 'raw';
                    return { value: this.withAffixes(escapeHtml(onlyRaw ? parsed.raw : parsed.version), rule), latest: false };
                }
                return {
                    value: this.withAffixes(render(pattern, (e) => fields[e.name] ?? ''), rule),
                    latest: true,
                };
            }
            case 'ref': {
                if (a.event === 'branch') {
                    if (!/^refs\/heads\//.test(ref))
                        return undefined;
                    return { value: this.withAffixes(ref.replace(/^refs\/heads\//g, ''), rule), latest: false };
                }
                if (a.event === 'tag') {
                    if (!/^refs\/tags\//.test(ref))
                        return undefined;
                    const tag = ref.replace(/^refs\/tags\//g, '');
                    // Among Kiln's defaults the semver rules have a SemVer tag already.
                    if (a[metadata/* DEFAULT_MARK */.q7] && this.readVersion(tag.replace(/\//g, '-')))
                        return undefined;
                    return { value: this.withAffixes(tag, rule), latest: true };
                }
                if (!/^refs\/pull\//.test(ref))
                    return undefined;
                return { value: this.withAffixes(ref.replace(/^refs\/pull\//g, '').replace(/\/merge$/g, ''), rule), latest: false };
            }
            case 'edge': {
                if (!/^refs\/heads\//.test(ref))
                    return undefined;
                const branch = a.branch || this.repo.defaultBranch;
                if (branch !== ref.replace(/^refs\/heads\//g, ''))
                    return undefined;
                return { value: this.withAffixes('edge', rule), latest: false };
            }
            case 'raw':
                return { value: this.withAffixes(this.global(a.value ?? ''), rule), latest: false };
            case 'sha': {
                if (!this.event.sha)
                    return undefined;
                return { value: this.withAffixes(a.format === 'long' ? this.event.sha : this.shortSha(), rule), latest: false };
            }
        }
    }
    enabled(rule) {
        const enabled = this.global(rule.attrs.enable ?? 'true');
        if (!['true', 'false'].includes(enabled)) {
            throw new errors/* InputError */.dz('tags', rule.text, `enable must come out as true or false; here it is "${enabled}"`);
        }
        return enabled === 'true';
    }
    version(rules) {
        const version = { partial: [] };
        // Highest priority first; equal priorities keep their order (a stable sort, as theirs).
        const sorted = [...rules].sort((x, y) => Number(y.attrs.priority) - Number(x.attrs.priority));
        for (const rule of sorted) {
            if (!this.enabled(rule))
                continue;
            const got = this.value(rule);
            if (!got || got.value.length === 0)
                continue;
            const value = sanitizeTag(got.value);
            if (version.main === undefined) {
                version.main = value;
                version.mainRule = rule.text;
            }
            else if (value !== version.main && !version.partial.some((p) => p.value === value)) {
                version.partial.push({ value, rule: rule.text });
            }
            if (version.latest === undefined) {
                version.latest = this.flavor.latest === 'auto' ? got.latest : this.flavor.latest === 'true';
                version.latestRule = rule.text;
            }
        }
        return version;
    }
    labels(version) {
        return [
            [`${LABEL}.title`, this.repo.name],
            [`${LABEL}.description`, this.repo.description],
            [`${LABEL}.url`, this.repo.htmlUrl],
            [`${LABEL}.source`, this.repo.htmlUrl],
            [`${LABEL}.version`, version],
            [`${LABEL}.created`, this.now.toISOString()],
            [`${LABEL}.revision`, this.event.sha],
            [`${LABEL}.licenses`, this.repo.license],
        ];
    }
}
/**
 * Everything `images` and the rules make for this event: pure, from the inputs (metadata-action's
 * variables among them, read with the inputs), the job's description and the run's time.
 */
function planMetadata(inputs, event, now, readVersion) {
    const flavor = inputs.metadata.flavor;
    const rules = new Rules(event, now, inputs.metadata.shortShaLength, readVersion, flavor);
    const version = rules.version(inputs.metadata.rules);
    const tags = [];
    if (version.main !== undefined) {
        const latest = rules.latestTag();
        const why = flavor.latest === 'auto' ? `flavor latest=auto, after ${version.latestRule ?? ''}` : 'flavor latest=true';
        for (const image of inputs.metadata.images) {
            tags.push({ ref: `${image}:${version.main}`, rule: version.mainRule ?? '' });
            for (const p of version.partial)
                tags.push({ ref: `${image}:${p.value}`, rule: p.rule });
            if (version.latest)
                tags.push({ ref: `${image}:${latest}`, rule: `${latest} (${why})` });
        }
    }
    // metadata-action expands each whole item of `labels` and `annotations` (checked when read).
    const givenLabels = inputs.labels.map((l) => (0,inputs_annotations/* readLabel */.V8)(rules.global(l.raw, 'labels')));
    const givenAnnotations = inputs.annotations.map((a) => {
        const expanded = rules.global(a.raw, 'annotations');
        const read = (0,inputs_annotations/* readAnnotation */._o)(expanded);
        if (read.problem !== undefined)
            throw new errors/* InputError */.dz('annotations', a.raw, `expanded to ${JSON.stringify(expanded)}: ${read.problem}`);
        return read.annotation;
    });
    const generated = rules.labels(version.main ?? '');
    // As metadata-action merges them: the user's labels win, keys sorted.
    const merged = new Map(generated);
    for (const label of givenLabels)
        merged.set(label.key, label.value);
    const labels = [...merged].sort((x, y) => x[0].localeCompare(y[0])).map(([k, v]) => (0,inputs_annotations/* labelOf */.Wy)(k, v));
    // metadata-action annotates the image manifests by default; a multi-platform image is found
    // through its index, so that gets them too. A single-platform image may have no index
    // (BuildKit refuses `index:` annotations then). DOCKER_METADATA_ANNOTATIONS_LEVELS chooses otherwise.
    const chosen = inputs.metadata.annotationLevels;
    const levels = chosen.length > 0 ? [...chosen] : (0,platforms/* multiPlatform */.ZC)(inputs.platforms) ? ['manifest', 'index'] : ['manifest'];
    const annotated = new Set(givenAnnotations.map((a) => a.key));
    const annotations = generated
        .filter(([k]) => !annotated.has(k))
        .sort((x, y) => x[0].localeCompare(y[0]))
        .map(([k, v]) => (0,inputs_annotations/* annotationOf */.lW)(levels, k, v));
    return { tags: dedupe(tags), version: version.main ?? '', labels, annotations, givenAnnotations, warnings: rules.warnings };
}
function dedupe(tags) {
    const seen = new Set();
    return tags.filter((t) => !seen.has(t.ref) && seen.add(t.ref));
}
/**
 * The inputs the build runs with: generated tags first (the cache and login decisions look at
 * the first tag), then the literal ones; the merged labels; the user's annotations plus the
 * generated ones.
 */
function withMetadata(inputs, metadata) {
    const tags = [...new Set([...metadata.tags.map((t) => t.ref), ...inputs.tags])];
    return { ...inputs, tags, labels: metadata.labels, annotations: [...metadata.givenAnnotations, ...metadata.annotations] };
}

;// CONCATENATED MODULE: ./src/plan/apply-metadata.ts



/**
 * Turns `images` and the tag rules into the build's tags, labels and annotations for this event.
 * Without `images` the inputs pass through unchanged, as build-push-action's would.
 */
function applyMetadata(read, event, now, readVersion) {
    const given = read.inputs;
    if (given.metadata.images.length === 0)
        return { inputs: given, warnings: read.warnings };
    // metadata-action's DOCKER_METADATA_PR_HEAD_SHA: a pull request's head commit rather than the merge commit.
    const head = event.payload.pull_request?.head?.sha;
    const sha = given.metadata.prHeadSha && /pull_request/.test(event.eventName) && typeof head === 'string' ? head : event.sha;
    const metadata = planMetadata(given, { ...event, sha }, now, readVersion);
    const inputs = withMetadata(given, metadata);
    if (metadata.tags.length === 0 && inputs.push && inputs.tags.length === 0 && !inputs.outputs.some((o) => (0,buildx_option/* namesOf */.eZ)(o).length > 0)) {
        throw new errors/* InputError */.dz('images', given.metadata.images.join(','), `no tag rule gave a tag for this event (${event.eventName} on ${event.ref || 'no ref'}), so there is nothing to push to; add a rule that applies, e.g. type=sha or type=raw,value=…`);
    }
    const ruleOf = Object.fromEntries(metadata.tags.map((t) => [t.ref, t.rule]));
    const log = [
        `Tags from Git (${event.eventName} on ${event.ref}), version ${metadata.version || '(none)'}:`,
        ...metadata.tags.map((t) => `  ${t.ref}  ← ${t.rule}`),
    ].join('\n');
    return { inputs, metadata: { ...metadata, ruleOf, log }, warnings: [...read.warnings, ...metadata.warnings] };
}


/***/ })

};
