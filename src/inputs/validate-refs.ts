// The image-reference grammar of github.com/distribution/reference (regexp.go), which buildx
// applies to every --tag; built from the same named parts so it can be read against the source.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6address})${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digest}))?$`);
const TAG = new RegExp(`^${tag}$`);
const NAME = new RegExp(`^${namePat}$`);

// go-digest's registered algorithms and the length of their lower-case hex encoding.
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const FORM = 'an image reference is [registry[:port]/]name[:tag][@digest], e.g. ghcr.io/owner/app:1.2, localhost:5000/app or app@sha256:<64 hex digits>';

/** The registry part as Docker's splitDockerDomain sees it: localhost, or a first part with '.' or ':' or upper case. */
function splitDomain(ref: string): [string | undefined, string] {
  const slash = ref.indexOf('/');
  if (slash < 0) return [undefined, ref];
  const first = ref.slice(0, slash);
  const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  return isDomain ? [first, ref.slice(slash + 1)] : [undefined, ref];
}

/**
 * Undefined when buildx accepts `ref` as an image name to tag or push (the distribution
 * reference grammar, with ParseNormalizedNamed's lower-case rule and go-digest's algorithms);
 * otherwise what is wrong with it and what is accepted.
 */
export function checkImageRef(ref: string): string | undefined {
  const [domain, remainder] = splitDomain(ref);
  const at = remainder.indexOf('@');
  const beforeDigest = at < 0 ? remainder : remainder.slice(0, at);
  const colon = beforeDigest.indexOf(':');
  const repository = colon < 0 ? beforeDigest : beforeDigest.slice(0, colon);
  if (repository.toLowerCase() !== repository) {
    return `the repository name must be lower case (${repository} → ${repository.toLowerCase()}); ${FORM}`;
  }
  if (at >= 0) {
    const problem = checkDigest(remainder.slice(at + 1));
    if (problem) return `${problem}; ${FORM}`;
  }
  if (REFERENCE.test(domain === undefined ? remainder : `${domain}/${remainder}`)) return undefined;

  if (colon >= 0) {
    const tagPart = beforeDigest.slice(colon + 1);
    if (tagPart.includes(':')) return `it has more than one ':' after the name: a tag follows a single ':'; ${FORM}`;
    if (!TAG.test(tagPart)) {
      return `the tag "${tagPart}" is not a tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'; ${FORM}`;
    }
  }
  if (domain !== undefined && !new RegExp(`^${domainAndPort}$`).test(domain)) {
    return `"${domain}" is not a registry host[:port]; ${FORM}`;
  }
  if (!NAME.test(domain === undefined ? repository : `${domain}/${repository}`)) {
    return `the name "${repository}" is not valid: path parts of lower-case letters and digits, separated by '/', and inside a part by one '.', one or two '_', or '-'; ${FORM}`;
  }
  return FORM;
}

function checkDigest(value: string): string | undefined {
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon < 0 ? 0 : colon);
  const hex = value.slice(colon + 1);
  const length = DIGEST_HEX[algorithm];
  if (colon < 0 || length === undefined) return `the digest "${value}" does not name a supported algorithm (sha256, sha384 or sha512)`;
  if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) return `the digest "${value}" must be ${algorithm}: followed by ${length} lower-case hex digits`;
  return undefined;
}
