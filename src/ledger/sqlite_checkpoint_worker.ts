/**
 * The SQLite ledger's checkpoints, in a thread of their own (started by the writer,
 * sqlite_ledger.ts `checkpoints`, through bin/sqlite_checkpoint.js): its own connection copies the write-ahead log into the file
 * (`wal_checkpoint(PASSIVE)`: whatever is committed, without waiting for or blocking the
 * writer), so the writer's commits no longer stop for it. Left to the writer, every thousandth
 * page of log made one of its commits copy the thousand pages and fsync the file: 3–13 ms in
 * which no write was answered, every 100 or so messages under load (docs/performance.md).
 *
 * While the log changes it passes every CHECKPOINT_BUSY_MS, else every CHECKPOINT_IDLE_MS.
 * The writer restarts the log from its beginning once a pass has copied all of it, so it stays
 * at a few MiB; should this thread fall behind or end, the writer checkpoints itself again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** How soon the next pass comes while the log is changing, in ms. */
const CHECKPOINT_BUSY_MS = 10;
/** How soon the next pass comes on a quiet ledger, in ms: a wake-up costs microseconds. */
const CHECKPOINT_IDLE_MS = 250;

const port = parentPort;
if (port === null) throw new Error('sqlite_checkpoint_worker.ts runs only as a worker thread');

const { path } = workerData as { path: string };
const db = new Database(path, { fileMustExist: true });

/** A row of `PRAGMA wal_checkpoint`: pages in the log, and of them copied into the file. */
interface CheckpointRow {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

let timer: NodeJS.Timeout | undefined;
let lastLog = -1;

function pass(): void {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
  const changing = row === undefined || row.log !== lastLog || row.checkpointed < row.log;
  lastLog = row?.log ?? -1;
  timer = setTimeout(pass, changing ? CHECKPOINT_BUSY_MS : CHECKPOINT_IDLE_MS);
}

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close(); // before the writer's close, so that the writer, last, can remove the log
  port.close();
});
pass();
