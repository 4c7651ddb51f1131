/**
 * The pure parts of the AMQP rows of `npm run bench` (bench/wire/amqp_*.ts): how
 * conversations are dealt to senders and which connections a sender opens, how a receipt is
 * read, how two phases' results become a row (rates, ratio, latency of delivered messages
 * only), the table, the placeholder password files that keep the development network's broker
 * users untouched, and that the bench's own creditors get saldoverzoeken without a BSN.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dealConversations, receiptAccepted, sendersOf } from '../../../bench/wire/amqp_load.ts';
import type { HubPhaseResult, RawPhaseResult } from '../../../bench/wire/amqp_load.ts';
import { amqpRow, formatAmqpTable, quantilesOf } from '../../../bench/wire/amqp_report.ts';
import { keepDevBrokerUsers } from '../../../bench/wire/amqp_rows.ts';
import { benchCreditorOin } from '../../../bench/wire/cast.ts';
import type { Shot } from '../../../bench/wire/cast.ts';
import { DEV_NETWORK } from '../../../src/devnet/dev_network.ts';
import { createDebtCase, saldoverzoek } from '../../../src/demo/debt_case.ts';
import { carriesBsn } from '../../../src/pipeline/rules.ts';
import { passwordPath } from '../../../src/transports/amqp/provisioning.ts';

const shot = (id: string, sender: string): Shot => ({ id, sender, recipient: 'r', body: '{}' });

describe('npm run bench over AMQP: dealing, rows and broker users', () => {
  it('deals conversations round robin and opens a connection per participant a sender speaks for', () => {
    const pairs = [0, 1, 2, 3, 4].map(
      (i) => [shot(`q${i}`, `org${i % 2}`), shot(`a${i}`, `cred${i % 3}`)] as const,
    );
    const lanes = dealConversations(pairs, 2);
    expect(lanes.map((lane) => lane.map(([request]) => request.id))).to.deep.equal([
      ['q0', 'q2', 'q4'],
      ['q1', 'q3'],
    ]);
    expect(sendersOf(lanes[0] ?? [])).to.deep.equal(['org0', 'cred0', 'cred2', 'cred1']);
    expect(sendersOf(lanes[1] ?? [])).to.deep.equal(['org1', 'cred1', 'cred0']);
  });

  it('reads a receipt as accepted only when its status says so', () => {
    expect(receiptAccepted('{"status":"accepted","messageId":"m"}')).to.equal(true);
    expect(receiptAccepted('{"status":"rejected","reasons":[]}')).to.equal(false);
    expect(receiptAccepted('{"messageId":"m"}')).to.equal(false);
  });

  it('makes a row of the two phases: rates, their ratio, latency of what was delivered', () => {
    const hub: HubPhaseResult = {
      sent: 4,
      accepted: 3,
      receiptMs: [30, 10, 20],
      submittedAt: new Map([
        ['a', 100],
        ['b', 200],
        ['c', 300],
      ]),
      elapsedMs: 2000,
      rejected: 1,
      firstRejection: 'x',
      exhausted: false,
    };
    const raw: RawPhaseResult = { consumed: 12, consumedMs: [5, 1, 3], elapsedMs: 1000 };
    const row = amqpRow({
      ledger: 'sqlite',
      senders: 4,
      window: 8,
      hub,
      deliveredAt: new Map([
        ['a', 150],
        ['c', 310],
      ]),
      server: { cpuPercent: 80, peakRssMiB: 200 },
      hubClientCpuPercent: 10,
      raw,
      rawClientCpuPercent: 30,
      meanBodyBytes: 2900,
    });
    expect(row.hub.messagesPerSecond).to.equal(1.5);
    expect(row.raw.messagesPerSecond).to.equal(12);
    expect(row.hubOverRaw).to.equal(0.125);
    expect(row.hub.receiptMs).to.deep.equal({ p50: 20, p95: 30, p99: 30 });
    expect(row.hub.delivered).to.equal(2);
    expect(row.hub.deliveredMs).to.deep.equal({ p50: 10, p95: 50, p99: 50 });
    expect(row.raw.consumedMs.p50).to.equal(3);
    const table = formatAmqpTable([row]).split('\n');
    expect(table).to.have.length(3);
    expect(table[2]).to.equal(
      '| sqlite | 4 × 8 | 2 | 12 | 0.13 | 20.0 / 30.0 / 30.0 | 10.0 / 50.0 / 50.0 | 3.0 / 5.0 / 5.0 | 80 | 200 |',
    );
  });

  it('reads quantiles of unsorted values by nearest rank, and none of nothing', () => {
    expect(quantilesOf([3, 1, 2, 4])).to.deep.equal({ p50: 2, p95: 4, p99: 4 });
    expect(Number.isNaN(quantilesOf([]).p99)).to.equal(true);
  });

  it('writes a placeholder password file (0600) for every development participant', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-bench-amqp-'));
    try {
      keepDevBrokerUsers(dataDir);
      for (const { oin } of DEV_NETWORK) {
        const file = passwordPath(join(dataDir, 'pki'), oin);
        expect(readFileSync(file, 'utf8')).to.match(/^kept by the bench/);
        expect(statSync(file).mode & 0o777).to.equal(0o600);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("gives the bench's own creditors OINs of their own and saldoverzoeken without a BSN", () => {
    const devOins = new Set(DEV_NETWORK.map((p) => p.oin));
    const oins = [1, 14].map(benchCreditorOin);
    expect(oins).to.deep.equal(['00000003999800010000', '00000003999800140000']);
    for (const oin of oins) expect(devOins.has(oin)).to.equal(false);
    const publicBody = createDebtCase().creditors.find((c) => c.publicBody);
    expect(publicBody).not.to.equal(undefined);
    const creditor = { ...(publicBody as NonNullable<typeof publicBody>), publicBody: false };
    expect(carriesBsn(saldoverzoek(createDebtCase(), creditor) as never)).to.equal(false);
    expect(carriesBsn(saldoverzoek(createDebtCase(), publicBody as never) as never)).to.equal(true);
  });
});
