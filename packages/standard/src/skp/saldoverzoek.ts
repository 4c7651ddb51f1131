/**
 * The SKP's Saldoverzoek (module Schuldregelen; documented as `BR&HF [V2.0] Saldoverzoek`, whose
 * parts the CSV Saldoverzoek Antwoord's question columns D–K spell out) onto our `saldoverzoek`
 * 2.1. A consent statement the SKP carries in its message header goes with the envelope and
 * attachments (docs/schuldenknooppunt.md, the message header).
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
  soortRegeling,
} from './schuldregelen_parts.ts';

/** An SKP Saldoverzoek, named after its elements. */
export interface SkpSaldoverzoek {
  readonly KlantnummerSHV: string;
  readonly KlantnummerSEVolgensSHV?: string;
  readonly TypeSchuldregeling?: string;
  readonly Klant: SkpPersoon;
  readonly Partner?: SkpPersoon;
  readonly Adres: SkpAdres;
  readonly Contactpersoon: SkpContactpersoon;
  readonly Vorderingen?: readonly { readonly FactuurnummerSEVolgensSHV: string }[];
}

const FIELDS: readonly SkpField[] = [
  { skp: 'KlantnummerSHV', required: true, pointer: '/klantnummerSchuldhulpverlener' },
  { skp: 'KlantnummerSEVolgensSHV', required: false, pointer: '/klantnummerSchuldeiser' },
  {
    skp: 'TypeSchuldregeling',
    required: false,
    pointer: '/soortRegeling',
    note: 'SB → schuldbemiddeling, SK → saneringskrediet, SA → nul-aanbod, BR → betalingsregeling, HF → herfinanciering; absent stays absent',
  },
  ...persoonFields('Klant', '/schuldenaar/persoon', true),
  ...persoonFields('Partner', '/partner/persoon', false),
  ...adresFields('/schuldenaar/adres'),
  ...contactFields(
    'Contactpersoon',
    { naam: 'Naam', telefoon: 'Telefoonnummer', email: 'Emailadres' },
    true,
  ),
  {
    skp: 'Vorderingen[].FactuurnummerSEVolgensSHV',
    required: true,
    pointer: '/bekendeVorderingen/i/factuurnummer',
  },
];

/** The SKP's Saldoverzoek → `saldoverzoek` 2.1. */
export const skpSaldoverzoek: SkpMapping<SkpSaldoverzoek> = Object.freeze({
  skpMessage: 'Saldoverzoek',
  skpModule: 'Schuldregelen',
  source:
    'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5738885/BR+HF+V2.0+Saldoverzoek',
  messageType: 'saldoverzoek',
  version: '2.1',
  fields: FIELDS,
  translate: (message: SkpSaldoverzoek): Record<string, unknown> =>
    defined({
      klantnummerSchuldhulpverlener: message.KlantnummerSHV,
      klantnummerSchuldeiser: message.KlantnummerSEVolgensSHV,
      schuldenaar: schuldenaar(message.Klant, message.Adres),
      partner: partner(message.Partner),
      contactpersoon: contactpersoon(message.Contactpersoon),
      soortRegeling: soortRegeling('TypeSchuldregeling', message.TypeSchuldregeling),
      bekendeVorderingen:
        message.Vorderingen === undefined || message.Vorderingen.length === 0
          ? undefined
          : message.Vorderingen.map((claim) => ({
              factuurnummer: claim.FactuurnummerSEVolgensSHV,
            })),
    }),
});
