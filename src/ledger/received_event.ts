/**
 * The `received` event of a message — position 0 of its chain, whose hash the acceptance
 * receipt names — and the claims of that receipt. One definition for every writer of
 * messages (the pipeline, and the hub's own notices), so the ledger holds one shape.
 */
import type { Envelope } from '../envelope/message.ts';
import type { ReceiptClaims } from '../receipts/receipt.ts';
import { chainEvent } from './chain.ts';
import type { MessageRecord, NewLedgerEvent } from './types.ts';

/** The `received` event of a message accepted at `receivedAt` over `transport`. */
export function receivedEvent(
  envelope: Envelope,
  receivedAt: string,
  transport: MessageRecord['transport'],
): NewLedgerEvent {
  return {
    subject: envelope.messageId,
    type: 'received',
    at: receivedAt,
    actor: envelope.sender,
    data: {
      sender: envelope.sender,
      recipient: envelope.recipient,
      conversationId: envelope.conversationId,
      module: envelope.module,
      messageType: envelope.messageType,
      version: envelope.version,
      payloadDigest: envelope.payloadDigest,
      transport,
      ...(envelope.inReplyTo === undefined ? {} : { inReplyTo: envelope.inReplyTo }),
    },
  };
}

/** The claims of the acceptance receipt for `received` (its position and hash, known before the write). */
export function acceptanceClaims(
  hubOin: string,
  envelope: Envelope,
  received: NewLedgerEvent,
): ReceiptClaims {
  const position = chainEvent(received, 0, '');
  return {
    hub: hubOin,
    status: 'accepted',
    messageId: envelope.messageId,
    payloadDigest: envelope.payloadDigest,
    sender: envelope.sender,
    recipient: envelope.recipient,
    receivedAt: received.at,
    ledgerPosition: position.eventId,
    ledgerHash: position.hash,
    reasons: [],
  };
}
