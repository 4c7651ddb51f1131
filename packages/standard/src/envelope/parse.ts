/**
 * The structural part of verification, before any cryptography: is this a message with an
 * envelope object, a payload object and a compact JWS, and what does the JWS header say?
 * Schema validation proper comes later in the pipeline; this only makes verification safe.
 */
import { EnvelopeError } from '../errors.ts';
import { decodeJwsHeader, refuseCriticalExtensions } from './jws.ts';
import type { Envelope, Payload, SignedMessage } from './message.ts';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** An `x5t#S256`: base64url of a SHA-256, without padding (RFC 7515 §4.1.8). */
export const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** The fields of a JWS protected header that verification uses. */
export interface JwsHeader {
  readonly alg: string;
  readonly typ: string | undefined;
  readonly thumbprint: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape `{ envelope: {…}, payload: {…}, signature: 'a.b.c' }`. */
export function parseSignedMessage(input: unknown): SignedMessage {
  if (!isObject(input) || !isObject(input['envelope']) || !isObject(input['payload'])) {
    throw new EnvelopeError(
      'MALFORMED_MESSAGE',
      'a message is a JSON object with an envelope object, a payload object and a signature',
    );
  }
  const signature = input['signature'];
  if (typeof signature !== 'string' || !COMPACT_JWS.test(signature)) {
    throw new EnvelopeError('SIGNATURE_MALFORMED', 'the signature is not a compact JWS');
  }
  // Every envelope field is a string (schemas/envelope.schema.json). Checked here, before any
  // lookup uses one: an object where an id belongs would reach the ledger as a query operator.
  const nonString = Object.entries(input['envelope']).find(
    ([, value]) => typeof value !== 'string',
  );
  if (nonString !== undefined) {
    throw new EnvelopeError('MALFORMED_MESSAGE', `envelope field ${nonString[0]} is not a string`);
  }
  return {
    envelope: input['envelope'] as unknown as Envelope,
    payload: input['payload'] as Payload,
    signature,
  };
}

/** Decodes the protected header of a compact JWS without trusting it. */
export function readJwsHeader(signature: string): JwsHeader {
  const header = decodeJwsHeader(signature);
  if (!isObject(header) || typeof header['alg'] !== 'string') {
    throw new EnvelopeError('SIGNATURE_MALFORMED', 'the JWS header has no alg');
  }
  refuseCriticalExtensions(header);
  const thumbprint = header['x5t#S256'];
  if (typeof thumbprint !== 'string' || !THUMBPRINT.test(thumbprint)) {
    throw new EnvelopeError('SIGNATURE_MALFORMED', 'the JWS header has no valid x5t#S256');
  }
  const typ = header['typ'];
  return { alg: header['alg'], typ: typeof typ === 'string' ? typ : undefined, thumbprint };
}
