// A run whose results are in must end. When something a test started is still open (a server a
// failed teardown never closed, a daemon's child), Jest would wait for it for ever; this ends the
// process instead, as a failure, once the grace period has passed. The timer is unref'd: a run
// that ends by itself never waits on it.
// KILN_TEST_EXIT_GRACE_MS shortens it for the test of this guard.
export const GRACE_MS = Number(process.env.KILN_TEST_EXIT_GRACE_MS) || 15_000;

export default class ExitGuardReporter {
  constructor(globalConfig) {
    // Watch mode stays open on purpose.
    this.watching = Boolean(globalConfig?.watch || globalConfig?.watchAll);
  }

  onRunComplete() {
    if (this.watching) return;
    setTimeout(() => {
      process.stderr.write(
        `\nThe tests finished ${GRACE_MS / 1000} s ago, but handles they opened are still open (run with --detectOpenHandles to see which): failing the run instead of waiting for them.\n`,
      );
      process.exit(1);
    }, GRACE_MS).unref();
  }
}
