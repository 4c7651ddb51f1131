import { MongoLedger } from '../../src/ledger/index.ts';
import { TEST_MONGODB_URL, mongoAvailable, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { attachmentContract } from './attachments.contract.ts';

let available: boolean | undefined;

attachmentContract(`MongoDB (${TEST_MONGODB_URL})`, async (context) => {
  available ??= await mongoAvailable();
  requirePrecondition(
    context,
    available,
    `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
  );
  const ledger = new MongoLedger({
    url: TEST_MONGODB_URL,
    database: uniqueDatabaseName('attachments'),
  });
  await ledger.init();
  return {
    ledger,
    async dispose() {
      await ledger.dropDatabase();
      await ledger.close();
    },
  };
});
