/**
 * The relay's pipelined rounds (src/transports/amqp/relay.ts), on an outbox in memory and a
 * broker that confirms at once: while its first batch waits for the ledger to record the
 * deliveries, the next outbox read still finds a batch of new work. The oldest entries of the
 * outbox are then the relay's own flights; a read of only `batch` rows found nothing else, and
 * a round under load delivered one batch where its window held two (the AMQP delivery latency
 * measured in docs/performance.md). The real broker and ledgers are in the integration tests
 * (test/integration/amqp/relay_*.test.ts); this is the relay's own arithmetic.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { systemClock } from '@knooppunt/standard';
import type { LeaseHolder, LeaseStore, MessageStore } from '../../../../src/ledger/port.ts';
import type { MessageRecord } from '../../../../src/ledger/types.ts';
import { silentLogger } from '../../../../src/ops/logger.ts';
import type { AmqpConnection } from '../../../../src/transports/amqp/connection.ts';
import { Relay } from '../../../../src/transports/amqp/relay.ts';
import { ENERGIE, ledgerRecord } from '../../../support/ledger_records.ts';

/** An outbox whose delivery updates wait until `release()`. */
function heldOutbox(records: readonly MessageRecord[]) {
  const status = new Map(records.map((record) => [record.messageId, 'accepted']));
  const leases = new Map<string, LeaseHolder>();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const ledger = {
    async tryLease(name: string, owner: string, _now: string, until: string) {
      leases.set(name, { name, owner, until });
      return true;
    },
    async liveLeases(prefix: string) {
      return [...leases.values()].filter((lease) => lease.name.startsWith(prefix));
    },
    async findUndelivered(_route: 'amqp', _partitions: readonly number[], limit: number) {
      return records
        .filter((record) => status.get(record.messageId) === 'accepted')
        .slice(0, limit);
    },
    async updateMessage(messageId: string) {
      await released;
      status.set(messageId, 'delivered');
      return true;
    },
  } as unknown as MessageStore & LeaseStore;
  return { ledger, release, status };
}

describe('AMQP relay: a pipelined round reads past its own deliveries in flight', () => {
  it('fills its window with new work while the ledger has not yet recorded the first batch', async () => {
    const records = Array.from({ length: 20 }, () =>
      ledgerRecord({ recipient: ENERGIE, route: 'amqp' }),
    );
    const outbox = heldOutbox(records);
    const published: string[] = [];
    const connection = {
      connected: true,
      async publish(
        _exchange: string,
        _key: string,
        _body: Buffer,
        properties: { messageId?: string },
      ) {
        published.push(String(properties.messageId));
      },
    } as unknown as AmqpConnection;
    const relay = new Relay({
      connection,
      ledger: outbox.ledger,
      clock: systemClock,
      logger: silentLogger(),
      ensureQueue: async () => undefined,
      batch: 5,
      window: 10,
    });
    relay.start();
    try {
      for (let n = 0; published.length < 10 && n < 100; n += 1) await sleep(10);
      await sleep(50);
      // The window's two batches, distinct and oldest first: the second read skipped the first
      // batch's flights instead of finding only them.
      expect(published).to.deep.equal(records.slice(0, 10).map((record) => record.messageId));
      outbox.release();
      for (let n = 0; published.length < 20 && n < 200; n += 1) await sleep(10);
      expect(published).to.deep.equal(records.map((record) => record.messageId));
      await relay.stop();
      expect([...outbox.status.values()].every((status) => status === 'delivered')).to.equal(true);
    } finally {
      outbox.release();
      await relay.stop();
    }
  });
});
