/**
 * What portal accounts need from storage, owned here: the ledger's adapters implement it, so
 * the users and the audit events of their changes live in the ledger's database and chain.
 */
import type { PortalSession, PortalUser } from './types.ts';

/** The audit event of a change to a portal user. */
export interface PortalUserEvent {
  readonly subject: `portal-user:${string}`;
  readonly type: 'portal-user-changed';
  readonly at: string;
  /** Who made the change (`cli:<user>`, a portal beheerder, `hub`). */
  readonly actor: string;
  /** Metadata only: never a password, a TOTP secret or code. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** A portal user's login state, written after each login attempt. */
export interface PortalLoginState {
  readonly failedLogins: number;
  readonly lockedUntil?: string;
  /** Set by a successful login: the TOTP step it used. */
  readonly lastTotpStep?: number;
}

/** Portal users and the record of their changes. */
export interface PortalUserStore {
  putPortalUser(user: PortalUser): Promise<void>;
  getPortalUser(name: string): Promise<PortalUser | undefined>;
  /** Every user, or those of one participant, by name. */
  listPortalUsers(participant?: string): Promise<PortalUser[]>;
  /** True when there was one to delete. */
  deletePortalUser(name: string): Promise<boolean>;
  /**
   * Sets an existing user's login state (lock removed when absent; the last TOTP step kept
   * unless given), only while its password hash is still `passwordHash` and, when a step is
   * given, only when it is later than the stored one (a code works once, even when two logins
   * race with it). True when it applied.
   */
  updatePortalLoginState(
    name: string,
    passwordHash: string,
    state: PortalLoginState,
  ): Promise<boolean>;
  /**
   * Sets a user's `lastDigestAt` to `next` (removes it when undefined) only while it is still
   * `previous` (absent when undefined): a hub process claims the day's digest of a user this
   * way, so two processes never both send it. True when it applied.
   */
  claimPortalDigest(
    name: string,
    previous: string | undefined,
    next: string | undefined,
  ): Promise<boolean>;
  putPortalSession(session: PortalSession): Promise<void>;
  getPortalSession(id: string): Promise<PortalSession | undefined>;
  deletePortalSession(id: string): Promise<void>;
  /** Ends every session of a user (removed, password changed). */
  deletePortalSessionsOf(user: string): Promise<void>;
  appendEvent(event: PortalUserEvent): Promise<unknown>;
}
