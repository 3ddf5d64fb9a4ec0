export const id = 501;
export const ids = [501,603];
export const modules = {

/***/ 44158:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


/**
 * @license
 * Copyright 2020 Balena Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * ------------------------------------------------------------------------
 *
 * Copyright 2018 Zeit, Inc.
 * Licensed under the MIT License. See file LICENSE.md for a full copy.
 *
 * ------------------------------------------------------------------------
 */

/**
 * This module implements the [dockerignore
 * spec](https://docs.docker.com/engine/reference/builder/#dockerignore-file),
 * closely following Docker's (Moby) Golang implementation:
 * https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go
 * https://github.com/moby/moby/blob/v19.03.8/pkg/archive/archive.go#L825
 *
 * Something the spec is not clear about, but we discovered by reading source code
 * and testing against the "docker build" command, is the handling of backslashes and
 * forward slashes as path separators and escape characters in the .dockerignore file
 * across platforms including Windows, Linux and macOS:
 *
 * * On Linux and macOS, only forward slashes can be used as path separators in the
 *   .dockerignore file, and the backslash works as an escape character.
 * * On Windows, both forward slashes and backslashes are allowed as path separators
 *   in the .dockerignore file, and the backslash is not used as an escape character.
 *
 * This is consistent with how Windows works generally: both forward slashes and
 * backslashes are accepted as path separators by the cmd.exe Command Prompt or
 * PowerShell, and by library functions like the Golang filepath.Clean or the
 * Node.js path.normalize.
 *
 * Similarly, path strings provided to the IgnoreBase.ignores() and IgnoreBase.filter()
 * methods can use either forward slashes or backslashes as path separators on Windows,
 * but only forward slashes are accepted as path separators on Linux and macOS.
 */

const path = __webpack_require__(16928);

const factory = options => new IgnoreBase(options); // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L538-L539
// Fixes typescript module import


factory.default = factory;
module.exports = factory;

function make_array(subject) {
  return Array.isArray(subject) ? subject : [subject];
}

const REGEX_TRAILING_SLASH = /(?<=.)\/$/;
const REGEX_TRAILING_BACKSLASH = /(?<=.)\\$/;
const REGEX_TRAILING_PATH_SEP = path.sep === '\\' ? REGEX_TRAILING_BACKSLASH : REGEX_TRAILING_SLASH;
const KEY_IGNORE = typeof Symbol !== 'undefined' ? Symbol.for('dockerignore') : 'dockerignore'; // An implementation of Go's filepath.Clean
// https://golang.org/pkg/path/filepath/#Clean
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Note that, like Go, on Windows this function converts forward slashes
// to backslashes.

function cleanPath(file) {
  return path.normalize(file).replace(REGEX_TRAILING_PATH_SEP, '');
} // Javascript port of Golang's filepath.ToSlash
// https://golang.org/pkg/path/filepath/#ToSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go
// Convert any OS-specific path separator to '/'. Backslash is converted
// to forward slash on Windows, but not on Linux/macOS.
// Note that both forward slashes and backslashes are valid path separators on
// Windows. As a result, code such as `pattern.split(path.sep).join('/')` fails
// on Windows when forward slashes are used as path separators.


function toSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\\/g, '/');
} // Javascript port of Golang's filepath.FromSlash
// https://github.com/golang/go/blob/master/src/path/filepath/path.go


function fromSlash(file) {
  if (path.sep === '/') {
    return file;
  }

  return file.replace(/\//g, path.sep);
}

class IgnoreBase {
  constructor({
    // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L372
    ignorecase = true
  } = {}) {
    this._rules = [];
    this._ignorecase = ignorecase;
    this[KEY_IGNORE] = true;

    this._initCache();
  }

  _initCache() {
    this._cache = {};
  } // @param {Array.<string>|string|Ignore} pattern


  add(pattern) {
    this._added = false;

    if (typeof pattern === 'string') {
      pattern = pattern.split(/\r?\n/g);
    }

    make_array(pattern).forEach(this._addPattern, this); // Some rules have just added to the ignore,
    // making the behavior changed.

    if (this._added) {
      this._initCache();
    }

    return this;
  } // legacy


  addPattern(pattern) {
    return this.add(pattern);
  }

  _addPattern(pattern) {
    // https://github.com/kaelzhang/node-ignore/issues/32
    if (pattern && pattern[KEY_IGNORE]) {
      this._rules = this._rules.concat(pattern._rules);
      this._added = true;
      return;
    }

    if (this._checkPattern(pattern)) {
      const rule = this._createRule(pattern.trim());

      if (rule !== null) {
        this._added = true;

        this._rules.push(rule);
      }
    }
  }

  _checkPattern(pattern) {
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L34-L40
    return pattern && typeof pattern === 'string' && pattern.indexOf('#') !== 0 && pattern.trim() !== "";
  }

  filter(paths) {
    return make_array(paths).filter(path => this._filter(path));
  }

  createFilter() {
    return path => this._filter(path);
  }

  ignores(path) {
    return !this._filter(path);
  } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L41-L53
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L29-L55


  _createRule(pattern) {
    const origin = pattern;
    let negative = false; // > An optional prefix "!" which negates the pattern;
    // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L43-L46

    if (pattern[0] === '!') {
      negative = true;
      pattern = pattern.substring(1).trim();
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L47-L53


    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      pattern = toSlash(pattern);

      if (pattern.length > 1 && pattern[0] === '/') {
        pattern = pattern.slice(1);
      }
    } // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L54-L55


    if (negative) {
      pattern = '!' + pattern;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L30


    pattern = pattern.trim();

    if (pattern === "") {
      return null;
    } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L34
    // convert forward slashes to backslashes on Windows


    pattern = cleanPath(pattern); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L36-L42

    if (pattern[0] === '!') {
      if (pattern.length === 1) {
        return null;
      }

      negative = true;
      pattern = pattern.substring(1);
    } else {
      negative = false;
    }

    return {
      origin,
      pattern,
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L54
      dirs: pattern.split(path.sep),
      negative
    };
  } // @returns `Boolean` true if the `path` is NOT ignored


  _filter(path) {
    if (!path) {
      return false;
    }

    if (path in this._cache) {
      return this._cache[path];
    }

    return this._cache[path] = this._test(path);
  } // @returns {Boolean} true if a file is NOT ignored
  // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L62


  _test(file) {
    file = fromSlash(file); // equivalent to golang filepath.Dir() https://golang.org/src/path/filepath/path.go

    const parentPath = cleanPath(path.dirname(file));
    const parentPathDirs = parentPath.split(path.sep);
    let matched = false;

    this._rules.forEach(rule => {
      let match = this._match(file, rule); // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L80


      if (!match && parentPath !== ".") {
        // Check to see if the pattern matches one of our parent dirs.
        if (rule.dirs.includes('**')) {
          // Ah shucks! We have to test every possible parent path that has 
          // a number of dirs _n_ where 
          // `rule.dirs.filter(doubleStar).length <= _n_ <= parentPathDirs.length`
          // since the ** can imply any number of directories including 0
          for (let i = rule.dirs.filter(x => x !== '**').length; i <= parentPathDirs.length; i++) {
            match = match || this._match(parentPathDirs.slice(0, i).join(path.sep), rule);
          }
        } else if (rule.dirs.length <= parentPathDirs.length) {
          // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L83
          match = this._match(parentPathDirs.slice(0, rule.dirs.length).join(path.sep), rule);
        }
      }

      if (match) {
        matched = !rule.negative;
      }
    });

    return !matched;
  } // @returns {Boolean} true if a file is matched by a rule


  _match(file, rule) {
    return this._compile(rule).regexp.test(file);
  } // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L139


  _compile(rule) {
    if (rule.regexp) {
      return rule;
    }

    let regStr = '^'; // Go through the pattern and convert it to a regexp.

    let escapedSlash = path.sep === '\\' ? '\\\\' : path.sep;

    for (let i = 0; i < rule.pattern.length; i++) {
      const ch = rule.pattern[i];

      if (ch === '*') {
        if (rule.pattern[i + 1] === '*') {
          // is some flavor of "**"
          i++; // Treat **/ as ** so eat the "/"

          if (rule.pattern[i + 1] === path.sep) {
            i++;
          }

          if (rule.pattern[i + 1] === undefined) {
            // is "**EOF" - to align with .gitignore just accept all
            regStr += ".*";
          } else {
            // is "**"
            // Note that this allows for any # of /'s (even 0) because
            // the .* will eat everything, even /'s
            regStr += `(.*${escapedSlash})?`;
          }
        } else {
          // is "*" so map it to anything but "/"
          regStr += `[^${escapedSlash}]*`;
        }
      } else if (ch === '?') {
        // "?" is any char except "/"
        regStr += `[^${escapedSlash}]`;
      } else if (ch === '.' || ch === '$') {
        // Escape some regexp special chars that have no meaning
        // in golang's filepath.Match
        regStr += `\\${ch}`;
      } else if (ch === '\\') {
        // escape next char. Note that a trailing \ in the pattern
        // will be left alone (but need to escape it)
        if (path.sep === '\\') {
          // On windows map "\" to "\\", meaning an escaped backslash,
          // and then just continue because filepath.Match on
          // Windows doesn't allow escaping at all
          regStr += escapedSlash;
          continue;
        }

        if (rule.pattern[i + 1] !== undefined) {
          regStr += '\\' + rule.pattern[i + 1];
          i++;
        } else {
          regStr += '\\';
        }
      } else {
        regStr += ch;
      }
    }

    regStr += "$";
    rule.regexp = new RegExp(regStr, this._ignorecase ? 'i' : '');
    return rule;
  }

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

/***/ 71492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ sendOnce),
/* harmony export */   _: () => (/* binding */ nodeTransport)
/* harmony export */ });
/** The two methods of `Headers` the registry client reads, over Node's header record. */
function headersOf(raw) {
    const get = (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    return { get, has: (name) => get(name) !== null };
}
async function sendOnce(request, policy, redirects = 5) {
    const url = new URL(request.url);
    const { request: send } = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
    const method = request.method ?? (request.body !== undefined ? 'POST' : 'GET');
    return new Promise((resolve, reject) => {
        const req = send(url, { method, headers: request.headers, timeout: policy.attemptMs }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                const status = res.statusCode ?? 0;
                const location = res.headers.location;
                if ([301, 302, 303, 307, 308].includes(status) && location && redirects > 0) {
                    const next = new URL(location, url);
                    const headers = { ...request.headers };
                    if (next.host !== url.host)
                        delete headers.Authorization;
                    sendOnce({ ...request, url: next, headers, method: status === 303 ? 'GET' : method }, policy, redirects - 1).then(resolve, reject);
                    return;
                }
                resolve({ status, ok: status >= 200 && status < 300, headers: headersOf(res.headers), body: Buffer.concat(chunks), attempts: 1 });
            });
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.attemptMs} ms`)));
        req.on('error', reject);
        req.end(request.body);
    });
}
/**
 * `send`'s transport over node:http / node:https, for a phase that makes many requests where
 * loading undici would be most of its CPU (signing). `signal` ends the attempt, body included;
 * redirects are followed as `fetch` follows them.
 */
const nodeTransport = async (url, init, redirects = 5) => {
    const target = new URL(url);
    const { request: open } = target.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 44708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 37067, 23));
    const headers = { ...init.headers };
    if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
        headers['Content-Length'] = String(Buffer.byteLength(init.body));
    const answer = await new Promise((resolve, reject) => {
        const req = open(target, { method: init.method, headers, signal: init.signal }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                resolve({ status: res.statusCode ?? 0, raw: res.headers, body: Buffer.concat(chunks) });
            });
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(init.body);
    });
    const location = answer.raw.location;
    if ([301, 302, 303, 307, 308].includes(answer.status) && location && redirects > 0) {
        const next = new URL(location, target);
        // As fetch does: a 303, or a 301/302 after a POST, becomes a GET without a body or the headers
        // that describe one; Authorization stays on the host only.
        const get = answer.status === 303 || ((answer.status === 301 || answer.status === 302) && init.method === 'POST');
        const nextHeaders = Object.fromEntries(Object.entries(init.headers).filter(([name]) => !(next.host !== target.host && name.toLowerCase() === 'authorization') && !(get && /^content-(type|length|encoding|language|location)$/i.test(name))));
        return nodeTransport(next, { ...init, headers: nextHeaders, ...(get ? { method: 'GET', body: undefined } : {}) }, redirects - 1);
    }
    return { status: answer.status, headers: headersOf(answer.raw), body: answer.body };
};


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


/***/ }),

/***/ 30603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseDockerfile: () => (/* binding */ parseDockerfile),
/* harmony export */   substitute: () => (/* binding */ substitute)
/* harmony export */ });
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78390);
/* harmony import */ var _lists_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67560);
// A Dockerfile as plain data: its stages and their FROM images with ARGs expanded, what each
// stage builds on or copies from, and its RUN cache mounts. The target check, the base images
// (registry logins, a builder's network) and the cache mounts all plan from this one value.
// Loaded lazily, with dockerfile-ast, only by the steps that need one of those.


/** Shell-style ARG expansion as BuildKit does it: $V, ${V}, ${V:-default}, ${V-default}, ${V:+alt}, ${V+alt}. */
function substitute(text, args) {
    return text.replace(/\$\{(\w+)(:?[-+])([^}]*)\}|\$\{(\w+)\}|\$(\w+)/g, (whole, name, op, word, braced, bare) => {
        if (name !== undefined && op !== undefined) {
            const value = args[name];
            const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
            return op.endsWith('-') ? (set ? (value ?? '') : (word ?? '')) : set ? (word ?? '') : '';
        }
        const key = braced ?? bare ?? '';
        return key in args ? (args[key] ?? '') : whole;
    });
}
/** The Dockerfile `text` as plain data, its FROM lines and flags expanded with the global ARGs and `buildArgs` over them. */
// Parsed on every call, no tree kept between calls: a step parses its Dockerfile once at set-up
// (setup/apply-setup.ts), and a second time at read time only when `target` is set.
function parseDockerfile(text, buildArgs) {
    const parsed = dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__.DockerfileParser.parse(text);
    const args = {};
    // Global ARGs (before the first FROM) give FROM lines and flags their defaults; build-args win.
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
        line: from.getRange().start.line,
        needs: [],
    }));
    const stageOf = (ref) => stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref)?.index;
    const needs = new Map();
    for (const stage of stages) {
        stage.parent = stageOf(stage.from);
        needs.set(stage.index, new Set(stage.parent === undefined ? [] : [stage.parent]));
    }
    const cacheMounts = [];
    const inStage = (line) => [...stages].reverse().find((s) => s.line <= line);
    for (const instruction of parsed.getInstructions()) {
        const line = instruction.getRange().start.line;
        const stage = inStage(line);
        if (!stage)
            continue;
        const deps = needs.get(stage.index) ?? new Set();
        const flags = 'getFlags' in instruction ? instruction.getFlags() : [];
        for (const flag of flags) {
            const value = substitute(flag.getValue() ?? '', args);
            const name = flag.getName();
            if (name === 'from') {
                const from = stageOf(value);
                if (from !== undefined)
                    deps.add(from);
            }
            if (name !== 'mount')
                continue;
            const attrs = (0,_lists_js__WEBPACK_IMPORTED_MODULE_1__/* .parseAttributes */ .vB)(value);
            if (attrs.from) {
                const from = stageOf(attrs.from);
                if (from !== undefined)
                    deps.add(from);
            }
            if (instruction.getKeyword() === 'RUN' && attrs.type === 'cache')
                cacheMounts.push({ stage: stage.index, line, attrs });
        }
    }
    for (const stage of stages)
        stage.needs = [...(needs.get(stage.index) ?? [])];
    return { stages, cacheMounts };
}


/***/ }),

/***/ 5733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ei: () => (/* binding */ exportKey),
/* harmony export */   FY: () => (/* binding */ afterSkippedExport),
/* harmony export */   "in": () => (/* binding */ decideReexport)
/* harmony export */ });
/* unused harmony export sameBuild */
/* harmony import */ var _inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66243);

/**
 * The export settings and platforms as one text: another mode, compression or platform list writes
 * another cache, so it must be exported again. Credentials are hidden (shownEntry).
 */
function exportKey(cacheTo, platforms) {
    return JSON.stringify({ to: cacheTo.map(_inputs_buildx_option_js__WEBPACK_IMPORTED_MODULE_0__/* .shownEntry */ .qF).sort(), platforms: [...platforms].sort() });
}
/** The same build, as far as it is known before it runs: the base images' digests are known only from its log. */
function sameBuild(a, b) {
    const known = (f) => JSON.stringify({ v: f.v, dockerfile: f.dockerfile, target: f.target, steps: f.steps, needs: f.needs });
    return known(a) === known(b);
}
/**
 * Skip `--cache-to` when the scope this build writes is the first it reads and holds the cache of
 * this very build, exported with these settings. Anything else exports as usual.
 */
function decideReexport({ cache, platforms, current, stored }) {
    if (cache.kind !== 'managed' || cache.backend === 'inline')
        return { skip: false, why: 'not-managed' };
    if (cache.write === undefined || cache.cacheTo.length === 0)
        return { skip: false, why: 'no-write' };
    // The build must read what it would overwrite: a fallback scope's cache is no copy of this one's.
    if (cache.reads[0] !== cache.write)
        return { skip: false, why: 'reads-elsewhere-first' };
    if (!stored)
        return { skip: false, why: 'no-fingerprint' };
    if (stored.scope !== cache.write)
        return { skip: false, why: 'other-scope' };
    if (stored.exported === undefined)
        return { skip: false, why: 'not-exported' };
    if (stored.exported !== exportKey(cache.cacheTo, platforms))
        return { skip: false, why: 'export-changed' };
    if (!sameBuild(current, stored.fingerprint))
        return { skip: false, why: 'build-changed' };
    return { skip: true, line: `Cache unchanged: not re-exported (${cache.write} holds the cache of this same build)` };
}
/**
 * After a build that skipped its export: either the cache still holds all of it (nothing to
 * store), or the stored record must stop claiming so, so that the next build exports again.
 */
function afterSkippedExport(outcome) {
    const why = outcome.importProblems > 0
        ? 'the cache import did not find it'
        : outcome.ran > 0
            ? `${outcome.ran} step${outcome.ran === 1 ? '' : 's'} ran`
            : sortedBases(outcome.bases) !== sortedBases(outcome.storedBases)
                ? 'a base image changed'
                : undefined;
    if (why === undefined)
        return { holds: true };
    return { holds: false, line: `Cache: not re-exported, but ${why}: the cache is not current; the next build exports it` };
}
/**
 * The digests the base images resolved to, as one text. Not per platform and stage: BuildKit's log
 * shows a step shared by several platforms or stages once, under any one of their names.
 */
function sortedBases(bases) {
    return JSON.stringify([...new Set(Object.values(bases).flatMap((stages) => Object.values(stages)))].sort());
}


/***/ }),

/***/ 71731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bi: () => (/* binding */ baseDigests),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   T7: () => (/* binding */ filesUsed),
/* harmony export */   XW: () => (/* binding */ contextFiles),
/* harmony export */   _z: () => (/* binding */ dockerfileSteps)
/* harmony export */ });
/* unused harmony exports argHash, filesOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _balena_dockerignore__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44158);
/* harmony import */ var _balena_dockerignore__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_balena_dockerignore__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(78390);
/* harmony import */ var _inputs_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30603);
// A build's fingerprint: what BuildKit's cache keys depend on, per Dockerfile step, small enough
// to store beside the cache (report/fingerprint-store.ts) and compare with the next build's
// (plan/cache-miss.ts). It holds the instructions as written (never expanded), build-argument
// names with hashes of their values (never a value), the digests of the context files each
// COPY/ADD reads and the digests the base images resolved to. Pure: the caller lists and hashes
// the context files and hands over the build log's steps.




const loaded = (_balena_dockerignore__WEBPACK_IMPORTED_MODULE_1___default());
const dockerignore = typeof loaded === 'function' ? loaded : loaded.default;
const COUNTED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
/** A value's hash, salted with the name: equal values of two arguments do not look alike. */
function argHash(name, value) {
    if (value === undefined)
        return 'unset';
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`kiln-build-arg\0${name}\0${value}`).digest('hex').slice(0, 16);
}
const collapse = (text) => text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/**
 * The Dockerfile's steps as BuildKit numbers them (`[base 3/6]`), with the ARGs each RUN sees
 * (build-args over the Dockerfile's defaults) hashed, and the context sources each COPY / ADD
 * reads, expanded (kept out of the stored fingerprint).
 */
function dockerfileSteps(text, buildArgs) {
    const parsed = dockerfile_ast__WEBPACK_IMPORTED_MODULE_2__.DockerfileParser.parse(text);
    const froms = parsed.getFROMs();
    const firstFrom = froms[0]?.getRange().start.line ?? Infinity;
    const globalDefaults = {};
    const names = froms.map((from, i) => from.getBuildStage()?.toLowerCase() ?? `stage-${i}`);
    // BuildKit names the stage in a step's title only when there are several (`[2/3]`, `[base 2/3]`).
    const titled = (i) => (froms.length === 1 ? '' : (names[i] ?? `stage-${i}`));
    const stageRef = (ref) => {
        const i = names.findIndex((n, index) => n === ref.toLowerCase() || String(index) === ref);
        return i === -1 ? undefined : titled(i);
    };
    const steps = [];
    const needs = {};
    let stage = -1;
    let n = 0;
    let scope = {};
    const stageNeeds = new Set();
    const closeStage = () => {
        if (stage >= 0)
            needs[titled(stage)] = [...stageNeeds];
        stageNeeds.clear();
    };
    for (const instruction of parsed.getInstructions()) {
        const keyword = instruction.getKeyword();
        const line = instruction.getRange().start.line;
        if (line < firstFrom) {
            if (keyword === 'ARG')
                for (const arg of argsOf(instruction.getArgumentsContent() ?? ''))
                    globalDefaults[arg.name] = arg.value;
            continue;
        }
        const shown = collapse(instruction.getTextContent());
        if (keyword === 'FROM') {
            closeStage();
            stage += 1;
            n = 0;
            scope = {};
            const image = (0,_inputs_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__.substitute)(froms[stage]?.getImage() ?? '', { ...defined(globalDefaults), ...buildArgs });
            const parent = stageRef(image);
            if (parent !== undefined)
                stageNeeds.add(parent);
            else if (image !== 'scratch')
                steps.push({ stage: titled(stage), n: ++n, line: line + 1, text: shown });
            continue;
        }
        if (stage < 0)
            continue;
        if (keyword === 'ARG') {
            for (const arg of argsOf(instruction.getArgumentsContent() ?? ''))
                scope[arg.name] = arg.value ?? globalDefaults[arg.name];
            continue;
        }
        if (!COUNTED.has(keyword))
            continue;
        const flags = 'getFlags' in instruction ? instruction.getFlags() : [];
        const values = { ...defined(scope), ...pick(buildArgs, Object.keys(scope)) };
        for (const flag of flags) {
            const from = flag.getName() === 'from' ? flag.getValue() : flag.getName() === 'mount' ? /(?:^|,)from=([^,]+)/.exec(flag.getValue() ?? '')?.[1] : undefined;
            const ref = from === undefined || from === null ? undefined : stageRef((0,_inputs_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__.substitute)(from, values));
            if (ref !== undefined)
                stageNeeds.add(ref);
        }
        const step = { stage: titled(stage), n: ++n, line: line + 1, text: shown };
        if (keyword === 'RUN') {
            step.args = Object.fromEntries(Object.keys(scope)
                .sort()
                .map((name) => [name, argHash(name, buildArgs[name] ?? scope[name])]));
        }
        const fromContext = !flags.some((f) => f.getName() === 'from');
        if ((keyword === 'COPY' || keyword === 'ADD') && fromContext) {
            step.sources = sourcesOf(instruction.getArgumentsContent() ?? '').map((s) => (0,_inputs_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__.substitute)(s, values));
        }
        steps.push(step);
    }
    closeStage();
    return { steps, needs };
}
function defined(record) {
    return Object.fromEntries(Object.entries(record).filter((e) => e[1] !== undefined));
}
function pick(record, keys) {
    return Object.fromEntries(keys.flatMap((k) => (record[k] === undefined ? [] : [[k, record[k]]])));
}
/** `ARG A=1 B` → names with their defaults. */
function argsOf(content) {
    return content
        .split(/\s+/)
        .filter(Boolean)
        .map((item) => {
        const eq = item.indexOf('=');
        return eq === -1 ? { name: item } : { name: item.slice(0, eq), value: item.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2') };
    });
}
/** The sources of `COPY a b dest` / `COPY ["a", "b", "dest"]`: URLs, Git and heredocs read no context file. */
function sourcesOf(content) {
    let args;
    if (content.trim().startsWith('[')) {
        try {
            args = JSON.parse(content).map(String);
        }
        catch {
            args = [];
        }
    }
    else {
        if (content.includes('<<'))
            return [];
        args = content.split(/\s+/).filter(Boolean);
    }
    return args.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('git@'));
}
const normal = (p) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '');
/** The context files (relative, `/`-separated) that `sources` name: a directory its files, a glob its matches. */
function filesOf(sources, paths) {
    // Steps repeat their sources (and filesUsed and fingerprint ask for the same ones): matched once per list of paths.
    const memo = matched.get(paths) ?? new Map();
    matched.set(paths, memo);
    const key = sources.join('\0');
    const known = memo.get(key);
    if (known)
        return known;
    const patterns = sources.map(normal);
    const matcher = patterns.some((p) => p === '' || p === '.' || p === '*') ? undefined : dockerignore().add(patterns);
    const files = matcher ? paths.filter((p) => matcher.ignores(p)) : [...paths];
    memo.set(key, files);
    return files;
}
const matched = new WeakMap();
/** Every context file some COPY / ADD step reads: the only ones worth hashing. */
function filesUsed(dockerfile, paths) {
    const used = new Set();
    for (const step of dockerfile.steps)
        if (step.sources)
            for (const p of filesOf(step.sources, paths))
                used.add(p);
    return [...used].sort();
}
/** The context's files minus those `.dockerignore` excludes (its text, '' for none). */
function contextFiles(paths, ignoreText) {
    const patterns = ignoreText
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
    if (patterns.length === 0)
        return [...paths];
    const matcher = dockerignore().add(patterns);
    return paths.filter((p) => !matcher.ignores(p));
}
const DIGEST = /@(sha256:[0-9a-f]{64})/;
/**
 * Per platform and stage, the digest each FROM image resolved to, from the log's FROM steps
 * (`[linux/arm64 base 1/6] FROM image@sha256:…`). `platform`: the one a log without platforms built.
 */
function baseDigests(steps, platform) {
    const bases = {};
    for (const step of steps) {
        if (!step.instruction?.startsWith('FROM '))
            continue;
        const digest = DIGEST.exec(step.instruction)?.[1];
        if (digest === undefined)
            continue;
        const on = step.platform ?? platform;
        (bases[on] ??= {})[step.stage ?? ''] = digest;
    }
    return bases;
}
/** The fingerprint, from the Dockerfile's steps, the used files' digests and the bases. */
function fingerprint(dockerfile, which, digests, paths, bases) {
    const steps = dockerfile.steps.map(({ sources, ...step }) => {
        if (!sources)
            return step;
        const files = Object.fromEntries(filesOf(sources, paths).map((p) => [p, digests[p] ?? '?']));
        return { ...step, files };
    });
    return { v: 1, dockerfile: which.dockerfile, target: which.target, steps, needs: dockerfile.needs, bases };
}


/***/ }),

/***/ 91579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ buildFingerprint)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71731);
// This build's fingerprint (plan/fingerprint.ts) from the files on disk: the Dockerfile, the
// `.dockerignore` and the context files its COPY / ADD steps read. The base images' digests come
// from the build's log, so before the build they are left empty.




/** Every file below `root` (relative, `/`-separated), the `.git` directory left out. */
function walk(root) {
    const out = [];
    const visit = (dir, prefix) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir, { withFileTypes: true })) {
            if (prefix === '' && entry.name === '.git')
                continue;
            const rel = prefix + entry.name;
            if (entry.isDirectory())
                visit(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, entry.name), `${rel}/`);
            else if (entry.isFile() || entry.isSymbolicLink())
                out.push(rel);
        }
    };
    visit(root, '');
    return out.sort();
}
const digestOf = (file) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file)).digest('hex').slice(0, 16);
/** The fingerprint of the build of `context` (a directory on disk), with the given base digests. */
function buildFingerprint(context, buildArgs, target, bases) {
    const steps = (0,_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerfileSteps */ ._z)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(context.dockerfile, 'utf8'), buildArgs);
    let ignore = '';
    try {
        ignore = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(context.path, '.dockerignore'), 'utf8');
    }
    catch {
        // No .dockerignore: the whole context.
    }
    const paths = (0,_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__/* .contextFiles */ .XW)(walk(context.path), ignore);
    const used = (0,_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__/* .filesUsed */ .T7)(steps, paths);
    const digests = Object.fromEntries(used.map((p) => [p, digestOf(node_path__WEBPACK_IMPORTED_MODULE_2__.join(context.path, p))]));
    const which = { dockerfile: node_path__WEBPACK_IMPORTED_MODULE_2__.relative(context.path, context.dockerfile).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/'), target };
    return (0,_plan_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__/* .fingerprint */ .Rj)(steps, which, digests, paths, bases);
}


/***/ }),

/***/ 40687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _: () => (/* binding */ fingerprintStore)
});

// UNUSED EXPORTS: fingerprintRef

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/github/actions-service.ts
var actions_service = __webpack_require__(31814);
// EXTERNAL MODULE: ./src/github/http-node.ts
var http_node = __webpack_require__(71492);
// EXTERNAL MODULE: ./src/github/http.ts
var http = __webpack_require__(78003);
// EXTERNAL MODULE: ./src/plan/cache.ts
var cache = __webpack_require__(70769);
// EXTERNAL MODULE: ./src/process/docker.ts
var docker = __webpack_require__(73429);
;// CONCATENATED MODULE: ./src/report/tar-entry.ts
// Reads one file out of an image layer without a tar library: layers Kiln reads hold one small file.
/** One regular file's bytes from a tar archive (ustar headers of 512 bytes). */
function tarEntry(tar, name) {
    for (let at = 0; at + 512 <= tar.length;) {
        const header = tar.subarray(at, at + 512);
        const entry = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
        if (entry === '')
            return undefined;
        const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
        if (entry.replace(/^\.?\//, '') === name)
            return tar.subarray(at + 512, at + 512 + size);
        at += 512 + Math.ceil(size / 512) * 512;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/sign/deadline.ts
var deadline = __webpack_require__(25701);
// EXTERNAL MODULE: ./src/sign/registry.ts
var registry = __webpack_require__(542);
;// CONCATENATED MODULE: ./src/report/fingerprint-store.ts
// Where a build's fingerprint (plan/fingerprint.ts) is kept: beside the cache it describes, in the
// same backend, so it lives and goes with it. Actions cache: a small entry per scope, newest
// first (as BuildKit's own index). Local: a file in the cache directory @actions/cache carries.
// Registry: a small image tagged beside the cache ref, with the fingerprint as its one file.
// A store that fails costs the explanation, never the build: every failure reads as "none".












// A few seconds at most: the explanation is worth less than the step's time.
const QUICK = { attemptMs: 5_000, budgetMs: 10_000, attempts: 2, baseMs: 200, maxMs: 1_000 };
const VERSION = (0,external_node_crypto_.createHash)('sha256').update('kiln-fingerprint-v1').digest('hex');
const LOCAL_FILE = 'kiln-fingerprint.json';
function parse(text) {
    try {
        const stored = JSON.parse(text);
        return stored?.fingerprint?.v === 1 && typeof stored.scope === 'string' ? stored : undefined;
    }
    catch {
        return undefined;
    }
}
/** The store for the backend this build's cache plan uses, if it has one. */
function fingerprintStore(plan, env, builder, tempDir) {
    if (plan.kind !== 'managed')
        return undefined;
    if (plan.backend === 'gha')
        return ghaStore(plan, env);
    if (plan.backend === 'local' && plan.local)
        return localStore(plan.local.dir);
    if (plan.backend === 'registry')
        return registryStore(plan, env, builder ? ['--builder', builder] : [], tempDir);
    return undefined;
}
function ghaStore(plan, env) {
    const service = (0,cache/* actionsCacheService */.ZY)(env);
    const token = env.ACTIONS_RUNTIME_TOKEN;
    if (service?.version !== 2 || !token)
        return undefined;
    const endpoint = { url: service.url, token };
    const prefix = (scope) => `kiln-fingerprint-${scope}-`;
    const newest = async (scopes) => {
        const [first] = scopes;
        if (first === undefined)
            return undefined;
        const found = await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'GetCacheEntryDownloadURL', { key: prefix(first), restore_keys: scopes.map(prefix), version: VERSION }, QUICK);
        if (found.ok !== true || typeof found.signed_download_url !== 'string')
            return undefined;
        const res = await (0,http/* send */.tN)({ url: found.signed_download_url }, QUICK);
        return res.ok ? parse(res.body.toString('utf8')) : undefined;
    };
    return {
        read: () => newest(plan.reads),
        readWritten: () => newest(plan.write === undefined ? [] : [plan.write]),
        async write(stored) {
            if (plan.write === undefined)
                return;
            const body = JSON.stringify(stored);
            const key = `${prefix(plan.write)}${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex').slice(0, 16)}`;
            let created;
            try {
                created = await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'CreateCacheEntry', { key, version: VERSION }, QUICK);
            }
            catch (error) {
                // The same fingerprint is there already.
                if (error.code === 'already_exists')
                    return;
                throw error;
            }
            if (created.ok !== true || typeof created.signed_upload_url !== 'string')
                throw new Error('CacheService.CreateCacheEntry answered ok: false');
            const put = await (0,http/* send */.tN)({ method: 'PUT', url: created.signed_upload_url, headers: { 'x-ms-blob-type': 'BlockBlob' }, body }, QUICK);
            if (!put.ok)
                throw new Error(`the fingerprint upload answered HTTP ${put.status}`);
            await (0,actions_service/* twirp */.lo)(endpoint, 'CacheService', 'FinalizeCacheEntryUpload', { key, size_bytes: String(Buffer.byteLength(body)), version: VERSION }, QUICK);
        },
    };
}
/** In the directory BuildKit exports the cache to and @actions/cache restores and saves. */
function localStore(dir) {
    const file = external_node_path_.join(dir, LOCAL_FILE);
    const read = () => {
        try {
            return Promise.resolve(parse((0,external_node_fs_.readFileSync)(file, 'utf8')));
        }
        catch {
            return Promise.resolve(undefined);
        }
    };
    return {
        read,
        readWritten: read,
        write(stored) {
            (0,external_node_fs_.writeFileSync)(file, JSON.stringify(stored));
            return Promise.resolve();
        },
    };
}
/** `ref:tag` → `ref:tag-fingerprint`; an untagged ref gets `:fingerprint`. */
function fingerprintRef(cacheRef) {
    const slash = cacheRef.lastIndexOf('/');
    return cacheRef.slice(slash + 1).includes(':') ? `${cacheRef}-fingerprint` : `${cacheRef}:fingerprint`;
}
/**
 * Beside each cache ref, a one-file image (`<ref>-fingerprint`) pushed by the same builder with
 * the same credentials; read back as an OCI layout export of that image, which needs nothing but
 * buildx.
 */
function registryStore(plan, env, builderArg, tempDir) {
    const refs = (entries) => entries.map((e) => e.attrs.ref).filter((r) => r !== undefined);
    const reads = refs(plan.cacheFrom);
    const [written] = refs(plan.cacheTo);
    return {
        async read() {
            for (const [i, ref] of reads.entries()) {
                // Through the registry's API first (no process); buildx only when that cannot read it.
                const found = await readOverHttp(fingerprintRef(ref), env).then((stored) => ({ read: true, stored }), () => ({ read: false, stored: undefined }));
                if (found.stored)
                    return { ...found.stored, scope: found.stored.scope || (plan.reads[i] ?? '') };
                if (found.read)
                    continue;
                const dir = (0,external_node_fs_.mkdtempSync)(external_node_path_.join(tempDir, 'kiln-fp-'));
                try {
                    (0,external_node_fs_.writeFileSync)(external_node_path_.join(dir, 'Dockerfile'), `FROM ${fingerprintRef(ref)}\n`);
                    const { exitCode } = await (0,docker/* dockerOutput */.oH)(['buildx', 'build', ...builderArg, '--quiet', '--output', `type=local,dest=${dir}/out`, dir], env, {
                        timeoutMs: 30_000,
                    });
                    if (exitCode !== 0)
                        continue;
                    const stored = parse((0,external_node_fs_.readFileSync)(external_node_path_.join(dir, 'out', LOCAL_FILE), 'utf8'));
                    if (stored)
                        return { ...stored, scope: stored.scope || (plan.reads[i] ?? '') };
                }
                catch {
                    // Not there: the next scope.
                }
                finally {
                    (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
                }
            }
            return undefined;
        },
        async readWritten() {
            if (written === undefined)
                return undefined;
            try {
                return await readOverHttp(fingerprintRef(written), env);
            }
            catch {
                return undefined;
            }
        },
        async write(stored) {
            if (written === undefined)
                return;
            const dir = (0,external_node_fs_.mkdtempSync)(external_node_path_.join(tempDir, 'kiln-fp-'));
            try {
                (0,external_node_fs_.writeFileSync)(external_node_path_.join(dir, LOCAL_FILE), JSON.stringify(stored));
                (0,external_node_fs_.writeFileSync)(external_node_path_.join(dir, 'Dockerfile'), `FROM scratch\nCOPY ${LOCAL_FILE} /\n`);
                const output = `type=image,name=${fingerprintRef(written)},push=true,oci-mediatypes=true`;
                const { exitCode, stderr } = await (0,docker/* dockerOutput */.oH)(['buildx', 'build', ...builderArg, '--quiet', '--provenance=false', '--output', output, dir], env, {
                    timeoutMs: 60_000,
                });
                if (exitCode !== 0)
                    throw new Error(stderr.trim().split('\n').at(-1) ?? `buildx exited with ${exitCode}`);
            }
            finally {
                (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
            }
        },
    };
}
/**
 * The fingerprint image `ref` read through the registry's API (one manifest, one blob) with the
 * step's Docker credentials: no buildx process. Undefined when it is not there; throws when the
 * registry cannot be read this way (a credential helper, another layer compression): then no
 * export is skipped, and the explanation reads it with buildx.
 */
async function readOverHttp(ref, env) {
    const at = ref.lastIndexOf(':');
    const repository = ref.slice(0, at);
    const tag = ref.slice(at + 1);
    const repo = (0,registry/* parseRepository */.SU)(repository);
    const client = new registry/* RegistryClient */.bP(repo, (0,registry/* basicCredential */.gp)((0,registry/* readDockerConfig */.TO)(env), repo.configKey), (0,deadline/* deadline */.n)(QUICK.budgetMs), http_node/* sendOnce */.E);
    const manifest = await client.readTagged(tag);
    const layer = manifest?.layers?.[0]?.digest;
    if (layer === undefined)
        return undefined;
    const file = tarEntry(gunzipped(await client.readBlob(layer)), LOCAL_FILE);
    // Another compression (a builder configured for zstd): buildx reads it.
    if (file === undefined)
        throw new Error(`${ref}: a layer this reader cannot unpack`);
    return parse(file.toString('utf8'));
}
function gunzipped(bytes) {
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? (0,external_node_zlib_.gunzipSync)(bytes) : bytes;
}


/***/ }),

/***/ 25701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ deadline)
/* harmony export */ });
function deadline(ms, now = () => performance.now()) {
    const end = now() + ms;
    const left = () => Math.max(0, end - now());
    return {
        left,
        policy: () => ({ attemptMs: Math.min(10_000, left()), budgetMs: left(), attempts: 6, baseMs: 300, maxMs: 4_000 }),
        race: (work, what) => {
            let timer;
            const expired = new Promise((_, reject) => {
                timer = setTimeout(() => {
                    reject(new Error(`${what}: not done within the signing deadline (${Math.round(ms / 1000)} s)`));
                }, left());
                timer.unref();
            });
            return Promise.race([work, expired]).finally(() => {
                clearTimeout(timer);
            });
        },
    };
}


/***/ }),

/***/ 542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   TO: () => (/* binding */ readDockerConfig),
/* harmony export */   bP: () => (/* binding */ RegistryClient),
/* harmony export */   gp: () => (/* binding */ basicCredential)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _github_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(78003);
/* harmony import */ var _github_http_node_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(71492);
/* harmony import */ var _report_manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77333);
/* harmony import */ var _plan_docker_config_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(27386);
// The registry's HTTP API (OCI distribution), for the few calls signing needs: a manifest's
// descriptor, blobs and manifests pushed by digest, the referrers tag index read and written.
// Credentials are the ones the step's docker commands use: the Docker config DOCKER_CONFIG names
// (the step's private config after its login), read from `auths`.







const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** `host[:port]/path` (or a Docker Hub short name) as the registry API names it. */
function parseRepository(repository) {
    const first = repository.split('/')[0] ?? '';
    const hasHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    if (!hasHost || first === 'docker.io' || first === 'index.docker.io') {
        const rest = hasHost ? repository.slice(first.length + 1) : repository;
        return { host: 'registry-1.docker.io', name: rest.includes('/') ? rest : `library/${rest}`, configKey: 'https://index.docker.io/v1/' };
    }
    return { host: first, name: repository.slice(first.length + 1), configKey: first };
}
/** Loopback registries speak plain HTTP, as Docker allows them to; every other one HTTPS. */
function schemeOf(host) {
    const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return bare === 'localhost' || bare.startsWith('127.') || bare === '::1' ? 'http' : 'https';
}
/** `user:password` for `key` from the Docker config, as base64 (what Basic auth sends). */
function basicCredential(config, key) {
    const normal = (k) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    const entry = Object.entries(config.auths ?? {}).find(([k]) => k === key || normal(k) === normal(key))?.[1];
    if (!entry)
        return undefined;
    if (entry.auth)
        return entry.auth;
    if (entry.username && entry.password)
        return Buffer.from(`${entry.username}:${entry.password}`).toString('base64');
    return undefined;
}
function readDockerConfig(env) {
    const dir = (0,_plan_docker_config_js__WEBPACK_IMPORTED_MODULE_5__/* .dockerConfigDir */ .k)(env, node_os__WEBPACK_IMPORTED_MODULE_1__.homedir);
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'config.json'), 'utf8'));
        return typeof parsed === 'object' && parsed !== null ? parsed : {};
    }
    catch {
        return {};
    }
}
/** One repository's API, authorized once (Basic, or a Bearer token for pull and push). */
class RegistryClient {
    repo;
    credential;
    limit;
    transport;
    authorization;
    base;
    constructor(repo, credential, limit, 
    /** How requests go out: `send` (with retries) over node:http, as every request of signing (http.ts). */
    transport = (request, policy) => (0,_github_http_js__WEBPACK_IMPORTED_MODULE_3__/* .send */ .tN)(request, policy, _github_http_node_js__WEBPACK_IMPORTED_MODULE_6__/* .nodeTransport */ ._)) {
        this.repo = repo;
        this.credential = credential;
        this.limit = limit;
        this.transport = transport;
        this.base = `${schemeOf(repo.host)}://${repo.host}/v2/${repo.name}`;
    }
    async request(method, url, headers = {}, body) {
        const go = () => this.transport({ method, url, headers: { ...headers, ...(this.authorization ? { Authorization: this.authorization } : {}) }, body }, this.limit.policy());
        let res = await go();
        if (res.status === 401 && (await this.authorize(res.headers.get('www-authenticate') ?? '')))
            res = await go();
        return res;
    }
    /** Answers a 401's challenge; false when there is nothing to answer it with. */
    async authorize(challenge) {
        if (/^basic/i.test(challenge)) {
            if (!this.credential || this.authorization)
                return false;
            this.authorization = `Basic ${this.credential}`;
            return true;
        }
        if (!/^bearer/i.test(challenge))
            return false;
        const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
        if (!params.realm)
            return false;
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', `repository:${this.repo.name}:pull,push`);
        const res = await this.transport({ url, headers: this.credential ? { Authorization: `Basic ${this.credential}` } : {} }, this.limit.policy());
        if (!res.ok)
            return false;
        const answer = JSON.parse(res.body.toString('utf8'));
        const token = answer.token ?? answer.access_token;
        if (!token)
            return false;
        this.authorization = `Bearer ${token}`;
        return true;
    }
    fail(what, res) {
        const text = res.body.toString('utf8').slice(0, 300).trim();
        throw new Error(`${this.repo.host}/${this.repo.name}: ${what} answered ${res.status}${text ? `: ${text}` : ''}`);
    }
    /** The descriptor the registry serves for `digest`. */
    async describe(digest) {
        const res = await this.request('HEAD', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
        const size = Number(res.headers.get('content-length'));
        const mediaType = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
        if (res.ok && mediaType !== '' && Number.isFinite(size) && size > 0)
            return { mediaType, digest, size };
        // Some registries answer HEAD without the length: read the manifest itself.
        const got = await this.request('GET', `${this.base}/manifests/${digest}`, { Accept: MANIFEST_TYPES });
        if (!got.ok)
            this.fail(`reading manifest ${digest}`, got);
        const type = got.headers.get('content-type')?.split(';')[0]?.trim() ?? JSON.parse(got.body.toString('utf8')).mediaType ?? '';
        return { mediaType: type, digest, size: got.body.length };
    }
    /** Uploads a blob unless the repository has it (one monolithic PUT). */
    async pushBlob(bytes) {
        const digest = (0,_report_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256Digest */ .sI)(Buffer.from(bytes));
        const head = await this.request('HEAD', `${this.base}/blobs/${digest}`);
        if (!head.ok) {
            const start = await this.request('POST', `${this.base}/blobs/uploads/`);
            if (start.status !== 202)
                this.fail('starting a blob upload', start);
            const location = new URL(start.headers.get('location') ?? '', `${schemeOf(this.repo.host)}://${this.repo.host}`);
            location.searchParams.set('digest', digest);
            const put = await this.request('PUT', location.toString(), { 'Content-Type': 'application/octet-stream' }, bytes);
            if (put.status !== 201)
                this.fail(`uploading blob ${digest}`, put);
        }
        return { digest, size: bytes.length };
    }
    /** PUTs a manifest under `reference` (a digest or tag); `subjectTaken`: the registry said it indexed the subject (referrers API). */
    async putManifest(reference, bytes, mediaType) {
        const res = await this.request('PUT', `${this.base}/manifests/${reference}`, { 'Content-Type': mediaType }, bytes);
        if (res.status !== 201 && res.status !== 200)
            this.fail(`storing manifest ${reference}`, res);
        return { digest: (0,_report_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256Digest */ .sI)(bytes), subjectTaken: res.headers.has('oci-subject') };
    }
    /** A blob's bytes. */
    async readBlob(digest) {
        const res = await this.request('GET', `${this.base}/blobs/${digest}`);
        if (!res.ok)
            this.fail(`reading blob ${digest}`, res);
        return res.body;
    }
    /** The JSON of the manifest or index tagged `tag`, undefined when there is none. */
    async readTagged(tag) {
        const res = await this.request('GET', `${this.base}/manifests/${tag}`, { Accept: MANIFEST_TYPES });
        if (res.status === 404)
            return undefined;
        if (!res.ok)
            this.fail(`reading ${tag}`, res);
        return JSON.parse(res.body.toString('utf8'));
    }
}


/***/ })

};
