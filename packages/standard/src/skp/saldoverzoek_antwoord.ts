/**
 * The SKP's Saldoverzoek antwoord and Saldoverzoek antwoord vooraf akkoord (module Schuldregelen)
 * onto our `saldoverzoek-antwoord` and `saldoverzoek-antwoord-vooraf-akkoord` 2.1. Their elements
 * are those the SKP documents in the CSV Saldoverzoek Antwoord (columns E, H–L for the question
 * echoed, L–V for the answer) and `Invent. Ongematchte Schulden` (a total claim or the separate
 * open claims the creditor did not match).
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { SkpValueError, defined } from './mapping.ts';
import type { SkpAdres, SkpBedrag, SkpPersoon, SkpVordering } from './schuldregelen_parts.ts';
import {
  adresFields,
  contactFields,
  contactpersoon,
  jaOfLeeg,
  optionalCents,
  optionalDate,
  partner,
  persoonFields,
  schuldenaar,
  vorderingFields,
  vorderingsregel,
} from './schuldregelen_parts.ts';

/** The SKP's `Ongematchte schulden`: a total claim, or the separate open claims. */
export interface SkpOngematchteSchulden {
  readonly Totaalvordering?: { readonly Bedrag: SkpBedrag; readonly Datum?: string };
  readonly OpenstaandeSchulden?: readonly SkpVordering[];
}

/** An SKP Saldoverzoek antwoord (or vooraf akkoord), named after its elements. */
export interface SkpSaldoverzoekAntwoord {
  readonly KlantnummerSHV: string;
  readonly Klant: SkpPersoon;
  readonly Partner?: SkpPersoon;
  readonly Adres: SkpAdres;
  readonly KlantnummerSE?: string;
  readonly ContactpersoonSE: {
    readonly Naam?: string;
    readonly Email?: string;
    readonly Telefoon?: string;
  };
  readonly KlantOnbekend?: string;
  readonly Vorderingen?: readonly SkpVordering[];
  readonly OngematchteSchulden?: SkpOngematchteSchulden;
}

const FIELDS: readonly SkpField[] = [
  {
    skp: 'KlantnummerSHV',
    required: true,
    pointer: '/klantnummerSchuldhulpverlener',
    note: 'echoed from the saldoverzoek (CSV column E)',
  },
  ...persoonFields('Klant', '/schuldenaar/persoon', true),
  ...persoonFields('Partner', '/partner/persoon', false),
  ...adresFields('/schuldenaar/adres'),
  { skp: 'KlantnummerSE', required: true, pointer: '/klantnummerSchuldeiser' },
  ...contactFields(
    'ContactpersoonSE',
    { naam: 'Naam', telefoon: 'Telefoon', email: 'Email' },
    true,
  ),
  {
    skp: 'KlantOnbekend',
    required: false,
    pointer: '/clientOnbekend',
    note: '`Ja` → true, empty or absent → false',
  },
  ...vorderingFields('Vorderingen[]', '/vorderingen/i'),
  {
    skp: 'OngematchteSchulden.Totaalvordering.Bedrag',
    required: false,
    pointer: '/ongematchteSchulden/totaalvordering/bedrag',
    note: 'euros → integer cents; one of Totaalvordering and OpenstaandeSchulden when claims are not matched',
  },
  {
    skp: 'OngematchteSchulden.Totaalvordering.Datum',
    required: false,
    pointer: '/ongematchteSchulden/totaalvordering/datum',
  },
  ...vorderingFields(
    'OngematchteSchulden.OpenstaandeSchulden[]',
    '/ongematchteSchulden/openstaandeSchulden/i',
  ).filter((field) => !field.skp.endsWith('FactuurnummerSEVolgensSHV')),
];

function ongematchteSchulden(
  unmatched: SkpOngematchteSchulden | undefined,
): Record<string, unknown> | undefined {
  if (unmatched === undefined) return undefined;
  const total = unmatched.Totaalvordering;
  const open = unmatched.OpenstaandeSchulden ?? [];
  if (total === undefined && open.length === 0) {
    throw new SkpValueError(
      'OngematchteSchulden',
      'needs a Totaalvordering or OpenstaandeSchulden',
    );
  }
  return defined({
    totaalvordering:
      total === undefined
        ? undefined
        : defined({
            bedrag: optionalCents('OngematchteSchulden.Totaalvordering.Bedrag', total.Bedrag),
            datum: optionalDate('OngematchteSchulden.Totaalvordering.Datum', total.Datum),
          }),
    // An entry of `Openstaande schulden` is an open claim by its element's name.
    openstaandeSchulden:
      open.length === 0
        ? undefined
        : open.map((claim, i) =>
            vorderingsregel(`OngematchteSchulden.OpenstaandeSchulden[${i}]`, claim, 'open'),
          ),
  });
}

function answer(message: SkpSaldoverzoekAntwoord): Record<string, unknown> {
  return defined({
    klantnummerSchuldhulpverlener: message.KlantnummerSHV,
    klantnummerSchuldeiser: message.KlantnummerSE,
    schuldenaar: schuldenaar(message.Klant, message.Adres),
    partner: partner(message.Partner),
    contactpersoon: contactpersoon({
      Naam: message.ContactpersoonSE.Naam,
      Telefoonnummer: message.ContactpersoonSE.Telefoon,
      Emailadres: message.ContactpersoonSE.Email,
    }),
  });
}

function claims(message: SkpSaldoverzoekAntwoord): Record<string, unknown>[] {
  return (message.Vorderingen ?? []).map((claim, i) => vorderingsregel(`Vorderingen[${i}]`, claim));
}

/** The SKP's Saldoverzoek antwoord → `saldoverzoek-antwoord` 2.1. */
export const skpSaldoverzoekAntwoord: SkpMapping<SkpSaldoverzoekAntwoord> = Object.freeze({
  skpMessage: 'Saldoverzoek antwoord',
  skpModule: 'Schuldregelen',
  source:
    'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5741946/CSV+Saldoverzoek+Antwoord+-+Algemeen',
  messageType: 'saldoverzoek-antwoord',
  version: '2.1',
  fields: FIELDS,
  translate: (message: SkpSaldoverzoekAntwoord): Record<string, unknown> => {
    const onbekend = jaOfLeeg('KlantOnbekend', message.KlantOnbekend) === true;
    return defined({
      ...answer(message),
      clientOnbekend: onbekend,
      vorderingen: onbekend ? undefined : claims(message),
      ongematchteSchulden: onbekend ? undefined : ongematchteSchulden(message.OngematchteSchulden),
    });
  },
});

/** The SKP's Saldoverzoek antwoord vooraf akkoord → `saldoverzoek-antwoord-vooraf-akkoord` 2.1. */
export const skpSaldoverzoekAntwoordVoorafAkkoord: SkpMapping<SkpSaldoverzoekAntwoord> =
  Object.freeze({
    skpMessage: 'Saldoverzoek antwoord vooraf akkoord',
    skpModule: 'Schuldregelen (Vooraf akkoord)',
    source:
      'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5741946/CSV+Saldoverzoek+Antwoord+-+Algemeen',
    messageType: 'saldoverzoek-antwoord-vooraf-akkoord',
    version: '2.1',
    fields: FIELDS.filter((field) => field.skp !== 'KlantOnbekend'),
    translate: (message: SkpSaldoverzoekAntwoord): Record<string, unknown> => {
      if (jaOfLeeg('KlantOnbekend', message.KlantOnbekend) === true) {
        throw new SkpValueError('KlantOnbekend', 'an answer agreeing in advance knows its client');
      }
      return defined({
        ...answer(message),
        voorafAkkoord: true,
        vorderingen: claims(message),
        ongematchteSchulden: ongematchteSchulden(message.OngematchteSchulden),
      });
    },
  });
