import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '../../src/ledger/index.ts';
import { ledgerContract } from './ledger.contract.ts';
import { sqliteTamperer } from './sqlite_tamper.ts';

ledgerContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-ledger-'));
  const ledger = new SqliteLedger(join(dir, 'ledger.sqlite'));
  await ledger.init();
  return {
    ledger,
    tamper: sqliteTamperer(ledger),
    async dispose() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
