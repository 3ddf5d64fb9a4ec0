// Rekor v1's answer read into the bundle's log entry, field for field as sigstore-js's
// RekorWitness reads it (hex log id and hashes, base64 body and timestamp, numbers as strings).
import { describe, expect, it } from '@jest/globals';
import { rekorV1Entry } from '../../src/sign/sigstore-services.js';

describe('rekorV1Entry', () => {
  it('an entry with its promise and inclusion proof', () => {
    const entry = rekorV1Entry({
      body: 'eyJraW5kIjoiZHNzZSIsImFwaVZlcnNpb24iOiIwLjAuMSJ9',
      integratedTime: 1700000000,
      logID: 'c0ffee',
      logIndex: 42,
      verification: {
        signedEntryTimestamp: 'c2V0',
        inclusionProof: { logIndex: 41, treeSize: 43, rootHash: '00ff', hashes: ['01', 'a0b1'], checkpoint: 'rekor.example - 1\n43\n' },
      },
    });
    expect(entry).toEqual({
      logIndex: '42',
      logId: { keyId: Buffer.from([0xc0, 0xff, 0xee]) },
      integratedTime: '1700000000',
      kindVersion: { kind: 'dsse', version: '0.0.1' },
      inclusionPromise: { signedEntryTimestamp: Buffer.from('set') },
      inclusionProof: {
        logIndex: '41',
        treeSize: '43',
        rootHash: Buffer.from([0x00, 0xff]),
        hashes: [Buffer.from([0x01]), Buffer.from([0xa0, 0xb1])],
        checkpoint: { envelope: 'rekor.example - 1\n43\n' },
      },
      canonicalizedBody: Buffer.from('{"kind":"dsse","apiVersion":"0.0.1"}'),
    });
  });

  it('an entry without verification data has neither promise nor proof', () => {
    const entry = rekorV1Entry({ body: 'eyJraW5kIjoiZHNzZSIsImFwaVZlcnNpb24iOiIwLjAuMSJ9', integratedTime: 1, logID: '00', logIndex: 0 });
    expect(entry.inclusionPromise).toBeUndefined();
    expect(entry.inclusionProof).toBeUndefined();
    expect(entry.logIndex).toBe('0');
  });
});
