/**
 * The SKP's Regeling geaccordeerd (`SbEnSk Regeling geaccordeerd 2.0`, module Schuldregelen)
 * onto our `schuldregeling-akkoord` 2.1. Its `Uitbetaalmomenten` and `VorderingsType` are enums
 * whose values the published page does not list: they travel as given, so nothing is lost and
 * nothing guessed.
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { SkpValueError, defined, euroToCents, skpDate } from './mapping.ts';
import type { SkpBedrag } from './schuldregelen_parts.ts';
import { soortRegeling } from './schuldregelen_parts.ts';

/** One claim of an SKP Regeling geaccordeerd. */
export interface SkpGeaccordeerdeVordering {
  readonly FactuurnummerSE: string;
  readonly Afkooppercentage: number | string;
  readonly PrognoseEindbedrag: SkpBedrag;
  readonly ActueelVorderingsbedrag: SkpBedrag;
  readonly VorderingsType: string;
  readonly Betaalreferentie: string;
}

/** An SKP Regeling geaccordeerd, named after its elements. */
export interface SkpRegelingGeaccordeerd {
  readonly DatumAkkoord: string;
  readonly KlantnummerSE: string;
  readonly KlantnummerSHV: string;
  readonly TypeSchuldregeling: string;
  readonly Uitbetaalmomenten?: string;
  readonly Vorderingen: readonly SkpGeaccordeerdeVordering[];
}

const FIELDS: readonly SkpField[] = [
  {
    skp: 'DatumAkkoord',
    required: true,
    pointer: '/datumAkkoord',
    note: 'dd-mm-jjjj or jjjj-mm-dd → jjjj-mm-dd',
  },
  { skp: 'KlantnummerSE', required: true, pointer: '/klantnummerSchuldeiser' },
  { skp: 'KlantnummerSHV', required: true, pointer: '/klantnummerSchuldhulpverlener' },
  {
    skp: 'TypeSchuldregeling',
    required: true,
    pointer: '/soort',
    note: 'SK → saneringskrediet, SB → schuldbemiddeling, SA (zonder afloscapaciteit) → nul-aanbod',
  },
  {
    skp: 'Uitbetaalmomenten',
    required: false,
    pointer: '/uitbetaalmomenten',
    note: 'an enum without published values: carried as given',
  },
  { skp: 'Vorderingen[].FactuurnummerSE', required: true, pointer: '/vorderingen/i/factuurnummer' },
  {
    skp: 'Vorderingen[].Afkooppercentage',
    required: true,
    pointer: '/vorderingen/i/percentage',
    note: 'a decimal string with at most two decimals, decimal comma → point (`39,70` → `39.70`); more would need rounding and is refused',
  },
  {
    skp: 'Vorderingen[].PrognoseEindbedrag',
    required: true,
    pointer: '/vorderingen/i/prognoseEindbedrag',
    note: 'euros → integer cents',
  },
  {
    skp: 'Vorderingen[].ActueelVorderingsbedrag',
    required: true,
    pointer: '/vorderingen/i/actueelBedrag',
    note: 'euros → integer cents',
  },
  {
    skp: 'Vorderingen[].VorderingsType',
    required: true,
    pointer: '/vorderingen/i/vorderingstype',
    note: 'an enum without published values: carried as given',
  },
  {
    skp: 'Vorderingen[].Betaalreferentie',
    required: true,
    pointer: '/vorderingen/i/betalingskenmerk',
  },
];

const PERCENTAGE = /^(100([.,]0{1,2})?|[0-9]{1,2}([.,][0-9]{1,2})?)$/;

/** An SKP `Percentage` as our decimal string; refuses what only rounding would fit. */
function percentage(element: string, value: number | string): string {
  const text = (typeof value === 'number' ? String(value) : value.trim()).replace(',', '.');
  if (!PERCENTAGE.test(text))
    throw new SkpValueError(element, 'is no percentage with at most two decimals');
  return text;
}

const soort = (code: string): string => {
  const word = soortRegeling('TypeSchuldregeling', code);
  if (
    word === undefined ||
    !['schuldbemiddeling', 'saneringskrediet', 'nul-aanbod'].includes(word)
  ) {
    throw new SkpValueError('TypeSchuldregeling', 'is no SB, SK or SA');
  }
  return word;
};

/** The SKP's Regeling geaccordeerd → `schuldregeling-akkoord` 2.1. */
export const skpRegelingGeaccordeerd: SkpMapping<SkpRegelingGeaccordeerd> = Object.freeze({
  skpMessage: 'Regeling geaccordeerd',
  skpModule: 'Schuldregelen',
  source:
    'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/75039062/SbEnSk+Regeling+geaccordeerd+2.0',
  messageType: 'schuldregeling-akkoord',
  version: '2.1',
  fields: FIELDS,
  translate: (message: SkpRegelingGeaccordeerd): Record<string, unknown> =>
    defined({
      klantnummerSchuldhulpverlener: message.KlantnummerSHV,
      klantnummerSchuldeiser: message.KlantnummerSE,
      datumAkkoord: skpDate('DatumAkkoord', message.DatumAkkoord),
      soort: soort(message.TypeSchuldregeling),
      uitbetaalmomenten: message.Uitbetaalmomenten?.trim() || undefined,
      vorderingen: message.Vorderingen.map((claim, i) => ({
        factuurnummer: claim.FactuurnummerSE,
        actueelBedrag: euroToCents(
          `Vorderingen[${i}].ActueelVorderingsbedrag`,
          claim.ActueelVorderingsbedrag,
        ),
        percentage: percentage(`Vorderingen[${i}].Afkooppercentage`, claim.Afkooppercentage),
        prognoseEindbedrag: euroToCents(
          `Vorderingen[${i}].PrognoseEindbedrag`,
          claim.PrognoseEindbedrag,
        ),
        vorderingstype: claim.VorderingsType,
        betalingskenmerk: claim.Betaalreferentie,
      })),
    }),
});
