// The entry of the SQLite ledger's thread (src/ledger/sqlite_thread.ts): the source loader
// first, then the thread's TypeScript module.
import './register_source.js';

await import('../src/ledger/sqlite_thread_worker.ts');
