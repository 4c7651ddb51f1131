/**
 * The SKP's Kennisgeving antwoord (module Schuldregelen) onto our `kennisgeving-antwoord` 2.1.
 * The SKP's process agreements for creditors: the answer adds the creditor's client number
 * and/or invoice numbers, and (new in its 2.0) a contact person and an `Antwoord`.
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { defined } from './mapping.ts';
import type { SkpAdres, SkpContactpersoon, SkpPersoon } from './schuldregelen_parts.ts';
import {
  adresFields,
  contactFields,
  contactpersoon,
  partner,
  persoonFields,
  schuldenaar,
} from './schuldregelen_parts.ts';

/** An SKP Kennisgeving antwoord, named after its elements. */
export interface SkpKennisgevingAntwoord {
  readonly KlantnummerSHV: string;
  readonly Klant: SkpPersoon;
  readonly Partner?: SkpPersoon;
  readonly Adres: SkpAdres;
  readonly Klantnummer?: string;
  readonly Factuurnummers?: readonly string[];
  readonly Contactpersoon: SkpContactpersoon;
  readonly Antwoord?: string;
}

const FIELDS: readonly SkpField[] = [
  {
    skp: 'Klantnummer',
    required: false,
    pointer: '/klantnummerSchuldeiser',
    note: 'this or Factuurnummers',
  },
  { skp: 'Factuurnummers[]', required: false, pointer: '/factuurnummers/i' },
  ...contactFields(
    'Contactpersoon',
    { naam: 'Naam', telefoon: 'Telefoonnummer', email: 'Emailadres' },
    true,
  ),
  { skp: 'Antwoord', required: false, pointer: '/antwoord', note: 'carried as given' },
  {
    skp: 'KlantnummerSHV',
    required: true,
    pointer: '/klantnummerSchuldhulpverlener',
    note: 'of the kennisgeving answered',
  },
  ...persoonFields('Klant', '/schuldenaar/persoon', true),
  ...persoonFields('Partner', '/partner/persoon', false),
  ...adresFields('/schuldenaar/adres'),
];

/** The SKP's Kennisgeving antwoord → `kennisgeving-antwoord` 2.1. */
export const skpKennisgevingAntwoord: SkpMapping<SkpKennisgevingAntwoord> = Object.freeze({
  skpMessage: 'Kennisgeving antwoord',
  skpModule: 'Schuldregelen',
  source: 'https://schuldenknooppunt.nl/infoportaal/afsprakenstelsel/sr-procesafspraken-se/',
  messageType: 'kennisgeving-antwoord',
  version: '2.1',
  fields: FIELDS,
  translate: (message: SkpKennisgevingAntwoord): Record<string, unknown> =>
    defined({
      klantnummerSchuldhulpverlener: message.KlantnummerSHV,
      klantnummerSchuldeiser: message.Klantnummer,
      schuldenaar: schuldenaar(message.Klant, message.Adres),
      partner: partner(message.Partner),
      contactpersoon: contactpersoon(message.Contactpersoon),
      factuurnummers:
        message.Factuurnummers === undefined || message.Factuurnummers.length === 0
          ? undefined
          : [...message.Factuurnummers],
      antwoord: message.Antwoord?.trim() || undefined,
    }),
});
