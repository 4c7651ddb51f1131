/**
 * `npm run bench`: the hub measured over the wire (issue 14). The hub runs as a process of its
 * own on each ledger; debt-help organisations are onboarded through its operator API; a pool of
 * concurrent senders posts saldoverzoeken and their answers (1–20 claim lines, the demo's case
 * generator, signed beforehand) over keep-alive HTTP while the recipients long-poll their
 * mailboxes and acknowledge. Each row: accepted messages/s, the receipt's and the mailbox's
 * latency (p50/p95/p99), the hub's CPU and peak resident memory — next to the same bodies
 * posted by the same client to a bare express echo, to raw ES256 verify + sign of the same
 * signatures, and to raw inserts of the same documents into the ledger's backend with its
 * driver (bench/wire/raw_insert.ts), measured in the same run. Prints a markdown table, writes JSON.
 *
 * `-- --quick`: SQLite, 4 and 16 senders, 4 s each (under a minute; run by .ci/run). Exits 1
 * only when the harness breaks (a message refused, one never seen in its mailbox, a process
 * that does not start) — never on a figure. `--out=<file>`, `--seconds=N`,
 * `--senders=1,4,16,64`, `--ledgers=sqlite,mongodb,mongodb-pg` (mongodb-pg: FerretDB on
 * PostgreSQL), `--pickup=off` (nobody picks up during the closed-loop phases: ingest alone, no mailbox latency), `--rates=100,500,1000` (open-loop
 * phases at these offered rates, recipients picking up; none in the quick run), `--profile=<dir>`
 * (the hub runs under `--cpu-prof` and writes its profile to <dir> when it stops).
 * `--processes=N` (1): the hub runs N processes on one port (`KNOOPPUNT_PROCESSES`); its CPU
 * and memory figures are those of its whole process tree (bench/wire/proc_stats.ts).
 * `--transports=rest,amqp` (default both; REST only in the quick run): the AMQP rows run the
 * hub with RabbitMQ on a vhost of its own, each sender keeping `--window=N` (32) messages in
 * flight, next to raw amqplib publish → consume on quorum queues (bench/wire/amqp_rows.ts).
 * `--growth=1000,10000,100000,1000000`: the cost of a message as the SQLite ledger grows, a
 * bulk loader filling it between short phases (bench/wire/growth.ts; `--keep-data=<dir>` keeps
 * its ledger there, and a later run goes on from it). `--soak=<minutes>`: the
 * hub's resident memory over a sustained run (bench/wire/soak.ts). `--full` runs both with
 * those defaults (1k to 1M, 10 minutes); without it neither runs unless asked for. Charts (SVG)
 * go next to the JSON, in a folder of the same name; `--charts-from=<json> --charts-out=<dir>`
 * only draws the charts of an existing JSON (bench/wire/charts.ts).
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { mongoUrlOf, startEcho, startHub } from './wire/servers.ts';
import type { BenchLedger, ServerProcess } from './wire/servers.ts';
import { conversations, onboardCast } from './wire/cast.ts';
import type { Cast } from './wire/cast.ts';
import { WireClient } from './wire/http_client.ts';
import { dealLanes, quantile, runLoad } from './wire/load.ts';
import type { LoadResult } from './wire/load.ts';
import { measuredPhase, takeTokens } from './wire/phase.ts';
import { formatSteps, stepMeans, stepTotals } from './wire/steps.ts';
import { watchProcess } from './wire/proc_stats.ts';
import { rawCryptoRate } from './wire/raw_crypto.ts';
import { rawInsertRate } from './wire/raw_insert.ts';
import { runOpenLoop } from './wire/open_loop.ts';
import { formatOpenLoopTable, formatTable, writeReport } from './wire/report.ts';
import type { OpenLoopRow, PhaseFigures, Quantiles, WireRow } from './wire/report.ts';
import { mongoAvailable } from '../test/support/mongo.ts';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { formatGrowthTable, runGrowth } from './wire/growth.ts';
import type { GrowthRow } from './wire/growth.ts';
import { formatSoak, runSoak } from './wire/soak.ts';
import type { SoakResult } from './wire/soak.ts';
import { writeCharts } from './wire/charts.ts';
import type { ChartableReport } from './wire/charts.ts';
import { rabbitAvailable, removeOrphanVhosts } from '../test/support/amqp.ts';
import { amqpLedgerRows } from './wire/amqp_rows.ts';
import { formatAmqpTable } from './wire/amqp_report.ts';
import type { AmqpRow } from './wire/amqp_report.ts';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined =>
  argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = argv.includes('--quick');
const seconds = Number(option('seconds') ?? (quick ? 4 : 8));
const senders = (option('senders') ?? (quick ? '4,16' : '1,4,16,64')).split(',').map(Number);
/** Whether the recipients pick up during the hub's phases (`--pickup=off`: ingest alone). */
const pickupOn = option('pickup') !== 'off';
/** Offered rates of the open-loop phases (none in the quick run). */
const rates = (option('rates') ?? (quick ? '' : '100,500,1000'))
  .split(',')
  .filter((rate) => rate !== '')
  .map(Number);
const ledgers = (option('ledgers') ?? (quick ? 'sqlite' : 'sqlite,mongodb')).split(
  ',',
) as BenchLedger[];
/** The transports measured: REST rows and AMQP rows (`--transports=rest,amqp`). */
const transports = (option('transports') ?? (quick ? 'rest' : 'rest,amqp')).split(',');
/** Messages each AMQP sender keeps in flight. */
const amqpWindow = Number(option('window') ?? 32);
/** `--processes=N`: the hub runs N processes on its port (KNOOPPUNT_PROCESSES); CPU and memory cover them all. */
const processes = Number(option('processes') ?? 1);
/** `--profile=<dir>`: the hub runs under `--cpu-prof` and writes its profile there. */
const profileDir = option('profile');
const stamp = new Date().toISOString();
const out = option('out') ?? join('bench', 'results', `wire-${stamp.replace(/[:.]/g, '-')}.json`);
/**
 * `--full`: every curve, the long ones too — the growth curve and the soak — which a run
 * without it leaves out unless asked for (they take about half an hour together).
 */
const full = argv.includes('--full');
/** Ledger sizes of the growth curve (`--growth=off`: none). */
const growthSizes = (option('growth') ?? (full ? '1000,10000,100000,1000000' : 'off'))
  .split(',')
  .filter((size) => size !== 'off' && size !== '')
  .map(Number);
/** Minutes of the soak (`--soak=0`: none). */
const soakMinutes = Number(option('soak') ?? (full ? 10 : 0));
/** `--charts-from=<json>`: only draw the charts of that run, into `--charts-out=<dir>`. */
const chartsFrom = option('charts-from');
/** The whole run's limit: past it the harness is broken (it stops its processes and exits 1). */
const limitSeconds =
  Number(option('limit') ?? (quick ? 150 : 1200)) +
  soakMinutes * 60 +
  (growthSizes.length > 0 ? 1800 : 0);
/** Debt-help organisations onboarded; the 14 creditors answer them. */
const ORGANISATIONS = 4;
/** Most messages a sender pool is given per second of a phase (more than the hub takes). */
const messagesPerSecondCap = (lanes: number): number => Math.min(2500, 300 * lanes);

const running = new Set<ServerProcess>();
async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((server) => server.stop()));
  running.clear();
}
const watchdog = setTimeout(() => {
  console.error(`bench: not done after ${limitSeconds} s — the harness is stuck`);
  void stopAll().finally(() => process.exit(1));
}, limitSeconds * 1000);
watchdog.unref();
process.once('SIGTERM', () => void stopAll().finally(() => process.exit(1)));
process.once('SIGINT', () => void stopAll().finally(() => process.exit(1)));

const quantiles = (sorted: readonly number[]): Quantiles => ({
  p50: quantile(sorted, 0.5),
  p95: quantile(sorted, 0.95),
  p99: quantile(sorted, 0.99),
});

/** Runs `load` against `server`, with its CPU and memory and this process's CPU. */
async function measured(
  server: ServerProcess,
  load: () => Promise<LoadResult>,
): Promise<[LoadResult, PhaseFigures]> {
  const watch = watchProcess(server.pid);
  const cpu = process.cpuUsage();
  const result = await load();
  const cost = watch.stop();
  const used = process.cpuUsage(cpu);
  if (result.refused.size > 0) {
    const counts = [...result.refused].map(([status, n]) => `${n}× HTTP ${status}`).join(', ');
    throw new Error(`${server.baseUrl} refused ${counts}; the first: ${result.firstRefusal}`);
  }
  return [
    result,
    {
      messagesPerSecond: (result.accepted * 1000) / result.elapsedMs,
      sent: result.sent,
      accepted: result.accepted,
      elapsedMs: result.elapsedMs,
      responseMs: quantiles(result.responseMs),
      server: cost,
      clientCpuPercent: ((used.user + used.system) / 1000 / result.elapsedMs) * 100,
    },
  ];
}

/** One row: echo, then the hub with its recipients picking up, at `lanes` senders. */
async function row(
  ledger: BenchLedger,
  hub: ServerProcess,
  echo: ServerProcess,
  cast: Cast,
  lanes: number,
  offset: number,
  phaseSeconds = seconds,
): Promise<WireRow> {
  const actors = [...cast.organisations, ...cast.creditors];
  const tokens = await takeTokens(hub.baseUrl, cast);
  const pairs = conversations(
    cast,
    Math.ceil((messagesPerSecondCap(lanes) * phaseSeconds) / 2),
    offset,
  );
  const dealt = dealLanes(pairs, lanes);
  const durationMs = phaseSeconds * 1000;

  const echoClient = new WireClient(echo.baseUrl, lanes);
  const [, echoFigures] = await measured(echo, () =>
    runLoad({ client: echoClient, lanes: dealt, durationMs, tokens, cycle: true }),
  );
  echoClient.close();

  const metricsClient = new WireClient(hub.baseUrl, 1);
  const stepsBefore = await stepTotals(metricsClient);
  const phase = await measuredPhase({
    baseUrl: hub.baseUrl,
    tokens,
    connections: lanes,
    pickup: pickupOn,
    load: (client) => measured(hub, () => runLoad({ client, lanes: dealt, durationMs, tokens })),
    accepted: ([result]) => result.submittedAt.keys(),
  });
  const stepsMs = stepMeans(stepsBefore, await stepTotals(metricsClient));
  metricsClient.close();
  const [result, hubFigures] = phase.result;
  if (phase.ackFailures > 0) throw new Error(`${phase.ackFailures} acknowledgements failed`);
  const endToEnd = pickupOn
    ? [...result.submittedAt].map(([id, at]) => (phase.seenAt.get(id) as number) - at)
    : [];

  const signers = new Map(actors.map((actor) => [actor.oin, actor.signer]));
  const sample = pairs.slice(0, 1000).flat();
  const raw = rawCryptoRate(sample, signers, (actors[0] as Cast['organisations'][number]).signer);
  const mongoUrl = mongoUrlOf(ledger);
  const rawInserts = await rawInsertRate(
    mongoUrl === undefined ? { kind: 'sqlite' } : { kind: 'mongodb', url: mongoUrl },
    sample.map((shot) => shot.body),
    lanes,
    quick ? 1 : 2,
  );
  return {
    ledger,
    senders: lanes,
    hub: {
      ...hubFigures,
      endToEndMs: quantiles(endToEnd.sort((a, b) => a - b)),
      seen: endToEnd.length,
      exhausted: result.sent >= pairs.length * 2,
      stepsMs,
    },
    echo: echoFigures,
    meanBodyBytes: Math.round(
      sample.reduce((sum, shot) => sum + Buffer.byteLength(shot.body), 0) / sample.length,
    ),
    rawCryptoPerSecond: raw,
    rawInsertPerSecond: rawInserts,
  };
}

/** The hub at `rate` messages/s offered, its recipients picking up. */
async function openLoopRow(
  ledger: BenchLedger,
  hub: ServerProcess,
  cast: Cast,
  rate: number,
  offset: number,
): Promise<OpenLoopRow> {
  const tokens = await takeTokens(hub.baseUrl, cast);
  const pairs = conversations(cast, Math.ceil((rate * seconds) / 2), offset);
  const phase = await measuredPhase({
    baseUrl: hub.baseUrl,
    tokens,
    connections: 256,
    load: async (client) => {
      const watch = watchProcess(hub.pid);
      const result = await runOpenLoop({ client, pairs, rate, tokens });
      const server = watch.stop();
      if (result.refused > 0) {
        throw new Error(
          `${result.refused} refused at ${rate}/s; the first: ${result.firstRefusal}`,
        );
      }
      return { result, server };
    },
    accepted: ({ result }) => result.dueAt.keys(),
  });
  const { result, server } = phase.result;
  const endToEnd = [...result.dueAt].map(([id, due]) => (phase.seenAt.get(id) as number) - due);
  return {
    ledger,
    offeredPerSecond: result.offeredPerSecond,
    acceptedPerSecond: (result.accepted * 1000) / result.elapsedMs,
    responseMs: quantiles(result.responseMs),
    endToEndMs: quantiles(endToEnd.sort((a, b) => a - b)),
    server,
  };
}

/** Every row of one ledger, on a hub of its own. */
async function ledgerRows(
  ledger: BenchLedger,
  echo: ServerProcess,
): Promise<{ rows: WireRow[]; openLoop: OpenLoopRow[] }> {
  const hub = await startHub(ledger, profileDir, undefined, processes);
  running.add(hub);
  try {
    const admin = new WireClient(hub.baseUrl, 2);
    const cast = await onboardCast(admin, hub.dataDir as string, ORGANISATIONS);
    admin.close();
    await row(ledger, hub, echo, cast, 8, 0, quick ? 1 : 2); // warm-up: JIT, caches, ledger files
    const rows: WireRow[] = [];
    let offset = 1_000_000;
    for (const lanes of senders) {
      const measuredRow = await row(ledger, hub, echo, cast, lanes, offset);
      offset += 1_000_000;
      rows.push(measuredRow);
      console.log(
        `${ledger}, ${lanes} senders: ${measuredRow.hub.messagesPerSecond.toFixed(0)} msg/s through the hub, ${measuredRow.echo.messagesPerSecond.toFixed(0)} echoed (bodies of ${measuredRow.meanBodyBytes} bytes on average)`,
      );
      console.log(
        `  receipt p50 ${measuredRow.hub.responseMs.p50.toFixed(1)} ms; pipeline steps, mean ms: ${formatSteps(measuredRow.hub.stepsMs ?? {})}`,
      );
    }
    const openLoop: OpenLoopRow[] = [];
    // An open loop far past what the hub takes only queues (and would wait for its queue).
    const capacity = Math.max(...rows.map((r) => r.hub.messagesPerSecond));
    for (const rate of rates) {
      if (rate > 2 * capacity) {
        console.log(`${ledger}, ${rate}/s offered: skipped, past twice the closed loop's best`);
        continue;
      }
      const measuredRow = await openLoopRow(ledger, hub, cast, rate, offset);
      offset += 1_000_000;
      openLoop.push(measuredRow);
      console.log(
        `${ledger}, ${rate}/s offered: ${measuredRow.acceptedPerSecond.toFixed(0)} msg/s accepted, mailbox p99 ${measuredRow.endToEndMs.p99.toFixed(1)} ms`,
      );
    }
    return { rows, openLoop };
  } finally {
    await hub.stop();
    running.delete(hub);
  }
}

if (chartsFrom !== undefined) {
  const from = JSON.parse(readFileSync(chartsFrom, 'utf8')) as ChartableReport;
  for (const path of writeCharts(from, option('charts-out') ?? dirname(chartsFrom))) {
    console.log(path);
  }
  process.exit(0);
}

const begun = performance.now();
let exitCode = 0;
try {
  const rows: WireRow[] = [];
  const openLoop: OpenLoopRow[] = [];
  const amqpRows: AmqpRow[] = [];
  const amqpOn = transports.includes('amqp') && (await rabbitAvailable());
  if (transports.includes('amqp') && !amqpOn)
    console.log('amqp: no RabbitMQ with management (bash scripts/services.sh start) — skipped');
  if (amqpOn) {
    const orphans = await removeOrphanVhosts();
    if (orphans.length > 0) console.log(`amqp: removed ${orphans.length} vhosts of killed runs`);
  }
  const echo = transports.includes('rest') ? await startEcho() : undefined;
  if (echo !== undefined) running.add(echo);
  for (const ledger of ledgers) {
    const mongoUrl = mongoUrlOf(ledger);
    if (mongoUrl !== undefined && !(await mongoAvailable(mongoUrl))) {
      console.log(
        `${ledger}: nothing answers at ${mongoUrl} (bash scripts/services.sh start) — skipped`,
      );
      continue;
    }
    if (echo !== undefined) {
      const measuredLedger = await ledgerRows(ledger, echo);
      rows.push(...measuredLedger.rows);
      openLoop.push(...measuredLedger.openLoop);
    }
    if (amqpOn) {
      amqpRows.push(
        ...(await amqpLedgerRows({
          ledger,
          senders: quick ? senders.slice(0, 1) : senders, // the quick run: one short phase
          window: amqpWindow,
          seconds,
          warmUpSeconds: quick ? 1 : 2,
          organisations: ORGANISATIONS,
          profileDir,
          running,
          log: (line) => console.log(line),
        })),
      );
    }
  }
  const growth: GrowthRow[] =
    growthSizes.length === 0
      ? []
      : await runGrowth({
          sizes: growthSizes,
          seconds: quick ? 3 : 5,
          keepDataDir: option('keep-data'),
          track: (stop) => running.add({ baseUrl: 'growth', pid: 0, stop }),
        });
  const soak: SoakResult | undefined =
    soakMinutes > 0
      ? await runSoak({ minutes: soakMinutes, track: (hub) => running.add(hub) })
      : undefined;
  const report = {
    date: stamp,
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
    phaseSeconds: seconds,
    hubProcesses: processes,
    pickup: pickupOn,
    rows,
    openLoop,
    amqp: amqpRows,
    growth,
    ...(soak === undefined ? {} : { soak }),
  };
  console.log('');
  console.log(
    `${report.command} — ${report.date}, Node ${report.machine.node}, ${report.machine.cores}× ${report.machine.cpu}, ${seconds} s per phase, recipients ${pickupOn ? 'picking up' : 'idle'}, ${((performance.now() - begun) / 1000).toFixed(0)} s in all`,
  );
  console.log('');
  if (rows.length > 0) console.log(formatTable(report));
  if (amqpRows.length > 0)
    console.log(
      `\nAMQP, ${amqpWindow} messages in flight per sender, against raw amqplib publish → consume with confirms on quorum queues:\n\n${formatAmqpTable(amqpRows)}`,
    );
  if (openLoop.length > 0)
    console.log(`\nOpen loop, ${seconds} s per rate:\n\n${formatOpenLoopTable(openLoop)}`);
  if (growth.length > 0)
    console.log(`\nGrowth of the SQLite ledger, 16 senders:\n\n${formatGrowthTable(growth)}`);
  if (soak !== undefined) console.log(`\n${formatSoak(soak)}`);
  writeReport(report, out);
  console.log(`\nJSON: ${out}`);
  const charts = writeCharts(report, join(dirname(out), basename(out, '.json')));
  if (charts.length > 0) console.log(`Charts: ${dirname(charts[0] as string)}`);
} catch (error) {
  console.error('bench: the harness failed:', error);
  exitCode = 1;
} finally {
  await stopAll();
}
process.exit(exitCode);
