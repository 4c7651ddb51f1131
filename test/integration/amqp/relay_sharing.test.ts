/**
 * Several hub processes relay one outbox: two relays, each with its own broker connection, on
 * one MongoDB ledger and the real RabbitMQ. They split the outbox partitions between them, each
 * ledger entry is published once (no faults here, so no redelivery either), and when one stops
 * the other takes over its partitions.
 */
import { expect } from 'chai';
import { OUTBOX_PARTITIONS, partitionOf } from '../../../src/ledger/types.ts';
import type { Relay } from '../../../src/transports/amqp/relay.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { sleep } from '../../support/amqp_resilient.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { startOutboxWorld } from './outbox_world.ts';
import type { OutboxWorld } from './outbox_world.ts';

/** Enough recipients that every outbox partition has some. */
const RECIPIENTS = Array.from({ length: 64 }, (_, i) => `0000000399${String(i).padStart(10, '0')}`);
const to = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => RECIPIENTS[i % RECIPIENTS.length] as string);
/** Short leases and ticks for the test. */
const QUICK = { leaseMs: 6000, tickMs: 50, idleMs: 200 };

describe('AMQP relay: several hub processes share the outbox (RabbitMQ + MongoDB)', function () {
  this.timeout(120_000);
  let world: OutboxWorld;
  let first: Relay;
  let second: Relay;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    expect(new Set(RECIPIENTS.map(partitionOf)).size).to.equal(OUTBOX_PARTITIONS);
    world = await startOutboxWorld(RECIPIENTS, 'relays');
  });
  after(async () => world?.stop());

  async function until(what: string, condition: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await sleep(50);
    }
  }

  it('splits the partitions between two relays, and each message is published once', async () => {
    first = await world.startRelay(QUICK);
    await until('the first relay holds every partition', () => {
      return first.partitions.length === OUTBOX_PARTITIONS;
    });
    second = await world.startRelay(QUICK);
    // The first gives back its surplus at its next renewal; the second takes it at its own.
    await until('the two relays hold half each', () => {
      return first.partitions.length === 8 && second.partitions.length === 8;
    });
    const held = [...first.partitions, ...second.partitions];
    expect(new Set(held).size).to.equal(OUTBOX_PARTITIONS);

    const records = await world.enqueue(to(200));
    for (const relay of [first, second]) relay.kick();
    await world.expectDeliveredOnce(records);
    // Both relayed: the messages of each one's partitions went through it.
    const partitionsUsed = new Set(records.map((record) => record.partition));
    expect(first.partitions.some((p) => partitionsUsed.has(p))).to.equal(true);
    expect(second.partitions.some((p) => partitionsUsed.has(p))).to.equal(true);
  });

  it('moves a stopped relay’s partitions to the one still running', async () => {
    await first.stop();
    expect(first.partitions).to.deep.equal([]);
    // Released on stop: taken at the next renewal, not when the leases would have run out.
    await until('the running relay holds every partition', () => {
      return second.partitions.length === OUTBOX_PARTITIONS;
    });
    const records = await world.enqueue(to(100));
    second.kick();
    await world.expectDeliveredOnce(records);
  });
});
