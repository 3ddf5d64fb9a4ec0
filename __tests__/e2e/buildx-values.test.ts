// The other half of __tests__/unit/buildx-values.test.ts: the real buildx refuses every value
// Kiln calls malformed and takes every value Kiln accepts, so the input checks neither let a
// bad value through to a build nor turn away one that works. `--call=outline` makes buildx
// parse every flag and BuildKit resolve exporters and the target, with nothing built: a row
// costs a fraction of a second.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FALSE_WORDS, TRUE_WORDS } from '../../src/inputs/booleans.js';
import { parseList } from '../../src/inputs/lists.js';
import { ACCEPTED, DOCKERFILE, MALFORMED, SSH_KEY, type ValueRow } from '../unit/fixtures/buildx-values.js';
import { docker } from './support/docker.js';
import { errorsOf, expectRejectedBeforeRunning, kiln } from './support/kiln.js';

jest.setTimeout(120_000);

// The flag Kiln hands buildx for each input (src/plan/build-plan.ts), its items split as Kiln splits them.
function flags(row: ValueRow): string[] {
  const each = (flag: string, items: string[]) => items.flatMap((item) => [flag, item]);
  const lines = parseList(row.value, { newlinesOnly: true });
  switch (row.input) {
    case 'tags':
      return each('--tag', parseList(row.value));
    case 'add-hosts':
      return each('--add-host', parseList(row.value));
    case 'ssh':
      return each('--ssh', parseList(row.value));
    case 'allow':
      return ['--allow', parseList(row.value).join(',')];
    case 'build-args':
      return each('--build-arg', lines);
    case 'labels':
      return each('--label', lines);
    case 'ulimit':
      return each('--ulimit', lines);
    case 'attests':
      return each('--attest', lines);
    case 'cache-from':
      return each('--cache-from', lines);
    case 'cache-to':
      return each('--cache-to', lines);
    case 'outputs':
      return each('--output', parseList(row.value, { newlinesOnly: true, noQuotes: true }));
    // The value as written: Kiln would drop the empty items, which is what makes them worth an error.
    case 'platforms':
      return ['--platform', row.value];
    case 'provenance': {
      const booleans = [...TRUE_WORDS, ...FALSE_WORDS];
      return ['--provenance', booleans.includes(row.value) ? row.value : `${row.value},builder-id=https://github.com/o/r/actions/runs/1`];
    }
    case 'sbom':
      return ['--sbom', row.value];
    case 'network':
      return ['--network', row.value];
    case 'target':
      return ['--target', row.value];
    case 'shm-size':
      return ['--shm-size', row.value];
    case 'call':
      return ['--call', row.value];
    case 'build-contexts':
      return each('--build-context', lines);
    case 'annotations':
      return each('--annotation', lines);
    // Kiln hands a secret file over by id and path.
    case 'secret-files':
      return lines.flatMap((l) => ['--secret', `id=${l.split('=')[0]},src=${l.slice(l.indexOf('=') + 1)}`]);
    default:
      throw new Error(`no flag mapping for ${row.input}`);
  }
}

let context: string;
const outline = (args: string[], env: Record<string, string> = {}) =>
  docker(['buildx', 'build', '--builder', 'default', '--call=outline', ...args, context], { env: { SSH_AUTH_SOCK: '', ...env }, timeoutMs: 60_000 });
// A real build of the scratch context into a local directory: nothing goes to the engine's images.
const build = (args: string[]) =>
  docker(['buildx', 'build', '--builder', 'default', '--output', `type=local,dest=${path.join(context, 'out')}`, ...args, context], {
    env: { SSH_AUTH_SOCK: '' },
    timeoutMs: 60_000,
  });

beforeAll(() => {
  context = mkdtempSync(path.join(tmpdir(), 'kiln-buildx-values-'));
  writeFileSync(path.join(context, 'Dockerfile'), DOCKERFILE);
  writeFileSync(path.join(context, 'a'), 'a\n');
  mkdirSync(path.dirname(SSH_KEY), { recursive: true });
  rmSync(SSH_KEY, { force: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', SSH_KEY]);
});

afterAll(() => {
  rmSync(context, { recursive: true, force: true });
  rmSync(path.dirname(SSH_KEY), { recursive: true, force: true });
});

describe('buildx agrees with Kiln on every value of the table', () => {
  it('the scratch context itself builds (so a refusal below is the value’s), outlined and with provenance', async () => {
    for (const { code, output } of [await outline([]), await build(['--provenance', 'mode=max'])]) {
      expect({ code, output: output.slice(-500) }).toMatchObject({ code: 0 });
    }
  });

  it.concurrent.each(MALFORMED.map((row) => [row.input, row.value, row] as const))('%s: %j is refused by buildx', async (_input, _value, row) => {
    const { code, output } = row.realBuild ? await build(flags(row)) : await outline(flags(row), row.env);
    // 125: docker's own flag parsing (ulimit); 1: buildx or BuildKit. null would be a timeout.
    expect([1, 125]).toContain(code);
    expect(output).toMatch(/ERROR|invalid|Usage/);
  });

  it.concurrent.each(ACCEPTED.map((row) => [row.input, row.value, row] as const))('%s: %j is taken by buildx', async (_input, _value, row) => {
    const { code, output } = await outline(flags(row), row.env);
    if (code !== 0 && row.engineRefusal?.test(output)) return;
    expect({ code, output: output.slice(-500) }).toMatchObject({ code: 0 });
  });
});

describe('the bundled action with many bad values at once', () => {
  it('reports every one, runs nothing, leaves nothing behind', async () => {
    const bad: Record<string, string> = {
      tags: 'localhost:5000/kiln-e2e/MyApp:1,localhost:5000/kiln-e2e/app:1:2',
      'cache-to': 'type=bogus',
      'cache-from': 'type=local',
      ulimit: 'nofile=abc',
      target: 'nosuch',
      platforms: 'linux/amd64,,',
      'add-hosts': 'h:1.2.3',
      allow: 'network.hostt',
      ssh: 'default=/nonexistent/kiln-key',
      'build-args': '=x',
      outputs: 'type=',
      attests: 'type=',
      provenance: 'maybe',
      sbom: 'maybe',
      network: 'bogus',
    };
    const started = performance.now();
    const result = await kiln({ context: 'basic', labels: 'foo', ...bad });
    const seconds = (performance.now() - started) / 1000;

    expectRejectedBeforeRunning(result, 'target', '"nosuch"', 'base, final');
    const errors = errorsOf(result);
    expect(errors.map((e) => e.properties.title).sort()).toEqual([...Object.keys(bad), 'tags'].map((input) => `Invalid input: ${input}`).sort());
    // Each names its value: the two bad tags separately.
    expect(errors.map((e) => e.message).join('\n')).toContain('"localhost:5000/kiln-e2e/app:1:2"');
    // `labels: foo` is buildx's bare label, not among them.
    expect(errors.some((e) => e.properties.title === 'Invalid input: labels')).toBe(false);
    // No builder, no QEMU, no build: the step ends as fast as Node starts (twice, main and post),
    // about 1 s idle; the bound leaves room for a loaded machine and still catches a build.
    expect(seconds).toBeLessThan(15);
  });
});
