import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { decisionsOf, expectSuccess, kiln, runTag } from './support/kiln.js';
import { getManifest } from './support/registry.js';

jest.setTimeout(900_000);

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

// `push: true` with `load: true` on the engine's own builder (docker driver, containerd store):
// buildx makes that two exporters, an image exporter with push and a docker exporter, and on this
// driver both name the tags in the engine's one store. When the tag is new the two race to create
// it, and the loser fails the build with `image "…": already exists` (1 build in 6 here before the
// fix). Kiln gives the docker driver `--push` alone, which stores the image in the engine as it
// pushes: every build of a new tag succeeds, the registry serves the pushed digest, and the engine
// holds the image under the reported ID.

const ROUNDS = 20;
const repository = `localhost:5000/kiln-e2e/h7-push-load-${runTag}`;
const made: string[] = [];

afterAll(() => {
  for (const tag of made) execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'ignore' });
});

describe('push and load on the engine’s own builder', () => {
  it(`${ROUNDS} builds of new tags in a row: each pushes and loads, none fails with "already exists"`, async () => {
    const failures: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const tag = `${repository}:r${i}`;
      made.push(tag);
      // New content each round (the build-arg), so each round exports a new image under a new tag.
      // No cache: the race is between the two image exporters, and a cache export would only slow each round.
      const result = await kiln({
        context: 'basic',
        target: 'base',
        push: 'true',
        load: 'true',
        cache: 'none',
        tags: tag,
        'build-args': `GREETING=round-${i}-${runTag}`,
      });
      if (result.mainExitCode !== 0 || result.postExitCode !== 0) {
        failures.push(`round ${i}: ${/already exists[^\n]*/.exec(result.stdout)?.[0] ?? result.stdout.slice(-800)}`);
        continue;
      }
      expectSuccess(result);
      if (i === 0) expect(decisionsOf(result).builder).toMatchObject({ driver: 'docker', action: 'use' });
      // Pushed: the registry serves the digest the step reported.
      expect((await getManifest(tag)).digest).toBe(result.outputs.digest);
      // Loaded: the engine holds the tag, as the image the step reported, with this round's content.
      expect(docker('image', 'inspect', tag, '--format', '{{.Id}}')).toBe(result.outputs.imageid);
      expect(docker('run', '--rm', tag)).toBe(`round-${i}-${runTag} from x86_64 for amd64`);
    }
    expect(failures).toEqual([]);
  });
});
