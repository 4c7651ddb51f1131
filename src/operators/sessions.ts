/**
 * Operators' sessions: a random token in an `HttpOnly`, `SameSite=Strict` cookie, stored
 * server-side by its SHA-256 only (a leaked database holds no usable token), so every hub
 * process knows it and a logout or a password change ends it everywhere. Sessions are short:
 * they end after 30 idle minutes, and after 8 hours however active. Each has a synchronizer
 * token that state-changing requests echo in a header (CSRF).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@knooppunt/standard';
import type { OperatorStore } from './store.ts';
import type { OperatorSession, OperatorView } from './types.ts';

/** Options of the sessions. */
export interface OperatorSessionsDeps {
  readonly store: OperatorStore;
  readonly clock: Clock;
  /** @defaultValue 30 minutes */
  readonly idleMs?: number;
  /** @defaultValue 8 hours */
  readonly maxMs?: number;
}

/** How far a session's expiry must have moved before it is written again (fewer writes). */
const SLIDE_STEP_MS = 60_000;

/** The id a session is stored under: the token's SHA-256. */
function idOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Operators' sessions. */
export class OperatorSessions {
  readonly #deps: OperatorSessionsDeps;

  constructor(deps: OperatorSessionsDeps) {
    this.#deps = deps;
  }

  get #idleMs(): number {
    return this.#deps.idleMs ?? 30 * 60_000;
  }

  /** Starts a session; the token goes into the cookie and nowhere else. */
  async start(operator: OperatorView): Promise<{ token: string; session: OperatorSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#deps.clock.now().getTime();
    const session: OperatorSession = {
      id: idOf(token),
      operator: operator.name,
      role: operator.role,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.#idleMs).toISOString(),
      endsAt: new Date(now + (this.#deps.maxMs ?? 8 * 3_600_000)).toISOString(),
    };
    await this.#deps.store.putSession(session);
    return { token, session };
  }

  /** The live session of a token (its idle expiry moved on), or undefined. */
  async resolve(token: string | undefined): Promise<OperatorSession | undefined> {
    if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const session = await this.#deps.store.getSession(idOf(token));
    if (session === undefined) return undefined;
    const now = this.#deps.clock.now().getTime();
    if (Date.parse(session.expiresAt) <= now || Date.parse(session.endsAt) <= now) {
      await this.#deps.store.deleteSession(session.id);
      return undefined;
    }
    const expiresAt = Math.min(now + this.#idleMs, Date.parse(session.endsAt));
    if (expiresAt - Date.parse(session.expiresAt) < SLIDE_STEP_MS) return session;
    const moved = { ...session, expiresAt: new Date(expiresAt).toISOString() };
    await this.#deps.store.putSession(moved);
    return moved;
  }

  /** Ends the session of a token. */
  async end(token: string): Promise<void> {
    await this.#deps.store.deleteSession(idOf(token));
  }
}

/** Whether `offered` is the session's CSRF token (in constant time). */
export function csrfMatches(session: OperatorSession, offered: string | undefined): boolean {
  if (offered === undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(offered);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
