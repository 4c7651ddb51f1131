// The entry of the SQLite ledger's checkpoint thread (src/ledger/sqlite_thread.ts): the source
// loader first, then the thread's TypeScript module.
import './register_source.js';

await import('../src/ledger/sqlite_checkpoint_worker.ts');
