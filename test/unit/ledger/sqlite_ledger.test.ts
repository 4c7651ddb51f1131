/**
 * The SQLite ledger's own machinery (src/ledger/sqlite_ledger.ts), past what the ledger
 * contract asks of every ledger: a changed message's columns are the ones a fresh insert of
 * it stores, and a read hands out nothing of a commit whose fsync of the log has not
 * finished, an attachment's bytes included (the fsyncs are held here by replacing `fs.fsync`, as seen by the ledger's
 * `import { fsync } from 'node:fs'`, through `syncBuiltinESMExports`).
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { attachmentDigest, LedgerError } from '@knooppunt/standard';
import { loadConfig } from '../../../src/config.ts';
import { openLedger } from '../../../src/hub/hub.ts';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import type { Ledger } from '../../../src/ledger/index.ts';
import { CommitCounters } from '../../../src/ledger/sqlite_commits.ts';
import type { MessageRecord } from '../../../src/ledger/index.ts';
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

describe('SQLite ledger: a file made before the sender, event and mailbox columns', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'knooppunt-sqlite-upgrade-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gets the columns, filled from the documents, and is searched by them', async () => {
    const path = join(folder, 'ledger.sqlite');
    const record = ledgerRecord();
    const before = new SqliteLedger(path);
    await before.init();
    await before.insertMessage(record, receivedEventOf(record));
    const mailbox = await before.listMailbox({ recipient: record.recipient, limit: 10 });
    const [stored] = before.unsafeQuery('SELECT envelope_fields FROM messages');
    // Back to the layout of 2026-12-03: expression indexes over the documents, no columns.
    for (const statement of [
      'ALTER TABLE messages DROP COLUMN envelope_fields',
      'DROP INDEX messages_log_by_sender',
      'DROP INDEX events_by_at',
      'DROP INDEX events_by_type',
      'DROP INDEX events_by_actor',
      'ALTER TABLE messages DROP COLUMN sender',
      'ALTER TABLE events DROP COLUMN at',
      'ALTER TABLE events DROP COLUMN type',
      'ALTER TABLE events DROP COLUMN actor',
      "CREATE INDEX messages_log_sender ON messages (json_extract(doc, '$.sender'), received_at, message_id)",
      "CREATE INDEX events_type ON events (json_extract(doc, '$.type'), json_extract(doc, '$.at'), event_id)",
    ]) {
      before.unsafeExec(statement);
    }
    await before.close();

    const after = new SqliteLedger(path);
    await after.init();
    try {
      expect(after.unsafeQuery('SELECT sender FROM messages')).to.deep.equal([
        { sender: record.sender },
      ]);
      // The mailbox's envelope fields, as the writer stores them, and the same listing.
      const [filled] = after.unsafeQuery('SELECT envelope_fields FROM messages');
      expect(JSON.parse(String(filled?.['envelope_fields']))).to.deep.equal(
        JSON.parse(String(stored?.['envelope_fields'])),
      );
      expect(JSON.parse(String(stored?.['envelope_fields']))).to.have.length(4);
      expect(await after.listMailbox({ recipient: record.recipient, limit: 10 })).to.deep.equal(
        mailbox,
      );
      expect(mailbox.items.map((item) => item.messageId)).to.deep.equal([record.messageId]);
      expect(after.unsafeQuery('SELECT at, type, actor FROM events')).to.deep.equal([
        { at: record.receivedAt, type: 'received', actor: record.sender },
      ]);
      const indexes = after
        .unsafeQuery("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .map((row) => row['name']);
      expect(indexes).to.include.members(['messages_log_by_sender', 'events_by_type']);
      expect(indexes).not.to.include('messages_log_sender');
      expect(indexes).not.to.include('events_type');
      const sent = await after.searchMessages({ sender: record.sender, limit: 10 });
      expect(sent.items.map((item) => item.messageId)).to.deep.equal([record.messageId]);
      const received = await after.searchEvents({
        types: ['received'],
        actor: record.sender,
        limit: 10,
      });
      expect(received.items.map((event) => event.subject)).to.deep.equal([record.messageId]);
    } finally {
      await after.close();
    }
  });

  it('lists a message an older binary wrote beside it, without the mailbox column', async () => {
    const ledger = new SqliteLedger(join(folder, 'ledger.sqlite'));
    await ledger.init();
    try {
      // Every field of the array filled, an answer due and the message it answers among them.
      const plain = ledgerRecord();
      const record = ledgerRecord({
        answerDueAt: '2026-12-11T23:00:00.000Z',
        envelope: { ...plain.envelope, inReplyTo: 'the-request' },
      });
      await ledger.insertMessage(record, receivedEventOf(record));
      const listing = await ledger.listMailbox({ recipient: record.recipient, limit: 10 });
      expect(listing.items[0]?.answerDueAt).to.equal('2026-12-11T23:00:00.000Z');
      expect(listing.items[0]?.envelope.inReplyTo).to.equal('the-request');
      ledger.unsafeExec('UPDATE messages SET envelope_fields = NULL'); // as that binary stores it
      expect(await ledger.listMailbox({ recipient: record.recipient, limit: 10 })).to.deep.equal(
        listing,
      );
      expect(listing.items.map((item) => item.messageId)).to.deep.equal([record.messageId]);
    } finally {
      await ledger.close();
    }
  });
});

describe('SQLite ledger: a file made with a key on the events’ id', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'knooppunt-sqlite-event-key-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('loses the key at init, keeping every event and its place, and still seals by id', async () => {
    const path = join(folder, 'ledger.sqlite');
    const [first, second] = [ledgerRecord(), ledgerRecord()];
    const before = new SqliteLedger(path);
    await before.init();
    for (const record of [first, second]) {
      await before.insertMessage(record, receivedEventOf(record));
    }
    await before.updateMessage(first.messageId, expiry(first, new Date()));
    // Back to the layout before 2026-12-04: `event_id TEXT PRIMARY KEY`.
    const names = 'event_id, subject, seq, batch, doc, at, type, actor';
    for (const statement of [
      `CREATE TABLE events_old (event_id TEXT PRIMARY KEY, subject TEXT NOT NULL,
         seq INTEGER NOT NULL, batch INTEGER, doc TEXT NOT NULL, at TEXT, type TEXT,
         actor TEXT, UNIQUE (subject, seq))`,
      `INSERT INTO events_old (rowid, ${names}) SELECT rowid, ${names} FROM events`,
      'DROP TABLE events',
      'ALTER TABLE events_old RENAME TO events',
    ]) {
      before.unsafeExec(statement);
    }
    const rows = before.unsafeQuery(`SELECT rowid, ${names} FROM events ORDER BY rowid`);
    expect(rows).to.have.length(3);
    await before.close();

    const after = new SqliteLedger(path);
    await after.init();
    try {
      const key = after
        .unsafeQuery('PRAGMA table_info(events)')
        .filter((column) => Number(column['pk']) > 0);
      expect(key, 'a key column left').to.deep.equal([]);
      expect(after.unsafeQuery(`SELECT rowid, ${names} FROM events ORDER BY rowid`)).to.deep.equal(
        rows,
      );
      const indexes = after
        .unsafeQuery("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'")
        .map((row) => row['name']);
      expect(indexes).to.include.members(['events_by_at', 'events_by_type', 'events_by_actor']);
      // The sealer's two calls: unsealed in the order written, marked by id.
      const unsealed = (await after.unsealedEvents(10)).map((event) => event.eventId);
      expect(unsealed).to.deep.equal(rows.map((row) => row['event_id']));
      const [a, b, c] = unsealed as [string, string, string];
      await after.markSealed([c, a], 1);
      expect((await after.unsealedEvents(10)).map((event) => event.eventId)).to.deep.equal([b]);
      // A write after the upgrade chains on as before.
      const next = await after.appendEvent({
        subject: second.messageId,
        type: 'delivered',
        at: '2026-11-24T10:00:00.000Z',
        data: {},
      });
      expect(next.seq).to.equal(1);
      expect(await after.listEvents(second.messageId)).to.have.length(2);
    } finally {
      await after.close();
    }
  });
});

describe('SQLite ledger: reads wait for the fsync of what they saw', () => {
  let folder: string;
  let ledger: SqliteLedger;
  const original = fs.fsync;
  /** The fsyncs asked for while held, each waiting for `release`. */
  const held: (() => void)[] = [];
  const hold = (): void => {
    fs.fsync = ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      held.push(() => original(fd, callback));
    }) as typeof fs.fsync;
    syncBuiltinESMExports();
  };
  const release = (): void => {
    for (const run of held.splice(0)) run();
  };
  const restore = (): void => {
    release();
    fs.fsync = original;
    syncBuiltinESMExports();
  };
  /** Turns of the event loop until `done`, failing after a second. */
  const until = async (done: () => boolean): Promise<void> => {
    for (let turn = 0; !done(); turn += 1) {
      if (turn > 1000) throw new Error('condition not met');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  /** A promise's outcome so far (undefined while pending). */
  const watch = <T>(promise: Promise<T>): { value?: T; settled: boolean } => {
    const state: { value?: T; settled: boolean } = { settled: false };
    void promise.then((value) => Object.assign(state, { value, settled: true }));
    return state;
  };
  const stored = (record: MessageRecord): boolean =>
    ledger.unsafeQuery('SELECT 1 FROM messages WHERE message_id = ?', record.messageId).length > 0;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'knooppunt-sqlite-reads-'));
    ledger = new SqliteLedger(join(folder, 'ledger.sqlite'));
    await ledger.init();
    // The log exists and is open for fsync before any fsync is held.
    const first = ledgerRecord();
    await ledger.insertMessage(first, receivedEventOf(first));
  });
  afterEach(async () => {
    restore();
    await ledger.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers a read of a committed write only once its fsync is done', async () => {
    hold();
    const record = ledgerRecord();
    const write = watch(ledger.insertMessage(record, receivedEventOf(record)));
    await until(() => held.length === 1);
    expect(stored(record)).to.equal(true);

    const reads = {
      message: watch(ledger.getMessage(record.messageId)),
      conversation: watch(ledger.listConversation(record.conversationId)),
      log: watch(ledger.listEvents(record.messageId)),
      search: watch(ledger.searchMessages({ messageId: record.messageId, limit: 5 })),
    };
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(write.settled).to.equal(false);
    for (const [name, read] of Object.entries(reads)) {
      expect(read.settled, `${name} answered before the fsync`).to.equal(false);
    }

    release();
    await until(() => Object.values(reads).every((read) => read.settled));
    expect(reads.message.value?.messageId).to.equal(record.messageId);
    expect(reads.conversation.value?.map((m) => m.messageId)).to.deep.equal([record.messageId]);
    expect(reads.log.value?.map((event) => event.type)).to.deep.equal(['received']);
    expect(reads.search.value?.items).to.have.length(1);
  });

  it('answers an attachment, uploaded or bound, only once its fsync is done', async () => {
    hold();
    const record = ledgerRecord();
    const content = Buffer.from('%PDF-1.7 a statement of the claim');
    const sha256 = attachmentDigest(content);
    const meta = {
      sha256,
      size: content.length,
      mediaType: 'application/pdf',
      owner: record.sender,
      storedAt: record.receivedAt,
      expiresAt: '2026-12-08T09:00:00.000Z',
    };
    void ledger.attachments.putUpload(meta, content);
    void ledger.attachments.bindAttachments(
      record.messageId,
      record.sender,
      [sha256],
      meta.storedAt,
    );
    await until(() => held.length === 1);
    const upload = watch(ledger.attachments.getUpload(record.sender, sha256));
    const bound = watch(ledger.attachments.readAttachment(record.messageId, sha256));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upload.settled, 'the upload answered before the fsync').to.equal(false);
    expect(bound.settled, 'the bound copy answered before the fsync').to.equal(false);

    release();
    await until(() => upload.settled && bound.settled);
    expect(upload.value?.sha256).to.equal(sha256);
    expect(bound.value?.content.equals(content)).to.equal(true);
  });

  it('does not hand out a write committed while the read waited for an fsync', async () => {
    hold();
    const before = ledgerRecord();
    void ledger.insertMessage(before, receivedEventOf(before));
    await until(() => held.length === 1);
    // The fsync of `before` runs; `later` is asked for now and committed during it.
    const later = ledgerRecord();
    const read = ledger.getMessage(later.messageId);
    const write = ledger.insertMessage(later, receivedEventOf(later));
    await until(() => stored(later));

    // The first fsync ends; the one that covers `later` is held.
    release();
    await until(() => held.length === 1);
    expect(await read).to.equal(undefined);
    release();
    expect(await write).to.include({ inserted: true });
  });

  it('answers without an fsync when every commit is on disk', async () => {
    hold();
    const record = ledgerRecord();
    expect(await ledger.listConversation(record.conversationId)).to.deep.equal([]);
    expect(held).to.have.length(0);
  });

  it('takes and answers nothing more once an fsync of the log failed, here and in a reader beside it', async () => {
    // A writer that shares its counters, and a reader on a connection of its own (as the hub's
    // thread reads beside the ledger's).
    const path = join(folder, 'shared.sqlite');
    const counters = new CommitCounters();
    const writer = new SqliteLedger(path, { counters });
    await writer.init();
    const first = ledgerRecord();
    await writer.insertMessage(first, receivedEventOf(first));
    const reader = new SqliteLedger(path, { readerOf: counters });
    expect((await reader.getMessage(first.messageId))?.messageId).to.equal(first.messageId);
    fs.fsync = ((_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      callback(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    }) as typeof fs.fsync;
    syncBuiltinESMExports();
    const outcome = async (promise: Promise<unknown>): Promise<unknown> =>
      promise.then(
        () => 'answered',
        (error: unknown) => error,
      );
    try {
      const record = ledgerRecord();
      const write = await outcome(writer.insertMessage(record, receivedEventOf(record)));
      expect(write).to.be.instanceOf(LedgerError);
      expect(write).to.include({ code: 'LEDGER_UNAVAILABLE' });
      expect((write as Error).message).to.match(/could not be synced to disk \(EIO\)/);
      // Not even what was on disk before: the ledger answers nothing until a restart.
      for (const later of [
        writer.getMessage(first.messageId),
        writer.getMessage(record.messageId),
        writer.appendEvent({ subject: 's', type: 'delivered', at: first.receivedAt, data: {} }),
        writer.ping(),
        reader.getMessage(first.messageId),
      ]) {
        expect(await outcome(later)).to.include({ code: 'LEDGER_UNAVAILABLE' });
      }
    } finally {
      restore();
      await reader.close();
      await writer.close();
    }
    // Restarted, the ledger has what reached the disk.
    const again = new SqliteLedger(path);
    await again.init();
    expect((await again.getMessage(first.messageId))?.messageId).to.equal(first.messageId);
    await again.close();
  });
});

describe('SQLite ledger: a file other processes write too', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-writers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** SQLite's `synchronous` of a ledger's writer: 1 NORMAL, 2 FULL. */
  const synchronous = async (ledger: Ledger): Promise<unknown> => {
    await ledger.init();
    const [row] = (ledger as SqliteLedger).unsafeQuery('PRAGMA synchronous');
    await ledger.close();
    return row?.['synchronous'];
  };

  it('has each commit on disk before any connection sees it: synchronous FULL', async () => {
    const path = join(dir, 'ledger.sqlite');
    // One process: its readers wait for its own fsyncs (the counters), commits sync after.
    expect(await synchronous(new SqliteLedger(path))).to.equal(1);
    expect(await synchronous(new SqliteLedger(path, { syncInCommit: true }))).to.equal(2);
  });

  it('answers a write and a read beside it without an fsync of its own: the COMMIT synced', async () => {
    const path = join(dir, 'ledger.sqlite');
    const counters = new CommitCounters();
    const writer = new SqliteLedger(path, { counters, syncInCommit: true });
    await writer.init();
    const reader = new SqliteLedger(path, { readerOf: counters });
    const original = fs.fsync;
    let fsyncs = 0;
    fs.fsync = ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      fsyncs += 1;
      original(fd, callback);
    }) as typeof fs.fsync;
    syncBuiltinESMExports();
    try {
      const record = ledgerRecord();
      expect(await writer.insertMessage(record, receivedEventOf(record))).to.include({
        inserted: true,
      });
      expect((await reader.getMessage(record.messageId))?.messageId).to.equal(record.messageId);
      expect(fsyncs).to.equal(0);
    } finally {
      fs.fsync = original;
      syncBuiltinESMExports();
      await reader.close();
      await writer.close();
    }
  });

  it('is opened so by the hub with several processes and by a CLI command beside a hub', async () => {
    const config = (processes: number) =>
      loadConfig({
        KNOOPPUNT_DATA_DIR: dir,
        KNOOPPUNT_PROCESSES: String(processes),
        KNOOPPUNT_SQLITE_THREAD: 'false',
      });
    expect(await synchronous(openLedger(config(1)))).to.equal(1);
    expect(await synchronous(openLedger(config(2)))).to.equal(2);
    expect(await synchronous(openLedger(config(1), { besideHub: true }))).to.equal(2);
  });
});

describe('SQLite ledger: a thread of its own copies the log into the file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-checkpoints-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const walAutocheckpoint = (ledger: SqliteLedger): unknown =>
    ledger.unsafeQuery('PRAGMA wal_autocheckpoint')[0]?.['wal_autocheckpoint'];

  it("raises the writer's own checkpoint to a backstop meanwhile, and gives it back", async () => {
    const ended: Error[] = [];
    const ledger = new SqliteLedger(join(dir, 'ledger.sqlite'), {
      checkpoints: {
        ended: (error) => ended.push(error),
        entry: new URL('data:text/javascript,setTimeout(() => { throw new Error("gone") }, 200)'),
      },
    });
    ledger.unsafeExec('PRAGMA wal_autocheckpoint = 500'); // configured, not SQLite's 1,000
    await ledger.init();
    expect(walAutocheckpoint(ledger)).to.equal(10_000);
    const until = Date.now() + 5000;
    while (ended.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(ended.map((error) => error.message)).to.deep.equal(['gone']);
    expect(walAutocheckpoint(ledger)).to.equal(500);
    await ledger.close();
  });

  it('closes the file when the thread fails as it stops', async () => {
    const ledger = new SqliteLedger(join(dir, 'ledger.sqlite'), {
      checkpoints: {
        entry: new URL(
          'data:text/javascript,import { parentPort } from "node:worker_threads";' +
            'parentPort.on("message", () => { throw new Error("stopping failed") })',
        ),
      },
    });
    await ledger.init();
    await ledger.close();
    expect(() => ledger.unsafeQuery('SELECT 1')).to.throw(/not open/);
  });
});
