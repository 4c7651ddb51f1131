/**
 * `GET /v1/mailbox`: the messages waiting for the authenticated participant (accepted or
 * delivered, not yet acknowledged), oldest first, metadata only, paged with an opaque cursor.
 * A participant can only ever list its own mailbox: there is no parameter that names another
 * one, and a `recipient` parameter naming anyone else is 403 FORBIDDEN.
 */
import type { Request, Response, Router } from 'express';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { mailboxItem } from '../views.ts';
import type { MailboxPage } from '../views.ts';
import { queryInteger, queryModule, queryString } from './query.ts';

/** Page size bounds of the mailbox. */
export const MAILBOX_LIMITS = Object.freeze({ min: 1, max: 500, fallback: 100 });

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
  const page = await context.ledger.listMailbox({
    recipient: me,
    limit: queryInteger(req, 'limit', MAILBOX_LIMITS),
    ...(module === undefined ? {} : { module }),
    ...(messageType === undefined ? {} : { messageType }),
    ...(cursor === undefined ? {} : { cursor }),
  });
  const body: MailboxPage = {
    items: page.items.map(mailboxItem),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
  res.json(body);
}

function knownType(context: RestContext, messageType: string): boolean {
  return context.schemas.listMessageSchemas().some((info) => info.messageType === messageType);
}
