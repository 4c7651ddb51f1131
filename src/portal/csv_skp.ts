/**
 * The Schuldenknooppunt's CSV answer format in the portal's bulk upload (docs/portal.md, "The
 * Schuldenknooppunt's format"): a creditor that answers saldoverzoeken with the SKP's `CSV
 * Saldoverzoek Antwoord` (columns A–V, a row per claim) uploads that file as it is. The rows
 * that name the same request (B, Referentienummer) become one `saldoverzoek-antwoord` 2.1 draft
 * through the standard's mapping (`csvSaldoverzoekAntwoord`, docs/schuldenknooppunt.md); what
 * is wrong is placed at its row and column, as in the portal's own CSV. The format is a 2.1
 * answer (a standard agreement and a date per claim): to a debt helper that takes only 2.0 the
 * answer is refused, never translated down (docs/portal.md says why).
 */
import { defaultVersion } from '@knooppunt/standard';
import type { Payload, SchemaViolation } from '@knooppunt/standard';
import { CSV_CLAIM_COLUMNS, SkpValueError, csvSaldoverzoekAntwoord } from '@knooppunt/standard/skp';
import type { SkpCsvRow } from '@knooppunt/standard/skp';
import type { AnswerOutcome, CsvProblem, CsvProblemCode } from './csv_answer.ts';
import { ANSWER_TYPE } from './csv_answer.ts';
import type { RequestStanding, ValidatePayload } from './csv.ts';
import type { CsvTable } from './csv_table.ts';

/** The version of `saldoverzoek-antwoord` the SKP's format translates into. */
export const SKP_ANSWER_VERSION = csvSaldoverzoekAntwoord.version;

/** A column of the SKP's file: its letter and its name as the SKP's page gives it. */
export interface SkpColumn {
  readonly letter: string;
  readonly name: string;
}

/** Columns A–V, from the mapping's declaration (`A ConversatieReferentienummer`, …). */
export const SKP_COLUMNS: readonly SkpColumn[] = Object.freeze(
  csvSaldoverzoekAntwoord.fields.map((field) => {
    const [letter = '', ...name] = field.skp.split(' ');
    return { letter, name: name.join(' ') };
  }),
);

const LETTERS = SKP_COLUMNS.map((column) => column.letter);
/** How a problem names a column: its letter and name (`S Schuldtype`). */
const LABEL = new Map(
  SKP_COLUMNS.map((column) => [column.letter, `${column.letter} ${column.name}`]),
);
/** The answer's own columns: a row with none of them filled says nothing yet. */
const ANSWER_COLUMNS = ['M', 'N', 'O', 'P', ...CSV_CLAIM_COLUMNS];
/** Case values of the answer: one per answer, on any of its rows. */
const CASE_COLUMNS = ['E', 'L', 'M', 'N', 'O'];

const label = (letter: string): string => LABEL.get(letter) ?? letter;
const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether a header row is the SKP's: A is ConversatieReferentienummer and B Referentienummer
 * (case, spaces and punctuation aside), names the portal's own CSV does not use.
 */
export function isSkpHeader(header: readonly string[]): boolean {
  return (
    squash(header[0] ?? '') === squash(SKP_COLUMNS[0]?.name ?? '') &&
    squash(header[1] ?? '') === squash(SKP_COLUMNS[1]?.name ?? '')
  );
}

/** The request ids (column B, lowercased as ids are stored) of an SKP-format file. */
export function skpRequestIds(table: CsvTable): string[] {
  const ids = table.records.map((record) => (record.cells[1] ?? '').trim().toLowerCase());
  return [...new Set(ids.filter((id) => id !== ''))];
}

/** What the SKP preview needs besides the file. */
export interface SkpPreviewOptions {
  readonly validate: ValidatePayload;
  /** The versions of the standard a participant (the debt helper who asked) takes. */
  readonly versionsOf: (oin: string) => readonly string[];
}

/** One row of the file: its number, its cells A–V by letter, what stands after V. */
interface SkpLine {
  readonly row: number;
  readonly cells: SkpCsvRow;
  /** Filled cells after column V, by the header's name (or the column's number). */
  readonly beyond: readonly string[];
}

/** The SKP file's answers and the problems of the file (pure; the file was read as CSV). */
export function previewSkpAnswers(
  table: CsvTable,
  requests: ReadonlyMap<string, RequestStanding>,
  options: SkpPreviewOptions,
): { rows: number; answers: AnswerOutcome[]; errors: CsvProblem[]; warnings: CsvProblem[] } {
  const errors: CsvProblem[] = [];
  const warnings: CsvProblem[] = [];
  const extra = table.header.slice(LETTERS.length);
  extra.forEach((name, at) => {
    if (name.trim() === '') return;
    warnings.push({
      row: 1,
      column: name,
      code: 'column-unknown',
      message: `kolom ${String(LETTERS.length + at + 1)} (na V) leest de hub niet; een gevulde cel erin is een fout in die rij`,
    });
  });
  const groups = new Map<string, SkpLine[]>();
  let rows = 0;
  for (const record of table.records) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    rows += 1;
    const cells: Record<string, string> = {};
    LETTERS.forEach((letter, at) => (cells[letter] = (record.cells[at] ?? '').trim()));
    const beyond = record.cells
      .slice(LETTERS.length)
      .flatMap((cell, at) =>
        cell.trim() === ''
          ? []
          : [
              table.header[LETTERS.length + at]?.trim() ||
                `kolom ${String(LETTERS.length + at + 1)}`,
            ],
      );
    const id = (cells['B'] ?? '').toLowerCase();
    if (id === '') {
      errors.push({
        row: record.row,
        column: label('B'),
        code: 'request-missing',
        message:
          'vul de Referentienummer van het saldoverzoek in: bij welk verzoek hoort deze rij?',
      });
      continue;
    }
    groups.set(id, [...(groups.get(id) ?? []), { row: record.row, cells, beyond }]);
  }
  const answers = [...groups].map(([id, lines]) =>
    draftSkpAnswer(id, lines, requests.get(id), options),
  );
  return { rows, answers, errors, warnings };
}

const CLOSED: Readonly<Record<Exclude<RequestStanding, { open: true }>['reason'], string>> = {
  answered: 'dit verzoek is al beantwoord',
  expired: 'dit verzoek is verlopen: het werd niet op tijd opgehaald',
  'not-saldoverzoek': 'dit bericht is geen saldoverzoek',
  'payload-dropped':
    'de inhoud van dit verzoek is na de bewaartermijn verwijderd; neem contact op met de schuldhulpverlener',
};

/** What a cell that the mapping cannot read should hold, in Dutch. */
const CELL_HINT: Readonly<Record<string, string>> = {
  P: 'vul Ja in, of laat de cel leeg',
  Q: 'vul Ja in, of laat de cel leeg',
  R: 'geen datum: schrijf dd-mm-jjjj (zoals 30-11-2026)',
  U: 'geen datum: schrijf dd-mm-jjjj (zoals 15-07-2024)',
  S: 'kies uit: openstaande schuld, overgedragen schuld, onbekende schuld bij SE',
  V: 'geen bedrag in euro (zoals 842,50 of 1.234,56)',
};

/** Drafts the 2.1 answer to request `id` from its SKP rows (pure). */
function draftSkpAnswer(
  id: string,
  lines: readonly SkpLine[],
  standing: RequestStanding | undefined,
  options: SkpPreviewOptions,
): AnswerOutcome {
  const rows = lines.map((line) => line.row);
  const first = rows[0] ?? 1;
  const refused = (code: CsvProblemCode, message: string): AnswerOutcome => ({
    requestId: id,
    status: 'invalid',
    rows,
    claimRows: [],
    errors: [{ row: first, column: label('B'), code, message }],
  });
  // Unknown and another participant's: one answer, so a file learns nothing of others' messages.
  if (standing === undefined) {
    return refused('request-unknown', 'geen saldoverzoek aan u met deze Referentienummer');
  }
  if (!standing.open) return refused('request-closed', CLOSED[standing.reason]);
  const filled = (line: SkpLine, letter: string) => (line.cells[letter] ?? '') !== '';
  if (!lines.some((line) => ANSWER_COLUMNS.some((letter) => filled(line, letter)))) {
    return { requestId: id, status: 'skipped', rows, claimRows: [], errors: [] };
  }
  const request = standing.request;
  // The format writes one version's fields: the answer goes in it or not at all.
  const takes = options.versionsOf(request.sender);
  if (defaultVersion(ANSWER_TYPE, takes, [SKP_ANSWER_VERSION]) === undefined) {
    return refused(
      'version-not-accepted',
      `de schuldhulpverlener neemt alleen versie ${takes.join(', ')} van de standaard aan; het SKP-formaat is een antwoord in versie ${SKP_ANSWER_VERSION} (standaard akkoord en datum per vordering): beantwoord dit verzoek met de portal-CSV of het formulier`,
    );
  }

  const problems: CsvProblem[] = [];
  const asked = request.payload as Payload;
  for (const line of lines) {
    const conversation = (line.cells['A'] ?? '').toLowerCase();
    if (conversation !== request.conversationId) {
      problems.push({
        row: line.row,
        column: label('A'),
        code: 'value-invalid',
        message: `hoort niet bij dit verzoek: het dossier van verzoek ${id} is ${request.conversationId}`,
      });
    }
    for (const name of line.beyond) {
      problems.push({
        row: line.row,
        column: name,
        code: 'value-invalid',
        message:
          'de hub leest de kolommen na V niet: maak de cel leeg, of beantwoord dit verzoek met de portal-CSV',
      });
    }
    problems.push(...unreadable(line, asked));
  }
  problems.push(...conflicts(lines));
  const claimLines = lines.filter((line) => CSV_CLAIM_COLUMNS.some((c) => filled(line, c)));
  const unknownClient = lines.find((line) => (line.cells['P'] ?? '').toLowerCase() === 'ja');
  if (unknownClient !== undefined) {
    for (const line of claimLines) {
      problems.push({
        row: line.row,
        column: label('P'),
        code: 'answer-contradictory',
        message: `Klant onbekend is Ja (rij ${String(unknownClient.row)}), maar deze rij heeft een vordering: maak de vordering leeg of Klant onbekend leeg`,
      });
    }
  }
  if (problems.length > 0) return invalid(id, rows, [], problems);

  const { payload } = csvSaldoverzoekAntwoord.translate({
    rows: lines.map((line) => line.cells),
    request: asked,
  });
  const claimRows = unknownClient === undefined ? claimLines.map((line) => line.row) : [];
  const violations = options.validate(ANSWER_TYPE, SKP_ANSWER_VERSION, payload);
  if (violations.length > 0) {
    return invalid(
      id,
      rows,
      claimRows,
      violations
        .filter((v) => v.keyword !== 'if' && !/\/anyOf\/[0-9]+\//.test(v.schemaPath))
        .map((v) => placed(v, lines, claimRows, first)),
    );
  }
  return {
    requestId: id,
    status: 'ready',
    rows,
    claimRows,
    draft: {
      messageType: ANSWER_TYPE,
      version: SKP_ANSWER_VERSION,
      inReplyTo: request.messageId,
      conversationId: request.conversationId,
      recipient: request.sender,
      module: request.module,
      payload: payload as Payload,
    },
    errors: [],
  };
}

function invalid(
  id: string,
  rows: readonly number[],
  claimRows: readonly number[],
  problems: readonly CsvProblem[],
): AnswerOutcome {
  const seen = new Set<string>();
  const errors = problems
    .filter((problem) => {
      const key = `${String(problem.row)}\u0000${problem.column ?? problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row);
  return { requestId: id, status: 'invalid', rows, claimRows, errors };
}

/**
 * The cells of one row the mapping cannot read, each at its own column: the row alone is
 * translated, and each cell it refuses is left out for the next try.
 */
function unreadable(line: SkpLine, request: Payload): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const cells: Record<string, string | undefined> = { ...line.cells };
  for (let tries = 0; tries <= LETTERS.length; tries += 1) {
    try {
      csvSaldoverzoekAntwoord.translate({ rows: [cells], request });
      return problems;
    } catch (error) {
      if (!(error instanceof SkpValueError) || cells[error.element] === undefined) throw error;
      problems.push({
        row: line.row,
        column: label(error.element),
        code: 'value-invalid',
        message: CELL_HINT[error.element] ?? `ongeldig: ${error.message}`,
      });
      cells[error.element] = undefined;
    }
  }
  return problems;
}

/** A case value that differs from an earlier row's: one value per answer. */
function conflicts(lines: readonly SkpLine[]): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const letter of CASE_COLUMNS) {
    let found: { row: number; text: string } | undefined;
    for (const line of lines) {
      const text = line.cells[letter] ?? '';
      if (text === '') continue;
      if (found === undefined) found = { row: line.row, text };
      else if (text !== found.text) {
        problems.push({
          row: line.row,
          column: label(letter),
          code: 'value-conflict',
          message: `verschilt van rij ${String(found.row)} (${found.text}): één waarde per antwoord; maak de cel leeg of gelijk`,
        });
      }
    }
  }
  return problems;
}

/** The column (letter) of each place in the payload the mapping fills from one column. */
const COLUMN_OF_POINTER = new Map(
  csvSaldoverzoekAntwoord.fields
    .filter((field) => field.target === 'payload')
    .map((field) => [field.pointer.replace('/i/', '/'), field.skp.split(' ')[0] ?? '']),
);

/** A schema violation of the translated answer, at its row and column, in Dutch. */
function placed(
  violation: SchemaViolation,
  lines: readonly SkpLine[],
  claimRows: readonly number[],
  first: number,
): CsvProblem {
  const path = violation.instancePath.split('/').slice(1);
  const missing = violation.params['missingProperty'];
  if (violation.keyword === 'required' && typeof missing === 'string') path.push(missing);
  const claim = path[0] === 'vorderingen' && /^[0-9]+$/.test(path[1] ?? '');
  const pointer = claim
    ? `/vorderingen/${path.slice(2, 3).join('/')}`
    : `/${path.slice(0, 2).join('/')}`;
  const letter = COLUMN_OF_POINTER.get(pointer) ?? COLUMN_OF_POINTER.get(`/${path[0] ?? ''}`);
  // A claim's problem is at its row; a case value's at the row it was read from.
  const row = claim
    ? (claimRows[Number(path[1])] ?? first)
    : ((letter === undefined
        ? undefined
        : lines.find((line) => (line.cells[letter] ?? '') !== '')?.row) ?? first);
  const fromRequest = ['schuldenaar', 'partner', 'klantnummerSchuldhulpverlener'].includes(
    path[0] ?? '',
  );
  return {
    row,
    column: letter === undefined || fromRequest ? null : label(letter),
    code: 'schema',
    message: fromRequest
      ? `de gegevens uit het verzoek voldoen niet aan het antwoord (${violation.instancePath} ${violation.message ?? ''}); beantwoord dit verzoek met het formulier`
      : dutch(violation),
  };
}

function dutch(violation: SchemaViolation): string {
  const limit = violation.params['limit'];
  switch (violation.keyword) {
    case 'required':
      return 'verplicht: vul deze kolom in';
    case 'anyOf':
      return 'vul een telefoonnummer of een e-mailadres van de contactpersoon in (N of O)';
    case 'enum':
      return `kies uit: ${(violation.params['allowedValues'] as unknown[]).join(', ')}`;
    case 'minLength':
      return limit === 1 ? 'mag niet leeg zijn' : `te kort: minstens ${String(limit)} tekens`;
    case 'maxLength':
      return `te lang: hoogstens ${String(limit)} tekens`;
    case 'maxItems':
      return `hoogstens ${String(limit)} vorderingen per antwoord`;
    default:
      return `ongeldige waarde (${violation.message ?? violation.keyword})`;
  }
}
