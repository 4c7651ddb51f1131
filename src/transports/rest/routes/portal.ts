/**
 * The participant portal's API (`/v1/portal/…`): a portal user logs in with name, password and
 * TOTP code and gets its own cookie (`knooppunt-portal`, HttpOnly, SameSite=Strict, Secure with
 * the `__Host-` prefix outside development); every route then acts for the user's participant
 * only. A message of another participant answers 404 MESSAGE_NOT_FOUND, exactly as one that
 * does not exist, so a user learns nothing of others' messages. Opening a message addressed to
 * the participant picks it up (the portal's acknowledgement on opening).
 */
import type { Request, Response, Router } from 'express';
import { LedgerError, UsageError } from '@knooppunt/standard';
import type { MessageRecord } from '../../../ledger/types.ts';
import { delivery, pickup } from '../../../lifecycle/index.ts';
import { conversationDetail, openAnswerOf, READ_LIMITS } from '../../../ops/console/read_model.ts';
import { messageSummary } from '../../../ops/console/views.ts';
import type { PortalSession } from '../../../portal/types.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { loginThrottle, sessionAuth, sessionCookie, sessionTokenOf } from '../operator_auth.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';
import { schema, schemaListing } from './directory.ts';
import { queryInteger, queryModule, queryStatus, queryString } from './query.ts';

/** The portal's cookie, apart from the operators'. */
const PORTAL_COOKIE = 'knooppunt-portal';

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

function portalOf(res: Response): PortalSession {
  const session = res.locals['portal'] as PortalSession | undefined;
  if (session === undefined) throw new Error('the portal session was not checked');
  return session;
}

/** Mounts the portal's routes (when the hub has a portal). */
export function mountPortalRoutes(router: Router, context: RestContext): void {
  const portal = context.portal;
  if (portal === undefined) return;
  const secure = context.secureCookies ?? true;
  const signedIn = sessionAuth(
    { sessions: portal.sessions, cookie: PORTAL_COOKIE, local: 'portal', login: 'to the portal' },
    secure,
  );
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
      signedIn,
      (_req: Request, res: Response) => {
        res.setHeader('Cache-Control', 'no-store');
        res.json(viewOf(portalOf(res)));
      },
    ],
    delete: [
      signedIn,
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
        const page = await context.ledger.searchMessages({
          ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
          recipient: portalOf(res).participant,
          limit: queryInteger(req, 'limit', { min: 1, max: 200, fallback: 50 }),
        });
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          items: page.items.map(messageSummary),
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

  /** Records delivery and pickup of a message addressed to the participant, once. */
  const pickUp = async (record: MessageRecord, res: Response): Promise<void> => {
    const session = portalOf(res);
    if (record.recipient !== session.participant) return;
    const now = context.clock.now();
    if (record.status === 'accepted') {
      const update = delivery(record.messageId, now, 'portal', session.participant);
      if (await context.ledger.updateMessage(record.messageId, update)) {
        context.onMoved?.(record, update);
      }
    }
    if (record.status === 'accepted' || record.status === 'delivered') {
      const update = pickup(
        record.messageId,
        session.participant,
        now,
        context.config.retentionDays,
        'portal',
      );
      if (await context.ledger.updateMessage(record.messageId, update)) {
        context.onMoved?.(record, update);
      }
    }
  };

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
  mount(router, '/v1/portal/schemas/:messageType/:version', {
    get: [signedIn, (req: Request, res: Response) => schema(context, req, res)],
  });
}
