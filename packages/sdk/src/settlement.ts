/**
 * Settlement arithmetic (DOMAIN.md, "Distribution of a proposal"): a repayment capacity or a
 * saneringskrediet sum is distributed over the admitted claims pro rata, where a preferent
 * creditor gets twice the percentage of the concurrent ones. Everything is in integer cents
 * and exact: shares are computed as fractions over one common denominator (BigInt), each is
 * rounded down, and the cents left over go to the largest remainders (ties by claim id), so the
 * amounts always add up to the sum, whatever order the claims come in.
 *
 * If twice the concurrent percentage would pay a preferent claim more than in full, the
 * preferent claims are paid in full and the rest is shared by the concurrent claims. A sum
 * larger than all claims together is refused: a settlement never pays more than is owed.
 */
import { UsageError } from '@knooppunt/standard';

/** An admitted claim. */
export interface Claim {
  /** Unique within the distribution (e.g. the creditor's OIN plus invoice number). */
  readonly id: string;
  /** The admitted amount in cents. */
  readonly amount: number;
  readonly preferent: boolean;
}

/** What one claim gets. */
export interface Allocation {
  readonly id: string;
  readonly claim: number;
  readonly preferent: boolean;
  /** Offered cents. */
  readonly amount: number;
  /** The offered percentage of the claim (`26.67`), as the standard's messages carry it. */
  readonly percentage: string;
}

/** A distribution: the allocations in the order the claims were given. */
export interface Distribution {
  /** The sum distributed, in cents (= the sum of the allocations). */
  readonly sum: number;
  /** All claims together, in cents. */
  readonly totalClaims: number;
  /** The percentage offered on concurrent claims (`13.33`). */
  readonly concurrentPercentage: string;
  /** The percentage offered on preferent claims: twice the concurrent one, at most `100.00`. */
  readonly preferentPercentage: string;
  readonly allocations: readonly Allocation[];
}

const isCents = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

function check(claims: readonly Claim[], sum: number): void {
  if (!isCents(sum)) {
    throw new UsageError('USAGE_INVALID', `the sum must be whole cents, 0 or more: ${sum}`);
  }
  const ids = new Set<string>();
  for (const claim of claims) {
    if (!isCents(claim.amount)) {
      throw new UsageError(
        'USAGE_INVALID',
        `claim ${claim.id}: the amount must be whole cents, 0 or more: ${claim.amount}`,
      );
    }
    if (ids.has(claim.id)) throw new UsageError('USAGE_INVALID', `claim ${claim.id} twice`);
    ids.add(claim.id);
  }
}

/** A fraction of whole cents: `numerator / denominator`, denominator > 0. */
interface Share {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** `100 × numerator / denominator` with two decimals, rounded half up (`26.67`). */
function percentageOf(numerator: bigint, denominator: bigint): string {
  if (denominator === 0n) return '0.00';
  const basisPoints = (numerator * 10_000n * 2n + denominator) / (2n * denominator);
  const whole = basisPoints / 100n;
  const cents = basisPoints % 100n;
  return `${whole}.${cents.toString().padStart(2, '0')}`;
}

/** Distributes `sum` cents over `claims`: pro rata, preferent claims at twice the percentage. */
export function distribute(claims: readonly Claim[], sum: number): Distribution {
  check(claims, sum);
  const total = claims.reduce((acc, claim) => acc + BigInt(claim.amount), 0n);
  if (BigInt(sum) > total) {
    throw new UsageError(
      'USAGE_INVALID',
      `the sum (${sum} cents) is more than all claims together (${total} cents)`,
    );
  }
  const preferent = claims.filter((c) => c.preferent).reduce((a, c) => a + BigInt(c.amount), 0n);
  const concurrent = total - preferent;
  const money = BigInt(sum);
  // Concurrent percentage p = sum / (concurrent + 2 × preferent); preferent get 2p unless
  // that is more than 100 %, when they get their claims and the concurrent share the rest.
  const weighted = concurrent + 2n * preferent;
  // (Capped implies concurrent > 0: sum ≤ all claims and 2 × sum > concurrent + 2 × preferent.)
  const capped = preferent > 0n && 2n * money > weighted;
  const shareOf = (claim: Claim): Share => {
    const amount = BigInt(claim.amount);
    if (weighted === 0n) return { numerator: 0n, denominator: 1n };
    if (!capped) {
      return { numerator: money * amount * (claim.preferent ? 2n : 1n), denominator: weighted };
    }
    if (claim.preferent) return { numerator: amount, denominator: 1n };
    return { numerator: (money - preferent) * amount, denominator: concurrent };
  };
  const shares = claims.map(shareOf);
  const amounts = shares.map((share) => share.numerator / share.denominator);
  let left = money - amounts.reduce((a, b) => a + b, 0n);
  // Largest remainder first; remainders are compared as fractions, ties by claim id.
  const order = claims
    .map((claim, i) => ({ claim, i, share: shares[i] as Share }))
    .sort((a, b) => {
      const ra = a.share.numerator % a.share.denominator;
      const rb = b.share.numerator % b.share.denominator;
      const diff = rb * a.share.denominator - ra * b.share.denominator;
      if (diff !== 0n) return diff > 0n ? 1 : -1;
      return a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0;
    });
  for (const { i, share } of order) {
    if (left === 0n) break;
    if (share.numerator % share.denominator === 0n) continue; // already exact
    amounts[i] = (amounts[i] as bigint) + 1n;
    left -= 1n;
  }
  const concurrentPercentage = capped
    ? percentageOf(money - preferent, concurrent)
    : percentageOf(money, weighted);
  const preferentPercentage = capped ? '100.00' : percentageOf(2n * money, weighted);
  return {
    sum,
    totalClaims: Number(total),
    concurrentPercentage,
    preferentPercentage,
    allocations: claims.map((claim, i) => ({
      id: claim.id,
      claim: claim.amount,
      preferent: claim.preferent,
      amount: Number(amounts[i]),
      percentage: claim.preferent ? preferentPercentage : concurrentPercentage,
    })),
  };
}

/** The zero offer (nulaanbod): nothing for anyone, every claim listed at 0.00 %. */
export function zeroOffer(claims: readonly Claim[]): Distribution {
  return distribute(claims, 0);
}
