/**
 * Bulk answers to balance requests as CSV (issue 11; docs/portal.md, "Bulk answers (CSV)"), pure:
 * the download of a creditor's open `saldoverzoek`en, one row per known claim, and the preview of
 * an uploaded file — per request, the unsigned `saldoverzoek-antwoord` draft the browser will sign
 * and send, or what is wrong, at its row and column. The hub never signs for a portal user
 * (docs/portal.md, "Signing"), so it sends nothing here; the I/O is the route's
 * (src/transports/rest/routes/portal_bulk.ts).
 */
import { SchemaError, defaultVersion } from '@knooppunt/standard';
import type { Payload, SchemaRegistry, SchemaViolation } from '@knooppunt/standard';
import { CSV_COLUMNS, KEY_COLUMN, columnNamed } from './csv_columns.ts';
import { ANSWER_TYPE, draftAnswer } from './csv_answer.ts';
import type { AnswerOutcome, CsvProblem } from './csv_answer.ts';
import { isSkpHeader, previewSkpAnswers, skpRequestIds } from './csv_skp.ts';
import { readCsv, writeCsv } from './csv_table.ts';

export { CSV_COLUMNS, KEY_COLUMN } from './csv_columns.ts';
export type { CsvColumn } from './csv_columns.ts';
export type { AnswerDraft, CsvProblem, CsvProblemCode } from './csv_answer.ts';

/** The request type the CSV answers (the answer: `ANSWER_TYPE`). */
export const REQUEST_TYPE = 'saldoverzoek';
export { ANSWER_TYPE, CSV_PROBLEM_CODES } from './csv_answer.ts';

/**
 * What the CSV needs of a request: a ledger `MessageRecord` is one (declared here, since the
 * portal's part sits below the ledger; docs/architecture.md).
 */
export interface BulkRequest {
  readonly messageId: string;
  readonly conversationId: string;
  readonly sender: string;
  readonly module: string;
  readonly messageType: string;
  /** `null` once dropped after retention. */
  readonly payload: Payload | null;
  readonly answerDueAt?: string;
}

/** What `standingOf` reads of a stored message besides the request itself. */
export interface StoredRequest extends BulkRequest {
  readonly recipient: string;
  readonly status: string;
  /** The open answer deadline; `null` or absent once answered or expired. */
  readonly openAnswerDueAt?: string | null;
}

/** Where a request named in a file stands, for the participant that uploads it. */
export type RequestStanding =
  | { readonly open: true; readonly request: BulkRequest }
  | {
      readonly open: false;
      readonly reason: 'answered' | 'expired' | 'not-saldoverzoek' | 'payload-dropped';
    };

/**
 * Where `record` stands for `participant`: `undefined` — exactly as for an id that does not
 * exist — unless it is addressed to the participant, so a file learns nothing of others'
 * messages.
 */
export function standingOf(
  record: StoredRequest | undefined,
  participant: string,
): RequestStanding | undefined {
  if (record === undefined || record.recipient !== participant) return undefined;
  if (record.messageType !== REQUEST_TYPE) return { open: false, reason: 'not-saldoverzoek' };
  if (record.status === 'expired') return { open: false, reason: 'expired' };
  if (typeof record.openAnswerDueAt !== 'string') return { open: false, reason: 'answered' };
  if (record.payload === null) return { open: false, reason: 'payload-dropped' };
  return { open: true, request: record };
}

/** Turns the hub's schema registry into the preview's check: the violations, none when valid. */
export function payloadValidator(schemas: Pick<SchemaRegistry, 'validatePayload'>) {
  return (messageType: string, version: string, payload: unknown): readonly SchemaViolation[] => {
    try {
      schemas.validatePayload(messageType, version, payload);
      return [];
    } catch (error) {
      if (error instanceof SchemaError) return error.violations;
      throw error;
    }
  };
}

/** The preview's schema check (see `payloadValidator`). */
export type ValidatePayload = ReturnType<typeof payloadValidator>;

/**
 * The download: every open `saldoverzoek` (with its payload) as rows, one per claim the request
 * names with `factuurnummer` prefilled, or one row without. Identifying columns are prefilled;
 * the debtor appears only by initials, surname and birth date — never a BSN, nor an address.
 *
 * @param requests - the participant's open requests; others' types and dropped payloads are left out
 * @param nameOf - the name of a participant (the debt helper who asked), when known
 */
export function openRequestsCsv(
  requests: readonly BulkRequest[],
  nameOf: (oin: string) => string | undefined = () => undefined,
): string {
  const rows: string[][] = [];
  for (const request of requests) {
    if (request.messageType !== REQUEST_TYPE || request.payload === null) continue;
    const payload = request.payload;
    const known = Array.isArray(payload['bekendeVorderingen'])
      ? (payload['bekendeVorderingen'] as Payload[])
      : [];
    const prefilled: Record<string, string> = {
      verzoekId: request.messageId,
      dossierId: request.conversationId,
      schuldhulpverlener: nameOf(request.sender) ?? request.sender,
      klantnummerSchuldhulpverlener: text(payload['klantnummerSchuldhulpverlener']),
      naam: nameOfDebtor(payload),
      geboortedatum: text(personOf(payload)['geboortedatum']),
      antwoordUiterlijk: request.answerDueAt === undefined ? '' : dutchDate(request.answerDueAt),
      klantnummerSchuldeiser: text(payload['klantnummerSchuldeiser']),
      peildatum: text(payload['peildatum']),
    };
    for (const claim of known.length === 0 ? [undefined] : known) {
      const line = { ...prefilled, factuurnummer: text(claim?.['factuurnummer']) };
      rows.push(CSV_COLUMNS.map((c) => line[c.name as keyof typeof line] ?? ''));
    }
  }
  return writeCsv(
    CSV_COLUMNS.map((c) => c.name),
    rows,
  );
}

/** The request ids a file names (the route looks them up before the preview). */
export function requestIdsInCsv(text: string, format?: CsvFormat): string[] {
  const table = readCsv(text);
  if ('code' in table) return [];
  if (formatOf(table.header, format) === 'skp') return skpRequestIds(table);
  const key = table.header.findIndex((name) => columnNamed(name)?.name === KEY_COLUMN);
  if (key < 0) return [];
  const ids = table.records.map((record) => (record.cells[key] ?? '').trim());
  return [...new Set(ids.filter((id) => id !== ''))];
}

/**
 * The format of an uploaded file: the portal's own columns (`portal`, 2.0 answers) or the
 * Schuldenknooppunt's CSV Saldoverzoek Antwoord (`skp`, columns A–V, 2.1 answers; csv_skp.ts).
 */
export type CsvFormat = 'portal' | 'skp';

/** The format asked for, else the one the header row shows. */
function formatOf(header: readonly string[], asked: CsvFormat | undefined): CsvFormat {
  return asked ?? (isSkpHeader(header) ? 'skp' : 'portal');
}

/** What the preview needs to know besides the file and the requests. */
export interface PreviewOptions {
  /** The file's format; recognised by its header row when not given. */
  readonly format?: CsvFormat;
  /**
   * The versions of the standard a participant takes (the debt helper who asked): an answer in
   * the SKP's format is 2.1. Absent: every participant takes 2.0 only.
   */
  readonly versionsOf?: (oin: string) => readonly string[];
}

/** The preview of an uploaded file. */
export interface CsvPreview {
  /** The format the file was read as. */
  readonly format: CsvFormat;
  /** The separator the file was read with. */
  readonly delimiter: ';' | ',' | null;
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  /** One per request id, in the order of the file. */
  readonly answers: readonly AnswerOutcome[];
  /** Problems of the file itself or of rows that belong to no answer. */
  readonly errors: readonly CsvProblem[];
  /** What was ignored: unknown columns. */
  readonly warnings: readonly CsvProblem[];
  readonly counts: { readonly ready: number; readonly invalid: number; readonly skipped: number };
}

/**
 * Reads an uploaded file and drafts the answers it holds (pure).
 *
 * @param text - the file, decoded as UTF-8 (with or without BOM)
 * @param requests - where each request id the file names stands for the uploading participant
 *   (absent: unknown or not the participant's, which the preview does not tell apart)
 * @param validate - the hub's schema check of a payload
 */
export function previewAnswersCsv(
  text: string,
  requests: ReadonlyMap<string, RequestStanding>,
  validate: ValidatePayload,
  options: PreviewOptions = {},
): CsvPreview {
  const table = readCsv(text);
  if ('code' in table) {
    return emptyPreview(options.format ?? 'portal', null, [{ ...table, column: null }]);
  }
  if (formatOf(table.header, options.format) === 'skp') {
    if (!isSkpHeader(table.header)) {
      return emptyPreview('skp', table.delimiter, [
        {
          row: 1,
          column: table.header[0] ?? null,
          code: 'column-missing',
          message:
            'geen bestand in het SKP-formaat: kolom A heet ConversatieReferentienummer en kolom B Referentienummer',
        },
      ]);
    }
    const read = previewSkpAnswers(table, requests, {
      validate,
      versionsOf: options.versionsOf ?? (() => ['2.0']),
    });
    return { format: 'skp', delimiter: table.delimiter, ...read, counts: countsOf(read.answers) };
  }
  const errors: CsvProblem[] = [];
  const warnings: CsvProblem[] = [];
  const index = new Map<string, number>();
  table.header.forEach((name, at) => {
    const known = columnNamed(name);
    if (name === '') return;
    if (known === undefined) {
      warnings.push({
        row: 1,
        column: name,
        code: 'column-unknown',
        message: 'onbekende kolom; genegeerd',
      });
    } else if (index.has(known.name)) {
      errors.push({
        row: 1,
        column: known.name,
        code: 'column-duplicate',
        message: 'deze kolom staat er twee keer in; de eerste telt',
      });
    } else {
      index.set(known.name, at);
    }
  });
  if (!index.has(KEY_COLUMN)) {
    errors.push({
      row: 1,
      column: KEY_COLUMN,
      code: 'column-missing',
      message: `de kolom ${KEY_COLUMN} ontbreekt: zonder weet de hub niet welk verzoek u beantwoordt`,
    });
    return emptyPreview('portal', table.delimiter, errors, warnings);
  }
  const groups = new Map<string, { row: number; cell: (column: string) => string }[]>();
  let rows = 0;
  for (const record of table.records) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    rows += 1;
    const cell = (column: string): string => {
      const at = index.get(column);
      return at === undefined ? '' : (record.cells[at] ?? '').trim();
    };
    const id = cell(KEY_COLUMN);
    if (id === '') {
      errors.push({
        row: record.row,
        column: KEY_COLUMN,
        code: 'request-missing',
        message: `vul ${KEY_COLUMN} in: bij welk verzoek hoort deze rij?`,
      });
      continue;
    }
    groups.set(id, [...(groups.get(id) ?? []), { row: record.row, cell }]);
  }
  // The columns are 2.0's fields, and 2.0 is the version every participant takes while the
  // hub offers it: the answer type's default when the recipient's versions are not asked.
  const version = defaultVersion(ANSWER_TYPE);
  const answers = [...groups].map(([id, lines]) =>
    draftAnswer(id, lines, requests.get(id), {
      version,
      validate,
      hasColumn: (column) => index.has(column),
    }),
  );
  return {
    format: 'portal',
    delimiter: table.delimiter,
    rows,
    answers,
    errors,
    warnings,
    counts: countsOf(answers),
  };
}

function countsOf(answers: readonly AnswerOutcome[]): CsvPreview['counts'] {
  return {
    ready: answers.filter((a) => a.status === 'ready').length,
    invalid: answers.filter((a) => a.status === 'invalid').length,
    skipped: answers.filter((a) => a.status === 'skipped').length,
  };
}

function emptyPreview(
  format: CsvFormat,
  delimiter: CsvPreview['delimiter'],
  errors: readonly CsvProblem[],
  warnings: readonly CsvProblem[] = [],
): CsvPreview {
  return {
    format,
    delimiter,
    rows: 0,
    answers: [],
    errors,
    warnings,
    counts: { ready: 0, invalid: 0, skipped: 0 },
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function personOf(payload: Payload): Payload {
  const debtor = payload['schuldenaar'] as Payload | undefined;
  return (debtor?.['persoon'] as Payload | undefined) ?? {};
}

/** `M.J. de Vries`: enough to recognise the case, no more. */
function nameOfDebtor(payload: Payload): string {
  const person = personOf(payload);
  return [person['voorletters'], person['tussenvoegsel'], person['achternaam']]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ');
}

/** `yyyy-mm-dd` in the Netherlands' time zone (en-CA writes ISO dates). */
const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** The calendar day in the Netherlands of a moment (`2026-12-14`). */
function dutchDate(iso: string): string {
  return DUTCH_DAY.format(new Date(iso));
}
