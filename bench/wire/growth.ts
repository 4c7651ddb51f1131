/**
 * `npm run bench -- --growth=1000,10000,100000,1000000` (issue 14): what a message costs the
 * hub as its ledger grows. One hub on the embedded SQLite ledger, its data folder kept between
 * sizes: for each size the hub is stopped, the bulk loader (bulk_load.ts) fills its ledger up to
 * that many messages, the hub starts again, and a short closed-loop phase (16 senders, the
 * recipients picking up) measures messages/s and the hub's CPU milliseconds per message. The
 * target: the cost at a million within 20% of the cost at a thousand.
 *
 * `--keep-data=<dir>` keeps the data folder there, and a later run on it starts from the
 * messages its ledger holds: a second run at the largest size measures the same ledger again,
 * with its file in the page cache this time, and `npm run bench:idle -- --data=<dir>` measures it idle.
 */
import { join } from 'node:path';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import type { HubProcess } from '../../test/support/faults.ts';
import {
  bulkLoad,
  devTemplates,
  hubReceiptSigner,
  messagesInSqlite,
  withBulkLoading,
} from './bulk_load.ts';
import { conversations, onboardCast } from './cast.ts';
import type { Cast } from './cast.ts';
import { WireClient } from './http_client.ts';
import { dealLanes, quantile, runLoad } from './load.ts';
import { measuredPhase, takeTokens } from './phase.ts';
import { procSample } from './proc_stats.ts';
import { benchHub } from './servers.ts';

/** One size of the ledger and what a message cost at it. */
export interface GrowthRow {
  /** Messages in the ledger when the phase began. */
  readonly ledgerMessages: number;
  /** How long the loader took to add the messages since the previous size, s. */
  readonly loadSeconds: number;
  readonly senders: number;
  readonly messagesPerSecond: number;
  /** The hub's CPU time (user + system) per accepted message, ms. */
  readonly hubCpuMsPerMessage: number;
  readonly responseP99Ms: number;
  readonly hubRssMiB: number;
}

/** Options of the growth curve. */
export interface GrowthOptions {
  readonly sizes: readonly number[];
  readonly seconds: number;
  /** @defaultValue 16 */
  readonly senders?: number;
  /** A data folder to keep (and to go on from, when it holds a ledger already). */
  readonly keepDataDir?: string | undefined;
  /** Called with how to stop the run's hub and remove its data (for a caller's timeout). */
  readonly track?: (stop: () => Promise<void>) => void;
  readonly log?: (line: string) => void;
}

/** The cost at the largest size over the cost at the smallest (the target: at most 1.2). */
export function growthRatio(rows: readonly GrowthRow[]): number {
  const first = rows[0];
  const last = rows.at(-1);
  if (first === undefined || last === undefined) return Number.NaN;
  return last.hubCpuMsPerMessage / first.hubCpuMsPerMessage;
}

/** One closed-loop phase against the running hub: its figures. */
async function phase(
  hub: HubProcess,
  cast: Cast,
  lanes: number,
  seconds: number,
  offset: number,
): Promise<{ accepted: number; perSecond: number; cpuMs: number; p99: number; rss: number }> {
  const pid = hub.pid as number;
  const tokens = await takeTokens(hub.baseUrl, cast);
  const pairs = conversations(cast, Math.ceil((Math.min(2500, 300 * lanes) * seconds) / 2), offset);
  const { result } = await measuredPhase({
    baseUrl: hub.baseUrl,
    tokens,
    connections: lanes,
    load: async (client) => {
      const before = procSample(pid);
      const loaded = await runLoad({
        client,
        lanes: dealLanes(pairs, lanes),
        durationMs: seconds * 1000,
        tokens,
      });
      const after = procSample(pid);
      if (loaded.refused.size > 0) throw new Error(`refused: ${loaded.firstRefusal}`);
      return { loaded, before, after };
    },
    accepted: ({ loaded }) => loaded.submittedAt.keys(),
  });
  const { loaded, before, after } = result;
  return {
    accepted: loaded.accepted,
    perSecond: (loaded.accepted * 1000) / loaded.elapsedMs,
    cpuMs: ((after.cpuSeconds - before.cpuSeconds) * 1000) / loaded.accepted,
    p99: quantile(loaded.responseMs, 0.99),
    rss: after.rssMiB,
  };
}

/**
 * Runs the growth curve; the data folder (up to ~10 GB at a million) is removed after, unless
 * kept (`keepDataDir`).
 */
export async function runGrowth(options: GrowthOptions): Promise<GrowthRow[]> {
  const { sizes, seconds, senders = 16, log = console.log, keepDataDir } = options;
  const { hub, dataDir, stop } = await benchHub({ label: 'growth', keepDataDir });
  const kept = await messagesInSqlite(dataDir);
  if (kept > 0) log(`growth: going on from the ${kept} messages in ${dataDir}`);
  // A run stopped on its limit or by a signal removes the data folder too (gigabytes at 1M).
  options.track?.(stop);
  const rows: GrowthRow[] = [];
  try {
    await hub.start();
    const admin = new WireClient(hub.baseUrl, 2);
    const cast = await onboardCast(admin, dataDir, 4);
    admin.close();
    let offset = 0;
    // Warm-up (JIT, caches); its messages count towards the ledger's size.
    let inLedger = kept + (await phase(hub, cast, 4, 1, offset)).accepted;
    offset += 100_000;
    const templates = devTemplates(join(dataDir, 'pki'), 64);
    const receipts = hubReceiptSigner(dataDir);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      let loadSeconds = 0;
      if (size > inLedger) {
        await hub.terminate();
        const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
        await ledger.init();
        const loaded = await withBulkLoading(ledger, () =>
          bulkLoad({
            ledger,
            templates,
            messages: size - inLedger,
            receipts,
            until: new Date(),
            // Nothing waits: the bench's recipients would pick up the backlog during the phase.
            waitingShare: 0,
            onProgress: (n) => {
              if (n % 100_000 === 0) log(`growth: ${n} messages loaded`);
            },
          }),
        );
        await ledger.close();
        loadSeconds = loaded.elapsedMs / 1000;
        inLedger += loaded.messages;
        log(`growth: ${loaded.messages} messages loaded in ${loadSeconds.toFixed(0)} s`);
        await hub.start(120_000);
        // A restarted hub is cold again, and so are the pages of a ledger the loader just
        // wrote (at a million the first seconds cost ×1.4 of the steady state, read from disk):
        // a warm-up of its own size's share first — a second per 100,000 messages, 1–10 s.
        const warmUp = Math.min(10, Math.max(1, Math.round(size / 100_000)));
        inLedger += (await phase(hub, cast, 16, warmUp, offset)).accepted;
        offset += 100_000;
      }
      const measured = await phase(hub, cast, senders, seconds, offset);
      offset += 1_000_000;
      rows.push({
        ledgerMessages: inLedger,
        loadSeconds,
        senders,
        messagesPerSecond: measured.perSecond,
        hubCpuMsPerMessage: measured.cpuMs,
        responseP99Ms: measured.p99,
        hubRssMiB: measured.rss,
      });
      log(
        `growth: ${inLedger} in the ledger: ${measured.perSecond.toFixed(0)} msg/s, ${measured.cpuMs.toFixed(2)} hub CPU ms per message`,
      );
      inLedger += measured.accepted;
    }
    return rows;
  } finally {
    await stop();
  }
}

/** The markdown table of the growth curve, with the ratio to the smallest size. */
export function formatGrowthTable(rows: readonly GrowthRow[]): string {
  const base = rows[0]?.hubCpuMsPerMessage ?? Number.NaN;
  const lines = [
    '| ledger messages | load s | senders | hub msg/s | hub CPU ms / msg | vs smallest | receipt p99 ms | hub RSS MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${[
        row.ledgerMessages.toLocaleString('en'),
        row.loadSeconds.toFixed(0),
        String(row.senders),
        row.messagesPerSecond.toFixed(0),
        row.hubCpuMsPerMessage.toFixed(2),
        (row.hubCpuMsPerMessage / base).toFixed(2),
        row.responseP99Ms.toFixed(1),
        row.hubRssMiB.toFixed(0),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
