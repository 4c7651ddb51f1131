/**
 * What the hub's thread and the SQLite ledger's thread (sqlite_thread.ts) say to each other:
 * a call of a ledger method with its arguments, and its answer — a value, or an error carried
 * as its class name, code and message so that the caller sees the same `LedgerError` (or
 * `ConversationError`) it would have seen from the ledger in its own thread. Pure functions,
 * tested on their own.
 */
import {
  AttachmentError,
  ConversationError,
  KnooppuntError,
  LedgerError,
} from '@knooppunt/standard';

/** Which object a call is for: the ledger, or its attachment store. */
export type CallTarget = 'ledger' | 'attachments';

/** A call from the hub's thread. `open`/`next`/`return` walk an async iterable in pages. */
export type ThreadCall =
  | {
      readonly id: number;
      readonly kind: 'call';
      readonly target: CallTarget;
      readonly method: string;
      readonly args: readonly unknown[];
    }
  | { readonly id: number; readonly kind: 'open'; readonly method: string }
  | { readonly id: number; readonly kind: 'next'; readonly cursor: number }
  | { readonly id: number; readonly kind: 'return'; readonly cursor: number };

/** An error as it crosses between threads. */
export interface CarriedError {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
}

/** The answer to a call, by its id. */
export type ThreadAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: CarriedError };

/**
 * What the ledger's thread tells the hub's thread unasked, on its own (answers cross in
 * arrays): its checkpoint thread ended, and why — the writer checkpoints itself again.
 */
export interface ThreadNotice {
  readonly notice: 'checkpoints-ended';
  readonly error: CarriedError;
}

/** One page of an iterable: its items, and whether it ended. */
export interface IterablePage {
  readonly items: readonly unknown[];
  readonly done: boolean;
}

/**
 * Messages to the other thread, sent together once per turn of the event loop: every message
 * posted wakes the other thread, and on a machine with few cores those wake-ups cost more than
 * the copying. A turn's calls (and the answers of a group commit) cross as one array; a call
 * made while none is outstanding, and the answer that leaves none, cross at once.
 */
export class Outbox<T> {
  #items: T[] = [];
  readonly #send: (items: T[]) => void;

  constructor(send: (items: T[]) => void) {
    this.#send = send;
  }

  /**
   * Queues `item` for the end of this turn; `now` sends it (with anything queued) at once —
   * when the other side is idle, a turn's wait would only add latency.
   */
  push(item: T, now = false): void {
    if (this.#items.length === 0 && !now) setImmediate(() => this.#flush());
    this.#items.push(item);
    if (now) this.#flush();
  }

  #flush(): void {
    const items = this.#items;
    this.#items = [];
    if (items.length > 0) this.#send(items);
  }
}

/** Items per page when an iterable is walked across threads. */
export const ITERABLE_PAGE = 500;

/** The error classes a ledger throws, by name: they keep their class across the threads. */
const ERROR_CLASSES: Record<string, new (code: never, message: string) => KnooppuntError> = {
  LedgerError,
  ConversationError,
  AttachmentError,
};

/** `error` as it can cross to another thread (its stack stays behind). */
export function carryError(error: unknown): CarriedError {
  if (error instanceof KnooppuntError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The error `carried` stood for, of its own class when the ledger's errors have it. */
export function reviveError(carried: CarriedError): Error {
  const known = ERROR_CLASSES[carried.name];
  if (known !== undefined && carried.code !== undefined) {
    return new known(carried.code as never, carried.message);
  }
  const error = new Error(carried.message);
  error.name = carried.name;
  return error;
}

/**
 * `value` with its byte arrays as Buffers again (a Buffer crosses threads as a plain
 * Uint8Array): the value itself, an array's items or an object's properties, one level down —
 * as deep as the attachment store's arguments and answers hold bytes.
 */
export function reviveBuffers(value: unknown): unknown {
  const revive = (item: unknown): unknown =>
    item instanceof Uint8Array && !Buffer.isBuffer(item)
      ? Buffer.from(item.buffer, item.byteOffset, item.byteLength)
      : item;
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]));
  }
  return revive(value);
}
