/**
 * Several hub processes relay one outbox: two relays, each with its own broker connection, on
 * one MongoDB ledger and the real RabbitMQ. They split the outbox partitions between them, each
 * ledger entry is published once (no faults here, so no redelivery either), and when one stops
 * the other takes over its partitions.
 */
import amqp from 'amqplib';
import { expect } from 'chai';
import { participantQueue, systemClock } from '@knooppunt/standard';
import { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import { OUTBOX_PARTITIONS, partitionOf } from '../../../src/ledger/types.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import { silentLogger } from '../../../src/ops/logger.ts';
import { AmqpConnection } from '../../../src/transports/amqp/connection.ts';
import { Relay } from '../../../src/transports/amqp/relay.ts';
import { declareParticipantQueue, declareTopology } from '../../../src/transports/amqp/topology.ts';
import { createTestVhost, rabbitAvailable } from '../../support/amqp.ts';
import type { TestVhost } from '../../support/amqp.ts';
import { sleep } from '../../support/amqp_resilient.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../../support/mongo.ts';
import { ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';
import { requirePrecondition } from '../../support/preconditions.ts';

/** Enough recipients that every outbox partition has some. */
const RECIPIENTS = Array.from({ length: 64 }, (_, i) => `0000000399${String(i).padStart(10, '0')}`);

function outboxMessage(recipient: string): MessageRecord {
  return ledgerRecord({
    recipient,
    route: 'amqp',
    partition: partitionOf(recipient),
    receivedAt: new Date().toISOString(),
    expiresAt: '2099-01-01T00:00:00.000Z',
  });
}

describe('AMQP relay: several hub processes share the outbox (RabbitMQ + MongoDB)', function () {
  this.timeout(120_000);
  let vhost: TestVhost;
  let ledger: MongoLedger;
  let consumer: amqp.ChannelModel;
  const connections: AmqpConnection[] = [];
  const relays: Relay[] = [];
  /** Arrivals per message id. */
  const arrived = new Map<string, number>();

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    expect(new Set(RECIPIENTS.map(partitionOf)).size).to.equal(OUTBOX_PARTITIONS);
    vhost = await createTestVhost();
    ledger = new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName('relays') });
    await ledger.init();
    consumer = await amqp.connect(vhost.url);
    const channel = await consumer.createChannel();
    await declareTopology(channel);
    for (const recipient of RECIPIENTS) {
      await declareParticipantQueue(channel, recipient);
      await channel.consume(participantQueue(recipient), (message) => {
        if (message === null) return;
        const id = String(message.properties.messageId);
        arrived.set(id, (arrived.get(id) ?? 0) + 1);
        channel.ack(message);
      });
    }
  });

  after(async () => {
    await Promise.allSettled(relays.map((relay) => relay.stop()));
    await Promise.allSettled(connections.map((connection) => connection.stop()));
    await consumer?.close().catch(() => undefined);
    await ledger?.dropDatabase().catch(() => undefined);
    await ledger?.close();
    await vhost?.remove().catch(() => undefined);
  });

  /** A relay as one hub process runs it: its own connection, short leases for the test. */
  async function startRelay(): Promise<Relay> {
    const connection = new AmqpConnection({ url: vhost.url, logger: silentLogger() });
    connections.push(connection);
    await connection.start();
    const relay = new Relay({
      connection,
      ledger,
      clock: systemClock,
      logger: silentLogger(),
      ensureQueue: async () => undefined,
      leaseMs: 6000,
      tickMs: 50,
      idleMs: 200,
    });
    relays.push(relay);
    relay.start();
    return relay;
  }

  async function until(what: string, condition: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await sleep(50);
    }
  }

  async function enqueue(count: number): Promise<MessageRecord[]> {
    const records = Array.from({ length: count }, (_, i) =>
      outboxMessage(RECIPIENTS[i % RECIPIENTS.length] as string),
    );
    for (const record of records) {
      await ledger.insertMessage(record, receivedEventOf(record));
    }
    return records;
  }

  async function expectDeliveredOnce(records: readonly MessageRecord[]): Promise<void> {
    await until('every message arrived', () => records.every((r) => arrived.has(r.messageId)));
    for (const record of records) {
      expect(arrived.get(record.messageId), record.messageId).to.equal(1);
      // The ledger records the delivery once, after the confirm (which may trail arrival).
      for (let i = 0; (await ledger.getMessage(record.messageId))?.status !== 'delivered'; i++) {
        if (i > 100) throw new Error(`${record.messageId} not recorded as delivered`);
        await sleep(50);
      }
      const events = await ledger.listEvents(record.messageId);
      expect(events.map((event) => event.type)).to.deep.equal(['received', 'delivered']);
    }
  }

  it('splits the partitions between two relays, and each message is published once', async () => {
    const first = await startRelay();
    await until('the first relay holds every partition', () => {
      return first.partitions.length === OUTBOX_PARTITIONS;
    });
    const second = await startRelay();
    // The first gives back its surplus at its next renewal; the second takes it at its own.
    await until('the two relays hold half each', () => {
      return first.partitions.length === 8 && second.partitions.length === 8;
    });
    const held = [...first.partitions, ...second.partitions];
    expect(new Set(held).size).to.equal(OUTBOX_PARTITIONS);

    const records = await enqueue(200);
    for (const relay of [first, second]) relay.kick();
    await expectDeliveredOnce(records);
    // Both relayed: the messages of each one's partitions went through it.
    const partitionsUsed = new Set(records.map((record) => record.partition));
    expect(first.partitions.some((p) => partitionsUsed.has(p))).to.equal(true);
    expect(second.partitions.some((p) => partitionsUsed.has(p))).to.equal(true);
  });

  it('moves a stopped relay’s partitions to the one still running', async () => {
    const [first, second] = relays as [Relay, Relay];
    await first.stop();
    expect(first.partitions).to.deep.equal([]);
    // Released on stop: taken at the next renewal, not when the leases would have run out.
    await until('the running relay holds every partition', () => {
      return second.partitions.length === OUTBOX_PARTITIONS;
    });
    const records = await enqueue(100);
    second.kick();
    await expectDeliveredOnce(records);
  });
});
