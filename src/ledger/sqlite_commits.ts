/**
 * What the SQLite ledger's writer (its thread, sqlite_thread_worker.ts) and its readers in the
 * hub's thread share of the write-ahead log: how many commits have begun, and how many of them
 * an fsync has covered — two counters in shared memory. (The ledger's thread now syncs inside
 * each commit, `syncInCommit`, and counts nothing: its readers use only `abandon`. The counts
 * serve a writer that fsyncs after its commits.)
 *
 * A reader's answer may leave the hub only once everything it could have seen is on disk
 * (sqlite_ledger.ts, `#read`). A reader on another connection cannot tell which commits its
 * query saw, but it saw none that had not begun when the query ended: the writer counts a
 * commit just before its COMMIT, so a reader that reads the count after its query and waits
 * until the synced count reaches it waits for every commit it could have seen (and, when it
 * read the count during a COMMIT, for that one too).
 *
 * The counters are 32-bit and compared modulo 2³², so they may wrap: a hub never has 2³¹
 * commits between a read and the fsync it waits for.
 *
 * A waiting reader sleeps on a third counter, bumped by every change it waits for (an fsync, the
 * writer gone): it reads that counter before it looks at the others, so a change made between
 * its look and its sleep wakes it at once instead of being missed, from whichever thread.
 */
import { LedgerError } from '@knooppunt/standard';

/** Cells of the shared array. */
const BEGUN = 0;
const SYNCED = 1;
/** Non-zero once the writer is gone: nothing waiting will ever be synced. */
const GONE = 2;
/** Bumped by every change a reader may be waiting for; readers sleep on it. */
const CHANGES = 3;
const CELLS = 4;

/** `Atomics.waitAsync` (ES2024, in Node since 16), which TypeScript's ES2022 library lacks. */
const atomics = Atomics as typeof Atomics & {
  waitAsync(
    cells: Int32Array,
    index: number,
    value: number,
  ): { async: false; value: string } | { async: true; value: Promise<string> };
};

/** Whether counter `a` has reached `b`, modulo 2³². */
function reached(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

export class CommitCounters {
  readonly #cells: Int32Array;

  /** New counters, or (in the other thread) the ones whose `buffer` it was given. */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(CELLS * 4)) {
    this.#cells = new Int32Array(buffer);
  }

  /** The shared memory, to hand to the other thread. */
  get buffer(): SharedArrayBuffer {
    return this.#cells.buffer as SharedArrayBuffer;
  }

  /** The writer, just before a COMMIT: one more commit may become visible to readers. */
  committing(): void {
    Atomics.add(this.#cells, BEGUN, 1);
  }

  /** The commits begun so far (the writer: at the start of an fsync, which covers them all). */
  begun(): number {
    return Atomics.load(this.#cells, BEGUN);
  }

  /** The writer, after an fsync that started when `begun()` was `count`. */
  synced(count: number): void {
    Atomics.store(this.#cells, SYNCED, count);
    this.#changed();
  }

  /** The writer is gone: readers waiting, and later ones, fail with LEDGER_UNAVAILABLE. */
  abandon(): void {
    Atomics.store(this.#cells, GONE, 1);
    this.#changed();
  }

  #changed(): void {
    Atomics.add(this.#cells, CHANGES, 1);
    Atomics.notify(this.#cells, CHANGES);
  }

  /**
   * A reader, after its query: undefined when every commit begun so far is synced (the usual
   * case outside a burst of writes costs no promise), else the wait for the fsync that covers
   * them.
   */
  durable(): Promise<void> | undefined {
    this.#assertWriter();
    const target = Atomics.load(this.#cells, BEGUN);
    if (reached(Atomics.load(this.#cells, SYNCED), target)) return undefined;
    return this.#until(target);
  }

  async #until(target: number): Promise<void> {
    for (;;) {
      const changes = Atomics.load(this.#cells, CHANGES);
      if (reached(Atomics.load(this.#cells, SYNCED), target)) return;
      this.#assertWriter();
      const wait = atomics.waitAsync(this.#cells, CHANGES, changes);
      if (wait.async) await wait.value;
    }
  }

  #assertWriter(): void {
    if (Atomics.load(this.#cells, GONE) !== 0) {
      throw new LedgerError('LEDGER_UNAVAILABLE', "the SQLite ledger's writer has stopped");
    }
  }
}
