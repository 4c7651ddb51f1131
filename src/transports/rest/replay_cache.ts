/**
 * The client-assertion replay cache (RFC 7523 §3 item 7): a `jti` seen once is refused until
 * the assertion it came with expires. In memory, per process: with several hub processes behind
 * a load balancer an assertion could be replayed once against each other process within its
 * (at most five-minute) lifetime — docs/api.md says so. A shared store would close that gap.
 */

/** Remembers ids until their expiry. */
export class ReplayCache {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;

  /** @param maxEntries - entries kept before expired ones are swept. @defaultValue 100 000 */
  constructor(maxEntries = 100_000) {
    this.#maxEntries = maxEntries;
  }

  /**
   * Records `id` as used until `expiresAtMs`; false when it was already used and has not
   * expired at `nowMs`.
   */
  claim(id: string, expiresAtMs: number, nowMs: number): boolean {
    const until = this.#seen.get(id);
    if (until !== undefined && until > nowMs) return false;
    if (this.#seen.size >= this.#maxEntries) this.#sweep(nowMs);
    this.#seen.set(id, expiresAtMs);
    return true;
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#seen.size;
  }

  #sweep(nowMs: number): void {
    for (const [id, until] of this.#seen) if (until <= nowMs) this.#seen.delete(id);
  }
}
