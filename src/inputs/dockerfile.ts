// A Dockerfile as plain data: its stages and their FROM images with ARGs expanded, what each
// stage builds on or copies from, and its RUN cache mounts. The target check, the base images
// (registry logins, a builder's network) and the cache mounts all plan from this one value.
// Loaded lazily, with dockerfile-ast, only by the steps that need one of those.
import { DockerfileParser, type ModifiableInstruction } from 'dockerfile-ast';
import { parseAttributes } from './lists.js';

export interface DockerfileStage {
  index: number;
  /** `AS name`, lower-cased. */
  name?: string;
  /** The FROM image with ARGs expanded: an image reference or a stage's name. */
  from: string;
  /** The FROM line (0-based). */
  line: number;
  /** The stage `from` names (by name or index), when it builds on one. */
  parent?: number;
  /** The stages it needs: its parent, and those its instructions copy or mount from (`--from`, `from=`). */
  needs: number[];
}

/** A `RUN --mount=type=cache,…` flag. */
export interface DockerfileCacheMount {
  stage: number;
  /** The RUN line (0-based). */
  line: number;
  /** The mount's attributes with ARGs expanded, keys lower-cased (type, id, target, sharing, uid…). */
  attrs: Record<string, string>;
}

export interface Dockerfile {
  stages: DockerfileStage[];
  /** In file order. */
  cacheMounts: DockerfileCacheMount[];
}

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

/** The Dockerfile `text` as plain data, its FROM lines and flags expanded with the global ARGs and `buildArgs` over them. */
// Parsed on every call, no tree kept between calls: a step parses its Dockerfile once at set-up
// (setup/apply-setup.ts), and a second time at read time only when `target` is set.
export function parseDockerfile(text: string, buildArgs: Record<string, string>): Dockerfile {
  const parsed = DockerfileParser.parse(text);
  const args: Record<string, string> = {};
  // Global ARGs (before the first FROM) give FROM lines and flags their defaults; build-args win.
  const firstFrom = parsed.getFROMs()[0]?.getRange().start.line ?? Infinity;
  for (const arg of parsed.getARGs()) {
    const property = arg.getProperty();
    if (arg.getRange().start.line < firstFrom && property?.getName()) args[property.getName()] = property.getValue() ?? '';
  }
  Object.assign(args, buildArgs);

  const stages: DockerfileStage[] = parsed.getFROMs().map((from, index) => ({
    index,
    name: from.getBuildStage()?.toLowerCase(),
    from: substitute(from.getImage() ?? '', args),
    line: from.getRange().start.line,
    needs: [],
  }));
  const stageOf = (ref: string) => stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref)?.index;
  const needs = new Map<number, Set<number>>();
  for (const stage of stages) {
    stage.parent = stageOf(stage.from);
    needs.set(stage.index, new Set(stage.parent === undefined ? [] : [stage.parent]));
  }

  const cacheMounts: DockerfileCacheMount[] = [];
  const inStage = (line: number) => [...stages].reverse().find((s) => s.line <= line);
  for (const instruction of parsed.getInstructions()) {
    const line = instruction.getRange().start.line;
    const stage = inStage(line);
    if (!stage) continue;
    const deps = needs.get(stage.index) ?? new Set<number>();
    const flags = 'getFlags' in instruction ? (instruction as ModifiableInstruction).getFlags() : [];
    for (const flag of flags) {
      const value = substitute(flag.getValue() ?? '', args);
      const name = flag.getName();
      if (name === 'from') {
        const from = stageOf(value);
        if (from !== undefined) deps.add(from);
      }
      if (name !== 'mount') continue;
      const attrs = parseAttributes(value);
      if (attrs.from) {
        const from = stageOf(attrs.from);
        if (from !== undefined) deps.add(from);
      }
      if (instruction.getKeyword() === 'RUN' && attrs.type === 'cache') cacheMounts.push({ stage: stage.index, line, attrs });
    }
  }
  for (const stage of stages) stage.needs = [...(needs.get(stage.index) ?? [])];
  return { stages, cacheMounts };
}
