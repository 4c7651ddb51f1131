/**
 * A backlog of 2,000 messages for one AMQP recipient on the MongoDB ledger (FerretDB here):
 * the relay delivers each exactly once. Rounds are made short, so that many of them end with
 * work left and the next one starts: one round at a time, and no round republishes what
 * another is delivering or has just delivered. (A round that timed out used to run on beside
 * the next, and a message was published about twice, up to four times.) Real RabbitMQ.
 */
import { expect } from 'chai';
import { createLogger } from '../../../src/ops/logger.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { ENERGIE } from '../../support/ledger_records.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { startOutboxWorld } from './outbox_world.ts';
import type { OutboxWorld } from './outbox_world.ts';

const BACKLOG = Number(process.env['KNOOPPUNT_RELAY_BACKLOG'] ?? 2000);

describe(`AMQP relay: a backlog of ${BACKLOG} messages for one recipient, each delivered once (RabbitMQ + MongoDB)`, function () {
  this.timeout(600_000);
  let world: OutboxWorld;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startOutboxWorld([ENERGIE], 'backlog');
  });
  after(async () => world?.stop());

  it('publishes each message once and records each delivery once, with no failing round', async () => {
    const records = await world.enqueue(Array.from({ length: BACKLOG }, () => ENERGIE));
    // Every line the relay logs at warn or above is a failing round or connection.
    const failures: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void failures.push(line) });
    // Rounds of a fraction of a second: with this backlog, nearly every round ends with work
    // left for the next.
    const relay = await world.startRelay({ logger, roundMs: 300, tickMs: 10 });
    const started = Date.now();
    const kicking = setInterval(() => relay.kick(), 200); // as the pipeline does on acceptance
    try {
      await world.expectDeliveredOnce(records, 480_000);
    } finally {
      clearInterval(kicking);
    }
    expect(failures, 'relay warnings').to.deep.equal([]);
    console.log(`      ${BACKLOG} deliveries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
