/**
 * The throughput chart of the overview: messages received per time bucket, drawn by uPlot.
 * The canvas is one image with a description for screen readers; the same numbers are in a
 * visually hidden table right after it.
 */
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Overview } from '../api_types.ts';
import { formatDateTime, formatNumber, formatShortDate, formatTime } from '../format.ts';

type Throughput = Overview['throughput'];

const HEIGHT = 220;

/** Axis labels: times within a day, dates over longer periods. */
function tickFormatter(spanMs: number) {
  return (_u: uPlot, splits: number[]): string[] =>
    splits.map((s) => {
      const iso = new Date(s * 1000).toISOString();
      return spanMs > 36 * 3_600_000 ? formatShortDate(iso) : formatTime(iso);
    });
}

/** A light fill under the line, when the line colour is a hex colour that can take alpha. */
function translucent(color: string): string | undefined {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}22` : undefined;
}

function chartOptions(element: HTMLElement, spanMs: number): uPlot.Options {
  const style = getComputedStyle(element);
  const text = style.color || '#000';
  const line = style.getPropertyValue('--utrecht-link-color').trim() || '#1a5a8c';
  return {
    width: Math.max(element.clientWidth, 280),
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max, 1)] } },
    axes: [
      { stroke: text, values: tickFormatter(spanMs), space: 70 },
      { stroke: text, values: (_u, splits) => splits.map((s) => formatNumber(s)) },
    ],
    series: [{}, { label: 'Ontvangen', stroke: line, width: 2, fill: translucent(line) }],
  };
}

function toData(throughput: Throughput): uPlot.AlignedData {
  return [throughput.map((p) => new Date(p.at).getTime() / 1000), throughput.map((p) => p.count)];
}

export interface ThroughputChartProps {
  readonly from: string;
  readonly to: string;
  readonly throughput: Throughput;
}

export function ThroughputChart({ from, to, throughput }: ThroughputChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const spanMs = new Date(to).getTime() - new Date(from).getTime();

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const chart = new uPlot(chartOptions(element, spanMs), toData(throughput), element);
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [throughput, spanMs]);

  const total = throughput.reduce((sum, p) => sum + p.count, 0);
  const peak = throughput.reduce((max, p) => Math.max(max, p.count), 0);
  const description =
    `Grafiek van de ontvangen berichten van ${formatDateTime(from)} tot ${formatDateTime(to)}: ` +
    `${formatNumber(total)} in totaal, het hoogste aantal in één tijdvak is ${formatNumber(peak)}. ` +
    'De cijfers staan ook in de tabel hierna.';

  return (
    <>
      <div ref={box} role="img" aria-label={description} className="kp-chart" />
      <div className="kp-visually-hidden">
        <Table>
          <TableCaption>Ontvangen berichten per tijdvak</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Tijdvak vanaf</TableHeaderCell>
              <TableHeaderCell scope="col">Aantal</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {throughput.map((p) => (
              <TableRow key={p.at}>
                <TableCell>{formatDateTime(p.at)}</TableCell>
                <TableCell>{formatNumber(p.count)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
