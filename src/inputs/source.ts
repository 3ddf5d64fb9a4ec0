// What reading inputs may look at, apart from the inputs' types (inputs/types.ts re-exports
// them), so the modules that read one input each need not import the whole Inputs type.
import type { InputName } from '../names.js';
import type { TargetSource } from './validate-target.js';

/** The step's environment (or a test's plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What reading inputs may look at: the raw values, the environment, the file system. */
export interface InputSource {
  get(name: InputName): string;
  env: Env;
  fileExists(path: string): boolean;
  /** The Dockerfile's stages, when `target` is set and the context is on disk. */
  dockerfile?: TargetSource;
  /** An input untrimmed (secret values are byte-exact); `get` when absent. */
  raw?(name: InputName): string;
  /** A file's text, for masking secret files; see inputs/secrets.ts. */
  readFile?(path: string): string | undefined;
  /** The YAML parser, given only when `registry-auth` or `append` is set (it loads lazily). */
  parseYaml?: (text: string) => unknown;
}
