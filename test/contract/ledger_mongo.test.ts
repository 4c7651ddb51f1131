import { MongoLedger } from '../../src/ledger/index.ts';
import { TEST_MONGODB_URL, mongoAvailable, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { ledgerContract } from './ledger.contract.ts';

let available: boolean | undefined;

ledgerContract(`MongoDB (${TEST_MONGODB_URL})`, async (context) => {
  available ??= await mongoAvailable();
  requirePrecondition(
    context,
    available,
    `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
  );
  const ledger = new MongoLedger({
    url: TEST_MONGODB_URL,
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
