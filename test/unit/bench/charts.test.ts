/**
 * The SVG charts of `npm run bench` (bench/wire/charts.ts): a well-formed SVG document with both
 * axes, round ticks, points scaled into the plot (a log x-axis puts decades evenly apart), and
 * one chart per part of a run's JSON that has data.
 */
import { expect } from 'chai';
import {
  chartsOf,
  lineChart,
  linearTicks,
  PLOT,
  scalesOf,
  tickLabel,
} from '../../../bench/wire/charts.ts';
import type { ChartSpec } from '../../../bench/wire/charts.ts';

const spec: ChartSpec = {
  title: 'Throughput <hub & echo>',
  xLabel: 'senders',
  yLabel: 'messages/s',
  series: [
    {
      name: 'hub',
      points: [
        [1, 200],
        [4, 600],
        [16, 800],
      ],
    },
    {
      name: 'echo',
      points: [
        [1, 900],
        [4, 2600],
        [16, 3100],
      ],
    },
  ],
};

/** The [cx, cy] of every point marker in an SVG. */
function markers(svg: string): [number, number][] {
  return [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe('npm run bench: the SVG charts', () => {
  it('writes one well-formed SVG document with both axes, a legend and an escaped title', () => {
    const svg = lineChart(spec);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
    expect(svg.trim().endsWith('</svg>')).to.equal(true);
    expect(svg.match(/<svg/g)).to.have.length(1);
    expect(svg.match(/class="axis"/g)).to.have.length(2);
    expect(svg.match(/class="series"/g)).to.have.length(2);
    expect(svg).to.contain('Throughput &lt;hub &amp; echo&gt;');
    expect(svg).not.to.contain('<hub');
    expect(svg).to.contain('>senders<').and.to.contain('>messages/s<');
    expect(svg).not.to.contain('NaN');
  });

  it('scales every point into the plot area: the origin bottom left, larger values up and right', () => {
    const points = markers(lineChart(spec));
    expect(points).to.have.length(6);
    for (const [x, y] of points) {
      expect(x).to.be.within(PLOT.left, PLOT.left + PLOT.width);
      expect(y).to.be.within(PLOT.top, PLOT.top + PLOT.height);
    }
    const { x, y, xTicks, yTicks } = scalesOf(spec);
    expect(x(0)).to.equal(PLOT.left);
    expect(y(0)).to.equal(PLOT.top + PLOT.height);
    expect(x(xTicks.at(-1) as number)).to.equal(PLOT.left + PLOT.width);
    expect(y(yTicks.at(-1) as number)).to.equal(PLOT.top);
    const [hub1, hub4] = points;
    expect(hub4?.[0]).to.be.greaterThan(hub1?.[0] as number);
    expect(hub4?.[1]).to.be.lessThan(hub1?.[1] as number); // SVG's y grows downwards
  });

  it('puts decades evenly apart on a log x-axis', () => {
    const { x, xTicks } = scalesOf({
      ...spec,
      logX: true,
      series: [
        {
          name: 'cost',
          points: [
            [1000, 1],
            [10_000, 1.1],
            [1_000_000, 1.2],
          ],
        },
      ],
    });
    expect(xTicks).to.deep.equal([1000, 10_000, 100_000, 1_000_000]);
    expect(x(10_000) - x(1000)).to.be.closeTo(x(1_000_000) - x(100_000), 0.2);
    expect(x(1000)).to.equal(PLOT.left);
  });

  it('picks round ticks and short labels', () => {
    expect(linearTicks(0, 3100)).to.deep.equal([0, 1000, 2000, 3000, 4000]);
    expect(linearTicks(0, 1.2)).to.deep.equal([0, 0.5, 1, 1.5]);
    expect([1_000_000, 1500, 12, 0.25].map(tickLabel)).to.deep.equal(['1M', '1.5k', '12', '0.25']);
  });

  it('draws a chart for each part of a run that has data, and none for the parts it lacks', () => {
    const row = (senders: number) => ({
      ledger: 'sqlite',
      senders,
      hub: { messagesPerSecond: 500, responseMs: { p99: 10 } },
      echo: { messagesPerSecond: 2000, responseMs: { p99: 3 } },
    });
    expect([...chartsOf({ rows: [row(1), row(4)] }).keys()]).to.deep.equal([
      'throughput-vs-senders.svg',
      'p99-vs-senders.svg',
    ]);
    const all = chartsOf({
      rows: [row(1)],
      openLoop: [{ ledger: 'sqlite', offeredPerSecond: 100, endToEndMs: { p50: 5, p99: 9 } }],
      growth: [{ ledgerMessages: 1000, hubCpuMsPerMessage: 1 }],
      soak: { samples: [{ atSeconds: 5, rssMiB: 120 }] },
    });
    expect([...all.keys()]).to.have.members([
      'throughput-vs-senders.svg',
      'p99-vs-senders.svg',
      'open-loop-latency.svg',
      'cost-vs-ledger-size.svg',
      'rss-over-time.svg',
    ]);
    for (const svg of all.values()) expect(Buffer.byteLength(svg)).to.be.below(100_000);
    expect(chartsOf({}).size).to.equal(0);
  });
});
