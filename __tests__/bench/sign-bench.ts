// Kiln's own signing work, without the services' round trips. Bundled with ncc and run by
// scripts/bench-sign.mjs. The parent serves loopback doubles that answer at once (Sigstore, the
// token endpoint and GitHub's attestations API from the e2e support; a registry that keeps
// manifests and blobs in memory), then starts one fresh Node process per round, as each step is
// one: the round loads the signing chunk (lazily, as the action does) and signs a two-platform
// push (the index, two platform manifests, its attestation manifest, the provenance: five bundles, one certificate), then
// times the pure parts alone: key generation, statements, DSSE bundles, verification, referrer
// manifests. It prints one JSON line per round; the script reports medians.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign as signBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Bundle } from '@sigstore/bundle';
import { InputError } from '../../src/inputs/errors.js';
import type { Platform } from '../../src/inputs/platforms.js';
import { readSign } from '../../src/inputs/sign.js';
import type { ImageManifest } from '../../src/report/manifest.js';
import { sha256Digest } from '../../src/report/manifest.js';
import type { SignRequest } from '../../src/sign/after-push.js';
import { type SigstoreDoubles, startSigstore, TEST_REPOSITORY, TEST_WORKFLOW_REF, TOKEN_ISSUER, TOKEN_SUBJECT } from '../e2e/support/sigstore.js';
import { startTufRepo, type TufRepoDouble } from '../e2e/support/tuf-repo.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Setup {
  registry: string;
  signingConfig: string;
  trustedRoot: string;
  env: Record<string, string>;
  index: ImageManifest;
  /** The TUF repository double serving the same trusted root: its URL and its 1.root.json (base64), the client's seed. */
  tuf: { url: string; root: string };
}

export interface Round {
  /** Loading the signing chunk (sigstore-js and Kiln's signing modules): wall time. */
  importMs: number;
  /** signStep: token, certificate, five bundles, verification, attaching, the attestations API: wall time. */
  signMs: number;
  /** CPU time (user + system) this process spent loading and signing: Kiln's own work, waits on the doubles left out. */
  cpuMs: number;
  /** The monotonic clock (µs, as --cpu-prof's timestamps) around loading and signing: where a profile's samples count. */
  windowUs: [number, number];
  /** The trusted root from the TUF double (a step without `trusted-root`): loading the TUF client, refresh, the target: wall time. */
  tufMs: number;
  /** CPU of that alone, in the same process after signStep: what the default path adds to `cpuMs`. */
  tufCpuMs: number;
  /** Whether undici (`fetch`) was loaded by the time the trusted root was read. */
  undiciLoaded: boolean;
  keyMs: number;
  statementsMs: number;
  bundlesMs: number;
  verifyMs: number;
  referrersMs: number;
}

// ---------------------------------------------------------------------------------------------
// The registry double: what a signing step asks of a registry, answered from memory at once.

function registryDouble(): Promise<{ server: Server; host: string; put: (name: string, ref: string, body: Buffer, type: string) => void }> {
  const manifests = new Map<string, { body: Buffer; type: string }>();
  const blobs = new Map<string, Buffer>();
  const put = (name: string, ref: string, body: Buffer, type: string) => {
    manifests.set(`${name}@${ref}`, { body, type });
    manifests.set(`${name}@${sha256Digest(body)}`, { body, type });
  };
  const handle = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://registry');
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname.endsWith('/blobs/uploads/')) {
      res.writeHead(202, { Location: `${url.pathname}${randomUUID()}` }).end();
      return;
    }
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, name = '', kind, ref = ''] = m;
    if (kind === 'blobs' && req.method === 'PUT') {
      blobs.set(url.searchParams.get('digest') ?? '', body);
      res.writeHead(201).end();
    } else if (kind === 'blobs') {
      const blob = blobs.get(ref);
      if (!blob) res.writeHead(404).end();
      else res.writeHead(200, { 'Content-Length': blob.length }).end(req.method === 'HEAD' ? undefined : blob);
    } else if (req.method === 'PUT') {
      put(name, ref, body, req.headers['content-type'] ?? OCI_MANIFEST);
      res.writeHead(201, { 'Docker-Content-Digest': sha256Digest(body) }).end();
    } else {
      const found = manifests.get(`${name}@${ref}`);
      if (!found) res.writeHead(404).end();
      else res.writeHead(200, { 'Content-Type': found.type, 'Content-Length': found.body.length }).end(req.method === 'HEAD' ? undefined : found.body);
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks), res);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, put });
    });
  });
}

/** A two-platform index as BuildKit pushes it: two images and their attestation manifest. */
function pushedIndex(put: (name: string, ref: string, body: Buffer, type: string) => void): ImageManifest {
  const platform = (arch: string) => {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { digest: `sha256:${arch.padEnd(64, '0')}` }, layers: [] }));
    put('bench/app', sha256Digest(body), body, OCI_MANIFEST);
    return { digest: sha256Digest(body), size: body.length };
  };
  const amd64 = platform('a');
  const arm64 = platform('b');
  const attestation = platform('c');
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, ...amd64, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, ...arm64, platform: { os: 'linux', architecture: 'arm64' } },
        { mediaType: OCI_MANIFEST, ...attestation, platform: { os: 'unknown', architecture: 'unknown' } },
      ],
    }),
  );
  put('bench/app', 'v1', index, OCI_INDEX);
  const entry = (p: string, d: { digest: string; size: number }, attestation: boolean) => ({ platform: p, ...d, mediaType: OCI_MANIFEST, attestation });
  return {
    digest: sha256Digest(index),
    mediaType: OCI_INDEX,
    entries: [entry('linux/amd64', amd64, false), entry('linux/arm64', arm64, false), entry('unknown/unknown', attestation, true)],
  };
}

// ---------------------------------------------------------------------------------------------
// One round, in a fresh process.

const METADATA = JSON.stringify({
  'buildx.build.provenance/linux/amd64': {
    materials: [{ uri: 'pkg:docker/busybox@1.36?platform=linux%2Famd64', digest: { sha256: 'f'.repeat(64) } }],
  },
  'buildx.build.provenance/linux/arm64': {
    materials: [{ uri: 'pkg:docker/busybox@1.36?platform=linux%2Farm64', digest: { sha256: 'e'.repeat(64) } }],
  },
});

function request(setup: Setup, tempDir: string, outputs: Record<string, string>): SignRequest {
  const errors: InputError[] = [];
  const files: Record<string, string> = {
    [setup.signingConfig]: readFileSync(setup.signingConfig, 'utf8'),
    [setup.trustedRoot]: readFileSync(setup.trustedRoot, 'utf8'),
  };
  const values: Record<string, string> = { sign: 'true', 'signing-config': setup.signingConfig, 'trusted-root': setup.trustedRoot };
  const sign = readSign({ get: (n) => values[n] ?? '', readFile: (p) => files[p] }, errors);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  const ref = `${setup.registry}/bench/app:v1`;
  const quiet = () => undefined;
  return {
    inputs: {
      sign,
      summary: true,
      githubToken: 'ghs_bench',
      file: 'Dockerfile',
      target: '',
      platforms: ['linux/amd64', 'linux/arm64'] as Platform[],
      buildArgs: ['GREETING=hello'],
      buildArgValues: { GREETING: 'hello' },
      buildContexts: [],
      labels: [],
      tags: [ref],
      secrets: [],
      ssh: [],
      noCache: false,
      pull: false,
    },
    ctx: {
      serverUrl: 'https://github.com',
      repository: TEST_REPOSITORY,
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      eventName: 'push',
      runId: '1',
      runAttempt: '1',
      workspace: tempDir,
      runnerTemp: tempDir,
      action: '__bench',
      payload: { repository: { full_name: TEST_REPOSITORY, visibility: 'public' } },
    },
    env: { ...setup.env, GITHUB_WORKFLOW_REF: TEST_WORKFLOW_REF, DOCKER_CONFIG: tempDir },
    io: {
      setOutput: (name: string, value: string) => {
        outputs[name] = value;
      },
      appendSummary: quiet,
      info: quiet,
      notice: quiet,
      warning: (m: string) => {
        outputs.warning = m;
      },
      error: (m: string) => {
        outputs.error = m;
      },
      setSecret: quiet,
    },
    pushed: [ref],
    images: [{ manifest: setup.index, digest: setup.index.digest, which: { top: true, platforms: true } }],
    metadataText: METADATA,
    context: '.',
    masks: [],
    tempDir,
  };
}

async function round(setup: Setup): Promise<Round> {
  const tempDir = mkdtempSync(path.join(tmpdir(), 'kiln-bench-sign-'));
  try {
    const outputs: Record<string, string> = {};
    const req = request(setup, tempDir, outputs);
    const from = Number(process.hrtime.bigint() / 1000n);
    const cpu = process.cpuUsage();
    let t = performance.now();
    const [step, plan, sigstore] = await Promise.all([
      import('../../src/sign/step.js'),
      import('../../src/plan/sign.js'),
      import('../../src/sign/sigstore.js'),
    ]);
    const importMs = performance.now() - t;

    t = performance.now();
    await step.signStep(req);
    const signMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const windowUs: [number, number] = [from, Number(process.hrtime.bigint() / 1000n)];
    if (!outputs.signatures || outputs.error || outputs.warning)
      throw new Error(`the round did not sign: ${outputs.error ?? outputs.warning ?? 'no signatures output'}`);
    const signed = JSON.parse(outputs.signatures) as Record<string, { signature: string; provenance?: string }>;

    // The default path (no `trusted-root`) reads the trusted root from the instance's TUF
    // repository: timed here, before anything of the round's own loads undici (`fetch` below).
    const tufCpu = process.cpuUsage();
    t = performance.now();
    const [{ trustedRootFromTuf }, { deadline }] = await Promise.all([import('../../src/sign/tuf.js'), import('../../src/sign/deadline.js')]);
    const fromTuf = await trustedRootFromTuf(setup.tuf.url, { root: Buffer.from(setup.tuf.root, 'base64') }, tempDir, deadline(30_000));
    const tufMs = performance.now() - t;
    const tufUsed = process.cpuUsage(tufCpu);
    const tufCpuMs = (tufUsed.user + tufUsed.system) / 1000;
    // Node's own undici shows in its list of loaded internals once `fetch` was first used.
    const undiciLoaded = (process as unknown as { moduleLoadList: string[] }).moduleLoadList.some((m) => m.includes('undici'));
    if (fromTuf.tlogs.length === 0 || fromTuf.certificateAuthorities.length === 0) throw new Error('the trusted root from the TUF double is empty');

    // The pure parts alone, with what the round just used (sigstore-js is loaded by now: these
    // imports cost nothing more, and were not loaded before signStep).
    const [{ bundleFromJSON }, { TrustedRoot }, { DSSEBundleBuilder }] = await Promise.all([
      import('@sigstore/bundle'),
      import('@sigstore/protobuf-specs'),
      import('@sigstore/sign/dist/bundler/dsse.js'),
    ]);
    t = performance.now();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyMs = performance.now() - t;

    t = performance.now();
    const digests = [setup.index.digest, ...setup.index.entries.map((e) => e.digest)];
    const build = plan.buildParameters({ ...req.inputs }, req.context, req.masks);
    const statements = [
      ...digests.map((d) => plan.cosignSignStatement(d)),
      plan.provenanceStatement({
        subjects: [{ name: `${setup.registry}/bench/app`, digest: setup.index.digest }],
        ctx: req.ctx,
        workflowRef: TEST_WORKFLOW_REF,
        claims: {},
        build,
        materials: plan.materialsOf(METADATA),
      }),
    ];
    const payloads = statements.map((s) => Buffer.from(JSON.stringify(s)));
    const statementsMs = performance.now() - t;

    // DSSE bundles without witnesses: PAE, the ECDSA signature, the bundle's JSON.
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const builder = new DSSEBundleBuilder({
      signer: { sign: (data) => Promise.resolve({ signature: signBytes('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: pem } }) },
      witnesses: [],
    });
    t = performance.now();
    for (const data of payloads) sigstore.bundleJson(await builder.create({ data, type: plan.IN_TOTO_PAYLOAD_TYPE }));
    const bundlesMs = performance.now() - t;

    // Verification of the five bundles the round attached, read back from the registry double.
    const bundles: Bundle[] = [];
    for (const where of Object.values(signed).flatMap((s) => [s.signature, ...(s.provenance ? [s.provenance] : [])])) {
      const [repo = '', digest = ''] = where.split('@');
      const name = repo.replace(/^[^/]+\//, '');
      const manifest = (await (await fetch(`http://${setup.registry}/v2/${name}/manifests/${digest}`)).json()) as { layers: { digest: string }[] };
      const blob = await (await fetch(`http://${setup.registry}/v2/${name}/blobs/${manifest.layers[0]?.digest ?? ''}`)).json();
      bundles.push(bundleFromJSON(blob));
    }
    const unique = [...new Map(bundles.map((b) => [JSON.stringify(b.content), b])).values()];
    const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(setup.trustedRoot, 'utf8')));
    const instance = plan.chooseInstance(req.ctx.payload, req.inputs.sign.signingConfig, Date.now());
    t = performance.now();
    const verify = sigstore.bundleVerifier(instance, root, { san: TOKEN_SUBJECT, issuer: TOKEN_ISSUER });
    for (const b of unique) verify(b);
    const verifyMs = performance.now() - t;
    if (unique.length !== 5) throw new Error(`expected 5 bundles (4 signatures, 1 provenance), read ${unique.length}`);

    t = performance.now();
    const subject = { mediaType: OCI_INDEX, digest: setup.index.digest, size: 500 };
    const entries = payloads.map((p) => {
      const manifest = plan.referrerManifest(
        { mediaType: plan.BUNDLE_MEDIA_TYPE, digest: sha256Digest(p), size: p.length },
        plan.COSIGN_SIGN_PREDICATE,
        subject,
      );
      const bytes = Buffer.from(JSON.stringify(manifest));
      return { mediaType: OCI_MANIFEST, digest: sha256Digest(bytes), size: bytes.length, artifactType: plan.BUNDLE_MEDIA_TYPE };
    });
    JSON.stringify(plan.referrersIndex(undefined, entries));
    const referrersMs = performance.now() - t;

    return { importMs, signMs, cpuMs, windowUs, tufMs, tufCpuMs, undiciLoaded, keyMs, statementsMs, bundlesMs, verifyMs, referrersMs };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The parent: doubles up, one child per round.

function runChild(setup: Setup): Promise<Round> {
  return new Promise((resolve, reject) => {
    // Not execFileSync: the doubles answer from this process's event loop.
    execFile(
      process.execPath,
      // KILN_BENCH_CHILD_ARGS: Node flags for the rounds only (--cpu-prof --cpu-prof-dir=DIR to see where the time goes).
      [...(process.env.KILN_BENCH_CHILD_ARGS ?? '').split(' ').filter(Boolean), process.argv[1] ?? '', 'round'],
      { env: { ...process.env, KILN_BENCH_SIGN: JSON.stringify(setup) }, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`a round failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Round);
      },
    );
  });
}

async function parent(rounds: number): Promise<void> {
  let doubles: SigstoreDoubles | undefined;
  let tuf: TufRepoDouble | undefined;
  const registry = await registryDouble();
  try {
    doubles = await startSigstore();
    tuf = await startTufRepo(readFileSync(doubles.trustedRoot));
    const setup: Setup = {
      registry: registry.host,
      signingConfig: doubles.signingConfig,
      trustedRoot: doubles.trustedRoot,
      env: doubles.env(),
      index: pushedIndex(registry.put),
      tuf: { url: tuf.url, root: tuf.root.toString('base64') },
    };
    for (let i = 0; i < rounds; i++) process.stdout.write(`${JSON.stringify(await runChild(setup))}\n`);
  } finally {
    await doubles?.close();
    await tuf?.close();
    registry.server.close();
  }
}

if (process.argv[2] === 'round') {
  const setup = JSON.parse(process.env.KILN_BENCH_SIGN ?? '{}') as Setup;
  round(setup).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  parent(Number(process.argv[2] ?? '9')).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
