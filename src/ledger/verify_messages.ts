/**
 * Tamper evidence beyond the event chains (issue 12): a message's stored document is a cache
 * of what its chained events say, so `ledger verify` checks each against them — the routing
 * facts against its `received` event (sender, recipient, conversation, module, type, version,
 * digest, transport, time), the stored payload against the digest that event holds, and the
 * status and times against its `delivered`, `picked-up`, `expired`, `answered` and
 * `payload-dropped` events. A recipient, payload or status edited directly in the database is
 * found, on every adapter. Pure over what the reader gives.
 */
import { jsonEqual, payloadDigest } from '@knooppunt/standard';
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

/** The state a message's events give after its first `count` events. */
export interface Projection {
  readonly status: MessageRecord['status'];
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  readonly answeredAt?: string;
  readonly senderNotifiedAt?: string;
  readonly payloadDroppedAt?: string;
}

const STATE_FIELDS = [
  'status',
  'deliveredAt',
  'pickedUpAt',
  'expiredAt',
  'answeredAt',
  'senderNotifiedAt',
  'payloadDroppedAt',
] as const;

/** Replays the events in chain order: the state after each. */
function projections(events: readonly LedgerEvent[]): Projection[] {
  let state: Projection = { status: 'accepted' };
  const states = [state];
  for (const event of events) {
    if (event.type === 'delivered')
      state = { ...state, status: 'delivered', deliveredAt: event.at };
    else if (event.type === 'picked-up')
      state = { ...state, status: 'picked-up', pickedUpAt: event.at };
    else if (event.type === 'expired')
      state = { ...state, status: 'expired', expiredAt: event.at, payloadDroppedAt: event.at };
    else if (event.type === 'answered') state = { ...state, answeredAt: event.at };
    else if (event.type === 'sender-notified') state = { ...state, senderNotifiedAt: event.at };
    else if (event.type === 'payload-dropped') state = { ...state, payloadDroppedAt: event.at };
    states.push(state);
  }
  return states;
}

/** The status and times a message's events give, in chain order (what its document shows). */
export function chainState(events: readonly LedgerEvent[]): Projection {
  return projections(events).at(-1) as Projection;
}

function matches(record: MessageRecord, state: Projection): boolean {
  return STATE_FIELDS.every((field) => record[field] === state[field]);
}

/**
 * Checks one message document against its events; problems go to `problems`. A document that
 * shows the state of an earlier point of its own chain — a writer crashed between chaining an
 * event and setting the document (MongoDB has no transactions; the next transition repairs
 * it) — is `behind`, counted but no problem: the chain holds the truth, and it is no
 * tampering; any other difference is `message-record`.
 */
export function checkMessage(
  record: MessageRecord,
  events: readonly LedgerEvent[] | undefined,
  problems: ChainProblem[],
): 'behind' | undefined {
  const where = `message ${record.messageId}`;
  const problem = (detail: string) => problems.push({ kind: 'message-record', where, detail });
  const chain = events ?? [];
  const received = chain.find((event) => event.type === 'received');
  if (received === undefined) {
    problems.push({ kind: 'message-unrecorded', where, detail: 'has no received event' });
    return undefined;
  }
  for (const [name, of] of RECEIVED_FACTS) {
    if (received.data[name] !== of(record)) {
      problem(`${name} differs from its received event`);
    }
  }
  // What the hub read from the payload (the reach figures count it) is vouched for by the chain.
  if (!jsonEqual(received.data['metadata'] ?? null, record.metadata ?? null)) {
    problem('metadata differs from its received event');
  }
  for (const name of ENVELOPE_FACTS) {
    if (record[name] !== record.envelope[name]) problem(`${name} differs from its envelope`);
  }
  if (record.receivedAt !== received.at) problem('receivedAt differs from its received event');
  const states = projections(chain);
  let index = -1;
  states.forEach((state, at) => {
    if (matches(record, state)) index = at;
  });
  const latest = states[states.length - 1] as Projection;
  if (index === -1) {
    const differing = STATE_FIELDS.filter((field) => record[field] !== latest[field]);
    problem(`${differing.join(', ')} differ${differing.length === 1 ? 's' : ''} from its events`);
  }
  const behind =
    index !== -1 && STATE_FIELDS.some((field) => latest[field] !== record[field])
      ? ('behind' as const)
      : undefined;
  if (record.payload !== null) {
    if (payloadDigest(record.payload) !== received.data['payloadDigest']) {
      problems.push({
        kind: 'message-payload',
        where,
        detail: 'the stored payload does not match the digest its received event holds',
      });
    }
  } else if (latest.payloadDroppedAt === undefined) {
    problem('the payload is gone without a payload-dropped or expired event');
  }
  return behind;
}
