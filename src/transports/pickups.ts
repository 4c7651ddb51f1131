/**
 * A recipient's acknowledgement, one sequence for every way it arrives (`POST
 * /v1/messages/{id}/ack`, `POST /v1/mailbox/ack`, the AMQP `ack` on the inbound queue): read
 * the message, check that the acknowledger is its recipient, and make the conditional
 * `picked-up` move. Idempotent: a message picked up before is answered with its first pickup.
 */
import { AuthorisationError, LedgerError } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { MessageStore, MessageUpdate } from '../ledger/port.ts';
import type { MessageSummary } from '../ledger/types.ts';
import { pickup } from '../lifecycle/transitions.ts';
import type { Via } from '../lifecycle/transitions.ts';

/** What an acknowledgement needs of the hub. */
export interface PickupDeps {
  readonly ledger: Pick<MessageStore, 'getMessageSummary' | 'updateMessage'>;
  readonly clock: Clock;
  readonly retentionDays: number;
  /** Told of each move made, for the metrics and the operators' live view. */
  readonly onMoved?: (record: MessageSummary, update: MessageUpdate) => void;
}

/** What became of one acknowledgement. */
export type PickupOutcome =
  /** Picked up, now or before (`pickedUpAt` is the first pickup). */
  | { readonly kind: 'picked-up'; readonly record: MessageSummary; readonly pickedUpAt: string }
  /** It expired before its recipient picked it up: nothing to record. */
  | { readonly kind: 'expired'; readonly record: MessageSummary };

/**
 * Records the pickup of `messageId` by `recipient`. Throws LedgerError `MESSAGE_NOT_FOUND`
 * (no such message), AuthorisationError `FORBIDDEN` (someone else's), and LedgerError
 * `LEDGER_UNAVAILABLE` when the ledger refuses the move twice while the message still waits:
 * its chain has not begun (on MongoDB, which has no transactions, its writer is between the
 * message and its `received` event, at work or held by an outage) and the relay may already
 * have delivered it, so the acknowledgement is transient work to try again, never dropped (a
 * recipient acknowledges once).
 */
export async function acknowledgePickup(
  deps: PickupDeps,
  messageId: string,
  recipient: string,
  via: Via,
): Promise<PickupOutcome> {
  const { ledger, clock, retentionDays } = deps;
  // Two rounds at most: a concurrent fetch or delivery may move `accepted` on in between.
  for (let round = 0; round < 2; round += 1) {
    // What it checks is metadata: the payload, signature and receipt are not read.
    const record = await ledger.getMessageSummary(messageId);
    if (record === undefined) {
      throw new LedgerError('MESSAGE_NOT_FOUND', `no message with id ${messageId}`);
    }
    if (record.recipient !== recipient) {
      throw new AuthorisationError('FORBIDDEN', 'only the recipient may acknowledge a message');
    }
    if (record.status === 'picked-up') {
      return { kind: 'picked-up', record, pickedUpAt: record.pickedUpAt ?? record.receivedAt };
    }
    if (record.status === 'expired') return { kind: 'expired', record };
    const update = pickup(messageId, recipient, clock.now(), retentionDays, via);
    if (await ledger.updateMessage(messageId, update)) {
      deps.onMoved?.(record, update);
      return { kind: 'picked-up', record, pickedUpAt: update.event.at };
    }
  }
  throw new LedgerError(
    'LEDGER_UNAVAILABLE',
    `message ${messageId} is still being stored: acknowledge it again in a moment`,
  );
}
