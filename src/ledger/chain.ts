/**
 * The ledger's tamper evidence, as pure functions. Two layers, so that no writer waits on a
 * global counter or lock:
 *
 * 1. Each subject (a message, a conversation, …) has its own hash chain: event n carries the
 *    hash of event n-1 of the same subject. Writers of different subjects never contend.
 * 2. A sealer (one at a time, by lease) takes the events not yet sealed and commits them as a
 *    Merkle batch (RFC 6962 §2.1 tree hashing), each batch chained to the previous one.
 *
 * Editing an event breaks its hash; deleting or reordering breaks its subject's chain or its
 * batch's root; deleting a whole sealed subject breaks a batch.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@knooppunt/standard';
import type { LedgerEvent, LedgerSeal, NewLedgerEvent } from './types.ts';

function sha256(...parts: (string | Buffer)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The event id of position `seq` of `subject`. */
export function eventIdOf(subject: string, seq: number): string {
  return `${subject}#${seq}`;
}

/** The subject and position an event id names (`eventIdOf` read back; a subject may hold `#`). */
export function eventPlaceOf(eventId: string): { subject: string; seq: number } {
  const cut = eventId.lastIndexOf('#');
  return { subject: eventId.slice(0, cut), seq: Number(eventId.slice(cut + 1)) };
}

/** Completes an event: position, link to its predecessor and its own hash. */
export function chainEvent(event: NewLedgerEvent, seq: number, prevHash: string): LedgerEvent {
  const body = {
    eventId: eventIdOf(event.subject, seq),
    subject: event.subject,
    seq,
    type: event.type,
    at: event.at,
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    data: event.data,
    prevHash,
  };
  return Object.freeze({ ...body, hash: hashEventBody(body) });
}

/** The hash an event should have, recomputed from its content (not from its `hash` field). */
export function expectedEventHash(event: LedgerEvent): string {
  const { hash: _hash, batch: _batch, ...body } = event;
  return hashEventBody(body);
}

function hashEventBody(body: object): string {
  return sha256(canonicalJson(body)).toString('base64url');
}

/** RFC 6962 Merkle tree hash over leaf strings (here: event hashes). */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return sha256('').toString('base64url');
  let level = leaves.map((leaf) => sha256(Buffer.from([0]), leaf));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Buffer;
      const right = level[i + 1];
      next.push(right === undefined ? left : sha256(Buffer.from([1]), left, right));
    }
    level = next;
  }
  return (level[0] as Buffer).toString('base64url');
}

/** Builds the seal of a batch of events, chained to the previous seal. */
export function sealBatch(
  batch: number,
  events: readonly LedgerEvent[],
  previous: LedgerSeal | undefined,
  sealedAt: string,
): LedgerSeal {
  const root = merkleRoot(events.map((event) => event.hash));
  const prevSealHash = previous?.sealHash ?? '';
  return Object.freeze({
    batch,
    eventIds: events.map((event) => event.eventId),
    root,
    prevSealHash,
    sealHash: sealHashOf(batch, root, prevSealHash, events.length),
    sealedAt,
  });
}

/** The hash of a seal, recomputed from its content. */
export function sealHashOf(
  batch: number,
  root: string,
  prevSealHash: string,
  count: number,
): string {
  return sha256(canonicalJson({ batch, root, prevSealHash, count })).toString('base64url');
}
