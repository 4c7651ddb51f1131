/**
 * Operators on the REST API: their session cookie and the middleware that admits them. The
 * cookie is `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends it),
 * `Path=/` and — outside a development hub on plain HTTP — `Secure` with the `__Host-` prefix.
 * A request that changes something also echoes the session's CSRF token in `X-CSRF-Token`
 * (OWASP's synchronizer token pattern; the session is stored server-side anyway). Participants'
 * credentials never open an operator route, nor an operator's a participant route.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { csrfMatches } from '../../operators/sessions.ts';
import type { BaseSession, SessionKeeper } from '../../operators/sessions.ts';
import type { OperatorSessions } from '../../operators/sessions.ts';
import type { OperatorRole, OperatorSession } from '../../operators/types.ts';
import { HttpProblem } from './problem.ts';

/** The operators' cookie; the portal's is `knooppunt-portal` (routes/portal.ts). */
export const OPERATOR_COOKIE = 'knooppunt-session';

/** A session cookie's name: `__Host-` prefixed when it is Secure (RFC 6265bis §4.1.3.2). */
function sessionCookieName(secure: boolean, base: string): string {
  return secure ? `__Host-${base}` : base;
}

/** The `Set-Cookie` value that sets (or, with `token` undefined, clears) the session cookie. */
export function sessionCookie(
  secure: boolean,
  token: string | undefined,
  maxAgeSeconds: number,
  base: string = OPERATOR_COOKIE,
): string {
  const parts = [
    `${sessionCookieName(secure, base)}=${token ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token === undefined ? 0 : Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The value of cookie `name` in a `Cookie` header (RFC 6265 §5.4). */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The operator session of the request (after `operatorAuth`). */
export function operatorOf(res: Response): OperatorSession {
  const session = res.locals['operator'] as OperatorSession | undefined;
  if (session === undefined) throw new Error('operatorAuth did not run');
  return session;
}

/** The session token the request carries, if any. */
export function sessionTokenOf(
  req: Request,
  secure: boolean,
  base: string = OPERATOR_COOKIE,
): string | undefined {
  return cookieValue(req.get('cookie'), sessionCookieName(secure, base));
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What `sessionAuth` admits with: a kind of session and its cookie. */
export interface SessionGate<S extends BaseSession> {
  readonly sessions: SessionKeeper<S>;
  /** The cookie's base name (`knooppunt-session`, `knooppunt-portal`). */
  readonly cookie: string;
  /** Where the session goes in `res.locals`. */
  readonly local: string;
  /** Who must log in, for the 401's detail ("as an operator", "to the portal"). */
  readonly login: string;
}

/**
 * Admits a request with a live session of `gate`'s kind: 401 SESSION_INVALID without one, 403
 * CSRF_INVALID when a state-changing request lacks the session's token, and then whatever
 * `check` throws (a role it lacks).
 */
export function sessionAuth<S extends BaseSession>(
  gate: SessionGate<S>,
  secure: boolean,
  check: (session: S) => void = () => undefined,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    gate.sessions
      .resolve(sessionTokenOf(req, secure, gate.cookie))
      .then((session) => {
        if (session === undefined) {
          throw new HttpProblem('SESSION_INVALID', `log in ${gate.login} first`);
        }
        if (!SAFE.has(req.method) && !csrfMatches(session, req.get('x-csrf-token'))) {
          throw new HttpProblem('CSRF_INVALID', "send the session's csrfToken in X-CSRF-Token");
        }
        check(session);
        res.locals[gate.local] = session;
        next();
      })
      .catch(next);
  };
}

/**
 * Admits an operator with a live session (sessionAuth), and 403 FORBIDDEN when `role` is admin
 * and the operator is a viewer.
 */
export function operatorAuth(
  sessions: OperatorSessions,
  secure: boolean,
  role: OperatorRole = 'viewer',
): RequestHandler {
  const gate = { sessions, cookie: OPERATOR_COOKIE, local: 'operator', login: 'as an operator' };
  return sessionAuth(gate, secure, (session) => {
    if (role === 'admin' && session.role !== 'admin') {
      throw new HttpProblem('FORBIDDEN', 'only an admin may do this');
    }
  });
}

/** Logins per address and window, whatever the names: a defence against spraying. */
const LOGINS_PER_WINDOW = 30;
const LOGIN_WINDOW_MS = 15 * 60_000;

/** The per-address login throttle of a login route (operators', portal users'). */
export function loginThrottle(): RequestHandler {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: LOGINS_PER_WINDOW,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new HttpProblem('LOGIN_THROTTLED', 'too many logins from this address; try again later'),
      ),
  });
}
