/**
 * The attachment contract on the MongoDB ledger, on both stand-ins: FerretDB's SQLite backend
 * (or `MONGODB_URL`) and FerretDB's PostgreSQL backend.
 */
import { MongoLedger } from '../../src/ledger/index.ts';
import {
  TEST_MONGODB_PG_URL,
  TEST_MONGODB_URL,
  mongoAvailable,
  uniqueDatabaseName,
} from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { attachmentContract } from './attachments.contract.ts';

for (const url of [TEST_MONGODB_URL, TEST_MONGODB_PG_URL]) {
  let available: boolean | undefined;
  attachmentContract(`MongoDB (${url})`, async (context) => {
    available ??= await mongoAvailable(url);
    requirePrecondition(
      context,
      available,
      `a MongoDB-compatible server at ${url} (run scripts/services.sh start)`,
    );
    const ledger = new MongoLedger({ url, database: uniqueDatabaseName('attachments') });
    await ledger.init();
    return {
      ledger,
      async dispose() {
        await ledger.dropDatabase();
        await ledger.close();
      },
    };
  });
}
