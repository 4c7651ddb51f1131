/**
 * The servers `npm run bench` measures, each a process of its own: the hub
 * (`node bin/knooppunt.js start`, a fresh data folder, the development network bootstrapped,
 * on the embedded SQLite ledger or a MongoDB database of its own) and the echo baseline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * Starts a hub on `ledger`: REST only (REST and AMQP with `amqp`), log level warn, no
 * per-participant rate limit (the senders are the load), the development bootstrap on (CA,
 * network, operator).
 */
export async function startHub(
  ledger: BenchLedger,
  profileDir?: string,
  amqp?: HubAmqp,
  /** Hub processes on the one port (`KNOOPPUNT_PROCESSES`; node:cluster). */
  processes = 1,
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-bench-wire-'));
  const database = uniqueDatabaseName('bench_wire');
  const mongoUrl = mongoUrlOf(ledger);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KNOOPPUNT_DATA_DIR: dataDir,
    KNOOPPUNT_DEV_BOOTSTRAP: 'true',
    KNOOPPUNT_LOG_LEVEL: 'warn',
    KNOOPPUNT_RATE_LIMIT_PER_SECOND: '0',
    KNOOPPUNT_PROCESSES: String(processes),
    ...(mongoUrl !== undefined ? { MONGODB_URL: mongoUrl, MONGODB_DB: database } : {}),
  };
  if (ledger === 'sqlite') delete env['MONGODB_URL'];
  if (amqp === undefined) delete env['AMQP_URL'];
  else env['AMQP_URL'] = amqp.url;
  amqp?.beforeStart?.(dataDir);
  const nodeArgs = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const hub = new HubProcess(await freePort(), env, [], nodeArgs);
  const cleanUp = async (): Promise<void> => {
    // A profiled hub stops cleanly, so that node writes its profile.
    await (profileDir === undefined ? hub.kill() : hub.terminate());
    if (mongoUrl !== undefined) {
      const store = new MongoLedger({ url: mongoUrl, database });
      await store.dropDatabase().catch(() => undefined);
      await store.close().catch(() => undefined);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await hub.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { baseUrl: hub.baseUrl, pid: hub.pid as number, dataDir, stop: cleanUp };
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
