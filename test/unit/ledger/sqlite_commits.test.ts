/**
 * The counters the SQLite ledger's writer and its readers in the hub's thread share
 * (src/ledger/sqlite_commits.ts): a reader waits for the fsync of every commit begun before its
 * query ended, across threads, through a wrap of the 32-bit counters, and fails instead of
 * waiting once the writer is gone; the ledger counts its commits and fsyncs there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { LedgerError } from '@knooppunt/standard';
import { CommitCounters } from '../../../src/ledger/sqlite_commits.ts';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';

/** Whether `promise` is still pending after the event loop has turned. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('SQLite commit counters: readers wait for the writer’s fsync', () => {
  it('lets a read go at once when every commit begun is synced', () => {
    const counters = new CommitCounters();
    expect(counters.durable()).to.equal(undefined);
    counters.committing();
    counters.synced(counters.begun());
    expect(counters.durable()).to.equal(undefined);
  });

  it('holds a read until the fsync that covers a commit begun before it', async () => {
    const counters = new CommitCounters();
    counters.committing();
    const covered = counters.begun();
    const read = counters.durable() as Promise<void>;
    expect(read).to.be.instanceOf(Promise);
    expect(await pending(read)).to.equal(true);
    // A later commit begins; the fsync that started before it covers only the first.
    counters.committing();
    const later = counters.durable() as Promise<void>;
    counters.synced(covered);
    await read;
    expect(await pending(later)).to.equal(true);
    counters.synced(counters.begun());
    await later;
  });

  it('is woken by a writer in another thread', async () => {
    const counters = new CommitCounters();
    counters.committing();
    const read = counters.durable() as Promise<void>;
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const cells = new Int32Array(workerData);
       setTimeout(() => {
         Atomics.store(cells, 1, Atomics.load(cells, 0));
         Atomics.add(cells, 3, 1);
         Atomics.notify(cells, 3);
       }, 50);`,
      { eval: true, workerData: counters.buffer },
    );
    await read;
    await worker.terminate();
    expect(counters.durable()).to.equal(undefined);
  });

  it('compares the counters modulo 2^32, so a wrap neither holds nor frees a read too soon', async () => {
    const buffer = new CommitCounters().buffer;
    const cells = new Int32Array(buffer);
    cells[0] = 2 ** 31 - 1;
    cells[1] = 2 ** 31 - 1;
    const counters = new CommitCounters(buffer);
    expect(counters.durable()).to.equal(undefined);
    counters.committing(); // wraps to -2^31
    expect(counters.begun()).to.equal(-(2 ** 31));
    const read = counters.durable() as Promise<void>;
    expect(await pending(read)).to.equal(true);
    counters.synced(counters.begun());
    await read;
  });

  it('fails a waiting read and every later one with LEDGER_UNAVAILABLE once the writer is gone', async () => {
    const counters = new CommitCounters();
    counters.committing();
    const read = counters.durable() as Promise<void>;
    counters.abandon();
    const error = await read.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(LedgerError);
    expect(error).to.include({ code: 'LEDGER_UNAVAILABLE' });
    expect(() => counters.durable()).to.throw(LedgerError, /writer has stopped/);
  });

  it('wakes a waiting read when the writer’s side gives up from its own thread, at any moment', async () => {
    // The writer's thread may abandon between a reader's look at the counters and its sleep:
    // the reader must wake all the same (a lost wakeup would hang this test).
    for (let round = 0; round < 20; round += 1) {
      const counters = new CommitCounters();
      counters.committing();
      const worker = new Worker(
        `const { workerData } = require('node:worker_threads');
         const cells = new Int32Array(workerData.buffer);
         const spin = Date.now() + workerData.delay;
         while (Date.now() < spin);
         Atomics.store(cells, 2, 1);
         Atomics.add(cells, 3, 1);
         Atomics.notify(cells, 3);`,
        { eval: true, workerData: { buffer: counters.buffer, delay: round % 3 } },
      );
      const error = await (counters.durable() ?? Promise.resolve()).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      await worker.terminate();
      expect(error, `round ${round}`).to.include({ code: 'LEDGER_UNAVAILABLE' });
    }
  });
});

describe('SQLite ledger: a writer that counts, and a reader beside it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-commits-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts each group commit and its fsync, and its reader reads what it wrote', async () => {
    const path = join(dir, 'ledger.sqlite');
    const counters = new CommitCounters();
    const writer = new SqliteLedger(path, { counters });
    await writer.init();
    const before = counters.begun();
    const written = await Promise.all(
      ['message-1', 'message-2'].map((subject) =>
        writer.appendEvent({
          subject,
          type: 'delivered',
          at: '2026-11-24T10:00:00.000Z',
          data: { route: 'rest' },
        }),
      ),
    );
    // Two writes in one turn: one transaction, one commit, synced before they resolved.
    expect(counters.begun() - before).to.equal(1);
    expect(counters.durable()).to.equal(undefined);
    const reader = new SqliteLedger(path, { readerOf: counters });
    expect(await reader.lastEvent('message-1')).to.deep.equal(written[0]);
    expect(await reader.listEvents('message-2')).to.deep.equal([written[1]]);
    await reader.close();
    await writer.close();
  });

  it('opens a reader read-only: it cannot write', async () => {
    const path = join(dir, 'ledger.sqlite');
    const writer = new SqliteLedger(path, { counters: new CommitCounters() });
    await writer.init();
    const reader = new SqliteLedger(path, { readerOf: new CommitCounters() });
    const error = await reader
      .appendEvent({ subject: 's', type: 'delivered', at: '2026-11-24T10:00:00.000Z', data: {} })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(String(error)).to.match(/readonly/i);
    await reader.close();
    await writer.close();
  });
});
