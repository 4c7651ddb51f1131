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
 * The thread keeps the process alive only while a call is waiting for its answer, so a command
 * that opens the ledger ends as it did; `close()` closes the ledger and then ends the thread.
 * A thread that dies fails every call waiting and every later one with LEDGER_UNAVAILABLE.
 */
import { Worker } from 'node:worker_threads';
import { LedgerError } from '@knooppunt/standard';
import { SqliteAttachments } from './sqlite_attachments.ts';
import { SqliteLedger } from './sqlite_ledger.ts';
import { Outbox, reviveBuffers, reviveError } from './sqlite_thread_protocol.ts';
import type {
  CallTarget,
  IterablePage,
  ThreadAnswer,
  ThreadCall,
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

  constructor(path: string) {
    this.#worker = new Worker(new URL('../../bin/sqlite_thread.js', import.meta.url), {
      workerData: { path },
    });
    this.#worker.unref();
    this.#worker.on('message', (answers: readonly ThreadAnswer[]) => {
      for (const answer of answers) this.#settle(answer);
    });
    this.#worker.on('error', (error) => this.#die(error));
    this.#worker.on('exit', (code) => this.#die(new Error(`the thread exited with ${code}`)));
  }

  call(call: CallWithoutId): Promise<unknown> {
    if (this.#dead !== undefined) return Promise.reject(this.#unavailable(this.#dead));
    const id = this.#nextId++;
    const idle = this.#pending.size === 0;
    if (idle) this.#worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#calls.push({ ...call, id } as ThreadCall, idle);
    });
  }

  /** Ends the thread (after the ledger closed in it). */
  async end(): Promise<void> {
    this.#dead ??= new Error('the ledger is closed');
    await this.#worker.terminate();
  }

  #settle(answer: ThreadAnswer): void {
    const pending = this.#pending.get(answer.id);
    if (pending === undefined) return;
    this.#pending.delete(answer.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(reviveError(answer.error));
  }

  #die(cause: Error): void {
    this.#dead ??= cause;
    for (const pending of this.#pending.values()) pending.reject(this.#unavailable(cause));
    this.#pending.clear();
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
  const methods: Record<string, unknown> = {};
  for (const { name, iterable } of publicMethods(prototype)) {
    methods[name] = iterable
      ? () => walk(thread, name)
      : target === 'attachments'
        ? async (...args: unknown[]) =>
            reviveBuffers(await thread.call({ kind: 'call', target, method: name, args }))
        : (...args: unknown[]) => thread.call({ kind: 'call', target, method: name, args });
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

/** The SQLite ledger at `path`, run in a thread of its own. */
export function openSqliteLedgerThread(path: string): Ledger {
  const thread = new LedgerThread(path);
  const methods = forwarders(thread, 'ledger', SqliteLedger.prototype);
  const close = methods['close'] as () => Promise<void>;
  // The forwarders have exactly the ledger's public methods, so they are the Ledger port.
  return {
    ...methods,
    kind: 'sqlite',
    attachments: forwarders(thread, 'attachments', SqliteAttachments.prototype),
    async close() {
      await close();
      await thread.end();
    },
  } as unknown as Ledger;
}
