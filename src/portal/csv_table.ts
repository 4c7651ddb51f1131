/**
 * CSV text as spreadsheets write and read it (RFC 4180 with the Dutch habits): reading finds the
 * separator in the header (`;` as Dutch Excel and LibreOffice write it, or `,`), drops a UTF-8
 * BOM, keeps quoted separators and line breaks inside a cell, and numbers each record as the
 * spreadsheet shows it (the header is row 1, a quoted line break does not start a row). Writing
 * gives UTF-8 with a BOM (so Excel does not read it as Windows-1252), `;` and CRLF, and defuses
 * cells a spreadsheet would run as a formula (OWASP "CSV injection").
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** One record of the file with the row number a spreadsheet shows. */
export interface CsvRecord {
  readonly row: number;
  readonly cells: readonly string[];
}

/** A file read: its separator, header and records. */
export interface CsvTable {
  readonly delimiter: ';' | ',';
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/** Why a file cannot be read at all. */
export interface CsvUnreadable {
  readonly code: 'file-empty' | 'file-not-utf8' | 'file-unreadable';
  readonly row: number;
  readonly message: string;
}

const BOM = '\uFEFF';

/** Reads CSV text (pure); a result with `code` when it is no CSV the preview can use. */
export function readCsv(text: string): CsvTable | CsvUnreadable {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  // The body was decoded as UTF-8; what is not UTF-8 became U+FFFD. A spreadsheet that saved
  // Windows-1252 (Excel's plain "CSV") is the usual cause.
  const broken = body.indexOf('\uFFFD');
  if (broken >= 0) {
    return {
      code: 'file-not-utf8',
      row: body.slice(0, broken).split('\n').length,
      message:
        'het bestand is geen UTF-8: sla het op als "CSV UTF-8" (Excel) of kies tekenset UTF-8 (LibreOffice)',
    };
  }
  if (body.trim() === '') return { code: 'file-empty', row: 1, message: 'het bestand is leeg' };
  const delimiter = delimiterOf(body);
  let rows: string[][];
  try {
    rows = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const records = typeof error['records'] === 'number' ? error['records'] : 0;
    return {
      code: 'file-unreadable',
      row: records + 1,
      message: `het bestand is geen leesbare CSV vanaf rij ${records + 1} (een aanhalingsteken dat niet wordt gesloten?)`,
    };
  }
  const [header = [], ...rest] = rows;
  return {
    delimiter,
    header: header.map((cell) => cell.trim()),
    records: rest.map((cells, index) => ({ row: index + 2, cells })),
  };
}

/** `;` when the header line has one, else `,` when it has one, else `;`. */
function delimiterOf(body: string): ';' | ',' {
  const end = body.search(/\r?\n/);
  const header = end < 0 ? body : body.slice(0, end);
  if (header.includes(';')) return ';';
  return header.includes(',') ? ',' : ';';
}

/**
 * Writes rows as CSV for spreadsheets (pure): BOM, `;`, CRLF, quotes where needed. A cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a value
 * from a message can never run as a formula.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    BOM +
    stringify([header.map(defused), ...rows.map((row) => row.map(defused))], {
      delimiter: ';',
      record_delimiter: '\r\n',
    })
  );
}

function defused(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
