import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { MAX_MASKED_FILE } from '../../src/inputs/secrets.js';
import { redactSecrets } from '../../src/report/summary.js';
import { readSmallFile } from '../../src/setup/small-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kiln-small-file-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readSmallFile (secret files to mask)', () => {
  it('reads a file of exactly 1 MiB, refuses one byte more, and a missing file', () => {
    const exact = path.join(dir, 'exact');
    const over = path.join(dir, 'over');
    writeFileSync(exact, 'a'.repeat(MAX_MASKED_FILE));
    writeFileSync(over, 'a'.repeat(MAX_MASKED_FILE + 1));
    expect(readSmallFile(exact)?.length).toBe(MAX_MASKED_FILE);
    expect(readSmallFile(over)).toBeUndefined();
    expect(readSmallFile(path.join(dir, 'missing'))).toBeUndefined();
  });
});

describe('redactSecrets (the error annotation)', () => {
  it('replaces a multi-line secret whole and each of its lines where they turn up alone', () => {
    const secret = 'user=alice\npassword=hunter2\n';
    expect(redactSecrets('#5 0.1 user=alice\n#5 0.1 password=hunter2\nexit code: 7', [secret])).toBe('#5 0.1 ***\n#5 0.1 ***\nexit code: 7');
  });
});
