/**
 * The figures of `npm run bench` as one record per measured phase, the table printed at the
 * end (markdown, for docs/performance.md) and the JSON written next to it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatRate } from '../harness.ts';
import type { ProcCost } from './proc_stats.ts';
import type { AmqpRow } from './amqp_report.ts';

/** Latency quantiles, ms. */
export interface Quantiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** One phase against one server. */
export interface PhaseFigures {
  readonly messagesPerSecond: number;
  readonly sent: number;
  readonly accepted: number;
  readonly elapsedMs: number;
  /** Submission → response (for the hub: the signed receipt). */
  readonly responseMs: Quantiles;
  readonly server: ProcCost;
  /** This (client) process's share of a core meanwhile. */
  readonly clientCpuPercent: number;
}

/** One row: the hub and its baselines at one concurrency on one ledger. */
export interface WireRow {
  readonly ledger: string;
  readonly senders: number;
  readonly hub: PhaseFigures & {
    /** Submission → first seen in the recipient's mailbox (long poll). */
    readonly endToEndMs: Quantiles;
    /** Messages the hub accepted that their recipient saw within the wait. */
    readonly seen: number;
    /** The prepared messages ran out before the time was up. */
    readonly exhausted: boolean;
    /** The mean time of each pipeline step in the hub, ms (bench/wire/steps.ts). */
    readonly stepsMs?: Readonly<Record<string, number>>;
  };
  readonly echo: PhaseFigures;
  /** The mean size of the bodies sent, bytes (requests and answers alike). */
  readonly meanBodyBytes: number;
  /** Raw ES256 verify + sign per second of the same messages, in this process. */
  readonly rawCryptoPerSecond: number;
  /**
   * Raw inserts per second of the same documents into the ledger's backend, by its driver, as
   * many in flight as senders (bench/wire/raw_insert.ts); absent in runs before 2026-12-05.
   */
  readonly rawInsertPerSecond?: number;
}

/** One open-loop phase: the hub at a fixed offered rate, recipients picking up. */
export interface OpenLoopRow {
  readonly ledger: string;
  readonly offeredPerSecond: number;
  readonly acceptedPerSecond: number;
  /** From each message's scheduled time. */
  readonly responseMs: Quantiles;
  readonly endToEndMs: Quantiles;
  readonly server: ProcCost;
}

/** The whole run. */
export interface WireReport {
  readonly date: string;
  readonly command: string;
  readonly machine: { readonly node: string; readonly cpu: string; readonly cores: number };
  /** Seconds per phase, and whether the recipients picked up during the hub's phases. */
  readonly phaseSeconds: number;
  readonly pickup: boolean;
  readonly rows: readonly WireRow[];
  readonly openLoop: readonly OpenLoopRow[];
  /** The AMQP rows (bench/wire/amqp_report.ts formats them). */
  readonly amqp?: readonly AmqpRow[];
}

const ms = (value: number): string => (Number.isNaN(value) ? '–' : value.toFixed(1));
const trio = (q: Quantiles): string => `${ms(q.p50)} / ${ms(q.p95)} / ${ms(q.p99)}`;

/** The markdown table of a run. */
export function formatTable(report: WireReport): string {
  const header = [
    'ledger',
    'senders',
    'hub msg/s',
    'echo msg/s',
    'hub / echo',
    'raw verify+sign/s',
    'hub / raw',
    'raw insert/s',
    'hub / insert',
    'receipt p50 / p95 / p99 ms',
    'mailbox p50 / p95 / p99 ms',
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
  for (const row of report.rows) {
    const { hub, echo } = row;
    lines.push(
      `| ${[
        row.ledger,
        String(row.senders),
        formatRate(hub.messagesPerSecond) + (hub.exhausted ? ' (ran out)' : ''),
        formatRate(echo.messagesPerSecond),
        (hub.messagesPerSecond / echo.messagesPerSecond).toFixed(2),
        formatRate(row.rawCryptoPerSecond),
        (hub.messagesPerSecond / row.rawCryptoPerSecond).toFixed(2),
        row.rawInsertPerSecond === undefined ? '–' : formatRate(row.rawInsertPerSecond),
        row.rawInsertPerSecond === undefined
          ? '–'
          : (hub.messagesPerSecond / row.rawInsertPerSecond).toFixed(2),
        trio(hub.responseMs),
        trio(hub.endToEndMs),
        hub.server.cpuPercent.toFixed(0),
        hub.server.peakRssMiB.toFixed(0),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** The markdown table of the open-loop phases. */
export function formatOpenLoopTable(rows: readonly OpenLoopRow[]): string {
  const lines = [
    '| ledger | offered msg/s | accepted msg/s | receipt p50 / p95 / p99 ms | mailbox p50 / p95 / p99 ms | hub CPU % | hub RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${[
        row.ledger,
        formatRate(row.offeredPerSecond),
        formatRate(row.acceptedPerSecond),
        trio(row.responseMs),
        trio(row.endToEndMs),
        row.server.cpuPercent.toFixed(0),
        row.server.peakRssMiB.toFixed(0),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** Writes the run as JSON to `path`. */
export function writeReport(report: WireReport, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
