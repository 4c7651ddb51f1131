/**
 * The console's alerts and the Prometheus rules judge by the same thresholds: the numbers in
 * ops/prometheus/alerts.yml are those of ALERT_THRESHOLDS, and the console raises each alert
 * kind on a snapshot that crosses it.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ALERT_THRESHOLDS, alertsOf } from '../../../src/ops/console/alerts.ts';
import type { WatchSnapshot } from '../../../src/ops/metrics.ts';
import type { Participant } from '../../../src/participants/types.ts';

const RULES = readFileSync(new URL('../../../ops/prometheus/alerts.yml', import.meta.url), 'utf8');

/** The expression of the rule named `alert`. */
function expression(alert: string): string {
  const rest = RULES.slice(RULES.indexOf(`alert: ${alert}`));
  return rest.slice(rest.indexOf('expr:'), rest.indexOf('labels:'));
}

describe('ops: the console alerts by the Prometheus rules’ thresholds', () => {
  it('has the rules’ numbers', () => {
    expect(expression('KnooppuntCertificateExpiringSoon')).to.include(
      `< ${ALERT_THRESHOLDS.certificateDays}`,
    );
    expect(expression('KnooppuntMailboxBacklog')).to.include(`> ${ALERT_THRESHOLDS.backlog}`);
    expect(expression('KnooppuntMessagesUnfetched')).to.include(
      `> ${ALERT_THRESHOLDS.oldestUnfetchedSeconds / 86_400} * 86400`,
    );
    expect(expression('KnooppuntAnswersOverdue')).to.include(
      `> ${ALERT_THRESHOLDS.answersOverdueSeconds / 86_400} * 86400`,
    );
    expect(expression('KnooppuntLedgerNotVerified')).to.include(
      `> ${ALERT_THRESHOLDS.unverifiedSeconds / 86_400} * 86400`,
    );
  });

  it('raises each kind on a snapshot past its threshold, and none on a quiet one', () => {
    const at = new Date('2027-05-01T12:00:00.000Z');
    const ago = (days: number) => new Date(at.getTime() - days * 86_400_000).toISOString();
    const quiet: WatchSnapshot = {
      at,
      ledgerUp: true,
      waiting: [{ participant: 'p1', count: 3, oldest: ago(1) }],
      overdue: [{ participant: 'p1', count: 1, oldest: ago(4) }],
      outbox: { count: 0 },
      broker: { up: true, deadLetters: 0 },
      verification: { at: ago(1), ok: true, events: 9, seals: 1, unsealed: 0, problems: 0 },
      certificates: [{ participant: 'p1', thumbprint: 't', validTo: ago(-31) }],
    };
    expect(alertsOf(quiet, [])).to.deep.equal([]);
    const loud: WatchSnapshot = {
      ...quiet,
      waiting: [{ participant: 'p1', count: 1001, oldest: ago(3) }],
      overdue: [{ participant: 'p1', count: 2, oldest: ago(6) }],
      broker: { up: false, deadLetters: 2 },
      verification: { at: ago(3), ok: false, events: 9, seals: 1, unsealed: 0, problems: 4 },
      certificates: [{ participant: 'p1', thumbprint: 't', validTo: ago(-29) }],
    };
    const energie = { oin: 'p1', name: 'Energie' } as Participant;
    const alerts = alertsOf(loud, [energie]);
    expect(alerts.map((a) => a.kind)).to.have.members([
      'broker-down',
      'ledger-chain',
      'ledger-unverified',
      'dead-letters',
      'certificate-expiring',
      'backlog',
      'oldest-unfetched',
      'answers-overdue',
    ]);
    expect(alerts.find((a) => a.kind === 'backlog')?.text).to.include('Energie');
  });
});
