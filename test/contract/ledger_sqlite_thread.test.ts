/**
 * The ledger and attachment contracts against the SQLite ledger in its own thread (what the hub
 * runs): the same suites as ledger_sqlite.test.ts and attachments_sqlite.test.ts, every call
 * crossing to the thread and back. The tamper tests edit the file through a second connection.
 */
import { attachmentContract } from './attachments.contract.ts';
import { ledgerContract } from './ledger.contract.ts';
import { sqliteUnderTest } from './sqlite_under_test.ts';

ledgerContract('SQLite in its own thread', () => sqliteUnderTest({ thread: true }));
attachmentContract('SQLite in its own thread', () => sqliteUnderTest({ thread: true }));
