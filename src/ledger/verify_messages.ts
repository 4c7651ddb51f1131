/**
 * Tamper evidence beyond the event chains (issue 12): a message's stored document is a cache
 * of what its chained events say, so `ledger verify` checks each against them — the routing
 * facts against its `received` event (sender, recipient, conversation, module, type, version,
 * digest, transport, time), the stored payload against the digest that event holds, and the
 * status and times against its `delivered`, `picked-up`, `expired`, `answered` and
 * `payload-dropped` events. A recipient, payload or status edited directly in the database is
 * found, on every adapter. Pure over what the reader gives.
 */
import { payloadDigest } from '@knooppunt/standard';
import type { ChainProblem } from './verify_chain.ts';
import type { LedgerEvent, MessageRecord } from './types.ts';

/** What message verification needs from a ledger. */
export interface MessageReader {
  /** Every stored message, in any order. */
  allMessages(): AsyncIterable<MessageRecord>;
}

/** The routing facts a `received` event records, and the record's field that must equal each. */
const RECEIVED_FACTS: readonly [string, (record: MessageRecord) => unknown][] = [
  ['sender', (r) => r.sender],
  ['recipient', (r) => r.recipient],
  ['conversationId', (r) => r.conversationId],
  ['module', (r) => r.module],
  ['messageType', (r) => r.messageType],
  ['version', (r) => r.envelope.version],
  ['payloadDigest', (r) => r.envelope.payloadDigest],
  ['transport', (r) => r.transport],
  ['inReplyTo', (r) => r.envelope.inReplyTo],
];

/** The envelope's copy of the routing facts, which the record repeats at the top. */
const ENVELOPE_FACTS: readonly (keyof MessageRecord & keyof MessageRecord['envelope'])[] = [
  'messageId',
  'sender',
  'recipient',
  'conversationId',
  'module',
  'messageType',
];

/** Checks one message document against its events; problems go to `problems`. */
export function checkMessage(
  record: MessageRecord,
  events: readonly LedgerEvent[] | undefined,
  problems: ChainProblem[],
): void {
  const where = `message ${record.messageId}`;
  const problem = (detail: string) => problems.push({ kind: 'message-record', where, detail });
  const first = (type: string) => events?.find((event) => event.type === type);
  // The record keeps the time of the latest event of a kind (a request answered twice).
  const last = (type: string) => [...(events ?? [])].reverse().find((event) => event.type === type);
  const received = first('received');
  if (received === undefined) {
    problems.push({ kind: 'message-unrecorded', where, detail: 'has no received event' });
    return;
  }
  for (const [name, of] of RECEIVED_FACTS) {
    if (received.data[name] !== of(record)) {
      problem(`${name} differs from its received event`);
    }
  }
  for (const name of ENVELOPE_FACTS) {
    if (record[name] !== record.envelope[name]) problem(`${name} differs from its envelope`);
  }
  if (record.receivedAt !== received.at) problem('receivedAt differs from its received event');
  if (record.payload !== null) {
    if (payloadDigest(record.payload) !== received.data['payloadDigest']) {
      problems.push({
        kind: 'message-payload',
        where,
        detail: 'the stored payload does not match the digest its received event holds',
      });
    }
  } else if (first('payload-dropped') === undefined && first('expired') === undefined) {
    problem('the payload is gone without a payload-dropped or expired event');
  }
  const status = first('expired')
    ? 'expired'
    : first('picked-up')
      ? 'picked-up'
      : first('delivered')
        ? 'delivered'
        : 'accepted';
  if (record.status !== status) problem(`status ${record.status}, its events say ${status}`);
  for (const [field, type] of [
    ['deliveredAt', 'delivered'],
    ['pickedUpAt', 'picked-up'],
    ['expiredAt', 'expired'],
    ['answeredAt', 'answered'],
    ['senderNotifiedAt', 'sender-notified'],
  ] as const) {
    if (record[field] !== last(type)?.at) problem(`${field} differs from its ${type} event`);
  }
  // Expiry drops the payload too, without an event of its own.
  const dropped = last('payload-dropped')?.at ?? last('expired')?.at;
  if (record.payloadDroppedAt !== dropped) problem('payloadDroppedAt differs from its events');
}
