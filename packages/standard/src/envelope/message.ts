/**
 * The wire form of a Knooppunt message and the constants of its signature: the envelope
 * (routing header, signed by the sender), the payload (validated against its type's schema)
 * and the compact JWS whose claims are exactly the envelope fields, payload digest included.
 */

import type { Envelope, Payload } from '../schemas/types.ts';

export type { Envelope, Payload };

/** The envelope fields a sender fills in; the digest is computed when signing. */
export type EnvelopeFields = Omit<Envelope, 'payloadDigest'>;

/** A signed message as it travels: envelope, payload and the sender's compact JWS. */
export interface SignedMessage {
  readonly envelope: Envelope;
  readonly payload: Payload;
  readonly signature: string;
}

/** The JWS `typ` of an envelope signature. */
export const ENVELOPE_JWS_TYPE = 'knooppunt-envelope+jwt';

/** The JWS algorithms Knooppunt accepts: never `none`, never HMAC. */
export const ALLOWED_ALGORITHMS = ['PS256', 'ES256'] as const;
/** An accepted JWS algorithm. */
export type SignatureAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];
