/**
 * An outbox on the MongoDB ledger and the real RabbitMQ, for tests of the relay on its own: a
 * throw-away vhost with the hub's topology, a ledger database of its own, a consumer that
 * counts every arrival per message id on the recipients' queues, relays started on their own
 * connections, and outbox entries stored as the pipeline stores them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import amqp from 'amqplib';
import { expect } from 'chai';
import { participantQueue, systemClock } from '@knooppunt/standard';
import { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import type { Logger } from '../../../src/ops/logger.ts';
import { silentLogger } from '../../../src/ops/logger.ts';
import { AmqpConnection } from '../../../src/transports/amqp/connection.ts';
import { Relay } from '../../../src/transports/amqp/relay.ts';
import type { RelayDeps } from '../../../src/transports/amqp/relay.ts';
import { declareParticipantQueue, declareTopology } from '../../../src/transports/amqp/topology.ts';
import { createTestVhost } from '../../support/amqp.ts';
import type { TestVhost } from '../../support/amqp.ts';
import { ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';
import { TEST_MONGODB_URL, uniqueDatabaseName } from '../../support/mongo.ts';

/** The outbox, its broker and its relays. */
export interface OutboxWorld {
  readonly vhost: TestVhost;
  readonly ledger: MongoLedger;
  /** Arrivals per message id, on every recipient's queue. */
  readonly arrived: Map<string, number>;
  /** Stores an entry for each recipient, in order, routed over AMQP. */
  enqueue(recipients: readonly string[]): Promise<MessageRecord[]>;
  /** A relay as one hub process runs it, on its own connection. */
  startRelay(options?: Partial<RelayDeps> & { logger?: Logger }): Promise<Relay>;
  /**
   * Waits until every record arrived, then checks each arrived once and is recorded as
   * delivered, and (of a large batch, twenty of them) that the chain holds one delivery.
   */
  expectDeliveredOnce(records: readonly MessageRecord[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Sets up the outbox for `recipients` (their queues declared and consumed). */
export async function startOutboxWorld(
  recipients: readonly string[],
  name: string,
): Promise<OutboxWorld> {
  const vhost = await createTestVhost();
  const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName(name) });
  await ledger.init();
  const consumer = await amqp.connect(vhost.url);
  const channel = await consumer.createChannel();
  await declareTopology(channel);
  const arrived = new Map<string, number>();
  for (const recipient of new Set(recipients)) {
    await declareParticipantQueue(channel, recipient);
    await channel.consume(participantQueue(recipient), (message) => {
      if (message === null) return;
      const id = String(message.properties.messageId);
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
      channel.ack(message);
    });
  }
  const connections: AmqpConnection[] = [];
  const relays: Relay[] = [];
  return {
    vhost,
    ledger,
    arrived,
    async enqueue(to) {
      const receivedAt = new Date().toISOString();
      const records = to.map((recipient) =>
        ledgerRecord({
          recipient,
          route: 'amqp',
          receivedAt,
          expiresAt: '2099-01-01T00:00:00.000Z',
        }),
      );
      for (const record of records) await ledger.insertMessage(record, receivedEventOf(record));
      return records;
    },
    async startRelay(options = {}) {
      const logger = options.logger ?? silentLogger();
      const connection = new AmqpConnection({ url: vhost.url, logger });
      connections.push(connection);
      await connection.start();
      const relay = new Relay({
        connection,
        ledger,
        clock: systemClock,
        logger,
        ensureQueue: async () => undefined,
        ...options,
      });
      relays.push(relay);
      relay.start();
      return relay;
    },
    async expectDeliveredOnce(records, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!records.every((record) => arrived.has(record.messageId))) {
        if (Date.now() > deadline) {
          const missing = records.filter((record) => !arrived.has(record.messageId)).length;
          throw new Error(`${missing} of ${records.length} messages did not arrive`);
        }
        await sleep(50);
      }
      const copies = records.filter((record) => (arrived.get(record.messageId) ?? 0) > 1);
      expect(
        copies.map((record) => record.messageId),
        'published more than once',
      ).to.deep.equal([]);
      // Listing a subject's events scans the collection on FerretDB: of a large batch, a
      // sample of twenty has its chain checked.
      const step = Math.max(1, Math.floor(records.length / 20));
      for (const [i, record] of records.entries()) {
        // The ledger records the delivery once, after the confirm (which may trail arrival).
        for (let n = 0; (await ledger.getMessage(record.messageId))?.status !== 'delivered'; n++) {
          if (n > 200) throw new Error(`${record.messageId} not recorded as delivered`);
          await sleep(50);
        }
        if (i % step !== 0) continue;
        const events = await ledger.listEvents(record.messageId);
        expect(events.map((event) => event.type)).to.deep.equal(['received', 'delivered']);
      }
    },
    async stop() {
      await Promise.allSettled(relays.map((relay) => relay.stop()));
      await Promise.allSettled(connections.map((connection) => connection.stop()));
      await consumer.close().catch(() => undefined);
      await ledger.dropDatabase().catch(() => undefined);
      await ledger.close();
      await vhost.remove().catch(() => undefined);
    },
  };
}
