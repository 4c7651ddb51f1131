/**
 * The console's admin actions (role admin, CSRF token required): onboarding, suspending and
 * activating participants, rotating a certificate with an overlap, and replaying or discarding
 * a dead letter. Each is an event in the ledger with the operator's name: a participant's
 * change in its own chain (`participant-changed`, actor the operator), a queue action as an
 * `operator-action`. A viewer gets 403 FORBIDDEN.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { PARTICIPANT_KINDS, UsageError } from '@knooppunt/standard';
import type { ParticipantKind } from '@knooppunt/standard';
import type { Participant } from '../../../participants/types.ts';
import { bodyField, readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import { operatorAuth, operatorOf } from '../operator_auth.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';
import { participantView } from '../../../ops/console/views.ts';

/** Certificates are a few kilobytes of PEM. */
const BODY = { types: ['application/json'], limit: 65_536, malformed: 'USAGE_INVALID' } as const;

function admin(context: RestContext): RequestHandler {
  const operators = context.operators;
  if (operators === undefined) throw new Error('the console needs operators');
  return operatorAuth(operators.sessions, context.secureCookies ?? true, 'admin');
}

function text(body: unknown, name: string, optional = false): string | undefined {
  const value = bodyField(body, name);
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError('USAGE_INVALID', `${name} is a string and required`);
  }
  return value;
}

/** Answers a changed participant after its broker user and queue followed the change. */
async function answerChanged(
  context: RestContext,
  res: Response,
  participant: Participant,
  status = 200,
): Promise<void> {
  await context.console
    ?.participantChanged?.(participant)
    .catch((error: unknown) =>
      context.logger.warn(
        { err: error, participant: participant.oin },
        'broker provisioning failed',
      ),
    );
  context.logger.info(
    { operator: operatorOf(res).operator, participant: participant.oin },
    'operator changed a participant',
  );
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json(participantView(participant, context.clock.now()));
}

/** An optional list of strings in the body (vroegsignalering's declarations; checked by the registry). */
function stringList(body: unknown, name: string, example: string): string[] | undefined {
  const value = bodyField(body, name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new UsageError('USAGE_INVALID', `${name} is a list of strings, e.g. ${example}`);
  }
  return value as string[];
}

/** `POST /v1/operator/participants`: onboarding. */
export function onboardHandlers(context: RestContext): RequestHandler[] {
  return [
    admin(context),
    ...readBody(BODY),
    async (req: Request, res: Response) => {
      const kind = text(req.body, 'kind') as ParticipantKind;
      if (!PARTICIPANT_KINDS.includes(kind)) {
        throw new UsageError(
          'USAGE_INVALID',
          `kind '${kind}' is not one of ${PARTICIPANT_KINDS.join(', ')}`,
        );
      }
      const transport = bodyField(req.body, 'transport') ?? 'rest';
      if (transport !== 'rest' && transport !== 'amqp') {
        throw new UsageError('USAGE_INVALID', 'transport is rest or amqp');
      }
      const pem = text(req.body, 'certificatePem', true);
      const acceptedVersions = bodyField(req.body, 'acceptedVersions');
      if (
        acceptedVersions !== undefined &&
        !(Array.isArray(acceptedVersions) && acceptedVersions.every((v) => typeof v === 'string'))
      ) {
        throw new UsageError(
          'USAGE_INVALID',
          'acceptedVersions is a list of versions, e.g. ["2.0"]',
        );
      }
      const postcodegebieden = stringList(req.body, 'postcodegebieden', '["3500-3585"]');
      const vasteLasten = stringList(req.body, 'vasteLasten', '["energie"]');
      const participant = await context.registry.add(
        {
          oin: text(req.body, 'oin') as string,
          name: text(req.body, 'name') as string,
          kind,
          transport,
          ...(acceptedVersions === undefined ? {} : { acceptedVersions }),
          ...(postcodegebieden === undefined ? {} : { postcodegebieden }),
          ...(vasteLasten === undefined ? {} : { vasteLasten }),
          ...(pem === undefined ? {} : { certificatePems: [pem] }),
        },
        operatorOf(res).operator,
      );
      await answerChanged(context, res, participant, 201);
    },
  ];
}

/** Mounts the admin routes beside the console's reads. */
export function mountOperatorAdminRoutes(router: Router, context: RestContext): void {
  const consoleDeps = context.console;
  if (context.operators === undefined || consoleDeps === undefined) return;
  const isAdmin = admin(context);
  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['activate', 'active'],
  ] as const) {
    mount(router, `/v1/operator/participants/:oin/${action}`, {
      post: [
        isAdmin,
        async (req, res) => {
          const changed = await context.registry.setStatus(
            String(req.params['oin']),
            status,
            operatorOf(res).operator,
          );
          await answerChanged(context, res, changed);
        },
      ],
    });
  }
  mount(router, '/v1/operator/participants/:oin/restore', {
    post: [
      isAdmin,
      async (req, res) => {
        const restored = await context.registry.restoreFromHistory(
          String(req.params['oin']),
          operatorOf(res).operator,
        );
        await answerChanged(context, res, restored);
      },
    ],
  });
  mount(router, '/v1/operator/participants/:oin/certificates', {
    post: [
      isAdmin,
      ...readBody(BODY),
      async (req, res) => {
        const overlapDays = bodyField(req.body, 'overlapDays') ?? 7;
        if (typeof overlapDays !== 'number') {
          throw new UsageError('USAGE_INVALID', 'overlapDays is a number of days');
        }
        const changed = await context.registry.rotateCertificate(
          String(req.params['oin']),
          text(req.body, 'certificatePem') as string,
          overlapDays,
          operatorOf(res).operator,
        );
        await answerChanged(context, res, changed);
      },
    ],
  });
  const deadLetters = consoleDeps.deadLetters;
  const queue = () => {
    // Not 503: a hub without AMQP will never have a dead letter, so none of them exists.
    if (deadLetters === undefined) {
      throw new HttpProblem(
        'DEAD_LETTER_NOT_FOUND',
        'the hub runs without AMQP: it has no dead letters',
      );
    }
    return deadLetters;
  };
  /** Records a queue action as an `operator-action` event. */
  const record = async (res: Response, action: string, id: string, outcome?: string) => {
    const operator = operatorOf(res).operator;
    await context.ledger.appendEvent({
      subject: `operator:${operator}`,
      type: 'operator-action',
      at: context.clock.now().toISOString(),
      actor: operator,
      data: { action, deadLetter: id, ...(outcome === undefined ? {} : { outcome }) },
    });
    context.logger.info({ operator, action, deadLetter: id, outcome }, 'operator action');
  };
  mount(router, '/v1/operator/queues/dead-letters/:id/replay', {
    post: [
      isAdmin,
      async (req, res) => {
        const id = String(req.params['id']);
        const outcome = await queue().replay(id);
        await record(res, 'dead-letter-replayed', id, outcome);
        res.setHeader('Cache-Control', 'no-store');
        res.json({ id, action: 'replayed', outcome });
      },
    ],
  });
  mount(router, '/v1/operator/queues/dead-letters/:id', {
    delete: [
      isAdmin,
      async (req, res) => {
        const id = String(req.params['id']);
        await queue().discard(id);
        await record(res, 'dead-letter-discarded', id);
        res.setHeader('Cache-Control', 'no-store');
        res.json({ id, action: 'discarded' });
      },
    ],
  });
}
