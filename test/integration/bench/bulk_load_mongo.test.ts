/**
 * The bulk loader of `npm run bench -- --growth` (bench/wire/bulk_load.ts) on the MongoDB ledger
 * (FerretDB in the tests): through the same port it leaves a ledger whose chains, seals and
 * message documents verify, with the chosen share waiting in mailboxes.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import { bulkLoad, devTemplates, hubReceiptSigner } from '../../../bench/wire/bulk_load.ts';
import { MongoLedger } from '../../../src/ledger/mongo_ledger.ts';
import { verifyChain } from '../../../src/ledger/verify_chain.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { freshEnvironment, knooppunt } from '../../unit/cli/run_cli.ts';

describe('npm run bench --growth: the bulk loader on the MongoDB ledger', function () {
  this.timeout(120_000);
  const { dataDir, env } = freshEnvironment();
  let ledger: MongoLedger;

  before(async function () {
    requirePrecondition(
      this,
      await mongoAvailable(),
      `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
    );
    const init = await knooppunt({ env }, 'init'); // the development PKI: templates and hub key
    expect(init.code, init.err).to.equal(0);
    ledger = new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName('bulk_load') });
    await ledger.init();
  });

  after(async () => {
    await ledger?.dropDatabase();
    await ledger?.close();
  });

  it('loads 200 messages whose chains, seals and documents verify, 10% waiting', async () => {
    const result = await bulkLoad({
      ledger,
      templates: devTemplates(join(dataDir, 'pki'), 4),
      messages: 200,
      receipts: hubReceiptSigner(dataDir),
      until: new Date(),
      waitingShare: 0.1,
      batch: 50,
    });
    expect(result.messages).to.equal(200);
    expect(result.sealed).to.equal(result.events);
    const report = await verifyChain(ledger, { now: new Date().toISOString() });
    expect(report.problems).to.deep.equal([]);
    expect(report).to.include({ ok: true, messages: 200, unsealed: 0, messagesBehind: 0 });
    const waiting = await ledger.waitingByRecipient();
    expect(waiting.reduce((sum, backlog) => sum + backlog.count, 0)).to.equal(20);
  });
});
