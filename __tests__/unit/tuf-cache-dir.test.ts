import { describe, expect, it } from '@jest/globals';
import { tufCacheDir } from '../../src/sign/tuf.js';

// The TUF cache lies where @sigstore/tuf put it: <tempDir>/tuf/<host and path, URI-encoded>.
describe('tufCacheDir', () => {
  it('public-good and GitHub: the host alone', () => {
    expect(tufCacheDir('/runner/temp/kiln-1', 'https://tuf-repo-cdn.sigstore.dev')).toBe('/runner/temp/kiln-1/tuf/tuf-repo-cdn.sigstore.dev');
    expect(tufCacheDir('/runner/temp/kiln-1', 'https://tuf-repo.github.com/')).toBe('/runner/temp/kiln-1/tuf/tuf-repo.github.com');
  });

  it('a port and a path are encoded into one directory name', () => {
    expect(tufCacheDir('/t', 'http://127.0.0.1:8080/sigstore/tuf/')).toBe('/t/tuf/127.0.0.1%3A8080%2Fsigstore%2Ftuf');
  });
});
