/**
 * Test teardown that cannot hang and cannot stop half-way: every clean-up runs, even after an
 * earlier one threw (a data directory still mounted, EBUSY) or hung (a server that never closes),
 * and the errors come out together at the end, so the run fails instead of waiting for ever on
 * the servers an aborted teardown left open.
 */
export interface Cleanup {
  /** What is cleaned up, for the error message. */
  name: string;
  run: () => unknown;
  /** How long it may take; 30 s unless told. */
  timeoutMs?: number;
}

export const DEFAULT_CLEANUP_TIMEOUT_MS = 30_000;

/** Runs `cleanup`, rejecting when it throws, rejects, or has not settled after `timeoutMs`. */
export async function withTimeout(cleanup: Cleanup): Promise<void> {
  const ms = cleanup.timeoutMs ?? DEFAULT_CLEANUP_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${cleanup.name}: did not finish within ${ms} ms`));
    }, ms);
    // A hung clean-up must not be what keeps the test process alive either.
    timer.unref();
  });
  try {
    await Promise.race([Promise.resolve().then(cleanup.run), timeout]);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(`${cleanup.name}: `)) throw err;
    throw new Error(`${cleanup.name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every clean-up in order (the later ones may depend on the earlier, as a directory on a
 * stopped daemon), each bounded by its timeout, and throws one AggregateError naming each
 * failure once they have all had their turn. Falsy entries are skipped, for resources a failed
 * `beforeAll` never created.
 */
export async function teardown(...cleanups: (Cleanup | false | undefined | null)[]): Promise<void> {
  const errors: Error[] = [];
  for (const cleanup of cleanups) {
    if (!cleanup) continue;
    try {
      await withTimeout(cleanup);
    } catch (err) {
      errors.push(err as Error);
    }
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, `teardown failed: ${errors.map((e) => e.message).join('; ')}`);
  }
}
