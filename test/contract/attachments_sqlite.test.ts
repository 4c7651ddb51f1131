import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '../../src/ledger/index.ts';
import { attachmentContract } from './attachments.contract.ts';

attachmentContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-attachments-'));
  const ledger = new SqliteLedger(join(dir, 'ledger.sqlite'));
  await ledger.init();
  return {
    ledger,
    async dispose() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
