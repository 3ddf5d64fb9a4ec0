/**
 * A secret and each line of it, as given, without the blank ones. The runner masks a registered
 * value only as a whole while it shows output line by line, so a multi-line secret (a PEM key)
 * must be masked line by line too, or its lines show up unmasked.
 */
export function maskPieces(secret: string): string[] {
  return [...new Set([secret, ...secret.split(/\r?\n/)])].filter((piece) => piece.trim() !== '');
}
