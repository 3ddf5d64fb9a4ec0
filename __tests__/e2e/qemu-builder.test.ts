import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { containerEventsSince, docker as dockerAsync } from './support/docker.js';
import { decisionsOf, expectSuccess, fixtures, kiln, runTag } from './support/kiln.js';
import { addBusybox } from './support/scratch-context.js';

jest.setTimeout(240_000);

// Issue 8, item 6: QEMU handlers are installed before a docker-container builder is created, so
// the builder offers the emulated platform from its start.
//
// Every handler Kiln knows is registered on the test machine (qemu-user-static), so the test
// makes one missing: s390x, which no other test uses (they need qemu-aarch64, left alone). It is
// removed only while this file runs, under the e2e lock that serializes every e2e run on the
// machine; afterAll removes the handler Kiln's installer registered and puts Debian's back.
const HANDLER = '/proc/sys/fs/binfmt_misc/qemu-s390x';
const BINFMT_IMAGE = 'localhost:5000/kiln/binfmt:latest';
const DOUBLE_IMAGE = `localhost:5000/kiln-e2e/buildkit-double-qemu:${runTag}`;

const sync = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

/** Debian's static busybox for s390x (apt's archive is reachable), kept between runs. */
function s390xBusybox(): string {
  const cache = path.join(tmpdir(), 'kiln-e2e-busybox-s390x');
  const binary = path.join(cache, 'x', 'bin', 'busybox');
  if (existsSync(binary)) return binary;
  mkdirSync(path.join(cache, 'lists', 'partial'), { recursive: true });
  const apt = ['-o', 'APT::Architecture=s390x', '-o', 'APT::Architectures=s390x', '-o', `Dir::State::Lists=${cache}/lists`, '-o', `Dir::Cache=${cache}/cache`];
  execFileSync('apt-get', [...apt, 'update'], { stdio: 'ignore' });
  execFileSync('apt-get', [...apt, 'download', 'busybox-static'], { cwd: cache, stdio: 'ignore' });
  const deb = sync('sh', ['-c', `ls ${cache}/busybox-static_*_s390x.deb | head -1`]);
  execFileSync('dpkg', ['-x', deb, path.join(cache, 'x')]);
  return binary;
}

describe('qemu before the builder', () => {
  let buildkit: BuildkitEndpoint;
  let context: string;
  let hadDebianHandler = false;
  const builders: string[] = [];

  beforeAll(async () => {
    // The moby/buildkit stand-in (fixtures/buildkit-double), as builder.test.ts uses it.
    const dir = mkdtempSync(path.join(tmpdir(), 'kiln-bk-double-'));
    try {
      cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
      addBusybox(dir);
      execFileSync('docker', ['build', '-q', '-t', DOUBLE_IMAGE, dir], { stdio: 'ignore' });
      execFileSync('docker', ['push', '-q', DOUBLE_IMAGE], { stdio: 'ignore' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    buildkit = await startBuildkitEndpoint({ kind: 'tcp', host: sync('docker', ['network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}']) });

    context = mkdtempSync(path.join(tmpdir(), 'kiln-qemu-s390x-'));
    cpSync(s390xBusybox(), path.join(context, 'busybox'));
    // The RUN executes an s390x binary: it runs only under a qemu-s390x handler.
    writeFileSync(
      path.join(context, 'Dockerfile'),
      'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /machine"]\n',
    );

    hadDebianHandler = existsSync(HANDLER);
    if (hadDebianHandler) writeFileSync(HANDLER, '-1');
  });

  afterAll(async () => {
    for (const name of builders) await dockerAsync(['buildx', 'rm', name]);
    // Only the handler this test made Kiln register goes; Debian's comes back as it was.
    if (existsSync(HANDLER)) writeFileSync(HANDLER, '-1');
    if (hadDebianHandler) execFileSync('update-binfmts', ['--enable', 'qemu-s390x']);
    await buildkit.close();
    rmSync(context, { recursive: true, force: true });
    execFileSync('docker', ['image', 'rm', '-f', DOUBLE_IMAGE], { stdio: 'ignore' });
  });

  it('installs the missing handler, then creates the builder, which offers the platform and builds it', async () => {
    expect(existsSync(HANDLER)).toBe(false);
    const since = Math.floor(Date.now() / 1000) - 1;
    const out = path.join(context, 'out');
    const result = await kiln({
      context,
      platforms: 'linux/s390x',
      driver: 'docker-container',
      'driver-opts': `image=${DOUBLE_IMAGE}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`,
      'qemu-image': BINFMT_IMAGE,
      // Kept after the step, to ask buildx what it offers.
      cleanup: 'false',
      outputs: `type=local,dest=${out}`,
    });
    // The set-up's decisions name the builder even when a later phase failed (the builder is kept: cleanup false).
    let name = result.outputs.builder ?? '';
    try {
      const setUp = decisionsOf(result).builder;
      if (setUp.created) name ||= setUp.name;
    } catch {
      // No set-up line: nothing was created.
    }
    if (name) builders.push(name);
    expectSuccess(result);
    expect(name).toMatch(/^kiln-/);

    // The installer's container had run and exited before the builder's container was created.
    const events = containerEventsSince(since, ['create', 'die']);
    const installerCreated = events.find((e) => e.event === 'create' && e.image === BINFMT_IMAGE);
    const installerDied = events.find((e) => e.event === 'die' && e.image === BINFMT_IMAGE);
    const builderCreated = events.find((e) => e.event === 'create' && e.name === `buildx_buildkit_${name}0`);
    expect(installerCreated).toBeDefined();
    expect(installerDied).toBeDefined();
    expect(builderCreated).toBeDefined();
    expect((installerDied?.timeNano ?? 0n) > (installerCreated?.timeNano ?? 0n)).toBe(true);
    expect((builderCreated?.timeNano ?? 0n) > (installerDied?.timeNano ?? 0n)).toBe(true);

    // The handler is the installer's (Debian's interpreter path differs), with F so builds see it.
    const handler = readFileSync(HANDLER, 'utf8');
    expect(handler).toMatch(/^enabled/);
    expect(handler).toContain('interpreter /usr/bin/qemu-s390x');

    // The builder offered linux/s390x when Kiln created it, and still does.
    const decided = decisionsOf(result).builder;
    expect(decided).toMatchObject({ name, created: true });
    expect(decided.nodes.find((n) => n.name === `${name}0`)?.platforms).toContain('linux/s390x');
    const inspect = await dockerAsync(['buildx', 'inspect', name]);
    expect(inspect.code).toBe(0);
    expect(/^Platforms:\s+(.*)$/m.exec(inspect.output)?.[1]?.split(/,\s*/)).toContain('linux/s390x');

    // And the build ran the s390x binary.
    expect(readFileSync(path.join(out, 'machine'), 'utf8')).toBe('s390x\n');
    expect(result.outputs['qemu-platforms']).toBe('linux/s390x');
  });
});
