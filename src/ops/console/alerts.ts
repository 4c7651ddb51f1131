/**
 * The console's alerts: the conditions of the Prometheus rules (ops/prometheus/alerts.yml),
 * judged on the same snapshot the gauges show, so an operator without Prometheus sees them too.
 * The thresholds are the rules' (a test holds them equal).
 */
import type { Participant } from '../../participants/types.ts';
import type { WatchSnapshot } from '../metrics.ts';

/** The thresholds of the rules, by alert. */
export const ALERT_THRESHOLDS = Object.freeze({
  /** KnooppuntCertificateExpiringSoon: days to expiry below this. */
  certificateDays: 30,
  /** KnooppuntMailboxBacklog: messages waiting above this. */
  backlog: 1000,
  /** KnooppuntMessagesUnfetched: the oldest waiting longer than this (seconds). */
  oldestUnfetchedSeconds: 2 * 86_400,
  /** KnooppuntAnswersOverdue: the longest overdue answer past this (seconds). */
  answersOverdueSeconds: 5 * 86_400,
  /** KnooppuntLedgerNotVerified: no verification for longer than this (seconds). */
  unverifiedSeconds: 2 * 86_400,
});

export type AlertKind =
  | 'certificate-expiring'
  | 'backlog'
  | 'oldest-unfetched'
  | 'answers-overdue'
  | 'dead-letters'
  | 'ledger-chain'
  | 'ledger-unverified'
  | 'broker-down';

/** One alert, in Dutch for the operator. */
export interface Alert {
  readonly kind: AlertKind;
  readonly severity: 'warning' | 'critical';
  readonly participant?: string;
  readonly text: string;
}

const DAY_MS = 86_400_000;
const days = (ms: number) => Math.floor(ms / DAY_MS);

/** The alerts that hold in `snapshot`. */
export function alertsOf(snapshot: WatchSnapshot, participants: readonly Participant[]): Alert[] {
  const now = snapshot.at.getTime();
  const nameOf = (oin: string) => participants.find((p) => p.oin === oin)?.name ?? oin;
  const alerts: Alert[] = [];
  if (snapshot.broker !== undefined && !snapshot.broker.up) {
    alerts.push({
      kind: 'broker-down',
      severity: 'critical',
      text: 'De broker (RabbitMQ) is niet bereikbaar.',
    });
  }
  const verification = snapshot.verification;
  if (verification !== undefined && !verification.ok) {
    alerts.push({
      kind: 'ledger-chain',
      severity: 'critical',
      text: `De controle van het grootboek vond ${verification.problems} fout(en).`,
    });
  }
  if (
    verification === undefined ||
    now - Date.parse(verification.at) > ALERT_THRESHOLDS.unverifiedSeconds * 1000
  ) {
    alerts.push({
      kind: 'ledger-unverified',
      severity: 'warning',
      text: 'Het grootboek is langer dan 2 dagen niet gecontroleerd (knooppunt ledger verify).',
    });
  }
  const deadLetters = snapshot.broker?.deadLetters ?? 0;
  if (deadLetters > 0) {
    alerts.push({
      kind: 'dead-letters',
      severity: 'warning',
      text: `Er ${deadLetters === 1 ? 'staat 1 bericht' : `staan ${deadLetters} berichten`} in de wachtrij voor dode berichten.`,
    });
  }
  for (const certificate of snapshot.certificates) {
    const left = Date.parse(certificate.validTo) - now;
    if (left >= ALERT_THRESHOLDS.certificateDays * DAY_MS) continue;
    alerts.push({
      kind: 'certificate-expiring',
      severity: left < 0 ? 'critical' : 'warning',
      participant: certificate.participant,
      text:
        left < 0
          ? `Het certificaat van ${nameOf(certificate.participant)} is verlopen.`
          : `Het certificaat van ${nameOf(certificate.participant)} verloopt over ${days(left)} dagen.`,
    });
  }
  for (const backlog of snapshot.waiting) {
    if (backlog.count > ALERT_THRESHOLDS.backlog) {
      alerts.push({
        kind: 'backlog',
        severity: 'warning',
        participant: backlog.participant,
        text: `${nameOf(backlog.participant)} heeft ${backlog.count} berichten niet opgehaald.`,
      });
    }
    if (now - Date.parse(backlog.oldest) > ALERT_THRESHOLDS.oldestUnfetchedSeconds * 1000) {
      alerts.push({
        kind: 'oldest-unfetched',
        severity: 'warning',
        participant: backlog.participant,
        text: `${nameOf(backlog.participant)} heeft een bericht al ${days(now - Date.parse(backlog.oldest))} dagen niet opgehaald.`,
      });
    }
  }
  for (const overdue of snapshot.overdue) {
    if (now - Date.parse(overdue.oldest) > ALERT_THRESHOLDS.answersOverdueSeconds * 1000) {
      alerts.push({
        kind: 'answers-overdue',
        severity: 'warning',
        participant: overdue.participant,
        text: `${nameOf(overdue.participant)} is ${overdue.count} antwoord(en) schuldig, het oudste ${days(now - Date.parse(overdue.oldest))} dagen na de termijn.`,
      });
    }
  }
  return alerts;
}
