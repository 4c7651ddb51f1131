/**
 * Operators: the people who run the hub, separate from participants. They see metadata —
 * types, parties, times, statuses, codes — never a payload. A `viewer` watches; an `admin` also
 * acts (suspends and activates participants, changes certificates, replays or discards dead
 * letters, manages operators), and every action is an event in the ledger with its name.
 */

/** What an operator may do. */
export type OperatorRole = 'viewer' | 'admin';

/** The roles, for validation. */
export const OPERATOR_ROLES: readonly OperatorRole[] = Object.freeze(['viewer', 'admin']);

/** An operator account as stored. */
export interface Operator {
  /** The login name: 2–64 of a–z, 0–9, `.`, `_`, `-`. */
  readonly name: string;
  readonly role: OperatorRole;
  /** argon2id (PHC string); never logged, never answered. */
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Failed logins since the last success (throttling, across hub processes). */
  readonly failedLogins: number;
  /** No login until this time, after too many failures. */
  readonly lockedUntil?: string;
}

/** An operator as shown (CLI, console): no password hash. */
export type OperatorView = Omit<Operator, 'passwordHash'>;

/** A signed-in operator's session, stored server-side so every hub process knows it. */
export interface OperatorSession {
  /** SHA-256 (base64url) of the session token; the token itself lives only in the cookie. */
  readonly id: string;
  readonly operator: string;
  readonly role: OperatorRole;
  /** The synchronizer token a state-changing request must echo (`X-CSRF-Token`). */
  readonly csrfToken: string;
  readonly createdAt: string;
  /** Idle sessions end: every request moves this on. */
  readonly expiresAt: string;
  /** However active, a session ends here. */
  readonly endsAt: string;
}
