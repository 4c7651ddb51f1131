/**
 * A participant's log (src/ledger/participant_log.ts): the searches it makes of the ledger —
 * pinned to the participant as sender and as recipient, the counterparty on the other side —
 * the merge of their pages, the search of its refused submissions, and, on SQLite, that each
 * search is served in order by its own index (no sort of the participant's whole history as
 * the ledger grows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { decodeCursor } from '../../../src/ledger/cursor.ts';
import {
  logSearches,
  mergeLogPages,
  refusalSearch,
  SqliteLedger,
} from '../../../src/ledger/index.ts';
import type { MessageRecord } from '../../../src/ledger/index.ts';
import { MAILBOX_QUERY, WAITING_BY_RECIPIENT_QUERY } from '../../../src/ledger/sqlite_ledger.ts';
import { ENERGIE, GEMEENTE, ledgerRecord } from '../../support/ledger_records.ts';

const OTHER = '00000001003214345000';
const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('participant log: searches and merge', () => {
  it('searches both directions pinned to the participant, the counterparty on the other side', () => {
    expect(
      logSearches({ participant: GEMEENTE, counterparty: ENERGIE, version: '2.1', limit: 5 }),
    ).to.deep.equal([
      { version: '2.1', limit: 5, sender: GEMEENTE, recipient: ENERGIE },
      { version: '2.1', limit: 5, recipient: GEMEENTE, sender: ENERGIE },
    ]);
    expect(logSearches({ participant: GEMEENTE, direction: 'sent', limit: 5 })).to.deep.equal([
      { limit: 5, sender: GEMEENTE },
    ]);
    expect(logSearches({ participant: GEMEENTE, direction: 'received', limit: 5 })).to.deep.equal([
      { limit: 5, recipient: GEMEENTE },
    ]);
  });

  it('never lets a filter override whose log it is', () => {
    const query = { participant: GEMEENTE, limit: 5, sender: OTHER, recipient: OTHER };
    for (const search of logSearches(query)) {
      expect([search.sender, search.recipient]).to.include(GEMEENTE);
    }
  });

  it('merges the pages newest first, each message once, with a cursor after the last one kept', () => {
    const record = (minute: number, sender = GEMEENTE, recipient = ENERGIE): MessageRecord =>
      ledgerRecord({ receivedAt: at(minute), sender, recipient });
    const sent = [record(9), record(5), record(1)];
    const received = [record(8, ENERGIE, GEMEENTE), record(2, ENERGIE, GEMEENTE)];
    const merged = mergeLogPages(
      [
        { items: sent, nextCursor: 'more' },
        { items: received, nextCursor: undefined },
      ],
      3,
    );
    expect(merged.items.map((r) => r.receivedAt)).to.deep.equal([at(9), at(8), at(5)]);
    expect(decodeCursor(merged.nextCursor as string)).to.deep.equal({
      receivedAt: at(5),
      messageId: sent[1]?.messageId,
    });
    const self = record(4, GEMEENTE, GEMEENTE);
    const once = mergeLogPages(
      [
        { items: [self], nextCursor: undefined },
        { items: [self], nextCursor: undefined },
      ],
      3,
    );
    expect(once.items).to.have.length(1);
    expect(once.nextCursor).to.equal(undefined);
  });
});

describe('participant log: refused submissions', () => {
  it('searches the rejected events the participant caused, its filters on their data', () => {
    expect(
      refusalSearch({
        participant: GEMEENTE,
        counterparty: ENERGIE,
        messageType: 'saldoverzoek',
        from: at(1),
        limit: 5,
      }),
    ).to.deep.equal({
      types: ['rejected'],
      actor: GEMEENTE,
      data: { recipient: ENERGIE, messageType: 'saldoverzoek' },
      from: at(1),
      limit: 5,
    });
    expect(refusalSearch({ participant: GEMEENTE, limit: 5 })).to.deep.equal({
      types: ['rejected'],
      actor: GEMEENTE,
      limit: 5,
    });
  });
});

describe('participant log on SQLite: served by its indexes', () => {
  let dir: string;
  let ledger: SqliteLedger;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-log-'));
    ledger = new SqliteLedger(join(dir, 'ledger.sqlite'));
    await ledger.init();
  });
  after(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = (where: string): string =>
    ledger
      .unsafeQuery(
        `EXPLAIN QUERY PLAN SELECT doc FROM messages WHERE ${where}
           ORDER BY received_at DESC, message_id DESC LIMIT 51`,
        GEMEENTE,
      )
      .map((row) => String(row['detail']))
      .join('\n');

  it('reads sent messages in order from messages_log_by_sender, without a sort', () => {
    const sent = plan('sender = ?');
    expect(sent).to.include('messages_log_by_sender');
    expect(sent).not.to.include('TEMP B-TREE');
  });

  it('reads refused submissions in order from events_by_actor, without a sort', () => {
    const refused = ledger
      .unsafeQuery(
        `EXPLAIN QUERY PLAN SELECT doc FROM events
           WHERE type IN ('rejected') AND actor = ? ORDER BY at DESC, event_id DESC LIMIT 51`,
        GEMEENTE,
      )
      .map((row) => String(row['detail']))
      .join('\n');
    expect(refused).to.include('events_by_actor');
    expect(refused).not.to.include('TEMP B-TREE');
  });

  it('reads a mailbox page from messages_waiting in order, without a sort, with or without a cursor', () => {
    const plan = (sql: string, cursor: object): string =>
      ledger
        .unsafeQuery(`EXPLAIN QUERY PLAN ${sql}`, {
          recipient: GEMEENTE,
          module: null,
          type: null,
          limit: 101,
          ...cursor,
        })
        .map((row) => String(row['detail']))
        .join('\n');
    const first = plan(MAILBOX_QUERY.first, {});
    expect(first).to.include('messages_waiting (recipient=?)');
    expect(first).not.to.include('TEMP B-TREE');
    const later = plan(MAILBOX_QUERY.after, { afterAt: '2026-11-23T09:00:00.000Z', afterId: 'a' });
    expect(later).to.include('messages_waiting (recipient=? AND (received_at,message_id)>(?,?))');
    expect(later).not.to.include('TEMP B-TREE');
  });

  it('counts the waiting messages by recipient from messages_waiting, without a sort', () => {
    const backlog = ledger
      .unsafeQuery(`EXPLAIN QUERY PLAN ${WAITING_BY_RECIPIENT_QUERY}`)
      .map((row) => String(row['detail']))
      .join('\n');
    expect(backlog).to.include('messages_waiting');
    expect(backlog).not.to.include('TEMP B-TREE');
  });

  it('reads received messages in order from messages_log_recipient, without a sort', () => {
    const received = plan('recipient = ?');
    expect(received).to.include('messages_log_recipient');
    expect(received).not.to.include('TEMP B-TREE');
  });
});
