/**
 * The primary of `knooppunt start` with several processes (`KNOOPPUNT_PROCESSES`): it forks
 * the hub workers (node:cluster; they share `HOST:PORT`), the first alone and the others once
 * it serves, so that what a first start creates (broker users and their password files) is
 * created once; relays mailbox arrivals between them; starts a worker that dies again after a
 * back-off; gives up when workers keep dying before they serve; and stops them on request.
 */
import type { Logger } from '../ops/logger.ts';
import { UsageError } from '@knooppunt/standard';
import { isWorkerMessage } from './cluster_ipc.ts';
import type { PrimaryMessage, WorkerFailed, WorkerReady } from './cluster_ipc.ts';

/** What the supervisor needs of a cluster worker (node:cluster's `Worker` has it). */
export interface WorkerHandle {
  readonly process: { readonly pid?: number | undefined; kill(signal?: NodeJS.Signals): boolean };
  send(message: PrimaryMessage): boolean;
  isConnected(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'exit', listener: (code: number | null, signal: string | null) => void): unknown;
}

/** When a worker that died is started again, and when the primary gives up. */
export interface RestartPolicy {
  /** Back-off before the first restart; it doubles with each quick death in a row. */
  readonly firstDelayMs: number;
  /** The longest back-off. */
  readonly maxDelayMs: number;
  /** A worker that lived this long before dying starts the back-off afresh. */
  readonly settledAfterMs: number;
  /** Deaths in a row before serving (port in use, ledger unreadable) after which the primary gives up. */
  readonly startupFailures: number;
}

/** @defaultValue 0.5 s doubling to 15 s, afresh after 30 s of life; give up after 3 failed starts */
export const RESTART_POLICY: RestartPolicy = Object.freeze({
  firstDelayMs: 500,
  maxDelayMs: 15_000,
  settledAfterMs: 30_000,
  startupFailures: 3,
});

/** One worker slot's deaths so far. */
export interface SlotHistory {
  /** Deaths in a row, each after a short life. */
  readonly quickDeaths: number;
  /** Deaths in a row before the worker served. */
  readonly startupFailures: number;
}

/** After an unexpected exit: start the slot's worker again after a delay, or give up (pure). */
export function afterUnexpectedExit(
  history: SlotHistory,
  exit: { readonly served: boolean; readonly livedMs: number },
  policy: RestartPolicy = RESTART_POLICY,
): { readonly history: SlotHistory; readonly restartInMs: number | undefined } {
  const startupFailures = exit.served ? 0 : history.startupFailures + 1;
  const quickDeaths = exit.livedMs >= policy.settledAfterMs ? 1 : history.quickDeaths + 1;
  const next = { quickDeaths, startupFailures };
  if (startupFailures >= policy.startupFailures) return { history: next, restartInMs: undefined };
  const delay = Math.min(policy.firstDelayMs * 2 ** (quickDeaths - 1), policy.maxDelayMs);
  return { history: next, restartInMs: delay };
}

/** Options of a `HubCluster`. */
export interface HubClusterOptions {
  /** Workers to run (2–64). */
  readonly processes: number;
  /** Starts one worker (`cluster.fork`). */
  readonly fork: () => WorkerHandle;
  readonly logger: Logger;
  /** @defaultValue {@link RESTART_POLICY} */
  readonly policy?: RestartPolicy;
  /** How long `stop()` waits for the workers' clean stop before SIGKILL. @defaultValue 30 000 ms */
  readonly stopTimeoutMs?: number;
}

interface Slot {
  readonly number: number;
  worker: WorkerHandle | undefined;
  exited: Promise<void>;
  startedAt: number;
  served: boolean;
  history: SlotHistory;
  restart: NodeJS.Timeout | undefined;
  lastFailure: WorkerFailed | undefined;
}

/** The workers of one `knooppunt start`. */
export class HubCluster {
  readonly #options: HubClusterOptions;
  readonly #slots: Slot[];
  #stopping = false;
  #onReady: ((slot: Slot, ready: WorkerReady) => void) | undefined;
  #onGiveUp: ((error: Error) => void) | undefined;
  /** Resolves with the reason when the primary gives up on its workers. */
  readonly failed: Promise<Error>;
  #fail: (error: Error) => void = () => undefined;

  constructor(options: HubClusterOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: options.processes }, (_, i) => ({
      number: i + 1,
      worker: undefined,
      exited: Promise.resolve(),
      startedAt: 0,
      served: false,
      history: { quickDeaths: 0, startupFailures: 0 },
      restart: undefined,
      lastFailure: undefined,
    }));
    this.failed = new Promise((resolve) => (this.#fail = resolve));
  }

  /** Process ids of the workers now running. */
  get pids(): number[] {
    return this.#slots.flatMap((slot) => slot.worker?.process.pid ?? []);
  }

  /**
   * Starts the first worker and, once it serves, the others; resolves with what the first one
   * said when all serve. Rejects when the primary gives up (the workers are then stopping).
   */
  async start(): Promise<WorkerReady> {
    const [first, ...others] = this.#slots as [Slot, ...Slot[]];
    const ready = await this.#launch([first]);
    await this.#launch(others);
    return ready;
  }

  #launch(slots: readonly Slot[]): Promise<WorkerReady> {
    return new Promise((resolve, reject) => {
      const waiting = new Set(slots);
      let firstReady: WorkerReady | undefined;
      this.#onReady = (slot, ready) => {
        firstReady ??= ready;
        waiting.delete(slot);
        if (waiting.size > 0) return;
        this.#onReady = undefined;
        this.#onGiveUp = undefined;
        resolve(firstReady);
      };
      this.#onGiveUp = reject;
      if (slots.length === 0) {
        this.#onReady = undefined;
        this.#onGiveUp = undefined;
        resolve({ kind: 'knooppunt:ready', url: '', hubOin: '' });
      }
      for (const slot of slots) this.#fork(slot);
    });
  }

  #fork(slot: Slot): void {
    slot.restart = undefined;
    if (this.#stopping) return;
    const worker = this.#options.fork();
    slot.worker = worker;
    slot.served = false;
    slot.startedAt = Date.now();
    slot.exited = new Promise((resolve) => {
      worker.once('exit', (code, signal) => {
        this.#exited(slot, worker, code, signal);
        resolve();
      });
    });
    // A message sent as the channel closes fails here, not as an uncaught 'error' event; while
    // stopping that is expected (Ctrl-C reaches the workers too, and they leave on their own).
    worker.on('error', (error) => {
      if (this.#stopping) return;
      this.#options.logger.warn(
        { worker: slot.number, error: error.message },
        'hub worker channel',
      );
    });
    worker.on('message', (message) => {
      if (!isWorkerMessage(message)) return;
      if (message.kind === 'knooppunt:mailbox') this.#relay(worker, message.recipients);
      else if (message.kind === 'knooppunt:failed') slot.lastFailure = message;
      else {
        slot.served = true;
        slot.history = { ...slot.history, startupFailures: 0 };
        this.#onReady?.(slot, message);
      }
    });
  }

  /** A worker stored messages for these recipients: the others wake their long polls. */
  #relay(from: WorkerHandle, recipients: readonly string[]): void {
    for (const slot of this.#slots) {
      const worker = slot.worker;
      if (worker === undefined || worker === from || !worker.isConnected()) continue;
      worker.send({ kind: 'knooppunt:mailbox', recipients });
    }
  }

  #exited(slot: Slot, worker: WorkerHandle, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    if (this.#stopping) return;
    const livedMs = Date.now() - slot.startedAt;
    const next = afterUnexpectedExit(
      slot.history,
      { served: slot.served, livedMs },
      this.#options.policy,
    );
    slot.history = next.history;
    const facts = {
      worker: slot.number,
      pid: worker.process.pid,
      code,
      signal,
      served: slot.served,
      livedMs,
      ...(slot.lastFailure === undefined ? {} : { error: slot.lastFailure.code }),
    };
    if (next.restartInMs === undefined) {
      this.#options.logger.error(facts, 'hub worker keeps failing to start; giving up');
      this.#giveUp(slot);
      return;
    }
    this.#options.logger.error(
      { ...facts, restartInMs: next.restartInMs },
      'hub worker exited unexpectedly; starting it again',
    );
    slot.restart = setTimeout(() => this.#fork(slot), next.restartInMs);
  }

  #giveUp(slot: Slot): void {
    const failure = slot.lastFailure;
    const text =
      `hub process ${slot.number} of ${this.#slots.length} exited before serving ` +
      `${slot.history.startupFailures} times in a row` +
      (failure === undefined ? '' : ` (last: ${failure.message})`) +
      '; giving up';
    const error =
      failure?.code === 'USAGE_INVALID' || failure?.code === 'FILE_UNREADABLE'
        ? new UsageError(failure.code, text)
        : new Error(text);
    void this.stop();
    this.#onGiveUp?.(error);
    this.#fail(error);
  }

  /**
   * Asks every worker to stop (each runs its clean `hub.stop()`), no restarts from here; SIGKILL
   * for one that has not exited after `stopTimeoutMs`. Resolves when all have exited.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const slot of this.#slots) {
      clearTimeout(slot.restart);
      slot.restart = undefined;
      const worker = slot.worker;
      if (worker === undefined) continue;
      if (worker.isConnected()) worker.send({ kind: 'knooppunt:stop' });
      else worker.process.kill('SIGTERM');
    }
    const late = setTimeout(() => {
      for (const slot of this.#slots) slot.worker?.process.kill('SIGKILL');
    }, this.#options.stopTimeoutMs ?? 30_000);
    await Promise.all(this.#slots.map((slot) => slot.exited));
    clearTimeout(late);
  }
}
