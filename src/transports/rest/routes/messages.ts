/**
 * The message routes: submit (`POST /v1/messages`, through the pipeline), fetch
 * (`GET /v1/messages/{id}`, the recipient only; the first fetch records delivery), acknowledge
 * (`POST /v1/messages/{id}/ack`, the recipient only; records pickup and starts the retention
 * period; idempotent) and status (`GET /v1/messages/{id}/status`, sender or recipient;
 * metadata and the ledger timeline). State changes are conditional ledger updates, so two hub
 * processes serving the same recipient cannot record a delivery or pickup twice.
 */
import type { Request, Response, Router } from 'express';
import { SchemaError } from '@knooppunt/standard';
import type { AckResult, FetchedMessage, Payload } from '@knooppunt/standard';
import type { MessageRecord, MessageSummary } from '../../../ledger/types.ts';
import { applied, delivery } from '../../../lifecycle/index.ts';
import type { PipelineResult } from '../../../pipeline/types.ts';
import { acknowledgePickup } from '../../pickups.ts';
import type { PickupDeps } from '../../pickups.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { messageStatusView, submissionResult } from '../views.ts';

/** Mounts the message routes. */
export function mountMessageRoutes(router: Router, context: RestContext): void {
  const { authenticate } = context;
  mount(router, '/v1/messages', {
    post: [
      authenticate,
      ...readBody({
        types: ['application/json'],
        limit: context.config.maxBodyBytes,
        malformed: 'MALFORMED_MESSAGE',
      }),
      (req, res) => submit(context, req, res),
    ],
  });
  mount(router, '/v1/messages/:id', {
    get: [authenticate, (req, res) => fetchMessage(context, req, res)],
  });
  mount(router, '/v1/messages/:id/ack', {
    post: [authenticate, (req, res) => acknowledge(context, req, res)],
  });
  mount(router, '/v1/messages/:id/status', {
    get: [authenticate, (req, res) => status(context, req, res)],
  });
}

async function submit(context: RestContext, req: Request, res: Response): Promise<void> {
  const result = await context.pipeline.submit({
    body: req.body as unknown,
    identity: participantOf(res).oin,
    transport: 'rest',
  });
  if (result.outcome === 'rejected') throw submissionRejection(result);
  res
    .status(result.outcome === 'accepted' ? 201 : 200)
    .location(`/v1/messages/${encodeURIComponent(result.record.messageId)}/status`)
    .json(submissionResult(result.claims, result.receipt, result.outcome === 'duplicate'));
}

/** A rejected submission: the first reason's status, every reason, the signed receipt. */
export function submissionRejection(
  result: Extract<PipelineResult, { outcome: 'rejected' }>,
): HttpProblem {
  const { error } = result;
  return HttpProblem.from(error, {
    extensions: {
      reasons: result.claims.reasons,
      ...(result.claims.reasonCount === undefined
        ? {}
        : { reasonCount: result.claims.reasonCount }),
      receipt: result.receipt,
      ...(error instanceof SchemaError ? { violations: error.violations } : {}),
    },
  });
}

async function fetchMessage(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  let record = await recipientsMessage(context, req, me);
  if (record.status === 'accepted') {
    const update = delivery(record.messageId, context.clock.now(), 'rest', me);
    // Not applied: another request (or process) moved it on first; answer with what it is now.
    if (await context.ledger.updateMessage(record.messageId, update)) {
      context.onMoved?.(record, update);
      record = applied(record, update);
    } else {
      record = await recipientsMessage(context, req, me);
    }
  }
  const body: FetchedMessage = {
    envelope: record.envelope,
    payload: record.payload as Payload, // recipientsMessage refused a removed payload
    signature: record.signature,
    receivedAt: record.receivedAt,
    status: record.status,
  };
  res.json(body);
}

async function acknowledge(context: RestContext, req: Request, res: Response): Promise<void> {
  const outcome = await acknowledgePickup(
    pickupDeps(context),
    req.params['id'] as string,
    participantOf(res).oin,
    'rest',
  );
  if (outcome.kind === 'expired') throw gone(outcome.record);
  res.json(ackResult(outcome.record.messageId, outcome.pickedUpAt));
}

async function status(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  const record = await existingMessage(context, req);
  if (record.sender !== me && record.recipient !== me) {
    throw new HttpProblem('FORBIDDEN', 'only the sender and the recipient see a message status');
  }
  const events = await context.ledger.listEvents(record.messageId);
  res.json(messageStatusView(record, events, record.sender === me));
}

async function existingMessage(context: RestContext, req: Request): Promise<MessageRecord> {
  const id = req.params['id'] as string;
  const record = await context.ledger.getMessage(id);
  if (record === undefined) {
    throw new HttpProblem('MESSAGE_NOT_FOUND', `no message with id ${id}`);
  }
  return record;
}

/**
 * The message, when `me` is its recipient: 404 unknown, 403 someone else's, 410 expired or
 * payload removed (unless `allowDropped`: an acknowledged message stays acknowledged after
 * retention removed its payload).
 */
async function recipientsMessage(
  context: RestContext,
  req: Request,
  me: string,
  options: { allowDropped?: boolean } = {},
): Promise<MessageRecord> {
  const record = await existingMessage(context, req);
  if (record.recipient !== me) {
    throw new HttpProblem('FORBIDDEN', 'only the recipient may fetch or acknowledge a message');
  }
  if (record.status === 'expired' || (record.payload === null && options.allowDropped !== true)) {
    throw gone(record);
  }
  return record;
}

export function gone(record: MessageSummary): HttpProblem {
  const why =
    record.status === 'expired'
      ? `it expired at ${record.expiredAt ?? record.expiresAt} without being picked up`
      : `its payload was removed at ${record.payloadDroppedAt ?? 'the end of the retention period'}`;
  return new HttpProblem('MESSAGE_NOT_FOUND', `message ${record.messageId} is gone: ${why}`, {
    status: 410,
  });
}

export function ackResult(messageId: string, pickedUpAt: string): AckResult {
  return { messageId, status: 'picked-up', pickedUpAt };
}

/** What an acknowledgement needs of the REST context. */
export function pickupDeps(context: RestContext): PickupDeps {
  return {
    ledger: context.ledger,
    clock: context.clock,
    retentionDays: context.config.retentionDays,
    ...(context.onMoved === undefined ? {} : { onMoved: context.onMoved }),
  };
}
