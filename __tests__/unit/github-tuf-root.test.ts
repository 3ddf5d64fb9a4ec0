import { describe, expect, it } from '@jest/globals';
import { Metadata, MetadataKind } from '@tufjs/models';
import { GITHUB_TUF_ROOT } from '../../src/sign/github-tuf-root.js';

// The embedded start of GitHub's TUF chain must be the root GitHub signed, byte for byte where
// it counts: a TUF client refuses a root its own keys' threshold did not sign.
describe('GitHub’s TUF root', () => {
  it('is version 3, signed by at least 3 of its 8 root keys', () => {
    const root = Metadata.fromJSON(MetadataKind.Root, structuredClone(GITHUB_TUF_ROOT) as never);
    expect(root.signed.version).toBe(3);
    expect(root.signed.roles.root?.threshold).toBe(3);
    expect(root.signed.roles.root?.keyIDs).toHaveLength(8);
    expect(() => {
      root.verifyDelegate(MetadataKind.Root, root);
    }).not.toThrow();
  });

  it('a root with a changed expiry is refused (the check can fail)', () => {
    const changed = structuredClone(GITHUB_TUF_ROOT) as unknown as { signed: { expires: string } };
    changed.signed.expires = '2099-01-01T00:00:00Z';
    const root = Metadata.fromJSON(MetadataKind.Root, changed);
    expect(() => {
      root.verifyDelegate(MetadataKind.Root, root);
    }).toThrow(/signed by 0\/3 keys/);
  });
});
