/**
 * The console's own formatting: operator roles, admin actions, dead-letter reasons and the
 * look-back periods; everything both faces use (dates, numbers, statuses) is in
 * `web/shared/format.ts` and re-exported here.
 */
import type { Role } from './api_types.ts';

export * from '../../shared/format.ts';

export const ROLE_NL: Readonly<Record<Role, string>> = {
  admin: 'beheerder',
  viewer: 'meekijker',
};

/** Admin actions (audit log) in Dutch; an unknown action is shown as it is. */
const ACTION_NL: Readonly<Record<string, string>> = {
  'participant-suspended': 'deelnemer geschorst',
  'participant-activated': 'deelnemer geactiveerd',
  'participant-added': 'deelnemer aangemeld',
  'certificate-rotated': 'certificaat vervangen',
  'dead-letter-replayed': 'dood bericht opnieuw aangeboden',
  'dead-letter-discarded': 'dood bericht verwijderd',
  'operator-added': 'beheerder toegevoegd',
};

export function actionNl(action: string): string {
  return ACTION_NL[action] ?? action;
}

/** Why AMQP dead-lettered a message (x-death reason). */
const DEAD_LETTER_REASON_NL: Readonly<Record<string, string>> = {
  rejected: 'geweigerd',
  delivery_limit: 'te vaak aangeboden',
  expired: 'verlopen',
  maxlen: 'wachtrij vol',
};

export function deadLetterReasonNl(reason: string): string {
  return DEAD_LETTER_REASON_NL[reason] ?? reason;
}

/** A period to look back over, for the overview and the rejections. */
export interface Period {
  readonly value: string;
  readonly label: string;
  readonly ms: number;
}

const HOUR = 3_600_000;

export const PERIODS: readonly Period[] = [
  { value: '1h', label: 'Laatste uur', ms: HOUR },
  { value: '24h', label: 'Laatste 24 uur', ms: 24 * HOUR },
  { value: '7d', label: 'Laatste 7 dagen', ms: 7 * 24 * HOUR },
  { value: '30d', label: 'Laatste 30 dagen', ms: 30 * 24 * HOUR },
  { value: '90d', label: 'Laatste 90 dagen', ms: 90 * 24 * HOUR },
  { value: '365d', label: 'Laatste 365 dagen', ms: 365 * 24 * HOUR },
];

/** The `from`/`to` of a period ending now, as ISO 8601. */
export function periodRange(value: string, now: Date = new Date()): { from: string; to: string } {
  const period = PERIODS.find((p) => p.value === value) ?? PERIODS[1];
  const ms = period?.ms ?? 24 * HOUR;
  return { from: new Date(now.getTime() - ms).toISOString(), to: now.toISOString() };
}
