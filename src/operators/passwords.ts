/**
 * Operators' passwords: argon2id (RFC 9106), memory-hard, through @node-rs/argon2 — 19 MiB and
 * two passes, OWASP's minimum for argon2id — and generated passwords of 120 random bits.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

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
