/**
 * `knooppunt ledger verify`: reads every event and every seal and reports each place where the
 * stored ledger differs from what its hashes say, and every message document that differs from
 * its events (verify_messages.ts). Pure over the reader, so it runs the same on every adapter.
 */
import { eventIdOf, expectedEventHash, merkleRoot, sealHashOf } from './chain.ts';
import type { LedgerEvent, LedgerSeal, MessageRecord } from './types.ts';
import { checkParticipant, oinOfSubject, participantSubject } from '../participants/history.ts';
import type { Participant } from '../participants/types.ts';
import { checkAttachments } from './verify_attachments.ts';
import type { AttachmentReader } from './verify_attachments.ts';
import { checkMessage } from './verify_messages.ts';

/** What verification needs from a ledger. */
export interface ChainReader {
  /** Every event, in any order. */
  allEvents(): AsyncIterable<LedgerEvent>;
  /** Every seal, in any order. */
  allSeals(): AsyncIterable<LedgerSeal>;
  /** Every message, when the reader has them: each is checked against its events. */
  allMessages?(): AsyncIterable<MessageRecord>;
  /** Every registry entry, when the reader has them: each is checked against its history. */
  listParticipants?(): Promise<Participant[]>;
}

/** One finding of verification. */
export interface ChainProblem {
  readonly kind:
    | 'event-hash'
    | 'event-id'
    | 'chain-gap'
    | 'chain-link'
    | 'seal-missing-event'
    | 'seal-root'
    | 'seal-hash'
    | 'seal-link'
    | 'seal-gap'
    | 'seal-mark'
    | 'message-unrecorded'
    | 'message-record'
    | 'message-payload'
    | 'message-attachment'
    | 'participant-record';
  readonly where: string;
  readonly detail: string;
}

/** The result of verifying a ledger. */
export interface ChainReport {
  readonly ok: boolean;
  readonly events: number;
  /** Message documents checked against their events. */
  readonly messages: number;
  /**
   * Documents that show an earlier state of their own chain: a writer crashed between an event
   * and the document (MongoDB has no transactions); the next transition brings them up to date.
   * No tampering, so no problem; the chain is the truth.
   */
  readonly messagesBehind: number;
  /** Registry entries checked against their chained history (participants/history.ts). */
  readonly participants: number;
  /** Entries that show an earlier point of their history (a crash between the two writes). */
  readonly participantsBehind: number;
  readonly subjects: number;
  readonly seals: number;
  readonly unsealed: number;
  readonly problems: readonly ChainProblem[];
}

/** How often (in events read) `onProgress` hears from a verification. */
export const PROGRESS_EVERY = 10_000;

/**
 * Verifies subject chains, event hashes, Merkle roots and the seal chain. `onProgress` is told
 * the number of events read every PROGRESS_EVERY events (a live counter for large ledgers). A
 * reader that also reads attachments (a ledger does) has each message's documents checked
 * against the digests of its `received` event (verify_attachments.ts).
 */
export async function verifyChain(
  reader: ChainReader & { readonly attachments?: AttachmentReader },
  options: {
    readonly onProgress?: (eventsRead: number) => void;
    /**
     * The time of verification (ISO 8601): a message housekeeping purges by then may lack its
     * documents (verify_attachments.ts). Without it every recorded document must be there.
     */
    readonly now?: string;
  } = {},
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const byId = new Map<string, LedgerEvent>();
  const bySubject = new Map<string, LedgerEvent[]>();
  let read = 0;
  for await (const event of reader.allEvents()) {
    byId.set(event.eventId, event);
    read += 1;
    if (read % PROGRESS_EVERY === 0) options.onProgress?.(read);
    const list = bySubject.get(event.subject) ?? [];
    list.push(event);
    bySubject.set(event.subject, list);
    if (expectedEventHash(event) !== event.hash) {
      problems.push({
        kind: 'event-hash',
        where: event.eventId,
        detail: 'content does not match its hash',
      });
    }
    if (eventIdOf(event.subject, event.seq) !== event.eventId) {
      problems.push({
        kind: 'event-id',
        where: event.eventId,
        detail: `id does not match subject and seq ${event.seq}`,
      });
    }
  }
  for (const [subject, events] of bySubject) checkSubjectChain(subject, events, problems);
  let messages = 0;
  let messagesBehind = 0;
  if (reader.allMessages !== undefined) {
    for await (const record of reader.allMessages()) {
      messages += 1;
      const events = bySubject.get(record.messageId);
      if (checkMessage(record, events, problems) === 'behind') {
        messagesBehind += 1;
      }
      if (reader.attachments !== undefined) {
        const received = events?.find((event) => event.type === 'received');
        await checkAttachments(record, received, reader.attachments, problems, options.now);
      }
    }
  }
  const { participants, participantsBehind } = await checkParticipants(reader, bySubject, problems);

  const seals: LedgerSeal[] = [];
  for await (const seal of reader.allSeals()) seals.push(seal);
  seals.sort((a, b) => a.batch - b.batch);
  const sealedIds = checkSeals(seals, byId, problems);
  let unsealed = 0;
  for (const event of byId.values()) {
    if (!sealedIds.has(event.eventId)) unsealed += 1;
    if (event.batch !== undefined && sealedIds.get(event.eventId) !== event.batch) {
      problems.push({
        kind: 'seal-mark',
        where: event.eventId,
        detail: `marked sealed in batch ${event.batch}, which does not hold it`,
      });
    }
  }
  return {
    ok: problems.length === 0,
    events: byId.size,
    messages,
    messagesBehind,
    participants,
    participantsBehind,
    subjects: bySubject.size,
    seals: seals.length,
    unsealed,
    problems,
  };
}

/**
 * Checks every registry entry against its history, and finds a history whose entry is gone.
 * A `behind` entry is counted, no problem: the registry acts on its history's record.
 */
async function checkParticipants(
  reader: ChainReader,
  bySubject: ReadonlyMap<string, LedgerEvent[]>,
  problems: ChainProblem[],
): Promise<{ participants: number; participantsBehind: number }> {
  if (reader.listParticipants === undefined) return { participants: 0, participantsBehind: 0 };
  const entries = new Map((await reader.listParticipants()).map((p) => [p.oin, p]));
  const oins = new Set(entries.keys());
  for (const subject of bySubject.keys()) {
    const oin = oinOfSubject(subject);
    if (oin !== undefined) oins.add(oin);
  }
  let participantsBehind = 0;
  for (const oin of oins) {
    const subject = participantSubject(oin);
    const check = checkParticipant(entries.get(oin), bySubject.get(subject) ?? []);
    if (check.state === 'behind') participantsBehind += 1;
    if (check.state === 'mismatch') {
      problems.push({ kind: 'participant-record', where: subject, detail: check.detail });
    }
  }
  return { participants: entries.size, participantsBehind };
}

function checkSubjectChain(subject: string, events: LedgerEvent[], problems: ChainProblem[]): void {
  events.sort((a, b) => a.seq - b.seq);
  let previous: LedgerEvent | undefined;
  for (const [index, event] of events.entries()) {
    if (event.seq !== index) {
      problems.push({
        kind: 'chain-gap',
        where: event.eventId,
        detail: `${subject} has no event at position ${index}`,
      });
      return;
    }
    if (event.prevHash !== (previous?.hash ?? '')) {
      problems.push({
        kind: 'chain-link',
        where: event.eventId,
        detail: 'does not link to the previous event of its subject',
      });
    }
    previous = event;
  }
}

function checkSeals(
  seals: readonly LedgerSeal[],
  byId: ReadonlyMap<string, LedgerEvent>,
  problems: ChainProblem[],
): Map<string, number> {
  const sealed = new Map<string, number>();
  let previous: LedgerSeal | undefined;
  for (const [index, seal] of seals.entries()) {
    const where = `seal ${seal.batch}`;
    if (seal.batch !== index)
      problems.push({ kind: 'seal-gap', where, detail: `expected batch ${index}` });
    if (seal.prevSealHash !== (previous?.sealHash ?? '')) {
      problems.push({ kind: 'seal-link', where, detail: 'does not link to the previous seal' });
    }
    if (
      sealHashOf(seal.batch, seal.root, seal.prevSealHash, seal.eventIds.length) !== seal.sealHash
    ) {
      problems.push({ kind: 'seal-hash', where, detail: 'seal content does not match its hash' });
    }
    const leaves: string[] = [];
    for (const eventId of seal.eventIds) {
      const event = byId.get(eventId);
      if (event === undefined) {
        problems.push({
          kind: 'seal-missing-event',
          where,
          detail: `sealed event ${eventId} is missing`,
        });
        continue;
      }
      leaves.push(expectedEventHash(event));
      sealed.set(eventId, seal.batch);
    }
    if (leaves.length === seal.eventIds.length && merkleRoot(leaves) !== seal.root) {
      problems.push({
        kind: 'seal-root',
        where,
        detail: 'the events no longer hash to the sealed Merkle root',
      });
    }
    previous = seal;
  }
  return sealed;
}
