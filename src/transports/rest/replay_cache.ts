/**
 * The client-assertion replay cache: the `jti`s this process has seen, each until the assertion
 * it came with expires. It is the fast first check in front of the ledger's claims
 * (ClaimStore), which decide for every hub process: an id found here is refused without a
 * round trip to the ledger; an id not found here is claimed in the ledger, and remembered here
 * once the ledger has answered.
 */

/** Remembers ids until their expiry. */
export class ReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  /** @param maxEntries - entries kept before expired ones are swept. @defaultValue 100 000 */
  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  /** Whether `id` was remembered and has not expired at `nowMs`. */
  has(id: string, nowMs: number): boolean {
    const until = this.#seen.get(id);
    return until !== undefined && until > nowMs;
  }

  /** Remembers `id` as used until `expiresAtMs`. */
  remember(id: string, expiresAtMs: number, nowMs: number): void {
    if (this.#seen.size >= this.#maxEntries) this.#sweep(nowMs);
    if (this.#seen.size >= this.#maxEntries) {
      // Still full of live ids: the oldest goes; the ledger keeps its claim, so it stays refused.
      const oldest = this.#seen.keys().next();
      if (oldest.done !== true) this.#seen.delete(oldest.value);
    }
    this.#seen.set(id, expiresAtMs);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#seen.size;
  }

  #sweep(nowMs: number): void {
    for (const [id, until] of this.#seen) if (until <= nowMs) this.#seen.delete(id);
  }
}
