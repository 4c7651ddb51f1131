import { expect } from 'chai';
import { maximumCollectionCosts } from '@knooppunt/standard';

describe('schemas/collection_costs: the WIK maximum (Besluit vergoeding BIK, art. 2)', () => {
  it('charges 15% of the first €2,500, 10% of the next €2,500, 5% of the next €5,000', () => {
    expect(maximumCollectionCosts(37_800)).to.equal(5_670); // €378 → €56.70
    expect(maximumCollectionCosts(250_000)).to.equal(37_500);
    expect(maximumCollectionCosts(500_000)).to.equal(62_500);
    expect(maximumCollectionCosts(1_000_000)).to.equal(87_500);
  });

  it('then 1% of the next €190,000 and 0.5% of the rest, at most €6,775', () => {
    expect(maximumCollectionCosts(20_000_000)).to.equal(277_500);
    expect(maximumCollectionCosts(100_000_000)).to.equal(677_500);
    expect(maximumCollectionCosts(500_000_000)).to.equal(677_500);
  });

  it('is at least €40, whatever the principal', () => {
    expect(maximumCollectionCosts(0)).to.equal(4_000);
    expect(maximumCollectionCosts(26_666)).to.equal(4_000); // 15% is €39.99
    expect(maximumCollectionCosts(26_700)).to.equal(4_005);
  });

  it('refuses a principal that is not whole cents', () => {
    expect(() => maximumCollectionCosts(12.5)).to.throw(RangeError);
    expect(() => maximumCollectionCosts(-1)).to.throw(RangeError);
  });
});
