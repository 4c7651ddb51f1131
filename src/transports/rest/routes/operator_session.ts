/**
 * An operator's session: `POST /v1/operator/session` logs in with name and password (throttled
 * per account, in the ledger, and per address), sets the session cookie and answers the
 * session's CSRF token; `GET` shows the session; `DELETE` logs out. Metadata only.
 */
import type { Request, Response, Router } from 'express';
import { UsageError } from '@knooppunt/standard';
import type { OperatorSession } from '../../../operators/types.ts';
import { readBody } from '../body.ts';
import type { RestContext } from '../context.ts';
import {
  loginThrottle,
  operatorAuth,
  operatorOf,
  sessionCookie,
  sessionTokenOf,
} from '../operator_auth.ts';
import { mount } from '../routing.ts';

/** What the session routes answer: who, as what, the CSRF token, when it ends. */
export interface OperatorSessionView {
  readonly name: string;
  readonly role: OperatorSession['role'];
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly endsAt: string;
}

function viewOf(session: OperatorSession): OperatorSessionView {
  return {
    name: session.operator,
    role: session.role,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    endsAt: session.endsAt,
  };
}

/** Mounts the session routes (when the hub has operators). */
export function mountOperatorSessionRoutes(router: Router, context: RestContext): void {
  const { operators } = context;
  if (operators === undefined) return;
  const secure = context.secureCookies ?? true;
  const signedIn = operatorAuth(operators.sessions, secure);
  const throttle = loginThrottle();
  mount(router, '/v1/operator/session', {
    post: [
      throttle,
      ...readBody({ types: ['application/json'], limit: 4096, malformed: 'USAGE_INVALID' }),
      async (req: Request, res: Response) => {
        const { name, password } = credentialsOf(req.body);
        const operator = await operators.accounts.login(name, password);
        const { token, session } = await operators.sessions.start(operator);
        const maxAge = (Date.parse(session.endsAt) - context.clock.now().getTime()) / 1000;
        context.logger.info({ operator: operator.name, role: operator.role }, 'operator logged in');
        res.setHeader('Set-Cookie', sessionCookie(secure, token, maxAge));
        res.setHeader('Cache-Control', 'no-store');
        res.status(201).json(viewOf(session));
      },
    ],
    get: [
      signedIn,
      (_req: Request, res: Response) => {
        res.setHeader('Cache-Control', 'no-store');
        res.json(viewOf(operatorOf(res)));
      },
    ],
    delete: [
      signedIn,
      async (req: Request, res: Response) => {
        const token = sessionTokenOf(req, secure);
        if (token !== undefined) await operators.sessions.end(token);
        res.setHeader('Set-Cookie', sessionCookie(secure, undefined, 0));
        res.status(204).end();
      },
    ],
  });
}

function credentialsOf(body: unknown): { name: string; password: string } {
  const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
  if (typeof name !== 'string' || typeof password !== 'string') {
    throw new UsageError('USAGE_INVALID', 'a login is {"name": "…", "password": "…"}');
  }
  return { name, password };
}
