/**
 * The console's read API (`/v1/operator/…`, any operator): overview, the live flow (server-sent
 * events), the message log and a message's timeline, a conversation, deadlines, rejections,
 * queues, participants, alerts, the ledger's state and the audit trail. Metadata only — the
 * answers are built by src/ops/console, which never copies a payload.
 */
import type { Request, Response, Router } from 'express';

import { flowEvent, participantView } from '../../../ops/console/views.ts';
import { periodOf } from '../../../ops/console/read_model.ts';
import type { RestContext } from '../context.ts';
import { operatorAuth, sessionTokenOf } from '../operator_auth.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';
import { onboardHandlers } from './operator_admin.ts';
import {
  queryBoolean,
  queryInteger,
  queryModule,
  queryOin,
  queryStatus,
  queryString,
  queryTime,
} from './query.ts';

const HOUR_MS = 3_600_000;
/** The longest period of the reach figures: a year, leap day included. */
const REACH_LONGEST_DAYS = 366;
/** The live flow: how often the ledger is read, how far back a new stream starts, keep-alive. */
const FLOW = Object.freeze({ pollMs: 1000, backMs: 60_000, keepAliveMs: 15_000, batch: 200 });

const json = (res: Response, body: unknown): void => {
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
};

/** Mounts the console's read routes (when the hub has operators and a console). */
export function mountOperatorConsoleRoutes(router: Router, context: RestContext): void {
  const { operators, console: consoleDeps } = context;
  if (operators === undefined || consoleDeps === undefined) return;
  const { reads } = consoleDeps;
  const signedIn = operatorAuth(operators.sessions, context.secureCookies ?? true);
  const now = () => context.clock.now();
  const period = (req: Request, span: number, longestDays?: number) =>
    periodOf(queryTime(req, 'from'), queryTime(req, 'to'), now(), span, longestDays);

  mount(router, '/v1/operator/overview', {
    get: [
      signedIn,
      async (req, res) =>
        json(res, await reads.overview(period(req, 24 * HOUR_MS), consoleDeps.broker)),
    ],
  });
  mount(router, '/v1/operator/flow', {
    get: [signedIn, (req, res) => streamFlow(req, res, context)],
  });
  mount(router, '/v1/operator/messages', {
    get: [
      signedIn,
      async (req, res) => {
        const optional = {
          messageId: queryString(req, 'messageId'),
          conversationId: queryString(req, 'conversationId'),
          inReplyTo: queryString(req, 'inReplyTo'),
          sender: queryOin(req, 'sender'),
          recipient: queryOin(req, 'recipient'),
          module: queryModule(req),
          messageType: queryString(req, 'messageType'),
          status: queryStatus(req),
          from: queryTime(req, 'from'),
          to: queryTime(req, 'to'),
          pickedUp: queryBoolean(req, 'pickedUp'),
          version: queryString(req, 'version'),
          cursor: queryString(req, 'cursor'),
        };
        const query = Object.fromEntries(
          Object.entries(optional).filter(([, value]) => value !== undefined),
        );
        const limit = queryInteger(req, 'limit', { min: 1, max: 200, fallback: 50 });
        json(res, await reads.searchMessages({ ...query, limit }));
      },
    ],
  });
  mount(router, '/v1/operator/messages/:id', {
    get: [
      signedIn,
      async (req, res) => {
        const detail = await reads.message(String(req.params['id']));
        if (detail === undefined) {
          throw new HttpProblem('MESSAGE_NOT_FOUND', `no message with id ${req.params['id']}`);
        }
        json(res, detail);
      },
    ],
  });
  mount(router, '/v1/operator/conversations/:id', {
    get: [
      signedIn,
      async (req, res) => {
        const detail = await reads.conversation(String(req.params['id']));
        if (detail === undefined) {
          throw new HttpProblem('CONVERSATION_UNKNOWN', `no conversation ${req.params['id']}`, {
            status: 404,
          });
        }
        json(res, detail);
      },
    ],
  });
  mount(router, '/v1/operator/deadlines', {
    get: [signedIn, async (_req, res) => json(res, await reads.deadlines())],
  });
  mount(router, '/v1/operator/rejections', {
    get: [
      signedIn,
      async (req, res) => json(res, await reads.rejections(period(req, 7 * 24 * HOUR_MS))),
    ],
  });
  mount(router, '/v1/operator/queues', {
    get: [
      signedIn,
      async (_req, res) => {
        const [outbox, deadLetters] = await Promise.all([
          reads.outbox(100),
          consoleDeps.deadLetters?.list(100).catch(() => undefined),
        ]);
        // The bounds the hub set on the broker (KNOOPPUNT_DEAD_LETTER_MAX / _DAYS).
        const { deadLetterMax: max, deadLetterDays: days } = context.config;
        json(res, {
          deadLetters:
            deadLetters === undefined
              ? { available: false, count: 0, max, days, items: [] }
              : { available: true, max, days, ...deadLetters },
          outbox,
        });
      },
    ],
  });
  mount(router, '/v1/operator/participants', {
    get: [
      signedIn,
      async (_req, res) => {
        const participants = await context.registry.listWithHistory();
        json(res, {
          items: participants.map((p) => participantView(p.participant, now(), p.history)),
        });
      },
    ],
    post: onboardHandlers(context),
  });
  mount(router, '/v1/operator/vroegsignalering', {
    get: [
      signedIn,
      async (req, res) =>
        json(res, await reads.reach(period(req, 90 * 24 * HOUR_MS, REACH_LONGEST_DAYS))),
    ],
  });
  mount(router, '/v1/operator/alerts', {
    get: [signedIn, async (_req, res) => json(res, await reads.alerts())],
  });
  mount(router, '/v1/operator/ledger', {
    get: [signedIn, async (_req, res) => json(res, await reads.ledgerStatus())],
  });
  mount(router, '/v1/operator/audit', {
    get: [
      signedIn,
      async (req, res) =>
        json(
          res,
          await reads.audit(
            queryString(req, 'cursor'),
            queryInteger(req, 'limit', { min: 1, max: 200, fallback: 50 }),
          ),
        ),
    ],
  });
}

/**
 * The live flow: ledger events as server-sent events (`event: ledger`, `id:` the event id),
 * from a minute back, read every second; a comment line keeps proxies from closing it. It ends
 * when the client goes, the session ends or the hub stops.
 */
function streamFlow(req: Request, res: Response, context: RestContext): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no', // nginx: pass each event on at once
  });
  res.write(': live flow\n\n');
  let after = new Date(context.clock.now().getTime() - FLOW.backMs).toISOString();
  let sentAtAfter = new Set<string>();
  let lastWrite = Date.now();
  let busy = false;
  const token = sessionTokenOf(req, context.secureCookies ?? true);
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      if (context.stopping?.() === true) return end();
      const events = await context.ledger.eventsSince(after, FLOW.batch);
      for (const event of events) {
        if (event.at === after && sentAtAfter.has(event.eventId)) continue;
        if (event.at !== after) {
          after = event.at;
          sentAtAfter = new Set();
        }
        sentAtAfter.add(event.eventId);
        res.write(
          `id: ${event.eventId}\nevent: ledger\ndata: ${JSON.stringify(flowEvent(event))}\n\n`,
        );
        lastWrite = Date.now();
      }
      if (Date.now() - lastWrite >= FLOW.keepAliveMs) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
    } catch (error) {
      context.logger.warn({ err: error }, 'live flow: the ledger did not answer');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), FLOW.pollMs);
  const sessionCheck = setInterval(() => {
    void context.operators?.sessions.resolve(token).then(
      (session) => (session === undefined ? end() : undefined),
      () => undefined,
    );
  }, 60_000);
  const end = () => {
    clearInterval(timer);
    clearInterval(sessionCheck);
    if (!res.writableEnded) res.end();
  };
  req.on('close', end);
  void tick();
}
