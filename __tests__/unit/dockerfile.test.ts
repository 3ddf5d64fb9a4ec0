import { describe, expect, it } from '@jest/globals';
import { parseDockerfile, substitute } from '../../src/inputs/dockerfile.js';
import { baseImages, stageNamed } from '../../src/plan/dockerfile-stages.js';

const DOCKERFILE = [
  'ARG BASE=golang:1.22',
  'FROM ${BASE} AS Build',
  'RUN --mount=type=cache,id=${CACHE_ID:-gomod},target=/go/pkg/mod,sharing=locked go build',
  'FROM build AS test',
  'RUN --mount=type=bind,from=tools,target=/t --mount=type=cache,target=/root/.cache true',
  'FROM alpine:3.20 AS tools',
  'FROM scratch',
  'COPY --from=build /out /',
].join('\n');

describe('parseDockerfile: a Dockerfile as plain data', () => {
  it('stages with their expanded FROM, line, parent and the stages they need; cache mounts with stage, line and attributes', () => {
    expect(parseDockerfile(DOCKERFILE, {})).toEqual({
      stages: [
        { index: 0, name: 'build', from: 'golang:1.22', line: 1, parent: undefined, needs: [] },
        { index: 1, name: 'test', from: 'build', line: 3, parent: 0, needs: [0, 2] },
        { index: 2, name: 'tools', from: 'alpine:3.20', line: 5, parent: undefined, needs: [] },
        { index: 3, name: undefined, from: 'scratch', line: 6, parent: undefined, needs: [0] },
      ],
      cacheMounts: [
        { stage: 0, line: 2, attrs: { type: 'cache', id: 'gomod', target: '/go/pkg/mod', sharing: 'locked' } },
        { stage: 1, line: 4, attrs: { type: 'cache', target: '/root/.cache' } },
      ],
    });
  });

  it('build-args override the global ARGs, in FROM lines and in flags; the same text read again with others gets them', () => {
    const first = parseDockerfile(DOCKERFILE, { BASE: 'golang:1.23', CACHE_ID: 'mine' });
    expect(first.stages[0]?.from).toBe('golang:1.23');
    expect(first.cacheMounts[0]?.attrs.id).toBe('mine');
    const again = parseDockerfile(DOCKERFILE, {});
    expect(again.stages[0]?.from).toBe('golang:1.22');
    expect(again.cacheMounts[0]?.attrs.id).toBe('gomod');
  });

  it.each([
    ['${A:-x}', {}, 'x'],
    ['${A:-x}', { A: '' }, 'x'],
    ['${A-x}', { A: '' }, ''],
    ['${A:+y}', { A: '1' }, 'y'],
    ['${A+y}', {}, ''],
    ['$A/${B}', { A: 'a', B: 'b' }, 'a/b'],
    ['$UNSET', {}, '$UNSET'],
  ])('substitute(%j, %j) = %j', (text, args, expected) => {
    expect(substitute(text, args)).toBe(expected);
  });
});

describe('stage questions on the plain value', () => {
  const dockerfile = parseDockerfile(DOCKERFILE, {});
  it('finds a stage by name (any case) or index', () => {
    expect(stageNamed(dockerfile, 'BUILD')?.index).toBe(0);
    expect(stageNamed(dockerfile, '2')?.name).toBe('tools');
    expect(stageNamed(dockerfile, 'nosuch')).toBeUndefined();
  });
  it('base images: not stages, not scratch', () => {
    expect(baseImages(dockerfile)).toEqual(['golang:1.22', 'alpine:3.20']);
  });
});
