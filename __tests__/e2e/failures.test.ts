import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startClassicEngine } from './support/classic-engine.js';
import { errorsOf, expectRejectedBeforeRunning, kiln } from './support/kiln.js';
import { teardown } from './support/teardown.js';

jest.setTimeout(120_000);

describe('a RUN that fails', () => {
  it('fails the step, keeps the failing step’s log, and annotates the Dockerfile line', async () => {
    const result = await kiln({ context: 'failing', load: 'true', tags: 'kiln-e2e-failing:never' });
    expect(result.mainExitCode).toBe(1);
    expect(result.postExitCode).toBe(0);

    // BuildKit's own log of the failing step stays visible in the step output.
    expect(result.stdout + result.stderr).toContain("main.c:3: error: expected ';'");

    const [error, ...more] = errorsOf(result);
    expect(more).toEqual([]);
    expect(error?.properties).toMatchObject({ file: 'failing/Dockerfile', line: '3' });
    expect(error?.properties.title).toContain('RUN echo "compiling..."');
    expect(error?.message).toContain('exit code: 3');
    expect(error?.message).toContain("main.c:3: error: expected ';'");
    expect(result.outputs).toEqual({});
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('a cache registry that cannot be reached', () => {
  it('does not fail the build: the failed import and export are each warned once', async () => {
    const ref = 'type=registry,ref=127.0.0.1:5999/kiln-e2e-h9c/unreachable:cache';
    const result = await kiln({ context: 'basic', 'cache-from': ref, 'cache-to': `${ref},ignore-error=true` });
    expect(result.mainExitCode).toBe(0);
    const warnings = result.commands.filter((c) => c.command === 'warning' && c.properties.title?.startsWith('Cache '));
    expect(warnings.map((w) => w.properties.title).sort()).toEqual(['Cache export failed', 'Cache import failed']);
    for (const warning of warnings) expect(warning.message).toContain('127.0.0.1:5999');
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('invalid input fails the step before anything runs', () => {
  it.each<[string, Record<string, string>, string, string[]]>([
    ['a bad boolean word', { context: 'basic', push: 'yes' }, 'push', ['"yes"', 'true | True | TRUE | false | False | FALSE']],
    ['a malformed platform', { context: 'basic', platforms: 'linux/amd64,linux/amd46' }, 'platforms', ['"linux/amd46"', 'unknown architecture', 'linux/arm64']],
    ['a platform with an unknown OS', { context: 'basic', platforms: 'amd64/linux' }, 'platforms', ['"amd64/linux"', 'unknown OS', 'os/arch[/variant]']],
    ['a label with an empty key', { context: 'basic', labels: '=maintainer' }, 'labels', ['"=maintainer"', 'KEY=value']],
    ['a build context without =', { context: 'basic', 'build-contexts': 'alpine' }, 'build-contexts', ['"alpine"', 'name=']],
    ['a secret without =', { context: 'basic', secrets: 'TOKEN' }, 'secrets', ['id=value']],
    ['push with no tags and no outputs name', { context: 'basic', push: 'true' }, 'push', ['set `tags`', 'name=']],
    ['an unknown call method', { context: 'basic', call: 'lint' }, 'call', ['"lint"', 'build, check, outline, targets']],
    ['a context with no Dockerfile', { context: 'no-dockerfile' }, 'context', ['"no-dockerfile"', 'no Dockerfile at', 'set `file`']],
    ['a missing Dockerfile', { context: 'basic', file: 'basic/Dockerfile.nope' }, 'file', ['"basic/Dockerfile.nope"', 'no Dockerfile at']],
    ['a missing secret file', { context: 'basic', 'secret-files': 'key=/nonexistent/key.pem' }, 'secret-files', ['/nonexistent/key.pem', 'does not exist']],
    ['an unset secret env', { context: 'basic', 'secret-envs': 'key=KILN_UNSET_VARIABLE' }, 'secret-envs', ['KILN_UNSET_VARIABLE', 'not set']],
  ])('%s', async (_name, inputs, input, says) => {
    expectRejectedBeforeRunning(await kiln(inputs), input, ...says);
  });

  it('reports every bad input at once', async () => {
    const result = await kiln({ context: 'basic', load: 'maybe', platforms: 'linux/arm65', ulimit: 'nofile', append: '- platforms: linux/arm64' });
    expect(
      errorsOf(result)
        .map((e) => e.properties.title)
        .sort(),
    ).toEqual(['Invalid input: append', 'Invalid input: load', 'Invalid input: platforms', 'Invalid input: ulimit']);
    expect(result.stdout).not.toContain('[command]');
  });
});

describe('load with several platforms', () => {
  let classic: Awaited<ReturnType<typeof startClassicEngine>>;
  beforeAll(async () => {
    classic = await startClassicEngine();
  });
  afterAll(() => teardown({ name: 'the classic-store engine', run: () => classic.stop() }));

  it('is rejected before the build on an engine with the classic image store', async () => {
    const result = await kiln({ context: 'basic', load: 'true', platforms: 'linux/amd64,linux/arm64' }, { env: { DOCKER_HOST: classic.host } });
    expectRejectedBeforeRunning(result, 'load', 'classic image store', 'containerd-snapshotter');
  });

  it('works on the main engine, whose containerd store holds both platforms', async () => {
    const tag = 'kiln-e2e-multiload:latest';
    const result = await kiln({ context: 'basic', target: 'base', load: 'true', platforms: 'linux/amd64,linux/arm64', tags: tag });
    expect(result.mainExitCode).toBe(0);
    expect(Object.keys(JSON.parse(result.outputs.digests ?? '{}') as object).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
