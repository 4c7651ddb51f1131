/**
 * The bulk loader of `npm run bench -- --growth` (bench/wire/bulk_load.ts) writes what the hub
 * would have written: `knooppunt ledger verify` passes on a ledger of 2,000 loaded messages, the
 * events are sealed, the conversations are answered, and the chosen share waits in mailboxes.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import {
  bulkLoad,
  devTemplates,
  hubReceiptSigner,
  withBulkLoading,
} from '../../../bench/wire/bulk_load.ts';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { freshEnvironment, knooppunt } from '../cli/run_cli.ts';

describe('npm run bench --growth: the bulk loader', function () {
  this.timeout(120_000);
  const { dataDir, env } = freshEnvironment();
  const ledgerFile = join(dataDir, 'ledger.sqlite');

  before(async () => {
    const init = await knooppunt({ env }, 'init');
    expect(init.code, init.err).to.equal(0);
  });

  it('loads 2,000 messages that ledger verify passes, sealed, answered, 5% waiting', async () => {
    const ledger = new SqliteLedger(ledgerFile);
    await ledger.init();
    const progress: number[] = [];
    const indexes = () => ledger.unsafeQuery("SELECT name FROM sqlite_master WHERE type = 'index'");
    const before = indexes();
    const result = await withBulkLoading(ledger, () =>
      bulkLoad({
        ledger,
        templates: devTemplates(join(dataDir, 'pki'), 8),
        messages: 2000,
        receipts: hubReceiptSigner(dataDir),
        until: new Date(),
        batch: 300,
        onProgress: (n) => progress.push(n),
      }),
    );
    expect(indexes()).to.have.deep.members(before); // dropped for the load, built again
    expect(result.messages).to.equal(2000);
    // The loader seals its own events and those `init` left (the development network's).
    expect(result.sealed).to.be.at.least(result.events);
    expect(progress.at(-1)).to.equal(2000);
    const counts = Object.fromEntries(
      ledger
        .unsafeQuery('SELECT status, COUNT(*) AS n FROM messages GROUP BY status')
        .map((row) => [row['status'], row['n']]),
    );
    expect(counts).to.deep.equal({ accepted: 50, delivered: 50, 'picked-up': 1900 });
    const [open] = ledger.unsafeQuery(
      "SELECT COUNT(*) AS n FROM messages WHERE message_type = 'saldoverzoek' AND open_answer_due_at IS NOT NULL",
    );
    expect(open?.['n']).to.equal(0);
    const [opened] = ledger.unsafeQuery('SELECT COUNT(*) AS n FROM conversations');
    expect(opened?.['n']).to.equal(1000);
    await ledger.close();

    const verify = await knooppunt({ env }, 'ledger', 'verify', '--json');
    expect(verify.code, verify.err).to.equal(0);
    const report = JSON.parse(verify.out) as {
      ok: boolean;
      sealed: number;
      messages: number;
      problems: unknown[];
    };
    expect(report.ok).to.equal(true);
    expect(report.problems).to.deep.equal([]);
    expect(report.sealed).to.equal(0); // the loader sealed everything itself
    expect(report.messages).to.equal(2000);
  });
});
