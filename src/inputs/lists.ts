import { parse } from 'csv-parse/sync';

export interface ListOptions {
  /** Keep commas inside an item: the input is split on newlines only. */
  newlinesOnly?: boolean;
  /** Treat `"` as an ordinary character (build-push-action does this for `outputs`). */
  noQuotes?: boolean;
  /** Keep each item's surrounding whitespace (secret values are byte-exact); blank items still go. */
  keepWhitespace?: boolean;
}

/**
 * Splits a list input the way build-push-action does, so existing workflows mean the same:
 * CSV records (quote-aware, `"a=b,c"` stays one item), one record per line, items trimmed,
 * empty ones dropped.
 */
export function parseList(raw: string, options: ListOptions = {}): string[] {
  if (raw.trim() === '') return [];
  const records = parse(raw, {
    columns: false,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    quote: options.noQuotes ? false : '"',
  });
  const items: string[] = [];
  for (const record of records) {
    // Mirrors their splitting exactly, quirk included: a line that is one quoted field is still
    // split on its commas, while quoted fields on a line with several fields keep theirs.
    if (options.newlinesOnly) items.push(record.join(','));
    else if (record.length === 1) items.push(...(record[0] ?? '').split(','));
    else items.push(...record);
  }
  const kept = items.filter((item) => item.trim() !== '');
  return options.keepWhitespace ? kept : kept.map((item) => item.trim());
}

/** Splits `key=value` at the first `=`; undefined when there is none. */
export function splitKeyValue(item: string): [string, string] | undefined {
  const at = item.indexOf('=');
  if (at < 0) return undefined;
  return [item.slice(0, at).trim(), item.slice(at + 1)];
}

/**
 * Attributes of one `key=value,key=value` entry, buildx's format for --output, --cache-to,
 * --attest and the like (CSV: a quoted field keeps its commas). Keys are lower-cased.
 */
export function parseAttributes(entry: string): Record<string, string> {
  const fields = parse(entry, { relax_quotes: true, relax_column_count: true })[0] ?? [];
  const attrs: Record<string, string> = {};
  for (const field of fields) {
    const at = field.indexOf('=');
    if (at < 0) attrs[field.trim().toLowerCase()] = '';
    else attrs[field.slice(0, at).trim().toLowerCase()] = field.slice(at + 1).trim();
  }
  return attrs;
}
