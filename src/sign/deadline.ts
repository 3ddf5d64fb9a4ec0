// One deadline for the whole signing phase: every request of it (OIDC, Fulcio, Rekor, the
// timestamp authority, the registry, GitHub's API) retries within what is left of it.
import type { RetryPolicy } from '../github/http.js';

export interface Deadline {
  /** Milliseconds left (0 when past). */
  left(): number;
  /** A retry policy for one request that ends by the deadline. */
  policy(): RetryPolicy;
  /** `work`, or a rejection when the deadline passes first. */
  race<T>(work: Promise<T>, what: string): Promise<T>;
}

export function deadline(ms: number, now: () => number = () => performance.now()): Deadline {
  const end = now() + ms;
  const left = () => Math.max(0, end - now());
  return {
    left,
    policy: () => ({ attemptMs: Math.min(10_000, left()), budgetMs: left(), attempts: 6, baseMs: 300, maxMs: 4_000 }),
    race: <T>(work: Promise<T>, what: string) => {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`${what}: not done within the signing deadline (${Math.round(ms / 1000)} s)`));
        }, left());
        timer.unref();
      });
      return Promise.race([work, expired]).finally(() => {
        clearTimeout(timer);
      });
    },
  };
}
