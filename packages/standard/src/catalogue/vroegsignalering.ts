/**
 * The vocabulary of vroegsignalering (early signals; docs/catalogue.md): the kinds of fixed
 * cost whose creditors signal arrears, the outcomes a municipality reports, and the postal
 * areas (PC4) a municipality serves. Data and pure functions; the hub routes a signal with
 * them, the SDK finds the municipality with them, operators count reach with them.
 */
import { valueAt } from '../json_pointer.ts';

/**
 * The kinds of fixed cost whose creditors signal payment arrears (Wet gemeentelijke
 * schuldhulpverlening art. 3a and the Besluit; CAK for Wmo and Wlz contributions in pilots).
 */
export const VASTE_LASTEN = [
  'energie',
  'drinkwater',
  'woningcorporatie',
  'verhuurder',
  'zorgverzekeraar',
  'cak-wmo',
  'cak-wlz',
] as const;
/** A kind of fixed cost. */
export type VasteLast = (typeof VASTE_LASTEN)[number];

/** The outcomes of a municipality's contact after a signal (signaal-uitkomst). */
export const SIGNAAL_UITKOMSTEN = ['bereikt', 'niet-bereikt', 'al-in-hulp', 'afgewezen'] as const;
/** An outcome of a municipality's contact after a signal. */
export type SignaalUitkomst = (typeof SIGNAAL_UITKOMSTEN)[number];

const VASTE_LAST_SET: ReadonlySet<string> = new Set(VASTE_LASTEN);

/** Whether a string names a kind of fixed cost. */
export function isVasteLast(value: string): value is VasteLast {
  return VASTE_LAST_SET.has(value);
}

/** A PC4 area: the four digits of a Dutch postcode, the first not 0. */
const PC4 = /^[1-9][0-9]{3}$/;
/** A postal area a municipality declares: one PC4 area (`3511`) or an inclusive range (`3500-3585`). */
const AREA = /^([1-9][0-9]{3})(?:-([1-9][0-9]{3}))?$/;
/** A Dutch postcode as the payload carries it: `3511 AB` or `3511AB`. */
const POSTCODE = /^([1-9][0-9]{3}) ?[A-Z]{2}$/;

/** Whether a string is a PC4 area (four digits, the first not 0). */
export function isPc4(value: string): boolean {
  return PC4.test(value);
}

/** The PC4 area of a full Dutch postcode (`3511 AB` → `3511`); `undefined` when it is none. */
export function pc4Of(postcode: string): string | undefined {
  return POSTCODE.exec(postcode)?.[1];
}

/** Where every type routed by postcode carries the person's postcode in its payload. */
export const SIGNAL_POSTCODE_POINTER = '/adres/postcode';

/** The postcode as a signal's payload writes it (`adres.postcode`), when it has one. */
export function signalPostcode(payload: unknown): string | undefined {
  const postcode = valueAt(payload, SIGNAL_POSTCODE_POINTER);
  return typeof postcode === 'string' ? postcode : undefined;
}

/**
 * The PC4 area of a signal's payload (`adres.postcode` `3531 CL` → `3531`), which its envelope
 * carries as `postcode`: the SDK fills it in, the hub checks it; `undefined` when the payload
 * has no Dutch postcode.
 */
export function signalPc4(payload: unknown): string | undefined {
  const postcode = signalPostcode(payload);
  return postcode === undefined ? undefined : pc4Of(postcode);
}

/** The inclusive PC4 range of a declared area; `undefined` when it is not one. */
function rangeOf(area: string): readonly [number, number] | undefined {
  const match = AREA.exec(area);
  if (match === null) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= high ? [low, high] : undefined;
}

/** Whether a string is a postal area as a municipality declares it (`3511` or `3500-3585`, low to high). */
export function isPostcodegebied(value: string): boolean {
  return rangeOf(value) !== undefined;
}

/** Whether declared postal areas (`3511`, `3500-3585`) include the PC4 area `pc4`. */
export function servesPc4(areas: readonly string[], pc4: string): boolean {
  if (!isPc4(pc4)) return false;
  const wanted = Number(pc4);
  return areas.some((area) => {
    const range = rangeOf(area);
    return range !== undefined && wanted >= range[0] && wanted <= range[1];
  });
}

/**
 * The first PC4 area two declarations share, if any: one municipality serves each area, so the
 * registry refuses a declaration that overlaps another municipality's.
 */
export function firstSharedPc4(a: readonly string[], b: readonly string[]): string | undefined {
  let first: number | undefined;
  for (const one of a.map(rangeOf)) {
    for (const other of b.map(rangeOf)) {
      if (one === undefined || other === undefined) continue;
      const low = Math.max(one[0], other[0]);
      if (low <= Math.min(one[1], other[1]) && (first === undefined || low < first)) first = low;
    }
  }
  return first === undefined ? undefined : String(first);
}
