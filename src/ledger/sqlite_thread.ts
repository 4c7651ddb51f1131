/**
 * The embedded SQLite ledger on a thread of its own (issue 14). better-sqlite3 is synchronous:
 * in the hub's thread its statements and each group commit's page writes took a third to a
 * half of the event loop under load, while the machine's other core waited. Here the same
 * `SqliteLedger` runs in a worker thread (sqlite_thread_worker.ts) and this object stands in for
 * it: every public method of the ledger and of its attachment store, forwarded as a message and
 * answered with the value or the error (sqlite_thread_protocol.ts). Its behaviour — group
 * commit, durability before an answer, LEDGER_FULL — is the ledger's own, and the ledger
 * contract runs against it (test/contract/ledger_sqlite_thread.test.ts).
 *
 * The reads a submission, a mailbox page and an acknowledgement wait for (READ_HERE) do not
 * cross: the hub's thread runs them itself, on a read-only connection of its own, which WAL
 * mode lets read beside the writer. In the thread they waited for whatever group commit was
 * running — under load a third of a submission's time went to crossing and waiting, with
 * neither thread busy (docs/performance.md). The writer syncs inside each commit
 * (`syncInCommit`), so what they read is on disk already; the counters the two threads share
 * (sqlite_commits.ts) tell them when the writer is gone.
 *
 * The writer in that thread starts a third, which copies the log into the file
 * (sqlite_checkpoint_worker.ts), so its commits no longer stop for that every thousand pages;
 * should that one end, the hub's thread is told (`checkpointsEnded`: the hub logs it).
 *
 * The thread keeps the process alive only while a call is waiting for its answer, so a command
 * that opens the ledger ends as it did; `close()` closes the ledger and then ends the thread.
 * A thread that dies fails every call waiting and every later one with LEDGER_UNAVAILABLE.
 */
import { Worker } from 'node:worker_threads';
import { LedgerError } from '@knooppunt/standard';
import { SqliteAttachments } from './sqlite_attachments.ts';
import { CommitCounters } from './sqlite_commits.ts';
import { SqliteLedger } from './sqlite_ledger.ts';
import { Outbox, reviveBuffers, reviveError } from './sqlite_thread_protocol.ts';
import type {
  CallTarget,
  IterablePage,
  ThreadAnswer,
  ThreadCall,
  ThreadNotice,
} from './sqlite_thread_protocol.ts';
import type { Ledger } from './port.ts';

/** The methods of a class's prototype that callers may use (not its constructor or tests'). */
function publicMethods(prototype: object): { name: string; iterable: boolean }[] {
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && !name.startsWith('unsafe'))
    .map((name) => ({
      name,
      iterable:
        (Object.getOwnPropertyDescriptor(prototype, name)?.value as object | undefined)?.constructor
          .name === 'AsyncGeneratorFunction',
    }));
}

/**
 * The ledger's reads run in the hub's thread: point reads and a mailbox page, each a few
 * index lookups (never a scan, an aggregate or a walk, which stay in the ledger's thread).
 */
const READ_HERE: ReadonlySet<string> = new Set([
  'getMessage',
  'getMessageSummary',
  'getConversation',
  'listMailbox',
  'listEvents',
  'lastEvent',
]);

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type CallWithoutId = ThreadCall extends infer C
  ? C extends ThreadCall
    ? Omit<C, 'id'>
    : never
  : never;

/** The thread and the calls waiting for its answers. */
class LedgerThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #calls = new Outbox<ThreadCall>((calls) => this.#worker.postMessage(calls));
  #nextId = 1;
  #dead: Error | undefined;
  readonly #path: string;
  readonly #commits = new CommitCounters();
  /** The hub thread's read-only connection, opened at the first read (after `init`). */
  #reader: SqliteLedger | undefined;
  /**
   * Calls waiting for the thread's answer and reads waiting for its fsync: the thread keeps
   * the process alive while there are any (a wait in `Atomics.waitAsync` does not).
   */
  #outstanding = 0;

  constructor(path: string, options: SqliteThreadOptions) {
    this.#path = path;
    this.#worker = new Worker(new URL('../../bin/sqlite_thread.js', import.meta.url), {
      workerData: {
        path,
        commits: this.#commits.buffer,
        checkpointEntry: options.checkpointEntry?.href,
      },
    });
    this.#worker.unref();
    this.#worker.on('message', (message: readonly ThreadAnswer[] | ThreadNotice) => {
      if (!Array.isArray(message)) {
        options.checkpointsEnded?.(reviveError((message as ThreadNotice).error));
        return;
      }
      for (const answer of message) this.#settle(answer);
    });
    this.#worker.on('error', (error) => this.#die(error));
    this.#worker.on('exit', (code) => this.#die(new Error(`the thread exited with ${code}`)));
  }

  call(call: CallWithoutId): Promise<unknown> {
    if (this.#dead !== undefined) return Promise.reject(this.#unavailable(this.#dead));
    const id = this.#nextId++;
    const idle = this.#pending.size === 0;
    this.#begin();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#calls.push({ ...call, id } as ThreadCall, idle);
    });
  }

  /** Runs a read in this thread, on the reader's connection (READ_HERE). */
  async read(method: string, args: readonly unknown[]): Promise<unknown> {
    if (this.#dead !== undefined) throw this.#unavailable(this.#dead);
    try {
      this.#reader ??= new SqliteLedger(this.#path, { readerOf: this.#commits });
    } catch (error) {
      throw this.#unavailable(error as Error);
    }
    const reader = this.#reader as unknown as Record<string, (...a: unknown[]) => unknown>;
    const read = reader[method];
    if (read === undefined) throw new Error(`the ledger has no read ${method}`);
    this.#begin();
    try {
      return await read.apply(reader, [...args]);
    } finally {
      this.#end();
    }
  }

  #begin(): void {
    if (this.#outstanding++ === 0) this.#worker.ref();
  }

  #end(count = 1): void {
    this.#outstanding -= count;
    if (this.#outstanding === 0) this.#worker.unref();
  }

  /**
   * Closes the hub thread's reader: before the writer, so that the writer, closing last, can
   * checkpoint the log into the file and remove it (a reader left open keeps it there). A read
   * after this opens it again, until the thread ends.
   */
  async closeReader(): Promise<void> {
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.close();
  }

  /** Ends the thread (after the ledger closed in it). */
  async end(): Promise<void> {
    this.#dead ??= new Error('the ledger is closed');
    this.#commits.abandon();
    await this.closeReader();
    await this.#worker.terminate();
  }

  #settle(answer: ThreadAnswer): void {
    const pending = this.#pending.get(answer.id);
    if (pending === undefined) return;
    this.#pending.delete(answer.id);
    this.#end();
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(reviveError(answer.error));
  }

  #die(cause: Error): void {
    this.#dead ??= cause;
    this.#commits.abandon();
    for (const pending of this.#pending.values()) pending.reject(this.#unavailable(cause));
    this.#end(this.#pending.size);
    this.#pending.clear();
    // Reads waiting for the writer fail (abandon); the reader has nothing more to read for.
    this.closeReader().catch(() => undefined);
  }

  #unavailable(cause: Error): LedgerError {
    return new LedgerError('LEDGER_UNAVAILABLE', `the SQLite ledger's thread: ${cause.message}`, {
      cause,
    });
  }
}

/** Forwarders of every public method of `prototype` to `target` in the thread. */
function forwarders(
  thread: LedgerThread,
  target: CallTarget,
  prototype: object,
): Record<string, unknown> {
  const forwarder = (name: string, iterable: boolean): unknown => {
    if (iterable) return () => walk(thread, name);
    if (target === 'ledger' && READ_HERE.has(name)) {
      return (...args: unknown[]) => thread.read(name, args);
    }
    const call = (args: unknown[]) => thread.call({ kind: 'call', target, method: name, args });
    // Only attachments carry bytes (a Buffer arrives as a plain Uint8Array).
    if (target === 'attachments') {
      return async (...args: unknown[]) => reviveBuffers(await call(args));
    }
    return (...args: unknown[]) => call(args);
  };
  const methods: Record<string, unknown> = {};
  for (const { name, iterable } of publicMethods(prototype)) {
    methods[name] = forwarder(name, iterable);
  }
  return methods;
}

/** An iterable of the thread's ledger, read a page at a time. */
async function* walk(thread: LedgerThread, method: string): AsyncIterable<unknown> {
  const cursor = (await thread.call({ kind: 'open', method })) as number;
  let done = false;
  try {
    while (!done) {
      const page = (await thread.call({ kind: 'next', cursor })) as IterablePage;
      done = page.done;
      yield* page.items;
    }
  } finally {
    if (!done) await thread.call({ kind: 'return', cursor });
  }
}

/** How the ledger's thread is opened. */
export interface SqliteThreadOptions {
  /** Told why, should the thread that checkpoints the log end before the ledger closes. */
  readonly checkpointsEnded?: (error: Error) => void;
  /** Another entry for that thread (tests give one that fails). */
  readonly checkpointEntry?: URL;
}

/** The SQLite ledger at `path`, run in a thread of its own. */
export function openSqliteLedgerThread(path: string, options: SqliteThreadOptions = {}): Ledger {
  const thread = new LedgerThread(path, options);
  const methods = forwarders(thread, 'ledger', SqliteLedger.prototype);
  const close = methods['close'] as () => Promise<void>;
  // The forwarders have exactly the ledger's public methods, so they are the Ledger port.
  return {
    ...methods,
    kind: 'sqlite',
    attachments: forwarders(thread, 'attachments', SqliteAttachments.prototype),
    async close() {
      await thread.closeReader();
      await close();
      await thread.end();
    },
  } as unknown as Ledger;
}
