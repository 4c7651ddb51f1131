/**
 * The verdicts of the long curves of `npm run bench`: the growth curve's ratio (cost at the
 * largest ledger over the smallest) and the soak's (median RSS of the last minute over the
 * second's).
 */
import { expect } from 'chai';
import { formatGrowthTable, growthRatio } from '../../../bench/wire/growth.ts';
import type { GrowthRow } from '../../../bench/wire/growth.ts';
import { rssVerdict } from '../../../bench/wire/soak.ts';

const growthRow = (ledgerMessages: number, hubCpuMsPerMessage: number): GrowthRow => ({
  ledgerMessages,
  loadSeconds: 0,
  senders: 16,
  messagesPerSecond: 800,
  hubCpuMsPerMessage,
  responseP99Ms: 20,
  hubRssMiB: 150,
});

describe('npm run bench: the verdicts of the growth curve and the soak', () => {
  it('compares the cost at the largest ledger with the cost at the smallest', () => {
    const rows = [growthRow(1000, 1.0), growthRow(100_000, 1.1), growthRow(1_000_000, 1.25)];
    expect(growthRatio(rows)).to.be.closeTo(1.25, 1e-9);
    expect(Number.isNaN(growthRatio([]))).to.equal(true);
    expect(formatGrowthTable(rows)).to.contain('| 1,000,000 |').and.to.contain('| 1.25 |');
  });

  it('compares the median RSS of the last minute with that of the second minute', () => {
    // A sawtooth: one sample on a peak must not decide the verdict.
    const rss = [100, 140, 150, 190, 150, 150, 160, 200, 165, 165];
    const samples = rss.map((rssMiB, i) => ({
      atSeconds: 30 * i,
      rssMiB,
      cpuPercent: 90,
      accepted: i * 1000,
    }));
    // Second minute: 60–119 s (150, 190) → 170; last minute: 210–270 s (200, 165, 165) → 165.
    expect(rssVerdict(samples)).to.deep.equal({
      rssAfterFirstMinuteMiB: 170,
      rssAtEndMiB: 165,
      rssRatio: 165 / 170,
    });
    expect(Number.isNaN(rssVerdict([]).rssRatio)).to.equal(true);
  });
});
