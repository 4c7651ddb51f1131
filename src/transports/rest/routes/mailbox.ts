/**
 * `GET /v1/mailbox`: the messages waiting for the authenticated participant (accepted or
 * delivered, not yet acknowledged), oldest first, metadata only, paged with an opaque cursor.
 * A participant can only ever list its own mailbox: there is no parameter that names another
 * one, and a `recipient` parameter naming anyone else is 403 FORBIDDEN. With `wait=<s>` (up to
 * 30) an empty mailbox answers when a message arrives or after that many seconds: long polling.
 */
import type { Request, Response, Router } from 'express';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { mailboxItem } from '../views.ts';
import type { MailboxPage } from '@knooppunt/standard';
import { queryInteger, queryModule, queryString } from './query.ts';

/** Page size bounds of the mailbox. */
export const MAILBOX_LIMITS = Object.freeze({ min: 1, max: 500, fallback: 100 });
/** Long poll: seconds an empty mailbox request may wait for a message (`wait=`). */
export const MAILBOX_WAIT = Object.freeze({ min: 0, max: 30, fallback: 0 });
/** While waiting, the ledger is read again this often (messages accepted by other processes). */
const REREAD_MS = 1000;

/** Mounts the mailbox route. */
export function mountMailboxRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/mailbox', {
    get: [context.authenticate, (req, res) => mailbox(context, req, res)],
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
