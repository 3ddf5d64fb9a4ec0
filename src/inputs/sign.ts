// `sign`, `signing-config` and `trusted-root`: whether the pushed image is signed and attested,
// and against which Sigstore. The two files are read and checked here, with the other inputs, so
// a wrong path or a file of another kind fails the step before anything is built.
import { InputError } from './errors.js';
import type { InputSource } from './source.js';

export const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';
export const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';

/** One service of a SigningConfig, as Kiln uses it. */
export interface SigstoreService {
  url: string;
  majorApiVersion: number;
  /** validFor.start, ms since the epoch (0 when absent): the newest valid service is used. */
  start: number;
  /** validFor.end, ms since the epoch, when the service is retired. */
  end?: number;
}

export interface SigningConfigFile {
  path: string;
  caUrls: SigstoreService[];
  rekorTlogUrls: SigstoreService[];
  tsaUrls: SigstoreService[];
  /** The file's JSON as given (for @sigstore/sign's own reader, should it be needed). */
  json: Record<string, unknown>;
}

export interface TrustedRootFile {
  path: string;
  /** The file's JSON, read again by @sigstore/protobuf-specs where it is used. */
  json: Record<string, unknown>;
}

export interface SignInputs {
  mode: 'auto' | 'true' | 'false';
  signingConfig?: SigningConfigFile;
  trustedRoot?: TrustedRootFile;
}

const SIGN_ACCEPTED = 'use auto (sign when the job can get an OIDC token: permissions id-token: write), true (signing must succeed) or false';

/** Reads the signing inputs, adding every mistake to `errors`. */
export function readSign(source: Pick<InputSource, 'get' | 'readFile'>, errors: InputError[]): SignInputs {
  const raw = source.get('sign').trim();
  const word = raw === '' ? 'auto' : raw.toLowerCase();
  let mode: SignInputs['mode'] = 'auto';
  if (word === 'auto' || word === 'true' || word === 'false') mode = word;
  else errors.push(new InputError('sign', raw, SIGN_ACCEPTED));

  const configPath = source.get('signing-config').trim();
  const rootPath = source.get('trusted-root').trim();
  const signingConfig = configPath === '' ? undefined : readSigningConfig(configPath, jsonFile(source, 'signing-config', configPath, errors), errors);
  const trustedRoot = rootPath === '' ? undefined : readTrustedRoot(rootPath, jsonFile(source, 'trusted-root', rootPath, errors), errors);
  // A private deployment's trusted root is not in any TUF repository Kiln knows of.
  if (configPath !== '' && rootPath === '' && mode !== 'false')
    errors.push(
      new InputError(
        'signing-config',
        configPath,
        "a signing-config needs trusted-root too: give the path of that instance's TrustedRoot JSON (cosign's --trusted-root)",
      ),
    );
  return { mode, ...(signingConfig ? { signingConfig } : {}), ...(trustedRoot ? { trustedRoot } : {}) };
}

type Named = 'signing-config' | 'trusted-root';

/** The file's JSON object, or undefined with the error recorded. */
function jsonFile(source: Pick<InputSource, 'readFile'>, name: Named, path: string, errors: InputError[]): Record<string, unknown> | undefined {
  const what = name === 'signing-config' ? 'a Sigstore SigningConfig' : 'a Sigstore TrustedRoot';
  const text = source.readFile?.(path);
  if (text === undefined) {
    errors.push(new InputError(name, path, `the file cannot be read: give the path of ${what} JSON file`));
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) return parsed;
  } catch {
    // Reported below.
  }
  errors.push(new InputError(name, path, `the file is not a JSON object: give the path of ${what} JSON file`));
  return undefined;
}

function readSigningConfig(path: string, json: Record<string, unknown> | undefined, errors: InputError[]): SigningConfigFile | undefined {
  if (!json) return undefined;
  const read = signingConfigOf(json);
  if (typeof read !== 'string') return { path, ...read, json };
  errors.push(
    new InputError(
      'signing-config',
      path,
      `${read}; a SigningConfig has mediaType ${SIGNING_CONFIG_MEDIA_TYPE} and caUrls, rekorTlogUrls, tsaUrls (cosign's --signing-config)`,
    ),
  );
  return undefined;
}

/** The services a SigningConfig names, or what is wrong with it. */
function signingConfigOf(json: Record<string, unknown>): Pick<SigningConfigFile, 'caUrls' | 'rekorTlogUrls' | 'tsaUrls'> | string {
  if (json.mediaType !== SIGNING_CONFIG_MEDIA_TYPE) return `its mediaType is ${JSON.stringify(json.mediaType ?? null)}`;
  const caUrls = services(json.caUrls);
  const rekorTlogUrls = services(json.rekorTlogUrls ?? []);
  const tsaUrls = services(json.tsaUrls ?? []);
  if (!caUrls) return 'caUrls is not a list of { url, majorApiVersion }';
  if (!rekorTlogUrls) return 'rekorTlogUrls is not a list of { url, majorApiVersion }';
  if (!tsaUrls) return 'tsaUrls is not a list of { url, majorApiVersion }';
  if (caUrls.length === 0) return 'caUrls names no certificate authority (Fulcio)';
  if (rekorTlogUrls.length === 0 && tsaUrls.length === 0) return 'it names neither a transparency log (rekorTlogUrls) nor a timestamp authority (tsaUrls)';
  return { caUrls, rekorTlogUrls, tsaUrls };
}

function services(value: unknown): SigstoreService[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: SigstoreService[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item.url !== 'string' || !/^https?:\/\//.test(item.url)) return undefined;
    const major = item.majorApiVersion ?? 1;
    if (typeof major !== 'number') return undefined;
    const validFor = isObject(item.validFor) ? item.validFor : {};
    const start = typeof validFor.start === 'string' ? Date.parse(validFor.start) : 0;
    const end = typeof validFor.end === 'string' ? Date.parse(validFor.end) : undefined;
    out.push({ url: item.url, majorApiVersion: major, start: Number.isNaN(start) ? 0 : start, ...(end !== undefined && !Number.isNaN(end) ? { end } : {}) });
  }
  return out;
}

function readTrustedRoot(path: string, json: Record<string, unknown> | undefined, errors: InputError[]): TrustedRootFile | undefined {
  if (!json) return undefined;
  const problem =
    json.mediaType !== TRUSTED_ROOT_MEDIA_TYPE
      ? `its mediaType is ${JSON.stringify(json.mediaType ?? null)}`
      : !Array.isArray(json.certificateAuthorities) || json.certificateAuthorities.length === 0
        ? 'it lists no certificateAuthorities'
        : undefined;
  if (problem === undefined) return { path, json };
  errors.push(
    new InputError(
      'trusted-root',
      path,
      `${problem}; a TrustedRoot has mediaType ${TRUSTED_ROOT_MEDIA_TYPE} and certificateAuthorities (cosign's --trusted-root)`,
    ),
  );
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
