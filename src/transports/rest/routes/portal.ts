/**
 * The participant portal's API (`/v1/portal/…`): a portal user logs in with name, password and
 * TOTP code and gets its own cookie (`knooppunt-portal`, HttpOnly, SameSite=Strict, Secure with
 * the `__Host-` prefix outside development); every route then acts for the user's participant
 * only. A message of another participant answers 404 MESSAGE_NOT_FOUND, exactly as one that
 * does not exist, so a user learns nothing of others' messages. Opening a message addressed to
 * the participant picks it up (the portal's acknowledgement on opening).
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { LedgerError, UsageError } from '@knooppunt/standard';
import type { MessageRecord } from '../../../ledger/types.ts';
import { conversationDetail, openAnswerOf, READ_LIMITS } from '../../../ops/console/read_model.ts';
import { messageSummary } from '../../../ops/console/views.ts';
import { bundleSchema } from '../../../portal/bundle_schema.ts';
import {
  ANSWER_FILTERS,
  matchesInbox,
  owedAnswerPage,
  portalOverview,
} from '../../../ops/console/portal_inbox.ts';
import type { AnswerFilter } from '../../../ops/console/portal_inbox.ts';
import type { PortalSession } from '../../../portal/types.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { loginThrottle, sessionAuth, sessionCookie, sessionTokenOf } from '../operator_auth.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';
import { digestParameter, sendAttachment } from './attachments.ts';
import { portalPickUp } from './portal_pickup.ts';
import { schema, schemaListing } from './directory.ts';
import { queryBoolean, queryInteger, queryModule, queryStatus, queryString } from './query.ts';

/** The portal's cookie, apart from the operators'. */
export const PORTAL_COOKIE = 'knooppunt-portal';

/** The gate of every portal route but the login: a live portal session (CSRF on changes). */
export function portalSignedIn(context: RestContext): RequestHandler {
  const session = portalSession(context);
  // And the participant still active: a suspended participant's users read, pick up and
  // send nothing, also in a session opened before the suspension (403 PARTICIPANT_SUSPENDED).
  return (req, res, next) => {
    session(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      context.registry.requireActive(portalOf(res).participant).then(() => next(), next);
    });
  };
}

/** A live portal session only: the session routes, which a suspended participant's user may still end. */
function portalSession(context: RestContext): RequestHandler {
  return sessionAuth(
    {
      sessions: portalOfContext(context).sessions,
      cookie: PORTAL_COOKIE,
      local: 'portal',
      login: 'to the portal',
    },
    context.secureCookies ?? true,
  );
}

/** The hub's portal; only called where the portal routes are mounted. */
export function portalOfContext(context: RestContext): NonNullable<RestContext['portal']> {
  if (context.portal === undefined) throw new Error('the hub has no portal');
  return context.portal;
}

/** The session routes' answer. */
function viewOf(session: PortalSession) {
  return {
    name: session.user,
    participant: session.participant,
    role: session.role,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    endsAt: session.endsAt,
  };
}

/** The signed-in user's session (after `portalSignedIn`). */
export function portalOf(res: Response): PortalSession {
  const session = res.locals['portal'] as PortalSession | undefined;
  if (session === undefined) throw new Error('the portal session was not checked');
  return session;
}

/** Mounts the portal's routes (when the hub has a portal). */
export function mountPortalRoutes(router: Router, context: RestContext): void {
  const portal = context.portal;
  if (portal === undefined) return;
  const secure = context.secureCookies ?? true;
  const signedIn = portalSignedIn(context);
  const inSession = portalSession(context);
  const throttle = loginThrottle();

  mount(router, '/v1/portal/session', {
    post: [
      throttle,
      ...readBody({ types: ['application/json'], limit: 4096, malformed: 'USAGE_INVALID' }),
      async (req: Request, res: Response) => {
        const { name, password, code } = (req.body ?? {}) as Record<string, unknown>;
        if (typeof name !== 'string' || typeof password !== 'string' || typeof code !== 'string') {
          throw new UsageError(
            'USAGE_INVALID',
            'a login is {"name": "…", "password": "…", "code": "<6 digits>"}',
          );
        }
        const user = await portal.accounts.login(name, password, code);
        // A suspended participant's users read and send nothing (403 PARTICIPANT_SUSPENDED).
        await context.registry.requireActive(user.participant);
        const { token, session } = await portal.sessions.begin(user);
        const maxAge = (Date.parse(session.endsAt) - context.clock.now().getTime()) / 1000;
        context.logger.info(
          { portalUser: user.name, participant: user.participant },
          'portal user logged in',
        );
        res.setHeader('Set-Cookie', sessionCookie(secure, token, maxAge, PORTAL_COOKIE));
        res.setHeader('Cache-Control', 'no-store');
        res.status(201).json(viewOf(session));
      },
    ],
    get: [
      inSession,
      (_req: Request, res: Response) => {
        res.setHeader('Cache-Control', 'no-store');
        res.json(viewOf(portalOf(res)));
      },
    ],
    delete: [
      inSession,
      async (req: Request, res: Response) => {
        const token = sessionTokenOf(req, secure, PORTAL_COOKIE);
        if (token !== undefined) await portal.sessions.end(token);
        res.setHeader('Set-Cookie', sessionCookie(secure, undefined, 0, PORTAL_COOKIE));
        res.status(204).end();
      },
    ],
  });

  mount(router, '/v1/portal/messages', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        const optional = {
          module: queryModule(req),
          messageType: queryString(req, 'messageType'),
          status: queryStatus(req),
          cursor: queryString(req, 'cursor'),
        };
        const unread = queryBoolean(req, 'unread');
        const answer = queryString(req, 'answer');
        if (answer !== undefined && !(ANSWER_FILTERS as readonly string[]).includes(answer)) {
          throw new UsageError(
            'USAGE_INVALID',
            `answer must be one of ${ANSWER_FILTERS.join(', ')}`,
          );
        }
        const { participant } = portalOf(res);
        const limit = queryInteger(req, 'limit', { min: 1, max: 200, fallback: 50 });
        const given = Object.fromEntries(
          Object.entries(optional).filter(([, v]) => v !== undefined),
        ) as typeof optional;
        const filter = { ...given, ...(unread === undefined ? {} : { unread }) };
        // Owed answers come from the ledger's open answers of the participant (bounded);
        // the rest from the message log, where `unread` is narrowed here (a page may be short).
        const page =
          answer === undefined
            ? await context.ledger.searchMessages({
                ...given,
                ...(unread === true ? { pickedUp: false } : {}),
                recipient: participant,
                limit,
              })
            : owedAnswerPage(
                await context.ledger.openAnswers(READ_LIMITS.openAnswers, participant),
                {
                  answer: answer as AnswerFilter,
                  filter,
                  now: context.clock.now(),
                  limit,
                  ...(given.cursor === undefined ? {} : { cursor: given.cursor }),
                },
              );
        const items =
          answer === undefined && unread !== undefined
            ? page.items.filter((record) => matchesInbox(record, filter))
            : page.items;
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          items: items.map(messageSummary),
          ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
        });
      },
    ],
  });

  /** The message, when the user's participant sent or receives it; else 404 as for none. */
  const ownMessage = async (req: Request, res: Response): Promise<MessageRecord> => {
    const id = String(req.params['id']);
    const record = await context.ledger.getMessage(id);
    const { participant } = portalOf(res);
    if (
      record === undefined ||
      (record.recipient !== participant && record.sender !== participant)
    ) {
      throw new LedgerError('MESSAGE_NOT_FOUND', `no message with id ${id}`);
    }
    return record;
  };

  const pickUp = (record: MessageRecord, res: Response): Promise<void> =>
    portalPickUp(context, record, portalOf(res).participant);

  mount(router, '/v1/portal/messages/:id', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        const record = await ownMessage(req, res);
        await pickUp(record, res);
        const current = (await context.ledger.getMessage(record.messageId)) ?? record;
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          message: messageSummary(current),
          envelope: current.envelope,
          payload: current.payload,
        });
      },
    ],
  });

  /** A document of the message (standard 2.1): the same answer as routes/attachments.ts. */
  mount(router, '/v1/portal/messages/:id/attachments/:sha256', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        const sha256 = digestParameter(req);
        await sendAttachment(context, await ownMessage(req, res), sha256, res);
      },
    ],
  });

  mount(router, '/v1/portal/messages/:id/ack', {
    post: [
      signedIn,
      async (req: Request, res: Response) => {
        const record = await ownMessage(req, res);
        if (record.recipient !== portalOf(res).participant) {
          throw new LedgerError('MESSAGE_NOT_FOUND', `no message with id ${record.messageId}`);
        }
        await pickUp(record, res);
        const current = (await context.ledger.getMessage(record.messageId)) ?? record;
        res.setHeader('Cache-Control', 'no-store');
        res.json(messageSummary(current));
      },
    ],
  });

  /** Requests addressed to the participant whose answer is still open, earliest first. */
  mount(router, '/v1/portal/deadlines', {
    get: [
      signedIn,
      async (_req: Request, res: Response) => {
        const { participant } = portalOf(res);
        const now = context.clock.now();
        const open = await context.ledger.openAnswers(READ_LIMITS.openAnswers, participant);
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          now: now.toISOString(),
          items: open.map((record) => openAnswerOf(record, now)),
        });
      },
    ],
  });

  /**
   * A case: the conversation's messages the participant sent or receives (a creditor never sees
   * what the debt-help organisation exchanged with another creditor), their events, and the
   * answers the participant still owes in it. 404 CONVERSATION_UNKNOWN when it has none.
   */
  mount(router, '/v1/portal/conversations/:id', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        const id = String(req.params['id']);
        const detail = await conversationDetail(context.ledger, id, context.clock.now(), {
          participant: portalOf(res).participant,
        });
        if (detail === undefined) {
          throw new HttpProblem('CONVERSATION_UNKNOWN', `no conversation ${id}`, { status: 404 });
        }
        res.setHeader('Cache-Control', 'no-store');
        res.json(detail);
      },
    ],
  });

  /** The schemas, for the portal's forms and for reading a payload in Dutch. */
  const listing = schemaListing(context.schemas);
  mount(router, '/v1/portal/schemas', {
    get: [signedIn, (_req: Request, res: Response) => void res.json({ items: listing })],
  });
  // Self-contained (the definitions it uses bundled in), so the browser resolves nothing.
  const bundled = new Map<string, string>();
  const lookup = (id: string) => context.schemas.getSchema(id);
  mount(router, '/v1/portal/schemas/:messageType/:version', {
    get: [
      signedIn,
      (req: Request, res: Response) => {
        const { messageType, version } = req.params as { messageType: string; version: string };
        const info = listing.find((i) => i.messageType === messageType && i.version === version);
        const document = info === undefined ? undefined : lookup(info.$id);
        if (info === undefined || document === undefined) return schema(context, req, res);
        let text = bundled.get(info.$id);
        if (text === undefined) {
          text = JSON.stringify(bundleSchema(document, lookup));
          bundled.set(info.$id, text);
        }
        res.type('application/schema+json').send(text);
      },
    ],
  });

  /**
   * What the navigation and the inbox filters count: the participant's unread messages per
   * module and per type (read a page at a time, counted over at most `scan` of them), and the
   * answers it owes.
   */
  const [pageSize, scan] = [500, 5_000];
  mount(router, '/v1/portal/overview', {
    get: [
      signedIn,
      async (_req: Request, res: Response) => {
        const { participant } = portalOf(res);
        const unread: MessageRecord[] = [];
        let cursor: string | undefined;
        do {
          const page = await context.ledger.searchMessages({
            recipient: participant,
            pickedUp: false,
            limit: pageSize,
            ...(cursor === undefined ? {} : { cursor }),
          });
          unread.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined && unread.length < scan);
        const owed = await context.ledger.openAnswers(READ_LIMITS.openAnswers, participant);
        res.setHeader('Cache-Control', 'no-store');
        res.json(portalOverview(unread, owed, context.clock.now(), cursor !== undefined));
      },
    ],
  });
}
