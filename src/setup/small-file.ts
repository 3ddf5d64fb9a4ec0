import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_MASKED_FILE } from '../inputs/secrets.js';

/**
 * A file's text when it is at most MAX_MASKED_FILE bytes, else undefined (as when it cannot be
 * read): reads one byte past the limit instead of trusting a size that may change meanwhile.
 */
export function readSmallFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(MAX_MASKED_FILE + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return length > MAX_MASKED_FILE ? undefined : buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
