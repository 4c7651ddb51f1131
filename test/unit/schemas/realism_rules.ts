/**
 * Test helpers: what makes an example of the standard realistic, as pure checks over one JSON
 * document. The rules are keyed on field names (and values' shapes), not on message types, so
 * they hold for every version: a `bsn` passes the 11-test, an IBAN is one a Dutch bank could
 * issue, a `betalingskenmerk` has its check digit, times fall at the end of a Dutch working day,
 * OINs are the development network's, claim lines add up with collection costs within the WIK
 * maximum, offered amounts follow from the percentages, and dates come in order.
 */
import {
  addWorkingDays,
  dutchCalendarDate,
  endOfDutchDay,
  isValidBetalingskenmerk,
  isValidBsn,
  isValidIban,
  isValidPostcode,
  isWorkingDay,
} from '@knooppunt/standard';
import { DEFAULT_EXPIRY_WORKING_DAYS } from '../../../src/lifecycle/records.ts';
import { checkArithmetic } from './realism_arithmetic.ts';
import {
  DUTCH_BANK_CODES,
  isKnownGemeente,
  isKnownWoonplaats,
  passesAccountElevenTest,
  postcodeRange,
} from './realism_places.ts';

/** One way an example is unrealistic: the fields involved (JSON pointers), the rule, why. */
export interface Finding {
  readonly pointers: readonly string[];
  readonly rule: string;
  readonly message: string;
}

/** What the checks compare against. */
export interface RealismContext {
  /** The OINs an example may name: the development network's and its hub's. */
  readonly oins: ReadonlySet<string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Report = (pointers: readonly string[], rule: string, message: string) => void;

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}/;
const OIN_KEYS = /^(sender|recipient|ontvanger|afzender|oin)$|Oin$/;
/** Instants that are deadlines (the midnight ending a working day), not moments someone acted. */
const DEADLINE_KEYS: ReadonlySet<string> = new Set(['verlopenOp', 'expiresAt', 'answerDueAt']);
/** "Late afternoon" of a Dutch working day: from 16:00 up to 18:00 Europe/Amsterdam. */
const LATE_AFTERNOON = { from: 16, to: 18 } as const;
/** Date fields in order within one document: each of the first comes before each of the second. */
const DATE_ORDER: readonly (readonly [string, string])[] = [
  ['ontstaansdatum', 'peildatum'],
  ['startdatumSchuldhulpverlening', 'incassoOpgeschortTot'],
  ['datumAkkoord', 'betaalmomenten'],
  ['datumUitspraak', 'peildatum'],
];
const ADULT_YEARS = 18;
/** Dates on which an office acts (a reference date, a decision, a payment): working days. */
const WORKING_DAY_DATES: ReadonlySet<string> = new Set([
  'peildatum',
  'datumAkkoord',
  'datumUitspraak',
  'startdatumSchuldhulpverlening',
  'verwachteAfhandeldatum',
  'eersteTermijnDatum',
  'betaalmomenten',
]);

const AMSTERDAM_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** Every finding in `document`, its pointers rooted at it (a wire message's payload at `/payload`). */
export function documentFindings(document: unknown, context: RealismContext): Finding[] {
  const findings: Finding[] = [];
  const dates = new Map<string, { value: string; pointer: string }[]>();
  const report: Report = (pointers, rule, message) => findings.push({ pointers, rule, message });

  const visit = (value: Json, pointer: string, key: string, parent: JsonObject | undefined) => {
    if (typeof value === 'string') {
      checkString(value, pointer, key, parent, context, report);
      if (DATE.test(value)) {
        const name = dateName(key, pointer);
        dates.set(name, [...(dates.get(name) ?? []), { value, pointer }]);
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${pointer}/${i}`, String(i), parent));
      return;
    }
    if (value !== null && typeof value === 'object') {
      checkArithmetic(value, pointer, report);
      for (const [childKey, child] of Object.entries(value))
        visit(child, `${pointer}/${escape(childKey)}`, childKey, value);
    }
  };
  visit(document as Json, '', '', undefined);
  checkDateOrder(dates, report);
  return findings;
}

function checkString(
  value: string,
  pointer: string,
  key: string,
  parent: JsonObject | undefined,
  context: RealismContext,
  report: Report,
): void {
  if (key === 'bsn' && !isValidBsn(value)) report([pointer], 'bsn', `${value} fails the 11-test`);
  if ((/iban/i.test(key) || /rekening$/i.test(key)) && !isIssuableIban(value))
    report(
      [pointer],
      'iban',
      `${value} is no account a Dutch bank issues (bank code, 11-test, mod-97)`,
    );
  if (/betalingskenmerk/i.test(key) && !isValidBetalingskenmerk(value))
    report(
      [pointer],
      'betalingskenmerk',
      `${value} is no betalingskenmerk with a right check digit`,
    );
  if ((OIN_KEYS.test(key) || /^0000000[0-9]{13}$/.test(value)) && /^[0-9]{20}$/.test(value)) {
    if (!context.oins.has(value))
      report([pointer], 'oin', `${value} is not in the development network`);
  }
  if (DATE_TIME.test(value)) checkInstant(value, pointer, key, parent, report);
  if (DATE.test(value) && !isCalendarDate(value))
    report([pointer], 'date', `${value} is no calendar date`);
  else if (
    DATE.test(value) &&
    WORKING_DAY_DATES.has(dateName(key, pointer)) &&
    !isWorkingDay(value)
  )
    report([pointer], 'date', `${key} ${value} is no Dutch working day`);
  // A foreign address takes a free postal code; a 4-digit one is a postal area (envelope).
  const dutch = (parent?.['land'] ?? 'NL') === 'NL';
  if (key === 'postcode' && dutch && /^[0-9]{4}$/.test(value) && !isKnownArea(value))
    report([pointer], 'postcode', `${value} is no postcode area of the examples' places`);
  else if (key === 'postcode' && dutch && !/^[0-9]{4}$/.test(value))
    checkPostcode(value, pointer, parent, report);
  if (key === 'postcodegebied' && !isKnownArea(value))
    report([pointer], 'postcode', `${value} is no postcode area of the examples' places`);
  if (
    /^[0-9]{4}$/.test(value) &&
    /^postcodegebieden$/.test(listName(pointer)) &&
    !isKnownArea(value)
  )
    report([pointer], 'postcode', `${value} is no postcode area of the examples' places`);
  if (key === 'gemeente' && !isKnownGemeente(value))
    report([pointer], 'gemeente', `${value} is no municipality of the examples' places`);
}

/** A Dutch IBAN needs a real bank code and the bank's 11-test; any IBAN needs mod-97. */
export function isIssuableIban(iban: string): boolean {
  if (!isValidIban(iban)) return false;
  if (!iban.startsWith('NL')) return true;
  return DUTCH_BANK_CODES.has(iban.slice(4, 8)) && passesAccountElevenTest(iban);
}

function checkInstant(
  value: string,
  pointer: string,
  key: string,
  parent: JsonObject | undefined,
  report: Report,
): void {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    report([pointer], 'time', `${value} is no instant`);
    return;
  }
  if (DEADLINE_KEYS.has(key)) {
    const day = dutchCalendarDate(new Date(instant.getTime() - 1));
    if (!isWorkingDay(day) || endOfDutchDay(day).getTime() !== instant.getTime())
      report([pointer], 'time', `${value} is not the midnight ending a Dutch working day`);
    const received = parent?.['ontvangenOp'];
    if (key === 'verlopenOp' && typeof received === 'string') {
      const due = endOfDutchDay(addWorkingDays(new Date(received), DEFAULT_EXPIRY_WORKING_DAYS));
      if (due.getTime() !== instant.getTime())
        report([pointer], 'time', `expires ${value}, not ${due.toISOString()} (5 working days)`);
    }
    return;
  }
  const hour = Number(AMSTERDAM_HOUR.format(instant));
  if (
    !isWorkingDay(dutchCalendarDate(instant)) ||
    hour < LATE_AFTERNOON.from ||
    hour >= LATE_AFTERNOON.to
  )
    report(
      [pointer],
      'time',
      `${value} is not late afternoon of a Dutch working day (Europe/Amsterdam)`,
    );
}

function checkPostcode(
  value: string,
  pointer: string,
  parent: JsonObject | undefined,
  report: Report,
): void {
  const range = isValidPostcode(value) ? postcodeRange(Number(value.slice(0, 4))) : undefined;
  if (range === undefined) {
    report([pointer], 'postcode', `${value} is no postcode of the examples' places`);
    return;
  }
  const place = parent?.['woonplaats'];
  if (typeof place === 'string' && place !== range.woonplaats)
    report(
      [pointer, pointer.replace(/postcode$/, 'woonplaats')],
      'postcode',
      `${value} lies in ${range.woonplaats}, not ${place}`,
    );
  if (typeof place === 'string' && !isKnownWoonplaats(place))
    report(
      [pointer.replace(/postcode$/, 'woonplaats')],
      'woonplaats',
      `${place} is no known place`,
    );
}

function isKnownArea(value: string): boolean {
  return /^[1-9][0-9]{3}$/.test(value) && postcodeRange(Number(value)) !== undefined;
}

function checkDateOrder(
  dates: ReadonlyMap<string, readonly { value: string; pointer: string }[]>,
  report: Report,
): void {
  for (const [earlier, later] of DATE_ORDER) {
    for (const a of dates.get(earlier) ?? [])
      for (const b of dates.get(later) ?? [])
        if (a.value >= b.value)
          report(
            [a.pointer, b.pointer],
            'date-order',
            `${earlier} ${a.value} is not before ${later} ${b.value}`,
          );
  }
  // Whoever a document names was an adult at every other date it gives.
  for (const birth of dates.get('geboortedatum') ?? []) {
    const adult = `${Number(birth.value.slice(0, 4)) + ADULT_YEARS}${birth.value.slice(4)}`;
    for (const [name, values] of dates) {
      if (name === 'geboortedatum') continue;
      for (const other of values)
        if (other.value < adult)
          report(
            [birth.pointer, other.pointer],
            'date-order',
            `${name} ${other.value} is before the person was ${ADULT_YEARS}`,
          );
    }
  }
}

/** A date's name: its key, or for a `datum` inside a list the list's (`betaalmomenten`). */
function dateName(key: string, pointer: string): string {
  return key === 'datum' || /^[0-9]+$/.test(key) ? listName(pointer) : key;
}

/** The name of the list a pointer's last step indexes into (`/betaalmomenten/0/datum`). */
function listName(pointer: string): string {
  const steps = pointer.split('/');
  for (let i = steps.length - 1; i >= 0; i -= 1)
    if (!/^[0-9]*$/.test(steps[i] ?? '') && steps[i] !== 'datum') return steps[i] ?? '';
  return '';
}

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
