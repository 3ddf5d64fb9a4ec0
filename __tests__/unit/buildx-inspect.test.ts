import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseBuildxInspect } from '../../src/setup/buildx-inspect.js';

// Real `docker buildx inspect` output from this engine (see fixtures/buildx-inspect/README.md).
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/buildx-inspect/${name}`, import.meta.url), 'utf8');

const ALL = [
  'linux/amd64',
  'linux/amd64/v2',
  'linux/amd64/v3',
  'linux/amd64/v4',
  'linux/arm64',
  'linux/riscv64',
  'linux/ppc64',
  'linux/ppc64le',
  'linux/s390x',
  'linux/loong64',
  'linux/arm/v7',
  'linux/arm/v6',
];

const GC_POLICY = `GC Policy rule#0:
 All:            false
 Filters:        type==source.local,type==exec.cachemount,type==source.git.checkout
 Keep Duration:  48h0m0s
 Max Used Space: 3.346GiB
GC Policy rule#1:
 All:            true
 Reserved Space: 24.21GiB
 Max Used Space: 188.1GiB
 Min Free Space: 47.5GiB`;

// Written by hand in buildx 0.29's layout: a docker-container node with driver options and
// daemon flags, and an appended node that could not start (no Platforms line).
const INSPECT_CONTAINER_WITH_FAILED_NODE = `Name:          kiln-42-build-run
Driver:        docker-container
Last Activity: 2026-11-22 08:00:00 +0000 UTC

Nodes:
Name:                  kiln-42-build-run0
Endpoint:              unix:///var/run/docker.sock
Driver Options:        image="moby/buildkit:buildx-stable-1" network="host"
Status:                running
BuildKit daemon flags: --allow-insecure-entitlement=network.host
BuildKit version:      v0.26.2
Platforms:             linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386
Labels:
 org.mobyproject.buildkit.worker.executor:         oci
 org.mobyproject.buildkit.worker.oci.process-mode: sandbox
${GC_POLICY}

Name:                  arm64-native
Endpoint:              tcp://arm64-builder:1234
Status:                inactive
Error:                 failed to connect to tcp://arm64-builder:1234: connection refused
`;

describe('parseBuildxInspect', () => {
  it('the default builder: docker driver, one running node with every platform and the version', () => {
    expect(parseBuildxInspect(fixture('inspect-default.txt'))).toEqual({
      name: 'default',
      driver: 'docker',
      buildkitVersion: 'v0.0.0+unknown',
      nodes: [{ name: 'default', status: 'running', buildkitVersion: 'v0.0.0+unknown', platforms: ALL }],
    });
  });

  it('a remote builder with an appended node whose endpoints do not answer: only the set platforms, no version', () => {
    const inspected = parseBuildxInspect(fixture('inspect-remote-unreachable.txt'));
    expect(inspected.driver).toBe('remote');
    expect(inspected.buildkitVersion).toBeUndefined();
    expect(inspected.nodes).toEqual([
      { name: 'h9d-fixture-down0', status: 'inactive', buildkitVersion: undefined, platforms: ['linux/amd64', 'linux/arm64'] },
      { name: 'h9d-fixture-down1', status: 'inactive', buildkitVersion: undefined, platforms: ['linux/riscv64'] },
    ]);
  });

  it('the same builder after --bootstrap: each node running, its set platforms first without their *', () => {
    const inspected = parseBuildxInspect(fixture('inspect-remote-bootstrap.txt'));
    expect(inspected).toMatchObject({ name: 'h9d-fixture-30104', driver: 'remote', buildkitVersion: 'v0.0.0+unknown' });
    expect(inspected.nodes.map((n) => [n.name, n.status, n.platforms.slice(0, 3)])).toEqual([
      ['h9d-fixture-301040', 'running', ['linux/amd64', 'linux/arm64', 'linux/amd64/v2']],
      ['h9d-fixture-301041', 'running', ['linux/riscv64', 'linux/amd64', 'linux/amd64/v2']],
    ]);
    for (const node of inspected.nodes) expect([...node.platforms].sort()).toEqual([...ALL].sort());
  });

  it('a node that did not start has no platforms; daemon flags are not the version', () => {
    expect(parseBuildxInspect(INSPECT_CONTAINER_WITH_FAILED_NODE)).toEqual({
      name: 'kiln-42-build-run',
      driver: 'docker-container',
      buildkitVersion: 'v0.26.2',
      nodes: [
        {
          name: 'kiln-42-build-run0',
          status: 'running',
          buildkitVersion: 'v0.26.2',
          platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386'],
        },
        { name: 'arm64-native', status: 'inactive', buildkitVersion: undefined, platforms: [] },
      ],
    });
  });

  it('no output: no driver, no version, no nodes', () => {
    expect(parseBuildxInspect('')).toEqual({ name: '', driver: '', buildkitVersion: undefined, nodes: [] });
  });
});
