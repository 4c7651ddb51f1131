/**
 * Formatting for both faces, in Dutch (B1): dates as `1 december 2026`, times as `14:05`,
 * amounts as `€ 1.234,56`, numbers the Dutch way, the hub's English words (statuses, event
 * types) in plain Dutch, and the standard's property names as readable labels. Pure functions
 * only, so the screens stay about layout.
 */
import type { MessageStatus } from './api_types.ts';

// In the browser's own time zone (a Dutch user's is Europe/Amsterdam).
const DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
const CALENDAR_DATE = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
const SHORT_DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short' });
const NUMBER = new Intl.NumberFormat('nl-NL');
const DECIMAL = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** `1 december 2026`. */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

/** A calendar date without a time (`2026-11-30`) as `30 november 2026`, whatever the zone. */
export function formatCalendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  return CALENDAR_DATE.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
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

/** An amount in euro cents (the standard's `bedragCent`) as `€ 1.234,56`. */
export function formatEuroCents(cents: number): string {
  return EURO.format(cents / 100);
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

/** A participant kind (`schuldhulpverlener-fase-1`) as a reader would write it. */
export function participantKindNl(kind: string): string {
  const words = kind.replace(/-fase-(\d)$/, ' (fase $1)').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `REST`, `AMQP`, `hub`, `portaal`. */
export function transportNl(transport: string): string {
  if (transport === 'portal') return 'portaal';
  return transport === 'hub' ? 'hub' : transport.toUpperCase();
}

/**
 * A name of the standard (a property, an enum value, a message type) as Dutch words with a
 * capital: `klantnummerSchuldhulpverlener` → `Klantnummer schuldhulpverlener`,
 * `nog-onbekend` → `Nog onbekend`, `saldoverzoek-antwoord` → `Saldoverzoek antwoord`.
 * Abbreviations in capitals stay (`BSN`, `IBAN`).
 */
export function readableName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
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
