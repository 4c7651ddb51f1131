/**
 * Standard 2.0 and 2.1 side by side over AMQP (issue 13), against the real RabbitMQ and the
 * MongoDB ledger: both versions published by one participant reach a recipient that takes both
 * on its queue; a 2.1 message for a recipient that takes only 2.0 gets a signed rejection
 * receipt with VERSION_NOT_ACCEPTED, is recorded as refused and never reaches the recipient.
 */
import { expect } from 'chai';
import { verifyReceipt } from '@knooppunt/standard';
import type { ReceiptClaims } from '@knooppunt/standard';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { examplePayload } from '../../support/examples.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

/** The later version of the type the test sends (saldoverzoek has 2.1 since issue 13). */
const LATER = '2.1';

describe('AMQP transport: standard 2.0 and 2.1 side by side (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let gemeente: ParticipantAmqp;
  let energie: ParticipantAmqp;
  let webwinkel: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    await world.preferAmqp('energie');
    await world.preferAmqp('webwinkel');
    gemeente = await world.connect('gemeente');
    energie = await world.connect('energie');
    webwinkel = await world.connect('webwinkel');
  });
  after(async () => world?.stop());

  const saldoverzoek21 = (to: string) =>
    saldoverzoek(world.testHub, 'gemeente', to, {
      version: LATER,
      payload: examplePayload('saldoverzoek', undefined, { version: LATER }),
    });

  /** The receipt for `messageId` on the sender's queue, its signature verified. */
  async function verifiedReceipt(messageId: string): Promise<ReceiptClaims> {
    const body = await gemeente.receipt(messageId);
    return verifyReceipt(body['receipt'] as string, world.testHub.hub.hubSigner.certificate);
  }

  it('carries a 2.0 and a 2.1 message published over AMQP to a recipient that takes both', async () => {
    const old = saldoverzoek(world.testHub, 'gemeente', 'energie');
    const later = saldoverzoek21('energie');
    for (const message of [old, later]) {
      await gemeente.submit(message);
      expect((await verifiedReceipt(message.envelope.messageId)).status).to.equal('accepted');
      const delivery = await energie.delivery(message.envelope.messageId);
      expect(delivery['envelope']).to.deep.equal(message.envelope);
      expect(delivery['payload']).to.deep.equal(message.payload);
    }
    const stored = await world.testHub.hub.ledger.getMessage(later.envelope.messageId);
    expect(stored?.envelope.version).to.equal(LATER);
  });

  it('refuses 2.1 for a recipient that takes only 2.0 with a signed VERSION_NOT_ACCEPTED receipt; nothing reaches it', async () => {
    const later = saldoverzoek21('webwinkel');
    const id = later.envelope.messageId;
    await gemeente.submit(later);
    const claims = await verifiedReceipt(id);
    expect(claims.status).to.equal('rejected');
    expect(claims.reasons).to.deep.equal([
      {
        code: 'VERSION_NOT_ACCEPTED',
        detail: `recipient ${devOin('webwinkel')} takes version 2.0 of the standard, not ${LATER}`,
        pointer: '/envelope/version',
      },
    ]);
    expect(await world.testHub.hub.ledger.getMessage(id)).to.equal(undefined);
    const [event] = await world.testHub.hub.ledger.listEvents(
      claims.ledgerPosition.split('#')[0] as string,
    );
    expect(event).to.deep.include({ type: 'rejected' });
    expect(event?.data).to.deep.include({ messageId: id, transport: 'amqp' });
    // A 2.0 message sent after it is the first thing on the recipient's queue.
    const old = saldoverzoek(world.testHub, 'gemeente', 'webwinkel');
    await gemeente.submit(old);
    expect((await verifiedReceipt(old.envelope.messageId)).status).to.equal('accepted');
    await webwinkel.delivery(old.envelope.messageId);
    const seen = webwinkel.received.map((m) => m.properties.messageId as unknown);
    expect(seen).not.to.include(id);
  });
});
