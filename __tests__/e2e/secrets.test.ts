import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { buildxArgs, errorsOf, expectSuccess, image, kiln, placesASecretCouldBe, valuesOf } from './support/kiln.js';
import { allBlobs, fileInImage } from './support/registry.js';
import { teardown } from './support/teardown.js';

jest.setTimeout(180_000);

// Values no build would print by accident, unique per run.
const nonce = Date.now().toString(36);
const values = {
  inline: `inline-s3cr3t-${nonce}`,
  fromfile: `file-s3cr3t-${nonce}`,
  fromenv: `env-s3cr3t-${nonce}`,
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const scratch = mkdtempSync(path.join(tmpdir(), 'kiln-secrets-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('secrets, secret-files and secret-envs', () => {
  const tag = image('secrets');

  it('are readable in RUN, and absent from every layer, the log, the outputs and the runner temp dir', async () => {
    const secretFile = path.join(scratch, 'token.txt');
    writeFileSync(secretFile, values.fromfile);

    // The real process list, sampled while the step runs: every command line on the machine.
    const seen = new Set<string>();
    let sampled = 0;
    const sample = () => {
      sampled++;
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          if (Object.values(values).some((v) => cmdline.includes(v))) seen.add(cmdline);
          if (/buildx build/.test(cmdline)) seen.add('buildx build (seen)');
        } catch {
          // The process ended between the listing and the read.
        }
      }
    };
    const sampler = setInterval(sample, 25);
    const result = await kiln(
      {
        context: 'secrets',
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        tags: tag,
        secrets: `inline=${values.inline}`,
        'secret-files': `fromfile=${secretFile}`,
        'secret-envs': 'fromenv=KILN_TEST_SECRET',
        'build-args': `NONCE=${nonce}`,
      },
      { env: { KILN_TEST_SECRET: values.fromenv } },
    ).finally(() => {
      clearInterval(sampler);
    });
    expectSuccess(result);
    // The sampler saw the build running, and no command line with a secret in it.
    expect(sampled).toBeGreaterThan(10);
    expect([...seen]).toEqual(['buildx build (seen)']);

    // Readable: the build wrote each secret's hash, on both platforms.
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      for (const [id, value] of Object.entries(values)) {
        expect(await fileInImage(tag, platform, `proof/${id}`)).toBe(`${sha256(value)}\n`);
      }
    }

    // Absent from every blob the registry serves for the image: configs, layers, attestations.
    const blobs = await allBlobs(tag);
    expect(blobs.length).toBeGreaterThanOrEqual(6);
    for (const blob of blobs) {
      for (const value of Object.values(values)) expect(blob.data.includes(value)).toBe(false);
    }

    // Never on the command line (what `ps` would show), nor anywhere in the step's output except
    // the mask registration, nor in outputs.
    const command = result.stdout.split('\n').find((l) => l.startsWith('[command]')) ?? '';
    expect(command).toContain('--secret id=inline,src=');
    // The build's own argument list: each secret by file or by environment variable name.
    const secretArgs = valuesOf(buildxArgs(result), '--secret');
    expect(secretArgs).toEqual(expect.arrayContaining([expect.stringMatching(/^id=inline,src=\//)]));
    const places = placesASecretCouldBe(result);
    for (const value of Object.values(values)) {
      expect(command).not.toContain(value);
      expect(secretArgs.join('\n')).not.toContain(value);
      expect(places).not.toContain(value);
    }
    // Registered for masking, so the runner hides any later echo of them.
    expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual(expect.arrayContaining([values.inline, values.fromenv]));
    // The secret files were gone before the next step of the job could run, and so was the rest:
    // with no builder to remove, the main step deletes its temp directory itself (src/post-skip.ts).
    expect(result.leftAfterMain).toEqual([]);
    expect(result.leftInRunnerTemp).toEqual([]);
  });

  it('are removed by the post step after a failed build too', async () => {
    const result = await kiln(
      {
        context: 'failing',
        load: 'true',
        secrets: [`inline=${values.inline}`, 'empty='],
      },
      { keepRunDir: true },
    );
    try {
      expect(result.mainExitCode).toBe(1);
      expect(result.postExitCode).toBe(0);
      expect(result.leftAfterMain.filter((f) => /secret/.test(f))).toEqual([]);
      expect(result.leftInRunnerTemp).toEqual([]);
      expect(result.stdout).not.toContain(`--secret id=inline,src=${values.inline}`);
      expect(placesASecretCouldBe(result)).not.toContain(values.inline);
      // The empty value is skipped with a warning, as build-push-action does.
      const warning = result.commands.find((c) => c.command === 'warning');
      expect(warning?.message).toMatch(/Secret "empty".*is empty: skipped/);
      expect(errorsOf(result)).toHaveLength(1);
    } finally {
      rmSync(result.runDir, { recursive: true, force: true });
    }
  });
});

describe('secret values as build-push-action takes them', () => {
  // A real private key as GitHub would hold it: PEM, several lines, ending in a newline that
  // OpenSSL and ssh need.
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('a PEM key through `secrets` arrives byte-exact; empty entries of all three inputs are skipped with warnings and the build goes on', async () => {
    expect(pem.endsWith('-----\n')).toBe(true);
    const tag = image('secrets-exact');
    // What a workflow's `secrets: |` block hands the action: the key quoted (it spans lines), an
    // entry whose secret a fork pull request got empty.
    const secrets = `"pem=${pem}"\nINVALID_SECRET=\n`;
    const result = await kiln(
      {
        context: 'secrets-exact',
        push: 'true',
        tags: tag,
        secrets,
        'secret-files': 'nofile=',
        'secret-envs': 'blank=KILN_BLANK_SECRET',
        'build-args': `NONCE=${nonce}-exact`,
      },
      { env: { KILN_BLANK_SECRET: '' } },
    );
    expectSuccess(result);
    expect(await fileInImage(tag, 'linux/amd64', 'proof/pem')).toBe(`${sha256(pem)}\n`);
    expect(Number(await fileInImage(tag, 'linux/amd64', 'proof/pem-bytes'))).toBe(Buffer.byteLength(pem));
    for (const skipped of ['INVALID_SECRET', 'nofile', 'blank']) {
      expect(await fileInImage(tag, 'linux/amd64', `proof/${skipped}`)).toBe('absent\n');
    }
    const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Secret "INVALID_SECRET" \(input "secrets"\) is empty: skipped/),
        expect.stringMatching(/Secret "nofile" \(input "secret-files"\) names no file: skipped/),
        expect.stringMatching(/Secret "blank" \(input "secret-envs"\) reads KILN_BLANK_SECRET, which is set but empty/),
      ]),
    );
    // Only the entries that reach the build are on the command line.
    const command = result.stdout.split('\n').find((l) => l.startsWith('[command]')) ?? '';
    expect(command.match(/--secret /g)).toHaveLength(1);
    expect(command).toContain('--secret id=pem,src=');
    // Every line of the key was registered for masking, and none is in the log otherwise.
    const masks = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    const keyLines = pem.split('\n').filter((l) => l.length > 0);
    // BEGIN, the body, END: arrayContaining([]) would pass on anything.
    expect(keyLines.length).toBeGreaterThanOrEqual(3);
    expect(masks).toEqual(expect.arrayContaining(keyLines));
    const unmasked =
      result.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n') +
      result.stderr +
      result.summary;
    for (const line of keyLines) expect(unmasked).not.toContain(line);
  });

  it('a missing secret file and an unset variable stay input errors: typos fail before anything runs', async () => {
    const result = await kiln({
      context: 'secrets-exact',
      load: 'true',
      'secret-files': `f=${path.join(scratch, 'no-such-file')}`,
      'secret-envs': 'e=KILN_NO_SUCH_VAR',
    });
    expect(result.mainExitCode).toBe(1);
    expect(result.stdout).not.toContain('[command]');
    expect(
      errorsOf(result)
        .map((e) => e.properties.title)
        .sort(),
    ).toEqual(['Invalid input: secret-envs', 'Invalid input: secret-files']);
  });
});

// The steps of build-push-action's own CI jobs for secrets, with Kiln in its place.
describe('build-push-action CI jobs `secret` and `git-context-secret`', () => {
  it('`secret`: MYSECRET=foo with INVALID_SECRET= builds, and the build reads foo', async () => {
    const result = await kiln({ context: 'official-secret', secrets: 'MYSECRET=foo\nINVALID_SECRET=\n', 'build-args': `NONCE=${nonce}-ci` });
    expectSuccess(result);
    // BuildKit's log of the RUN step (the runner shows it masked: foo is registered).
    expect(result.stdout + result.stderr).toContain(`${nonce}-ci MYSECRET=foo`);
    expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toContain('foo');
    expect(result.commands.filter((c) => c.command === 'warning').map((c) => c.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Secret "INVALID_SECRET" \(input "secrets"\) is empty: skipped/)]),
    );
  });

  it('`git-context-secret`: quoted multi-line values, one with an empty line, arrive exactly', async () => {
    const tag = image('official-multiline');
    const block = ['GIT_AUTH_TOKEN=not-a-real-token', '"MYSECRET=aaaaaaaa', 'bbbbbbb', 'ccccccccc"', 'FOO=bar', '"EMPTYLINE=aaaa', '', 'bbbb', 'ccc"', ''].join(
      '\n',
    );
    const result = await kiln({ context: 'official-multiline', push: 'true', tags: tag, secrets: block, 'build-args': `NONCE=${nonce}-ml` });
    expectSuccess(result);
    const expected = { MYSECRET: 'aaaaaaaa\nbbbbbbb\nccccccccc', FOO: 'bar', EMPTYLINE: 'aaaa\n\nbbbb\nccc' };
    for (const [id, value] of Object.entries(expected)) expect(await fileInImage(tag, 'linux/amd64', `proof/${id}`)).toBe(`${sha256(value)}\n`);
  });
});

describe('a secret file printed by a failing build', () => {
  it('is masked line by line before the build starts, and appears in no annotation, no summary, no log line the runner shows', async () => {
    const lines = [`user=kiln-user-${nonce}`, `password=pw-${nonce}-Zq9`, `token: tk-${nonce}-multi`];
    const creds = path.join(scratch, 'creds.txt');
    // Braced like a JSON key file: the braces alone are not worth masking.
    writeFileSync(creds, `{\n${lines.join('\n')}\n}\n`);
    const result = await kiln({ context: 'secret-print', load: 'true', 'secret-files': `creds=${creds}`, 'build-args': `NONCE=${nonce}-print` });
    expect(result.mainExitCode).toBe(1);
    expect(result.postExitCode).toBe(0);

    // The build really printed the file (buildx's progress, relayed as it comes): without the
    // masks the runner would show it.
    const raw = result.stdout + result.stderr;
    for (const line of lines) expect(raw).toContain(line);

    // Registered before the build started, each line on its own.
    const out = result.stdout.split('\n');
    const started = out.findIndex((l) => l.startsWith('[command]'));
    expect(started).toBeGreaterThan(0);
    const masks = out
      .slice(0, started)
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length));
    expect(masks).toEqual(expect.arrayContaining(lines));
    expect(masks).not.toContain('{');
    expect(masks).not.toContain('}');

    // What the runner shows: every line after the masks with them applied, as it does.
    const shown = [...out.slice(started), ...result.stderr.split('\n'), ...result.postStdout.split('\n')].map((l) =>
      masks.reduce((t, m) => t.split(m).join('***'), l),
    );
    for (const line of lines) expect(shown.join('\n')).not.toContain(line);

    // Kiln's own reports hold none of it, masked or not: the error annotation and the summary.
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('***');
    expect(result.summary).toContain('***');
    for (const line of lines) {
      expect(errors[0]?.message).not.toContain(line);
      expect(result.summary).not.toContain(line);
    }
    expect(result.leftInRunnerTemp).toEqual([]);
  });
});

describe('ssh', () => {
  // A real ssh-agent holding a throwaway key, as webfactory/ssh-agent leaves one for later steps.
  let agentDir: string;
  let agentPid = '';
  let sock = '';
  beforeAll(() => {
    agentDir = mkdtempSync(path.join(tmpdir(), 'kiln-ssh-'));
    sock = path.join(agentDir, 'agent.sock');
    const out = execFileSync('ssh-agent', ['-a', sock], { encoding: 'utf8' });
    agentPid = /SSH_AGENT_PID=(\d+)/.exec(out)?.[1] ?? '';
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(agentDir, 'id')]);
    execFileSync('ssh-add', ['-q', path.join(agentDir, 'id')], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
  });
  afterAll(() =>
    teardown(agentPid !== '' && { name: 'the ssh-agent', run: () => process.kill(Number(agentPid)) }, {
      name: agentDir,
      run: () => {
        rmSync(agentDir, { recursive: true, force: true });
      },
    }),
  );

  it('forwards the agent to RUN --mount=type=ssh with `ssh: default`, and the step needs it', async () => {
    const tag = image('ssh');
    const withAgent = await kiln({ context: 'ssh', ssh: 'default', push: 'true', tags: tag, 'build-args': `NONCE=${nonce}` }, { env: { SSH_AUTH_SOCK: sock } });
    expectSuccess(withAgent);
    expect(withAgent.stdout).toContain('--ssh default');
    expect(await fileInImage(tag, 'linux/amd64', 'ssh.txt')).toBe('forwarded\n');

    const without = await kiln({ context: 'ssh', load: 'true', 'build-args': `NONCE=${nonce}-none` }, { env: { SSH_AUTH_SOCK: sock } });
    expect(without.mainExitCode).toBe(1);
    expect(errorsOf(without)[0]?.message).toMatch(/ssh/i);
  });
});
