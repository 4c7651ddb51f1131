/**
 * Ledger records for tests that talk to a ledger directly (the contract suite, the relay,
 * housekeeping), built by the lifecycle module as the pipeline builds them: a stored
 * saldoverzoek from the gemeente to the energy company, its `received` event, and a signed one
 * stored as the hub stores an accepted message.
 */
import { randomUUID } from 'node:crypto';
import { payloadDigest, signMessage } from '@knooppunt/standard';
import type { SignedMessage, Signer } from '@knooppunt/standard';
import type { Ledger } from '../../src/ledger/port.ts';
import type { MessageRecord, NewLedgerEvent } from '../../src/ledger/index.ts';
import { acceptedRecord, receivedEvent } from '../../src/lifecycle/index.ts';
import { examplePayload } from './examples.ts';

export const GEMEENTE = '00000001002220647000';
export const ENERGIE = '00000003273111110000';
/** When the records here were received, unless told otherwise. */
export const RECEIVED_AT = '2026-11-23T09:00:00.000Z';

/**
 * A stored message with a stand-in signature and receipt (the ledger does not check them);
 * `overrides` replace fields of the record; its envelope follows the ids and the parties.
 */
export function ledgerRecord(overrides: Partial<MessageRecord> = {}): MessageRecord {
  const messageId = overrides.messageId ?? randomUUID();
  const conversationId = overrides.conversationId ?? randomUUID();
  const payload = { klantnummerSchuldhulpverlener: 'UTR-1' };
  const message: SignedMessage = {
    envelope: {
      messageId,
      conversationId,
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      version: '2.0',
      sender: overrides.sender ?? GEMEENTE,
      recipient: overrides.recipient ?? ENERGIE,
      createdAt: RECEIVED_AT,
      // The real digest: `ledger verify` checks the stored payload against it.
      payloadDigest: payloadDigest(payload),
    },
    payload,
    signature: 'a.b.c',
  };
  const record = acceptedRecord({
    message,
    receivedAt: new Date(overrides.receivedAt ?? RECEIVED_AT),
    transport: 'rest',
    route: overrides.route ?? 'rest',
    receipt: 'r.r.r',
  });
  return { ...record, ...overrides };
}

/** The `received` event of a stored message, as the pipeline writes it. */
export function receivedEventOf(record: MessageRecord): NewLedgerEvent {
  return receivedEvent(record.envelope, record.receivedAt, record.transport);
}

/** What a test says about a signed saldoverzoek it stores. */
export interface StoredSaldoverzoek {
  readonly signer: Signer;
  readonly receivedAt: Date;
  /** @defaultValue the gemeente */
  readonly sender?: string;
  /** @defaultValue the energy company */
  readonly recipient?: string;
  /** @defaultValue `rest` */
  readonly route?: MessageRecord['route'];
  /** @defaultValue `rest` */
  readonly transport?: MessageRecord['transport'];
}

/** Signs a saldoverzoek and stores it as the pipeline stores an accepted one. */
export async function storeSaldoverzoek(
  ledger: Ledger,
  spec: StoredSaldoverzoek,
): Promise<MessageRecord> {
  const message = signMessage(
    {
      messageId: randomUUID(),
      conversationId: randomUUID(),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      version: '2.0',
      sender: spec.sender ?? GEMEENTE,
      recipient: spec.recipient ?? ENERGIE,
      createdAt: spec.receivedAt.toISOString(),
    },
    examplePayload('saldoverzoek'),
    spec.signer,
  );
  const transport = spec.transport ?? 'rest';
  const record = acceptedRecord({
    message,
    receivedAt: spec.receivedAt,
    transport,
    route: spec.route ?? 'rest',
    receipt: 'not.checked.here',
  });
  await ledger.insertMessage(record, receivedEventOf(record));
  return record;
}
