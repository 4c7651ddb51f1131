/**
 * The raw-insert baseline of `npm run bench` (bench/wire/raw_insert.ts) on MongoDB (FerretDB in
 * the tests): concurrent inserts with the ledger's write concern into a database of its own,
 * which is dropped afterwards.
 */
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { rawInsertRate } from '../../../bench/wire/raw_insert.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';

describe('npm run bench: raw inserts of the same documents (MongoDB)', function () {
  this.timeout(60_000);

  before(async function () {
    requirePrecondition(
      this,
      await mongoAvailable(),
      `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
    );
  });

  it('inserts with several in flight and drops its database after', async () => {
    const bodies = [JSON.stringify({ envelope: { module: 'm' }, payload: { lines: [1, 2, 3] } })];
    const rate = await rawInsertRate({ kind: 'mongodb', url: TEST_MONGODB_URL }, bodies, 4, 0.5);
    expect(rate).to.be.above(0);
    const client = await MongoClient.connect(TEST_MONGODB_URL);
    try {
      const { databases } = await client.db().admin().listDatabases();
      const left = databases.filter((db) =>
        db.name.startsWith(`knooppunt_bench_raw_${process.pid}_`),
      );
      expect(left).to.deep.equal([]);
    } finally {
      await client.close();
    }
  });
});
