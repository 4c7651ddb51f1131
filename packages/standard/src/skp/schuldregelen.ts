/**
 * The mappings of the SKP's module Schuldregelen (and Vooraf akkoord) onto standard 2.1, in the
 * order of the process: the list the field tables of docs/schuldenknooppunt.md and the fixture
 * test (test/unit/skp/schuldregelen.test.ts) walk.
 */
import type { SkpMapping } from './mapping.ts';
import { skpGeenMedewerking } from './geen_medewerking.ts';
import { skpKennisgevingAntwoord } from './kennisgeving_antwoord.ts';
import { skpRegelingGeaccordeerd } from './regeling_geaccordeerd.ts';
import { skpSaldoverzoek } from './saldoverzoek.ts';
import {
  skpSaldoverzoekAntwoord,
  skpSaldoverzoekAntwoordVoorafAkkoord,
} from './saldoverzoek_antwoord.ts';

/** Every Schuldregelen mapping, by the fixture name under test/fixtures/skp/. */
export const SCHULDREGELEN_MAPPINGS: Readonly<Record<string, SkpMapping<never>>> = Object.freeze({
  'kennisgeving-antwoord': skpKennisgevingAntwoord,
  saldoverzoek: skpSaldoverzoek,
  'saldoverzoek-antwoord': skpSaldoverzoekAntwoord,
  'saldoverzoek-antwoord-vooraf-akkoord': skpSaldoverzoekAntwoordVoorafAkkoord,
  'geen-medewerking': skpGeenMedewerking,
  'regeling-geaccordeerd': skpRegelingGeaccordeerd,
});
