// What the build log says about each step and each build check: the facts the plan's cache-miss
// and fingerprint logic and the report read (src/build/log.ts parses them).

/** One vertex of buildx's plain progress log (`#N ...`). */
export interface BuildStep {
  /** The `#N` vertex number. */
  id: number;
  /** As BuildKit titles it: `[linux/arm64 base 2/3] RUN make`, `[internal] load build definition from Dockerfile`. */
  name: string;
  /** The Dockerfile instruction (`RUN make`), when the name counts steps (`[stage n/m]`). */
  instruction?: string;
  /** The stage's name (`base`); undefined for a build's only stage, which BuildKit leaves unnamed. */
  stage?: string;
  /** `linux/arm64` when the name carries one (multi-platform builds); `linux/amd64->arm64` when cross-compiling. */
  platform?: string;
  /** The log said `#N CACHED`. */
  cached: boolean;
  /**
   * From `#N DONE 1.2s`. A failed step's `#N ERROR:` line carries no time: its seconds are those
   * of its last output line (a lower bound), if it printed any.
   */
  seconds?: number;
  /** The `#N ERROR: ...` message. */
  error?: string;
  /** The step's own output (`#N 0.123 text`), timestamps removed: its last 20 lines at most. */
  output: string[];
  /**
   * A cache export's `writing layer sha256:… done` statuses, one per blob: BuildKit prints one
   * only for a blob it uploaded (the gha backend asks first and skips a blob the cache holds).
   */
  layersWritten?: number;
  /** Those blobs' digests (`sha256:…`), in log order; the one whose upload failed is not among them. */
  blobsWritten?: string[];
}

/** A Dockerfile build-check warning (`#N WARN: Rule: message (line n)`). */
export interface BuildCheck {
  rule: string;
  message: string;
  /** The Dockerfile, as BuildKit names it (relative to the context). */
  file?: string;
  line?: number;
  /** The rule's documentation page. */
  url: string;
}
