import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type CacheService, committedKeys, startCacheService } from './support/cache-service/server.js';
import { docker } from './support/docker.js';
import { expectSuccess, image, kiln, runTag } from './support/kiln.js';
import { REGISTRY, splitRef } from './support/registry.js';

jest.setTimeout(300_000);

// Who may write the cache (issue 19, item 4): only push, schedule, workflow_dispatch, merge_group
// and same-repository pull requests. Events that run in the default branch's scope on someone
// else's behalf read, and write nothing: not to the Actions cache, not to the registry, and no
// cache mount is saved.

const repository = 'kiln-dev/kiln';
const payload = { repository: { default_branch: 'main', full_name: repository } };
const on = (eventName: string) => ({ eventName, ref: 'refs/heads/main', repository, payload });
const MAIN = { scope: 'refs/heads/main', permission: 3 as const };

async function freshRunner(): Promise<void> {
  const { code, output } = await docker(['buildx', 'prune', '-af']);
  if (code !== 0) throw new Error(`docker buildx prune: ${output}`);
}

/** The tags a repository of the local registry holds ([] when it has none). */
async function tagsOf(ref: string): Promise<string[]> {
  const { repo } = splitRef(ref);
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/tags/list`);
  if (res.status === 404) return [];
  const body = (await res.json()) as { tags?: string[] | null };
  return [...(body.tags ?? [])].sort();
}

/** The summary's Mermaid blocks, each parsed by the mermaid package (in a child process: it needs a DOM shim). */
function mermaidBlocks(summary: string): { ok: boolean; type?: string }[] {
  const blocks = [...summary.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] ?? '');
  const tool = new URL('./support/mermaid-parse.mjs', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [tool], { input: JSON.stringify(blocks), encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`mermaid-parse: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ok: boolean; type?: string }[];
}

describe('untrusted events write no cache in any backend', () => {
  let service: CacheService;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(async () => {
    await service.close();
  });

  it.each(['issue_comment', 'workflow_run'])('%s: the Actions cache and cache mounts get nothing; the summary names the rule', async (event) => {
    const tag = image(`h8-trust-gha-${event.replace('_', '-')}`);
    const asked = service.requests().length;
    const before = service.entries().length;
    await freshRunner();
    const result = await kiln(
      { context: 'mounts', target: 'base', push: 'true', tags: tag, 'build-args': `RUN_ID=${event}-${runTag}` },
      { ...on(event), env: service.env([MAIN]) },
    );
    expectSuccess(result);
    const requests = service.requests().slice(asked);
    // It read (main's scope was looked up), but reserved, uploaded and committed nothing.
    expect(requests.some((r) => r.path.endsWith('/GetCacheEntryDownloadURL'))).toBe(true);
    expect(requests.filter((r) => r.path.endsWith('/CreateCacheEntry') || r.method === 'PUT')).toEqual([]);
    expect(committedKeys(requests)).toEqual([]);
    expect(service.entries().length).toBe(before);
    expect(result.stdout).not.toContain('--cache-to');
    const escaped = event.replace('_', '\\_');
    expect(result.summary).toContain(`${escaped} on main: reads main, writes nothing (only push, schedule, workflow\\_dispatch, merge\\_group`);
    expect(JSON.parse(result.outputs.cache ?? '{}')).toMatchObject({
      backend: 'gha',
      rule: 'untrusted-event',
      written: [],
      platforms: { 'linux/amd64': { hitRatio: 0 } },
    });
    // The timeline of this real build: one gantt chart, valid for Mermaid's parser, with the RUN step.
    expect(mermaidBlocks(result.summary)).toEqual([{ ok: true, type: 'gantt' }]);
    expect(result.summary).toMatch(/^ {2}section linux\/amd64$/m);
    expect(result.summary).toMatch(/^ {2}\[base 2\/2\] RUN --mount=type=cache,target=\/cache.* s :t\d+, \d+, \d+$/m);
  });

  it.each(['issue_comment', 'workflow_run'])('%s: no cache tag in the registry (a push writes one)', async (event) => {
    // A repository of this run's own: earlier runs' tags (the registry outlives a run) cannot count.
    const tag = image(`h8-trust-reg-${event.replace('_', '-')}-${runTag}`);
    const cacheRef = tag.replace(/:[^:]+$/, ':buildcache');
    const inputs = { context: 'mounts', target: 'base', push: 'true', tags: tag, cache: 'registry', 'cache-ref': cacheRef, 'cache-mounts': 'none' };
    const result = await kiln({ ...inputs, 'build-args': `RUN_ID=${event}-${runTag}` }, on(event));
    expectSuccess(result);
    expect(await tagsOf(tag)).toEqual([runTag]);
    expect(result.stdout).not.toContain('--cache-to');
    expect(JSON.parse(result.outputs.cache ?? '{}')).toMatchObject({ backend: 'registry', rule: 'untrusted-event', written: [] });

    // The same build on a push writes its scope's cache tag: the check above can fail.
    const pushed = await kiln({ ...inputs, 'build-args': `RUN_ID=push-${event}-${runTag}` }, on('push'));
    expectSuccess(pushed);
    // The cache tag and, beside it, the fingerprint that explains the next miss (report/fingerprint-store.ts).
    expect(await tagsOf(tag)).toEqual(['buildcache-main', 'buildcache-main-fingerprint', runTag].sort());
  });
});
