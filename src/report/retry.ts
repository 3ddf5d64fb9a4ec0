// Reading a pushed image back is not the build: a registry that hiccups after a successful push
// must neither lose the step's outputs nor cost more than a few seconds. Pure policy here; the
// effect (a buildx process per attempt) stays in registry.ts.
import { classifyRegistryError } from '../plan/registry-error.js';

/** Attempts and the waits between them: four tries within about 7 s of waiting. */
export const READ_BACK_DELAYS_MS = [1000, 2000, 4000] as const;

export interface RetryOutcome<T> {
  value?: T;
  /** The last error, when every attempt failed (or one failed that cannot heal). */
  error?: Error;
  attempts: number;
}

/**
 * Runs `attempt` until it succeeds, an error is not transient, or the delays are used up,
 * waiting `delays[i]` before retry i+1. Never throws: the caller decides what a failure costs.
 */
export async function retrying<T>(
  attempt: (n: number) => Promise<T>,
  options: { delays?: readonly number[]; transient?: (message: string) => boolean; sleep?: (ms: number) => Promise<void> } = {},
): Promise<RetryOutcome<T>> {
  const delays = options.delays ?? READ_BACK_DELAYS_MS;
  const transient = options.transient ?? ((message: string) => classifyRegistryError(message).transient);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      return { value: await attempt(attempts), attempts };
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const wait = delays[attempts - 1];
      if (wait === undefined || !transient(error.message)) return { error, attempts };
      await sleep(wait);
    }
  }
}
