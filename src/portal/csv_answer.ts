/**
 * One answer of a bulk-answer CSV: the rows that name the same `saldoverzoek` become one
 * `saldoverzoek-antwoord` draft. Case values (peildatum, contact person, …) may stand on any of
 * the answer's rows — an empty cell takes the others' value, two different values are an error
 * at the later row — and every row with claim data is one claim line. What the answer needs of
 * the request (klantnummerSchuldhulpverlener, the debtor without BSN) comes from the request,
 * as in an answer written by hand. Then the hub's schema decides, and its violations are placed
 * back at their row and column (csv_violations.ts).
 */
import type { Payload } from '@knooppunt/standard';
import { CLAIM_DATA_COLUMNS, CSV_COLUMNS, KEY_COLUMN } from './csv_columns.ts';
import type { RequestStanding, ValidatePayload } from './csv.ts';
import { placeViolations } from './csv_violations.ts';
import {
  formatAmount,
  normaliseIban,
  parseAmount,
  parseDate,
  parseYesNo,
  type CellResult,
} from './csv_values.ts';

/** What a problem is, for the browser and tests (the message is for people). */
export const CSV_PROBLEM_CODES = Object.freeze([
  'file-empty',
  'file-not-utf8',
  'file-unreadable',
  'column-missing',
  'column-duplicate',
  'column-unknown',
  'request-missing',
  'request-unknown',
  'request-closed',
  'value-invalid',
  'value-conflict',
  'total-mismatch',
  'answer-contradictory',
  'schema',
  'version-not-accepted',
] as const);

/** One of `CSV_PROBLEM_CODES`. */
export type CsvProblemCode = (typeof CSV_PROBLEM_CODES)[number];

/** A problem at a row (as the spreadsheet numbers it, header = 1) and a column, in Dutch. */
export interface CsvProblem {
  readonly row: number;
  readonly column: string | null;
  readonly code: CsvProblemCode;
  readonly message: string;
}

/** An unsigned answer: what the browser signs and submits to `POST /v1/portal/messages`. */
export interface AnswerDraft {
  readonly messageType: string;
  readonly version: string;
  readonly inReplyTo: string;
  readonly conversationId: string;
  readonly recipient: string;
  readonly module: string;
  readonly payload: Payload;
}

/** The preview of one answer. */
export interface AnswerOutcome {
  readonly requestId: string;
  /** `ready`: the draft passes the schema; `skipped`: its rows say nothing yet. */
  readonly status: 'ready' | 'invalid' | 'skipped';
  /** The answer's rows. */
  readonly rows: readonly number[];
  /** The row of each claim line of the draft, in order (`payload.vorderingen[i]`). */
  readonly claimRows: readonly number[];
  /** Only when `ready`. */
  readonly draft?: AnswerDraft;
  readonly errors: readonly CsvProblem[];
}

/** One row of the answer: its number and its cells by column name (trimmed, `''` when empty). */
export interface AnswerLine {
  readonly row: number;
  readonly cell: (column: string) => string;
}

/** What drafting needs besides the rows. */
export interface DraftOptions {
  /** The version of `saldoverzoek-antwoord` to draft. */
  readonly version: string;
  readonly validate: ValidatePayload;
  readonly hasColumn: (column: string) => boolean;
}

/** The answer the CSV drafts. */
export const ANSWER_TYPE = 'saldoverzoek-antwoord';

const CLOSED: Readonly<Record<Exclude<RequestStanding, { open: true }>['reason'], string>> = {
  answered: 'dit verzoek is al beantwoord',
  expired: 'dit verzoek is verlopen: het werd niet op tijd opgehaald',
  'not-saldoverzoek': 'dit bericht is geen saldoverzoek',
  'payload-dropped':
    'de inhoud van dit verzoek is na de bewaartermijn verwijderd; neem contact op met de schuldhulpverlener',
};

const readText = (value: string): CellResult<string> => ({ ok: true, value });

/** Drafts the answer to request `id` from its rows (pure). */
export function draftAnswer(
  id: string,
  lines: readonly AnswerLine[],
  standing: RequestStanding | undefined,
  options: DraftOptions,
): AnswerOutcome {
  const rows = lines.map((line) => line.row);
  const first = rows[0] ?? 1;
  const refused = (code: CsvProblemCode, message: string): AnswerOutcome => ({
    requestId: id,
    status: 'invalid',
    rows,
    claimRows: [],
    errors: [{ row: first, column: KEY_COLUMN, code, message }],
  });
  // Unknown and another participant's: one answer, so a file learns nothing of others' messages.
  if (standing === undefined)
    return refused('request-unknown', 'geen saldoverzoek aan u met dit id');
  if (!standing.open) return refused('request-closed', CLOSED[standing.reason]);

  const problems: CsvProblem[] = [];
  const values = new CaseValues(lines, problems);
  const unknownClient = values.read('clientOnbekend', parseYesNo)?.value === true;
  const noClaim = values.read('geenVordering', parseYesNo)?.value === true;
  const withData = lines.filter((line) => CLAIM_DATA_COLUMNS.some((c) => line.cell(c) !== ''));
  const caseValue = {
    klantnummerSchuldeiser: values.read('klantnummerSchuldeiser', readText),
    peildatum: values.read('peildatum', parseDate),
    naam: values.read('contactpersoonNaam', readText),
    telefoonnummer: values.read('contactpersoonTelefoon', readText),
    email: values.read('contactpersoonEmail', readText),
    iban: values.read('iban', (t) => readText(normaliseIban(t))),
    betalingskenmerk: values.read('betalingskenmerk', readText),
    toelichting: values.read('toelichting', readText),
  };
  // Rows that name a claim but say nothing of it (the download's prefilled invoice numbers)
  // do not make an answer: a file may answer some of its requests and leave the rest.
  if (withData.length === 0 && !unknownClient && !noClaim && problems.length === 0) {
    return { requestId: id, status: 'skipped', rows, claimRows: [], errors: [] };
  }

  let claimLines: readonly AnswerLine[] = [];
  if (unknownClient && noClaim) {
    problems.push(
      contradiction(
        values.rowOf('geenVordering') ?? first,
        'geenVordering',
        'clientOnbekend en geenVordering kunnen niet allebei ja zijn',
      ),
    );
  } else if (unknownClient || noClaim) {
    const flag = unknownClient ? 'clientOnbekend' : 'geenVordering';
    for (const line of withData) {
      problems.push(
        contradiction(
          line.row,
          flag,
          `${flag} is ja, maar deze rij heeft een vordering: maak de vordering leeg of zet ${flag} op nee`,
        ),
      );
    }
  } else {
    claimLines = lines.filter(
      (line) =>
        withData.includes(line) ||
        line.cell('factuurnummer') !== '' ||
        line.cell('omschrijving') !== '',
    );
  }

  const request = standing.request;
  const asked = request.payload as Payload;
  const debtor = asked['schuldenaar'] as Payload;
  const contact = Object.fromEntries(
    (['naam', 'telefoonnummer', 'email'] as const)
      .filter((field) => caseValue[field] !== undefined)
      .map((field) => [field, caseValue[field]?.value]),
  );
  const klantnummerSchuldeiser = options.hasColumn('klantnummerSchuldeiser')
    ? caseValue.klantnummerSchuldeiser?.value
    : (asked['klantnummerSchuldeiser'] as string | undefined);
  const optional = (field: string, value: unknown) =>
    value === undefined ? {} : { [field]: value };
  const payload: Payload = {
    klantnummerSchuldhulpverlener: asked['klantnummerSchuldhulpverlener'],
    ...optional('klantnummerSchuldeiser', klantnummerSchuldeiser),
    // The answer's debtor has no BSN (defs `schuldenaar`); the partner stays out: not needed.
    schuldenaar: { persoon: debtor['persoon'], adres: debtor['adres'] },
    ...(Object.keys(contact).length === 0 ? {} : { contactpersoon: contact }),
    clientOnbekend: unknownClient,
    peildatum: caseValue.peildatum?.value ?? asked['peildatum'],
    ...(unknownClient ? {} : { vorderingen: claimLines.map((line) => claimOf(line, problems)) }),
    ...optional('iban', caseValue.iban?.value),
    ...optional('betalingskenmerk', caseValue.betalingskenmerk?.value),
    ...optional('toelichting', caseValue.toelichting?.value),
  };
  const claimRows = claimLines.map((line) => line.row);
  const violations = options.validate(ANSWER_TYPE, options.version, payload);
  const placed = placeViolations(violations, {
    first,
    claimRows,
    rowOf: (column) => values.rowOf(column),
    hasColumn: options.hasColumn,
  });
  problems.push(
    ...placed.map(({ row, column, message }) => ({
      row,
      column,
      code: 'schema' as const,
      message,
    })),
  );
  const errors = oncePerCell(problems);
  if (errors.length > 0) return { requestId: id, status: 'invalid', rows, claimRows, errors };
  return {
    requestId: id,
    status: 'ready',
    rows,
    claimRows,
    draft: {
      messageType: ANSWER_TYPE,
      version: options.version,
      inReplyTo: request.messageId,
      conversationId: request.conversationId,
      recipient: request.sender,
      module: request.module,
      payload,
    },
    errors: [],
  };
}

function contradiction(row: number, column: string, message: string): CsvProblem {
  return { row, column, code: 'answer-contradictory', message };
}

/**
 * The case values of one answer: the first non-empty cell of a column gives the value; a
 * different one on a later row is a conflict there, an unreadable one an error in its cell.
 */
class CaseValues {
  readonly #rows = new Map<string, number>();
  constructor(
    private readonly lines: readonly AnswerLine[],
    private readonly problems: CsvProblem[],
  ) {}

  read<T>(
    column: string,
    parse: (text: string) => CellResult<T>,
  ): { value: T; row: number } | undefined {
    let found: { value: T; row: number; text: string } | undefined;
    for (const line of this.lines) {
      const text = line.cell(column);
      if (text === '') continue;
      const read = parse(text);
      if (!read.ok) {
        this.problems.push({ row: line.row, column, code: 'value-invalid', message: read.message });
      } else if (found === undefined) {
        found = { value: read.value, row: line.row, text };
        this.#rows.set(column, line.row);
      } else if (read.value !== found.value) {
        this.problems.push({
          row: line.row,
          column,
          code: 'value-conflict',
          message: `verschilt van rij ${found.row} (${found.text}): één waarde per antwoord; maak de cel leeg of gelijk`,
        });
      }
    }
    return found;
  }

  rowOf(column: string): number | undefined {
    return this.#rows.get(column);
  }
}

const AMOUNTS = ['hoofdsom', 'rente', 'kosten', 'totaal'] as const;

/** One claim line (`vorderingsregel`) from a row; unreadable cells are left out and reported. */
function claimOf(line: AnswerLine, problems: CsvProblem[]): Payload {
  const claim: Record<string, unknown> = {};
  const read = <T>(column: string, parse: (text: string) => CellResult<T>): T | undefined => {
    const text = line.cell(column);
    if (text === '') return undefined;
    const result = parse(text);
    if (result.ok) return result.value;
    problems.push({ row: line.row, column, code: 'value-invalid', message: result.message });
    return undefined;
  };
  const put = (field: string, value: unknown) => {
    if (value !== undefined) claim[field] = value;
  };
  put('factuurnummer', read('factuurnummer', readText));
  put('omschrijving', read('omschrijving', readText));
  put(
    'soortSchuld',
    read('soortSchuld', (t) => readText(t.toLowerCase())),
  );
  put('naamIncassobureau', read('naamIncassobureau', readText));
  put('ontstaansdatum', read('ontstaansdatum', parseDate));
  put('oorspronkelijkBedrag', read('oorspronkelijkBedrag', parseAmount));
  const current: Record<string, number> = {};
  for (const column of AMOUNTS) {
    const cents = read(column, parseAmount);
    if (cents !== undefined) current[column] = cents;
  }
  const { hoofdsom, rente, kosten, totaal } = current;
  if (hoofdsom !== undefined && rente !== undefined && kosten !== undefined) {
    const sum = hoofdsom + rente + kosten;
    if (totaal === undefined && line.cell('totaal') === '') current['totaal'] = sum;
    else if (totaal !== undefined && totaal !== sum) {
      problems.push({
        row: line.row,
        column: 'totaal',
        code: 'total-mismatch',
        message: `klopt niet: hoofdsom + rente + kosten is ${formatAmount(sum)}`,
      });
    }
  }
  claim['actueelBedrag'] = current;
  put('preferent', read('preferent', parseYesNo));
  return claim;
}

const ORDER = new Map(CSV_COLUMNS.map((c, at) => [c.name, at]));

/**
 * The first problem of each cell (a value that cannot be read is also missing to the schema,
 * and so is a total that could not be computed from it), by row, then as the columns stand.
 */
function oncePerCell(problems: readonly CsvProblem[]): CsvProblem[] {
  const seen = new Set<string>();
  const unreadable = new Set(
    problems.filter((p) => p.code === 'value-invalid').map((p) => `${p.row}\u0000${p.column}`),
  );
  const derivedFrom = (p: CsvProblem) =>
    p.column === 'totaal' &&
    AMOUNTS.some((part) => unreadable.has(`${p.row}\u0000${part}`)) &&
    p.code === 'schema';
  const position = (p: CsvProblem) =>
    p.column === null ? Infinity : (ORDER.get(p.column) ?? Infinity);
  return problems
    .filter((problem) => {
      const key = `${problem.row}\u0000${problem.column ?? problem.message}`;
      if (seen.has(key) || derivedFrom(problem)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row || position(a) - position(b));
}
