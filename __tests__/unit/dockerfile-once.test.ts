// The set-up reads the Dockerfile for the target check, the base images and the cache mounts:
// its syntax tree is made once per text, whatever build-args each reader expands it with.
import { expect, it, jest } from '@jest/globals';

const actual = await import('dockerfile-ast');
let parses = 0;
jest.unstable_mockModule('dockerfile-ast', () => ({
  ...actual,
  DockerfileParser: {
    parse: (text: string) => {
      parses++;
      return actual.DockerfileParser.parse(text);
    },
  },
}));
const { parseDockerfile } = await import('../../src/inputs/dockerfile.js');

it('parses a text once, however often and with whatever build-args it is read', () => {
  const text = 'ARG BASE=alpine:3.20\nFROM ${BASE} AS base\nRUN --mount=type=cache,target=/c true\n';
  expect(parseDockerfile(text, {}).stages.map((s) => s.name)).toEqual(['base']);
  expect(parseDockerfile(text, { BASE: 'busybox' }).stages[0]?.from).toBe('busybox');
  expect(parseDockerfile(text, {}).stages[0]?.from).toBe('alpine:3.20');
  expect(parses).toBe(1);
  // Another text is parsed afresh.
  expect(parseDockerfile('FROM scratch\n', {}).stages).toHaveLength(1);
  expect(parses).toBe(2);
});
