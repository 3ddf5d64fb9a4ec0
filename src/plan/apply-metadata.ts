import { InputError } from '../inputs/errors.js';
import { namesOf } from '../inputs/buildx-option.js';
import type { Inputs } from '../inputs/types.js';
import { type GitEvent, type Metadata, planMetadata, type ReadVersion, withMetadata } from './metadata.js';

export interface AppliedMetadata {
  /** The inputs the rest of the step uses: generated tags, merged labels, added annotations. */
  inputs: Inputs;
  /** Undefined without `images`. */
  metadata?: Metadata & { ruleOf: Record<string, string>; log: string };
  warnings: string[];
}

/**
 * Turns `images` and the tag rules into the build's tags, labels and annotations for this event.
 * Without `images` the inputs pass through unchanged, as build-push-action's would.
 */
export function applyMetadata(read: { inputs: Inputs; warnings: string[] }, event: GitEvent, now: Date, readVersion: ReadVersion): AppliedMetadata {
  const given = read.inputs;
  if (given.metadata.images.length === 0) return { inputs: given, warnings: read.warnings };

  // metadata-action's DOCKER_METADATA_PR_HEAD_SHA: a pull request's head commit rather than the merge commit.
  const head = (event.payload.pull_request as { head?: { sha?: unknown } } | undefined)?.head?.sha;
  const sha = given.metadata.prHeadSha && /pull_request/.test(event.eventName) && typeof head === 'string' ? head : event.sha;
  const metadata = planMetadata(given, { ...event, sha }, now, readVersion);
  const inputs = withMetadata(given, metadata);
  if (metadata.tags.length === 0 && inputs.push && inputs.tags.length === 0 && !inputs.outputs.some((o) => namesOf(o).length > 0)) {
    throw new InputError(
      'images',
      given.metadata.images.join(','),
      `no tag rule gave a tag for this event (${event.eventName} on ${event.ref || 'no ref'}), so there is nothing to push to; add a rule that applies, e.g. type=sha or type=raw,value=…`,
    );
  }
  const ruleOf = Object.fromEntries(metadata.tags.map((t) => [t.ref, t.rule]));
  const log = [
    `Tags from Git (${event.eventName} on ${event.ref}), version ${metadata.version || '(none)'}:`,
    ...metadata.tags.map((t) => `  ${t.ref}  ← ${t.rule}`),
  ].join('\n');
  return { inputs, metadata: { ...metadata, ruleOf, log }, warnings: [...read.warnings, ...metadata.warnings] };
}
