/**
 * The ledger contract on the MongoDB ledger, on both stand-ins: FerretDB's SQLite backend (or
 * `MONGODB_URL`) and FerretDB's PostgreSQL backend, which takes concurrent writers.
 */
import { expect } from 'chai';
import { chainEvent } from '../../src/ledger/chain.ts';
import { MongoLedger, verifyChain } from '../../src/ledger/index.ts';
import { delivery } from '../../src/lifecycle/index.ts';
import { ledgerRecord, receivedEventOf } from '../support/ledger_records.ts';
import {
  TEST_MONGODB_PG_URL,
  TEST_MONGODB_URL,
  mongoAvailable,
  uniqueDatabaseName,
} from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { ledgerContract } from './ledger.contract.ts';

const availability = new Map<string, Promise<boolean>>();
const available = (url: string): Promise<boolean> => {
  if (!availability.has(url)) availability.set(url, mongoAvailable(url));
  return availability.get(url) as Promise<boolean>;
};

for (const url of [TEST_MONGODB_URL, TEST_MONGODB_PG_URL]) {
  ledgerContract(`MongoDB (${url})`, async (context) => {
    requirePrecondition(
      context,
      await available(url),
      `a MongoDB-compatible server at ${url} (run scripts/services.sh start)`,
    );
    const ledger = new MongoLedger({
      url,
      database: uniqueDatabaseName('contract'),
    });
    await ledger.init();
    const events = ledger.unsafeCollection('events');
    return {
      ledger,
      tamper: {
        async editEventData(eventId, data) {
          await events.updateOne({ _id: eventId }, { $set: { data } });
        },
        async deleteEvent(eventId) {
          await events.deleteOne({ _id: eventId });
        },
        async editMessage(messageId, fields) {
          await ledger.unsafeCollection('messages').updateOne({ _id: messageId }, { $set: fields });
        },
        async editParticipant(oin, fields) {
          await ledger.unsafeCollection('participants').updateOne({ _id: oin }, { $set: fields });
        },
        async deleteParticipant(oin) {
          await ledger.unsafeCollection('participants').deleteOne({ _id: oin });
        },
        async swapEvents(first, second) {
          const a = await events.findOne({ _id: first });
          const b = await events.findOne({ _id: second });
          if (a === null || b === null) throw new Error('events to swap not found');
          const { _id: _a, ...restA } = a;
          const { _id: _b, ...restB } = b;
          // Each event keeps its content but claims the other's position (seq and id).
          await events.deleteMany({ _id: { $in: [first, second] } });
          await events.insertOne({ ...restA, _id: second, eventId: second, seq: b['seq'] });
          await events.insertOne({ ...restB, _id: first, eventId: first, seq: a['seq'] });
        },
      },
      async dispose() {
        await ledger.dropDatabase();
        await ledger.close();
      },
    };
  });

  describe(`MongoDB ledger (${url}): a document left behind by a crash is repaired at the chained time`, function () {
    this.timeout(30_000);
    let ledger: MongoLedger;
    before(async function () {
      requirePrecondition(this, await available(url), `a MongoDB-compatible server at ${url}`);
      ledger = new MongoLedger({ url, database: uniqueDatabaseName('repair') });
      await ledger.init();
    });
    after(async () => {
      await ledger?.dropDatabase();
      await ledger?.close();
    });

    it('sets deliveredAt from the delivered event already chained, not from the retry', async () => {
      const record = ledgerRecord();
      await ledger.insertMessage(record, receivedEventOf(record));
      const events = ledger.unsafeCollection('events');
      const head = await events.findOne({ _id: `${record.messageId}#0` });
      // The first writer chained its delivery, then died before setting the document.
      const firstAt = new Date(Date.parse(record.receivedAt) + 1_000);
      const chained = chainEvent(
        delivery(record.messageId, firstAt, 'amqp').event,
        1,
        head?.['hash'] as string,
      );
      await events.insertOne({ ...chained, _id: chained.eventId, batch: null });
      // A minute later another process delivers it again.
      const retry = delivery(record.messageId, new Date(firstAt.getTime() + 60_000), 'amqp');
      expect(await ledger.updateMessage(record.messageId, retry)).to.equal(false);
      const repaired = await ledger.getMessage(record.messageId);
      expect(repaired).to.include({ status: 'delivered', deliveredAt: firstAt.toISOString() });
      const report = await verifyChain(ledger);
      expect(report.problems).to.deep.equal([]);
      expect(report.messagesBehind).to.equal(0);
    });
  });
}
