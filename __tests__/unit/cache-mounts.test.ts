import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../src/inputs/dockerfile.js';
import { type CacheMount, cacheMountsOf, extractDockerfile, injectDockerfile } from '../../src/plan/cache-mounts.js';

const findCacheMounts = (dockerfile: string, target: string, buildArgs: Record<string, string>, only?: string[]) =>
  cacheMountsOf(parseDockerfile(dockerfile, buildArgs), target, only);

/** The short, path-safe name a mount's files are kept under: sha256 of its id, 12 hex digits. */
const key = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 12);

function mount(id: string, target: string, base: string, options: Record<string, string> = {}): CacheMount {
  return { id, target, options, base, key: key(id) };
}

// A multi-stage build: global ARGs, a stage chain, a stage only `test` needs, one nobody needs,
// and stages the last one needs through COPY --from and RUN --mount=type=bind,from=.
const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG BASE=golang:1.22
ARG NODE=node:20-alpine
FROM --platform=$BUILDPLATFORM \${BASE} AS build
WORKDIR /src
RUN --mount=type=cache,target=/root/.cache/go-build \\
    --mount=type=cache,id=gomod,target=/go/pkg/mod,sharing=locked \\
    go build -o /out/app ./...

FROM $NODE AS deps
RUN --mount=type=cache,id=npm,target=/root/.npm,uid=1000,gid=1000,mode=0755,sharing=private npm ci

FROM alpine:3.20 AS unused
RUN --mount=type=cache,target=/var/cache/apk apk add git

FROM build AS test
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,dst=/tmp/testcache go test ./...

FROM debian:12 AS assets
RUN --mount=type=cache,destination=/var/cache/apt,sharing=locked apt-get update

FROM debian:12-slim AS final
COPY --from=deps /app/node_modules /app/node_modules
RUN --mount=type=bind,from=assets,source=/usr/share,target=/mnt cp -r /mnt/doc /doc
COPY --from=build /out/app /app
`;

const goBuild = mount('/root/.cache/go-build', '/root/.cache/go-build', 'golang:1.22');
const goMod = mount('gomod', '/go/pkg/mod', 'golang:1.22', { sharing: 'locked' });
const npm = mount('npm', '/root/.npm', 'node:20-alpine', { uid: '1000', gid: '1000', mode: '0755', sharing: 'private' });
const apt = mount('/var/cache/apt', '/var/cache/apt', 'debian:12', { sharing: 'locked' });

describe('findCacheMounts: the stages the build needs', () => {
  it('the last stage and every stage it copies or mounts from, with each stage’s base image', () => {
    expect(findCacheMounts(DOCKERFILE, '', {})).toEqual([goBuild, goMod, npm, apt]);
  });

  it('the last stage named as the target gives the same', () => {
    expect(findCacheMounts(DOCKERFILE, 'final', {})).toEqual([goBuild, goMod, npm, apt]);
  });

  it('a target chained on another stage (FROM build AS test) builds on that stage’s base image', () => {
    expect(findCacheMounts(DOCKERFILE, 'test', {})).toEqual([goBuild, goMod, mount('/tmp/testcache', '/tmp/testcache', 'golang:1.22')]);
  });

  it('a stage by itself: only its own mounts', () => {
    expect(findCacheMounts(DOCKERFILE, 'deps', {})).toEqual([npm]);
    expect(findCacheMounts(DOCKERFILE, 'unused', {})).toEqual([mount('/var/cache/apk', '/var/cache/apk', 'alpine:3.20')]);
  });

  it('the target is matched without regard to case', () => {
    expect(findCacheMounts(DOCKERFILE, 'DEPS', {})).toEqual([npm]);
  });

  it('build-args override the ARG defaults in FROM', () => {
    expect(findCacheMounts(DOCKERFILE, 'test', { BASE: 'golang:1.23-bookworm' }).map((m) => m.base)).toEqual([
      'golang:1.23-bookworm',
      'golang:1.23-bookworm',
      'golang:1.23-bookworm',
    ]);
    expect(findCacheMounts(DOCKERFILE, 'deps', { NODE: 'node:22' })).toEqual([{ ...npm, base: 'node:22' }]);
  });

  it('`only` keeps the listed targets', () => {
    expect(findCacheMounts(DOCKERFILE, '', {}, ['/root/.npm', '/var/cache/apt'])).toEqual([npm, apt]);
    expect(findCacheMounts(DOCKERFILE, '', {}, ['/not/a/mount'])).toEqual([]);
    expect(findCacheMounts(DOCKERFILE, '', {}, [])).toEqual([]);
  });

  it('a stage reached through RUN --mount=type=bind,from= is included, one that nothing needs is not', () => {
    const dockerfile = `FROM alpine:3.20 AS deps
RUN --mount=type=cache,target=/var/cache/apk apk add curl
FROM alpine:3.20 AS other
RUN --mount=type=cache,id=other,target=/other true
FROM busybox AS final
RUN --mount=type=bind,from=deps,source=/usr/bin/curl,target=/curl true
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([mount('/var/cache/apk', '/var/cache/apk', 'alpine:3.20')]);
  });

  it('a stage reached through COPY --from= by index', () => {
    const dockerfile = `FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add curl
FROM busybox
COPY --from=0 /usr/bin/curl /curl
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([mount('/var/cache/apk', '/var/cache/apk', 'alpine:3.20')]);
  });

  it('a cache mount seeded from a stage (type=cache,from=) makes that stage needed', () => {
    const dockerfile = `FROM alpine:3.20 AS seed
RUN --mount=type=cache,id=seedcache,target=/seed true
FROM busybox AS final
RUN --mount=type=cache,from=seed,source=/x,target=/cache true
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([mount('seedcache', '/seed', 'alpine:3.20'), mount('/cache', '/cache', 'busybox')]);
  });

  it('one id used by several stages is reported once (the first)', () => {
    const dockerfile = `FROM golang:1.22 AS a
RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go mod download
FROM golang:1.23 AS b
RUN --mount=type=cache,id=gomod,target=/go/pkg/mod,sharing=locked go build
FROM b
COPY --from=a /x /x
RUN --mount=type=cache,target=/root/.cache/go-build go vet
RUN --mount=type=cache,target=/root/.cache/go-build go test
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([
      mount('gomod', '/go/pkg/mod', 'golang:1.22'),
      mount('/root/.cache/go-build', '/root/.cache/go-build', 'golang:1.23'),
    ]);
  });

  it('line continuations inside and between --mount flags', () => {
    const dockerfile = `FROM python:3.12
RUN \\
    --mount=type=cache,target=/root/.cache/pip \\
    --mount=type=cache,id=poetry,target=/root/.cache/pypoetry,uid=0 \\
    pip install poetry
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([
      mount('/root/.cache/pip', '/root/.cache/pip', 'python:3.12'),
      mount('poetry', '/root/.cache/pypoetry', 'python:3.12', { uid: '0' }),
    ]);
  });

  it('dst= and destination= name the target; a mount with no target is skipped', () => {
    const dockerfile = `FROM alpine:3.20
RUN --mount=type=cache,dst=/a --mount=type=cache,id=b,destination=/b --mount=type=cache,id=none true
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([mount('/a', '/a', 'alpine:3.20'), mount('b', '/b', 'alpine:3.20')]);
  });

  it('other mount types and non-RUN flags are not cache mounts', () => {
    const dockerfile = `FROM alpine:3.20
RUN --mount=type=secret,id=npm,target=/run/secrets/npm --mount=type=tmpfs,target=/tmp --mount=type=bind,target=/src true
RUN --network=none true
`;
    expect(findCacheMounts(dockerfile, '', {})).toEqual([]);
  });

  it('an ARG that is set, used with a ${VAR:-default}, gives its value', () => {
    const dockerfile = 'ARG BASE=alpine:3.21\nFROM ${BASE:-alpine:3.20}\nRUN --mount=type=cache,target=/c true\n';
    expect(findCacheMounts(dockerfile, '', {})).toEqual([mount('/c', '/c', 'alpine:3.21')]);
  });

  // `${VAR:-default}` uses its default when VAR is unset or empty, as BuildKit (and POSIX sh) do.
  it.each<[string, string, string]>([
    ['ARG without a default', 'ARG BASE\nFROM ${BASE:-alpine:3.20}\nRUN --mount=type=cache,target=/c true\n', 'alpine:3.20'],
    ['ARG with an empty default', 'ARG V=\nFROM node:${V:-20}\nRUN --mount=type=cache,target=/c true\n', 'node:20'],
    ['no ARG at all', 'FROM ${BASE:-alpine:3.20}\nRUN --mount=type=cache,target=/c true\n', 'alpine:3.20'],
  ])('${VAR:-default} in FROM, %s: the default is the base image', (_, dockerfile, base) => {
    expect(findCacheMounts(dockerfile, '', {}).map((m) => m.base)).toEqual([base]);
  });

  it.each<[string, string, string]>([
    ['no cache mounts', 'FROM alpine:3.20\nRUN apk add curl\n', ''],
    ['an empty Dockerfile', '', ''],
    ['a target that is not a stage', 'FROM alpine:3.20 AS a\nRUN --mount=type=cache,target=/c true\n', 'nope'],
  ])('%s: []', (_, dockerfile, target) => {
    expect(findCacheMounts(dockerfile, target, {})).toEqual([]);
  });
});

// Two mounts, one with options: the Dockerfiles that carry their contents in and out.
const two = [goMod, npm];
const k0 = key('gomod');
const k1 = key('npm');

describe('injectDockerfile / extractDockerfile', () => {
  it('inject: one stage per mount on its base image, each RUN with the mount’s options, FROM scratch copying them all', () => {
    expect(injectDockerfile(two)).toBe(
      `FROM golang:1.22 AS kiln-inject-0
ARG KILN_NONCE
RUN --mount=type=cache,id=gomod,target=/go/pkg/mod,sharing=locked --mount=type=bind,source=${k0},target=/kiln-restored \\
    echo "$KILN_NONCE" > /dev/null && cp -a /kiln-restored/. /go/pkg/mod/ && mkdir -p /kiln-done && touch /kiln-done/${k0}

FROM node:20-alpine AS kiln-inject-1
ARG KILN_NONCE
RUN --mount=type=cache,id=npm,target=/root/.npm,uid=1000,gid=1000,mode=0755,sharing=private --mount=type=bind,source=${k1},target=/kiln-restored \\
    echo "$KILN_NONCE" > /dev/null && cp -a /kiln-restored/. /root/.npm/ && mkdir -p /kiln-done && touch /kiln-done/${k1}

FROM scratch
COPY --from=kiln-inject-0 /kiln-done/ /
COPY --from=kiln-inject-1 /kiln-done/ /
`,
    );
  });

  it('extract: one stage per mount copying it out under its key, FROM scratch copying them all', () => {
    expect(extractDockerfile(two)).toBe(
      `FROM golang:1.22 AS kiln-extract-0
ARG KILN_NONCE
RUN --mount=type=cache,id=gomod,target=/go/pkg/mod,sharing=locked echo "$KILN_NONCE" > /dev/null && mkdir -p /kiln-out/${k0} && cp -a /go/pkg/mod/. /kiln-out/${k0}/

FROM node:20-alpine AS kiln-extract-1
ARG KILN_NONCE
RUN --mount=type=cache,id=npm,target=/root/.npm,uid=1000,gid=1000,mode=0755,sharing=private echo "$KILN_NONCE" > /dev/null && mkdir -p /kiln-out/${k1} && cp -a /root/.npm/. /kiln-out/${k1}/

FROM scratch
COPY --from=kiln-extract-0 /kiln-out/ /
COPY --from=kiln-extract-1 /kiln-out/ /
`,
    );
  });

  it.each([
    ['inject', injectDockerfile],
    ['extract', extractDockerfile],
  ])('%s: read back, the built stage needs every mount, with the same id, target, options and base', (_, make) => {
    const mounts = findCacheMounts(DOCKERFILE, '', {});
    expect(findCacheMounts(make(mounts), '', {})).toEqual(mounts);
  });

  it.each([
    ['inject', injectDockerfile],
    ['extract', extractDockerfile],
  ])('%s: the nonce is declared and used in every stage', (_, make) => {
    const text = make(two);
    expect(text.match(/^ARG KILN_NONCE$/gm)).toHaveLength(2);
    expect(text.match(/echo "\$KILN_NONCE" > \/dev\/null/g)).toHaveLength(2);
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('FROM '))
        .at(-1),
    ).toBe('FROM scratch');
  });
});
