/**
 * The console's reads: the answers of the operator API, composed from the ledger's stores, the
 * registry and the metrics' snapshot of what waits. Metadata only — every record passes through
 * the views (views.ts). Each read is bounded; where a bound cuts a count, the answer says so.
 */
import { dutchCalendarDate, isWorkingDay, UsageError } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type {
  ConversationStore,
  MessageStore,
  SealStore,
  SearchStore,
  WatchStore,
} from '../../ledger/port.ts';
import type { MessageSearch } from '../../ledger/search.ts';
import { OUTBOX_PARTITIONS } from '../../ledger/types.ts';
import type { MessageRecord } from '../../ledger/types.ts';
import { VERIFICATION_SUBJECT } from '../../ledger/verification.ts';
import type { Participant } from '../../participants/types.ts';
import type { WatchSnapshot } from '../metrics.ts';
import { loadReach } from '../reach.ts';
import type { ReachFigures } from '../reach.ts';
import { alertsOf } from './alerts.ts';
import type { Alert } from './alerts.ts';
import { eventView, messageSummary } from './views.ts';
import type { EventView, MessageSummary } from './views.ts';

/** What the reads read. */
export interface ConsoleSources {
  readonly ledger: MessageStore &
    ConversationStore &
    WatchStore &
    SearchStore &
    Pick<SealStore, 'lastSeal'> & { readonly kind: string };
  readonly participants: () => Promise<readonly Participant[]>;
  /** What waits now (the metrics' cached snapshot). */
  readonly watch: () => Promise<WatchSnapshot>;
  readonly clock: Clock;
}

/** How many rejections, open answers and audit entries one read takes at most. */
export const READ_LIMITS = Object.freeze({ rejections: 10_000, openAnswers: 5_000, listed: 500 });
/** The overview's throughput chart: equal buckets over the period. */
const BUCKETS = 60;
/** A creditor that keeps cases waiting: this many working days late, or this many answers. */
const STANDS_OUT = Object.freeze({ workingDays: 5, overdue: 10 });
const DAY_MS = 86_400_000;

/** An answer still to come. */
export interface OpenAnswer {
  readonly messageId: string;
  readonly conversationId: string;
  readonly messageType: string;
  readonly sender: string;
  readonly recipient: string;
  readonly answerDueAt: string;
  readonly overdue: boolean;
  readonly workingDaysOverdue: number;
}

/** Working days from the deadline's end to `now`: the Dutch working days begun since. */
export function workingDaysOverdue(dueAt: string, now: Date): number {
  if (Date.parse(dueAt) > now.getTime()) return 0;
  let count = 0;
  const last = dutchCalendarDate(now);
  for (let day = Date.parse(`${dutchCalendarDate(new Date(dueAt))}T00:00:00Z`); ; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (date > last) break;
    if (isWorkingDay(date)) count += 1;
  }
  return count;
}

/** A request's open answer as shown: its deadline and how many working days it is late. */
export function openAnswerOf(record: MessageRecord, now: Date): OpenAnswer {
  const due = record.openAnswerDueAt ?? record.answerDueAt ?? record.receivedAt;
  return {
    messageId: record.messageId,
    conversationId: record.conversationId,
    messageType: record.messageType,
    sender: record.sender,
    recipient: record.recipient,
    answerDueAt: due,
    overdue: Date.parse(due) <= now.getTime(),
    workingDaysOverdue: workingDaysOverdue(due, now),
  };
}

/** Whose view of a case: all of it (operators), or one participant's (the portal). */
export interface CaseView {
  /**
   * Only the messages this participant sent or receives, only the answers it owes, and not the
   * conversation's own events (they name its other messages); undefined when none is its.
   */
  readonly participant?: string;
}

/**
 * A conversation as a case: its messages, the answers still open, and their events (with the
 * conversation's own, for operators) by time. Undefined when there is no such conversation.
 */
export async function conversationDetail(
  ledger: Pick<MessageStore, 'listConversation' | 'listEvents'> &
    Pick<ConversationStore, 'getConversation'>,
  conversationId: string,
  now: Date,
  view: CaseView = {},
) {
  const { participant } = view;
  const conversation = await ledger.getConversation(conversationId);
  if (conversation === undefined) return undefined;
  const messages = (await ledger.listConversation(conversationId)).filter(
    (record) =>
      participant === undefined ||
      record.sender === participant ||
      record.recipient === participant,
  );
  if (participant !== undefined && messages.length === 0) return undefined;
  const chains = await Promise.all([
    participant === undefined ? ledger.listEvents(`conversation:${conversationId}`) : [],
    ...messages.map((record) => ledger.listEvents(record.messageId)),
  ]);
  const events: EventView[] = chains
    .flat()
    .map(eventView)
    .sort(
      (a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b) || a.eventId.localeCompare(b.eventId),
    );
  return {
    conversation: {
      conversationId: conversation.conversationId,
      owner: conversation.owner,
      status: conversation.status,
      openedAt: conversation.openedAt,
      ...(conversation.closedAt === undefined ? {} : { closedAt: conversation.closedAt }),
    },
    messages: messages.map(messageSummary),
    openAnswers: messages
      .filter(
        (record) =>
          typeof record.openAnswerDueAt === 'string' &&
          (participant === undefined || record.recipient === participant),
      )
      .map((record) => openAnswerOf(record, now)),
    events,
  };
}

/**
 * A period from query strings: `from`/`to` ISO 8601, `to` after `from`; defaults to `span` ms.
 * `longestDays`, when given, bounds it: a longer period is USAGE_INVALID (a read that loads
 * every record of the period must not load the whole ledger).
 */
export function periodOf(
  from: string | undefined,
  to: string | undefined,
  now: Date,
  span: number,
  longestDays?: number,
): { from: string; to: string } {
  const end = to === undefined ? now.getTime() : Date.parse(to);
  const start = from === undefined ? end - span : Date.parse(from);
  if (Number.isNaN(start) || Number.isNaN(end) || start >= end) {
    throw new UsageError('USAGE_INVALID', 'from and to are ISO 8601 times, from before to');
  }
  const days = (end - start) / 86_400_000;
  if (longestDays !== undefined && days > longestDays) {
    throw new UsageError(
      'USAGE_INVALID',
      `the period spans ${Math.ceil(days)} days; it may span at most ${longestDays} days: ask for a shorter one`,
    );
  }
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
};

/** The console's reads. */
export class ConsoleReads {
  readonly #sources: ConsoleSources;

  constructor(sources: ConsoleSources) {
    this.#sources = sources;
  }

  async overview(period: { from: string; to: string }, broker: boolean) {
    const { ledger } = this.#sources;
    const [flow, rejected, snapshot] = await Promise.all([
      ledger.messageFlow(period.from, period.to, BUCKETS),
      ledger.countEvents({ types: ['rejected'], ...period }),
      this.#sources.watch(),
    ]);
    const width = (Date.parse(period.to) - Date.parse(period.from)) / BUCKETS;
    return {
      ...period,
      total: flow.counts.reduce((sum, count) => sum + count.count, 0),
      counts: flow.counts,
      throughput: flow.perBucket.map((count, index) => ({
        at: new Date(Date.parse(period.from) + index * width).toISOString(),
        count,
      })),
      rejected,
      health: {
        ledger: { up: snapshot.ledgerUp, kind: ledger.kind },
        ...(broker ? { broker: snapshot.broker ?? { up: false } } : {}),
        relay: {
          outbox: snapshot.outbox.count,
          ...(snapshot.outbox.oldest === undefined ? {} : { oldest: snapshot.outbox.oldest }),
        },
      },
    };
  }

  async searchMessages(query: MessageSearch) {
    const page = await this.#sources.ledger.searchMessages(query);
    return {
      items: page.items.map(messageSummary),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  }

  /** The AMQP outbox: how many wait to be relayed, since when, and the oldest `limit`. */
  async outbox(limit: number) {
    const { ledger } = this.#sources;
    const partitions = Array.from({ length: OUTBOX_PARTITIONS }, (_, index) => index);
    const [summary, items] = await Promise.all([
      ledger.outboxSummary(),
      ledger.findUndelivered('amqp', partitions, limit),
    ]);
    return { ...summary, items: items.map(messageSummary) };
  }

  /** One message and its timeline; undefined when there is none. */
  async message(messageId: string) {
    const record = await this.#sources.ledger.getMessage(messageId);
    if (record === undefined) return undefined;
    const events = await this.#sources.ledger.listEvents(messageId);
    return { message: messageSummary(record), events: events.map(eventView) };
  }

  /** A conversation: its messages, the answers it waits for, and every event by time. */
  async conversation(conversationId: string) {
    const { ledger, clock } = this.#sources;
    return conversationDetail(ledger, conversationId, clock.now());
  }

  /** Per creditor: the answers it owes, overdue first; and every open answer. */
  async deadlines() {
    const { ledger, clock } = this.#sources;
    const now = clock.now();
    const [open, participants] = await Promise.all([
      ledger.openAnswers(READ_LIMITS.openAnswers),
      this.#sources.participants(),
    ]);
    const answers = open.map((record) => openAnswerOf(record, now));
    const byCreditor = new Map<string, OpenAnswer[]>();
    for (const answer of answers) {
      byCreditor.set(answer.recipient, [...(byCreditor.get(answer.recipient) ?? []), answer]);
    }
    const creditors = [...byCreditor].map(([oin, owed]) => {
      const overdue = owed.filter((answer) => answer.overdue);
      const maxWorkingDaysOverdue = Math.max(0, ...owed.map((a) => a.workingDaysOverdue));
      const name = participants.find((p) => p.oin === oin)?.name;
      return {
        oin,
        ...(name === undefined ? {} : { name }),
        overdue: overdue.length,
        open: owed.length,
        oldestDueAt: owed.map((a) => a.answerDueAt).sort()[0] as string,
        maxWorkingDaysOverdue,
        standsOut:
          maxWorkingDaysOverdue >= STANDS_OUT.workingDays || overdue.length >= STANDS_OUT.overdue,
      };
    });
    creditors.sort(
      (a, b) =>
        b.maxWorkingDaysOverdue - a.maxWorkingDaysOverdue ||
        b.overdue - a.overdue ||
        a.oin.localeCompare(b.oin),
    );
    return { now: now.toISOString(), creditors, open: answers.slice(0, READ_LIMITS.listed) };
  }

  /** Rejections of a period: the top codes and who causes them. */
  async rejections(period: { from: string; to: string }) {
    const [page, participants] = await Promise.all([
      this.#sources.ledger.searchEvents({
        types: ['rejected'],
        ...period,
        limit: READ_LIMITS.rejections,
      }),
      this.#sources.participants(),
    ]);
    const rejections = page.items.map((event) => ({
      rejectionId: event.subject.replace(/^rejection:/, ''),
      at: event.at,
      sender: String(event.data['sender'] ?? event.actor ?? ''),
      codes: ((event.data['reasons'] as { code?: unknown }[] | undefined) ?? []).map((r) =>
        String(r.code),
      ),
      transport: String(event.data['transport'] ?? ''),
      ...(typeof event.data['messageType'] === 'string'
        ? { messageType: event.data['messageType'] }
        : {}),
    }));
    const codesOf = (items: typeof rejections) =>
      countBy(
        items.flatMap((r) => [...new Set(r.codes)]),
        (code) => code,
      ).map(({ name, count }) => ({ code: name, count }));
    return {
      ...period,
      total: rejections.length,
      codes: codesOf(rejections),
      participants: countBy(rejections, (r) => r.sender).map(({ name: oin, count }) => {
        const name = participants.find((p) => p.oin === oin)?.name;
        return {
          oin,
          ...(name === undefined ? {} : { name }),
          count,
          codes: codesOf(rejections.filter((r) => r.sender === oin)),
        };
      }),
      recent: rejections.slice(0, 50),
    };
  }

  /** The reach of the early signals received in the period (ops/reach.ts). */
  async reach(period: { from: string; to: string }): Promise<ReachFigures> {
    return loadReach(this.#sources, period);
  }

  async alerts(): Promise<{ at: string; items: Alert[] }> {
    const [snapshot, participants] = await Promise.all([
      this.#sources.watch(),
      this.#sources.participants(),
    ]);
    return { at: snapshot.at.toISOString(), items: alertsOf(snapshot, participants) };
  }

  async ledgerStatus() {
    const { ledger } = this.#sources;
    const [verifications, seal] = await Promise.all([
      ledger.listEvents(VERIFICATION_SUBJECT),
      ledger.lastSeal(),
    ]);
    const last = verifications.at(-1);
    return {
      kind: ledger.kind,
      ...(last === undefined
        ? {}
        : {
            lastVerification: {
              at: last.at,
              ok: last.data['ok'] === true,
              events: Number(last.data['events'] ?? 0),
              seals: Number(last.data['seals'] ?? 0),
              problems: Number(last.data['problems'] ?? 0),
              ...(last.actor === undefined ? {} : { operator: last.actor }),
            },
          }),
      ...(seal === undefined
        ? {}
        : { lastSeal: { batch: seal.batch, sealedAt: seal.sealedAt, root: seal.root } }),
    };
  }

  /** Admin actions and operator changes, newest first. */
  async audit(cursor: string | undefined, limit: number) {
    const page = await this.#sources.ledger.searchEvents({
      types: ['operator-action', 'operator-changed', 'participant-changed'],
      ...(cursor === undefined ? {} : { cursor }),
      limit,
    });
    return {
      items: page.items.map((event) => ({
        eventId: event.eventId,
        at: event.at,
        operator: event.actor ?? 'cli',
        action: auditAction(event.type, event.data),
        subject: event.subject,
        data: auditData(event.data),
      })),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  }
}

/** At one instant: the conversation opens before its message is received, closes after. */
function rank(event: EventView): number {
  return event.type === 'conversation-opened' ? 0 : event.type === 'conversation-closed' ? 2 : 1;
}

/** An audit entry's data: a registry change without the whole record it chains (history.ts). */
function auditData(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (!('record' in data)) return data;
  const { record: _record, ...rest } = data;
  return rest;
}

/** The action an audit entry names. */
function auditAction(type: string, data: Readonly<Record<string, unknown>>): string {
  const change = typeof data['change'] === 'string' ? data['change'] : undefined;
  const action = typeof data['action'] === 'string' ? data['action'] : undefined;
  if (type === 'operator-action') return action ?? 'action';
  if (type === 'participant-changed') return `participant-${change ?? 'changed'}`;
  return `operator-${change ?? 'changed'}`;
}

export type { MessageSummary, EventView };
