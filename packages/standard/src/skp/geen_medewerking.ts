/**
 * The SKP's Geen medewerking (module Schuldregelen) onto our `geen-medewerking` 2.1. The SKP's
 * process agreements for creditors name its element `Reden` and its four reasons; the case
 * elements (client numbers, client, address, contact person) are those of the saldoverzoek or
 * kennisgeving it answers.
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { defined, fromCode } from './mapping.ts';
import type { SkpAdres, SkpContactpersoon, SkpPersoon } from './schuldregelen_parts.ts';
import {
  adresFields,
  contactFields,
  contactpersoon,
  partner,
  persoonFields,
  schuldenaar,
} from './schuldregelen_parts.ts';

/** An SKP Geen medewerking, named after its elements. */
export interface SkpGeenMedewerking {
  readonly KlantnummerSHV: string;
  readonly KlantnummerSE?: string;
  readonly Klant: SkpPersoon;
  readonly Partner?: SkpPersoon;
  readonly Adres: SkpAdres;
  readonly Contactpersoon: SkpContactpersoon;
  readonly Reden: string;
}

/** The four reasons of the SKP's process agreements (SR Procesafspraken SE, 5) → our codes. */
export const REDEN: ReadonlyMap<string, string> = new Map([
  ['klant onbekend', 'client-onbekend'],
  ['klant recent finale kwijting', 'recent-finale-kwijting'],
  ['klant recent poging tot stabilisatie', 'recent-stabilisatiepoging'],
  ['geen samenwerking met schuldhulpverlener', 'geen-samenwerking-met-schuldhulpverlener'],
]);

const FIELDS: readonly SkpField[] = [
  {
    skp: 'Reden',
    required: true,
    pointer: '/reden',
    note: 'klant onbekend, klant recent finale kwijting, klant recent poging tot stabilisatie, geen samenwerking met schuldhulpverlener → our four codes',
  },
  {
    skp: 'KlantnummerSHV',
    required: true,
    pointer: '/klantnummerSchuldhulpverlener',
    note: 'of the message answered',
  },
  { skp: 'KlantnummerSE', required: false, pointer: '/klantnummerSchuldeiser' },
  ...persoonFields('Klant', '/schuldenaar/persoon', true),
  ...persoonFields('Partner', '/partner/persoon', false),
  ...adresFields('/schuldenaar/adres'),
  ...contactFields(
    'Contactpersoon',
    { naam: 'Naam', telefoon: 'Telefoonnummer', email: 'Emailadres' },
    true,
  ),
];

/** The SKP's Geen medewerking → `geen-medewerking` 2.1. */
export const skpGeenMedewerking: SkpMapping<SkpGeenMedewerking> = Object.freeze({
  skpMessage: 'Geen medewerking',
  skpModule: 'Schuldregelen',
  source: 'https://schuldenknooppunt.nl/infoportaal/afsprakenstelsel/sr-procesafspraken-se/',
  messageType: 'geen-medewerking',
  version: '2.1',
  fields: FIELDS,
  translate: (message: SkpGeenMedewerking): Record<string, unknown> =>
    defined({
      klantnummerSchuldhulpverlener: message.KlantnummerSHV,
      klantnummerSchuldeiser: message.KlantnummerSE,
      schuldenaar: schuldenaar(message.Klant, message.Adres),
      partner: partner(message.Partner),
      contactpersoon: contactpersoon(message.Contactpersoon),
      reden: fromCode('Reden', REDEN, message.Reden.trim().toLowerCase()),
    }),
});
