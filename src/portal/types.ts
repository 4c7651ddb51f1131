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
  /** The signing keys of the user's browsers (docs/portal.md), newest last. */
  readonly keys?: readonly PortalKey[];
  /** Where the daily digest goes; no digest without one. */
  readonly email?: string;
  /**
   * When the user's last daily digest was made (sent, or nothing to tell): the next one covers
   * what came after. Claimed by a conditional update (`claimPortalDigest`).
   */
  readonly lastDigestAt?: string;
}

/** A P-256 public key as a JWK (RFC 7517/7518), what WebCrypto exports. */
export interface PublicKeyJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/**
 * A browser's signing key (WebCrypto, not extractable; the hub only ever sees the public half).
 * A user asks for it to be enrolled; the participant's `beheerder` approves, and the hub issues
 * a certificate for it from the portal CA and registers it with the participant.
 */
export interface PortalKey {
  /** The JWK thumbprint (RFC 7638) of the public key. */
  readonly id: string;
  /** What the user called the device ("laptop kantoor"). */
  readonly label: string;
  readonly publicKey: PublicKeyJwk;
  readonly status: 'pending' | 'active' | 'revoked';
  readonly requestedAt: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  /** The certificate's `x5t#S256`, which the envelopes this key signs name. */
  readonly thumbprint?: string;
  readonly certificatePem?: string;
  readonly revokedAt?: string;
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
