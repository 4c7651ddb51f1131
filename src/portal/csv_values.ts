/**
 * Reading the cells of a bulk-answer CSV as spreadsheets write them: amounts in the Dutch and the
 * English way (`1234,56`, `1.234,56`, `1234.56`, `€ 1.234,56`) into integer cents without ever
 * passing through a floating-point number (docs/portal.md, "Bulk answers (CSV)"), dates as
 * `2026-11-30` or `30-11-2026`, and yes/no as `ja`/`nee`. Each reader returns the value or a
 * Dutch explanation of what it expected; none throws.
 */

/** A cell read: the value, or why it cannot be. */
export type CellResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const wrong = <T>(message: string): CellResult<T> => ({ ok: false, message });

const AMOUNT_HINT = 'gebruik bijvoorbeeld 1234,56 of 1.234,56';

/**
 * An amount in euros as integer cents. Accepted: an optional `€` or `EUR`, digits with a decimal
 * comma or point and at most two decimals, thousands grouped by `.`, `,`, a space or a
 * non-breaking space when the other sign is the decimal one. A `.` followed by exactly three
 * digits groups thousands in the Dutch way (`1.234` is €1,234.00); a lone `1,234` could mean
 * either and is refused.
 * Negative amounts are refused: the standard has none.
 */
export function parseAmount(text: string): CellResult<number> {
  let rest = text
    .trim()
    .replace(/^(€|eur)\s*/i, '')
    .replace(/\s*(€|eur)$/i, '')
    .trim();
  if (/^[-−]/.test(rest) || /-$/.test(rest)) return wrong('een bedrag kan niet negatief zijn');
  rest = rest.replace(/^\+/, '');
  if (!/^[0-9][0-9., \u00a0\u202f]*$/.test(rest) || /[., \u00a0\u202f]$/.test(rest)) {
    return wrong(`geen bedrag: ${AMOUNT_HINT}`);
  }
  const decimal = decimalSeparatorOf(rest);
  if (decimal === undefined) return wrong(`onduidelijk bedrag: ${AMOUNT_HINT}`);
  const [whole = '', fraction = ''] = decimal === '' ? [rest] : splitLast(rest, decimal);
  const groups = whole.split(/[., \u00a0\u202f]/);
  const grouped = groups.length > 1;
  const [first = '', ...others] = groups;
  if (grouped && (!/^[0-9]{1,3}$/.test(first) || !others.every((g) => /^[0-9]{3}$/.test(g)))) {
    return wrong(`geen bedrag: ${AMOUNT_HINT}`);
  }
  if (grouped && new Set(whole.replace(/[0-9]/g, '')).size > 1) {
    return wrong(`geen bedrag: ${AMOUNT_HINT}`);
  }
  if (!/^[0-9]{0,2}$/.test(fraction)) return wrong('een bedrag heeft hoogstens twee decimalen');
  const digits = groups.join('') + fraction.padEnd(2, '0');
  const cents = digits.replace(/^0+(?=[0-9])/, '');
  // The schema's maximum is 99,999,999,999 cents; anything longer cannot be a valid amount and
  // would lose precision as a number.
  if (cents.length > 15) return wrong('het bedrag is te groot');
  return ok(Number(cents));
}

/**
 * Which sign separates the decimals: `''` for none; `undefined` when it cannot be told.
 * With both `.` and `,`, the last one is the decimal sign.
 */
function decimalSeparatorOf(text: string): '.' | ',' | '' | undefined {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const sign = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
  if (sign === '') return '';
  const count = text.split(sign).length - 1;
  const after = text.length - text.lastIndexOf(sign) - 1;
  if (count === 1 && after <= 2) return sign;
  // Thousands only: 1.234 (Dutch) or 1,234,567; a single 1,234 may mean 1.234 and is refused.
  if (after === 3 && (sign === '.' || count > 1)) return '';
  return count === 1 && after > 3 ? sign : undefined; // 12,3456: too many decimals, said later
}

function splitLast(text: string, sign: string): [string, string] {
  const at = text.lastIndexOf(sign);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A date as `yyyy-mm-dd` from `2026-11-30`, `30-11-2026`, `30/11/2026` or `30.11.2026`. */
export function parseDate(text: string): CellResult<string> {
  const trimmed = text.trim();
  const iso = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/.exec(trimmed);
  const dutch = /^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : undefined;
  if (parts === undefined) return wrong('geen datum: gebruik 30-11-2026 of 2026-11-30');
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return wrong('deze datum bestaat niet');
  }
  return ok(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0']);

/** Yes or no: `ja`/`nee` (also `j`/`n`, `waar`/`onwaar`, `true`/`false`, `1`/`0`). */
export function parseYesNo(text: string): CellResult<boolean> {
  const word = text.trim().toLowerCase();
  if (YES.has(word)) return ok(true);
  if (NO.has(word)) return ok(false);
  return wrong('vul ja of nee in');
}

/** An IBAN in electronic form: spaces removed, capitals (the schema checks mod 97). */
export function normaliseIban(text: string): string {
  return text.replace(/[\s\u00a0]/g, '').toUpperCase();
}

/** Dutch display of cents: 123456 → `1234,56` (what a Dutch spreadsheet reads as a number). */
export function formatAmount(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole},${String(cents % 100).padStart(2, '0')}`;
}
