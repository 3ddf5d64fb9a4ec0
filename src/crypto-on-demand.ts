// node:crypto costs about 9 ms to load on Node 24 (its argon2 and key-object modules come with
// it), and a step needs it only after its build has started, if at all: the modules on the way to
// the build take it here, when first used, rather than by an import that loads it with the bundle.
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
