import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RunResult } from '../../scripts/local.mjs';
import { builderLeftovers } from './support/buildkit-double.js';
import { type BuildkitEndpoint, startBuildkitEndpoint } from './support/buildkit-endpoint.js';
import { type CacheService, startCacheService } from './support/cache-service/server.js';
import { expectRejected, expectVerified, NO_SIGNATURES, verify, WRONG_IDENTITY } from './support/cosign.js';
import { expectSuccess, fixtures, kiln, runTag } from './support/kiln.js';
import { referrerOf, referrersOf, SIGN_PREDICATE, SLSA_PREDICATE } from './support/referrers.js';
import { type Descriptor, getBlob, getManifest, platformName } from './support/registry.js';
import { addBusybox } from './support/scratch-context.js';
import { type Service, type SigstoreDoubles, startSigstore, TEST_REPOSITORY, TOKEN_ISSUER, TOKEN_SUBJECT } from './support/sigstore.js';

jest.setTimeout(400_000);

// Issue 17 end to end: the bundled action signs, attests and verifies against loopback doubles of
// Sigstore, the runner's token endpoint and GitHub's attestations API, and the real cosign 3 is
// the judge of what landed in the registry. Contract: /work/wt/briefs/sign-contract.md.

const nonce = Date.now().toString(36);
const GITHUB_TOKEN = `ghs_kiln_test_${nonce}`;
const repo = (name: string) => `localhost:5000/h5-sign-e2e/${name}-${runTag}`;
const repoPath = (repository: string) => repository.replace(/^localhost:5000\//, '');
let doubles: SigstoreDoubles;

beforeAll(async () => {
  doubles = await startSigstore();
});
afterAll(async () => {
  await doubles.close();
});

interface SignRun {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** `public` (default), `private`; the event payload's repository.visibility. */
  visibility?: string;
  /** Leave the runner's token variables out (a job without `id-token: write`). */
  noToken?: boolean;
  eventName?: string;
  payload?: object;
  runnerTemp?: string;
  afterMain?: () => void | Promise<void>;
  keepRunDir?: boolean;
}

/** One step run as a workflow of kiln-test/kiln would, with the doubles as its services. */
function signRun(tag: string, o: SignRun = {}): Promise<RunResult> {
  const tokenEnv = doubles.env();
  if (o.noToken) {
    delete tokenEnv.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete tokenEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  }
  return kiln(
    {
      context: 'basic',
      push: 'true',
      tags: tag,
      'build-args': `GREETING=signed-${nonce}`,
      'signing-config': doubles.signingConfig,
      'trusted-root': doubles.trustedRoot,
      'github-token': GITHUB_TOKEN,
      ...o.inputs,
    },
    {
      repository: TEST_REPOSITORY,
      eventName: o.eventName ?? 'push',
      payload: o.payload ?? { repository: { full_name: TEST_REPOSITORY, visibility: o.visibility ?? 'public', private: o.visibility === 'private' } },
      env: {
        ...tokenEnv,
        GITHUB_WORKFLOW_REF: `${TEST_REPOSITORY}/.github/workflows/release.yml@refs/heads/main`,
        ...(o.runnerTemp ? { RUNNER_TEMP: o.runnerTemp } : {}),
        ...o.env,
      },
      afterMain: o.afterMain,
      keepRunDir: o.keepRunDir,
    },
  );
}

type Signatures = Record<string, { signature: string; provenance?: string; sbom?: string[]; attests?: string; logIndex?: number; timestamp?: string }>;
const signaturesOf = (r: RunResult): Signatures => JSON.parse(r.outputs.signatures ?? 'null') as Signatures;

/** Calls each double received while `run` ran. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; calls: Record<Service, number> }> {
  const before = { ...doubles.calls };
  const result = await run();
  const calls = Object.fromEntries(Object.entries(doubles.calls).map(([k, v]) => [k, v - before[k as Service]])) as Record<Service, number>;
  return { result, calls };
}

const NO_CALLS = { oidc: 0, fulcio: 0, rekor: 0, tsa: 0, github: 0 };
const images = (manifests: Descriptor[]) => manifests.filter((d) => platformName(d) !== 'unknown/unknown');
/** BuildKit's attestation manifests (its provenance and SBOMs), `unknown/unknown` in the index. */
const attestationManifests = (manifests: Descriptor[]) => manifests.filter((d) => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
const SPDX_PREDICATE = 'https://spdx.dev/Document';

/** What a push of `tag` should have signed: `repository@digest` of the top level and every manifest its index lists. */
async function signable(tag: string): Promise<string[]> {
  const repository = tag.replace(/:[^/:]+$/, '');
  const { digest, manifest } = await getManifest(tag);
  return [digest, ...(manifest.manifests ?? []).map((d) => d.digest)].map((d) => `${repository}@${d}`).sort();
}

/** A BuildKit SBOM generator that needs no network (fixtures/sbom-scanner), pushed as `image`. */
function pushScanner(image: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiln-sign-scanner-'));
  try {
    cpSync(path.join(fixtures, 'sbom-scanner'), dir, { recursive: true });
    addBusybox(dir);
    execFileSync('docker', ['build', '-q', '-t', image, dir], { stdio: 'ignore' });
    execFileSync('docker', ['push', '-q', image], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every line of the step's log but the masking commands (which the runner swallows). */
const logOf = (r: RunResult) => [r.stdout, r.stderr, r.postStdout].join('\n').replace(/^::add-mask::.*$/gm, '');

/** Every file under `dir` (recursively) whose content contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return found;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry);
    try {
      if (statSync(file).isFile() && readFileSync(file).includes(needle)) found.push(file);
    } catch {
      // Removed between the listing and the read.
    }
  }
  return found;
}

describe('signing a push', () => {
  it('two platforms with an SBOM: the index, both platform manifests, BuildKit’s attestation manifests, the provenance and the SBOMs verify with cosign; the token leaks nowhere', async () => {
    const repository = repo('two-platform');
    const tag = `${repository}:v1`;
    // An unsigned image of its own: the scanner BuildKit runs for `sbom`.
    const scanner = `${repo('sbom-scanner')}:v1`;
    pushScanner(scanner);
    const scannerDigest = (await getManifest(scanner)).digest;
    expect(scannerDigest).toMatch(/^sha256:/);
    const runnerTemp = mkdtempSync(path.join(tmpdir(), 'kiln-sign-runner-temp-'));
    // Sampled while the step runs: every process's command line and environment, and every
    // file the step keeps under RUNNER_TEMP.
    const leaks = new Set<string>();
    const sample = () => {
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        for (const what of ['cmdline', 'environ']) {
          try {
            if (readFileSync(`/proc/${pid}/${what}`).includes(doubles.jwt))
              leaks.add(`/proc/${pid}/${what}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
          } catch {
            // The process ended between the listing and the read.
          }
        }
      }
      for (const file of filesContaining(runnerTemp, doubles.jwt)) leaks.add(file);
    };
    const sampler = setInterval(sample, 50);
    let run: { result: RunResult; calls: Record<Service, number> };
    try {
      run = await counting(() =>
        signRun(tag, {
          inputs: { platforms: 'linux/amd64,linux/arm64', sbom: `generator=${scanner}` },
          runnerTemp,
          keepRunDir: true,
          afterMain: () => {
            sample();
          },
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    const { result, calls } = run;
    try {
      expectSuccess(result);
      const { digest, manifest } = await getManifest(tag);
      expect(result.outputs.digest).toBe(digest);
      const platforms = images(manifest.manifests ?? []);
      expect(platforms.map(platformName).sort()).toEqual(['linux/amd64', 'linux/arm64']);

      const attestations = attestationManifests(manifest.manifests ?? []);
      expect(attestations).toHaveLength(2);

      // The outputs: the index, each platform manifest and each attestation manifest, each pointing at its referrer.
      const signatures = signaturesOf(result);
      const signedDigests = [digest, ...platforms.map((d) => d.digest), ...attestations.map((d) => d.digest)];
      expect(Object.keys(signatures).sort()).toEqual(signedDigests.map((d) => `${repository}@${d}`).sort());
      for (const d of signedDigests) {
        const entry = signatures[`${repository}@${d}`];
        const referrer = await referrerOf(repoPath(repository), d, SIGN_PREDICATE);
        expect(referrer).toBeDefined();
        expect(entry?.signature).toBe(`${repository}@${referrer?.digest}`);
        expect(referrer?.statement?.subject.map((s) => s.digest.sha256)).toEqual([d.replace('sha256:', '')]);
        expect(typeof entry?.logIndex).toBe('number');
      }
      // Provenance on the index only.
      const provenance = await referrerOf(repoPath(repository), digest, SLSA_PREDICATE);
      expect(provenance?.statement?.subject.map((s) => s.digest.sha256)).toEqual([digest.replace('sha256:', '')]);
      expect(signatures[`${repository}@${digest}`]?.provenance).toBe(`${repository}@${provenance?.digest}`);
      for (const p of platforms) expect(await referrerOf(repoPath(repository), p.digest, SLSA_PREDICATE)).toBeUndefined();

      // BuildKit's SBOM of each platform, signed as an attestation of that platform's manifest:
      // the very SPDX document BuildKit pushed in the platform's attestation manifest.
      for (const p of platforms) {
        const attestation = attestations.find((a) => a.annotations?.['vnd.docker.reference.digest'] === p.digest);
        expect(signatures[`${repository}@${attestation?.digest}`]?.attests).toBe(`${repository}@${p.digest}`);
        const layers = (await getManifest(`${repository}@${attestation?.digest}`)).manifest.layers ?? [];
        const spdxLayer = layers.find((l) => l.annotations?.['in-toto.io/predicate-type'] === SPDX_PREDICATE);
        const pushed = JSON.parse((await getBlob(repoPath(repository), spdxLayer?.digest ?? '')).toString('utf8')) as { predicate: { name: string } };
        expect(pushed.predicate.name).toBe('sbom');
        const sbom = await referrerOf(repoPath(repository), p.digest, SPDX_PREDICATE);
        expect(sbom?.statement?.subject.map((s) => s.digest.sha256)).toEqual([p.digest.replace('sha256:', '')]);
        expect(sbom?.statement?.predicate).toEqual(pushed.predicate);
        expect(signatures[`${repository}@${p.digest}`]?.sbom).toEqual([`${repository}@${sbom?.digest}`]);
      }

      // The real cosign finds and accepts them; a wrong identity and an unsigned digest it refuses.
      const trustedRoot = doubles.trustedRoot;
      const otherIdentity = 'https://github.com/kiln-test/other/.github/workflows/release.yml@refs/heads/main';
      expectVerified(await verify(`${repository}@${digest}`, { trustedRoot }));
      for (const p of platforms) expectVerified(await verify(`${repository}@${p.digest}`, { trustedRoot }));
      expectVerified(await verify(`${repository}@${digest}`, { trustedRoot, attestationType: 'slsaprovenance1' }));
      expectRejected(await verify(`${repository}@${digest}`, { trustedRoot, identity: otherIdentity }), WRONG_IDENTITY);
      // BuildKit's attestation manifests and SBOMs (cosign runs at once: each is a process of its own).
      const [attestationVerified, sbomVerified, attestationOther, sbomOther, unsigned] = await Promise.all([
        verify(`${repository}@${attestations[0]?.digest}`, { trustedRoot }),
        verify(`${repository}@${platforms[1]?.digest}`, { trustedRoot, attestationType: 'spdxjson' }),
        verify(`${repository}@${attestations[1]?.digest}`, { trustedRoot, identity: otherIdentity }),
        verify(`${repository}@${platforms[0]?.digest}`, { trustedRoot, identity: otherIdentity, attestationType: 'spdxjson' }),
        verify(`${repo('sbom-scanner')}@${scannerDigest}`, { trustedRoot }),
      ]);
      expectVerified(attestationVerified);
      expectVerified(sbomVerified);
      expectRejected(attestationOther, WRONG_IDENTITY);
      expectRejected(sbomOther, WRONG_IDENTITY);
      expectRejected(unsigned, NO_SIGNATURES);

      // One certificate for the step; a Rekor entry per bundle (five signatures, the provenance, two
      // SBOMs), no timestamps; the token asked for sigstore.
      expect(calls.fulcio).toBe(1);
      expect(calls.rekor).toBeGreaterThanOrEqual(8);
      expect(calls.tsa).toBe(0);
      expect(doubles.audiences.at(-1)).toBe('sigstore');

      // GitHub's attestations API got the provenance bundle and each platform's SBOM bundle (as
      // actions/attest-sbom records it: `gh attestation verify --predicate-type` finds it), with
      // the step's github-token.
      const recorded = doubles.attestations.filter((a) => a.authorization === `Bearer ${GITHUB_TOKEN}`);
      expect(recorded).toHaveLength(3);
      for (const r of recorded) expect(r).toMatchObject({ owner: 'kiln-test', repo: 'kiln', accept: 'application/vnd.github+json' });
      const statementOf = (bundle: unknown) =>
        JSON.parse(Buffer.from((bundle as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload, 'base64').toString('utf8')) as {
          predicateType: string;
          subject: { digest: { sha256: string } }[];
        };
      const recordedProvenance = recorded.filter((r) => statementOf(r.bundle).predicateType === SLSA_PREDICATE);
      expect(recordedProvenance).toHaveLength(1);
      expect(statementOf(recordedProvenance[0]?.bundle).subject.map((s) => s.digest.sha256)).toEqual([digest.replace('sha256:', '')]);
      expect(result.outputs['attestation-url']).toBe(`https://github.com/${TEST_REPOSITORY}/attestations/${recordedProvenance[0]?.id}`);
      const recordedSboms = recorded.filter((r) => statementOf(r.bundle).predicateType === SPDX_PREDICATE);
      expect(recordedSboms.map((r) => statementOf(r.bundle).subject.map((s) => `sha256:${s.digest.sha256}`)).sort()).toEqual(
        platforms.map((p) => [p.digest]).sort(),
      );
      // Each the very bundle attached to its platform manifest in the registry.
      for (const p of platforms) {
        const attached = await referrerOf(repoPath(repository), p.digest, SPDX_PREDICATE);
        const record = recordedSboms.find((r) => statementOf(r.bundle).subject[0]?.digest.sha256 === p.digest.replace('sha256:', ''));
        expect(record?.bundle).toEqual(attached?.bundle);
      }

      // The summary says what was signed, by whom, and how to check it.
      expect(result.summary).toContain('Signatures');
      expect(result.summary).toContain(TOKEN_SUBJECT);
      expect(result.summary).toContain(TOKEN_ISSUER);
      expect(result.summary).toContain('cosign verify');
      expect(result.summary).toContain(`gh attestation verify oci://${repository}@${digest}`);
      expect(result.summary).toContain(`-R ${TEST_REPOSITORY}`);
      expect(result.summary).toContain('--type spdxjson');

      // The token: masked at once, and nowhere else.
      expect(result.commands.some((c) => c.command === 'add-mask' && c.message === doubles.jwt)).toBe(true);
      expect(logOf(result)).not.toContain(doubles.jwt);
      expect(result.summary).not.toContain(doubles.jwt);
      expect(JSON.stringify(result.outputs)).not.toContain(doubles.jwt);
      expect(JSON.stringify(result.state)).not.toContain(doubles.jwt);
      expect(filesContaining(result.runDir, doubles.jwt)).toEqual([]);
      expect([...leaks]).toEqual([]);
      expect(readdirSync(runnerTemp)).toEqual([]);
    } finally {
      rmSync(result.runDir, { recursive: true, force: true });
      rmSync(runnerTemp, { recursive: true, force: true });
      execFileSync('docker', ['image', 'rm', '-f', scanner], { stdio: 'ignore' });
    }
  });

  it('a private repository signs with the timestamp authority and never calls Rekor', async () => {
    const repository = repo('private');
    const { result, calls } = await counting(() =>
      signRun(`${repository}:v1`, { visibility: 'private', inputs: { 'signing-config': doubles.tsaSigningConfig } }),
    );
    expectSuccess(result);
    expect(calls.rekor).toBe(0);
    expect(calls.tsa).toBeGreaterThanOrEqual(1);
    const digest = result.outputs.digest ?? '';
    const entry = signaturesOf(result)[`${repository}@${digest}`];
    expect(entry?.logIndex).toBeUndefined();
    expect(entry?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const referrer = await referrerOf(repoPath(repository), digest, SIGN_PREDICATE);
    expect(referrer?.bundle.verificationMaterial.tlogEntries ?? []).toEqual([]);
    expectVerified(await verify(`${repository}@${digest}`, { trustedRoot: doubles.trustedRoot, timestampsOnly: true }));
    expectVerified(await verify(`${repository}@${digest}`, { trustedRoot: doubles.trustedRoot, timestampsOnly: true, attestationType: 'slsaprovenance1' }));
  });

  // Three steps at once (each a cached build): none of them may call any double.
  it('push: false, a fork pull request, and auto without an OIDC token: no signing call at all', async () => {
    const forkRepository = repo('fork-pr');
    const noTokenRepository = repo('no-token');
    const {
      result: [unpushed, fork, noToken],
      calls,
    } = await counting(() =>
      Promise.all([
        signRun(`${repo('unpushed')}:v1`, { inputs: { push: 'false' } }),
        signRun(`${forkRepository}:pr`, {
          eventName: 'pull_request',
          payload: {
            repository: { full_name: TEST_REPOSITORY, visibility: 'public' },
            pull_request: { number: 7, head: { repo: { full_name: 'someone/kiln-fork', fork: true } }, base: { repo: { full_name: TEST_REPOSITORY } } },
          },
        }),
        signRun(`${noTokenRepository}:v1`, { noToken: true }),
      ]),
    );
    expect(calls).toEqual(NO_CALLS);
    for (const r of [unpushed, fork, noToken]) {
      expectSuccess(r);
      expect(signaturesOf(r)).toEqual({});
    }
    expect(await referrersOf(repoPath(forkRepository), fork.outputs.digest ?? '')).toEqual([]);

    // Without id-token: write, auto builds, pushes and says which permission to add.
    expect(noToken.summary).toContain('id-token: write');
    expect(noToken.commands.some((c) => c.command === 'notice' && c.message.includes('id-token: write'))).toBe(true);
    expect((await getManifest(`${noTokenRepository}:v1`)).digest).toBe(noToken.outputs.digest);
  });
});

describe('signing faults', () => {
  it('Fulcio answers 429 twice, then signs: signed and verified; a 403 from the attestations API is a notice', async () => {
    const repository = repo('retry');
    doubles.fault('fulcio', { status: 429, times: 2 });
    doubles.fault('github', { status: 403 });
    try {
      const { result, calls } = await counting(() => signRun(`${repository}:v1`, { inputs: { sign: 'true' } }));
      expectSuccess(result);
      expect(calls.fulcio).toBe(3);
      const digest = result.outputs.digest ?? '';
      expect(Object.keys(signaturesOf(result)).sort()).toEqual(await signable(`${repository}:v1`));
      expectVerified(await verify(`${repository}@${digest}`, { trustedRoot: doubles.trustedRoot }));
      expect(result.outputs['attestation-url'] ?? '').toBe('');
      expect(result.commands.some((c) => c.command === 'notice' && c.message.includes('attestations: write'))).toBe(true);
    } finally {
      doubles.fault('fulcio', undefined);
      doubles.fault('github', undefined);
    }
  });

  it('a hanging Fulcio: auto warns and succeeds within the deadline; true fails after the push with every output set', async () => {
    doubles.fault('fulcio', { hang: true });
    try {
      // Both at once: each waits out the 30 s signing deadline.
      const autoRepo = repo('hang-auto');
      const trueRepo = repo('hang-true');
      const started = Date.now();
      const [auto, strict] = await Promise.all([signRun(`${autoRepo}:v1`), signRun(`${trueRepo}:v1`, { inputs: { sign: 'true' } })]);
      const seconds = (Date.now() - started) / 1000;
      expectSuccess(auto);
      expect(auto.commands.some((c) => c.command === 'warning' && /sign/i.test(c.message))).toBe(true);
      expect(signaturesOf(auto)).toEqual({});
      expect((await getManifest(`${autoRepo}:v1`)).digest).toBe(auto.outputs.digest);
      // The build is cached by now; the 30 s signing deadline is what the steps waited on.
      expect(seconds).toBeLessThan(120);
      process.stdout.write(`signing: auto and true with a hanging Fulcio took ${seconds.toFixed(1)} s in all\n`);

      expect(strict.mainExitCode).toBe(1);
      expect(strict.postExitCode).toBe(0);
      expect(strict.commands.some((c) => c.command === 'error' && /sign/i.test(c.message))).toBe(true);
      const pushed = await getManifest(`${trueRepo}:v1`);
      expect(strict.outputs.digest).toBe(pushed.digest);
      expect(strict.outputs.imageid).toMatch(/^sha256:/);
      expect(strict.outputs.metadata).toContain(pushed.digest);
      expect(signaturesOf(strict)).toEqual({});
      expect(strict.leftInRunnerTemp).toEqual([]);
    } finally {
      doubles.fault('fulcio', undefined);
    }
  });
});

// Fan-out: the legs run as in fan-out.test.ts (one job each, a docker-container builder of their
// own whose BuildKit is the engine's, records through the Actions cache double).
describe('signing a fan-out pair', () => {
  const doubleImage = `localhost:5000/h5-sign-e2e/buildkit-double:${runTag}`;
  let service: CacheService;
  let buildkit: BuildkitEndpoint;
  const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    service = await startCacheService();
    const dir = mkdtempSync(path.join(tmpdir(), 'kiln-sign-fan-out-double-'));
    try {
      cpSync(path.join(fixtures, 'buildkit-double'), dir, { recursive: true });
      addBusybox(dir);
      execFileSync('docker', ['build', '-q', '-t', doubleImage, dir], { stdio: 'ignore' });
      docker('push', '-q', doubleImage);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    buildkit = await startBuildkitEndpoint({ kind: 'tcp', host: docker('network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Gateway}}') });
  });
  afterAll(async () => {
    await buildkit.close();
    await service.close();
    execFileSync('docker', ['image', 'rm', '-f', doubleImage], { stdio: 'ignore' });
  });

  it('the index, both platform manifests and the attestation manifests verify; the index carries the provenance', async () => {
    const run = `7${Date.now() % 1_000_000}3`;
    const repository = repo('fan-out');
    const tag = `${repository}:v1`;
    const leg = (fanOut: 'auto' | 'linux/arm64') => {
      const name = fanOut === 'auto' ? 'amd64' : 'arm64';
      return signRun(tag, {
        inputs: {
          platforms: 'linux/amd64,linux/arm64',
          'fan-out': fanOut,
          'driver-opts': `image=${doubleImage}\nenv.KILN_BUILDKIT_ADDR=${buildkit.endpoint.replace('tcp://', '')}`,
          'build-args': `GREETING=signed-fan-out-${nonce}`,
        },
        env: {
          ...service.env([{ scope: 'refs/heads/main', permission: 3 }]),
          GITHUB_RUN_ID: run,
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_JOB: `build-${name}`,
          GITHUB_ACTION: `__sign_fan_out_${name}_${run}`,
          RUNNER_NAME: `runner-${name}`,
        },
      });
    };
    const [amd64, arm64] = await Promise.all([leg('auto'), leg('linux/arm64')]);
    expectSuccess(amd64);
    expectSuccess(arm64);
    for (const r of [amd64, arm64]) expect(builderLeftovers(r.outputs.builder ?? '')).toEqual([]);

    const { digest, manifest } = await getManifest(tag);
    const platforms = images(manifest.manifests ?? []);
    expect(platforms.map(platformName).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    const trustedRoot = doubles.trustedRoot;
    expectVerified(await verify(`${repository}@${digest}`, { trustedRoot }));
    for (const p of platforms) expectVerified(await verify(`${repository}@${p.digest}`, { trustedRoot }));
    expectVerified(await verify(`${repository}@${digest}`, { trustedRoot, attestationType: 'slsaprovenance1' }));
    // The legs' attestation manifests, which the index lists, are signed by the leg that signed the index.
    const attestations = attestationManifests(manifest.manifests ?? []);
    expect(attestations).toHaveLength(2);
    for (const a of attestations) expectVerified(await verify(`${repository}@${a.digest}`, { trustedRoot }));

    // Each leg lists its own platform manifest; the assembling leg also lists the index and the attestation manifests.
    const all = { ...signaturesOf(amd64), ...signaturesOf(arm64) };
    expect(Object.keys(all).sort()).toEqual(
      [digest, ...platforms.map((p) => p.digest), ...attestations.map((a) => a.digest)].map((d) => `${repository}@${d}`).sort(),
    );
    const assembled = [amd64, arm64].filter((r) => r.outputs.digest === digest);
    expect(assembled.length).toBeGreaterThanOrEqual(1);
    const assembler = signaturesOf(assembled[0] as RunResult);
    expect(assembler[`${repository}@${digest}`]?.provenance).toMatch(new RegExp(`^${repository}@sha256:`));
    for (const a of attestations)
      expect(assembler[`${repository}@${a.digest}`]?.attests).toBe(`${repository}@${a.annotations?.['vnd.docker.reference.digest']}`);
  });
});

// Keep the directory helpers honest: a scan must find what is there.
describe('the leak scan', () => {
  it('finds a needle in a nested file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiln-leak-scan-'));
    try {
      mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(path.join(dir, 'a', 'b', 'f'), 'x-needle-x');
      expect(filesContaining(dir, 'needle')).toEqual([path.join(dir, 'a', 'b', 'f')]);
      expect(filesContaining(dir, 'absent')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
