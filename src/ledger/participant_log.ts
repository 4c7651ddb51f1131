/**
 * A participant's own message log: the messages it sent and the messages it received, searched
 * by reference, conversation, counterparty, type, version, period and state, newest first —
 * the log the Schuldenknooppunt gives its parties. Never another participant's messages: every
 * search is one or two operator searches pinned to the participant as sender and as recipient
 * (each served by its own index, `log_sender` / `log_recipient`), merged here. And the
 * submissions the hub refused it (`rejected` events it caused, index `events_actor`), so a
 * sender can find out why a message never arrived. Metadata only.
 */
import type { Module } from '@knooppunt/standard';
import { encodeCursor } from './cursor.ts';
import type { SearchStore } from './port.ts';
import type { EventSearch, MessageSearch } from './search.ts';
import type { LedgerEvent, MessageRecord, MessageStatus, Page } from './types.ts';

/** Which side of the exchange: messages the participant sent, or received. */
export type LogDirection = 'sent' | 'received';

/** A search of one participant's log: every given field must match; newest first. */
export interface LogSearch {
  /** Whose log: only messages this participant sent or received. */
  readonly participant: string;
  /** Only sent, or only received, messages; both when absent. */
  readonly direction?: LogDirection;
  /** The other party: the recipient of a sent message, the sender of a received one. */
  readonly counterparty?: string;
  /**
   * The other party is one of these: the participants of one role (`counterpartyRole`), which
   * the registry knows and the ledger does not. None when empty.
   */
  readonly counterparties?: readonly string[];
  /** The message's id (its reference, the Schuldenknooppunt's Referentienummer). */
  readonly messageId?: string;
  /** The conversation (the Schuldenknooppunt's ConversatieReferentienummer). */
  readonly conversationId?: string;
  /** The id of the message it answers. */
  readonly inReplyTo?: string;
  readonly module?: Module;
  readonly messageType?: string;
  readonly version?: string;
  readonly status?: MessageStatus;
  /** Received by the hub at or after (ISO 8601). */
  readonly from?: string;
  /** Received by the hub before (ISO 8601). */
  readonly to?: string;
  /** Fetched by its recipient (over REST, or put on its AMQP queue) or not. */
  readonly fetched?: boolean;
  /** Picked up (acknowledged by its recipient) or not. */
  readonly pickedUp?: boolean;
  readonly cursor?: string;
  readonly limit: number;
}

/** The direction of `record` in `participant`'s log. */
export function directionOf(record: MessageRecord, participant: string): LogDirection {
  return record.sender === participant ? 'sent' : 'received';
}

/** The operator searches that together make the log search: one per direction asked for. */
export function logSearches(query: LogSearch): MessageSearch[] {
  const { participant, direction, counterparty, counterparties, ...filters } = query;
  const common: MessageSearch = Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as unknown as MessageSearch;
  const searches: MessageSearch[] = [];
  if (direction !== 'received') {
    searches.push({
      ...common,
      sender: participant,
      ...(counterparty === undefined ? {} : { recipient: counterparty }),
      ...(counterparties === undefined ? {} : { recipientIn: counterparties }),
    });
  }
  if (direction !== 'sent') {
    searches.push({
      ...common,
      recipient: participant,
      ...(counterparty === undefined ? {} : { sender: counterparty }),
      ...(counterparties === undefined ? {} : { senderIn: counterparties }),
    });
  }
  return searches;
}

/**
 * Merges the pages of the log's searches (each newest first, each of at most `limit`) into
 * one page of `limit`: newest first, each message once, with a cursor after its last item
 * when any search has more.
 */
export function mergeLogPages(
  pages: readonly Page<MessageRecord>[],
  limit: number,
): Page<MessageRecord> {
  const byId = new Map<string, MessageRecord>();
  for (const page of pages) for (const record of page.items) byId.set(record.messageId, record);
  const merged = [...byId.values()].sort(newestFirst);
  const items = merged.slice(0, limit);
  const more = merged.length > limit || pages.some((page) => page.nextCursor !== undefined);
  const last = items.at(-1);
  return { items, nextCursor: more && last !== undefined ? encodeCursor(last) : undefined };
}

/** Searches `query.participant`'s log in `store`. */
export async function searchLog(
  store: Pick<SearchStore, 'searchMessages'>,
  query: LogSearch,
): Promise<Page<MessageRecord>> {
  const pages = await Promise.all(logSearches(query).map((search) => store.searchMessages(search)));
  return mergeLogPages(pages, query.limit);
}

/** The order of the log (and of the operator's search): received at, then id, descending. */
function newestFirst(a: MessageRecord, b: MessageRecord): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  return a.messageId < b.messageId ? 1 : a.messageId > b.messageId ? -1 : 0;
}

/** A search of the submissions the hub refused one participant: every given field must match. */
export interface RefusalSearch {
  /** The submitter: only its own refused submissions. */
  readonly participant: string;
  /** The refused message's id (known when the hub verified its envelope). */
  readonly messageId?: string;
  /** The recipient its envelope named. */
  readonly counterparty?: string;
  readonly messageType?: string;
  /** Refused at or after (ISO 8601). */
  readonly from?: string;
  /** Refused before (ISO 8601). */
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** The event search of a refusal search: `rejected` events the participant caused. */
export function refusalSearch(query: RefusalSearch): EventSearch {
  const data = {
    ...(query.messageId === undefined ? {} : { messageId: query.messageId }),
    ...(query.counterparty === undefined ? {} : { recipient: query.counterparty }),
    ...(query.messageType === undefined ? {} : { messageType: query.messageType }),
  };
  return {
    types: ['rejected'],
    actor: query.participant,
    ...(Object.keys(data).length === 0 ? {} : { data }),
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    limit: query.limit,
  };
}

/** Searches the submissions the hub refused `query.participant`, newest first. */
export function searchRefusals(
  store: Pick<SearchStore, 'searchEvents'>,
  query: RefusalSearch,
): Promise<Page<LedgerEvent>> {
  return store.searchEvents(refusalSearch(query));
}
