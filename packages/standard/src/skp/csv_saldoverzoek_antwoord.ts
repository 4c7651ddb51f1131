/**
 * The SKP's CSV answer format (`CSV Saldoverzoek Antwoord`, the webportal's bulk answer) onto
 * our `saldoverzoek-antwoord` 2.1. Their file repeats the question (columns A–K: the
 * saldoverzoek) next to the answer (L onwards); a row per claim. The question's columns identify
 * the request answered and land in its envelope and payload; the answer's columns land in the
 * answer. As in our own portal CSV (docs/portal.md), the answer's debtor and partner come from
 * the request answered, not from the composite text cells H–J, so a spreadsheet cannot change
 * them. Columns from W on are not in the stored copy of the SKP's page (docs/schuldenknooppunt.md).
 */
import type { SkpField, SkpMapping } from './mapping.ts';
import { SkpValueError, defined, euroToCents, fromCode, skpDate } from './mapping.ts';

/** One row of the SKP's file: the cells by column letter; an empty cell is absent or `''`. */
export type SkpCsvRow = Readonly<Partial<Record<string, string>>>;

/** The rows of one answer (same A and B), and the saldoverzoek 2.1 payload they answer. */
export interface SkpCsvAnswer {
  readonly rows: readonly SkpCsvRow[];
  readonly request: Readonly<Record<string, unknown>>;
}

/** The translated answer: envelope fields that tie it to the request, and the payload. */
export interface TranslatedCsvAnswer {
  readonly envelope: { readonly conversationId: string; readonly inReplyTo: string };
  readonly payload: Record<string, unknown>;
}

/** The SKP's `Schuldtype` values (column S) and our `soortSchuld`. */
export const SCHULDTYPE: ReadonlyMap<string, string> = new Map([
  ['openstaande schuld', 'open'],
  ['overgedragen schuld', 'overgedragen-aan-incasso'],
  ['onbekende schuld bij se', 'onbekend'],
]);

const q = (skp: string, pointer: string, note?: string): SkpField =>
  defined({ skp, required: true, target: 'request' as const, pointer, note }) as SkpField;
const a = (skp: string, pointer: string, note?: string): SkpField =>
  defined({ skp, required: true, target: 'payload' as const, pointer, note }) as SkpField;

const FIELDS: readonly SkpField[] = [
  {
    skp: 'A ConversatieReferentienummer',
    required: true,
    target: 'envelope',
    pointer: '/conversationId',
  },
  {
    skp: 'B Referentienummer',
    required: true,
    target: 'envelope',
    pointer: '/inReplyTo',
    note: "the saldoverzoek's reference: the answer's in-reply-to",
  },
  {
    skp: 'C Schuldhulpverlener',
    required: true,
    target: 'envelope',
    pointer: '/recipient',
    note: "a name in theirs; the debt helper's OIN (the request's sender) in ours",
  },
  q('D Contactpersoon SHV', '/contactpersoon', 'composite: naam, telefoonnummer, emailadres'),
  a('E KlantnummerSHV', '/klantnummerSchuldhulpverlener'),
  q('F KlantnummerSEVolgensSHV', '/klantnummerSchuldeiser'),
  q('G TypeSchuldregeling', '/soortRegeling', 'SB, SK, SA, BR, HF as words'),
  a('H Klant', '/schuldenaar/persoon', "composite; taken from the request's debtor"),
  a('I Partner', '/partner/persoon', "composite; taken from the request's partner"),
  a('J Adres', '/schuldenaar/adres', 'composite, with woonboot- and woonwagenverwijzing'),
  a(
    'K Vordering.FactuurnummerSEVolgensSHV',
    '/vorderingen/i/factuurnummerVolgensSchuldhulpverlener',
    "the debt helper's reference, echoed next to the creditor's own (T)",
  ),
  a('L Klantnummer SE', '/klantnummerSchuldeiser'),
  a('M Contactpersoon SE.Naam', '/contactpersoon/naam'),
  a('N Contactpersoon SE.Email', '/contactpersoon/email'),
  a('O Contactpersoon SE.Telefoon', '/contactpersoon/telefoonnummer'),
  a('P Klant onbekend', '/clientOnbekend', '`Ja` → true, empty → false'),
  a('Q Standaard akkoord', '/vorderingen/i/standaardAkkoord', '`Ja` → true, empty → absent'),
  a('R Datum', '/vorderingen/i/datum', 'dd-mm-jjjj → jjjj-mm-dd'),
  a(
    'S Schuldtype',
    '/vorderingen/i/soortSchuld',
    'openstaande schuld → `open`, overgedragen schuld → `overgedragen-aan-incasso`, onbekende schuld bij SE → `onbekend`',
  ),
  a('T FactuurnummerSE', '/vorderingen/i/factuurnummer'),
  a('U openstaand.Ontstaansdatum', '/vorderingen/i/ontstaansdatum', 'dd-mm-jjjj → jjjj-mm-dd'),
  a('V openstaand.Orginele vordering', '/vorderingen/i/oorspronkelijkBedrag', 'euros → cents'),
];

/** Columns of the answer that make a row a claim line. */
export const CSV_CLAIM_COLUMNS: readonly string[] = Object.freeze(['Q', 'R', 'S', 'T', 'U', 'V']);

function cell(row: SkpCsvRow, column: string): string | undefined {
  const value = row[column]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function yes(row: SkpCsvRow, column: string): boolean {
  const value = cell(row, column);
  if (value === undefined) return false;
  if (value.toLowerCase() === 'ja') return true;
  throw new SkpValueError(column, 'is neither Ja nor empty');
}

/** A Dutch spreadsheet amount (`1.234,56`, `842,50`, `842.50`) in cents. */
function amount(column: string, value: string): number {
  const plain = value.includes(',') ? value.replaceAll('.', '').replace(',', '.') : value;
  return euroToCents(column, plain);
}

/** The first non-empty value of `column` over the rows (one answer's value). */
function answerCell(rows: readonly SkpCsvRow[], column: string): string | undefined {
  for (const row of rows) {
    const value = cell(row, column);
    if (value !== undefined) return value;
  }
  return undefined;
}

function claimLine(row: SkpCsvRow): Record<string, unknown> {
  const date = (column: string) => {
    const value = cell(row, column);
    return value === undefined ? undefined : skpDate(column, value);
  };
  const soort = cell(row, 'S');
  const original = cell(row, 'V');
  return defined({
    factuurnummer: cell(row, 'T'),
    factuurnummerVolgensSchuldhulpverlener: cell(row, 'K'),
    soortSchuld: soort === undefined ? 'onbekend' : fromCode('S', SCHULDTYPE, soort.toLowerCase()),
    standaardAkkoord: yes(row, 'Q') ? true : undefined,
    datum: date('R'),
    ontstaansdatum: date('U'),
    oorspronkelijkBedrag: original === undefined ? undefined : amount('V', original),
  });
}

function withoutBsn(party: unknown): unknown {
  if (party === null || typeof party !== 'object') return undefined;
  const { bsn: _bsn, ...rest } = party as Record<string, unknown>;
  return rest;
}

/** The SKP's CSV answer rows → `saldoverzoek-antwoord` 2.1. */
export const csvSaldoverzoekAntwoord: SkpMapping<SkpCsvAnswer, TranslatedCsvAnswer> = Object.freeze(
  {
    skpMessage: 'CSV Saldoverzoek Antwoord',
    skpModule: 'Schuldregelen',
    source:
      'https://schuldenknooppunt.atlassian.net/wiki/spaces/skp/pages/5741946/CSV+Saldoverzoek+Antwoord+-+Algemeen',
    messageType: 'saldoverzoek-antwoord',
    version: '2.1',
    fields: FIELDS,
    translate: ({ rows, request }: SkpCsvAnswer): TranslatedCsvAnswer => {
      const first = rows[0];
      const conversationId = first === undefined ? undefined : cell(first, 'A');
      const inReplyTo = first === undefined ? undefined : cell(first, 'B');
      if (conversationId === undefined || inReplyTo === undefined) {
        throw new SkpValueError('A/B', 'an answer needs its conversation and reference');
      }
      const onbekend = rows.some((row) => yes(row, 'P'));
      const claims = onbekend
        ? undefined
        : rows.filter((row) => CSV_CLAIM_COLUMNS.some((column) => cell(row, column) !== undefined));
      const contact = defined({
        naam: answerCell(rows, 'M'),
        email: answerCell(rows, 'N'),
        telefoonnummer: answerCell(rows, 'O'),
      });
      return {
        envelope: {
          conversationId: conversationId.toLowerCase(),
          inReplyTo: inReplyTo.toLowerCase(),
        },
        payload: defined({
          klantnummerSchuldhulpverlener:
            answerCell(rows, 'E') ?? request['klantnummerSchuldhulpverlener'],
          klantnummerSchuldeiser: answerCell(rows, 'L'),
          schuldenaar: withoutBsn(request['schuldenaar']),
          partner: withoutBsn(request['partner']),
          contactpersoon: contact,
          clientOnbekend: onbekend,
          vorderingen: claims?.map(claimLine),
        }),
      };
    },
  },
);
