/**
 * The SQLite ledger's own machinery (src/ledger/sqlite_ledger.ts), past what the ledger
 * contract asks of every ledger: a changed message's columns are the ones a fresh insert of
 * it stores.
 */
import { expect } from 'chai';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import { applied, expiry, senderNotification } from '../../../src/lifecycle/index.ts';
import { ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';

describe('SQLite ledger: message columns', () => {
  it('stores a changed message with the columns a fresh insert of it stores', async () => {
    const changed = new SqliteLedger(':memory:');
    const fresh = new SqliteLedger(':memory:');
    await changed.init();
    await fresh.init();
    try {
      const record = ledgerRecord({ dropPayloadAfter: '2026-12-23T09:00:00.000Z' });
      const at = new Date('2026-12-01T09:00:00.000Z');
      const expired = expiry(record, at);
      const notified = senderNotification(record.messageId, at, 'notice');
      await changed.insertMessage(record, receivedEventOf(record));
      expect(await changed.updateMessage(record.messageId, expired)).to.equal(true);
      expect(await changed.updateMessage(record.messageId, notified)).to.equal(true);
      const final = applied(applied(record, expired), notified);
      await fresh.insertMessage(final, receivedEventOf(final));

      const rowIn = (ledger: SqliteLedger) => ledger.unsafeQuery('SELECT * FROM messages');
      const [row] = rowIn(changed);
      expect(row).to.include({
        message_id: record.messageId,
        status: 'expired',
        drop_payload_after: null,
        notify_due_at: null,
        open_answer_due_at: null,
      });
      expect(rowIn(changed)).to.deep.equal(rowIn(fresh));
    } finally {
      await changed.close();
      await fresh.close();
    }
  });
});
