/**
 * The verdicts of the long curves of `npm run bench`: the growth curve's ratio (cost at the
 * largest ledger over the smallest) and the soak's (RSS at the end over RSS after a minute).
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

  it('compares RSS at the end with the first sample at or after one minute', () => {
    const samples = [5, 30, 60, 120, 180].map((atSeconds, i) => ({
      atSeconds,
      rssMiB: [100, 140, 150, 160, 165][i] as number,
      cpuPercent: 90,
      accepted: i * 1000,
    }));
    expect(rssVerdict(samples)).to.deep.equal({
      rssAfterFirstMinuteMiB: 150,
      rssAtEndMiB: 165,
      rssRatio: 1.1,
    });
    expect(Number.isNaN(rssVerdict([]).rssRatio)).to.equal(true);
  });
});
