/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation and the payload digest: SHA-256 over
 * the canonical UTF-8 bytes, base64url without padding. The digest binds the payload to the
 * signed envelope, whatever whitespace or key order the sender's JSON library produced.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EnvelopeError } from '../errors.ts';

/** The RFC 8785 canonical form of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new EnvelopeError('MALFORMED_MESSAGE', 'value has no JSON representation');
  }
  return text;
}

/** SHA-256 of the canonical JSON of `payload`, base64url without padding (43 characters). */
export function payloadDigest(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload), 'utf8').digest('base64url');
}
