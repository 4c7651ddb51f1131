/**
 * What both clients check of a receipt the hub gave for a message they sent: signed by the hub
 * (its certificate), accepted — a signed rejection becomes a HubError with the hub's first
 * reason as its code and every reason (a rejection may not name the message: the hub names
 * only what it could verify) — and about this message (id and payload digest).
 */
import type { X509Certificate } from 'node:crypto';
import { verifyReceipt } from '@knooppunt/standard';
import type { ReceiptClaims, SignedMessage } from '@knooppunt/standard';
import { HubError } from './errors.ts';

/** The verified claims of an acceptance receipt for `message`; throws a HubError otherwise. */
export function checkReceipt(
  receipt: string,
  message: SignedMessage,
  hubCertificate: X509Certificate,
): ReceiptClaims {
  const claims = verifyReceipt(receipt, hubCertificate);
  if (claims.status === 'rejected') {
    const first = claims.reasons[0];
    throw new HubError(422, {
      ...(first === undefined ? {} : { code: first.code }),
      detail: first?.detail ?? 'rejected',
      reasons: claims.reasons,
      receipt,
    });
  }
  if (
    claims.messageId !== message.envelope.messageId ||
    claims.payloadDigest !== message.envelope.payloadDigest
  ) {
    throw new HubError(502, {
      code: 'RECEIPT_MISMATCH',
      detail: 'the receipt does not name the message that was sent',
    });
  }
  return claims;
}
