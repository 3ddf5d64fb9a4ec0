// A zip read back with a library (adm-zip, a devDependency) rather than the `unzip` program: the
// tests need no program the project does not install. getData() checks each entry's CRC-32, as
// `unzip -t` does, and throws on a mismatch.
import AdmZip from 'adm-zip';

/** The entries of a zip, in the order the archive lists them, each with its bytes. */
export function readZip(body: Buffer): { name: string; data: Buffer }[] {
  return new AdmZip(body).getEntries().map((entry) => ({ name: entry.entryName, data: entry.getData() }));
}
