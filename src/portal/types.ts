/**
 * The portal's users: people of a participant (a creditor or a debt-help organisation without
 * software of its own) who read, answer and send that participant's messages in the browser. A
 * `medewerker` reads and answers; a `beheerder` also manages the participant's users. A user
 * belongs to exactly one participant and never sees another's messages.
 */

/** What a portal user may do. */
export type PortalRole = 'medewerker' | 'beheerder';

export const PORTAL_ROLES: readonly PortalRole[] = Object.freeze(['medewerker', 'beheerder']);

/** A portal user as stored. */
export interface PortalUser {
  /** The login name: 2–64 of a–z, 0–9, `.`, `_`, `-`; unique across participants. */
  readonly name: string;
  /** The OIN of the participant the user acts for. */
  readonly participant: string;
  readonly role: PortalRole;
  /** argon2id (PHC string); never logged, never answered. */
  readonly passwordHash: string;
  /**
   * The TOTP secret (RFC 6238, base32, 160 bits): the second factor. Kept like the password
   * hash, never answered after enrolment.
   */
  readonly totpSecret: string;
  /** The last TOTP time step a login used: a code works once (RFC 6238 §5.2). */
  readonly lastTotpStep?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly failedLogins: number;
  readonly lockedUntil?: string;
}

/** A portal user as shown: no password hash, no TOTP secret. */
export type PortalUserView = Omit<PortalUser, 'passwordHash' | 'totpSecret' | 'lastTotpStep'>;

/** A signed-in portal user's session (server-side; the token is only in the cookie). */
export interface PortalSession {
  readonly id: string;
  /** The user's name. */
  readonly user: string;
  /** The participant the user acts for: every portal route is limited to it. */
  readonly participant: string;
  readonly role: PortalRole;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly endsAt: string;
}
