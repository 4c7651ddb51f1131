/**
 * From a schema violation of a drafted answer back to the spreadsheet: the JSON pointer
 * (`/vorderingen/2/actueelBedrag/hoofdsom`) gives the row (the third claim line's row) and the
 * column (`hoofdsom`), and the keyword gives a Dutch sentence a creditor can act on. The
 * violations are the hub's own (`SchemaRegistry.validatePayload`), so the preview refuses exactly
 * what the pipeline would.
 */
import type { SchemaViolation } from '@knooppunt/standard';
import { CSV_COLUMNS } from './csv_columns.ts';

/** Where the rows of one answer are: where each case value came from, each claim line's row. */
export interface AnswerRows {
  /** The answer's first row. */
  readonly first: number;
  /** The row a case column's value was read from, when one was. */
  readonly rowOf: (column: string) => number | undefined;
  /** The row of each claim line, in payload order. */
  readonly claimRows: readonly number[];
  /** Whether the file has the column at all. */
  readonly hasColumn: (column: string) => boolean;
}

/** A violation placed in the spreadsheet. */
export interface PlacedViolation {
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

const CONTACT: Readonly<Record<string, string>> = {
  naam: 'contactpersoonNaam',
  telefoonnummer: 'contactpersoonTelefoon',
  email: 'contactpersoonEmail',
};
const CLAIM_NAMES = new Set(CSV_COLUMNS.filter((c) => c.scope === 'claim').map((c) => c.name));
const ANSWER_NAMES = new Set(CSV_COLUMNS.filter((c) => c.scope === 'answer').map((c) => c.name));

/**
 * The violations that say something to the user, placed: ajv's reports about the branches of
 * an `anyOf` and about an `if` that chose a failing `then` are left out, since the `anyOf` and
 * the `then` errors themselves say it.
 */
export function placeViolations(
  violations: readonly SchemaViolation[],
  rows: AnswerRows,
): PlacedViolation[] {
  return violations
    .filter((v) => v.keyword !== 'if' && !/\/anyOf\/[0-9]+\//.test(v.schemaPath))
    .map((v) => placeViolation(v, rows));
}

function placeViolation(violation: SchemaViolation, rows: AnswerRows): PlacedViolation {
  const path = violation.instancePath.split('/').slice(1);
  const missing = violation.params['missingProperty'];
  if (violation.keyword === 'required' && typeof missing === 'string') path.push(missing);
  const [top = '', ...rest] = path;
  let row = rows.first;
  let column: string | null = null;
  if (top === 'vorderingen') {
    const index = Number(rest[0]);
    const inClaim = rest.slice(1);
    if (Number.isInteger(index)) row = rows.claimRows[index] ?? rows.first;
    else row = rows.claimRows[0] ?? rows.first;
    const field = inClaim[0] === 'actueelBedrag' ? (inClaim[1] ?? 'hoofdsom') : inClaim[0];
    column =
      field !== undefined && CLAIM_NAMES.has(field)
        ? field
        : violation.keyword === 'false schema'
          ? 'clientOnbekend'
          : 'factuurnummer';
  } else if (top === 'contactpersoon') {
    column =
      CONTACT[rest[0] ?? ''] ??
      (violation.keyword === 'anyOf' ? 'contactpersoonTelefoon' : 'contactpersoonNaam');
  } else if (top === 'schuldenaar' || top === 'partner') {
    column = 'naam';
  } else if (ANSWER_NAMES.has(top) || top === 'klantnummerSchuldhulpverlener') {
    column = top;
  }
  if (column !== null) row = rows.rowOf(column) ?? row;
  return { row, column, message: dutch(violation, column, top, rows) };
}

/** The violation in Dutch, for the cell it points at. */
function dutch(
  violation: SchemaViolation,
  column: string | null,
  top: string,
  rows: AnswerRows,
): string {
  const limit = violation.params['limit'];
  if (top === 'schuldenaar' || top === 'partner' || top === 'klantnummerSchuldhulpverlener') {
    return `de gegevens uit het verzoek voldoen niet aan het antwoord (${violation.instancePath} ${violation.message}); beantwoord dit verzoek met het formulier`;
  }
  // A telephone number is too short mostly because a spreadsheet dropped its leading 0.
  if (column === 'contactpersoonTelefoon' && violation.keyword !== 'required') {
    return formatHint(column, violation);
  }
  switch (violation.keyword) {
    case 'required':
      if (column !== null && !rows.hasColumn(column)) {
        return `verplicht, maar de kolom ${column} ontbreekt in het bestand`;
      }
      return column === null ? 'verplicht gegeven ontbreekt' : `verplicht: vul ${column} in`;
    case 'anyOf':
      return 'vul een telefoonnummer of een e-mailadres van de contactpersoon in';
    case 'enum':
      return `kies uit: ${(violation.params['allowedValues'] as unknown[]).join(', ')}`;
    case 'minLength':
      return limit === 1 ? 'mag niet leeg zijn' : `te kort: minstens ${String(limit)} tekens`;
    case 'maxLength':
      return `te lang: hoogstens ${String(limit)} tekens`;
    case 'minimum':
      return 'mag niet negatief zijn';
    case 'maximum':
      return 'te groot: hoogstens € 999.999.999,99';
    case 'maxItems':
      return `hoogstens ${String(limit)} vorderingen per antwoord`;
    case 'pattern':
    case 'format':
      return formatHint(column, violation);
    case 'false schema':
      return column === 'naamIncassobureau'
        ? 'alleen invullen als soortSchuld overgedragen-aan-incasso is'
        : 'geen vorderingen als clientOnbekend ja is';
    default:
      return `ongeldig (${violation.keyword}: ${violation.message})`;
  }
}

const NUMBER_HINT = 'alleen letters en cijfers, met . / _ - of spaties ertussen';

function formatHint(column: string | null, violation: SchemaViolation): string {
  switch (column) {
    case 'klantnummerSchuldeiser':
    case 'factuurnummer':
      return `ongeldig: ${NUMBER_HINT}`;
    case 'betalingskenmerk':
      return 'ongeldig: alleen letters en cijfers, met . / - of spaties ertussen';
    case 'iban':
      return violation.keyword === 'format'
        ? 'geen geldig IBAN: het controlegetal klopt niet'
        : 'geen IBAN (zoals NL91 ABNA 0417 1643 00)';
    case 'contactpersoonTelefoon':
      return 'geen telefoonnummer (zoals 030-2861234); viel de eerste 0 weg, zet de kolom dan op tekst';
    case 'contactpersoonEmail':
      return 'geen e-mailadres';
    case 'peildatum':
    case 'ontstaansdatum':
      return 'geen bestaande datum';
    default:
      return `ongeldige waarde (${violation.message})`;
  }
}
