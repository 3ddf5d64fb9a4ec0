/**
 * The registry host an image reference names, as Docker reads it: the first path part when it
 * has a dot or a port or is localhost (`ghcr.io/o/app`, `localhost:5000/app`); none for Docker
 * Hub's short forms (`busybox`, `library/busybox`, `o/app`).
 */
export function registryHost(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  if (slash < 0) return undefined;
  const first = ref.slice(0, slash);
  return /[.:]/.test(first) || first.toLowerCase() === 'localhost' ? first : undefined;
}

/** The image an image reference names, registry host kept, without tag or digest (`ghcr.io/o/app:1` → `ghcr.io/o/app`). */
export function imageName(ref: string): string {
  return (ref.split('@')[0] ?? ref).replace(/:[^/:]+$/, '');
}

/** The repository an image reference names, without registry host, tag or digest. */
export function repositoryPath(ref: string): string {
  const repo = imageName(ref);
  return registryHost(repo) === undefined ? repo : repo.slice(repo.indexOf('/') + 1);
}
