import type { GithubContext } from '../github/context.js';
import { type Annotation, type AnnotationLevel, annotationOf, type Label, labelOf, readAnnotation, readLabel } from '../inputs/annotations.js';
import type { Flavor } from '../inputs/flavor.js';
import { InputError } from '../inputs/errors.js';
import {
  DATE_TOKENS,
  DEFAULT_MARK,
  type Expression,
  GLOBAL_EXPRESSIONS,
  type MetadataInputs,
  parseTemplate,
  SCHEDULE_EXPRESSIONS,
  SEMVER_EXPRESSIONS,
  type TagRule,
  type TemplatePart,
} from '../inputs/metadata.js';
import { multiPlatform } from '../inputs/platforms.js';
import type { Inputs } from '../inputs/types.js';
import type { SemVer } from '../inputs/version.js';

// Tags, version, labels and annotations from the Git event, with docker/metadata-action's
// semantics (its src/meta.ts): rules sorted by priority, the first value is the version, the
// others follow it, and `latest` is added when the first rule that gave a value says so
// (flavor latest=auto: type=semver on a release, type=ref,event=tag), or always (latest=true).

/** The part of the job's description the rules read. */
export type GitEvent = Pick<GithubContext, 'eventName' | 'ref' | 'sha' | 'payload' | 'serverUrl' | 'repository'>;

/**
 * Reads a text as SemVer (inputs/version.ts's readVersion): the Git tag, or a semver rule's
 * value once its expressions are filled in for this event. Given by the caller, so SemVer loads
 * only for steps with `images` and the rules here parse nothing.
 */
export type ReadVersion = (text: string) => SemVer | null;

export interface GeneratedTag {
  /** The full reference, `repository:tag`. */
  ref: string;
  /** The rule that made it (`latest` names the rule that decided it). */
  rule: string;
}

export interface Metadata {
  tags: GeneratedTag[];
  /** metadata-action's `version` output: the highest-priority value ('' when no rule gave one). */
  version: string;
  /** OCI labels from the repository and the event, merged with the user's (theirs win), sorted by key. */
  labels: Label[];
  /** The same keys as annotations, at the levels chosen, for keys the user did not annotate. */
  annotations: Annotation[];
  /** The user's `annotations`, their templates expanded. */
  givenAnnotations: Annotation[];
  /** Rules that were skipped for a reason the user should see (an invalid SemVer tag). */
  warnings: string[];
}

interface Version {
  main?: string;
  mainRule?: string;
  partial: { value: string; rule: string }[];
  latest?: boolean;
  latestRule?: string;
}

const LABEL = 'org.opencontainers.image';

/** metadata-action's tag sanitizing: runs of characters a tag may not hold become `-`. */
export function sanitizeTag(tag: string): string {
  return tag.replace(/[^a-zA-Z0-9._-]+/g, '-');
}

// Handlebars, which renders metadata-action's templates, HTML-escapes `{{…}}` output.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A moment.js format rendered for the time zone (UTC by default), for the tokens Kiln accepts. */
export function formatDate(date: Date, format: string, tz = 'UTC'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
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
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const n = (key: string) => Number(parts[key] ?? '0');
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const values: Record<string, string> = {
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
  const token = new RegExp(`\\[([^\\]]*)\\]|${DATE_TOKENS.join('|')}`, 'g');
  return format.replace(token, (match: string, literal: string | undefined) => literal ?? values[match] ?? match);
}

function render(parts: TemplatePart[], value: (e: Expression) => string): string {
  return parts.map((p) => (typeof p === 'string' ? p : escapeHtml(value(p)))).join('');
}

/** The job as the rules see it: a pull_request_target run is about the pull request's ref, as in metadata-action. */
function refOf(event: GitEvent): string {
  const number = event.payload.number;
  if (/pull_request_target/.test(event.eventName) && (typeof number === 'number' || typeof number === 'string')) return `refs/pull/${number}/merge`;
  return event.ref;
}

interface Repo {
  name: string;
  description: string;
  htmlUrl: string;
  license: string;
  defaultBranch: string;
}

/** metadata-action asks the API for the repository; the event payload carries the same object. */
function repoOf(event: GitEvent): Repo {
  const r = (event.payload.repository ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const license = (r.license ?? {}) as Record<string, unknown> | null;
  return {
    name: str(r.name) || (event.repository.split('/')[1] ?? ''),
    description: str(r.description),
    htmlUrl: str(r.html_url) || (event.repository ? `${event.serverUrl}/${event.repository}` : ''),
    license: str(license?.spdx_id),
    defaultBranch: str(r.default_branch),
  };
}

class Rules {
  readonly warnings: string[] = [];
  private readonly ref: string;
  private readonly repo: Repo;

  constructor(
    private readonly event: GitEvent,
    private readonly now: Date,
    private readonly shortShaLength: number,
    private readonly readVersion: ReadVersion,
    private readonly flavor: Flavor,
  ) {
    this.ref = refOf(event);
    this.repo = repoOf(event);
  }

  private shortSha(): string {
    return this.shortShaLength >= this.event.sha.length ? this.event.sha : this.event.sha.slice(0, this.shortShaLength);
  }

  /**
   * The commit's time, as metadata-action reads it from the event: the push's commit with this
   * SHA, else its head commit. It asks the API after that; Kiln asks nothing and, as
   * metadata-action does when the API fails, uses the run's time, with a warning.
   */
  private commitDate(): Date {
    const payload = this.event.payload as { commits?: unknown; head_commit?: { id?: unknown; timestamp?: unknown } | null };
    const commits = Array.isArray(payload.commits) ? (payload.commits as { id?: unknown; timestamp?: unknown }[]) : [];
    const found = [...commits, payload.head_commit ?? {}].find((c) => c.id === this.event.sha && typeof c.timestamp === 'string');
    const date = typeof found?.timestamp === 'string' ? new Date(found.timestamp) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date;
    const warning = `{{commit_date}}: the ${this.event.eventName} event carries no time for commit ${this.event.sha || '(none)'}, so the run's time stands in for it (as metadata-action does when it cannot ask the GitHub API)`;
    if (!this.warnings.includes(warning)) this.warnings.push(warning);
    return this.now;
  }

  private date(e: Expression): string {
    return formatDate(e.name === 'commit_date' ? this.commitDate() : this.now, e.format ?? '', e.tz);
  }

  /** metadata-action's global expressions, for enable, prefix, suffix and value, and for labels and annotations. */
  global(template: string, input = 'tags'): string {
    const parts = parseTemplate(template, GLOBAL_EXPRESSIONS);
    if (typeof parts === 'string') throw new InputError(input, template, parts);
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
          const payload = this.event.payload as { base_ref?: unknown; pull_request?: { base?: { ref?: unknown } } };
          if (/^refs\/tags\//.test(ref) && typeof payload.base_ref === 'string') return payload.base_ref.replace(/^refs\/heads\//g, '');
          if (/^refs\/pull\//.test(ref) && typeof payload.pull_request?.base?.ref === 'string') return payload.pull_request.base.ref;
          return '';
        }
        case 'is_default_branch': {
          const branch = ref.replace(/^refs\/heads\//g, '');
          if (branch === '') return 'false';
          if (this.repo.defaultBranch === branch) return 'true';
          // These events always run on the default branch's last commit.
          return /create|discussion|issues|schedule/.test(this.event.eventName) ? 'true' : 'false';
        }
        default:
          return this.date(e);
      }
    });
  }

  /** A rule's own prefix and suffix (even an empty one) win over the flavor's. */
  private withAffixes(value: string, rule: TagRule): string {
    const prefix = rule.attrs.prefix ?? this.flavor.prefix;
    const suffix = rule.attrs.suffix ?? this.flavor.suffix;
    return `${this.global(prefix)}${value}${this.global(suffix)}`;
  }

  /** The `latest` tag, with the flavor's prefix and suffix where `onlatest=true` asks for them. */
  latestTag(): string {
    const f = this.flavor;
    return sanitizeTag(`${f.prefixLatest ? this.global(f.prefix) : ''}latest${f.suffixLatest ? this.global(f.suffix) : ''}`);
  }

  /** The values a rule gives for this event, and whether it asks for `latest` (latest=auto). */
  value(rule: TagRule): { value: string; latest: boolean } | undefined {
    const ref = this.ref;
    const a = rule.attrs;
    switch (rule.type) {
      case 'schedule': {
        if (!/schedule/.test(this.event.eventName)) return undefined;
        const parts = parseTemplate(a.pattern ?? 'nightly', SCHEDULE_EXPRESSIONS) as TemplatePart[];
        return {
          value: this.withAffixes(
            render(parts, (e) => this.date(e)),
            rule,
          ),
          latest: false,
        };
      }
      case 'semver': {
        const given = a.value ?? '';
        if (!/^refs\/tags\//.test(ref) && given.length === 0) return undefined;
        const raw = given.length > 0 ? this.global(given) : ref.replace(/^refs\/tags\//g, '').replace(/\//g, '-');
        const parsed = this.readVersion(raw);
        if (!parsed) {
          if (a[DEFAULT_MARK]) return undefined;
          this.warnings.push(`${raw} is not a valid semver, so ${rule.text} gave no tag. More info: https://semver.org/`);
          return undefined;
        }
        const fields: Record<string, string> = {
          raw: parsed.raw,
          version: parsed.version,
          major: String(parsed.major),
          minor: String(parsed.minor),
          patch: String(parsed.patch),
        };
        const pattern = parseTemplate(a.pattern ?? '', SEMVER_EXPRESSIONS) as TemplatePart[];
        // A pre-release gets only its full version (or the raw tag when the pattern is exactly {{raw}}), never latest.
        if (parsed.prerelease) {
          const onlyRaw = pattern.length === 1 && typeof pattern[0] !== 'string' && pattern[0]?.name === 'raw';
          return { value: this.withAffixes(escapeHtml(onlyRaw ? parsed.raw : parsed.version), rule), latest: false };
        }
        return {
          value: this.withAffixes(
            render(pattern, (e) => fields[e.name] ?? ''),
            rule,
          ),
          latest: true,
        };
      }
      case 'ref': {
        if (a.event === 'branch') {
          if (!/^refs\/heads\//.test(ref)) return undefined;
          return { value: this.withAffixes(ref.replace(/^refs\/heads\//g, ''), rule), latest: false };
        }
        if (a.event === 'tag') {
          if (!/^refs\/tags\//.test(ref)) return undefined;
          const tag = ref.replace(/^refs\/tags\//g, '');
          // Among Kiln's defaults the semver rules have a SemVer tag already.
          if (a[DEFAULT_MARK] && this.readVersion(tag.replace(/\//g, '-'))) return undefined;
          return { value: this.withAffixes(tag, rule), latest: true };
        }
        if (!/^refs\/pull\//.test(ref)) return undefined;
        return { value: this.withAffixes(ref.replace(/^refs\/pull\//g, '').replace(/\/merge$/g, ''), rule), latest: false };
      }
      case 'edge': {
        if (!/^refs\/heads\//.test(ref)) return undefined;
        const branch = a.branch || this.repo.defaultBranch;
        if (branch !== ref.replace(/^refs\/heads\//g, '')) return undefined;
        return { value: this.withAffixes('edge', rule), latest: false };
      }
      case 'raw':
        return { value: this.withAffixes(this.global(a.value ?? ''), rule), latest: false };
      case 'sha': {
        if (!this.event.sha) return undefined;
        return { value: this.withAffixes(a.format === 'long' ? this.event.sha : this.shortSha(), rule), latest: false };
      }
    }
  }

  enabled(rule: TagRule): boolean {
    const enabled = this.global(rule.attrs.enable ?? 'true');
    if (!['true', 'false'].includes(enabled)) {
      throw new InputError('tags', rule.text, `enable must come out as true or false; here it is "${enabled}"`);
    }
    return enabled === 'true';
  }

  version(rules: TagRule[]): Version {
    const version: Version = { partial: [] };
    // Highest priority first; equal priorities keep their order (a stable sort, as theirs).
    const sorted = [...rules].sort((x, y) => Number(y.attrs.priority) - Number(x.attrs.priority));
    for (const rule of sorted) {
      if (!this.enabled(rule)) continue;
      const got = this.value(rule);
      if (!got || got.value.length === 0) continue;
      const value = sanitizeTag(got.value);
      if (version.main === undefined) {
        version.main = value;
        version.mainRule = rule.text;
      } else if (value !== version.main && !version.partial.some((p) => p.value === value)) {
        version.partial.push({ value, rule: rule.text });
      }
      if (version.latest === undefined) {
        version.latest = this.flavor.latest === 'auto' ? got.latest : this.flavor.latest === 'true';
        version.latestRule = rule.text;
      }
    }
    return version;
  }

  labels(version: string): [string, string][] {
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
export function planMetadata(
  inputs: Pick<Inputs, 'labels' | 'annotations' | 'platforms'> & { metadata: MetadataInputs },
  event: GitEvent,
  now: Date,
  readVersion: ReadVersion,
): Metadata {
  const flavor = inputs.metadata.flavor;
  const rules = new Rules(event, now, inputs.metadata.shortShaLength, readVersion, flavor);
  const version = rules.version(inputs.metadata.rules);
  const tags: GeneratedTag[] = [];
  if (version.main !== undefined) {
    const latest = rules.latestTag();
    const why = flavor.latest === 'auto' ? `flavor latest=auto, after ${version.latestRule ?? ''}` : 'flavor latest=true';
    for (const image of inputs.metadata.images) {
      tags.push({ ref: `${image}:${version.main}`, rule: version.mainRule ?? '' });
      for (const p of version.partial) tags.push({ ref: `${image}:${p.value}`, rule: p.rule });
      if (version.latest) tags.push({ ref: `${image}:${latest}`, rule: `${latest} (${why})` });
    }
  }

  // metadata-action expands each whole item of `labels` and `annotations` (checked when read).
  const givenLabels = inputs.labels.map((l) => readLabel(rules.global(l.raw, 'labels')));
  const givenAnnotations = inputs.annotations.map((a) => {
    const expanded = rules.global(a.raw, 'annotations');
    const read = readAnnotation(expanded);
    if (read.problem !== undefined) throw new InputError('annotations', a.raw, `expanded to ${JSON.stringify(expanded)}: ${read.problem}`);
    return read.annotation;
  });

  const generated = rules.labels(version.main ?? '');
  // As metadata-action merges them: the user's labels win, keys sorted.
  const merged = new Map<string, string>(generated);
  for (const label of givenLabels) merged.set(label.key, label.value);
  const labels = [...merged].sort((x, y) => x[0].localeCompare(y[0])).map(([k, v]) => labelOf(k, v));

  // metadata-action annotates the image manifests by default; a multi-platform image is found
  // through its index, so that gets them too. A single-platform image may have no index
  // (BuildKit refuses `index:` annotations then). DOCKER_METADATA_ANNOTATIONS_LEVELS chooses otherwise.
  const chosen = inputs.metadata.annotationLevels;
  const levels: AnnotationLevel[] = chosen.length > 0 ? [...chosen] : multiPlatform(inputs.platforms) ? ['manifest', 'index'] : ['manifest'];
  const annotated = new Set(givenAnnotations.map((a) => a.key));
  const annotations = generated
    .filter(([k]) => !annotated.has(k))
    .sort((x, y) => x[0].localeCompare(y[0]))
    .map(([k, v]) => annotationOf(levels, k, v));

  return { tags: dedupe(tags), version: version.main ?? '', labels, annotations, givenAnnotations, warnings: rules.warnings };
}

function dedupe(tags: GeneratedTag[]): GeneratedTag[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.ref) && seen.add(t.ref));
}

/**
 * The inputs the build runs with: generated tags first (the cache and login decisions look at
 * the first tag), then the literal ones; the merged labels; the user's annotations plus the
 * generated ones.
 */
export function withMetadata(inputs: Inputs, metadata: Metadata): Inputs {
  const tags = [...new Set([...metadata.tags.map((t) => t.ref), ...inputs.tags])];
  return { ...inputs, tags, labels: metadata.labels, annotations: [...metadata.givenAnnotations, ...metadata.annotations] };
}
