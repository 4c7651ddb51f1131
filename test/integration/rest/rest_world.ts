/**
 * Messages between development participants for the REST tests, built from the standard's
 * valid examples: a saldoverzoek (schuldinventarisatie) or a kennisgeving (schuldregeling)
 * from a debt helper to a creditor, signed with the sender's development key.
 */
import type { SignedMessage } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { buildMessage } from '../../support/message_builder.ts';
import type { MessageSpec } from '../../support/message_builder.ts';
import { devOin } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

/** What a test may change besides sender and recipient. */
export type MessageOverrides = Partial<Omit<MessageSpec, 'sender' | 'recipient'>>;

/** A saldoverzoek from `from` to `to` (handles or OINs). */
export function saldoverzoek(
  testHub: TestHub,
  from: string,
  to: string,
  overrides: MessageOverrides = {},
): SignedMessage {
  return buildMessage({
    signer: testHub.signer(from),
    sender: devOin(from),
    recipient: devOin(to),
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    payload: examplePayload('saldoverzoek', 'inventarisatie'),
    ...overrides,
  });
}

/** A kennisgeving (without BSN) from `from` to `to`. */
export function kennisgeving(
  testHub: TestHub,
  from: string,
  to: string,
  overrides: MessageOverrides = {},
): SignedMessage {
  return buildMessage({
    signer: testHub.signer(from),
    sender: devOin(from),
    recipient: devOin(to),
    module: 'schuldregeling',
    messageType: 'kennisgeving',
    payload: examplePayload('kennisgeving', 'zonder-bsn'),
    ...overrides,
  });
}
