import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TOKEN_ISSUER, TOKEN_SUBJECT } from './sigstore.js';

// The real cosign 3 (Debian forky's, scripts/engine.sh) as the judge of what a step signed: it
// finds the bundles in the registry by itself and checks them against the doubles' trusted root.

export interface CosignResult {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
  /** The command line, for failure messages. */
  command: string;
}

export interface VerifyOptions {
  trustedRoot: string;
  identity?: string;
  issuer?: string;
  /** `slsaprovenance1` etc.: runs `verify-attestation --type` instead of `verify`. */
  attestationType?: string;
  /** The instance had a timestamp authority and no transparency log (GitHub's private one). */
  timestampsOnly?: boolean;
  /** `user:password` for a registry with basic auth. */
  basic?: string;
}

/** The flags a private (TSA-only) instance needs on top of `--trusted-root` and the identity. */
export const TSA_ONLY_FLAGS = ['--use-signed-timestamps', '--insecure-ignore-tlog=true'];

const BASIC = 'KILN_TEST_BASIC';

export function cosign(args: string[], env: Record<string, string> = {}): Promise<CosignResult> {
  // cosign caches TUF metadata under $HOME; --trusted-root means it never needs it, and a
  // throwaway home keeps the runs from reading or leaving anything. Registry credentials go
  // into that home's Docker config, never on the command line.
  const home = mkdtempSync(path.join(tmpdir(), 'kiln-cosign-home-'));
  const { [BASIC]: basic, ...rest } = env;
  env = rest;
  if (basic) {
    const auth = { auth: Buffer.from(basic).toString('base64') };
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5001': auth, 'localhost:5001': auth } }));
  }
  return new Promise((resolve) => {
    execFile(
      'cosign',
      args,
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DOCKER_CONFIG: home, TUF_ROOT: path.join(home, 'tuf'), ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ ok: !err, code, stdout, stderr, command: ['cosign', ...args].join(' ') });
      },
    );
  });
}

/** `cosign verify` (or `verify-attestation --type …`) of `image@digest`, as the summary tells users to run it. */
export function verify(imageAtDigest: string, options: VerifyOptions): Promise<CosignResult> {
  const args = options.attestationType ? ['verify-attestation', '--type', options.attestationType] : ['verify'];
  args.push(
    '--trusted-root',
    options.trustedRoot,
    '--certificate-identity',
    options.identity ?? TOKEN_SUBJECT,
    '--certificate-oidc-issuer',
    options.issuer ?? TOKEN_ISSUER,
    ...(options.timestampsOnly ? TSA_ONLY_FLAGS : []),
  );
  args.push(imageAtDigest);
  return cosign(args, options.basic ? { [BASIC]: options.basic } : {});
}

/** Fails with cosign's own words, which say far more than "expected true". */
export function expectVerified(result: CosignResult): void {
  if (!result.ok) throw new Error(`${result.command}\nexited ${result.code}:\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-1000)}`);
}

// Why cosign 3.1 refuses, in its own words.
export const WRONG_IDENTITY = /no matching CertificateIdentity found.*expected SAN value/;
export const WRONG_ISSUER = /no matching CertificateIdentity found.*expected issuer value/;
export const NO_SIGNATURES = /no signatures found|no matching attestations/;
export const NO_TLOG_ENTRY = /not enough verified log entries from transparency log/;

/** A verification that must fail, and for the reason given (not a usage or network error). */
export function expectRejected(result: CosignResult, because: RegExp): void {
  if (result.ok) throw new Error(`${result.command}\nverified, but must not:\n${result.stdout.slice(-2000)}`);
  if (!because.test(result.stderr)) throw new Error(`${result.command}\nwas rejected, but not because of ${because}:\n${result.stderr.slice(-3000)}`);
}
