// buildx option entries are parsed once in inputs/ into { raw, attrs }; the readers in
// inputs/buildx-option.ts answer every type/ref/push question from the attributes.
import { describe, expect, it } from '@jest/globals';
import { fullEntry, optionFrom, pushes, refOf, registryRef, registryRefOption, sets, typeOf, withFields } from '../../src/inputs/buildx-option.js';
import { attestationInput, attributesOption, cacheOption } from '../../src/inputs/parse-buildx-options.js';
import { readInputs } from '../../src/inputs/read.js';
import { inputSource } from './support.js';

describe('cacheOption: a bare reference means a registry cache (the one place that says so)', () => {
  it.each<[string, string, string | undefined, string | undefined]>([
    ['user/app:cache', 'registry', 'user/app:cache', 'user/app:cache'],
    ['type=registry,ref=r/app:c,mode=max', 'registry', 'r/app:c', 'r/app:c'],
    ['type=gha,scope=main', 'gha', undefined, undefined],
    ['type=local,src=/c', 'local', undefined, undefined],
    ['type=inline', 'inline', undefined, undefined],
  ])('%s', (raw, type, ref, registry) => {
    const option = cacheOption(raw);
    expect(option.raw).toBe(raw);
    expect(typeOf(option)).toBe(type);
    expect(refOf(option)).toBe(ref);
    expect(registryRef(option)).toBe(registry);
  });

  it('writes a bare reference out in full, and keeps a full entry as given', () => {
    expect(fullEntry(cacheOption('user/app:cache'))).toBe('type=registry,ref=user/app:cache');
    expect(fullEntry(cacheOption('type=gha,"scope=a,b"'))).toBe('type=gha,"scope=a,b"');
  });
});

describe('readers', () => {
  it('pushes: registry always, image only with a Go true for push', () => {
    expect(pushes(attributesOption('type=registry,name=r/a'))).toBe(true);
    expect(pushes(attributesOption('type=image,name=r/a,push=t'))).toBe(true);
    expect(pushes(attributesOption('type=image,name=r/a,push=yes'))).toBe(false);
    expect(pushes(attributesOption('type=local,dest=out'))).toBe(false);
  });

  it('sets: a key given with or without a value', () => {
    expect(sets(attributesOption('network=host'), 'network')).toBe(true);
    expect(sets(attributesOption('image=moby/buildkit,Network=host'), 'network')).toBe(true);
    expect(sets(attributesOption('image=moby/buildkit'), 'network')).toBe(false);
  });
});

describe('provenance / sbom: settled when read', () => {
  it.each<[string, 'provenance' | 'sbom', unknown]>([
    ['', 'provenance', { mode: 'default' }],
    ['false', 'provenance', { mode: 'off', raw: 'false' }],
    ['True', 'provenance', { mode: 'on', raw: 'True' }],
    ['mode=max,builder-id=x', 'provenance', { mode: 'on', raw: 'mode=max,builder-id=x', attrs: { mode: 'max', 'builder-id': 'x' } }],
    ['0', 'sbom', { mode: 'off', raw: '0' }],
    ['t', 'sbom', { mode: 'on', raw: 't' }],
    ['generator=img', 'sbom', { mode: 'on', raw: 'generator=img', attrs: { generator: 'img' } }],
  ])('%j (%s)', (raw, kind, expected) => {
    expect(attestationInput(raw, kind)).toEqual(expected);
  });
});

describe('readInputs hands on parsed entries', () => {
  it('outputs, cache-from, cache-to, attests, driver-opts, provenance, sbom', () => {
    const { inputs } = readInputs(
      inputSource({
        outputs: 'type=local,dest=out',
        'cache-from': 'user/app:cache',
        'cache-to': 'type=gha,mode=max',
        attests: 'type=sbom',
        'driver-opts': 'network=host',
        provenance: 'mode=min',
        sbom: 'false',
      }),
    );
    expect(inputs.outputs).toEqual([{ raw: 'type=local,dest=out', attrs: { type: 'local', dest: 'out' } }]);
    expect(inputs.cacheFrom).toEqual([{ raw: 'user/app:cache', attrs: { type: 'registry', ref: 'user/app:cache' } }]);
    expect(inputs.cacheTo).toEqual([{ raw: 'type=gha,mode=max', attrs: { type: 'gha', mode: 'max' } }]);
    expect(inputs.attests).toEqual([{ raw: 'type=sbom', attrs: { type: 'sbom' } }]);
    expect(inputs.setup.driverOpts).toEqual([{ raw: 'network=host', attrs: { network: 'host' } }]);
    expect(inputs.provenance).toEqual({ mode: 'on', raw: 'mode=min', attrs: { mode: 'min' } });
    expect(inputs.sbom).toEqual({ mode: 'off', raw: 'false' });
  });
});

// Kiln's own entries are written from their attributes, never parsed from text: the text must
// read back, as buildx reads it, as the attributes they were written from.
describe('optionFrom / registryRefOption / withFields: entries Kiln writes', () => {
  it.each<[string, Record<string, string>, string]>([
    ['plain fields in order', { type: 'gha', scope: 'a', mode: 'min' }, 'type=gha,scope=a,mode=min'],
    ['a value with a comma is one quoted field', { type: 'image', name: 'r/a,r/b' }, 'type=image,"name=r/a,r/b"'],
    ['a value with a quote: quoted, the quote doubled', { type: 'gha', url: 'https://x/a"b' }, 'type=gha,"url=https://x/a""b"'],
    ['an = in a value needs no quotes', { type: 'gha', url: 'https://x/?a=b' }, 'type=gha,url=https://x/?a=b'],
  ])('%s', (_, fields, text) => {
    const option = optionFrom(fields);
    expect(option.raw).toBe(text);
    expect(option.attrs).toEqual(fields);
    expect(cacheOption(option.raw).attrs).toEqual(option.attrs);
  });

  it('a bare reference is a registry entry, its text the reference', () => {
    expect(registryRefOption('r/app:1')).toEqual({ raw: 'r/app:1', attrs: { type: 'registry', ref: 'r/app:1' } });
    expect(registryRefOption('r/app:1')).toEqual(cacheOption('r/app:1'));
  });

  it('withFields: appended to the text (a bare reference written out) and to the attributes', () => {
    expect(withFields(cacheOption('r/app:c'), { mode: 'max' })).toEqual({
      raw: 'type=registry,ref=r/app:c,mode=max',
      attrs: { type: 'registry', ref: 'r/app:c', mode: 'max' },
    });
    expect(withFields(cacheOption('type=gha,"scope=a,b"'), {})).toEqual(cacheOption('type=gha,"scope=a,b"'));
    const added = withFields(cacheOption('type=gha,"scope=a,b"'), { note: 'x,y' });
    expect(added.raw).toBe('type=gha,"scope=a,b","note=x,y"');
    expect(cacheOption(added.raw).attrs).toEqual(added.attrs);
  });
});
