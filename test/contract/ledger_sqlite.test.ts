import { ledgerContract } from './ledger.contract.ts';
import { sqliteUnderTest } from './sqlite_under_test.ts';

ledgerContract('SQLite', () => sqliteUnderTest({ thread: false }));
