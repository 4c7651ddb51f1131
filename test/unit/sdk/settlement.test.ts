/**
 * Settlement arithmetic: DOMAIN.md's worked example, the edges (zero offer, a preferent
 * percentage capped at 100 %, refusals), and properties over random cases (fast-check):
 * amounts add up exactly, never negative or above the claim, within a cent of the exact share,
 * and independent of the order of the claims.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { distribute, zeroOffer } from '@knooppunt/sdk';
import type { Claim } from '@knooppunt/sdk';

const euros = (value: number): number => Math.round(value * 100);

describe('settlement arithmetic', () => {
  it('gives DOMAIN.md’s worked example: €5,000 preferent + €5,000 concurrent, €2,000 → 26.67 % / 13.33 %', () => {
    const result = distribute(
      [
        { id: 'belastingdienst', amount: euros(5000), preferent: true },
        { id: 'energie', amount: euros(5000), preferent: false },
      ],
      euros(2000),
    );
    expect(result.preferentPercentage).to.equal('26.67');
    expect(result.concurrentPercentage).to.equal('13.33');
    // Exact shares 133,333.33 and 66,666.67 cents: the one cent left goes to the larger remainder.
    expect(result.allocations.map((a) => [a.id, a.amount, a.percentage])).to.deep.equal([
      ['belastingdienst', 133_333, '26.67'],
      ['energie', 66_667, '13.33'],
    ]);
    expect(result.allocations.reduce((sum, a) => sum + a.amount, 0)).to.equal(euros(2000));
  });

  it('makes the zero offer: nothing to anyone, 0.00 % everywhere', () => {
    const result = zeroOffer([
      { id: 'a', amount: 12_345, preferent: true },
      { id: 'b', amount: 99, preferent: false },
    ]);
    expect(result.sum).to.equal(0);
    expect(result.allocations.map((a) => a.amount)).to.deep.equal([0, 0]);
    expect([result.preferentPercentage, result.concurrentPercentage]).to.deep.equal([
      '0.00',
      '0.00',
    ]);
  });

  it('pays preferent claims in full, not more, when twice the percentage would exceed 100 %', () => {
    const result = distribute(
      [
        { id: 'pref', amount: euros(1000), preferent: true },
        { id: 'conc', amount: euros(1000), preferent: false },
      ],
      euros(1800),
    );
    expect(result.allocations.map((a) => [a.amount, a.percentage])).to.deep.equal([
      [euros(1000), '100.00'],
      [euros(800), '80.00'],
    ]);
  });

  it('pays everything when the sum equals all claims, and refuses a larger sum', () => {
    const claims: Claim[] = [
      { id: 'a', amount: 700, preferent: true },
      { id: 'b', amount: 300, preferent: false },
    ];
    expect(distribute(claims, 1000).allocations.map((a) => a.amount)).to.deep.equal([700, 300]);
    expect(() => distribute(claims, 1001)).to.throw(/more than all claims/);
  });

  it('refuses fractions of cents, negative amounts and a claim id given twice', () => {
    const claim: Claim = { id: 'a', amount: 100, preferent: false };
    expect(() => distribute([claim], 10.5)).to.throw(/whole cents/);
    expect(() => distribute([claim], -1)).to.throw(/whole cents/);
    expect(() => distribute([{ ...claim, amount: -5 }], 0)).to.throw(/whole cents/);
    expect(() => distribute([claim, claim], 50)).to.throw(/twice/);
  });

  describe('properties over random cases', () => {
    const claimsArbitrary = fc
      .uniqueArray(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 8 }),
          amount: fc.integer({ min: 0, max: 50_000_000 }),
          preferent: fc.boolean(),
        }),
        { minLength: 1, maxLength: 30, selector: (claim) => claim.id },
      )
      .filter((claims) => claims.some((claim) => claim.amount > 0));
    const caseArbitrary = claimsArbitrary.chain((claims) => {
      const total = claims.reduce((sum, claim) => sum + claim.amount, 0);
      return fc.tuple(fc.constant(claims), fc.integer({ min: 0, max: total }));
    });
    const runs = { numRuns: 300, seed: 20261127 };

    it('adds up to the sum exactly; never negative, never above a claim', () => {
      fc.assert(
        fc.property(caseArbitrary, ([claims, sum]) => {
          const { allocations } = distribute(claims, sum);
          expect(allocations.reduce((acc, a) => acc + a.amount, 0)).to.equal(sum);
          for (const a of allocations) {
            expect(a.amount).to.be.at.least(0);
            expect(a.amount).to.be.at.most(a.claim);
            expect(Number.isInteger(a.amount)).to.equal(true);
          }
        }),
        runs,
      );
    });

    it('gives each claim its exact share rounded down or up, preferent at twice the percentage', () => {
      fc.assert(
        fc.property(caseArbitrary, ([claims, sum]) => {
          const result = distribute(claims, sum);
          const preferent = claims.filter((c) => c.preferent).reduce((a, c) => a + c.amount, 0);
          const concurrent = claims.filter((c) => !c.preferent).reduce((a, c) => a + c.amount, 0);
          const capped = preferent > 0 && 2 * sum > concurrent + 2 * preferent;
          for (const a of result.allocations) {
            const exact = capped
              ? a.preferent
                ? a.claim
                : ((sum - preferent) * a.claim) / concurrent
              : (sum * a.claim * (a.preferent ? 2 : 1)) / (concurrent + 2 * preferent);
            expect(Math.abs(a.amount - exact)).to.be.below(1 + 1e-6);
          }
          if (!capped && preferent > 0 && concurrent > 0) {
            const ratio =
              Number(result.preferentPercentage) /
              Math.max(Number(result.concurrentPercentage), 1e-9);
            if (Number(result.concurrentPercentage) >= 1) expect(ratio).to.be.closeTo(2, 0.02);
          }
        }),
        runs,
      );
    });

    it('does not depend on the order of the claims', () => {
      fc.assert(
        fc.property(
          caseArbitrary.chain(([claims, sum]) =>
            fc.tuple(
              fc.constant(claims),
              fc.constant(sum),
              fc.shuffledSubarray(claims, {
                minLength: claims.length,
                maxLength: claims.length,
              }),
            ),
          ),
          ([claims, sum, shuffled]) => {
            const byId = (distribution: ReturnType<typeof distribute>) =>
              Object.fromEntries(distribution.allocations.map((a) => [a.id, a.amount]));
            expect(byId(distribute(shuffled, sum))).to.deep.equal(byId(distribute(claims, sum)));
          },
        ),
        runs,
      );
    });
  });
});
