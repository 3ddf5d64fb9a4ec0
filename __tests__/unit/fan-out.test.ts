import { describe, expect, it } from '@jest/globals';
import { InputErrors } from '../../src/inputs/errors.js';
import { normalizePlatform } from '../../src/inputs/platforms.js';
import { readInputs } from '../../src/inputs/read.js';
import type { InputName } from '../../src/names.js';
import { decideBuilder } from '../../src/plan/builder.js';
import {
  canonicalOrder,
  decideAssembly,
  imageKey,
  indexAnnotations,
  type LegRecord,
  legInputs,
  legOutput,
  legPlatforms,
  recordKey,
  recordPrefix,
  repositories,
} from '../../src/plan/fan-out.js';
import { parseRecord } from '../../src/fanout/records.js';
import { renderFanOutSummary, renderValidationSummary } from '../../src/report/fan-out-summary.js';
import { annotation, inputSource, makeInputs, platformOf, platformsOf, thrown } from './support.js';

const BOTH = 'linux/amd64,linux/arm64';
const ok = { platforms: BOTH, push: 'true', tags: 'ghcr.io/acme/app:latest' };
const read = (values: Partial<Record<InputName, string>>) => readInputs(inputSource(values)).inputs;
const errorsOf = (values: Partial<Record<InputName, string>>) => thrown(InputErrors, () => readInputs(inputSource(values))).errors;
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
// Platforms as the inputs read them: aliases and any spelling are normalized there, not in plan/.
const P = normalizePlatform;
const Ps = (...names: string[]) => names.map(normalizePlatform);
const record = (platform: string, digest: string, extra: Partial<LegRecord> = {}): LegRecord => ({
  platform: P(platform),
  digest,
  runner: 'r',
  job: 'j',
  seconds: 1,
  emulated: false,
  attempt: '1',
  ...extra,
});

describe('fan-out input', () => {
  it.each<[string, unknown]>([
    ['', { mode: 'off' }],
    ['auto', { mode: 'auto' }],
    ['merge', { mode: 'merge' }],
    ['linux/arm64', { mode: 'list', platforms: ['linux/arm64'] }],
    ['linux/aarch64, linux/amd64', { mode: 'list', platforms: ['linux/arm64', 'linux/amd64'] }],
  ])('%j reads as %j', (value, expected) => {
    expect(read({ ...ok, 'fan-out': value }).fanOut).toEqual(expected);
  });

  it('accepts push: false (a pull request run of the matrix), with or without tags', () => {
    expect(read({ ...ok, push: 'false', 'fan-out': 'auto' }).fanOut).toEqual({ mode: 'auto' });
    expect(read({ platforms: BOTH, push: 'false', 'fan-out': 'linux/arm64' }).fanOut).toEqual({ mode: 'list', platforms: ['linux/arm64'] });
    expect(read({ platforms: BOTH, push: 'false', 'fan-out': 'merge' }).fanOut).toEqual({ mode: 'merge' });
  });

  it('is off, with no requirement, when empty', () => {
    expect(read({}).fanOut).toEqual({ mode: 'off' });
  });

  it.each<[Partial<Record<InputName, string>>, string]>([
    [{ ...ok, 'fan-out': 'linux/s390x' }, 'not one of `platforms` (linux/amd64,linux/arm64)'],
    [{ ...ok, 'fan-out': 'linux/amd46' }, 'unknown architecture'],
    [{ ...ok, tags: '', outputs: 'type=registry,name=x/y', 'fan-out': 'auto' }, 'needs `tags`'],
    [{ ...ok, platforms: '', 'fan-out': 'merge' }, 'needs `platforms`'],
    [{ ...ok, outputs: 'type=image,name=x/y,push=true', 'fan-out': 'auto' }, 'leave `outputs` empty'],
    [{ ...ok, load: 'true', 'fan-out': 'auto' }, 'cannot `load`'],
    [{ ...ok, tags: `ghcr.io/acme/app@${D1}`, 'fan-out': 'auto' }, 'not digests'],
  ])('rejects %j: %s', (values, says) => {
    const fanOut = errorsOf(values).filter((e) => e.input === 'fan-out');
    expect(fanOut.length).toBeGreaterThan(0);
    expect(fanOut.map((e) => e.message).join('\n')).toContain(says);
  });
});

describe('legPlatforms', () => {
  const platforms = Ps('linux/amd64', 'linux/arm64', 'linux/arm/v7');
  it('auto takes the members of `platforms` the engine runs natively, variants included', () => {
    expect(legPlatforms({ mode: 'auto' }, platforms, P('linux/amd64'))).toEqual({ platforms: ['linux/amd64'] });
    expect(legPlatforms({ mode: 'auto' }, platforms, P('linux/arm64'))).toEqual({ platforms: ['linux/arm64'] });
    expect(legPlatforms({ mode: 'auto' }, Ps('linux/amd64/v3', 'linux/arm64'), P('linux/amd64'))).toEqual({ platforms: ['linux/amd64/v3'] });
  });
  it('auto matching nothing is an error naming the engine', () => {
    const chosen = legPlatforms({ mode: 'auto' }, Ps('linux/arm64', 'linux/riscv64'), P('linux/amd64'));
    expect(chosen).toEqual({ error: expect.stringContaining("this runner's engine runs linux/amd64, none of `platforms`") });
  });
  it('a list takes the members of `platforms` it names, whatever alias either used; merge builds nothing; off builds everything', () => {
    expect(legPlatforms({ mode: 'list', platforms: Ps('linux/aarch64') }, Ps('linux/amd64', 'linux/ARM64'), P('linux/amd64'))).toEqual({
      platforms: ['linux/arm64'],
    });
    expect(legPlatforms({ mode: 'merge' }, platforms, P('linux/amd64'))).toEqual({ platforms: [] });
    expect(legPlatforms({ mode: 'off' }, platforms, P('linux/amd64'))).toEqual({ platforms });
  });
});

describe('a leg’s build', () => {
  const inputs = makeInputs({
    platforms: ['linux/amd64', 'linux/arm64'],
    push: true,
    tags: ['ghcr.io/acme/app:latest', 'ghcr.io/acme/app:1.2', 'docker.io/acme/app:latest', 'localhost:5000/x/app:1'],
    annotations: [
      annotation('org.opencontainers.image.title=app'),
      { raw: 'index:org.opencontainers.image.description=multi', key: 'org.opencontainers.image.description', value: 'multi', levels: ['index'], platform: '' },
      { raw: 'manifest:a=b', key: 'a', value: 'b', levels: ['manifest'], platform: '' },
      { raw: 'index-descriptor:c=d', key: 'c', value: 'd', levels: ['index-descriptor'], platform: '' },
      { raw: 'manifest,index:e=f', key: 'e', value: 'f', levels: ['manifest', 'index'], platform: '' },
    ],
    fanOut: { mode: 'auto' },
  });
  it('pushes by digest to every repository of the tags, once each, with no tag', () => {
    expect(repositories(inputs.tags)).toEqual(['ghcr.io/acme/app', 'docker.io/acme/app', 'localhost:5000/x/app']);
    const { setup, build } = legInputs(inputs, platformsOf('linux/arm64'));
    const output = 'type=image,"name=ghcr.io/acme/app,docker.io/acme/app,localhost:5000/x/app",push-by-digest=true,name-canonical=true,push=true';
    expect(legOutput(repositories(inputs.tags))).toBe(output);
    // The leg's parsed output: that text and its attributes, as readInputs reads an output.
    const parsed = {
      raw: output,
      attrs: {
        type: 'image',
        name: 'ghcr.io/acme/app,docker.io/acme/app,localhost:5000/x/app',
        'push-by-digest': 'true',
        'name-canonical': 'true',
        push: 'true',
      },
    };
    expect(build).toMatchObject({ platforms: ['linux/arm64'], tags: [], push: false, outputs: [parsed] });
    // The set-up keeps the tags (they name the cache scope) and sees the push-by-digest output.
    expect(setup).toMatchObject({ platforms: ['linux/arm64'], tags: inputs.tags, push: true, outputs: [parsed] });
  });
  it('with push: false builds its platforms into the cache-only exporter: no push, no tag, no load, no annotation', () => {
    const { setup, build } = legInputs({ ...inputs, push: false }, platformsOf('linux/amd64'));
    expect(setup).toMatchObject({
      platforms: ['linux/amd64'],
      tags: inputs.tags,
      push: false,
      load: false,
      outputs: [{ raw: 'type=cacheonly', attrs: { type: 'cacheonly' } }],
    });
    expect(build).toMatchObject({
      platforms: ['linux/amd64'],
      tags: [],
      push: false,
      load: false,
      annotations: [],
      outputs: [{ raw: 'type=cacheonly', attrs: { type: 'cacheonly' } }],
    });
    // Nothing is pushed by digest: the engine's own builder (containerd store) builds it natively.
    const facts = {
      platform: platformOf('linux/amd64'),
      containerdStore: true,
      engineVersion: '28.5.2',
      current: { name: 'default', driver: 'docker', platforms: [] },
    };
    expect(decideBuilder(setup, facts, () => 'kiln-x')).toMatchObject({ action: 'use', name: 'default', driver: 'docker' });
  });
  it('leaves the index annotations to the assembly', () => {
    const { build } = legInputs(inputs, platformsOf('linux/arm64'));
    expect(build.annotations.map((a) => a.raw)).toEqual(['org.opencontainers.image.title=app', 'manifest:a=b', 'manifest:e=f']);
    expect(indexAnnotations(inputs.annotations)).toEqual(['index:org.opencontainers.image.description=multi', 'index:e=f']);
  });
  it('keeps the platform a mixed annotation is limited to, and a key with colons whole', () => {
    const mixed = {
      raw: 'manifest,index[linux/arm64]:org.example:note=x',
      key: 'org.example:note',
      value: 'x',
      levels: ['manifest', 'index'],
      platform: 'linux/arm64',
    } as const;
    const limited = { ...inputs, annotations: [mixed] };
    const { build } = legInputs(limited, platformsOf('linux/arm64'));
    expect(build.annotations).toEqual([
      { raw: 'manifest[linux/arm64]:org.example:note=x', key: 'org.example:note', value: 'x', levels: ['manifest'], platform: 'linux/arm64' },
    ]);
    expect(indexAnnotations(limited.annotations)).toEqual(['index:org.example:note=x']);
  });
  it('gets a builder that can push by digest, even on an engine whose own BuildKit does everything else', () => {
    const { setup } = legInputs(inputs, platformsOf('linux/arm64'));
    const facts = {
      platform: platformOf('linux/amd64'),
      containerdStore: true,
      engineVersion: '28.5.2',
      current: { name: 'default', driver: 'docker', platforms: [] },
    };
    expect(decideBuilder(setup, facts, () => 'kiln-x')).toMatchObject({ action: 'create', driver: 'docker-container' });
    // The push by digest is what the engine's own builder cannot do: the same build with a plain push uses it.
    expect(decideBuilder({ ...setup, outputs: [] }, facts, () => 'kiln-x')).toMatchObject({ action: 'use', driver: 'docker' });
    expect(decideBuilder({ ...setup, builder: 'mine' }, facts, () => 'kiln-x')).toMatchObject({ action: 'use', name: 'mine' });
  });
});

describe('records', () => {
  const image = imageKey('acme/app', ['ghcr.io/acme/app:latest'], Ps('linux/amd64', 'linux/arm64'));
  it('one image key for the same repository, tags and platforms, in any order', () => {
    expect(imageKey('acme/app', ['ghcr.io/acme/app:latest'], Ps('linux/arm64', 'linux/amd64'))).toBe(image);
    expect(imageKey('acme/app', ['ghcr.io/acme/app:latest'], Ps('linux/aarch64', 'linux/x86_64'))).toBe(image);
    expect(imageKey('acme/app', ['ghcr.io/acme/app:edge'], Ps('linux/amd64', 'linux/arm64'))).not.toBe(image);
    expect(imageKey('acme/other', ['ghcr.io/acme/app:latest'], Ps('linux/amd64', 'linux/arm64'))).not.toBe(image);
    expect(imageKey('acme/app', ['ghcr.io/acme/app:latest'], Ps('linux/amd64'))).not.toBe(image);
  });
  it('keys whose prefixes never match another run or platform', () => {
    const key = recordKey(image, '123', P('linux/arm64'), '2');
    expect(key).toBe(`kiln-leg-${image}-123-linux-arm64.2`);
    expect(key.startsWith(recordPrefix(image, '123', P('linux/arm64')))).toBe(true);
    expect(recordKey(image, '1234', P('linux/arm64'), '1').startsWith(recordPrefix(image, '123', P('linux/arm64')))).toBe(false);
    expect(recordKey(image, '123', P('linux/arm/v7'), '1').startsWith(recordPrefix(image, '123', P('linux/arm')))).toBe(false);
    expect(recordPrefix(image, '123', P('linux/aarch64'))).toBe(recordPrefix(image, '123', P('linux/arm64')));
  });
  it('reads back what a leg wrote, and nothing else', () => {
    const r = record('linux/arm64', D1, { runner: 'arm-1', seconds: 42.5, emulated: true });
    expect(parseRecord(JSON.stringify(r), P('linux/arm64'))).toEqual(r);
    // The record's platform is parsed where it is read: an alias in the JSON is the same platform.
    expect(parseRecord(JSON.stringify({ ...r, platform: 'linux/aarch64' }), P('linux/arm64'))).toEqual(r);
    expect(parseRecord(JSON.stringify(r), P('linux/amd64'))).toBeUndefined();
    expect(parseRecord(JSON.stringify({ ...r, digest: 'latest' }), P('linux/arm64'))).toBeUndefined();
    expect(parseRecord('not json', P('linux/arm64'))).toBeUndefined();
  });
});

describe('decideAssembly', () => {
  const platforms = Ps('linux/arm64', 'linux/amd64', 'linux/arm/v7');
  it('waits while a platform is missing', () => {
    const found = new Map([[P('linux/arm64'), record('linux/arm64', D1)]]);
    expect(decideAssembly(platforms, found, 'ghcr.io/acme/app')).toEqual({
      complete: false,
      missing: ['linux/amd64', 'linux/arm/v7'],
      records: [record('linux/arm64', D1)],
    });
  });
  it('assembles each leg’s push once, in canonical order, whatever order the records came in', () => {
    const found = new Map([
      [P('linux/arm64'), record('linux/arm64', D1)],
      [P('linux/arm/v7'), record('linux/arm/v7', D1)],
      [P('linux/amd64'), record('linux/amd64', D2)],
    ]);
    const reversed = new Map([...found].reverse());
    const a = decideAssembly(platforms, found, 'ghcr.io/acme/app');
    expect(a).toMatchObject({ complete: true, sources: [`ghcr.io/acme/app@${D2}`, `ghcr.io/acme/app@${D1}`] });
    expect(decideAssembly([...platforms].reverse(), reversed, 'ghcr.io/acme/app')).toEqual(a);
    expect(canonicalOrder(platforms)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
  });
});

describe('fan-out summary', () => {
  it('shows every platform with its digest, leg and duration, and whether anything was emulated', () => {
    const records = [record('linux/amd64', D2, { runner: 'ubuntu-latest-1', seconds: 61 }), record('linux/arm64', D1, { runner: 'arm-2', seconds: 12.3 })];
    const md = renderFanOutSummary(
      { complete: true, records, sources: [] },
      { index: `sha256:${'9'.repeat(64)}`, tags: ['ghcr.io/acme/app:latest'], seconds: 0.8 },
    );
    expect(md).toContain(`| \`linux/amd64\` | \`${D2}\` | ubuntu-latest-1, job j, attempt 1 | 1m 01s | no |`);
    expect(md).toContain(`| \`linux/arm64\` | \`${D1}\` | arm-2, job j, attempt 1 | 12.3s | no |`);
    expect(md).toContain('Nothing was emulated');
    expect(md).toContain('`ghcr.io/acme/app:latest`');
    const waiting = renderFanOutSummary(
      { complete: false, missing: Ps('linux/arm64'), records: [record('linux/amd64', D2, { emulated: true })] },
      { tags: [] },
    );
    expect(waiting).toContain('Waiting for `linux/arm64`: another leg will finish the image');
    expect(waiting).toContain('Emulated under QEMU: linux/amd64.');
  });
  it('says a push: false leg was a validation build, and a merge job that nothing was assembled', () => {
    expect(renderValidationSummary(Ps('linux/amd64'), Ps('linux/amd64', 'linux/arm64'))).toBe(
      '### Fan-out\n\nThis leg built `linux/amd64` of `linux/amd64`, `linux/arm64` as a validation build (`push: false`): nothing was exported or pushed, no record was written and no index assembled.\n',
    );
    expect(renderValidationSummary([], Ps('linux/amd64', 'linux/arm64'))).toBe(
      '### Fan-out\n\nThis merge job ran with `push: false`: the legs were validation builds: nothing was exported or pushed, no record was written and no index assembled.\n',
    );
  });
});
