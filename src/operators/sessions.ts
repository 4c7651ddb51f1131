/**
 * Sessions of people who log in to the hub — operators (the console) and portal users: a random
 * token in an `HttpOnly`, `SameSite=Strict` cookie, stored server-side by its SHA-256 only (a
 * leaked database holds no usable token), so every hub process knows it and a logout or a
 * password change ends it everywhere. Sessions are short: they end after 30 idle minutes, and
 * after 8 hours however active. Each has a synchronizer token that state-changing requests echo
 * in a header (CSRF). `SessionKeeper` is the mechanism; `OperatorSessions` the operators' use.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@knooppunt/standard';
import type { OperatorStore } from './store.ts';
import type { OperatorSession, OperatorView } from './types.ts';

/** What every kind of session has. */
export interface BaseSession {
  /** SHA-256 (base64url) of the session token; the token itself lives only in the cookie. */
  readonly id: string;
  /** The synchronizer token a state-changing request must echo (`X-CSRF-Token`). */
  readonly csrfToken: string;
  readonly createdAt: string;
  /** Idle sessions end: every request moves this on. */
  readonly expiresAt: string;
  /** However active, a session ends here. */
  readonly endsAt: string;
}

/** Where one kind of session is stored. */
export interface SessionStoreOf<S extends BaseSession> {
  put(session: S): Promise<void>;
  get(id: string): Promise<S | undefined>;
  delete(id: string): Promise<void>;
}

/** Options of a session keeper. */
export interface SessionKeeperDeps<S extends BaseSession> {
  readonly store: SessionStoreOf<S>;
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

/** Starts, resolves and ends sessions of one kind. */
export class SessionKeeper<S extends BaseSession> {
  readonly #deps: SessionKeeperDeps<S>;

  constructor(deps: SessionKeeperDeps<S>) {
    this.#deps = deps;
  }

  get #idleMs(): number {
    return this.#deps.idleMs ?? 30 * 60_000;
  }

  /** Starts a session with `fields`; the token goes into the cookie and nowhere else. */
  async start(fields: Omit<S, keyof BaseSession>): Promise<{ token: string; session: S }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#deps.clock.now().getTime();
    const session = {
      ...fields,
      id: idOf(token),
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.#idleMs).toISOString(),
      endsAt: new Date(now + (this.#deps.maxMs ?? 8 * 3_600_000)).toISOString(),
    } as S;
    await this.#deps.store.put(session);
    return { token, session };
  }

  /** The live session of a token (its idle expiry moved on), or undefined. */
  async resolve(token: string | undefined): Promise<S | undefined> {
    if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const session = await this.#deps.store.get(idOf(token));
    if (session === undefined) return undefined;
    const now = this.#deps.clock.now().getTime();
    if (Date.parse(session.expiresAt) <= now || Date.parse(session.endsAt) <= now) {
      await this.#deps.store.delete(session.id);
      return undefined;
    }
    const expiresAt = Math.min(now + this.#idleMs, Date.parse(session.endsAt));
    if (expiresAt - Date.parse(session.expiresAt) < SLIDE_STEP_MS) return session;
    const moved = { ...session, expiresAt: new Date(expiresAt).toISOString() };
    await this.#deps.store.put(moved);
    return moved;
  }

  /** Ends the session of a token. */
  async end(token: string): Promise<void> {
    await this.#deps.store.delete(idOf(token));
  }
}

/** Options of the operators' sessions. */
export interface OperatorSessionsDeps {
  readonly store: OperatorStore;
  readonly clock: Clock;
  /** @defaultValue 30 minutes */
  readonly idleMs?: number;
  /** @defaultValue 8 hours */
  readonly maxMs?: number;
}

/** Operators' sessions. */
export class OperatorSessions extends SessionKeeper<OperatorSession> {
  constructor(deps: OperatorSessionsDeps) {
    const { store, ...rest } = deps;
    super({
      ...rest,
      store: {
        put: (session) => store.putSession(session),
        get: (id) => store.getSession(id),
        delete: (id) => store.deleteSession(id),
      },
    });
  }

  /** Starts an operator's session. */
  override start(
    operator: OperatorView | Omit<OperatorSession, keyof BaseSession>,
  ): Promise<{ token: string; session: OperatorSession }> {
    return super.start(
      'name' in operator ? { operator: operator.name, role: operator.role } : operator,
    );
  }
}

/** Whether `offered` is the session's CSRF token (in constant time). */
export function csrfMatches(session: BaseSession, offered: string | undefined): boolean {
  if (offered === undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(offered);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
