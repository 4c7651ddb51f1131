/**
 * A throw-away hub: a fresh data folder, the development network, a free port on loopback,
 * quiet logs and no housekeeping timers unless asked — the hub the demo, the benchmarks and the
 * tests run. `stop()` removes what it made: the folder and, on MongoDB, its database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@knooppunt/standard';
import { loadConfig } from '../config.ts';
import { MongoLedger } from '../ledger/mongo_ledger.ts';
import type { Logger } from '../ops/logger.ts';
import { createHub } from './hub.ts';
import type { Hub } from './hub.ts';

/** Options of a throw-away hub. */
export interface ThrowawayHubOptions {
  /**
   * More of the hub's environment (`MONGODB_URL`, `AMQP_URL`, `KNOOPPUNT_LOG_LEVEL`, …), or a
   * function of the data folder that gives it (to put files there first).
   */
  readonly env?:
    Readonly<Record<string, string>> | ((dataDir: string) => Readonly<Record<string, string>>);
  /** The hub's clock; the development network's certificates are issued at its time. */
  readonly clock?: Clock;
  /** @defaultValue the hub's logger at `KNOOPPUNT_LOG_LEVEL` (silent unless `env` says otherwise) */
  readonly logger?: Logger;
  /** Run the housekeeping timers. @defaultValue false (call `hub.housekeeping.runOnce()`) */
  readonly housekeeping?: boolean;
  /** Keep the data folder and the database after `stop()`. @defaultValue false */
  readonly keep?: boolean;
  /** The folder's name: `<tmpdir>/knooppunt-<name>-…`. @defaultValue `hub` */
  readonly name?: string;
}

/** A running throw-away hub. */
export interface ThrowawayHub {
  readonly hub: Hub;
  /** `http://127.0.0.1:<port>` (or https). */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the hub and removes its folder and database (unless `keep`). */
  stop(): Promise<void>;
}

/** Starts a throw-away hub. */
export async function startThrowawayHub(options: ThrowawayHubOptions = {}): Promise<ThrowawayHub> {
  const dataDir = mkdtempSync(join(tmpdir(), `knooppunt-${options.name ?? 'hub'}-`));
  const remove = (): void => {
    if (options.keep !== true) rmSync(dataDir, { recursive: true, force: true });
  };
  let hub: Hub | undefined;
  try {
    const extra = typeof options.env === 'function' ? options.env(dataDir) : options.env;
    hub = await createHub(
      loadConfig({
        KNOOPPUNT_DATA_DIR: dataDir,
        PORT: '0',
        KNOOPPUNT_DEV_BOOTSTRAP: 'true',
        KNOOPPUNT_LOG_LEVEL: 'silent',
        ...extra,
      }),
      {
        housekeeping: options.housekeeping ?? false,
        processMetrics: false, // many come and go in one process
        shortLived: true,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      },
    );
    const url = await hub.listen();
    const started = hub;
    return {
      hub: started,
      url,
      dataDir,
      async stop() {
        if (options.keep !== true && started.ledger instanceof MongoLedger) {
          await started.ledger.dropDatabase().catch(() => undefined);
        }
        await started.stop();
        remove();
      },
    };
  } catch (error) {
    await hub?.stop().catch(() => undefined);
    remove();
    throw error;
  }
}
