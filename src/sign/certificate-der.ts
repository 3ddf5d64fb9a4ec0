// sigstore-js compares certificates (X509Certificate.equals) by encoding both to DER again from
// their parsed form, byte by byte, at every step of building a chain: about a third of the CPU a
// bundle's verification takes (bench:sign: 5 bundles, ~90 ms). The certificates it compares (the
// trusted root's, parsed once per step, and each bundle's) are never changed once parsed; the one
// it does change, a copy for the SCT check, it never compares. So each one's DER is encoded once.
// This patches the bundle's own copy of @sigstore/core (a pinned version), once, when the signing
// chunk loads; every bundle is still verified in full, and the signing e2e has cosign verify them.
import { X509Certificate } from '@sigstore/core';

const encoded = new WeakMap<X509Certificate, Buffer>();

function derOf(certificate: X509Certificate): Buffer {
  let der = encoded.get(certificate);
  if (der === undefined) {
    der = certificate.root.toDER();
    encoded.set(certificate, der);
  }
  return der;
}

/** X509Certificate.equals, each certificate's DER encoded once. */
export function certificatesEqual(a: X509Certificate, b: X509Certificate): boolean {
  return derOf(a).equals(derOf(b));
}

X509Certificate.prototype.equals = function equals(this: X509Certificate, other: X509Certificate): boolean {
  return certificatesEqual(this, other);
};
