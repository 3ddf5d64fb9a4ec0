import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parseBuildMetadata, readBuildMetadata } from '../../src/build/metadata-file.js';

const fixturePath = (name: string): string => new URL(`./fixtures/buildx/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'kiln-metadata-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const written = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('readBuildMetadata: buildx metadata file, read once into a checked value', () => {
  it('a push (buildx 0.29): digest, descriptor and build reference, the text kept for the output', () => {
    const file = fixturePath('metadata-push.json');
    expect(readBuildMetadata(file)).toEqual({
      text: readFileSync(file, 'utf8'),
      digest: 'sha256:51e7512180bdb7b5c0246d2a1e124a56f5a91e1638544bc07245c7bbea6e5533',
      descriptor: {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: 'sha256:51e7512180bdb7b5c0246d2a1e124a56f5a91e1638544bc07245c7bbea6e5533',
        size: 855,
      },
      buildRef: 'default/default/wyopuwnyyboe9chiz2vzkfvik',
    });
  });

  it('a failed build writes no file: every field empty, problem "missing"', () => {
    expect(readBuildMetadata(path.join(dir, 'never-written.json'))).toEqual({ text: '', digest: '', buildRef: '', problem: 'missing' });
  });

  it('an empty file is no file', () => {
    expect(readBuildMetadata(written('empty.json', '\n'))).toEqual({ text: '', digest: '', buildRef: '', problem: 'missing' });
  });

  it('a file cut short: not trusted, problem "malformed", no text for the output', () => {
    expect(readBuildMetadata(fixturePath('metadata-truncated.json'))).toEqual({ text: '', digest: '', buildRef: '', problem: 'malformed' });
  });

  it('`call: check` writes its result but no image: no digest, no build reference, the text kept', () => {
    const file = fixturePath('metadata-call-check.json');
    expect(readBuildMetadata(file)).toEqual({ text: readFileSync(file, 'utf8'), digest: '', buildRef: '' });
  });
});

describe('parseBuildMetadata: fields of the wrong type are absent', () => {
  it.each([
    ['null', { text: '', digest: '', buildRef: '', problem: 'malformed' }],
    ['[]', { text: '', digest: '', buildRef: '', problem: 'malformed' }],
    ['"sha256:ab"', { text: '', digest: '', buildRef: '', problem: 'malformed' }],
    ['{}', { text: '{}', digest: '', buildRef: '' }],
    ['{"containerimage.digest":42,"buildx.build.ref":["a"]}', { text: '{"containerimage.digest":42,"buildx.build.ref":["a"]}', digest: '', buildRef: '' }],
    ['{"containerimage.digest":"x y"}', { text: '{"containerimage.digest":"x y"}', digest: '', buildRef: '' }],
    [
      '{"containerimage.descriptor":{"digest":"sha256:ab","size":-1}}',
      {
        text: '{"containerimage.descriptor":{"digest":"sha256:ab","size":-1}}',
        digest: '',
        descriptor: { mediaType: '', digest: 'sha256:ab', size: 0 },
        buildRef: '',
      },
    ],
    ['{"containerimage.descriptor":{"mediaType":"m"}}', { text: '{"containerimage.descriptor":{"mediaType":"m"}}', digest: '', buildRef: '' }],
  ])('%s', (text, expected) => {
    expect(parseBuildMetadata(text)).toEqual(expected);
  });
});
