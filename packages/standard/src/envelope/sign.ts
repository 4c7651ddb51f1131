/**
 * Signing a message: compute the payload digest, complete the envelope, and sign the envelope
 * fields as a compact JWS (RFC 7515) with the sender's key. The JWS header names the
 * certificate by its SHA-256 thumbprint (`x5t#S256`, RFC 7515 §4.1.8).
 */
import jwt from 'jsonwebtoken';
import { payloadDigest } from './canonical.ts';
import type { Signer } from './keys.ts';
import { ENVELOPE_JWS_TYPE } from './message.ts';
import type { Envelope, EnvelopeFields, Payload, SignedMessage } from './message.ts';

/** Signs `payload` under `fields`; returns the frozen wire message. */
export function signMessage(
  fields: EnvelopeFields,
  payload: Payload,
  signer: Signer,
): SignedMessage {
  const envelope: Envelope = Object.freeze({ ...fields, payloadDigest: payloadDigest(payload) });
  return Object.freeze({ envelope, payload, signature: signEnvelope(envelope, signer) });
}

/** The compact JWS over an envelope: claims are exactly the envelope fields. */
export function signEnvelope(envelope: Envelope, signer: Signer): string {
  return jwt.sign({ ...envelope }, signer.privateKey, {
    algorithm: signer.algorithm,
    noTimestamp: true, // the claims are the envelope, nothing more
    header: { alg: signer.algorithm, typ: ENVELOPE_JWS_TYPE, 'x5t#S256': signer.thumbprint },
  });
}
