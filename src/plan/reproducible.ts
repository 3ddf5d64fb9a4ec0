// Same commit, same image (`reproducible: true`): every timestamp the image carries comes from the
// commit's time. BuildKit takes it as SOURCE_DATE_EPOCH (config and history times), the image
// exporter's rewrite-timestamp clamps the files' times in the layers to it, and the created label
// says it too. Only the commit decides the bytes, so two runners push the same manifest.
import { type BuildxOption, optionFrom, typeOf, withFields } from '../inputs/buildx-option.js';
import { readLabel } from '../inputs/annotations.js';
import type { Inputs } from '../inputs/types.js';

export const CREATED_LABEL = 'org.opencontainers.image.created';

/** The commit's time in the event payload: a push's head_commit.timestamp (ISO 8601), as epoch seconds. */
export function epochFromPayload(payload: Record<string, unknown>): number | undefined {
  const head = payload.head_commit as { timestamp?: unknown } | null | undefined;
  if (typeof head?.timestamp !== 'string') return undefined;
  const ms = Date.parse(head.timestamp);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** `git log -1 --format=%ct`'s answer, if it is one. */
export function epochFromGitLog(stdout: string): number | undefined {
  const text = stdout.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The inputs with the commit's time: SOURCE_DATE_EPOCH as a build argument (unless the user gave
 * one) and the created label from the same time, replacing the one `images` wrote from the clock.
 */
export function withCommitTime(inputs: Inputs, epoch: number): Inputs {
  const given = inputs.buildArgs.some((a) => a.startsWith('SOURCE_DATE_EPOCH='));
  const created = new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z');
  return {
    ...inputs,
    buildArgs: given ? inputs.buildArgs : [...inputs.buildArgs, `SOURCE_DATE_EPOCH=${epoch}`],
    labels: [...inputs.labels.filter((l) => l.key !== CREATED_LABEL), readLabel(`${CREATED_LABEL}=${created}`)],
  };
}

const IMAGE_EXPORTERS = ['image', 'registry', 'oci', 'docker'];

/** An image-making output with rewrite-timestamp=true (unless it says otherwise); any other as given. */
export function rewritingTimestamps(output: BuildxOption): BuildxOption {
  if (!IMAGE_EXPORTERS.includes(typeOf(output)) || output.attrs['rewrite-timestamp'] !== undefined) return output;
  return withFields(output, { 'rewrite-timestamp': 'true' });
}

/** `push: true` spelt out as the image exporter it stands for, so it can take rewrite-timestamp. */
export function pushOutput(tags: string[]): BuildxOption {
  return optionFrom({ type: 'image', name: tags.join(','), push: 'true', 'rewrite-timestamp': 'true' });
}
