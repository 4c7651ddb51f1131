/**
 * A participant's share of one hub process: a token bucket per authenticated participant
 * (`KNOOPPUNT_RATE_LIMIT_PER_SECOND`, `KNOOPPUNT_RATE_LIMIT_BURST`). Every authenticated
 * request takes one token; an empty bucket answers 429 `RATE_LIMITED` with `Retry-After`, so
 * one participant — compromised, or a runaway script — cannot take the hub from the others.
 * The buckets live per process (with n processes a participant gets n shares) and only for
 * authenticated participants, so their number is bounded by the registry.
 */
import { HttpProblem } from './problem.ts';

/** The limits; `perSecond` 0 turns the quota off. */
export interface QuotaLimits {
  readonly perSecond: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by participant. `now` gives milliseconds of a monotonic clock. */
export class ParticipantQuota {
  readonly #limits: QuotaLimits;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limits: QuotaLimits, now: () => number = () => performance.now()) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Takes one request of `oin`'s share; throws 429 RATE_LIMITED when it has none left. */
  take(oin: string): void {
    const { perSecond, burst } = this.#limits;
    if (perSecond <= 0) return;
    const now = this.#now();
    const bucket = this.#buckets.get(oin) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(oin, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    throw new HttpProblem(
      'RATE_LIMITED',
      `participant ${oin} sends more than ${perSecond} requests a second to this hub process; try again after ${seconds} s`,
      { headers: { 'Retry-After': String(seconds) } },
    );
  }
}
