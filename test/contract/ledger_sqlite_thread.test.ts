/**
 * The ledger contract against the SQLite ledger in its own thread (what the hub runs): the
 * same suite as ledger_sqlite.test.ts, every call crossing to the thread and back. The tamper
 * tests edit the file through a second connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '../../src/ledger/index.ts';
import { openSqliteLedgerThread } from '../../src/ledger/sqlite_thread.ts';
import { attachmentContract } from './attachments.contract.ts';
import { ledgerContract } from './ledger.contract.ts';
import { sqliteTamperer } from './sqlite_tamper.ts';

ledgerContract('SQLite in its own thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-ledger-thread-'));
  const path = join(dir, 'ledger.sqlite');
  const ledger = openSqliteLedgerThread(path);
  await ledger.init();
  const side = new SqliteLedger(path);
  return {
    ledger,
    tamper: sqliteTamperer(side),
    async dispose() {
      await ledger.close();
      await side.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

attachmentContract('SQLite in its own thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-attachments-thread-'));
  const ledger = openSqliteLedgerThread(join(dir, 'ledger.sqlite'));
  await ledger.init();
  return {
    ledger,
    async dispose() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
