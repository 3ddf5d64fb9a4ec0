import { describe, expect, it } from '@jest/globals';
import { annotationOf, labelOf, readAnnotation, readLabel } from '../../src/inputs/annotations.js';

// The forms below were run through buildx 0.29 (`--annotation … --call=outline`): it splits the
// item at the first `=`, the key at the first `:`, and takes the levels (and [os/arch]) before it.
describe('readAnnotation: an annotation as buildx reads it', () => {
  it.each([
    ['k=v', { key: 'k', value: 'v', levels: [], platform: '' }],
    ['index:org.opencontainers.image.title=Kiln, the app', { key: 'org.opencontainers.image.title', value: 'Kiln, the app', levels: ['index'], platform: '' }],
    ['index:org.example:note=a=b', { key: 'org.example:note', value: 'a=b', levels: ['index'], platform: '' }],
    ['manifest,index[linux/amd64]:k=v', { key: 'k', value: 'v', levels: ['manifest', 'index'], platform: 'linux/amd64' }],
    ['index:k=', { key: 'k', value: '', levels: ['index'], platform: '' }],
  ])('%s', (raw, fields) => {
    expect(readAnnotation(raw)).toEqual({ annotation: { raw, ...fields } });
  });

  it.each([
    ['no =', 'k'],
    ['an empty key', '=v'],
    ['an unknown level', 'foo:bar=baz'],
    ['a key-like prefix', 'com.example:foo=bar'],
    ['an upper-case level', 'Index:k=v'],
    ['an empty level', 'index,:k=v'],
    ['an unknown platform', 'manifest[bad]:k=v'],
    ['empty brackets', 'index[]:k=v'],
  ])('refuses %s (%s) with what would be accepted', (_what, raw) => {
    const read = readAnnotation(raw);
    expect(read.problem).toMatch(/use /);
  });
});

describe('labels and annotations Kiln writes read back as written', () => {
  it('a bare label key has an empty value, as buildx reads it', () => {
    expect(readLabel('foo')).toEqual({ raw: 'foo', key: 'foo', value: '' });
    expect(readLabel('a=b=c')).toEqual({ raw: 'a=b=c', key: 'a', value: 'b=c' });
  });

  it.each([
    annotationOf([], 'k', 'v'),
    annotationOf(['manifest', 'index'], 'org.opencontainers.image.version', '1.2.3'),
    annotationOf(['manifest'], 'org.example:note', 'a=b', 'linux/arm64'),
  ])('$raw', (written) => {
    expect(readAnnotation(written.raw)).toEqual({ annotation: written });
  });

  it('a label', () => {
    const written = labelOf('org.opencontainers.image.title', 'a=b');
    expect(written.raw).toBe('org.opencontainers.image.title=a=b');
    expect(readLabel(written.raw)).toEqual(written);
  });
});
