/**
 * `npm run bench:idle`: what an idle hub and its ledger server cost (issue 14's target: both
 * together below 5% of one core with a million messages in the ledger). For each ledger the
 * hub starts once on a fresh data folder (the development bootstrap makes its keys and
 * network), stops, the ledger is filled with `--messages=N` messages by the bulk loader
 * (bench/wire/bulk_load.ts: conversations as the hub leaves them, sealed), and the hub starts
 * again and is left alone: after `--settle=S` seconds (its start-up passes), the CPU of the
 * hub's process tree and of the ledger server is read from /proc for `--seconds=T` (60, so
 * that one expiry/retention pass falls in the window next to the sealer's backed-off passes).
 *
 * The ledger servers are the bench's own, so that nothing else's load is counted: a FerretDB
 * on SQLite on a free port (`mongodb`), a FerretDB on the services' PostgreSQL on a free port
 * (`mongodb-pg`; its PostgreSQL backends are found by the application name it connects with,
 * and the cluster's own background processes are counted too). `sqlite` is embedded: the hub
 * is its own ledger server. `--ledgers=sqlite,mongodb,mongodb-pg`, `--out=<file>` (JSON).
 *
 * `--data=<dir>` (SQLite only): the hub's data folder is that one and is kept; a ledger it holds
 * already (such as the million `npm run bench -- --growth=… --keep-data=<dir>` left) is
 * measured as it is, and into a folder without one `--messages` are loaded first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { FERRETDB_BIN, OwnFerretDb } from '../../test/support/ferretdb.ts';
import { freePort } from '../../test/support/faults.ts';
import { descendants } from '../../test/support/process_tree.ts';
import {
  bulkLoad,
  devTemplates,
  hubReceiptSigner,
  messagesInSqlite,
  withBulkLoading,
} from './bulk_load.ts';
import type { BulkLoadResult, LoadableLedger } from './bulk_load.ts';
import { procSample, watchProcess } from './proc_stats.ts';
import { benchHub } from './servers.ts';

/** The ledgers measured idle. */
type IdleLedger = 'sqlite' | 'mongodb' | 'mongodb-pg';

/** The PostgreSQL database FerretDB's PostgreSQL backend uses (scripts/services.sh). */
const POSTGRESQL_URL =
  process.env['KNOOPPUNT_TEST_POSTGRESQL_URL'] ?? 'postgres://postgres@127.0.0.1:5433/ferretdb';
/** The services' PostgreSQL data folder, whose postmaster.pid names the cluster's main process. */
const POSTGRESQL_DATA = join(
  process.env['KNOOPPUNT_SERVICES_DIR'] ?? join(import.meta.dirname, '../../.tmp/services'),
  'postgres',
  'data',
);

const argv = process.argv.slice(2);
const option = (name: string): string | undefined =>
  argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const ledgers = (option('ledgers') ?? 'sqlite,mongodb,mongodb-pg').split(',') as IdleLedger[];
const messages = Number(option('messages') ?? 5000);
const seconds = Number(option('seconds') ?? 60);
const settleSeconds = Number(option('settle') ?? 5);
const keepDataDir = option('data');
if (keepDataDir !== undefined && ledgers.some((ledger) => ledger !== 'sqlite')) {
  throw new Error('--data=<dir> is for --ledgers=sqlite only');
}
const stamp = new Date().toISOString();
const out = option('out') ?? join('bench', 'results', `idle-${stamp.replace(/[:.]/g, '-')}.json`);

/** A MongoDB-compatible server of the bench's own, and the processes that make it up. */
interface LedgerServer {
  readonly url: string;
  /** The processes whose CPU is the ledger server's (asked again at every sample). */
  pids(): number[];
  stop(): Promise<void>;
}

/** FerretDB on a temporary SQLite folder. */
async function ferretDbOnSqlite(): Promise<LedgerServer> {
  const server = new OwnFerretDb(await freePort());
  await server.start();
  const pid = Number(
    spawnSync('pgrep', ['-f', `listen-addr=127.0.0.1:${server.port}`])
      .stdout.toString()
      .trim(),
  );
  if (!(pid > 0)) throw new Error(`no FerretDB process found on port ${server.port}`);
  return { url: server.url, pids: () => [pid], stop: () => server.remove() };
}

/** FerretDB on the services' PostgreSQL, connecting under an application name of its own. */
async function ferretDbOnPostgresql(): Promise<LedgerServer> {
  const port = await freePort();
  const application = `knooppunt-idle-${randomBytes(4).toString('hex')}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'knooppunt-idle-ferretdb-'));
  const separator = POSTGRESQL_URL.includes('?') ? '&' : '?';
  const child = spawn(
    FERRETDB_BIN,
    [
      '--handler=postgresql',
      `--postgresql-url=${POSTGRESQL_URL}${separator}application_name=${application}&pool_max_conns=500`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${stateDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: 'ignore' },
  );
  const gone = new Promise((resolve) => child.once('exit', resolve));
  for (let tries = 0; !(await accepts(`mongodb://127.0.0.1:${port}`)); tries += 1) {
    if (tries > 100 || child.exitCode !== null)
      throw new Error('FerretDB on PostgreSQL did not start');
    await sleep(100);
  }
  const postmaster = Number(
    readFileSync(join(POSTGRESQL_DATA, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  return {
    url: `mongodb://127.0.0.1:${port}`,
    pids() {
      // Our FerretDB, its backends, and the cluster's own processes (not other clients' backends).
      const ours = new Set(backendsOf(application));
      const cluster = [postmaster, ...descendants(postmaster)].filter(
        (pid) => ours.has(pid) || !isClientBackend(pid),
      );
      return [child.pid as number, ...cluster];
    },
    async stop() {
      child.kill('SIGKILL');
      await gone;
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The PostgreSQL backends serving connections of `application`. */
function backendsOf(application: string): number[] {
  const result = spawnSync('psql', [
    POSTGRESQL_URL,
    '--tuples-only',
    '--no-align',
    '--command',
    `SELECT pid FROM pg_stat_activity WHERE application_name = '${application}'`,
  ]);
  return result.stdout.toString().split('\n').filter(Boolean).map(Number);
}

/** Whether `pid` is a PostgreSQL backend of a client connection (`postgres: user db host(port) …`). */
function isClientBackend(pid: number): boolean {
  try {
    return /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether a MongoDB-compatible server accepts connections at `url`. */
async function accepts(url: string): Promise<boolean> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 300 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

/**
 * The CPU `list()`'s processes use from now until `stop()`, as a share of one core: each
 * process's CPU since now (since it started, for one that appears later), summed, read every
 * second (a process that ends counts with its last reading).
 */
function watchPids(list: () => number[]): { stop: () => number } {
  const began = performance.now();
  const first = new Map(list().map((pid) => [pid, procSample(pid).cpuSeconds]));
  const last = new Map(first);
  const sample = (): void => {
    for (const pid of list()) {
      const { cpuSeconds } = procSample(pid);
      if (!first.has(pid)) first.set(pid, 0);
      if (cpuSeconds > 0) last.set(pid, cpuSeconds);
    }
  };
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const used = [...last].reduce((sum, [pid, cpu]) => sum + cpu - (first.get(pid) ?? 0), 0);
      return (100 * used) / ((performance.now() - began) / 1000);
    },
  };
}

/** One ledger's idle figures. */
interface IdleRow {
  readonly ledger: IdleLedger;
  readonly messages: number;
  readonly loadSeconds: number;
  readonly seconds: number;
  readonly hubCpuPercent: number;
  readonly hubRssMiB: number;
  /** The ledger server's CPU (undefined for embedded SQLite). */
  readonly ledgerServerCpuPercent?: number;
}

/**
 * Fills a fresh hub's ledger with `messages` messages (or takes the kept one of `--data`) and
 * measures it idle.
 */
async function idleRow(ledger: IdleLedger): Promise<IdleRow> {
  const server =
    ledger === 'mongodb'
      ? await ferretDbOnSqlite()
      : ledger === 'mongodb-pg'
        ? await ferretDbOnPostgresql()
        : undefined;
  const { hub, dataDir, database, stop } = await benchHub({
    label: 'idle',
    mongoUrl: server?.url,
    keepDataDir,
  });
  try {
    /** Starts the hub once on the fresh folder, then bulk-loads its ledger. */
    const fill = async (): Promise<BulkLoadResult> => {
      await hub.start(); // the development bootstrap: keys, network, operator
      await hub.terminate();
      const load = (store: LoadableLedger) => () =>
        bulkLoad({
          ledger: store,
          templates: devTemplates(join(dataDir, 'pki'), 16),
          messages,
          receipts: hubReceiptSigner(dataDir),
          until: new Date(),
        });
      if (server === undefined) {
        // Embedded SQLite: loaded the way bulk loads into SQLite are (indexes built afterwards).
        const store = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
        await store.init();
        const loaded = await withBulkLoading(store, load(store));
        await store.close();
        return loaded;
      }
      const store = new MongoLedger({ url: server.url, database });
      await store.init();
      const loaded = await load(store)();
      await store.close();
      return loaded;
    };
    // A kept folder (`--data`) that holds a ledger is measured as it is.
    const kept = server === undefined ? await messagesInSqlite(dataDir) : 0;
    const loaded = kept > 0 ? undefined : await fill();
    await hub.start(120_000); // a large ledger takes longer to open
    await sleep(settleSeconds * 1000);
    const hubWatch = watchProcess(hub.pid as number);
    const serverWatch = server === undefined ? undefined : watchPids(() => server.pids());
    await sleep(seconds * 1000);
    const hubCost = hubWatch.stop();
    const serverCpu = serverWatch?.stop();
    return {
      ledger,
      messages: loaded?.messages ?? kept,
      loadSeconds: (loaded?.elapsedMs ?? 0) / 1000,
      seconds,
      hubCpuPercent: hubCost.cpuPercent,
      hubRssMiB: hubCost.peakRssMiB,
      ...(serverCpu === undefined ? {} : { ledgerServerCpuPercent: serverCpu }),
    };
  } finally {
    // The PostgreSQL cluster is the services' own: the bench's database goes with the run.
    await stop();
    await server?.stop();
  }
}

const rows: IdleRow[] = [];
for (const ledger of ledgers) {
  const row = await idleRow(ledger);
  rows.push(row);
  console.log(
    `${ledger}: ${row.messages} messages (loaded in ${row.loadSeconds.toFixed(0)} s); idle ${seconds} s: hub ${row.hubCpuPercent.toFixed(2)}% of a core, ledger server ${row.ledgerServerCpuPercent === undefined ? '(embedded)' : `${row.ledgerServerCpuPercent.toFixed(2)}%`}`,
  );
}
console.log('');
console.log('| ledger | messages | hub CPU | ledger server CPU | together | hub RSS |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const server = row.ledgerServerCpuPercent ?? 0;
  console.log(
    `| ${row.ledger} | ${row.messages} | ${row.hubCpuPercent.toFixed(2)}% | ${row.ledgerServerCpuPercent === undefined ? '—' : `${server.toFixed(2)}%`} | ${(row.hubCpuPercent + server).toFixed(2)}% | ${row.hubRssMiB.toFixed(0)} MiB |`,
  );
}
const command = `npm run bench:idle${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: stamp, command, rows }, null, 2)}\n`);
console.log(`\nJSON: ${out}`);
process.exit(0);
