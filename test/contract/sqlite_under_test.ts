/**
 * SQLite ledgers for the contracts: a fresh file in a folder of its own, opened in the test's
 * thread or in the ledger's own, and raw edits of the file for the tamper tests, through the
 * ledger's own connection or a second one on the same file (the ledger in its thread).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedger } from '../../src/ledger/index.ts';
import { openSqliteLedgerThread } from '../../src/ledger/sqlite_thread.ts';
import type { LedgerUnderTest, Tamperer } from './ledger.contract.ts';

/**
 * A fresh SQLite ledger, in the test's thread or (`thread`) in its own, with a tamperer; `dispose`
 * closes it and removes its folder.
 */
export async function sqliteUnderTest(options: { thread: boolean }): Promise<LedgerUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-ledger-'));
  const path = join(dir, 'ledger.sqlite');
  const ledger = options.thread ? openSqliteLedgerThread(path) : new SqliteLedger(path);
  await ledger.init();
  // The thread's connection is out of reach: a second one on the file edits behind its back.
  const side = ledger instanceof SqliteLedger ? undefined : new SqliteLedger(path);
  return {
    ledger,
    tamper: sqliteTamperer(side ?? (ledger as SqliteLedger)),
    async dispose() {
      await ledger.close();
      await side?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The tamperer of the SQLite ledger that `ledger` has open. */
export function sqliteTamperer(ledger: SqliteLedger): Tamperer {
  return {
    async editEventData(eventId, data) {
      ledger.unsafeExec(
        `UPDATE events SET doc = json_set(doc, '$.data', json(?)) WHERE event_id = ?`,
        JSON.stringify(data),
        eventId,
      );
    },
    async deleteEvent(eventId) {
      ledger.unsafeExec('DELETE FROM events WHERE event_id = ?', eventId);
    },
    async editMessage(messageId, fields) {
      for (const [name, value] of Object.entries(fields)) {
        ledger.unsafeExec(
          `UPDATE messages SET doc = json_set(doc, '$.' || ?, json(?)) WHERE message_id = ?`,
          name,
          JSON.stringify(value),
          messageId,
        );
        if (name === 'status' || name === 'recipient') {
          ledger.unsafeExec(
            `UPDATE messages SET ${name} = ? WHERE message_id = ?`,
            value,
            messageId,
          );
        }
      }
    },
    async editParticipant(oin, fields) {
      for (const [name, value] of Object.entries(fields)) {
        ledger.unsafeExec(
          `UPDATE participants SET doc = json_set(doc, '$.' || ?, json(?)) WHERE oin = ?`,
          name,
          JSON.stringify(value),
          oin,
        );
      }
    },
    async deleteParticipant(oin) {
      ledger.unsafeExec('DELETE FROM participants WHERE oin = ?', oin);
    },
    async swapEvents(first, second) {
      // Each event keeps its content but claims the other's position (seq and id).
      const docs = ledger.unsafeQuery(
        'SELECT event_id, doc FROM events WHERE event_id IN (?, ?)',
        first,
        second,
      );
      const byId = new Map(
        docs.map((row) => [
          row['event_id'] as string,
          JSON.parse(row['doc'] as string) as Record<string, unknown>,
        ]),
      );
      const a = byId.get(first);
      const b = byId.get(second);
      if (a === undefined || b === undefined) throw new Error('events to swap not found');
      ledger.unsafeExec('DELETE FROM events WHERE event_id IN (?, ?)', first, second);
      for (const [event, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const moved = { ...event, seq: other['seq'], eventId: other['eventId'] };
        ledger.unsafeExec(
          'INSERT INTO events (event_id, subject, seq, doc) VALUES (?, ?, ?, ?)',
          moved.eventId,
          event['subject'],
          moved.seq,
          JSON.stringify(moved),
        );
      }
    },
  };
}
