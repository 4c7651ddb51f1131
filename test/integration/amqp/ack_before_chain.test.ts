/**
 * An acknowledgement that arrives before its message's chain has begun (RabbitMQ + MongoDB).
 * The MongoDB ledger has no transactions: a writer stores the message, then its `received`
 * event, and a ledger outage can hold it between the two for as long as the outage lasts. The
 * relay may deliver the message meanwhile, and its recipient acknowledges it once. The fault
 * suite (test/faults/mongo_outage.test.ts) lost such pickups: the ledger refused them (nothing
 * may be chained before `received`) and the hub dropped the acknowledgement. Now it is held
 * until the chain is there, and then recorded; over REST the acknowledgement answers 503.
 */
import { expect } from 'chai';
import type { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

describe('AMQP transport: an ack of a message whose received event is not chained yet (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let energie: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    await world.preferAmqp('energie');
    energie = await world.connect('energie');
  });
  after(async () => world?.stop());

  /** A message stored as a writer leaves it between its two writes: the document, no event. */
  async function storedWithoutChain(route: 'amqp' | 'rest') {
    const record = ledgerRecord({
      sender: devOin('gemeente'),
      recipient: devOin('energie'),
      route,
      receivedAt: new Date().toISOString(),
    });
    const ledger = world.testHub.hub.ledger as unknown as MongoLedger;
    await ledger.unsafeCollection('messages').insertOne({ ...record, _id: record.messageId });
    return record;
  }

  it('holds the ack while the chain has not begun, and records the pickup once it has', async () => {
    const record = await storedWithoutChain('amqp');
    const id = record.messageId;
    await energie.delivery(id, 15_000); // the relay took it from the outbox
    await energie.publish('ack', { messageId: id });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { ledger } = world.testHub.hub;
    expect(await ledger.listEvents(id), 'nothing chained before received').to.deep.equal([]);
    // The writer finishes (the outage is over).
    await ledger.appendEvent(receivedEventOf(record));
    await world.waitForStatus(id, 'picked-up');
    const types = (await ledger.listEvents(id)).map((event) => event.type);
    expect(types[0]).to.equal('received');
    expect(types).to.include('picked-up');
    // Nothing refused: the ack was held, not answered with a rejection.
    expect(energie.received.filter((m) => m.properties.type === 'receipt')).to.deep.equal([]);
  });

  it('answers a REST acknowledgement 503 LEDGER_UNAVAILABLE with Retry-After meanwhile', async () => {
    const record = await storedWithoutChain('rest');
    const client = world.testHub.client('energie');
    const refused = await client.ack(record.messageId);
    expect(refused.status).to.equal(503);
    expect(refused.headers.get('retry-after')).to.match(/^[1-9]\d*$/);
    const inBatch = await client.ackAll([record.messageId]);
    expect(inBatch.status).to.equal(200);
    expect(inBatch.body.items[0]).to.have.nested.property('problem.code', 'LEDGER_UNAVAILABLE');
    expect(inBatch.body.items[0]).to.have.nested.property('problem.status', 503);
    await world.testHub.hub.ledger.appendEvent(receivedEventOf(record));
    const again = await client.ack(record.messageId);
    expect(again.status).to.equal(200);
    expect(await world.testHub.hub.ledger.getMessage(record.messageId)).to.include({
      status: 'picked-up',
    });
  });
});
