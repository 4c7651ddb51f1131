/**
 * A backlog of 2,000 messages for one AMQP recipient on the MongoDB ledger (FerretDB here):
 * the relay delivers each exactly once. Rounds are made short, so that many of them end with
 * work left and the next one starts: one round at a time, and no round republishes what
 * another is delivering or has just delivered. (A round that timed out used to run on beside
 * the next, and a message was published about twice, up to four times.) Real RabbitMQ.
 */
import amqp from 'amqplib';
import { expect } from 'chai';
import { participantQueue, systemClock } from '@knooppunt/standard';
import { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import { partitionOf } from '../../../src/ledger/types.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import { createLogger } from '../../../src/ops/logger.ts';
import { AmqpConnection } from '../../../src/transports/amqp/connection.ts';
import { Relay } from '../../../src/transports/amqp/relay.ts';
import { declareParticipantQueue, declareTopology } from '../../../src/transports/amqp/topology.ts';
import { createTestVhost, rabbitAvailable } from '../../support/amqp.ts';
import type { TestVhost } from '../../support/amqp.ts';
import { sleep } from '../../support/amqp_resilient.ts';
import { ENERGIE, ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';

const BACKLOG = Number(process.env['KNOOPPUNT_RELAY_BACKLOG'] ?? 2000);

describe(`AMQP relay: a backlog of ${BACKLOG} messages for one recipient, each delivered once (RabbitMQ + MongoDB)`, function () {
  this.timeout(600_000);
  let vhost: TestVhost;
  let ledger: MongoLedger;
  let consumer: amqp.ChannelModel;
  let connection: AmqpConnection;
  let relay: Relay;
  /** Arrivals per message id. */
  const arrived = new Map<string, number>();
  /** What the relay logged at warn level or above: a failing round. */
  const failures: string[] = [];

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    vhost = await createTestVhost();
    ledger = new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName('backlog') });
    await ledger.init();
    consumer = await amqp.connect(vhost.url);
    const channel = await consumer.createChannel();
    await declareTopology(channel);
    await declareParticipantQueue(channel, ENERGIE);
    await channel.consume(participantQueue(ENERGIE), (message) => {
      if (message === null) return;
      const id = String(message.properties.messageId);
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
      channel.ack(message);
    });
  });

  after(async () => {
    await relay?.stop();
    await connection?.stop();
    await consumer?.close().catch(() => undefined);
    await ledger?.dropDatabase().catch(() => undefined);
    await ledger?.close();
    await vhost?.remove().catch(() => undefined);
  });

  it('publishes each message once and records each delivery once, with no failing round', async () => {
    const receivedAt = new Date().toISOString();
    const records: MessageRecord[] = Array.from({ length: BACKLOG }, () =>
      ledgerRecord({
        route: 'amqp',
        partition: partitionOf(ENERGIE),
        receivedAt,
        expiresAt: '2099-01-01T00:00:00.000Z',
      }),
    );
    for (const record of records) await ledger.insertMessage(record, receivedEventOf(record));

    // Every line the relay logs at warn or above is a failing round or connection.
    const logger = createLogger('warn', { write: (line: string) => void failures.push(line) });
    connection = new AmqpConnection({ url: vhost.url, logger });
    await connection.start();
    relay = new Relay({
      connection,
      ledger,
      clock: systemClock,
      logger,
      ensureQueue: async () => undefined,
      // Rounds of a fraction of a second: with this backlog, nearly every round ends with work
      // left for the next.
      roundMs: 300,
      tickMs: 10,
    });
    relay.start();

    const started = Date.now();
    while (arrived.size < BACKLOG) {
      if (Date.now() - started > 480_000) break;
      await sleep(200);
      relay.kick(); // as the pipeline does for each accepted message: kicks during a round
    }
    expect(arrived.size, 'messages that arrived').to.equal(BACKLOG);
    const copies = [...arrived.values()].filter((count) => count > 1);
    expect(copies, 'messages published more than once').to.deep.equal([]);
    for (const record of records) {
      for (let i = 0; (await ledger.getMessage(record.messageId))?.status !== 'delivered'; i++) {
        if (i > 200) throw new Error(`${record.messageId} not recorded as delivered`);
        await sleep(50);
      }
    }
    const sample = records.filter((_, i) => i % 100 === 0);
    for (const record of sample) {
      const events = await ledger.listEvents(record.messageId);
      expect(events.map((event) => event.type)).to.deep.equal(['received', 'delivered']);
    }
    expect(failures, 'relay warnings').to.deep.equal([]);
    console.log(`      ${BACKLOG} deliveries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
