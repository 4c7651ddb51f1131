/**
 * `GET /v1/mailbox`: the messages waiting for the authenticated participant (accepted or
 * delivered, not yet acknowledged), oldest first, metadata only, paged with an opaque cursor.
 * A participant can only ever list its own mailbox: there is no parameter that names another
 * one, and a `recipient` parameter naming anyone else is 403 FORBIDDEN. With `wait=<s>` (up to
 * 30) an empty mailbox answers when a message arrives or after that many seconds: long polling.
 *
 * `POST /v1/mailbox/ack`: acknowledges up to a page of messages in one request, each as
 * `POST /v1/messages/{id}/ack` would, with an outcome per message — one request per page picked
 * up instead of one per message.
 */
import type { Request, Response, Router } from 'express';
import { isTransientCode, KnooppuntError, UsageError } from '@knooppunt/standard';
import type { AckOutcome, MailboxPage } from '@knooppunt/standard';
import { acknowledgePickup } from '../../pickups.ts';
import { bodyField, readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem, problemBody } from '../problem.ts';
import { participantOf, requestIdOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { mailboxItem } from '../views.ts';
import { ackResult, gone, pickupDeps } from './messages.ts';
import { queryInteger, queryModule, queryString, UUID_PATTERN } from './query.ts';

/** Page size bounds of the mailbox. */
export const MAILBOX_LIMITS = Object.freeze({ min: 1, max: 500, fallback: 100 });
/** Messages one `POST /v1/mailbox/ack` may acknowledge: a full mailbox page. */
export const ACK_BATCH_MAX = MAILBOX_LIMITS.max;
/** Acknowledgements of one batch at work at once (each is a read and a conditional update). */
const ACKS_AT_ONCE = 32;
/** Long poll: seconds an empty mailbox request may wait for a message (`wait=`). */
export const MAILBOX_WAIT = Object.freeze({ min: 0, max: 30, fallback: 0 });
/** While waiting, the ledger is read again this often (messages accepted by other processes). */
const REREAD_MS = 1000;

/** Mounts the mailbox route. */
export function mountMailboxRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/mailbox', {
    get: [context.authenticate, (req, res) => mailbox(context, req, res)],
  });
  mount(router, '/v1/mailbox/ack', {
    post: [
      context.authenticate,
      ...readBody({ types: ['application/json'], limit: 65_536, malformed: 'USAGE_INVALID' }),
      (req, res) => acknowledgeAll(context, req, res),
    ],
  });
}

async function mailbox(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  const recipient = queryString(req, 'recipient');
  if (recipient !== undefined && recipient !== me) {
    throw new HttpProblem('FORBIDDEN', 'a participant can only read its own mailbox');
  }
  const messageType = queryString(req, 'messageType');
  if (messageType !== undefined && !knownType(context, messageType)) {
    throw new HttpProblem('USAGE_INVALID', `messageType '${messageType}' has no schema`);
  }
  const module = queryModule(req);
  const cursor = queryString(req, 'cursor');
  const waitMs = queryInteger(req, 'wait', MAILBOX_WAIT) * 1000;
  const query = {
    recipient: me,
    limit: queryInteger(req, 'limit', MAILBOX_LIMITS),
    ...(module === undefined ? {} : { module }),
    ...(messageType === undefined ? {} : { messageType }),
    ...(cursor === undefined ? {} : { cursor }),
  };
  let page = await context.ledger.listMailbox(query);
  if (page.items.length === 0 && waitMs > 0) {
    // Long poll: wait for a message here (woken by this process's acceptances), reading the
    // ledger again every second for those accepted by other processes; stop when the client
    // goes away.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    // Real time, not the hub's clock: this is how long a connection is held open.
    const deadline = Date.now() + waitMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || gone.signal.aborted || context.mailboxSignals.closed) break;
      await context.mailboxSignals.wait(me, Math.min(left, REREAD_MS), gone.signal);
      if (gone.signal.aborted || context.mailboxSignals.closed) break;
      page = await context.ledger.listMailbox(query);
      if (page.items.length > 0) break;
    }
  }
  const body: MailboxPage = {
    items: page.items.map(mailboxItem),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
  res.json(body);
}

function knownType(context: RestContext, messageType: string): boolean {
  return context.schemas.listMessageSchemas().some((info) => info.messageType === messageType);
}

/**
 * `POST /v1/mailbox/ack` with `{"messageIds": [...]}`: each message acknowledged as its own
 * `POST /v1/messages/{id}/ack` would be, answered in the order given — picked up (now or
 * before), or the problem of that one message (404 unknown, 403 someone else's, 410 expired,
 * 503 still being stored: acknowledge it again). A body that is not such a list is 400.
 */
async function acknowledgeAll(context: RestContext, req: Request, res: Response): Promise<void> {
  const ids = messageIdsOf(req.body);
  const me = participantOf(res).oin;
  const deps = pickupDeps(context);
  const requestId = requestIdOf(res);
  const items: AckOutcome[] = new Array<AckOutcome>(ids.length);
  let deferred = 0;
  let next = 0;
  /**
   * An unexpected failure (not the hub's own error): the whole request fails with 500, once the
   * acknowledgements under way have settled.
   */
  let unexpected: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < ids.length && unexpected === undefined) {
      const index = next++;
      const messageId = ids[index] as string;
      try {
        const outcome = await acknowledgePickup(deps, messageId, me, 'rest');
        items[index] =
          outcome.kind === 'expired'
            ? failed(messageId, gone(outcome.record), requestId)
            : ackResult(messageId, outcome.pickedUpAt);
      } catch (error) {
        if (!(error instanceof KnooppuntError)) {
          unexpected ??= { error }; // no acknowledgement begins after it
          return;
        }
        if (isTransientCode(error.code)) deferred += 1;
        items[index] = failed(messageId, HttpProblem.from(error), requestId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACKS_AT_ONCE, ids.length) }, worker));
  // Answered only now, so that no acknowledgement of this request is still at work after it.
  if (unexpected !== undefined) throw unexpected.error;
  if (deferred > 0) {
    context.logger.warn({ deferred, requestId }, 'acknowledgements deferred');
  }
  res.json({ items });
}

function failed(messageId: string, problem: HttpProblem, requestId: string): AckOutcome {
  return {
    messageId,
    status: 'failed',
    problem: problemBody(problem, {
      instance: `/v1/messages/${messageId}/ack`,
      requestId,
    }),
  };
}

/** The `messageIds` of a batch acknowledgement: 1 to ACK_BATCH_MAX UUIDs, in lower case. */
function messageIdsOf(body: unknown): string[] {
  const ids = bodyField(body, 'messageIds');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > ACK_BATCH_MAX) {
    throw new UsageError(
      'USAGE_INVALID',
      `the body is {"messageIds": [...]} with 1 to ${ACK_BATCH_MAX} message ids`,
    );
  }
  return ids.map((id: unknown, index) => {
    const lower = typeof id === 'string' ? id.toLowerCase() : undefined;
    if (lower === undefined || !UUID_PATTERN.test(lower)) {
      throw new UsageError('USAGE_INVALID', `messageIds[${index}] is not a message id (a UUID)`);
    }
    return lower;
  });
}
