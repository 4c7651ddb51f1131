/**
 * Format checks of the message standard that a regular expression cannot express: the BSN
 * 11-test, the IBAN mod-97 check with its per-country lengths, the OIN, the Dutch postcode and
 * the Dutch betalingskenmerk (structured payment reference). Pure functions on strings; the
 * schema registry registers `oin`, `bsn` and `iban` as ajv formats, and other code (the SDK,
 * the CLI, the demo) may call them directly.
 */

const OIN = /^[0-9]{20}$/;
const BSN = /^[0-9]{9}$/;
const IBAN = /^([A-Z]{2})([0-9]{2})([A-Z0-9]+)$/;
const POSTCODE = /^[1-9][0-9]{3} ?([A-Z]{2})$/;

/** Letter pairs PostNL never issues in a postcode (they had unwelcome connotations). */
const UNISSUED_POSTCODE_LETTERS: ReadonlySet<string> = new Set(['SA', 'SD', 'SS']);

/** Shape of one country's IBAN: total length and, where we know it, the BBAN's pattern. */
interface IbanCountry {
  readonly length: number;
  readonly bban?: RegExp;
}

/**
 * IBAN lengths per country (SWIFT IBAN Registry). The countries a Dutch debt case meets most
 * also have their BBAN structure checked; any other country falls back to 15..34 characters.
 */
const IBAN_COUNTRIES: ReadonlyMap<string, IbanCountry> = new Map([
  ['NL', { length: 18, bban: /^[A-Z]{4}[0-9]{10}$/ }],
  ['BE', { length: 16, bban: /^[0-9]{12}$/ }],
  ['DE', { length: 22, bban: /^[0-9]{18}$/ }],
  ['FR', { length: 27, bban: /^[0-9]{10}[A-Z0-9]{11}[0-9]{2}$/ }],
  ['GB', { length: 22, bban: /^[A-Z]{4}[0-9]{14}$/ }],
  ['LU', { length: 20, bban: /^[0-9]{3}[A-Z0-9]{13}$/ }],
  ['AT', { length: 20 }],
  ['CH', { length: 21 }],
  ['DK', { length: 18 }],
  ['ES', { length: 24 }],
  ['IE', { length: 22 }],
  ['IT', { length: 27 }],
  ['PL', { length: 28 }],
  ['PT', { length: 25 }],
  ['SE', { length: 24 }],
]);
const IBAN_MIN_LENGTH = 15;
const IBAN_MAX_LENGTH = 34;

/**
 * Whether `value` is an organisation identification number (OIN): exactly 20 digits, not all
 * zero. Logius prefixes (`00000001` government, `00000003` + KvK number + `0000` private) are
 * not enforced, so new prefixes need no change here.
 *
 * @param value - the candidate OIN
 * @returns true when it is a well-formed OIN
 */
export function isValidOin(value: string): boolean {
  return OIN.test(value) && value !== '0'.repeat(20);
}

/**
 * Whether `value` is a burgerservicenummer: 9 digits passing the 11-test
 * (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11), and not `000000000`.
 *
 * @param value - the candidate BSN, without spaces or dots
 * @returns true when it passes the 11-test
 */
export function isValidBsn(value: string): boolean {
  if (!BSN.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += (9 - i) * digitAt(value, i);
  // The BSN variant of the 11-test: the last digit weighs −1 (a bank account's weighed +1).
  sum -= digitAt(value, 8);
  return sum % 11 === 0;
}

/**
 * Whether `value` is an IBAN in electronic form (ISO 13616): uppercase, no spaces, the
 * country's length (15..34 for countries not in our table), the BBAN structure for NL, BE,
 * DE, FR, GB and LU, and the mod-97 check giving 1.
 *
 * @param value - the candidate IBAN, e.g. `NL91ABNA0417164300`
 * @returns true when it is a valid IBAN
 */
export function isValidIban(value: string): boolean {
  const match = IBAN.exec(value);
  if (match === null) return false;
  const [, country = '', , bban = ''] = match;
  const known = IBAN_COUNTRIES.get(country);
  if (known === undefined) {
    if (value.length < IBAN_MIN_LENGTH || value.length > IBAN_MAX_LENGTH) return false;
  } else if (
    value.length !== known.length ||
    (known.bban !== undefined && !known.bban.test(bban))
  ) {
    return false;
  }
  return ibanMod97(value) === 1;
}

/**
 * Whether `value` is a Dutch postcode: four digits not starting with 0, an optional space,
 * two capital letters other than SA, SD and SS.
 *
 * @param value - the candidate postcode, e.g. `3511 LX`
 * @returns true when it is a well-formed Dutch postcode
 */
export function isValidPostcode(value: string): boolean {
  const match = POSTCODE.exec(value);
  return match !== null && !UNISSUED_POSTCODE_LETTERS.has(match[1] ?? '');
}

const BETALINGSKENMERK = /^[0-9]{7}$|^[0-9]{9,14}$|^[0-9]{16}$/;
/** Weights of the betalingskenmerk's modulus 11, from the rightmost digit leftwards (repeating). */
const BETALINGSKENMERK_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1] as const;
/** Length code (second digit) of a 9..14-digit betalingskenmerk: the digits that follow it. */
const BETALINGSKENMERK_LENGTH_CODE: Readonly<Record<number, string>> = {
  9: '7',
  10: '8',
  11: '9',
  12: '0',
  13: '1',
  14: '2',
};

/**
 * Whether `value` is a Dutch betalingskenmerk (the Betaalvereniging's structured payment
 * reference, formerly the acceptgiro's): 16 digits whose first is a check digit over the other
 * 15; or 9..14 digits with a check digit and a length code; or 7 digits with no check.
 *
 * @param value - the candidate reference, digits only, e.g. `5000056789012345`
 * @returns true when its length is allowed and its check digit is right
 */
export function isValidBetalingskenmerk(value: string): boolean {
  if (!BETALINGSKENMERK.test(value)) return false;
  if (value.length === 7) return true;
  if (value.length < 16 && value[1] !== BETALINGSKENMERK_LENGTH_CODE[value.length]) return false;
  return betalingskenmerkCheckDigit(value.slice(1)) === value.charAt(0);
}

/**
 * The check digit of a betalingskenmerk over `digits` (all but the check digit itself,
 * including a length code): the weighted modulus 11 of the Betaalvereniging's specification —
 * weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the right, C = 11 − (sum mod 11), 10 becomes 1
 * and 11 becomes 0.
 *
 * @param digits - the reference without its check digit, e.g. `000056789012345`
 * @returns the check digit, `'0'`..`'9'`
 */
export function betalingskenmerkCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const weight = BETALINGSKENMERK_WEIGHTS[i % BETALINGSKENMERK_WEIGHTS.length] ?? 0;
    sum += digitAt(digits, digits.length - 1 - i) * weight;
  }
  const check = 11 - (sum % 11);
  return String(check === 11 ? 0 : check === 10 ? 1 : check);
}

/** ISO 13616 §7: move the first four characters to the end, letters become 10..35, mod 97. */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    // Digits add one decimal place, letters (A=10 … Z=35) two; stays far below 2^53.
    remainder =
      code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}

function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) - 48;
}
