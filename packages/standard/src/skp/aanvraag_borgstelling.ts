/**
 * The SKP's `Aanvraag borgstelling` (module Waarborgfonds, message definition 2.0) onto our
 * `aanvraag-borgstelling` 2.1: a credit bank asks the Waarborgfonds saneringskredieten to
 * guarantee a loan. Every element of their definition has a place; codes become the words of
 * our enums and euros become cents. Their optional `Contact` is an e-mail address, not a named
 * person: 2.1 requires no `contactpersoon`, and an e-mail address alone makes one (defs 2.1).
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { defined, euroToCents, fromCode } from './mapping.ts';

/** One SKP `Statistiek` (its inner structure is not in the stored pages: a name and a value). */
export interface SkpStatistiek {
  readonly Naam: string;
  readonly Waarde: string | number;
}

/** The SKP message, its elements as their documentation names them. */
export interface SkpAanvraagBorgstelling {
  readonly Soort_lening: 'PL' | 'SK' | 'SL';
  readonly Kenmerk: string;
  readonly Contact?: string;
  readonly Postcode_Gebied: string;
  readonly Bruto_Kredietsom: number | string;
  readonly Looptijd: number;
  readonly Borgstelling_Categorie: 100 | 200 | 300 | 400 | 500;
  readonly Statistieken: readonly SkpStatistiek[];
  readonly Pro_Forma_Borgstelling?: string;
}

/** The SKP's loan kinds (`Soort_lening`) and ours. */
export const SOORT_LENING: ReadonlyMap<string, string> = new Map([
  ['PL', 'persoonlijke-lening'],
  ['SK', 'saneringskrediet'],
  ['SL', 'sociale-lening'],
]);

/** The SKP's guarantee categories (`Borgstelling_Categorie`) and ours. */
export const BORGSTELLING_CATEGORIE: ReadonlyMap<number, string> = new Map([
  [100, 'regulier'],
  [200, 'herfinanciering'],
  [300, 'jongeren'],
  [400, 'ondernemers'],
  [500, 'geen'],
]);

const FIELDS: readonly SkpField[] = [
  {
    skp: 'Soort_lening',
    required: true,
    pointer: '/soortLening',
    note: 'PL → `persoonlijke-lening`, SK → `saneringskrediet`, SL → `sociale-lening`',
  },
  { skp: 'Kenmerk', required: true, pointer: '/eigenReferentie', note: 'unique per requester' },
  {
    skp: 'Contact',
    required: false,
    pointer: '/contactpersoon/email',
    note: 'an e-mail address, often a team mailbox; 2.1 needs no name with it',
  },
  { skp: 'Postcode_Gebied', required: true, pointer: '/postcodegebied' },
  {
    skp: 'Bruto_Kredietsom',
    required: true,
    pointer: '/brutoKredietsom',
    note: 'euros → cents; at most €4,999.99 in both',
  },
  { skp: 'Looptijd', required: true, pointer: '/looptijdMaanden', note: '1 to 60 months in both' },
  {
    skp: 'Borgstelling_Categorie',
    required: true,
    pointer: '/categorie',
    note: '100 `regulier`, 200 `herfinanciering`, 300 `jongeren`, 400 `ondernemers`, 500 (Leeg) `geen`',
  },
  {
    skp: 'Statistieken',
    required: true,
    pointer: '/statistieken',
    note: 'each `Statistiek` a `{ naam, waarde }`; optional in ours',
  },
  {
    skp: 'Pro_Forma_Borgstelling',
    required: false,
    pointer: '/proFormaBorgstelling',
    note: 'the UUID (lowercased) of a pro-forma assessment, for a tailor-made request',
  },
];

/** `Aanvraag borgstelling` → `aanvraag-borgstelling` 2.1. */
export const aanvraagBorgstelling: SkpMapping<SkpAanvraagBorgstelling> = Object.freeze({
  skpMessage: 'Aanvraag borgstelling',
  skpModule: 'Waarborgfonds',
  source:
    'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/233177676/Aanvraag+borgstelling+2.0+gewijzigd',
  messageType: 'aanvraag-borgstelling',
  version: '2.1',
  fields: FIELDS,
  translate: (skp: SkpAanvraagBorgstelling) =>
    defined({
      soortLening: fromCode('Soort_lening', SOORT_LENING, skp.Soort_lening),
      eigenReferentie: skp.Kenmerk,
      contactpersoon: skp.Contact === undefined ? undefined : { email: skp.Contact },
      postcodegebied: skp.Postcode_Gebied,
      brutoKredietsom: euroToCents('Bruto_Kredietsom', skp.Bruto_Kredietsom),
      looptijdMaanden: skp.Looptijd,
      categorie: fromCode(
        'Borgstelling_Categorie',
        BORGSTELLING_CATEGORIE,
        skp.Borgstelling_Categorie,
      ),
      statistieken: skp.Statistieken.map((statistiek) => ({
        naam: statistiek.Naam,
        waarde: String(statistiek.Waarde),
      })),
      proFormaBorgstelling: skp.Pro_Forma_Borgstelling?.toLowerCase(),
    }),
});
