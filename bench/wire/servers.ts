/**
 * The servers `npm run bench` measures, each a process of its own: the hub
 * (`node bin/knooppunt.js start`, a fresh data folder, the development network bootstrapped,
 * on the embedded SQLite ledger or a MongoDB database of its own; the growth curve and
 * `bench:idle` start theirs the same way) and the echo baseline.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import { freePort, HubProcess } from '../../test/support/faults.ts';
import {
  TEST_MONGODB_PG_URL,
  TEST_MONGODB_URL,
  uniqueDatabaseName,
} from '../../test/support/mongo.ts';

/**
 * The ledgers the bench runs the hub on: embedded SQLite, the MongoDB ledger on the test URL
 * (FerretDB's SQLite backend, one writer at a time) and on FerretDB's PostgreSQL backend
 * (`mongodb-pg`, concurrent writers).
 */
export type BenchLedger = 'sqlite' | 'mongodb' | 'mongodb-pg';

/** The MongoDB URL of a bench ledger (none for SQLite). */
export function mongoUrlOf(ledger: BenchLedger): string | undefined {
  if (ledger === 'mongodb') return TEST_MONGODB_URL;
  return ledger === 'mongodb-pg' ? TEST_MONGODB_PG_URL : undefined;
}

/** A server process under measurement. */
export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  readonly dataDir?: string;
  stop(): Promise<void>;
}

/** The AMQP transport of a hub under measurement (bench/wire/amqp_rows.ts). */
export interface HubAmqp {
  /** `AMQP_URL`: a vhost of the bench's own. */
  readonly url: string;
  /** Runs on the fresh data folder before the hub starts (say, to keep broker users as they are). */
  readonly beforeStart?: (dataDir: string) => void;
}

/** What differs between the bench's hubs (`npm run bench`, its growth curve, `bench:idle`). */
export interface BenchHubOptions {
  /**
   * Names the fresh data folder (`knooppunt-bench-<label>-…` in the temporary folder) and the
   * MongoDB database (`bench_<label>_…`). @defaultValue `'wire'`
   */
  readonly label?: string;
  /** The MongoDB ledger's URL; without it the hub runs on the embedded SQLite ledger. */
  readonly mongoUrl?: string | undefined;
  /** Runs the hub under `--cpu-prof`, writing its profile here when it stops. */
  readonly profileDir?: string | undefined;
  /** REST and AMQP (REST only without it). */
  readonly amqp?: HubAmqp | undefined;
  /** Hub processes on the one port (`KNOOPPUNT_PROCESSES`; node:cluster). @defaultValue 1 */
  readonly processes?: number;
  /**
   * A data folder of the caller's (created when missing) that outlives the bench, its ledger
   * kept for another run; without it a fresh one in the temporary folder, removed on `stop`.
   */
  readonly keepDataDir?: string | undefined;
}

/** A bench hub, not started yet, and what goes with it. */
export interface BenchHub {
  /** The hub's process: started (and stopped and started again) by the caller. */
  readonly hub: HubProcess;
  readonly dataDir: string;
  /** Its MongoDB database (not used on SQLite). */
  readonly database: string;
  /** Stops the hub, drops its MongoDB database and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * A hub on a fresh data folder, not started: log level warn, no per-participant rate limit
 * (the senders are the load; an idle hub gets no authenticated request, so it changes nothing
 * there), the development bootstrap on (CA, network, operator).
 */
export async function benchHub(options: BenchHubOptions = {}): Promise<BenchHub> {
  const { label = 'wire', mongoUrl, profileDir, amqp, processes = 1, keepDataDir } = options;
  if (keepDataDir !== undefined) mkdirSync(keepDataDir, { recursive: true });
  const dataDir = keepDataDir ?? mkdtempSync(join(tmpdir(), `knooppunt-bench-${label}-`));
  const database = uniqueDatabaseName(`bench_${label}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KNOOPPUNT_DATA_DIR: dataDir,
    KNOOPPUNT_DEV_BOOTSTRAP: 'true',
    KNOOPPUNT_LOG_LEVEL: 'warn',
    KNOOPPUNT_RATE_LIMIT_PER_SECOND: '0',
    KNOOPPUNT_PROCESSES: String(processes),
    ...(mongoUrl !== undefined ? { MONGODB_URL: mongoUrl, MONGODB_DB: database } : {}),
  };
  if (mongoUrl === undefined) delete env['MONGODB_URL'];
  if (amqp === undefined) delete env['AMQP_URL'];
  else env['AMQP_URL'] = amqp.url;
  amqp?.beforeStart?.(dataDir);
  // The hub as `npm start` runs it (docs/operations.md, "Node's options").
  const nodeArgs = [
    '--max-semi-space-size=64',
    ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
  ];
  const hub = new HubProcess(await freePort(), env, [], nodeArgs);
  return {
    hub,
    dataDir,
    database,
    async stop() {
      // A profiled hub stops cleanly, so that node writes its profile.
      await (profileDir === undefined ? hub.kill() : hub.terminate());
      if (mongoUrl !== undefined) {
        const store = new MongoLedger({ url: mongoUrl, database });
        await store.dropDatabase().catch(() => undefined);
        await store.close().catch(() => undefined);
      }
      if (keepDataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a hub on `ledger` (as `benchHub` makes it): REST only (REST and AMQP with `amqp`),
 * `processes` hub processes on its port.
 */
export async function startHub(
  ledger: BenchLedger,
  profileDir?: string,
  amqp?: HubAmqp,
  /** Hub processes on the one port (`KNOOPPUNT_PROCESSES`; node:cluster). */
  processes = 1,
): Promise<ServerProcess> {
  const { hub, dataDir, stop } = await benchHub({
    mongoUrl: mongoUrlOf(ledger),
    profileDir,
    amqp,
    processes,
  });
  try {
    await hub.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: hub.baseUrl, pid: hub.pid as number, dataDir, stop };
}

/** Starts the express echo server (bench/wire/echo_server.ts). */
export async function startEcho(): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'echo_server.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the echo server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  const gone = new Promise((resolve) => child.once('exit', resolve));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    async stop() {
      child.kill('SIGKILL');
      await gone;
    },
  };
}
