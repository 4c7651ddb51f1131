/**
 * Bulk answers in the OpenAPI document (routes/portal_bulk.ts, tag `portal`): the CSV of the
 * participant's open saldoverzoeken and the preview of an uploaded CSV of answers — unsigned
 * drafts the browser signs and submits to `POST /v1/portal/messages`, and the problems per row
 * and column (docs/portal.md, "Bulk answers (CSV)").
 */
import { MODULES } from '@knooppunt/standard';
import { CSV_PROBLEM_CODES } from '../../portal/csv.ts';
import {
  answer,
  CSRF_HEADER as CSRF,
  object,
  OIN,
  problem,
  ref,
  shared,
  TEXT,
  UUID,
} from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';

const SESSION = [{ portalSession: [] }];
const SIGNED_IN = {
  '401': problem('SESSION_INVALID: no live portal session'),
  ...shared(500, 503),
};
const ROW: Json = {
  type: 'integer',
  minimum: 1,
  description: 'The row as a spreadsheet numbers it (the header is row 1)',
};
const ROWS: Json = { type: 'array', items: ROW };

/** The schemas of the bulk routes. */
export const PORTAL_BULK_SCHEMAS: Readonly<Record<string, Json>> = {
  PortalCsvProblem: object(
    {
      row: ROW,
      column: {
        type: ['string', 'null'],
        description: 'The column name as in the header; null when the problem has no one column',
      },
      code: { type: 'string', enum: [...CSV_PROBLEM_CODES] },
      message: { type: 'string', description: 'What is wrong, in Dutch' },
    },
    ['row', 'column', 'code', 'message'],
  ),
  PortalAnswerDraft: object(
    {
      messageType: { const: 'saldoverzoek-antwoord' },
      version: TEXT,
      inReplyTo: UUID,
      conversationId: UUID,
      recipient: OIN,
      module: { type: 'string', enum: [...MODULES] },
      payload: {
        type: 'object',
        description: 'The payload, valid against the schema of messageType and version',
      },
    },
    ['messageType', 'version', 'inReplyTo', 'conversationId', 'recipient', 'module', 'payload'],
  ),
  PortalAnswerPreview: object(
    {
      requestId: { type: 'string', description: 'The verzoekId of the rows' },
      status: {
        type: 'string',
        enum: ['ready', 'invalid', 'skipped'],
        description:
          'ready: the draft passes the schema; invalid: see errors; skipped: the rows hold no claim data and neither clientOnbekend nor geenVordering',
      },
      rows: ROWS,
      claimRows: { ...ROWS, description: 'The row of each claim line, payload.vorderingen order' },
      draft: ref('PortalAnswerDraft'),
      errors: { type: 'array', items: ref('PortalCsvProblem') },
    },
    ['requestId', 'status', 'rows', 'claimRows', 'errors'],
  ),
  PortalCsvPreview: object(
    {
      format: {
        type: 'string',
        enum: ['portal', 'skp'],
        description:
          "portal: the portal's own columns (2.0 answers); skp: the Schuldenknooppunt's CSV Saldoverzoek Antwoord, columns A–V (2.1 answers)",
      },
      delimiter: { enum: [';', ',', null] },
      rows: { type: 'integer', minimum: 0, description: 'Data rows read, blank rows not counted' },
      answers: { type: 'array', items: ref('PortalAnswerPreview') },
      errors: {
        type: 'array',
        items: ref('PortalCsvProblem'),
        description: 'Problems of the file, or of rows that belong to no answer',
      },
      warnings: { type: 'array', items: ref('PortalCsvProblem') },
      counts: object(
        {
          ready: { type: 'integer', minimum: 0 },
          invalid: { type: 'integer', minimum: 0 },
          skipped: { type: 'integer', minimum: 0 },
        },
        ['ready', 'invalid', 'skipped'],
      ),
    },
    ['format', 'delimiter', 'rows', 'answers', 'errors', 'warnings', 'counts'],
  ),
};

/** The bulk routes. */
export const PORTAL_BULK_PATHS: Readonly<Record<string, Json>> = {
  '/v1/portal/bulk/saldoverzoeken.csv': {
    get: {
      operationId: 'portalBulkDownload',
      tags: ['portal'],
      summary:
        "The open saldoverzoeken addressed to the user's participant as CSV (UTF-8 with BOM, `;`, CRLF; one row per claim the request names); picks them up",
      security: SESSION,
      responses: {
        '200': {
          description:
            'The CSV, as an attachment (Content-Disposition); columns in docs/portal.md. No BSN, no address',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/bulk/preview': {
    post: {
      operationId: 'portalBulkPreview',
      tags: ['portal'],
      summary:
        'Reads a CSV of answers and answers per request the unsigned draft or the problems at their row and column; sends nothing',
      security: SESSION,
      parameters: [
        CSRF,
        {
          name: 'format',
          in: 'query',
          required: false,
          description:
            "The file's format: portal (the portal's own columns) or skp (the Schuldenknooppunt's CSV Saldoverzoek Antwoord, columns A–V); recognised by the header row when absent",
          schema: { type: 'string', enum: ['portal', 'skp'] },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'text/csv': {
            schema: {
              type: 'string',
              description: 'UTF-8 (BOM optional), `;` or `,` separated; at most 10 MiB',
            },
          },
        },
      },
      responses: {
        '200': answer(
          'The preview; problems of the file are in errors, not an error status',
          'PortalCsvPreview',
        ),
        '400': problem('USAGE_INVALID: no body, or a format other than portal or skp'),
        '403': problem('CSRF_INVALID'),
        ...shared(413, 415),
        ...SIGNED_IN,
      },
    },
  },
};
