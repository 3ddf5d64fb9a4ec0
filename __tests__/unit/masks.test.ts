import { describe, expect, it } from '@jest/globals';
import { maskPieces } from '../../src/plan/masks.js';
import { planSecrets } from '../../src/plan/secrets.js';
import { redactSecrets } from '../../src/report/summary.js';

const PEM = '-----BEGIN KEY-----\r\nMIIBVwIBADANBgkqhkiG\nw0BAQEFAASCAUEwggE9\n\n-----END KEY-----\n';

describe('maskPieces: what the log and the summary mask for one secret', () => {
  it('a one-line secret is one piece, as given', () => {
    expect(maskPieces(' s3cret ')).toEqual([' s3cret ']);
  });

  it('a line that repeats is masked once', () => {
    expect(maskPieces('same\nsame\n')).toEqual(['same\nsame\n', 'same']);
  });

  it('a multi-line secret: the whole, then each non-blank line (CRLF or LF), untrimmed', () => {
    expect(maskPieces(PEM)).toEqual([PEM, '-----BEGIN KEY-----', 'MIIBVwIBADANBgkqhkiG', 'w0BAQEFAASCAUEwggE9', '-----END KEY-----']);
  });

  it('a blank secret gives nothing to mask', () => {
    expect(maskPieces('')).toEqual([]);
    expect(maskPieces(' \n\t\r\n')).toEqual([]);
  });
});

describe('the two users of maskPieces', () => {
  it('planSecrets registers each piece once, trimmed', () => {
    const plan = planSecrets(
      [
        { id: 'key', input: 'secrets', source: { kind: 'inline', value: PEM } },
        { id: 'tok', input: 'secrets', source: { kind: 'inline', value: ' tok-1 ' } },
      ],
      '/tmp/t',
      {},
    );
    expect(plan.masks).toEqual([PEM.trim(), '-----BEGIN KEY-----', 'MIIBVwIBADANBgkqhkiG', 'w0BAQEFAASCAUEwggE9', '-----END KEY-----', 'tok-1']);
  });

  it('the summary redacts every line of a multi-line secret, and leaves blank secrets alone', () => {
    expect(redactSecrets('a MIIBVwIBADANBgkqhkiG b\nc w0BAQEFAASCAUEwggE9', [PEM, ''])).toBe('a *** b\nc ***');
    expect(redactSecrets('x  y', ['  '])).toBe('x  y');
  });
});
