/**
 * The contract of a mapping from a Schuldenknooppunt (SKP) message onto Knooppunt's standard
 * 2.1 (docs/schuldenknooppunt.md): each mapping declares every element the SKP documents for
 * the message, with the JSON pointer where it lands in our payload (or envelope, or log
 * search), and translates one SKP message — given as JSON named after their elements — into
 * ours. The declaration is data: the documentation's tables and the fixture test read it.
 * Helpers here are pure value conversions shared by the mappings (amounts, dates); a pointer is
 * read with the standard's `valueAt` (json_pointer.ts).
 */
import { KnooppuntError } from '../errors.ts';

/**
 * Where a documented SKP element lands in Knooppunt's standard: the translated message's
 * payload or envelope; for the CSV answer format, the `request` answered (the saldoverzoek whose
 * columns the file repeats); for the log, the search (`GET /v1/log` parameters) or its entries.
 */
export type SkpTarget = 'payload' | 'envelope' | 'request' | 'log-search' | 'log-entry';

/** One element the SKP documents for a message, and its place in ours. */
export interface SkpField {
  /** The element as the SKP's documentation names it (`Bruto_Kredietsom`, `Stuurgegevens.Referentienummer`). */
  readonly skp: string;
  /** Required (☒) in the SKP's documentation. */
  readonly required: boolean;
  /** What the pointer points into; `payload` when absent. */
  readonly target?: SkpTarget;
  /**
   * RFC 6901 JSON pointer of the value in ours (`/brutoKredietsom`); `i` stands for each index
   * of a list (`/vorderingen/i/datum`). For `log-search` the name of the query parameter.
   */
  readonly pointer: string;
  /** How the value changes on the way (codes to words, euros to cents…), or why it sits there. */
  readonly note?: string;
}

/** A mapping of one SKP message onto one Knooppunt message type at version 2.1. */
export interface SkpMapping<Skp, Ours = Record<string, unknown>> {
  /** The SKP message, as their portal names it (`Aanvraag borgstelling`). */
  readonly skpMessage: string;
  /** The SKP module (`Waarborgfonds`, `Schuldregelen`). */
  readonly skpModule: string;
  /** Where the SKP documents the message (their portal page). */
  readonly source: string;
  /** Our message type, and the version the translation produces. */
  readonly messageType: string;
  readonly version: '2.1';
  /** Every element the SKP documents for the message. */
  readonly fields: readonly SkpField[];
  /** Translates one SKP message into our payload (or, for the header, envelope fields). */
  readonly translate: (message: Skp) => Ours;
}

/**
 * A value the SKP sends that the translation cannot read (an unknown code, a malformed amount),
 * code `SKP_VALUE_INVALID`. The message names the element and what is wrong, never the value:
 * it may be a name or a birth date, and errors reach logs and screens.
 */
export class SkpValueError extends KnooppuntError<'SKP_VALUE_INVALID'> {
  override readonly name = 'SkpValueError';

  constructor(
    readonly element: string,
    problem: string,
  ) {
    super('SKP_VALUE_INVALID', `${element}: ${problem}`);
  }
}

const EURO = /^(0|[1-9][0-9]*)(?:[.,]([0-9]{1,2}))?$/;

/**
 * An SKP `Bedrag` (euros, a decimal number or its text, `4620.00` or `4620,00`) in integer
 * cents, read as text so no floating-point rounding enters (`0.1 + 0.2`).
 *
 * @throws SkpValueError when it is no non-negative amount with at most two decimals
 */
export function euroToCents(element: string, value: number | string): number {
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const match = EURO.exec(text);
  if (match === null) throw new SkpValueError(element, 'is no amount in euros');
  const [, euros = '0', fraction = ''] = match;
  return Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
}

const DUTCH_DATE = /^([0-9]{2})-([0-9]{2})-([0-9]{4})$/;

/**
 * An SKP date (`dd-mm-jjjj` in the CSV, ISO `jjjj-mm-dd` in the XML messages) as an RFC 3339
 * full-date.
 *
 * @throws SkpValueError when it is neither
 */
export function skpDate(element: string, value: string): string {
  const dutch = DUTCH_DATE.exec(value.trim());
  const iso = dutch === null ? value.trim() : `${dutch[3]}-${dutch[2]}-${dutch[1]}`;
  const day = new Date(`${iso}T00:00:00Z`);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(iso) || day.toISOString().slice(0, 10) !== iso) {
    throw new SkpValueError(element, 'is no date (dd-mm-jjjj or jjjj-mm-dd)');
  }
  return iso;
}

/** Looks a code up in a table of the SKP's codes. @throws SkpValueError for an unknown code */
export function fromCode<Code extends string | number, Word>(
  element: string,
  table: ReadonlyMap<Code, Word>,
  code: Code,
): Word {
  const word = table.get(code);
  if (word === undefined) throw new SkpValueError(element, 'is no code the SKP documents for it');
  return word;
}

/** `object` without its `undefined` properties (optional SKP elements that were absent). */
export function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
