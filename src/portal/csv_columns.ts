/**
 * The columns of the bulk-answer CSV (docs/portal.md, "Bulk answers (CSV)"): one row per claim
 * line of an answer to a `saldoverzoek`. The first columns identify the request and the case and
 * come prefilled in the download; the hub reads only `verzoekId` of them back, so what a
 * spreadsheet does to the others (a lost leading zero) cannot change an answer. The answer's
 * columns hold one value per answer and may stand on any of its rows; the claim columns
 * describe the claim line of their own row. The table is data: the reader, the writer, the
 * mapping of schema violations and the documentation all follow it.
 */

/** Where a column's value belongs. */
export type ColumnScope = 'request' | 'answer' | 'claim';

/** One column of the CSV. */
export interface CsvColumn {
  readonly name: string;
  readonly scope: ColumnScope;
  /** What the column holds (for the documentation). */
  readonly description: string;
  /** How the value is read on upload. */
  readonly kind: 'text' | 'amount' | 'date' | 'yes-no' | 'iban' | 'ignored';
  /** An example value as a Dutch spreadsheet writes it. */
  readonly example: string;
}

const column = (
  name: string,
  scope: ColumnScope,
  kind: CsvColumn['kind'],
  example: string,
  description: string,
): CsvColumn => Object.freeze({ name, scope, kind, example, description });

/** The key: the message id of the `saldoverzoek` a row answers. Rows with the same id make one answer. */
export const KEY_COLUMN = 'verzoekId';

/** Every column, in the order of the download. */
export const CSV_COLUMNS: readonly CsvColumn[] = Object.freeze([
  column(
    KEY_COLUMN,
    'request',
    'text',
    '3f2b8c1e-5d4a-4b7e-9a61-0c2d7e8f9a10',
    'The message id of the saldoverzoek answered (prefilled); rows with the same id make one answer',
  ),
  column('dossierId', 'request', 'ignored', '7c1e…', 'The conversation id of the case (prefilled)'),
  column(
    'schuldhulpverlener',
    'request',
    'ignored',
    'Gemeente Utrecht, Schuldhulpverlening',
    'Who asked: the debt helper (prefilled)',
  ),
  column(
    'klantnummerSchuldhulpverlener',
    'request',
    'ignored',
    'UTR-2024-00871',
    "The debt helper's client number (prefilled; the answer takes it from the request)",
  ),
  column(
    'naam',
    'request',
    'ignored',
    'M.J. de Vries',
    "The debtor's initials and surname, to recognise the case (prefilled)",
  ),
  column(
    'geboortedatum',
    'request',
    'ignored',
    '1984-06-12',
    "The debtor's date of birth (prefilled)",
  ),
  column(
    'antwoordUiterlijk',
    'request',
    'ignored',
    '2026-12-14',
    'The answer is due on this day (prefilled)',
  ),
  column(
    'klantnummerSchuldeiser',
    'answer',
    'text',
    '400123987',
    "The creditor's own client number for the debtor; prefilled when the request names one. Required unless clientOnbekend",
  ),
  column(
    'peildatum',
    'answer',
    'date',
    '30-11-2026',
    "Reference date of the amounts; prefilled with the request's, which an empty cell also means",
  ),
  column(
    'clientOnbekend',
    'answer',
    'yes-no',
    'nee',
    '`ja` when the creditor cannot find the debtor: then no claim lines',
  ),
  column(
    'geenVordering',
    'answer',
    'yes-no',
    'nee',
    '`ja` when the creditor knows the debtor but has no open claim (sends an empty list of claims)',
  ),
  column(
    'contactpersoonNaam',
    'answer',
    'text',
    'Team Bijzonder Beheer',
    "The creditor's contact person or team",
  ),
  column(
    'contactpersoonTelefoon',
    'answer',
    'text',
    '088-1234567',
    'Their telephone number; this or the e-mail address is required',
  ),
  column(
    'contactpersoonEmail',
    'answer',
    'text',
    'beheer@energie.example.nl',
    'Their e-mail address; this or the telephone number is required',
  ),
  column(
    'iban',
    'answer',
    'iban',
    'NL36 INGB 0007 6543 21',
    'Account for payments under an arrangement (optional)',
  ),
  column(
    'betalingskenmerk',
    'answer',
    'text',
    '9000123456789012',
    'Payment reference the creditor wants (optional)',
  ),
  column(
    'toelichting',
    'answer',
    'text',
    'Incasso loopt via ons.',
    'Explanation for the debt helper (optional)',
  ),
  column(
    'factuurnummer',
    'claim',
    'text',
    'F2023-118734',
    'Reference of the claim; prefilled with the claims the request names, one row each',
  ),
  column(
    'omschrijving',
    'claim',
    'text',
    'Eindafrekening energie 2023',
    'What the claim is for (optional)',
  ),
  column(
    'soortSchuld',
    'claim',
    'text',
    'open',
    '`open`, `overgedragen-aan-incasso` or `onbekend`',
  ),
  column(
    'naamIncassobureau',
    'claim',
    'text',
    'Incassobureau Noord B.V.',
    'The collection agency or bailiff; exactly when soortSchuld is overgedragen-aan-incasso',
  ),
  column('ontstaansdatum', 'claim', 'date', '15-11-2023', 'Date the claim arose'),
  column(
    'oorspronkelijkBedrag',
    'claim',
    'amount',
    '842,50',
    'Amount when the claim arose, in euros',
  ),
  column('hoofdsom', 'claim', 'amount', '842,50', 'Principal still owed on the reference date'),
  column('rente', 'claim', 'amount', '18,37', 'Interest up to the reference date'),
  column('kosten', 'claim', 'amount', '40,00', 'Collection and other costs'),
  column(
    'totaal',
    'claim',
    'amount',
    '900,87',
    'hoofdsom + rente + kosten; computed when empty, checked when filled',
  ),
  column(
    'preferent',
    'claim',
    'yes-no',
    'nee',
    '`ja` for a preferent claim, `nee` for a concurrent one',
  ),
]);

/** The column of a name as the header spells it (case and surrounding spaces ignored). */
export function columnNamed(name: string): CsvColumn | undefined {
  const wanted = name.trim().toLowerCase();
  return CSV_COLUMNS.find((candidate) => candidate.name.toLowerCase() === wanted);
}

/** The claim columns that say something about a claim (not only which one). */
export const CLAIM_DATA_COLUMNS: readonly string[] = Object.freeze(
  CSV_COLUMNS.filter(
    (c) => c.scope === 'claim' && c.name !== 'factuurnummer' && c.name !== 'omschrijving',
  ).map((c) => c.name),
);

/** The answer's fields in the payload, by column (contact person in its own object). */
export const ANSWER_FIELD: Readonly<Record<string, string>> = Object.freeze({
  klantnummerSchuldeiser: 'klantnummerSchuldeiser',
  peildatum: 'peildatum',
  clientOnbekend: 'clientOnbekend',
  contactpersoonNaam: 'contactpersoon/naam',
  contactpersoonTelefoon: 'contactpersoon/telefoonnummer',
  contactpersoonEmail: 'contactpersoon/email',
  iban: 'iban',
  betalingskenmerk: 'betalingskenmerk',
  toelichting: 'toelichting',
});
