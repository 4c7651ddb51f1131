/**
 * The states of a message and the moves between them, as data and pure functions:
 *
 *   accepted ──delivered──▶ delivered ──picked-up──▶ picked-up ──payload-dropped (retention)
 *      │  └──────────────picked-up──────────────────────▲
 *      └──────expired (not picked up in time; payload dropped, sender to be told)──▶ expired
 *                                                            └──sender-notified
 *   answered: any state (the answer arrived; the status does not change)
 *
 * Each function builds the conditional ledger update (`MessageUpdate`) of one move: the states
 * it may leave, the fields it sets and the event that records it. Whoever makes a move — a REST
 * route, the AMQP inbound consumer, the relay, housekeeping, the pipeline — calls the one
 * function for it, so a move is recorded the same way whatever caused it. The ledger applies
 * an update only when the message is in one of its `fromStatus` states, which is what makes a
 * move happen once when several hub processes try it at the same time.
 */
import type { MessageUpdate } from '../ledger/port.ts';
import type { LedgerEventType, MessageRecord, MessageStatus } from '../ledger/types.ts';

const DAY_MS = 86_400_000;

/** The moves after acceptance, by the type of the event that records them. */
export type Transition = Extract<
  LedgerEventType,
  'delivered' | 'picked-up' | 'expired' | 'answered' | 'payload-dropped' | 'sender-notified'
>;

/** From which states each move may be made. */
export const TRANSITIONS: Readonly<Record<Transition, readonly MessageStatus[]>> = Object.freeze({
  delivered: ['accepted'],
  'picked-up': ['accepted', 'delivered'],
  expired: ['accepted', 'delivered'],
  answered: ['accepted', 'delivered', 'picked-up', 'expired'],
  'payload-dropped': ['picked-up'],
  'sender-notified': ['expired'],
});

/** The transport a recipient used, recorded with deliveries and pickups. */
export type Via = 'rest' | 'amqp' | 'portal';

/**
 * Delivered: the recipient fetched it over REST (`actor` is the recipient) or the relay put it
 * on the recipient's queue and the broker confirmed.
 */
export function delivery(messageId: string, at: Date, via: Via, actor?: string): MessageUpdate {
  const deliveredAt = at.toISOString();
  return {
    fromStatus: TRANSITIONS.delivered,
    set: { status: 'delivered', deliveredAt },
    event: {
      subject: messageId,
      type: 'delivered',
      at: deliveredAt,
      ...(actor === undefined ? {} : { actor }),
      data: { transport: via },
    },
  };
}

/**
 * Picked up: the recipient acknowledged it. Starts the retention clock: the payload may be
 * dropped `retentionDays` after `at` (housekeeping does it).
 */
export function pickup(
  messageId: string,
  recipient: string,
  at: Date,
  retentionDays: number,
  via: Via,
): MessageUpdate {
  const pickedUpAt = at.toISOString();
  return {
    fromStatus: TRANSITIONS['picked-up'],
    set: {
      status: 'picked-up',
      pickedUpAt,
      dropPayloadAfter: new Date(at.getTime() + retentionDays * DAY_MS).toISOString(),
    },
    event: {
      subject: messageId,
      type: 'picked-up',
      at: pickedUpAt,
      actor: recipient,
      data: { transport: via },
    },
  };
}

/**
 * Expired: nobody picked it up in time. The payload goes at once; the sender is to be told
 * (`notifyDueAt`) unless the message is one of the hub's own notices — a notice about a
 * notice helps nobody.
 */
export function expiry(record: MessageRecord, at: Date): MessageUpdate {
  const now = at.toISOString();
  const notify = record.transport === 'hub' ? {} : { notifyDueAt: now };
  return {
    fromStatus: TRANSITIONS.expired,
    // Nobody took it up: its answer deadline no longer waits on the recipient (the sender is
    // told instead), so it leaves the overdue watch.
    set: {
      status: 'expired',
      expiredAt: now,
      payload: null,
      payloadDroppedAt: now,
      openAnswerDueAt: null,
      ...notify,
    },
    event: {
      subject: record.messageId,
      type: 'expired',
      at: now,
      data: { reason: 'not picked up in time' },
    },
  };
}

/** Answered: `reply` answers the message `requestId` (its `inReplyTo`). */
export function answer(requestId: string, reply: MessageRecord): MessageUpdate {
  return {
    fromStatus: TRANSITIONS.answered,
    set: { answeredAt: reply.receivedAt, openAnswerDueAt: null },
    event: {
      subject: requestId,
      type: 'answered',
      at: reply.receivedAt,
      actor: reply.sender,
      data: { answerId: reply.messageId, answerType: reply.messageType },
    },
  };
}

/** Payload dropped: the retention period after pickup has passed; metadata and digests stay. */
export function payloadDrop(messageId: string, at: Date): MessageUpdate {
  const now = at.toISOString();
  return {
    fromStatus: TRANSITIONS['payload-dropped'],
    set: { payload: null, payloadDroppedAt: now },
    event: { subject: messageId, type: 'payload-dropped', at: now, data: { reason: 'retention' } },
  };
}

/** Sender notified: the hub's notice `noticeId` about the expiry is on its way to the sender. */
export function senderNotification(messageId: string, at: Date, noticeId: string): MessageUpdate {
  const now = at.toISOString();
  return {
    fromStatus: TRANSITIONS['sender-notified'],
    set: { notifyDueAt: null, senderNotifiedAt: now },
    event: { subject: messageId, type: 'sender-notified', at: now, data: { noticeId } },
  };
}

/** The record as it is after `update` applied (what the ledger now holds). */
export function applied(record: MessageRecord, update: MessageUpdate): MessageRecord {
  return { ...record, ...update.set };
}
