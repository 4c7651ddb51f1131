/**
 * The parts the Schuldenknooppunt's (SKP) Schuldregelen messages share — the client and partner
 * (`Klant`, `Partner`), the address (`Adres`), the contact person, the kind of arrangement
 * (`TypeSchuldregeling`), `Ja`/empty flags and claim lines — translated onto standard 2.1's
 * shared definitions, with the declarations of their elements for the field tables. Element
 * names are those of the SKP's documentation (BR&HF Saldoverzoek, the CSV Saldoverzoek
 * Antwoord's composite columns, Regeling geaccordeerd); docs/schuldenknooppunt.md.
 */
import type { SkpField } from './mapping.ts';
import { SkpValueError, defined, euroToCents, fromCode, skpDate } from './mapping.ts';

/** An SKP person (`Klant`, `Partner`): the parts the CSV answer's composite column H names. */
export interface SkpPersoon {
  readonly Geslacht?: string;
  readonly Voorletters?: string;
  readonly Voornamen?: string;
  readonly Voorvoegsel?: string;
  readonly Achternaam: string;
  readonly Geboortedatum?: string;
}

/** An SKP address: the parts of the CSV answer's composite column J. */
export interface SkpAdres {
  readonly Straatnaam?: string;
  readonly Huisnummer?: number | string;
  readonly Huisletter?: string;
  readonly Huisnummertoevoeging?: string;
  readonly AanduidingBijHuisnummer?: string;
  readonly Postcode: string;
  readonly Woonplaats: string;
  readonly Woonbootverwijzing?: string;
  readonly Woonwagenverwijzing?: string;
}

/** An SKP contact person (column D's parts: naam, telefoonnummer, emailadres). */
export interface SkpContactpersoon {
  readonly Naam?: string;
  readonly Telefoonnummer?: string;
  readonly Emailadres?: string;
}

/** An SKP amount: euros as a decimal number or its text. */
export type SkpBedrag = number | string;

/** BRP gender codes (and their words) → ours. */
const GESLACHT: ReadonlyMap<string, string> = new Map([
  ['m', 'man'],
  ['man', 'man'],
  ['v', 'vrouw'],
  ['vrouw', 'vrouw'],
  ['o', 'onbekend'],
  ['onbekend', 'onbekend'],
]);

/** BRP aanduiding bij huisnummer: `by` (bij) and `to` (tegenover). */
const AANDUIDING: ReadonlyMap<string, string> = new Map([
  ['by', 'bij'],
  ['bij', 'bij'],
  ['to', 'tegenover'],
  ['tegenover', 'tegenover'],
]);

/** `TypeSchuldregeling` codes (SbEnSk: SB, SK, SA; BR&HF: BR, HF) → our `soortRegeling`. */
export const TYPE_SCHULDREGELING: ReadonlyMap<string, string> = new Map([
  ['SB', 'schuldbemiddeling'],
  ['SK', 'saneringskrediet'],
  ['SA', 'nul-aanbod'],
  ['BR', 'betalingsregeling'],
  ['HF', 'herfinanciering'],
]);

/** `Schuldtype` values of the SKP's claim lines → our `soortSchuld`. */
const SCHULDTYPE: ReadonlyMap<string, string> = new Map([
  ['openstaande schuld', 'open'],
  ['overgedragen schuld', 'overgedragen-aan-incasso'],
  ['onbekende schuld bij se', 'onbekend'],
]);

const trimmed = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
};

/** An optional SKP date. */
export function optionalDate(element: string, value: string | undefined): string | undefined {
  const text = trimmed(value);
  return text === undefined ? undefined : skpDate(element, text);
}

/** An optional SKP amount in cents. */
export function optionalCents(element: string, value: SkpBedrag | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : euroToCents(element, value);
}

/** An SKP `Ja`/empty flag: `Ja` → true, empty → false, absent → absent. */
export function jaOfLeeg(element: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'ja') return true;
  if (text === '') return false;
  throw new SkpValueError(element, 'is neither Ja nor empty');
}

/** `TypeSchuldregeling` → our `soortRegeling`; absent stays absent. */
export function soortRegeling(element: string, code: string | undefined): string | undefined {
  const text = trimmed(code);
  return text === undefined
    ? undefined
    : fromCode(element, TYPE_SCHULDREGELING, text.toUpperCase());
}

/** An SKP person → our `persoon` (2.1: only the surname is required). */
export function persoon(element: string, person: SkpPersoon): Record<string, unknown> {
  const geslacht = trimmed(person.Geslacht);
  return defined({
    voorletters: trimmed(person.Voorletters),
    voornamen: trimmed(person.Voornamen),
    tussenvoegsel: trimmed(person.Voorvoegsel),
    achternaam: person.Achternaam.trim(),
    geboortedatum: optionalDate(`${element}.Geboortedatum`, person.Geboortedatum),
    geslacht:
      geslacht === undefined
        ? undefined
        : fromCode(`${element}.Geslacht`, GESLACHT, geslacht.toLowerCase()),
  });
}

/** An SKP address → our `adres` (house number, or a woonboot- or woonwagenverwijzing). */
export function adres(element: string, address: SkpAdres): Record<string, unknown> {
  const huisnummer =
    typeof address.Huisnummer === 'string' ? trimmed(address.Huisnummer) : address.Huisnummer;
  if (huisnummer !== undefined && !/^[1-9][0-9]{0,4}$/.test(String(huisnummer))) {
    throw new SkpValueError(`${element}.Huisnummer`, 'is no house number');
  }
  const aanduiding = trimmed(address.AanduidingBijHuisnummer);
  return defined({
    straat: trimmed(address.Straatnaam),
    huisnummer: huisnummer === undefined ? undefined : Number(huisnummer),
    huisletter: trimmed(address.Huisletter),
    huisnummertoevoeging: trimmed(address.Huisnummertoevoeging),
    aanduidingBijHuisnummer:
      aanduiding === undefined
        ? undefined
        : fromCode(`${element}.AanduidingBijHuisnummer`, AANDUIDING, aanduiding.toLowerCase()),
    postcode: address.Postcode.trim().toUpperCase(),
    woonplaats: address.Woonplaats.trim(),
    woonbootverwijzing: trimmed(address.Woonbootverwijzing),
    woonwagenverwijzing: trimmed(address.Woonwagenverwijzing),
  });
}

/** An SKP contact person → our `contactpersoon` (2.1: a name is not required). */
export function contactpersoon(contact: SkpContactpersoon): Record<string, unknown> {
  return defined({
    naam: trimmed(contact.Naam),
    telefoonnummer: trimmed(contact.Telefoonnummer),
    email: trimmed(contact.Emailadres),
  });
}

/** The debtor (`Klant` with `Adres`) → our `schuldenaar`. */
export function schuldenaar(klant: SkpPersoon, address: SkpAdres): Record<string, unknown> {
  return { persoon: persoon('Klant', klant), adres: adres('Adres', address) };
}

/** The partner → our `partner` (no birth date in the SKP's partner). */
export function partner(person: SkpPersoon | undefined): Record<string, unknown> | undefined {
  return person === undefined ? undefined : { persoon: persoon('Partner', person) };
}

/** An SKP claim line of a saldoverzoek antwoord (the CSV answer's columns K and Q–V). */
export interface SkpVordering {
  readonly FactuurnummerSEVolgensSHV?: string;
  readonly StandaardAkkoord?: string;
  readonly Datum?: string;
  readonly Schuldtype?: string;
  readonly FactuurnummerSE?: string;
  readonly Openstaand?: {
    readonly Ontstaansdatum?: string;
    readonly OrigineleVordering?: SkpBedrag;
  };
}

/**
 * An SKP claim line → our `vorderingsregel` 2.1. `soortDefault` is the kind when the element
 * itself says it (an `Openstaande schulden` entry is an open claim); otherwise `Schuldtype`
 * is required, since guessing it would invent data.
 */
export function vorderingsregel(
  element: string,
  claim: SkpVordering,
  soortDefault?: string,
): Record<string, unknown> {
  const schuldtype = trimmed(claim.Schuldtype);
  if (schuldtype === undefined && soortDefault === undefined) {
    throw new SkpValueError(`${element}.Schuldtype`, 'a claim line needs its Schuldtype');
  }
  return defined({
    factuurnummer: trimmed(claim.FactuurnummerSE),
    factuurnummerVolgensSchuldhulpverlener: trimmed(claim.FactuurnummerSEVolgensSHV),
    soortSchuld:
      schuldtype === undefined
        ? soortDefault
        : fromCode(`${element}.Schuldtype`, SCHULDTYPE, schuldtype.toLowerCase()),
    standaardAkkoord: jaOfLeeg(`${element}.StandaardAkkoord`, claim.StandaardAkkoord),
    datum: optionalDate(`${element}.Datum`, claim.Datum),
    ontstaansdatum: optionalDate(
      `${element}.Openstaand.Ontstaansdatum`,
      claim.Openstaand?.Ontstaansdatum,
    ),
    oorspronkelijkBedrag: optionalCents(
      `${element}.Openstaand.OrigineleVordering`,
      claim.Openstaand?.OrigineleVordering,
    ),
  });
}

/** The declarations of a person's elements under `skp` (`Klant`) landing under `pointer`. */
export function persoonFields(skp: string, pointer: string, required: boolean): SkpField[] {
  return [
    { skp, required, pointer, note: 'composite (CSV column H/I)' },
    {
      skp: `${skp}.Geslacht`,
      required: false,
      pointer: `${pointer}/geslacht`,
      note: 'BRP code M, V, O → man, vrouw, onbekend',
    },
    {
      skp: `${skp}.Voorletters`,
      required: false,
      pointer: `${pointer}/voorletters`,
      note: 'as given (2.1 takes initials without dots)',
    },
    { skp: `${skp}.Voornamen`, required: false, pointer: `${pointer}/voornamen` },
    { skp: `${skp}.Voorvoegsel`, required: false, pointer: `${pointer}/tussenvoegsel` },
    { skp: `${skp}.Achternaam`, required, pointer: `${pointer}/achternaam` },
    ...(skp === 'Partner'
      ? []
      : [
          {
            skp: `${skp}.Geboortedatum`,
            required: false,
            pointer: `${pointer}/geboortedatum`,
            note: 'dd-mm-jjjj or jjjj-mm-dd → jjjj-mm-dd',
          },
        ]),
  ];
}

/** The declarations of the address elements (`Adres`, CSV column J) under `pointer`. */
export function adresFields(pointer: string): SkpField[] {
  const part = (skp: string, ours: string, note?: string): SkpField =>
    defined({
      skp: `Adres.${skp}`,
      required: false,
      pointer: `${pointer}/${ours}`,
      note,
    }) as SkpField;
  return [
    { skp: 'Adres', required: true, pointer, note: 'composite (CSV column J)' },
    part('Straatnaam', 'straat'),
    part('Huisnummer', 'huisnummer', 'absent for a houseboat or caravan without one'),
    part('Huisletter', 'huisletter'),
    part('Huisnummertoevoeging', 'huisnummertoevoeging'),
    part('AanduidingBijHuisnummer', 'aanduidingBijHuisnummer', 'BRP code by, to → bij, tegenover'),
    { skp: 'Adres.Postcode', required: true, pointer: `${pointer}/postcode` },
    { skp: 'Adres.Woonplaats', required: true, pointer: `${pointer}/woonplaats` },
    part('Woonbootverwijzing', 'woonbootverwijzing'),
    part('Woonwagenverwijzing', 'woonwagenverwijzing'),
  ];
}

/** The declarations of a contact person's elements under `skp`. */
export function contactFields(
  skp: string,
  names: { readonly naam: string; readonly telefoon: string; readonly email: string },
  required: boolean,
): SkpField[] {
  return [
    {
      skp,
      required,
      pointer: '/contactpersoon',
      note: '2.1: a name, phone number or e-mail address suffices',
    },
    { skp: `${skp}.${names.naam}`, required: false, pointer: '/contactpersoon/naam' },
    {
      skp: `${skp}.${names.telefoon}`,
      required: false,
      pointer: '/contactpersoon/telefoonnummer',
      note: 'also a short service number such as 14 030',
    },
    { skp: `${skp}.${names.email}`, required: false, pointer: '/contactpersoon/email' },
  ];
}

/** The declarations of a claim line's elements under `skp` (a list) and `pointer` (with `i`). */
export function vorderingFields(skp: string, pointer: string): SkpField[] {
  const f = (name: string, ours: string, note?: string): SkpField =>
    defined({
      skp: `${skp}.${name}`,
      required: false,
      pointer: `${pointer}/${ours}`,
      note,
    }) as SkpField;
  return [
    f(
      'FactuurnummerSEVolgensSHV',
      'factuurnummerVolgensSchuldhulpverlener',
      "the debt helper's reference, echoed next to the creditor's own",
    ),
    f('StandaardAkkoord', 'standaardAkkoord', '`Ja` → true, empty → false'),
    f('Datum', 'datum', 'dd-mm-jjjj or jjjj-mm-dd → jjjj-mm-dd'),
    f(
      'Schuldtype',
      'soortSchuld',
      'openstaande schuld → open, overgedragen schuld → overgedragen-aan-incasso, onbekende schuld bij SE → onbekend',
    ),
    f('FactuurnummerSE', 'factuurnummer'),
    f('Openstaand.Ontstaansdatum', 'ontstaansdatum', 'dd-mm-jjjj or jjjj-mm-dd → jjjj-mm-dd'),
    f('Openstaand.OrigineleVordering', 'oorspronkelijkBedrag', 'euros → integer cents'),
  ];
}
