/**
 * The legal maximum of extrajudicial collection costs on a consumer's claim: the Besluit
 * vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141; the "WIK" scale under
 * art. 6:96 BW). Examples, the demo and vendors check a claim line's `kosten` against it.
 */

/** One band of the scale: the principal up to which it runs (cents) and its rate. */
interface Band {
  readonly upTo: number;
  /** The rate in tenths of a percent (150 = 15%). */
  readonly rate: number;
}

// Art. 2(1): 15% over the first €2,500, 10% over the next €2,500, 5% over the next €5,000,
// 1% over the next €190,000, 0.5% over the rest.
const BANDS: readonly Band[] = [
  { upTo: 250_000, rate: 150 },
  { upTo: 500_000, rate: 100 },
  { upTo: 1_000_000, rate: 50 },
  { upTo: 20_000_000, rate: 10 },
  { upTo: Number.POSITIVE_INFINITY, rate: 5 },
];
/** Art. 2(2): at least €40. */
const MINIMUM = 4_000;
/** Art. 2(1): at most €6,775. */
const MAXIMUM = 677_500;

/**
 * The most a creditor may charge a consumer in extrajudicial collection costs on a principal
 * (hoofdsom) of `hoofdsom` cents, VAT not included (art. 2(3) allows adding VAT for a creditor
 * who cannot deduct it): the scale's sum, rounded to whole cents, at least €40 and at most
 * €6,775.
 *
 * @param hoofdsom - the claim's principal in cents (interest is not counted, art. 2(1))
 * @returns the maximum costs in cents
 */
export function maximumCollectionCosts(hoofdsom: number): number {
  if (!Number.isInteger(hoofdsom) || hoofdsom < 0) {
    throw new RangeError(`hoofdsom must be whole cents, 0 or more: ${hoofdsom}`);
  }
  let costs = 0; // in thousandths of a cent, to stay exact
  let from = 0;
  for (const band of BANDS) {
    if (hoofdsom <= from) break;
    costs += (Math.min(hoofdsom, band.upTo) - from) * band.rate;
    from = band.upTo;
  }
  return Math.min(MAXIMUM, Math.max(MINIMUM, Math.round(costs / 1000)));
}
