/**
 * Bulk answers in the participant portal (docs/portal.md, "Bulk answers (CSV)"): a creditor's
 * user downloads the open `saldoverzoek`en addressed to its participant as CSV, fills in the
 * claim lines in a spreadsheet and uploads the file for a preview — per request the unsigned
 * answer draft, or what is wrong at its row and column. The hub sends nothing here: the browser
 * signs each draft with the user's own key and submits it to `POST /v1/portal/messages`
 * (docs/portal.md, "Signing"). The CSV work is pure (src/portal/csv.ts); this shell reads the
 * ledger, records pickup and answers.
 */
import type { Request, Response, Router } from 'express';
import { UsageError } from '@knooppunt/standard';
import type { MessageRecord } from '../../../ledger/types.ts';
import { acceptedVersionsOf } from '../../../participants/versions.ts';
import {
  REQUEST_TYPE,
  openRequestsCsv,
  payloadValidator,
  previewAnswersCsv,
  requestIdsInCsv,
  standingOf,
} from '../../../portal/csv.ts';
import type { CsvFormat, RequestStanding } from '../../../portal/csv.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { mount } from '../routing.ts';
import { portalPickUp } from './portal_pickup.ts';
import { portalOf, portalSignedIn } from './portal.ts';

/**
 * How many open requests one download lists (earliest deadline first) — a large creditor's
 * batch (docs/performance.md speaks of ten thousand) — and the largest upload: about 30,000
 * claim lines.
 */
export const BULK_LIMITS = Object.freeze({ requests: 10_000, uploadBytes: 10 * 1024 * 1024 });

/** Mounts the bulk routes (when the hub has a portal). */
export function mountPortalBulkRoutes(router: Router, context: RestContext): void {
  if (context.portal === undefined) return;
  const signedIn = portalSignedIn(context);
  const validate = payloadValidator(context.schemas);

  /** The participant's open saldoverzoeken, with payload, earliest deadline first. */
  const openRequests = async (participant: string): Promise<MessageRecord[]> =>
    (await context.ledger.openAnswers(BULK_LIMITS.requests, participant)).filter(
      (record) => record.messageType === REQUEST_TYPE && record.payload !== null,
    );

  /**
   * Where each id of a file stands for the participant; a long file reads the open requests at
   * once rather than one by one.
   */
  const standingsOf = async (
    ids: readonly string[],
    participant: string,
  ): Promise<Map<string, RequestStanding>> => {
    const open =
      ids.length > 100
        ? new Map((await openRequests(participant)).map((r) => [r.messageId, r]))
        : new Map<string, MessageRecord>();
    const standings = new Map<string, RequestStanding>();
    for (const id of ids) {
      const record = open.get(id) ?? (await context.ledger.getMessage(id));
      const standing = standingOf(record, participant);
      if (standing !== undefined) standings.set(id, standing);
    }
    return standings;
  };

  mount(router, '/v1/portal/bulk/saldoverzoeken.csv', {
    get: [
      signedIn,
      async (_req: Request, res: Response) => {
        const { participant, user } = portalOf(res);
        const requests = await openRequests(participant);
        const names = new Map<string, string | undefined>();
        for (const sender of new Set(requests.map((r) => r.sender))) {
          names.set(sender, (await context.registry.get(sender))?.name);
        }
        const csv = openRequestsCsv(requests, (oin) => names.get(oin));
        // The file shows the requests' content: as opening one in the portal, that picks them
        // up — else they would expire after five working days while the creditor works on them.
        await pickUpAll(context, requests, participant);
        context.logger.info(
          { portalUser: user, participant, requests: requests.length },
          'portal bulk download',
        );
        const day = context.clock.now().toISOString().slice(0, 10);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Disposition', `attachment; filename="saldoverzoeken-${day}.csv"`);
        res.type('text/csv; charset=utf-8').send(csv);
      },
    ],
  });

  mount(router, '/v1/portal/bulk/preview', {
    post: [
      signedIn,
      ...readBody({
        types: ['text/csv'],
        limit: BULK_LIMITS.uploadBytes,
        malformed: 'USAGE_INVALID',
      }),
      async (req: Request, res: Response) => {
        const { participant } = portalOf(res);
        if (typeof req.body !== 'string') {
          throw new UsageError('USAGE_INVALID', 'the body is a CSV file (text/csv)');
        }
        const text = req.body;
        const format = formatOf(req);
        const standings = await standingsOf(requestIdsInCsv(text, format), participant);
        // The versions each asking debt helper takes: an answer in the SKP's format is 2.1.
        const versions = new Map<string, readonly string[]>();
        for (const standing of standings.values()) {
          if (!standing.open || versions.has(standing.request.sender)) continue;
          const sender = await context.registry.get(standing.request.sender);
          versions.set(
            standing.request.sender,
            sender === undefined ? [] : acceptedVersionsOf(sender),
          );
        }
        res.setHeader('Cache-Control', 'no-store');
        res.json(
          previewAnswersCsv(text, standings, validate, {
            ...(format === undefined ? {} : { format }),
            versionsOf: (oin) => versions.get(oin) ?? [],
          }),
        );
      },
    ],
  });
}

/** `?format=portal|skp`: the file's format, or undefined to recognise it by its header row. */
function formatOf(req: Request): CsvFormat | undefined {
  const format = req.query['format'];
  if (format === undefined) return undefined;
  if (format === 'portal' || format === 'skp') return format;
  throw new UsageError('USAGE_INVALID', "format must be 'portal' or 'skp'");
}

/** Records delivery and pickup via the portal of the requests not yet picked up. */
async function pickUpAll(
  context: RestContext,
  requests: readonly MessageRecord[],
  participant: string,
): Promise<void> {
  for (const record of requests) await portalPickUp(context, record, participant);
}
