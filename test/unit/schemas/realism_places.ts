/**
 * Test helpers: the Dutch places and banks that the standard's examples may use, so that a
 * realism check can tell an existing postcode, place and municipality, and a bank code a Dutch
 * bank really issues. Small on purpose: it lists the places examples use; an example that
 * moves to a new place adds its row here (PostNL's 4-digit areas of that place).
 */

/** A range of 4-digit postcode areas, the place (woonplaats) they lie in, and its municipality. */
export interface PostcodeRange {
  readonly from: number;
  readonly to: number;
  readonly woonplaats: string;
  readonly gemeente: string;
}

/** Postcode areas of the places in the examples (PostNL numbering). */
export const POSTCODE_RANGES: readonly PostcodeRange[] = [
  { from: 1011, to: 1109, woonplaats: 'Amsterdam', gemeente: 'Amsterdam' },
  { from: 2491, to: 2599, woonplaats: "'s-Gravenhage", gemeente: "'s-Gravenhage" },
  { from: 3011, to: 3089, woonplaats: 'Rotterdam', gemeente: 'Rotterdam' },
  { from: 3430, to: 3439, woonplaats: 'Nieuwegein', gemeente: 'Nieuwegein' },
  { from: 3451, to: 3452, woonplaats: 'Vleuten', gemeente: 'Utrecht' },
  { from: 3453, to: 3455, woonplaats: 'De Meern', gemeente: 'Utrecht' },
  { from: 3500, to: 3585, woonplaats: 'Utrecht', gemeente: 'Utrecht' },
  { from: 3701, to: 3709, woonplaats: 'Zeist', gemeente: 'Zeist' },
  { from: 3990, to: 3995, woonplaats: 'Houten', gemeente: 'Houten' },
  { from: 5611, to: 5658, woonplaats: 'Eindhoven', gemeente: 'Eindhoven' },
  { from: 8011, to: 8043, woonplaats: 'Zwolle', gemeente: 'Zwolle' },
  { from: 9711, to: 9747, woonplaats: 'Groningen', gemeente: 'Groningen' },
];

/** The range a 4-digit postcode area lies in, if it is one of the examples' places. */
export function postcodeRange(area: number): PostcodeRange | undefined {
  return POSTCODE_RANGES.find((range) => area >= range.from && area <= range.to);
}

/** Whether `name` is a municipality of the table, with or without the word "Gemeente". */
export function isKnownGemeente(name: string): boolean {
  const bare = name.replace(/^Gemeente\s+/i, '');
  return POSTCODE_RANGES.some((range) => range.gemeente === bare);
}

/** Whether `name` is a place (woonplaats) of the table. */
export function isKnownWoonplaats(name: string): boolean {
  return POSTCODE_RANGES.some((range) => range.woonplaats === name);
}

/**
 * Bank codes of Dutch IBANs that payment accounts are issued under (the Betaalvereniging's
 * BIC/bank identifier list): a Dutch IBAN with any other code is no account a real bank issued.
 */
export const DUTCH_BANK_CODES: ReadonlySet<string> = new Set([
  'ABNA', // ABN AMRO
  'ASNB', // ASN Bank
  'BNGH', // BNG Bank (municipalities' bank)
  'BUNQ', // bunq
  'FVLB', // Van Lanschot
  'INGB', // ING
  'KNAB', // Knab
  'NNBA', // Nationale-Nederlanden Bank
  'NWAB', // Nederlandse Waterschapsbank
  'RABO', // Rabobank
  'RBRB', // RegioBank
  'SNSB', // SNS
  'TRIO', // Triodos
]);

/**
 * Banks whose account numbers (the 10 digits after the bank code) pass the old 11-test
 * (weights 10..1 from the left): the account numbers of the pre-IBAN giro system. ING's former
 * Postbank numbers (at most 7 significant digits) had no check and are exempt.
 */
const ELEVEN_TEST_BANKS: ReadonlySet<string> = new Set([
  'ABNA',
  'ASNB',
  'FVLB',
  'INGB',
  'RABO',
  'RBRB',
  'SNSB',
  'TRIO',
]);

/** Whether a Dutch IBAN's account number passes its bank's 11-test (where the bank has one). */
export function passesAccountElevenTest(iban: string): boolean {
  const bank = iban.slice(4, 8);
  const account = iban.slice(8);
  if (!ELEVEN_TEST_BANKS.has(bank)) return true;
  if (bank === 'INGB' && /^000/.test(account)) return true; // a Postbank number
  let sum = 0;
  for (let i = 0; i < account.length; i += 1) sum += (10 - i) * Number(account[i]);
  return sum % 11 === 0;
}
