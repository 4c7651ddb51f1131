/**
 * The embedded ledger when SQLite cannot grow (SQLITE_FULL; here by `max_page_count`, which
 * fails the same way as a full disk, test/faults/sqlite_disk_full.test.ts has the disk). A
 * write that fails for want of space may roll back the whole group-commit transaction
 * (https://sqlite.org/lang_transaction.html): before this was handled, the writes queued after
 * it then ran outside any transaction and were stored although every write of the batch was
 * answered with an error ("cannot commit - no transaction is active").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LedgerError } from '@knooppunt/standard';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { verifyChain } from '../../src/ledger/verify_chain.ts';
import type { NewLedgerEvent } from '../../src/ledger/types.ts';
import { ledgerRecord, RECEIVED_AT, receivedEventOf } from '../support/ledger_records.ts';

const note = (subject: string): NewLedgerEvent => ({
  subject,
  type: 'chain-verified',
  at: RECEIVED_AT,
  data: {},
});

describe('SQLite ledger: full', () => {
  let folder: string;
  let ledger: SqliteLedger;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'knooppunt-sqlite-full-'));
    ledger = new SqliteLedger(join(folder, 'ledger.sqlite'));
    await ledger.init();
    const first = ledgerRecord();
    await ledger.insertMessage(first, receivedEventOf(first));
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The file may not grow by a page from now on. */
  const freeze = (): void => {
    const [{ page_count: pages }] = ledger.unsafeQuery('PRAGMA page_count') as [
      { page_count: number },
    ];
    ledger.unsafeQuery(`PRAGMA max_page_count = ${pages}`);
  };

  it('refuses the whole batch with LEDGER_FULL and stores none of it', async () => {
    freeze();
    const big = ledgerRecord({ payload: { bijlage: 'x'.repeat(64 * 1024) } });
    // One turn of the event loop: one group-commit transaction.
    const outcomes = await Promise.allSettled([
      ledger.appendEvent(note('before')),
      ledger.insertMessage(big, receivedEventOf(big)),
      ledger.appendEvent(note('after')),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status).to.equal('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as LedgerError;
      expect(reason).to.be.instanceOf(LedgerError);
      expect(reason.code).to.equal('LEDGER_FULL');
    }
    expect(await ledger.listEvents('before')).to.deep.equal([]);
    expect(await ledger.listEvents('after')).to.deep.equal([]);
    expect(await ledger.getMessage(big.messageId)).to.equal(undefined);
  });

  it('takes writes again once it may grow, and verifies', async () => {
    freeze();
    const big = ledgerRecord({ payload: { bijlage: 'x'.repeat(64 * 1024) } });
    const refused = await ledger.insertMessage(big, receivedEventOf(big)).catch((e: unknown) => e);
    expect((refused as LedgerError).code).to.equal('LEDGER_FULL');
    ledger.unsafeQuery('PRAGMA max_page_count = 1073741823');
    const record = ledgerRecord();
    expect((await ledger.insertMessage(record, receivedEventOf(record))).inserted).to.equal(true);
    const report = await verifyChain(ledger);
    expect(report.problems).to.deep.equal([]);
  });
});
