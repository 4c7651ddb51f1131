/**
 * The portal's postvak IN as pure functions over ledger records (a read model, beside the
 * console's): which messages are unread (waiting to be picked up: accepted or delivered —
 * opening one in the portal picks it up), the page of messages whose answer the participant
 * still owes (`answer=owed|open|overdue`), and the counts the navigation shows (unread per
 * module and per message type, answers open and overdue). The route reads the records; nothing
 * here does I/O.
 */
import { decodeCursor, encodeCursor } from '../../ledger/cursor.ts';
import type { MessageRecord, Page } from '../../ledger/types.ts';

/** Which owed answers: all of them, those still on time, or those past their deadline. */
export type AnswerFilter = 'owed' | 'open' | 'overdue';

/** The answer filters the inbox takes. */
export const ANSWER_FILTERS: readonly AnswerFilter[] = ['owed', 'open', 'overdue'];

/** The inbox filters besides the answer filter; each given one must match. */
export interface InboxFilter {
  readonly module?: string;
  readonly messageType?: string;
  readonly status?: MessageRecord['status'];
  /** true: only unread messages; false: only those read or expired. */
  readonly unread?: boolean;
}

/** Unread: still waiting to be picked up by its recipient. */
export function isUnread(record: Pick<MessageRecord, 'status'>): boolean {
  return record.status === 'accepted' || record.status === 'delivered';
}

/** Whether a record passes every given filter. */
export function matchesInbox(record: MessageRecord, filter: InboxFilter): boolean {
  return (
    (filter.module === undefined || record.module === filter.module) &&
    (filter.messageType === undefined || record.messageType === filter.messageType) &&
    (filter.status === undefined || record.status === filter.status) &&
    (filter.unread === undefined || isUnread(record) === filter.unread)
  );
}

/** The deadline of an answer still owed (undefined once answered). */
function dueOf(record: MessageRecord): string | undefined {
  return typeof record.openAnswerDueAt === 'string' ? record.openAnswerDueAt : undefined;
}

/** Whether an owed answer's deadline has passed at `now`. */
export function isOverdue(record: MessageRecord, now: Date): boolean {
  const due = dueOf(record);
  return due !== undefined && Date.parse(due) <= now.getTime();
}

/**
 * A page of the requests whose answer is owed (from the ledger's open answers of the
 * participant), filtered, newest first like the rest of the inbox, paged by the same cursor.
 */
export function owedAnswerPage(
  owed: readonly MessageRecord[],
  options: {
    readonly answer: AnswerFilter;
    readonly filter: InboxFilter;
    readonly now: Date;
    readonly limit: number;
    readonly cursor?: string;
  },
): Page<MessageRecord> {
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const rows = owed
    .filter((record) => dueOf(record) !== undefined && matchesInbox(record, options.filter))
    .filter((record) => {
      if (options.answer === 'owed') return true;
      return isOverdue(record, options.now) === (options.answer === 'overdue');
    })
    .sort(
      (a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.messageId.localeCompare(a.messageId),
    )
    .filter(
      (record) =>
        after === undefined ||
        record.receivedAt < after.receivedAt ||
        (record.receivedAt === after.receivedAt && record.messageId < after.messageId),
    );
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > options.limit && last !== undefined
        ? encodeCursor({ receivedAt: last.receivedAt, messageId: last.messageId })
        : undefined,
  };
}

/** `GET /v1/portal/overview`: what the navigation and the filters count. */
export interface PortalOverview {
  readonly now: string;
  readonly unread: {
    readonly total: number;
    readonly byModule: readonly { readonly module: string; readonly count: number }[];
    readonly byMessageType: readonly { readonly messageType: string; readonly count: number }[];
  };
  readonly answers: { readonly owed: number; readonly open: number; readonly overdue: number };
  /** True when there were more unread messages than the hub counts (the counts are a floor). */
  readonly capped: boolean;
}

/** Counts of a list of keys, most first, then by name. */
function countBy(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The overview from the participant's unread messages and the answers it owes. */
export function portalOverview(
  unread: readonly MessageRecord[],
  owed: readonly MessageRecord[],
  now: Date,
  capped: boolean,
): PortalOverview {
  const waiting = unread.filter(isUnread);
  const owing = owed.filter((record) => dueOf(record) !== undefined);
  const overdue = owing.filter((record) => isOverdue(record, now)).length;
  return {
    now: now.toISOString(),
    unread: {
      total: waiting.length,
      byModule: countBy(waiting.map((r) => r.module)).map(([module, count]) => ({
        module,
        count,
      })),
      byMessageType: countBy(waiting.map((r) => r.messageType)).map(([messageType, count]) => ({
        messageType,
        count,
      })),
    },
    answers: { owed: owing.length, open: owing.length - overdue, overdue },
    capped,
  };
}
