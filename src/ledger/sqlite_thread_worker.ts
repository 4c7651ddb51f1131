/**
 * The SQLite ledger's own thread (started by sqlite_thread.ts through bin/sqlite_thread.js):
 * one `SqliteLedger` on the file it was given, serving the calls of the hub's thread. Calls that
 * arrive together are answered by the ledger's group commit as one transaction, as they would
 * be in the hub's thread; the statements and the commit's page writes no longer take turns of
 * the hub's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CommitCounters } from './sqlite_commits.ts';
import { SqliteLedger } from './sqlite_ledger.ts';
import { carryError, ITERABLE_PAGE, Outbox, reviveBuffers } from './sqlite_thread_protocol.ts';
import type {
  IterablePage,
  ThreadAnswer,
  ThreadCall,
  ThreadNotice,
} from './sqlite_thread_protocol.ts';

const port = parentPort;
if (port === null) throw new Error('sqlite_thread_worker.ts runs only as a worker thread');

const { path, commits, checkpointEntry } = workerData as {
  path: string;
  commits: SharedArrayBuffer;
  checkpointEntry: string | undefined;
};
/**
 * The writer: the hub's thread reads the hottest records itself, on a connection of its own.
 * Its log is copied into the file by a third thread; should that one end, the hub's thread
 * hears why.
 */
const ledger = new SqliteLedger(path, {
  counters: new CommitCounters(commits),
  // The fsync inside each COMMIT holds only this thread; no connection anywhere, the hub's
  // reader or another process's, sees a commit before it is on disk.
  syncInCommit: true,
  checkpoints: {
    ended: (error) =>
      port.postMessage({
        notice: 'checkpoints-ended',
        error: carryError(error),
      } satisfies ThreadNotice),
    ...(checkpointEntry === undefined ? {} : { entry: new URL(checkpointEntry) }),
  },
});
/** Iterables being walked, by cursor. */
const cursors = new Map<number, AsyncIterator<unknown>>();
let nextCursor = 1;

type Methods = Record<string, ((...args: unknown[]) => unknown) | undefined>;

async function answer(call: ThreadCall): Promise<unknown> {
  switch (call.kind) {
    case 'call': {
      const target = (call.target === 'attachments'
        ? ledger.attachments
        : ledger) as unknown as Methods;
      const method = target[call.method];
      if (method === undefined) throw new Error(`the ${call.target} has no method ${call.method}`);
      // Only attachments carry bytes (a Buffer arrives as a plain Uint8Array).
      if (call.target === 'attachments') {
        return await method.apply(target, reviveBuffers(call.args) as unknown[]);
      }
      return await method.apply(target, [...call.args]);
    }
    case 'open': {
      const iterable = (ledger as unknown as Record<string, () => AsyncIterable<unknown>>)[
        call.method
      ]?.call(ledger);
      if (iterable === undefined) throw new Error(`the ledger has no iterable ${call.method}`);
      const cursor = nextCursor++;
      cursors.set(cursor, iterable[Symbol.asyncIterator]());
      return cursor;
    }
    case 'next': {
      const iterator = cursors.get(call.cursor);
      if (iterator === undefined) return { items: [], done: true } satisfies IterablePage;
      const items: unknown[] = [];
      while (items.length < ITERABLE_PAGE) {
        const step = await iterator.next();
        if (step.done === true) {
          cursors.delete(call.cursor);
          return { items, done: true } satisfies IterablePage;
        }
        items.push(step.value);
      }
      return { items, done: false } satisfies IterablePage;
    }
    case 'return': {
      await cursors.get(call.cursor)?.return?.();
      cursors.delete(call.cursor);
      return undefined;
    }
  }
}

const answers = new Outbox<ThreadAnswer>((items) => port.postMessage(items));
/** Calls being answered: the answer that leaves none goes at once. */
let answering = 0;
port.on('message', (calls: readonly ThreadCall[]) => {
  answering += calls.length;
  for (const call of calls) {
    answer(call).then(
      (value) => answers.push({ id: call.id, ok: true, value }, --answering === 0),
      (error: unknown) =>
        answers.push({ id: call.id, ok: false, error: carryError(error) }, --answering === 0),
    );
  }
});
