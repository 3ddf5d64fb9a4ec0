import { parse } from 'csv-parse/sync';
import { ANNOTATION_LEVELS, type AnnotationLevel, isAnnotationLevel } from './annotations.js';
import { EnvError, InputError } from './errors.js';
import { type Flavor, readFlavor } from './flavor.js';
import { parseList } from './lists.js';

// docker/metadata-action's `images` and `tags` rules, read with its semantics (src/image.ts,
// src/tag.ts there). What Kiln does not support is refused here, before anything runs, rather
// than giving tags that differ from what a workflow moving over expects.

export type TagRuleType = 'schedule' | 'semver' | 'edge' | 'ref' | 'raw' | 'sha';

export interface TagRule {
  type: TagRuleType;
  /** Attributes with metadata-action's defaults filled in (enable, priority, pattern, prefix…). */
  attrs: Record<string, string>;
  /** The rule as written (or the default it stands for), for the log and the summary. */
  text: string;
}

export interface MetadataInputs {
  /** Image repositories to tag (lower-cased, enabled ones only); [] turns tag generation off. */
  images: string[];
  /** The rules, metadata-action's defaults plus `type=sha` when `tags` has none. */
  rules: TagRule[];
  /** `flavor`: latest=auto|true|false and the global prefix and suffix. */
  flavor: Flavor;
  /** DOCKER_METADATA_ANNOTATIONS_LEVELS: the levels generated annotations go to; [] lets Kiln choose. */
  annotationLevels: AnnotationLevel[];
  /** DOCKER_METADATA_SHORT_SHA_LENGTH: the short SHA's length (7 by default; big repositories want more). */
  shortShaLength: number;
  /** DOCKER_METADATA_PR_HEAD_SHA: a pull request's head commit rather than the merge commit. */
  prHeadSha: boolean;
}

/** metadata-action's default priorities: the highest rule that yields a value is the version. */
export const DEFAULT_PRIORITIES: Record<TagRuleType, string> = {
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
export const DEFAULT_RULES = [
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
export const DEFAULT_MARK = 'kiln-default';

const COMMON = ['enable', 'priority', 'prefix', 'suffix'];
const ATTRIBUTES: Record<TagRuleType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
};
// metadata-action rules Kiln refuses, with what to use instead.
const UNSUPPORTED: Record<string, string> = {
  pep440: 'type=pep440 is not supported by Kiln; use type=semver for SemVer tags or type=raw',
  match: 'type=match is not supported by Kiln; use type=semver, type=ref,event=tag or type=raw',
};

/** The expressions (Handlebars in metadata-action) each attribute may hold. */
export const GLOBAL_EXPRESSIONS = ['branch', 'tag', 'sha', 'base_ref', 'is_default_branch', 'date', 'commit_date'];
export const SEMVER_EXPRESSIONS = ['raw', 'version', 'major', 'minor', 'patch'];
export const SCHEDULE_EXPRESSIONS = ['date', 'commit_date'];

/** One `{{…}}` expression: a name, an optional quoted argument, optional `tz='…'`. */
export interface Expression {
  name: string;
  format?: string;
  tz?: string;
}
export type TemplatePart = string | Expression;

const EXPRESSION = /^\s*([a-z_]+)(?:\s+'([^']*)'|\s+"([^"]*)")?(?:\s+tz\s*=\s*(?:'([^']*)'|"([^"]*)"))?\s*$/;

/** The expressions that take a moment.js format (and an optional `tz=`). */
const DATE_EXPRESSIONS = ['date', 'commit_date'];

/**
 * Splits a template into text and expressions; a string naming what is wrong when it uses
 * anything beyond `allowed` (block helpers, triple braces, unknown names). Handlebars' escapes
 * hold: `\{{…` is literal text up to the next `{{`, and `\\{{x}}` is a backslash before `x`.
 */
export function parseTemplate(template: string, allowed: string[]): TemplatePart[] | string {
  const parts: TemplatePart[] = [];
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
    } else if (before.endsWith('\\')) {
      // Escaped: literal, from the braces up to the next `{{` (or its own escaped forms).
      let next = rest.indexOf('{{', open + 2);
      if (next < 0) next = rest.length;
      for (let n = 0; n < 2 && next > open + 2 && rest[next - 1] === '\\'; n++) next--;
      parts.push(before.slice(0, -1) + rest.slice(open, next));
      rest = rest.slice(next);
      continue;
    } else if (open > 0) {
      parts.push(before);
    }
    const close = rest.indexOf('}}', open);
    if (close < 0) return `unclosed "{{" in ${template}`;
    const inner = rest.slice(open + 2, close);
    const m = EXPRESSION.exec(inner);
    const name = m?.[1];
    if (!m || name === undefined || !allowed.includes(name)) {
      return `{{${inner}}} is not an expression Kiln supports here (${allowed.map((a) => (DATE_EXPRESSIONS.includes(a) ? `{{${a} 'FORMAT'}}` : `{{${a}}}`)).join(', ')})`;
    }
    const format = m[2] ?? m[3];
    const tz = m[4] ?? m[5];
    if (DATE_EXPRESSIONS.includes(name)) {
      if (format === undefined) return `{{${inner}}} needs a format, e.g. {{${name} 'YYYYMMDD'}}`;
      const bad = checkDateFormat(format);
      if (bad) return bad;
      if (tz !== undefined && !validTimeZone(tz)) return `unknown time zone "${tz}" in {{${inner}}}`;
    } else if (format !== undefined || tz !== undefined) {
      return `{{${name}}} takes no argument`;
    }
    parts.push({ name, format, tz });
    rest = rest.slice(close + 2);
  }
  return parts;
}

/** moment.js format tokens Kiln renders exactly; `[…]` is literal text, as in moment. */
export const DATE_TOKENS = ['YYYY', 'YY', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'mm', 'm', 'ss', 's', 'SSS', 'X', 'x'];
// `T` is no moment token: moment prints it as it is (`YYYY-MM-DDTHH:mm:ss`).
const TOKEN = new RegExp(`\\[[^\\]]*\\]|${DATE_TOKENS.join('|')}|T|[A-Za-z]+`, 'g');

function checkDateFormat(format: string): string | undefined {
  for (const m of format.matchAll(TOKEN)) {
    const token = m[0];
    if (!token.startsWith('[') && token !== 'T' && !DATE_TOKENS.includes(token)) {
      return `the date format token "${token}" in '${format}' is not supported by Kiln (use ${DATE_TOKENS.join(' ')}, [literal text] and separators)`;
    }
  }
  return undefined;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Fields of one CSV record; a field without `=` is metadata-action's shorthand for `value=`. */
function fieldsOf(line: string): [string, string][] {
  const record: string[] = parse(line, { relax_quotes: true, relax_column_count: true })[0] ?? [];
  return record.map((field) => {
    const at = field.indexOf('=');
    return at < 0 ? ['value', field.trim()] : [field.slice(0, at).trim().toLowerCase(), field.slice(at + 1).trim()];
  });
}

/** One `type=…` item of `tags`, checked and with defaults filled in. */
export function parseTagRule(text: string): TagRule | InputError {
  const bad = (accepted: string) => new InputError('tags', text, accepted);
  // Partial until the defaults are in: a missing attribute is undefined, not ''.
  const attrs: Partial<Record<string, string>> = {};
  let type: string | undefined;
  for (const [key, value] of fieldsOf(text)) {
    if (key === 'type') type = value;
    else attrs[key] = value;
  }
  if (type !== undefined && type in UNSUPPORTED) return bad(UNSUPPORTED[type] ?? '');
  if (type === undefined || !(type in ATTRIBUTES)) {
    return bad(`unknown rule type "${type ?? ''}"; use type=schedule, semver, ref, edge, raw or sha (docker/metadata-action's rules)`);
  }
  const kind = type as TagRuleType;
  const allowed = [...COMMON, ...ATTRIBUTES[kind]];
  for (const key of Object.keys(attrs)) {
    if (!allowed.includes(key)) return bad(`type=${kind} takes ${allowed.join(', ')}; "${key}" is not one of them`);
  }

  switch (kind) {
    case 'schedule':
      attrs.pattern ??= 'nightly';
      break;
    case 'semver':
      if (attrs.pattern === undefined) return bad('type=semver needs a pattern, e.g. pattern={{version}}');
      attrs.value ??= '';
      break;
    case 'edge':
      attrs.branch ??= '';
      break;
    case 'ref':
      if (!['branch', 'tag', 'pr'].includes(attrs.event ?? '')) return bad('type=ref needs event=branch, event=tag or event=pr');
      if (attrs.event === 'pr') attrs.prefix ??= 'pr-';
      break;
    case 'raw':
      if (attrs.value === undefined) return bad('type=raw needs a value, e.g. type=raw,value=stable');
      break;
    case 'sha':
      attrs.prefix ??= 'sha-';
      attrs.format ??= 'short';
      if (!['short', 'long'].includes(attrs.format)) return bad('type=sha takes format=short or format=long');
      break;
  }
  const enable = (attrs.enable ??= 'true');
  const priority = (attrs.priority ??= DEFAULT_PRIORITIES[kind]);
  if (priority.trim() === '' || Number.isNaN(Number(priority))) return bad(`priority must be a number, not "${priority}"`);
  if (!enable.includes('{{') && !['true', 'false'].includes(enable)) return bad(`enable must be true or false, not "${enable}"`);

  const templates: [string, string[]][] = [
    ['enable', GLOBAL_EXPRESSIONS],
    ['prefix', GLOBAL_EXPRESSIONS],
    ['suffix', GLOBAL_EXPRESSIONS],
    ['value', GLOBAL_EXPRESSIONS],
    ['pattern', kind === 'semver' ? SEMVER_EXPRESSIONS : SCHEDULE_EXPRESSIONS],
  ];
  for (const [key, expressions] of templates) {
    const value = attrs[key];
    if (value === undefined) continue;
    const parsed = parseTemplate(value, expressions);
    if (typeof parsed === 'string') return bad(`${key}: ${parsed}`);
  }
  return { type: kind, attrs: attrs as Record<string, string>, text };
}

/** An item of `tags` that is a rule rather than a literal tag. */
export function isTagRule(item: string): boolean {
  return /^type\s*=/i.test(item.trim());
}

/**
 * Splits `tags` into literal tags (split as build-push-action splits them: lines and commas) and
 * metadata-action rules (one per line: their commas separate attributes). `#` lines are
 * comments, as in metadata-action.
 */
export function splitTags(raw: string): { literal: string[]; rules: string[] } {
  const lines = raw.split(/\r?\n/);
  const rules = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && isTagRule(l));
  const rest = lines.filter((l) => !isTagRule(l) && !l.trim().startsWith('#')).join('\n');
  return { literal: parseList(rest), rules };
}

/** `images` as metadata-action reads it: one per line (or comma-separated on one line), `name=…,enable=…`. */
export function parseImages(raw: string, errors: InputError[]): string[] {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const images: string[] = [];
  // Their backward-compatible form: a single line of plain names separated by commas.
  const first = lines[0];
  if (lines.length === 1 && first !== undefined && fieldsOf(first).every(([k]) => k === 'value')) {
    for (const [, name] of fieldsOf(first)) pushImage(name, first, images, errors);
    return images;
  }
  for (const line of lines) {
    let name = '';
    let enable = true;
    for (const [key, value] of fieldsOf(line)) {
      if (key === 'value' || key === 'name') name = value;
      else if (key === 'enable') {
        if (!['true', 'false'].includes(value)) errors.push(new InputError('images', line, 'enable must be true or false'));
        enable = value === 'true';
      } else {
        errors.push(new InputError('images', line, `unknown attribute "${key}": use name=<repository> and enable=true|false`));
      }
    }
    if (enable) pushImage(name, line, images, errors);
  }
  return images;
}

function pushImage(name: string, line: string, images: string[], errors: InputError[]): void {
  const repo = name.trim().toLowerCase();
  if (repo === '') {
    errors.push(new InputError('images', line, 'give an image repository, e.g. ghcr.io/owner/app'));
    return;
  }
  // The tag comes from the rules: a tag or digest here would give `repo:1:2` references.
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  if (repo.includes('@') || last.includes(':') || /\s/.test(repo)) {
    errors.push(new InputError('images', name, 'give a repository without tag or digest (e.g. ghcr.io/owner/app); the tags come from `tags` rules'));
    return;
  }
  images.push(repo);
}

/** Reads `images` and the rules among `tags`; literal tags are returned for `tags` as before. */
/** metadata-action's DOCKER_METADATA_SHORT_SHA_LENGTH: a whole number of at least 1. */
function readShortShaLength(raw: string, errors: InputError[]): number {
  if (raw === '') return 7;
  const length = Number(raw);
  if (Number.isInteger(length) && length >= 1) return length;
  errors.push(new EnvError('DOCKER_METADATA_SHORT_SHA_LENGTH', raw, 'use a whole number of at least 1 (7 by default)'));
  return 7;
}

/** metadata-action's DOCKER_METADATA_ANNOTATIONS_LEVELS (`manifest,index`), each level one buildx takes. */
function readAnnotationLevels(raw: string, errors: InputError[]): AnnotationLevel[] {
  const levels = parseList(raw);
  if (levels.every(isAnnotationLevel)) return levels;
  errors.push(new EnvError('DOCKER_METADATA_ANNOTATIONS_LEVELS', raw, `use levels among ${ANNOTATION_LEVELS.join(', ')}, comma-separated`));
  return [];
}

export function readMetadata(
  imagesRaw: string,
  tagsRaw: string,
  errors: InputError[],
  env: Readonly<Record<string, string | undefined>> = {},
  flavorRaw = '',
): { metadata: MetadataInputs; literalTags: string[] } {
  const images = parseImages(imagesRaw, errors);
  const { literal, rules: ruleTexts } = splitTags(tagsRaw);
  const rules: TagRule[] = [];
  for (const text of ruleTexts) {
    const rule = parseTagRule(text);
    if (rule instanceof InputError) errors.push(rule);
    else rules.push(rule);
  }
  if (ruleTexts.length > 0 && imagesRaw.trim() === '') {
    errors.push(
      new InputError('tags', ruleTexts[0] ?? '', 'tag rules (type=…) need `images`: set the image repositories to tag, e.g. images: ghcr.io/owner/app'),
    );
  }
  if (images.length > 0 && ruleTexts.length === 0) {
    for (const text of DEFAULT_RULES) {
      const rule = parseTagRule(text) as TagRule;
      rules.push({ ...rule, attrs: { ...rule.attrs, [DEFAULT_MARK]: 'true' } });
    }
  }
  const flavor = readFlavor(flavorRaw, errors);
  if (flavorRaw.trim() !== '' && imagesRaw.trim() === '') {
    errors.push(
      new InputError(
        'flavor',
        flavorRaw.trim(),
        'flavor shapes the tags made from `images`: set the image repositories to tag, e.g. images: ghcr.io/owner/app',
      ),
    );
  }
  for (const [key, value] of [
    ['prefix', flavor.prefix],
    ['suffix', flavor.suffix],
  ] as const) {
    const parsed = parseTemplate(value, GLOBAL_EXPRESSIONS);
    if (typeof parsed === 'string') errors.push(new InputError('flavor', `${key}=${value}`, parsed));
  }
  // metadata-action's variables matter only to a step with `images`: a job may set them for another step.
  const envErrors = images.length > 0 ? errors : [];
  const metadata: MetadataInputs = {
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
export function checkItemTemplates(input: 'labels' | 'annotations', items: readonly string[], errors: InputError[]): void {
  for (const item of items) {
    const parsed = parseTemplate(item, GLOBAL_EXPRESSIONS);
    if (typeof parsed === 'string') errors.push(new InputError(input, item, parsed));
  }
}
