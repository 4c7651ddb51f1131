/**
 * Ledger records for tests that talk to a ledger directly (the contract suite, the relay):
 * a stored saldoverzoek from the gemeente to the energy company, and its `received` event.
 */
import { randomUUID } from 'node:crypto';
import type { MessageRecord, NewLedgerEvent } from '../../src/ledger/index.ts';

export const GEMEENTE = '00000001002220647000';
export const ENERGIE = '00000003273111110000';

/** A stored message; `overrides` replace fields (the envelope follows only the two ids). */
export function ledgerRecord(overrides: Partial<MessageRecord> = {}): MessageRecord {
  const messageId = overrides.messageId ?? randomUUID();
  const conversationId = overrides.conversationId ?? randomUUID();
  return {
    messageId,
    envelope: {
      messageId,
      conversationId,
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      version: '2.0',
      sender: GEMEENTE,
      recipient: ENERGIE,
      createdAt: '2026-11-23T09:00:00.000Z',
      payloadDigest: 'x'.repeat(43),
    },
    signature: 'a.b.c',
    payload: { klantnummerSchuldhulpverlener: 'UTR-1' },
    sender: GEMEENTE,
    recipient: ENERGIE,
    conversationId,
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    receivedAt: '2026-11-23T09:00:00.000Z',
    status: 'accepted',
    transport: 'rest',
    route: 'rest',
    partition: 0,
    receipt: 'r.r.r',
    expiresAt: '2026-11-30T23:00:00.000Z',
    ...overrides,
  };
}

/** The `received` event of a stored message. */
export function receivedEventOf(record: MessageRecord): NewLedgerEvent {
  return {
    subject: record.messageId,
    type: 'received',
    at: record.receivedAt,
    actor: record.sender,
    data: { messageType: record.messageType },
  };
}
