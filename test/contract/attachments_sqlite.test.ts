import { attachmentContract } from './attachments.contract.ts';
import { sqliteUnderTest } from './sqlite_under_test.ts';

attachmentContract('SQLite', () => sqliteUnderTest({ thread: false }));
