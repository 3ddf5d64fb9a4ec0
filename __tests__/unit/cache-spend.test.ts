import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ghaWritten } from '../../src/build/gha-writes.js';
import { readBuildLog } from '../../src/build/log.js';
import { directorySpend, GHA_ENTRY_VERSION, ghaSpend, indexKeyPrefix, indexLayers, manifestLayers, tokenWriteScope } from '../../src/plan/cache-spend.js';
import { cacheSpend } from '../../src/report/cache-spend.js';
import { spendLine } from '../../src/report/summary.js';

const progress = (name: string) => readBuildLog(readFileSync(new URL(`./fixtures/progress/${name}`, import.meta.url), 'utf8')).steps();

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const D = `sha256:${'d'.repeat(64)}`;

describe('ghaWritten: the blobs the Actions cache exports uploaded, by digest', () => {
  it('a real export: three blobs, one index', () => {
    expect(ghaWritten(progress('gha-export.log'))).toEqual({
      blobs: [
        'sha256:389f7e8216e5a439294cf01fe0adce1be424ee2780795a5802e237c9c0142bb8',
        'sha256:cb1210a35a307359c5a0d54b7044af469274408d1eaca135ef7858ef98270424',
        'sha256:fab0b09155553feb3e769e554eb7ec76fe71c0ace2316a80f750372982898d71',
      ],
      indexes: 1,
    });
  });

  it('an upload refused for its rate is not written, and the failed export wrote no index', () => {
    expect(ghaWritten(progress('gha-cache-rate-limited.log'))).toEqual({
      blobs: ['sha256:080ad59b2563ca5bd93680cc1647133fa61ad9191657e5e978991a28e06ddc49'],
      indexes: 0,
    });
  });

  it('no Actions cache export', () => {
    expect(ghaWritten(progress('multi-fresh.log'))).toBeUndefined();
  });
});

describe('the keys BuildKit writes', () => {
  it("go-actions-cache's one version", () => {
    expect(GHA_ENTRY_VERSION).toBe('693bb7016429d80366022f036f84856888c9f13e00145f5f6f4dce303a38d6f2');
  });

  it('the index prefix: scope, format 1, 8 hex of the write scope, #', () => {
    expect(indexKeyPrefix('app-main', 'refs/heads/main')).toBe('index-app-main-1-f921bd05#');
  });

  it("the token's write scope: the last grant with the write bit", () => {
    // {"ac":"[{\"Scope\":\"refs/pull/9/merge\",\"Permission\":3},{\"Scope\":\"refs/heads/main\",\"Permission\":1}]"}
    const pr =
      'eyJhbGciOiJIUzI1NiJ9.eyJhYyI6ICJbe1wiU2NvcGVcIjpcInJlZnMvcHVsbC85L21lcmdlXCIsXCJQZXJtaXNzaW9uXCI6M30se1wiU2NvcGVcIjpcInJlZnMvaGVhZHMvbWFpblwiLFwiUGVybWlzc2lvblwiOjF9XSJ9.c2ln';
    expect(tokenWriteScope(pr)).toBe('refs/pull/9/merge');
    // {"ac":"[{\"Scope\":\"refs/heads/main\",\"Permission\":1}]"}: read only.
    expect(tokenWriteScope('eyJhbGciOiJIUzI1NiJ9.eyJhYyI6Ilt7XCJTY29wZVwiOlwicmVmcy9oZWFkcy9tYWluXCIsXCJQZXJtaXNzaW9uXCI6MX1dIn0.c2ln')).toBeUndefined();
    expect(tokenWriteScope('not-a-jwt')).toBeUndefined();
  });
});

describe('indexLayers: the layers an exported index lists', () => {
  it('blob → size', () => {
    const text = JSON.stringify({
      layers: [
        { blob: A, annotations: { 'containerd.io/uncompressed': C, size: 120, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' } },
        { blob: B, parent: 0, annotations: { size: 4096 } },
      ],
      records: [{ digest: D }],
    });
    expect(indexLayers(text)).toEqual(
      new Map([
        [A, 120],
        [B, 4096],
      ]),
    );
  });

  it.each([['not json'], ['{}'], ['{"layers":[{"blob":"sha256:x"}]}'], ['{"layers":[{"blob":"sha256:x","annotations":{"size":-1}}]}']])(
    'not an index: %s',
    (text) => {
      expect(indexLayers(text)).toBeUndefined();
    },
  );
});

describe('ghaSpend', () => {
  const index = {
    layers: new Map([
      [A, 100],
      [B, 2000],
      [C, 30],
    ]),
    bytes: 700,
  };

  it('written blobs sized by the index, plus the index itself; the rest of the index was skipped', () => {
    expect(ghaSpend({ blobs: [A, C], indexes: 1 }, [index])).toEqual({ entriesWritten: 3, bytesWritten: 830, entriesSkipped: 1 });
  });

  it('an unchanged rebuild: only the index written, every layer skipped', () => {
    expect(ghaSpend({ blobs: [], indexes: 1 }, [index])).toEqual({ entriesWritten: 1, bytesWritten: 700, entriesSkipped: 3 });
  });

  it('two exports: the layers of both, each counted once', () => {
    const other = {
      layers: new Map([
        [B, 2000],
        [D, 5],
      ]),
      bytes: 300,
    };
    expect(ghaSpend({ blobs: [D], indexes: 2 }, [index, other])).toEqual({ entriesWritten: 3, bytesWritten: 1005, entriesSkipped: 3 });
  });

  it('a written blob the index does not list (another build rewrote the scope): bytes and skips unknown', () => {
    expect(ghaSpend({ blobs: [A, D], indexes: 1 }, [index])).toEqual({ entriesWritten: 3 });
  });

  it('no index read, or fewer than the exports that finished: only the entries', () => {
    expect(ghaSpend({ blobs: [A], indexes: 1 }, undefined)).toEqual({ entriesWritten: 2 });
    expect(ghaSpend({ blobs: [A], indexes: 2 }, [index])).toEqual({ entriesWritten: 3 });
    expect(ghaSpend({ blobs: [A], indexes: 0 }, [])).toEqual({ entriesWritten: 1 });
  });
});

describe('the local cache directory', () => {
  it('manifestLayers: the layers of a cache manifest', () => {
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.buildkit.cacheconfig.v0', digest: D, size: 1180 },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: A, size: 3520 },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: B, size: 145 },
      ],
    });
    expect(manifestLayers(manifest)).toEqual([A, B]);
    expect(manifestLayers('{"manifests":[]}')).toBeUndefined();
    expect(manifestLayers('{"layers":[{"size":1}]}')).toBeUndefined();
  });

  it('directorySpend: the blob files added, and the listed layers held before', () => {
    const before = new Set([A, B]);
    const after = new Map([
      [A, 3520],
      [B, 145],
      [C, 134],
      [D, 1180],
    ]);
    expect(directorySpend(before, after, [A, C])).toEqual({ entriesWritten: 2, bytesWritten: 1314, entriesSkipped: 1 });
    expect(directorySpend(new Set(), after, [A, B, C])).toEqual({ entriesWritten: 4, bytesWritten: 4979, entriesSkipped: 0 });
  });
});

describe('spendLine: the summary line', () => {
  it.each([
    [{ entriesWritten: 4, bytesWritten: 1536, entriesSkipped: 2 }, 'Actions cache: wrote 4 entries, 1.5 KiB; skipped 2 that the cache held'],
    [{ entriesWritten: 1, bytesWritten: 700, entriesSkipped: 0 }, 'Actions cache: wrote 1 entry, 700 B; skipped 0 that the cache held'],
    [
      { entriesWritten: 3 },
      "Actions cache: wrote 3 entries (their bytes and the entries skipped unknown: BuildKit's log does not say them, and its exported index could not be read back)",
    ],
  ])('%j', (spend, line) => {
    expect(spendLine(spend)).toBe(line);
  });

  it('the local backend counts blob files in its directory', () => {
    expect(spendLine({ entriesWritten: 2, bytesWritten: 1314, entriesSkipped: 1 }, 'local')).toBe(
      'Cache directory: wrote 2 blobs, 1.3 KiB; skipped 1 that the directory held',
    );
  });

  it('nothing written to the Actions cache: no line', () => {
    expect(spendLine({})).toBeUndefined();
  });
});

describe('cacheSpend: which facts apply', () => {
  const plan = { cacheTo: [], local: undefined };
  const steps = progress('gha-export.log');

  it('a write-less retry: the entries both runs wrote, nothing more (the log is one run’s)', async () => {
    await expect(cacheSpend({ steps, exportStopped: false, cache: plan, retriedEntries: 5, env: {} })).resolves.toEqual({ entriesWritten: 5 });
  });

  it('an export Kiln stopped at its deadline: nothing known', async () => {
    await expect(cacheSpend({ steps, exportStopped: true, cache: plan, env: {} })).resolves.toBeUndefined();
  });

  it('no Actions cache export and no local directory: nothing said', async () => {
    await expect(cacheSpend({ steps: progress('multi-fresh.log'), exportStopped: false, cache: plan, env: {} })).resolves.toBeUndefined();
  });

  it('an Actions cache export with no gha entry planned (so no index to read): the entries from the log only', async () => {
    await expect(cacheSpend({ steps, exportStopped: false, cache: plan, env: {} })).resolves.toEqual({ entriesWritten: 4 });
  });
});
