import { type Dockerfile, DockerfileParser } from 'dockerfile-ast';

/** Shell-style ARG expansion as BuildKit does it: $V, ${V}, ${V:-default}, ${V-default}, ${V:+alt}, ${V+alt}. */
export function substitute(text: string, args: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(:?[-+])([^}]*)\}|\$\{(\w+)\}|\$(\w+)/g, (whole, name?: string, op?: string, word?: string, braced?: string, bare?: string) => {
    if (name !== undefined && op !== undefined) {
      const value = args[name];
      const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
      return op.endsWith('-') ? (set ? (value ?? '') : (word ?? '')) : set ? (word ?? '') : '';
    }
    const key = braced ?? bare ?? '';
    return key in args ? (args[key] ?? '') : whole;
  });
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased. */
  name?: string;
  /** The FROM image with ARGs expanded: an image reference or an earlier stage's name. */
  from: string;
  /** The FROM line (0-based). */
  start: number;
}

export interface Stages {
  parsed: Dockerfile;
  stages: Stage[];
  /** The global ARGs' defaults with build-args over them: what FROM lines and flags expand with. */
  args: Record<string, string>;
  /** The stage a FROM, --from or mount `from` names (by name or index). */
  stageOf: (ref: string) => Stage | undefined;
  /** `text` with `args` substituted, as BuildKit expands instruction flags. */
  expand: (text: string) => string;
}

/** A Dockerfile's stages, their FROM lines expanded with the global ARGs and build-args. */
export function readStages(dockerfile: string, buildArgs: Record<string, string>): Stages {
  const parsed = DockerfileParser.parse(dockerfile);
  const args: Record<string, string> = {};
  // Global ARGs (before the first FROM) give FROM lines their defaults; build-args win.
  const firstFrom = parsed.getFROMs()[0]?.getRange().start.line ?? Infinity;
  for (const arg of parsed.getARGs()) {
    const property = arg.getProperty();
    if (arg.getRange().start.line < firstFrom && property?.getName()) args[property.getName()] = property.getValue() ?? '';
  }
  Object.assign(args, buildArgs);

  const stages = parsed.getFROMs().map((from, index) => ({
    index,
    name: from.getBuildStage()?.toLowerCase(),
    from: substitute(from.getImage() ?? '', args),
    start: from.getRange().start.line,
  }));
  const stageOf = (ref: string) => stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
  return { parsed, stages, args, stageOf, expand: (text) => substitute(text, args) };
}

/** The images the Dockerfile's stages build on (not earlier stages, not scratch). */
export function baseImages(dockerfile: string, buildArgs: Record<string, string>): string[] {
  const { stages, stageOf } = readStages(dockerfile, buildArgs);
  return [...new Set(stages.filter((s) => s.from !== '' && s.from.toLowerCase() !== 'scratch' && !stageOf(s.from)).map((s) => s.from))];
}
