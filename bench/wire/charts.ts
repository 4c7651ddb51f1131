/**
 * The charts of `npm run bench` (issue 14), as small hand-written SVG line charts: throughput
 * and p99 against senders (hub and echo), open-loop latency against the offered rate, the cost
 * of a message against the ledger's size (log x-axis) and the hub's resident memory over the
 * soak. `lineChart` is pure (series in, SVG text out); `writeCharts` picks the series out of a
 * run's JSON and writes one file per chart that has data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** What a chart shows. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** A logarithmic x-axis (base 10), for values that span decades. */
  readonly logX?: boolean;
}

/** The plot area inside the 640 × 400 picture. */
export const PLOT = { left: 70, top: 40, width: 540, height: 300 } as const;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A number as a tick label: 1,500 → 1.5k, 1,000,000 → 1M. */
export function tickLabel(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return String(+value.toFixed(abs < 1 ? 2 : 1));
}

/** Round tick values from 0 (or below) to past `max`: 1, 2 or 5 times a power of ten apart. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t < max + step; t += step) {
    ticks.push(+t.toPrecision(12));
    if (t >= max) break;
  }
  return ticks;
}

/** Powers of ten from below `min` to above `max` (at least two). */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  const low = Number.isFinite(min) ? Math.floor(Math.log10(min)) : 0;
  const high = Number.isFinite(max) ? Math.max(low + 1, Math.ceil(Math.log10(max))) : low + 1;
  for (let e = low; e <= high; e += 1) {
    ticks.push(10 ** e);
  }
  return ticks;
}

/** The scales of a chart: value → pixel on each axis, and the ticks they cover. */
export function scalesOf(spec: ChartSpec): {
  x: (value: number) => number;
  y: (value: number) => number;
  xTicks: number[];
  yTicks: number[];
} {
  const points = spec.series.flatMap((series) => series.points);
  const xs = points.map(([x]) => x).filter((x) => !spec.logX || x > 0);
  const ys = points.map(([, y]) => y).filter(Number.isFinite);
  const xTicks = spec.logX
    ? logTicks(Math.min(...xs), Math.max(...xs))
    : linearTicks(Math.min(0, ...xs), Math.max(...xs, 1));
  const yTicks = linearTicks(Math.min(0, ...ys), Math.max(...ys, 1e-9));
  const [x0, x1] = [xTicks[0] as number, xTicks.at(-1) as number];
  const [y0, y1] = [yTicks[0] as number, yTicks.at(-1) as number];
  const fx = spec.logX
    ? (v: number) => (Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0) || 1)
    : (v: number) => (v - x0) / (x1 - x0 || 1);
  return {
    x: (v) => +(PLOT.left + fx(v) * PLOT.width).toFixed(1),
    y: (v) => +(PLOT.top + PLOT.height - ((v - y0) / (y1 - y0 || 1)) * PLOT.height).toFixed(1),
    xTicks,
    yTicks,
  };
}

/** The chart as an SVG document. */
export function lineChart(spec: ChartSpec): string {
  const { x, y, xTicks, yTicks } = scalesOf(spec);
  const bottom = PLOT.top + PLOT.height;
  const right = PLOT.left + PLOT.width;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400" font-family="sans-serif" font-size="12">`,
    `<rect width="640" height="400" fill="white"/>`,
    `<text x="320" y="22" text-anchor="middle" font-size="15">${escape(spec.title)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(
      `<line class="grid" x1="${PLOT.left}" x2="${right}" y1="${y(t)}" y2="${y(t)}" stroke="#e0e0e0"/>`,
      `<text x="${PLOT.left - 6}" y="${y(t) + 4}" text-anchor="end">${tickLabel(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(
      `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${PLOT.top}" y2="${bottom}" stroke="#f0f0f0"/>`,
      `<text x="${x(t)}" y="${bottom + 16}" text-anchor="middle">${tickLabel(t)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${PLOT.left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="black"/>`,
    `<line class="axis" x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${bottom}" stroke="black"/>`,
    `<text x="${PLOT.left + PLOT.width / 2}" y="${bottom + 36}" text-anchor="middle">${escape(spec.xLabel)}${spec.logX ? ' (log scale)' : ''}</text>`,
    `<text transform="translate(18 ${PLOT.top + PLOT.height / 2}) rotate(-90)" text-anchor="middle">${escape(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length] as string;
    const points = series.points.filter(
      ([px, py]) => Number.isFinite(py) && (!spec.logX || px > 0),
    );
    const path = points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ');
    parts.push(
      `<polyline class="series" fill="none" stroke="${colour}" stroke-width="2" points="${path}"/>`,
    );
    if (points.length <= 40) {
      for (const [px, py] of points) {
        parts.push(`<circle cx="${x(px)}" cy="${y(py)}" r="3" fill="${colour}"/>`);
      }
    }
    const ly = PLOT.top + 8 + i * 16;
    parts.push(
      `<line x1="${PLOT.left + 12}" x2="${PLOT.left + 32}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${PLOT.left + 38}" y="${ly + 4}">${escape(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** What the charts read from a run's JSON (each part optional: a run may lack it). */
export interface ChartableReport {
  readonly rows?: readonly {
    readonly ledger: string;
    readonly senders: number;
    readonly hub: { messagesPerSecond: number; responseMs: { p99: number } };
    readonly echo: { messagesPerSecond: number; responseMs: { p99: number } };
  }[];
  readonly openLoop?: readonly {
    readonly ledger: string;
    readonly offeredPerSecond: number;
    readonly endToEndMs: { p50: number; p99: number };
  }[];
  readonly growth?: readonly { ledgerMessages: number; hubCpuMsPerMessage: number }[];
  readonly soak?: { readonly samples: readonly { atSeconds: number; rssMiB: number }[] };
}

/** The charts a run's JSON gives, by file name. */
export function chartsOf(report: ChartableReport): Map<string, string> {
  const charts = new Map<string, string>();
  const rows = report.rows ?? [];
  const ledgers = [...new Set(rows.map((row) => row.ledger))];
  const bySenders = (pick: (row: (typeof rows)[number]) => number, ledger: string) =>
    rows.filter((row) => row.ledger === ledger).map((row) => [row.senders, pick(row)] as const);
  if (rows.length > 0) {
    charts.set(
      'throughput-vs-senders.svg',
      lineChart({
        title: 'Accepted messages per second against concurrent senders',
        xLabel: 'concurrent senders',
        yLabel: 'messages/s',
        series: [
          ...ledgers.map((l) => ({
            name: `hub (${l})`,
            points: bySenders((r) => r.hub.messagesPerSecond, l),
          })),
          {
            name: 'express echo',
            points: bySenders((r) => r.echo.messagesPerSecond, ledgers[0] as string),
          },
        ],
      }),
    );
    charts.set(
      'p99-vs-senders.svg',
      lineChart({
        title: 'Receipt latency p99 against concurrent senders',
        xLabel: 'concurrent senders',
        yLabel: 'p99 ms',
        series: [
          ...ledgers.map((l) => ({
            name: `hub (${l})`,
            points: bySenders((r) => r.hub.responseMs.p99, l),
          })),
          {
            name: 'express echo',
            points: bySenders((r) => r.echo.responseMs.p99, ledgers[0] as string),
          },
        ],
      }),
    );
  }
  const open = report.openLoop ?? [];
  if (open.length > 0) {
    const openLedgers = [...new Set(open.map((row) => row.ledger))];
    charts.set(
      'open-loop-latency.svg',
      lineChart({
        title: 'Submitted → in the mailbox, at a fixed offered rate',
        xLabel: 'offered messages/s',
        yLabel: 'ms',
        series: openLedgers.flatMap((l) => {
          const of = open.filter((row) => row.ledger === l);
          return [
            {
              name: `p50 (${l})`,
              points: of.map((r) => [r.offeredPerSecond, r.endToEndMs.p50] as const),
            },
            {
              name: `p99 (${l})`,
              points: of.map((r) => [r.offeredPerSecond, r.endToEndMs.p99] as const),
            },
          ];
        }),
      }),
    );
  }
  if ((report.growth ?? []).length > 0) {
    charts.set(
      'cost-vs-ledger-size.svg',
      lineChart({
        title: "The hub's CPU per message as the ledger grows (SQLite)",
        xLabel: 'messages in the ledger',
        yLabel: 'hub CPU ms per message',
        logX: true,
        series: [
          {
            name: 'hub CPU ms / message',
            points: (report.growth ?? []).map(
              (r) => [r.ledgerMessages, r.hubCpuMsPerMessage] as const,
            ),
          },
        ],
      }),
    );
  }
  if ((report.soak?.samples ?? []).length > 0) {
    charts.set(
      'rss-over-time.svg',
      lineChart({
        title: "The hub's resident memory under sustained load",
        xLabel: 'minutes',
        yLabel: 'RSS MiB',
        series: [
          {
            name: 'hub RSS',
            points: (report.soak?.samples ?? []).map((s) => [s.atSeconds / 60, s.rssMiB] as const),
          },
        ],
      }),
    );
  }
  return charts;
}

/** Writes the charts of `report` into `dir`; the paths written. */
export function writeCharts(report: ChartableReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return [...chartsOf(report)].map(([name, svg]) => {
    const path = join(dir, name);
    writeFileSync(path, svg);
    return path;
  });
}
