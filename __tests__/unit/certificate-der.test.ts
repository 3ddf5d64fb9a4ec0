import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { X509Certificate } from '@sigstore/core';
import { initializeCA, initializeCTLog, initializeTSA } from '@sigstore/mock';
import { certificatesEqual } from '../../src/sign/certificate-der.js';

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const asBuffer = (data: ArrayBufferView): Buffer<ArrayBuffer> => Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

describe('certificate equality with each DER encoded once (sign/certificate-der.ts)', () => {
  it('answers as the DER bytes do: the same certificate parsed twice is equal, two others are not', async () => {
    const ca = await initializeCA(p256(), await initializeCTLog(p256()));
    const tsa = await initializeTSA(p256());
    const root = asBuffer(ca.rootCertificate);
    const a = X509Certificate.parse(root);
    const again = X509Certificate.parse(Buffer.from(new Uint8Array(root)));
    const other = X509Certificate.parse(asBuffer(tsa.rootCertificate));
    expect(certificatesEqual(a, again)).toBe(true);
    expect(certificatesEqual(a, other)).toBe(false);
    // Asked again (the DER now remembered), the same answers.
    expect(certificatesEqual(again, a)).toBe(true);
    expect(certificatesEqual(other, a)).toBe(false);
  });

  it('is what sigstore-js calls: X509Certificate.equals goes through it', async () => {
    const ca = await initializeCA(p256(), await initializeCTLog(p256()));
    const tsa = await initializeTSA(p256());
    const a = X509Certificate.parse(asBuffer(ca.rootCertificate));
    const b = X509Certificate.parse(asBuffer(tsa.rootCertificate));
    expect(X509Certificate.prototype.equals.name).toBe('equals');
    expect(X509Certificate.prototype.equals.toString()).toContain('certificatesEqual');
    expect(a.equals(X509Certificate.parse(asBuffer(ca.rootCertificate)))).toBe(true);
    expect(a.equals(b)).toBe(false);
  });
});
