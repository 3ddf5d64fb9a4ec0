import { parse } from 'csv-parse/sync';

/** One `--output` entry as attributes; the bare shorthand `dest` means `type=local,dest=dest`. */
export function outputAttributes(entry: string): Record<string, string> {
  if (!entry.includes('=')) return entry === '-' ? { type: 'tar', dest: '-' } : { type: 'local', dest: entry };
  const fields = (parse(entry, { relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
  const attrs: Record<string, string> = {};
  for (const field of fields) {
    const at = field.indexOf('=');
    if (at > 0) attrs[field.slice(0, at).trim().toLowerCase()] = field.slice(at + 1).trim();
  }
  return attrs;
}

/** The image name(s) an `outputs` entry names, or undefined. */
export function outputsName(entry: string): string | undefined {
  const name = outputAttributes(entry).name;
  return name === undefined || name === '' ? undefined : name;
}
