import { describe, expect, it } from '@jest/globals';
import { readVersion } from '../../src/inputs/version.js';

describe('readVersion: SemVer read once, into plain fields', () => {
  it.each([
    ['v1.2.3', { raw: 'v1.2.3', version: '1.2.3', major: 1, minor: 2, patch: 3, prerelease: false }],
    ['2.0.8-beta.67', { raw: '2.0.8-beta.67', version: '2.0.8-beta.67', major: 2, minor: 0, patch: 8, prerelease: true }],
    ['v0.1.2+build.5', { raw: 'v0.1.2+build.5', version: '0.1.2', major: 0, minor: 1, patch: 2, prerelease: false }],
  ])('%s', (text, expected) => {
    expect(readVersion(text)).toEqual(expected);
  });

  it.each(['release-7', '1.2', 'v1', '', '01.2.3', 'latest'])('%j is not SemVer: null', (text) => {
    expect(readVersion(text)).toBeNull();
  });
});
