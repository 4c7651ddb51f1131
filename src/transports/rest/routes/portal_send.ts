/**
 * Sending from the portal (docs/portal.md): the user's browser keys (`/v1/portal/keys`), what
 * the browser needs to build an envelope (`/v1/portal/participant`: the hub's clock, the
 * participant's kind and role; `/v1/portal/directory`), and the outbox: `POST
 * /v1/portal/outbox` takes a message signed in the browser and puts it through the pipeline
 * like any other, recorded as arriving over `portal` by the signed-in user — whose approved
 * key must be the one that signed it. `GET /v1/portal/outbox` lists what the participant sent.
 */
import type { Request, Response, Router } from 'express';
import { decodeJwsHeader, KnooppuntError, roleOf } from '@knooppunt/standard';
import { messageSummary } from '../../../ops/console/views.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { mount } from '../routing.ts';
import { submissionResult } from '../views.ts';
import { submissionRejection } from './messages.ts';
import { portalOf, portalOfContext, portalSignedIn } from './portal.ts';
import { queryInteger, queryModule, queryString } from './query.ts';

/** Mounts the portal's key, directory and outbox routes (when the hub has a portal). */
export function mountPortalSendRoutes(router: Router, context: RestContext): void {
  if (context.portal === undefined) return;
  const { keys } = portalOfContext(context);
  const signedIn = portalSignedIn(context);
  const json = readBody({ types: ['application/json'], limit: 16_384, malformed: 'USAGE_INVALID' });

  mount(router, '/v1/portal/participant', {
    get: [
      signedIn,
      async (_req: Request, res: Response) => {
        const participant = await context.registry.requireActive(portalOf(res).participant);
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          now: context.clock.now().toISOString(),
          oin: participant.oin,
          name: participant.name,
          kind: participant.kind,
          role: roleOf(participant.kind),
          modules: participant.modules,
        });
      },
    ],
  });

  mount(router, '/v1/portal/directory', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        res.json({ items: await context.registry.directory(queryModule(req)) });
      },
    ],
  });

  mount(router, '/v1/portal/keys', {
    get: [
      signedIn,
      async (_req: Request, res: Response) => {
        res.setHeader('Cache-Control', 'no-store');
        res.json({ items: await keys.list(portalOf(res)) });
      },
    ],
    post: [
      signedIn,
      ...json,
      async (req: Request, res: Response) => {
        const { label, publicKey, proof } = (req.body ?? {}) as Record<string, unknown>;
        const key = await keys.request(portalOf(res), label as string, publicKey, proof);
        context.logger.info(
          { portalUser: portalOf(res).user, key: key.id, status: key.status },
          'portal key requested',
        );
        res.status(201).json(key);
      },
    ],
  });

  mount(router, '/v1/portal/keys/:user/:id/approve', {
    post: [
      signedIn,
      async (req: Request, res: Response) => {
        const { user, id } = req.params as { user: string; id: string };
        const key = await keys.approve(portalOf(res), user, id);
        context.logger.info({ portalUser: portalOf(res).user, key: id }, 'portal key approved');
        res.json(key);
      },
    ],
  });

  mount(router, '/v1/portal/keys/:user/:id', {
    delete: [
      signedIn,
      async (req: Request, res: Response) => {
        const { user, id } = req.params as { user: string; id: string };
        res.json(await keys.revoke(portalOf(res), user, id));
      },
    ],
  });

  mount(router, '/v1/portal/outbox', {
    get: [
      signedIn,
      async (req: Request, res: Response) => {
        const page = await context.ledger.searchMessages({
          sender: portalOf(res).participant,
          limit: queryInteger(req, 'limit', { min: 1, max: 200, fallback: 50 }),
          ...optional('cursor', queryString(req, 'cursor')),
        });
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          items: page.items.map(messageSummary),
          ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
        });
      },
    ],
    post: [
      signedIn,
      ...readBody({
        types: ['application/json'],
        limit: context.config.maxBodyBytes,
        malformed: 'MALFORMED_MESSAGE',
      }),
      async (req: Request, res: Response) => {
        const session = portalOf(res);
        const submission = {
          body: req.body as unknown,
          identity: session.participant,
          transport: 'portal' as const,
          portalUser: session.user,
        };
        try {
          await keys.requireActive(session, signingThumbprint(req.body));
        } catch (error) {
          if (!(error instanceof KnooppuntError)) throw error;
          // Recorded and answered with a signed receipt, like any refused submission.
          throw submissionRejection(await context.pipeline.rejectRaw(error, submission));
        }
        const result = await context.pipeline.submit(submission);
        if (result.outcome === 'rejected') throw submissionRejection(result);
        res.status(result.outcome === 'accepted' ? 201 : 200).json({
          ...submissionResult(result.claims, result.receipt, result.outcome === 'duplicate'),
          claims: result.claims,
        });
      },
    ],
  });
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The `x5t#S256` of the submitted signature's header; `''` when there is none to read. */
function signingThumbprint(body: unknown): string {
  const signature = (body as { signature?: unknown } | null)?.signature;
  if (typeof signature !== 'string') return '';
  const header = decodeJwsHeader(signature) as Record<string, unknown> | undefined;
  const thumbprint = header?.['x5t#S256'];
  return typeof thumbprint === 'string' ? thumbprint : '';
}
