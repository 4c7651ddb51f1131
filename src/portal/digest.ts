/**
 * A portal user's daily e-mail digest, made by a pure function: the messages addressed to the
 * user's participant since the last digest, and the answers the participant owes that are late
 * or due within a few working days, with their deadlines as Dutch dates. Metadata only — the
 * message type, the sender's name, when it arrived, the deadline and a link into the portal.
 * The inputs carry nothing else, so no payload value, BSN or debtor's name can reach the mail.
 */
import { addWorkingDays, dutchCalendarDate, isWorkingDay } from '@knooppunt/standard';

/** A message that arrived for the participant: what the digest may say of it. */
export interface DigestMessage {
  readonly messageId: string;
  readonly messageType: string;
  /** The sender's OIN. */
  readonly sender: string;
  /** When the hub accepted it (ISO 8601). */
  readonly receivedAt: string;
}

/** A request the participant still has to answer. */
export interface DigestDeadline {
  readonly messageId: string;
  readonly messageType: string;
  /** The requester's OIN. */
  readonly sender: string;
  /** The instant the deadline ends: the midnight after its last day (ISO 8601). */
  readonly dueAt: string;
}

/** What one user's digest is made of. */
export interface DigestInput {
  /** The user's login name. */
  readonly user: string;
  /** The name of the user's participant. */
  readonly participantName: string;
  /** The start of the period the new messages cover (ISO 8601). */
  readonly since: string;
  readonly now: Date;
  readonly messages: readonly DigestMessage[];
  /** The participant's open answers (any deadline: those further away are left out). */
  readonly deadlines: readonly DigestDeadline[];
  /** An organisation's name by OIN (the participant registry). */
  readonly nameOf: (oin: string) => string | undefined;
  /** The portal's public base URL (links are `<base>/portaal/berichten/<messageId>`). */
  readonly baseUrl: string;
  /** Answers due within this many working days count as due soon. @defaultValue 3 */
  readonly dueWithinWorkingDays?: number;
  /** At most this many lines per section; the rest are counted. @defaultValue 50 */
  readonly maxItems?: number;
}

/** A digest ready to send. */
export interface Digest {
  /** Dutch, ASCII only. */
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly counts: {
    readonly messages: number;
    readonly overdue: number;
    readonly dueSoon: number;
  };
}

const DAY_MS = 86_400_000;
const LONG_DATE = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar date (YYYY-MM-DD) in Dutch: `maandag 5 april 2027`. */
export function dutchLongDate(date: string): string {
  // Noon UTC is the same calendar day in Amsterdam, summer or winter.
  return LONG_DATE.format(new Date(`${date}T12:00:00Z`));
}

/** An instant in Dutch: `maandag 5 april 2027 om 11:02` (Amsterdam time). */
export function dutchDateTime(instant: string): string {
  const at = new Date(instant);
  return `${dutchLongDate(dutchCalendarDate(at))} om ${TIME.format(at)}`;
}

/** The last day of a deadline that ends (exclusive) at `dueAt`. */
export function deadlineDate(dueAt: string): string {
  return dutchCalendarDate(new Date(Date.parse(dueAt) - 1));
}

/**
 * Whether a user's digest is due at `now`: on a Dutch working day, once the time of day `time`
 * (`HH:MM`, Amsterdam) has passed, when the last one (if any) was made on an earlier day. A
 * weekend's or holiday's messages come in the next working day's digest.
 */
export function digestDue(now: Date, time: string, lastDigestAt: string | undefined): boolean {
  const today = dutchCalendarDate(now);
  if (!isWorkingDay(today) || TIME.format(now) < time) return false;
  return lastDigestAt === undefined || dutchCalendarDate(new Date(lastDigestAt)) < today;
}

/** Working days d with `after` < d ≤ `until` (calendar dates). */
function workingDaysBetween(after: string, until: string): number {
  let count = 0;
  for (let day = Date.parse(`${after}T00:00:00Z`) + DAY_MS; ; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (date > until) return count;
    if (isWorkingDay(date)) count += 1;
  }
}

/** A deadline as the digest shows it. */
interface Due {
  readonly deadline: DigestDeadline;
  readonly date: string;
  /** Late: working days begun since the deadline; due: working days left after today. */
  readonly workingDays: number;
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The user's digest, or undefined when nothing arrived and nothing is due. Late and due-soon
 * answers are by deadline, new messages by arrival, each section at most `maxItems` lines.
 */
export function portalDigest(input: DigestInput): Digest | undefined {
  const { now } = input;
  const today = dutchCalendarDate(now);
  const horizon = addWorkingDays(now, input.dueWithinWorkingDays ?? 3);
  const messages = input.messages
    .filter((message) => message.receivedAt >= input.since)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const dues = input.deadlines
    .map((deadline) => ({ deadline, date: deadlineDate(deadline.dueAt) }))
    .filter(({ date }) => date <= horizon)
    .sort((a, b) => a.deadline.dueAt.localeCompare(b.deadline.dueAt));
  const overdue: Due[] = [];
  const dueSoon: Due[] = [];
  for (const { deadline, date } of dues) {
    if (Date.parse(deadline.dueAt) <= now.getTime()) {
      overdue.push({ deadline, date, workingDays: workingDaysBetween(date, today) });
    } else {
      dueSoon.push({ deadline, date, workingDays: workingDaysBetween(today, date) });
    }
  }
  if (messages.length + overdue.length + dueSoon.length === 0) return undefined;

  const base = input.baseUrl.replace(/\/+$/, '');
  const link = (messageId: string): string =>
    `${base}/portaal/berichten/${encodeURIComponent(messageId)}`;
  const name = (oin: string): string => input.nameOf(oin) ?? `OIN ${oin}`;
  const max = input.maxItems ?? 50;

  const sections: Section[] = [];
  if (messages.length > 0) {
    sections.push({
      title: `Nieuwe berichten sinds ${dutchDateTime(input.since)} (${messages.length})`,
      items: messages.slice(0, max).map((message) => ({
        line: `${message.messageType} van ${name(message.sender)}, ontvangen ${dutchDateTime(message.receivedAt)}`,
        link: link(message.messageId),
      })),
      more: messages.length - max,
    });
  }
  if (overdue.length > 0) {
    sections.push({
      title: `Termijn verstreken, nog niet beantwoord (${overdue.length})`,
      items: overdue.slice(0, max).map(({ deadline, date, workingDays }) => ({
        line:
          `${deadline.messageType} van ${name(deadline.sender)}, termijn verstreken op ` +
          `${dutchLongDate(date)} (${plural(workingDays, 'werkdag', 'werkdagen')} te laat)`,
        link: link(deadline.messageId),
      })),
      more: overdue.length - max,
    });
  }
  if (dueSoon.length > 0) {
    sections.push({
      title: `Binnenkort te beantwoorden (${dueSoon.length})`,
      items: dueSoon.slice(0, max).map(({ deadline, date, workingDays }) => ({
        line:
          `${deadline.messageType} van ${name(deadline.sender)}, uiterlijk ${dutchLongDate(date)} ` +
          `(${workingDays === 0 ? 'vandaag' : `nog ${plural(workingDays, 'werkdag', 'werkdagen')}`})`,
        link: link(deadline.messageId),
      })),
      more: dueSoon.length - max,
    });
  }

  const summary = [
    ...(messages.length > 0 ? [plural(messages.length, 'nieuw bericht', 'nieuwe berichten')] : []),
    ...(overdue.length > 0
      ? [plural(overdue.length, 'antwoord te laat', 'antwoorden te laat')]
      : []),
    ...(dueSoon.length > 0
      ? [plural(dueSoon.length, 'antwoord binnenkort', 'antwoorden binnenkort')]
      : []),
  ].join(', ');
  const intro =
    `Dit is het dagelijkse overzicht van Knooppunt voor ${input.participantName} ` +
    `(gebruiker ${input.user}) van ${dutchLongDate(today)}.`;
  const footer =
    `Open de portal om de berichten te lezen en te beantwoorden: ${base}/portaal\n` +
    'Deze e-mail noemt alleen het soort bericht, de afzender en de termijnen, nooit de inhoud.\n' +
    'U krijgt haar omdat dit e-mailadres bij uw gebruiker van de portal staat; de beheerder ' +
    'van uw organisatie kan het weghalen.';
  return {
    subject: `Knooppunt: ${summary}`,
    text: textOf(intro, sections, footer),
    html: htmlOf(intro, sections, footer),
    counts: { messages: messages.length, overdue: overdue.length, dueSoon: dueSoon.length },
  };
}

/** One part of the digest: a title, its lines, and how many more there are. */
interface Section {
  readonly title: string;
  readonly items: readonly { readonly line: string; readonly link: string }[];
  readonly more: number;
}

const moreLine = (more: number): string => `… en nog ${more}: zie de portal.`;

function textOf(intro: string, sections: readonly Section[], footer: string): string {
  const parts = [
    'Goedendag,',
    intro,
    ...sections.map((section) =>
      [
        `${section.title}:`,
        ...section.items.map((item) => `- ${item.line}\n  ${item.link}`),
        ...(section.more > 0 ? [moreLine(section.more)] : []),
      ].join('\n'),
    ),
    footer,
  ];
  return `${parts.join('\n\n')}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function htmlOf(intro: string, sections: readonly Section[], footer: string): string {
  const paragraphs = footer.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`);
  const body = sections.map(
    (section) =>
      `<h2>${escapeHtml(section.title)}</h2>\n<ul>\n` +
      section.items
        .map((item) => `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.line)}</a></li>`)
        .join('\n') +
      (section.more > 0 ? `\n<li>${escapeHtml(moreLine(section.more))}</li>` : '') +
      '\n</ul>',
  );
  return [
    '<!doctype html>',
    '<html lang="nl"><body>',
    '<p>Goedendag,</p>',
    `<p>${escapeHtml(intro)}</p>`,
    ...body,
    ...paragraphs,
    '</body></html>',
    '',
  ].join('\n');
}
