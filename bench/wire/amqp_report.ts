/**
 * The AMQP rows of `npm run bench`: one record per ledger and number of senders — the hub's
 * accepted messages/s over AMQP, publish → receipt and publish → delivered latency, the hub's
 * CPU and memory — next to raw amqplib publish → consume on the same broker in the same run,
 * and the markdown table of them (beside the REST table of report.ts, not inside it).
 */
import { formatRate } from '../harness.ts';
import { quantile } from './load.ts';
import type { HubPhaseResult, RawPhaseResult } from './amqp_load.ts';
import type { ProcCost } from './proc_stats.ts';
import type { Quantiles } from './report.ts';

/** One row: the hub over AMQP and raw amqplib at one concurrency on one ledger. */
export interface AmqpRow {
  readonly ledger: string;
  /** Concurrent senders, and conversations (= messages) each keeps in flight. */
  readonly senders: number;
  readonly window: number;
  readonly hub: {
    readonly messagesPerSecond: number;
    readonly sent: number;
    readonly accepted: number;
    readonly elapsedMs: number;
    /** Publish → the receipt of acceptance on the sender's queue. */
    readonly receiptMs: Quantiles;
    /** Publish → the delivery on the recipient's queue. */
    readonly deliveredMs: Quantiles;
    /** Accepted messages whose delivery came within the wait. */
    readonly delivered: number;
    readonly exhausted: boolean;
    readonly server: ProcCost;
    /** This (client) process's share of a core meanwhile. */
    readonly clientCpuPercent: number;
  };
  readonly raw: {
    readonly messagesPerSecond: number;
    readonly consumed: number;
    readonly elapsedMs: number;
    /** Publish → consumed. */
    readonly consumedMs: Quantiles;
    readonly clientCpuPercent: number;
  };
  /** The hub's rate as a share of raw amqplib's (target ≥ 0.25). */
  readonly hubOverRaw: number;
  /** The mean size of the bodies sent, bytes. */
  readonly meanBodyBytes: number;
}

/** p50, p95, p99 of unsorted values (nearest rank; NaN of none). */
export function quantilesOf(values: readonly number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
  };
}

/** What a row is made of besides the two phases' results. */
export interface AmqpRowInputs {
  readonly ledger: string;
  readonly senders: number;
  readonly window: number;
  readonly hub: HubPhaseResult;
  /** When each message came to its recipient's queue (performance.now()). */
  readonly deliveredAt: ReadonlyMap<string, number>;
  readonly server: ProcCost;
  readonly hubClientCpuPercent: number;
  readonly raw: RawPhaseResult;
  readonly rawClientCpuPercent: number;
  readonly meanBodyBytes: number;
}

/** Makes a row of two phases' results (pure). */
export function amqpRow(inputs: AmqpRowInputs): AmqpRow {
  const { hub, raw, deliveredAt } = inputs;
  const delivered: number[] = [];
  for (const [id, at] of hub.submittedAt) {
    const came = deliveredAt.get(id);
    if (came !== undefined) delivered.push(came - at);
  }
  const hubRate = (hub.accepted * 1000) / hub.elapsedMs;
  const rawRate = (raw.consumed * 1000) / raw.elapsedMs;
  return {
    ledger: inputs.ledger,
    senders: inputs.senders,
    window: inputs.window,
    hub: {
      messagesPerSecond: hubRate,
      sent: hub.sent,
      accepted: hub.accepted,
      elapsedMs: hub.elapsedMs,
      receiptMs: quantilesOf(hub.receiptMs),
      deliveredMs: quantilesOf(delivered),
      delivered: delivered.length,
      exhausted: hub.exhausted,
      server: inputs.server,
      clientCpuPercent: inputs.hubClientCpuPercent,
    },
    raw: {
      messagesPerSecond: rawRate,
      consumed: raw.consumed,
      elapsedMs: raw.elapsedMs,
      consumedMs: quantilesOf(raw.consumedMs),
      clientCpuPercent: inputs.rawClientCpuPercent,
    },
    hubOverRaw: hubRate / rawRate,
    meanBodyBytes: inputs.meanBodyBytes,
  };
}

const ms = (value: number): string => (Number.isNaN(value) ? '–' : value.toFixed(1));
const trio = (q: Quantiles): string => `${ms(q.p50)} / ${ms(q.p95)} / ${ms(q.p99)}`;

/** The markdown table of the AMQP rows. */
export function formatAmqpTable(rows: readonly AmqpRow[]): string {
  const header = [
    'ledger',
    'senders × window',
    'hub msg/s',
    'raw amqplib msg/s',
    'hub / raw',
    'receipt p50 / p95 / p99 ms',
    'delivered p50 / p95 / p99 ms',
    'raw consumed p50 / p95 / p99 ms',
    'hub CPU %',
    'hub RSS MiB',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| --- | ${header
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
  ];
  for (const row of rows) {
    lines.push(
      `| ${[
        row.ledger,
        `${row.senders} × ${row.window}`,
        formatRate(row.hub.messagesPerSecond) + (row.hub.exhausted ? ' (ran out)' : ''),
        formatRate(row.raw.messagesPerSecond),
        row.hubOverRaw.toFixed(2),
        trio(row.hub.receiptMs),
        trio(row.hub.deliveredMs),
        trio(row.raw.consumedMs),
        row.hub.server.cpuPercent.toFixed(0),
        row.hub.server.peakRssMiB.toFixed(0),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
