/** Where a build secret's value comes from; the value itself never reaches a command line. */
export type SecretSource =
  | { kind: 'inline'; value: string }
  | { kind: 'file'; path: string }
  | { kind: 'env'; name: string };

export interface Secret {
  id: string;
  /** The input it came from, for messages. */
  input: 'secrets' | 'secret-files' | 'secret-envs';
  source: SecretSource;
}

/** The step's inputs, parsed and validated once; nothing downstream reads raw inputs. */
export interface Inputs {
  addHosts: string[];
  allow: string[];
  annotations: string[];
  attests: string[];
  buildArgs: string[];
  buildContexts: string[];
  builder: string;
  cacheFrom: string[];
  cacheTo: string[];
  /** `--call` method with its options as given, '' for a plain build. */
  call: string;
  cgroupParent: string;
  /** As given: '' (Kiln chooses), 'git' (force the Git context), a path or a URL. */
  context: string;
  file: string;
  githubToken: string;
  labels: string[];
  load: boolean;
  network: string;
  noCache: boolean;
  noCacheFilters: string[];
  outputs: string[];
  platforms: string[];
  provenance: string;
  pull: boolean;
  push: boolean;
  sbom: string;
  secrets: Secret[];
  shmSize: string;
  ssh: string[];
  tags: string[];
  target: string;
  ulimit: string[];
}
