// GitHub's CI for the project (.github/workflows/ci.yml) runs what .ci/run runs, as a fork would
// see it: the engine from the project's own script (as root), the tools check, the dist check,
// and the whole `npm test` (end to end included, as root). This test reads the workflow as YAML,
// so a broken indentation or a step moved out of order fails here, not on GitHub.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  'timeout-minutes'?: number;
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as { jobs: Record<string, Job> };

/** Where in `steps` the first step matching `test` is (-1 when none). */
function indexOf(steps: Step[], test: (step: Step) => boolean): number {
  return steps.findIndex(test);
}

describe('.github/workflows/ci.yml', () => {
  it('every job runs on ubuntu-latest within a time limit', () => {
    const jobs = Object.entries(workflow.jobs);
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    for (const [name, job] of jobs) {
      expect([name, job['runs-on']]).toEqual([name, 'ubuntu-latest']);
      expect([name, typeof job['timeout-minutes']]).toEqual([name, 'number']);
    }
  });

  describe('the npm test job', () => {
    const job = workflow.jobs['npm-test'];
    const steps = job?.steps ?? [];
    const engine = indexOf(steps, (s) => /^sudo\b.*\bbash scripts\/engine\.sh$/.test(s.run?.trim() ?? ''));
    const tools = indexOf(steps, (s) => s.run?.trim() === 'bash scripts/check-tools.sh');
    const install = indexOf(steps, (s) => s.run?.trim() === 'npm ci');
    const dist = indexOf(steps, (s) => /npm run build[\s\S]*git (diff --exit-code|status --porcelain)[\s\S]*-- dist\/[\s\S]*exit 1/.test(s.run ?? ''));
    const test = indexOf(steps, (s) => /^sudo\b.*\bnpm test$/.test(s.run?.trim() ?? ''));

    it('sets up Node.js 24 (what action.yml runs on) after the checkout', () => {
      expect(steps[0]?.uses).toBe('actions/checkout@v5');
      expect(steps[1]?.uses).toBe('actions/setup-node@v5');
      expect(steps[1]?.with?.['node-version']).toBe(24);
    });

    it('installs the engine as root, checks the tools, installs the packages, checks dist/, then runs the whole npm test as root', () => {
      expect([engine, tools, install, dist, test].every((i) => i > 1)).toBe(true);
      expect([engine, tools, install, dist, test]).toEqual([...[engine, tools, install, dist, test]].sort((a, b) => a - b));
      // root keeps the runner's Node.js on its PATH (sudo resets PATH otherwise).
      expect(steps[engine]?.run).toContain('PATH=$PATH');
      expect(steps[test]?.run).toContain('PATH=$PATH');
    });

    it('has time for the whole suite (about 15 minutes here) and the engine install', () => {
      expect(job?.['timeout-minutes']).toBeGreaterThanOrEqual(45);
    });
  });

  it('keeps the dogfood signing job, for pushes to the default branch only, with the permissions signing needs', () => {
    const job = workflow.jobs['dogfood-sign'];
    expect(job?.if).toContain("github.event_name == 'push'");
    expect(job?.if).toContain('!github.event.repository.fork');
    expect(job?.permissions).toEqual({ contents: 'read', 'id-token': 'write', packages: 'write', attestations: 'write' });
    expect(job?.steps.some((s) => s.uses === './' && s.with?.sign === true)).toBe(true);
  });
});
