/**
 * Formatting for the console: dates as `1 december 2026`, times as `14:05`, numbers the Dutch
 * way, and the hub's English words (statuses, event types, roles) in plain Dutch (B1).
 * Pure functions only, so the screens stay about layout.
 */
import type { MessageStatus, Role } from './api_types.ts';

const DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
const SHORT_DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short' });
const NUMBER = new Intl.NumberFormat('nl-NL');
const DECIMAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** `1 december 2026`. */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/**
 * The last day of an answer deadline, `15 december 2026`: the hub gives a deadline as the
 * instant it has passed (the midnight that starts the next day), a person reads the day before.
 */
export function formatDueDate(iso: string): string {
  return DATE.format(new Date(Date.parse(iso) - 1));
}

/** `1 dec.`, for chart axes. */
export function formatShortDate(iso: string): string {
  return SHORT_DATE.format(new Date(iso));
}

/** `14:05`. */
export function formatTime(iso: string): string {
  return TIME.format(new Date(iso));
}

/** `1 december 2026 om 14:05`. */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} om ${formatTime(iso)}`;
}

/** A date-time that may be absent: `—` (read as "geen") when it is. */
export function formatOptionalDateTime(iso: string | undefined): string {
  return iso === undefined ? '—' : formatDateTime(iso);
}

/** `1.234`. */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** `512 bytes`, `1,2 kB`, `3,4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes)} bytes`;
  if (bytes < 1_000_000) return `${DECIMAL.format(bytes / 1000)} kB`;
  return `${DECIMAL.format(bytes / 1_000_000)} MB`;
}

/** `1 werkdag`, `3 werkdagen`. */
export function workingDays(n: number): string {
  return n === 1 ? '1 werkdag' : `${formatNumber(n)} werkdagen`;
}

/** How an open answer stands: `3 werkdagen te laat`, `te laat` (today), or `op tijd`. */
export function answerStanding(overdue: boolean, workingDaysOverdue: number): string {
  if (!overdue) return 'op tijd';
  return workingDaysOverdue > 0 ? `${workingDays(workingDaysOverdue)} te laat` : 'te laat';
}

/** `ja` / `nee`. */
export function yesNo(value: boolean): string {
  return value ? 'ja' : 'nee';
}

export const MESSAGE_STATUS_NL: Readonly<Record<MessageStatus, string>> = {
  accepted: 'aangenomen',
  delivered: 'afgeleverd',
  'picked-up': 'opgehaald',
  expired: 'verlopen',
};

export const ROLE_NL: Readonly<Record<Role, string>> = {
  admin: 'beheerder',
  viewer: 'meekijker',
};

/** The hub's ledger event types in Dutch; an unknown type is shown as it is. */
const EVENT_TYPE_NL: Readonly<Record<string, string>> = {
  received: 'ontvangen',
  delivered: 'afgeleverd',
  'picked-up': 'opgehaald',
  rejected: 'afgewezen',
  expired: 'verlopen',
  answered: 'beantwoord',
  'payload-dropped': 'inhoud verwijderd',
  'sender-notified': 'afzender ingelicht',
  'conversation-opened': 'dossier geopend',
  'conversation-closed': 'dossier gesloten',
  'participant-changed': 'deelnemer gewijzigd',
  'chain-verified': 'grootboek gecontroleerd',
  'operator-changed': 'beheerder gewijzigd',
  'operator-action': 'beheerhandeling',
};

export function eventTypeNl(type: string): string {
  return EVENT_TYPE_NL[type] ?? type;
}

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

/** A participant kind (`schuldhulpverlener-fase-1`) as a reader would write it. */
export function participantKindNl(kind: string): string {
  const words = kind.replace(/-fase-(\d)$/, ' (fase $1)').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `REST`, `AMQP`, `hub`. */
export function transportNl(transport: string): string {
  return transport === 'hub' ? 'hub' : transport.toUpperCase();
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
];

/** The `from`/`to` of a period ending now, as ISO 8601. */
export function periodRange(value: string, now: Date = new Date()): { from: string; to: string } {
  const period = PERIODS.find((p) => p.value === value) ?? PERIODS[1];
  const ms = period?.ms ?? 24 * HOUR;
  return { from: new Date(now.getTime() - ms).toISOString(), to: now.toISOString() };
}

/**
 * A `<input type=date>` value (`2026-12-01`) as the ISO instant of that local day's midnight,
 * plus `addDays` days (1 gives the exclusive end of an inclusive "tot en met" date).
 */
export function localDayStart(date: string, addDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  return new Date(Number(y), Number(m) - 1, Number(d) + addDays).toISOString();
}

/** An OIN is 20 digits (Logius, OIN-stelsel). */
export function isOin(value: string): boolean {
  return /^[0-9]{20}$/.test(value);
}
