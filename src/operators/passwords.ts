/**
 * Operators' passwords: argon2id (RFC 9106), memory-hard, through @node-rs/argon2 — 19 MiB and
 * two passes, OWASP's minimum for argon2id — and generated passwords of 120 random bits.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { UsageError } from '@knooppunt/standard';

/** argon2id with OWASP's minimum cost (Password Storage Cheat Sheet): m = 19 MiB, t = 2, p = 1. */
const COST = Object.freeze({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

/** The PHC string of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

/** Whether `password` matches the PHC string `stored` (false for a malformed one). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A new random password: 24 characters of base64url (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Throws USAGE_INVALID for a password shorter than MIN_PASSWORD_LENGTH. */
export function assertPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(
      'USAGE_INVALID',
      `a password has at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
}

/** Failed logins in a row before an account waits. */
const FREE_ATTEMPTS = 5;
/** The first wait; it doubles with every further failure, up to a day. */
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 86_400_000;

/**
 * Until when an account waits after `failedLogins` failures in a row (operators and portal
 * users alike): not before the sixth, then a minute, doubling up to a day.
 */
export function lockedUntilAfter(failedLogins: number, now: Date): string | undefined {
  const extra = failedLogins - FREE_ATTEMPTS;
  if (extra <= 0) return undefined;
  return new Date(
    now.getTime() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (extra - 1)),
  ).toISOString();
}
