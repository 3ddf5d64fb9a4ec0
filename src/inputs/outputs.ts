import { parseAttributes } from './lists.js';

/** One `--output` entry as attributes; a bare path is buildx's shorthand for a local export. */
export function outputAttributes(entry: string): Record<string, string> {
  if (!entry.includes('=')) return entry === '-' ? { type: 'tar', dest: '-' } : { type: 'local', dest: entry };
  return parseAttributes(entry);
}

/** The image name(s) an `outputs` entry names, or undefined. */
export function outputsName(entry: string): string | undefined {
  const name = outputAttributes(entry).name;
  return name === undefined || name === '' ? undefined : name;
}
