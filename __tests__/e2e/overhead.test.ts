// What a fully cached push costs beyond the build itself, counted rather than timed (the machine
// is shared, timings are noise; `npm run bench` gives the times): the processes each step starts,
// the engine requests it makes and the Node built-ins it loads. Each extra process or request on
// this path is overhead on every CI run of every user.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { expectSuccess, image, kiln, projectRoot, runTag } from './support/kiln.js';

jest.setTimeout(300_000);

interface Counted {
  script: string;
  builtins: string[];
  spawned: string[];
  sockets: string[];
  /** The built-ins loaded when the first process was started (the build). */
  builtinsAtFirstSpawn?: string[];
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-overhead-'));
const countFile = path.join(scratch, 'counts.jsonl');
const preload = pathToFileURL(path.join(projectRoot, '__tests__', 'e2e', 'support', 'count-preload.mjs')).href;

/** Runs Kiln with the counting preload in its main and post processes. */
async function counted(inputs: Record<string, string>) {
  writeFileSync(countFile, '');
  const result = await kiln(inputs, { env: { NODE_OPTIONS: `--import=${preload}`, KILN_COUNT_FILE: countFile } });
  expectSuccess(result);
  const records = readFileSync(countFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Counted);
  const of = (step: 'main' | 'post') => records.find((r) => r.script.endsWith(path.join('dist', step, 'index.js')));
  const main = of('main');
  if (!main) throw new Error(`no record of the main step in ${JSON.stringify(records)}`);
  return { result, main, post: of('post') };
}

/** Whether the log shows RUN steps and every one of them came from the cache. */
function runStepsCached(log: string): boolean {
  const runs = new Set([...log.matchAll(/^#(\d+) \[[^\]]*\] RUN /gm)].map((m) => m[1]));
  const cached = new Set([...log.matchAll(/^#(\d+) CACHED\s*$/gm)].map((m) => m[1]));
  return runs.size > 0 && [...runs].every((id) => cached.has(id));
}

describe('a fully cached push', () => {
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  const tag = image('h10-overhead');
  const socket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');

  // registry: the fingerprint beside the cache is read through the registry's API and not pushed
  // again when the cache holds the build (no `buildx build` for it), and the cache is not exported
  // again; a repository of this run's own, so no other run's fingerprint is found there.
  for (const cache of ['none', 'auto', 'registry'] as const) {
    it(`with cache: ${cache}: main starts buildx and nothing else, asks the engine twice; the runner starts no post step`, async () => {
      const tags = cache === 'registry' ? `localhost:5000/kiln-e2e/h14-overhead-${runTag}:latest` : tag;
      const inputs = { context: 'basic', platforms: 'linux/amd64,linux/arm64', push: 'true', tags, cache };
      // The first run may build; the second must be fully cached.
      await counted(inputs);
      const { result, main, post } = await counted(inputs);
      const log = result.stdout + result.stderr;
      expect(runStepsCached(log)).toBe(true);

      // Main: one process, the build, by the docker CLI's buildx plugin itself (not the CLI, which
      // would start the plugin twice); the engine's facts and, after the push, the per-platform
      // digests come from one socket request each (no `docker info`, no `imagetools inspect`).
      expect(main.spawned).toHaveLength(1);
      expect(main.spawned[0]).toMatch(/^\/\S+\/cli-plugins\/docker-buildx build /);
      expect(main.sockets).toEqual([socket, socket]);
      // node:crypto (about 9 ms to load on Node 24) waits for the first hash: without a cache to
      // fingerprint, this push needs none at all; with one, the fingerprint hashes (which shows
      // the preload sees it loaded).
      expect(main.builtinsAtFirstSpawn).toEqual(expect.arrayContaining(['child_process', 'http']));
      if (cache === 'none') expect(main.builtins).not.toContain('crypto');
      else expect(main.builtins).toContain('crypto');
      expect(JSON.parse(result.outputs.digests ?? '{}')).toEqual({
        'linux/amd64': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        'linux/arm64': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      // Post: Kiln created no builder, so there is nothing to stop or remove: the main step deleted
      // its temp directory itself and named itself for action.yml's post-if, so the runner never
      // starts the post step's Node (src/post-skip.ts).
      expect(result.postRan).toBe(false);
      expect(post).toBeUndefined();
      expect(result.leftAfterMain).toEqual([]);
      expect(result.leftInRunnerTemp).toEqual([]);
    });
  }
});
