/**
 * The claims of the hub's receipts (pure): an acceptance names the message's `received`
 * event — its position and hash are known before the write, since it is position 0 of the
 * message's own chain — and a rejection names its `rejected` event. The pipeline signs them for
 * participants' messages, housekeeping for the hub's own notices.
 */
import type { Envelope, Reason, ReceiptClaims } from '@knooppunt/standard';
import { chainEvent } from '../ledger/chain.ts';
import type { LedgerEvent, NewLedgerEvent } from '../ledger/types.ts';

/** The claims of the acceptance receipt for the `received` event of `envelope`. */
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
    ...portalOrigin(received),
    receivedAt: received.at,
    ledgerPosition: position.eventId,
    ledgerHash: position.hash,
    reasons: [],
  };
}

/** `via: 'portal'` and the user, when the event records a submission through the portal. */
function portalOrigin(
  event: Pick<NewLedgerEvent, 'data'>,
): Pick<ReceiptClaims, 'via' | 'portalUser'> {
  const { transport, portalUser } = event.data as { transport?: unknown; portalUser?: unknown };
  return transport === 'portal' && typeof portalUser === 'string'
    ? { via: 'portal', portalUser }
    : {};
}

/**
 * What a rejection may say about the submission: always the authenticated submitter as sender;
 * the message id, digest and recipient only when the hub verified the signature and the sender
 * (it never signs a statement about envelope fields it could not attribute).
 */
export interface RejectedIds {
  readonly sender: string;
  readonly messageId?: string;
  readonly payloadDigest?: string;
  readonly recipient?: string;
}

/** The claims of the rejection receipt for the recorded `rejected` event. */
export function rejectionClaims(
  hubOin: string,
  ids: RejectedIds,
  event: LedgerEvent,
  reasons: readonly Reason[],
): ReceiptClaims {
  return {
    hub: hubOin,
    status: 'rejected',
    ...ids,
    ...portalOrigin(event),
    receivedAt: event.at,
    ledgerPosition: event.eventId,
    ledgerHash: event.hash,
    reasons,
  };
}
