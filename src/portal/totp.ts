/**
 * The second factor: time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps,
 * six digits — what every authenticator app reads from an `otpauth://` URI) through otplib,
 * at the hub's clock. A code is accepted one step either side (clock drift, RFC 6238 §5.2) and
 * only once: a login records the step it used, and a code of that step or an earlier one is
 * refused after.
 */
import { authenticator } from 'otplib';

const STEP_MS = 30_000;

/** A new secret: 160 random bits, base32 (RFC 4226 §4 recommends 160). */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The URI an authenticator app enrols from (as a QR code or typed in). */
export function totpUri(secret: string, user: string, issuer = 'Knooppunt'): string {
  return authenticator.keyuri(user, issuer, secret);
}

/** The code for `secret` at `at` (tests, and the development network's hint). */
export function totpCode(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/**
 * The time step `code` belongs to when it is right at `at` (one step either side) and later
 * than `lastStep`; undefined otherwise.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | undefined,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = authenticator.clone({ epoch: at.getTime(), window: 1 }).checkDelta(code, secret);
  if (delta === null) return undefined;
  const step = Math.floor(at.getTime() / STEP_MS) + delta;
  return lastStep !== undefined && step <= lastStep ? undefined : step;
}
