/** A `target` input and the Dockerfile it must name a stage of. */
export interface TargetSource {
  /** The Dockerfile's path, for the message. */
  file: string;
  /** The `AS name` of every stage, lower-cased as BuildKit keeps them. */
  stages: string[];
  /** A `# syntax=` frontend other than BuildKit's Dockerfile one, which may read stages its own way. */
  otherFrontend: boolean;
}

/** Undefined when BuildKit finds the stage `target` names (case-insensitively, by name only). */
export function checkTarget(target: string, source: TargetSource | undefined): string | undefined {
  if (target === '' || source === undefined || source.otherFrontend) return undefined;
  if (source.stages.includes(target.toLowerCase())) return undefined;
  const named = source.stages.length > 0 ? `its named stages are ${source.stages.join(', ')}` : 'it has no named stage (name one with FROM … AS <name>)';
  return `${source.file} has no stage "${target}": ${named}; leave target empty to build the last stage`;
}

/** Whether a `# syntax=` directive picks a frontend other than docker/dockerfile. */
export function otherFrontend(dockerfile: string): boolean {
  for (const line of dockerfile.split(/\r?\n/)) {
    const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)/i.exec(line);
    if (!directive) return false;
    if (directive[1]?.toLowerCase() === 'syntax') return !/(^|\/)dockerfile(-upstream)?(:|@|$)/.test(directive[2] ?? '');
  }
  return false;
}
