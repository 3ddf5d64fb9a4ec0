/**
 * GitHub's limit on new Actions cache entries (since January 2026: 200 a minute per repository),
 * scaled down for a test: at most `perMinute` accepted reservations in any 60 s. Past it the
 * service answers 429 with Retry-After, the seconds until the oldest reservation leaves the window.
 */
export class NewEntryLimit {
  readonly #stamps: number[] = [];

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until a new entry may be reserved; 0 when one may be now. */
  retryAfter(): number {
    const now = this.now();
    while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= now - 60_000) this.#stamps.shift();
    if (this.#stamps.length < this.perMinute) return 0;
    return Math.max(1, Math.ceil(((this.#stamps[0] ?? now) + 60_000 - now) / 1000));
  }

  /** A reservation was accepted: it counts for the next minute. */
  took(): void {
    this.#stamps.push(this.now());
  }
}
