import { createHash } from 'node:crypto';
import type { Dockerfile, DockerfileStage } from '../inputs/dockerfile.js';
import { stageNamed } from './dockerfile-stages.js';

/** A `RUN --mount=type=cache` of a stage the build needs. */
export interface CacheMount {
  /** BuildKit's cache id: `id=`, else the target path. */
  id: string;
  target: string;
  /** Options the mount must be recreated with (sharing, uid, gid, mode). */
  options: Record<string, string>;
  /** The image the stage builds on: it has the shell the stage's RUN uses, and the build pulls it anyway. */
  base: string;
  /** A short, path-safe name for the mount's files. */
  key: string;
}

/**
 * The cache mounts of the stages the build needs (the target, or the last stage, and every stage
 * it copies or mounts from), each with the base image its stage builds on. `only` keeps the
 * mounts whose target is listed (the `cache-mounts` input).
 */
export function cacheMountsOf(dockerfile: Dockerfile, target: string, only?: string[]): CacheMount[] {
  const { stages } = dockerfile;
  const baseOf = (stage: DockerfileStage, seen = new Set<number>()): string => {
    const parent = stage.parent === undefined ? undefined : stages[stage.parent];
    if (!parent || seen.has(parent.index)) return stage.from;
    seen.add(parent.index);
    return baseOf(parent, seen);
  };

  const root = target ? stageNamed(dockerfile, target) : stages.at(-1);
  if (!root) return [];
  const needed = new Set<number>();
  const visit = (index: number) => {
    if (needed.has(index)) return;
    needed.add(index);
    for (const dep of stages[index]?.needs ?? []) visit(dep);
  };
  visit(root.index);

  const found = new Map<string, CacheMount>();
  for (const stage of stages.filter((s) => needed.has(s.index))) {
    for (const { attrs } of dockerfile.cacheMounts.filter((m) => m.stage === stage.index)) {
      const mountTarget = attrs.target ?? attrs.dst ?? attrs.destination;
      if (!mountTarget) continue;
      const id = attrs.id ?? mountTarget;
      if (only && !only.includes(mountTarget)) continue;
      if (found.has(id)) continue;
      const options = Object.fromEntries(Object.entries(attrs).filter(([k]) => ['sharing', 'uid', 'gid', 'mode'].includes(k)));
      found.set(id, { id, target: mountTarget, options, base: baseOf(stage), key: createHash('sha256').update(id).digest('hex').slice(0, 12) });
    }
  }
  return [...found.values()];
}

const mountFlag = (m: CacheMount) => ['type=cache', `id=${m.id}`, `target=${m.target}`, ...Object.entries(m.options).map(([k, v]) => `${k}=${v}`)].join(',');

/**
 * A Dockerfile that copies the restored files (the build context, one folder per mount) into
 * BuildKit's cache mounts. KILN_NONCE keeps its RUN from being served from cache.
 */
export function injectDockerfile(mounts: CacheMount[]): string {
  const stages = mounts.map(
    (m, i) =>
      `FROM ${m.base} AS kiln-inject-${i}\nARG KILN_NONCE\n` +
      `RUN --mount=${mountFlag(m)} --mount=type=bind,source=${m.key},target=/kiln-restored \\\n` +
      `    echo "$KILN_NONCE" > /dev/null && cp -a /kiln-restored/. ${m.target}/ && mkdir -p /kiln-done && touch /kiln-done/${m.key}\n`,
  );
  // Only the last stage is built: it depends on every injecting stage.
  const copies = mounts.map((_, i) => `COPY --from=kiln-inject-${i} /kiln-done/ /\n`);
  return `${stages.join('\n')}\nFROM scratch\n${copies.join('')}`;
}

/** A Dockerfile whose output is each cache mount's contents, one folder per mount. */
export function extractDockerfile(mounts: CacheMount[]): string {
  const stages = mounts.map(
    (m, i) =>
      `FROM ${m.base} AS kiln-extract-${i}\nARG KILN_NONCE\n` +
      `RUN --mount=${mountFlag(m)} echo "$KILN_NONCE" > /dev/null && mkdir -p /kiln-out/${m.key} && cp -a ${m.target}/. /kiln-out/${m.key}/\n`,
  );
  const copies = mounts.map((_, i) => `COPY --from=kiln-extract-${i} /kiln-out/ /\n`);
  return `${stages.join('\n')}\nFROM scratch\n${copies.join('')}`;
}
