// Whether a failed build is worth running again: only when it failed pushing (the build itself
// is cached by then, so another run only exports again) and the registry's error can heal.
import { classifyRegistryError } from './registry-error.js';

export const PUSH_RETRY = {
  /** Runs after the first one, at most. */
  retries: 3,
  /** Wait before retry n (1-based): base · 2^(n-1), at most max. */
  baseMs: 2_000,
  maxMs: 15_000,
} as const;

export interface PushVerdict {
  /** The build failed while pushing. */
  push: boolean;
  /** The registry's answer can change on its own: 429, 5xx, a dropped or refused connection. */
  transient: boolean;
  /** What failed, in a few words, for the log and the summary. */
  reason: string;
}

// What BuildKit says when it fails to push (resolver and pusher errors).
const PUSHING =
  /failed to push|unexpected status from (?:PUT|POST|PATCH|HEAD|GET) request|failed to do request|failed commit on ref|failed to copy|failed to upload|pushing (?:layers|manifest)/i;

// Two builds that push the same repository through one BuildKit with an image store (a containerd
// worker shared by concurrent builds) race to name the image there, and the loser's export fails
// with `image "<name>": already exists` before its push. Nothing was pushed; another run names it.
const NAMED_TWICE = /image "[^"]+": already exists/;

/** Judges the final error of a failed build (its log's last `ERROR: ` line, prefix removed). */
export function pushVerdict(finalError: string | undefined): PushVerdict {
  const final = finalError ?? '';
  if (NAMED_TWICE.test(final)) return { push: true, transient: true, reason: "another build named the same image in the builder's store at the same moment" };
  if (!PUSHING.test(final)) return { push: false, transient: false, reason: '' };
  const { transient, reason } = classifyRegistryError(final);
  return { push: true, transient, reason: reason ?? 'the push failed' };
}

/** How long to wait before retry `n` (1-based). */
export function retryDelayMs(n: number): number {
  return Math.min(PUSH_RETRY.baseMs * 2 ** (n - 1), PUSH_RETRY.maxMs);
}
