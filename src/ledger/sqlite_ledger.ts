/**
 * The embedded ledger: one SQLite file in WAL mode through better-sqlite3. The default when
 * no MongoDB URL is configured. Records are stored as JSON documents next to the columns that
 * are queried. Writes that arrive in the same turn of the event loop are committed in one
 * transaction (group commit), each in its own savepoint so one failure does not undo the
 * others. A full disk rejects the whole batch with LEDGER_FULL (transient) and leaves nothing
 * of it stored.
 *
 * Durability is synchronous FULL's. In a thread of its own (sqlite_thread.ts), and beside
 * other processes' writers, it is FULL itself: each COMMIT syncs the log (`syncInCommit`). In
 * an event loop's thread the flush is moved off that loop: SQLite commits without syncing
 * (synchronous NORMAL) and the write-ahead log is then fsync'ed on libuv's thread pool; a
 * write resolves only after the fsync that covers its commit, and every read whose answer can
 * leave the hub waits for the fsync that covers what it saw (`#read`). Commits that land while
 * an fsync runs share the next one. After a power failure the ledger holds every acknowledged
 * write (the log is replayed up to its last synced commit).
 */
import { closeSync, fsync, mkdirSync, openSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { LedgerError } from '@knooppunt/standard';
import type { LoginState } from '../operators/store.ts';
import type { Operator, OperatorSession } from '../operators/types.ts';
import type { Participant } from '../participants/types.ts';
import type { PortalLoginState } from '../portal/store.ts';
import type { PortalSession, PortalUser } from '../portal/types.ts';
import { chainEvent, eventPlaceOf } from './chain.ts';
import type { CommitCounters } from './sqlite_commits.ts';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';
import { assertConversationParty } from './conversation_rules.ts';
import type {
  DueKind,
  FollowUps,
  InsertOutcome,
  LeaseHolder,
  Ledger,
  MessageUpdate,
  OpensConversation,
  OutboxSummary,
  ParticipantBacklog,
} from './port.ts';
import { EVENT_DATA_FIELDS, FlowCounter } from './search.ts';
import type { EventSearch, MessageFlow, MessageSearch } from './search.ts';
import {
  ADDED_COLUMNS,
  ENVELOPE_FIELDS_OF_DOC,
  EVENTS_TABLE,
  SQLITE_SCHEMA,
} from './sqlite_schema.ts';
import { SQLITE_ATTACHMENTS_SCHEMA, SqliteAttachments } from './sqlite_attachments.ts';
import type { AttachmentStore } from './attachments.ts';
import type {
  ConversationRecord,
  LedgerEvent,
  LedgerSeal,
  MailboxEntry,
  MailboxQuery,
  MessageRecord,
  MessageStatus,
  MessageSummary,
  NewLedgerEvent,
  Page,
} from './types.ts';

type Row = { doc: string };

/** The housekeeping queries, by kind; each returns documents oldest first. */
const DUE_QUERIES: Readonly<Record<DueKind, string>> = {
  expire: `SELECT doc FROM messages WHERE status IN ('accepted', 'delivered') AND expires_at <= ?
           ORDER BY expires_at LIMIT ?`,
  'drop-payload': `SELECT doc FROM messages WHERE drop_payload_after IS NOT NULL AND drop_payload_after <= ?
           ORDER BY drop_payload_after LIMIT ?`,
  notify: `SELECT doc FROM messages WHERE notify_due_at IS NOT NULL AND notify_due_at <= ?
           ORDER BY notify_due_at LIMIT ?`,
};
/**
 * What the mailbox reads of a message: its columns only, the four envelope fields a listing
 * shows among them as one JSON array (`envelope_fields`), so no document is read or parsed —
 * `json_extract` over each document was half the cost of a page of ten. A row without the array
 * (written by an older binary beside a newer one, after the column was added) is read from
 * its document instead.
 */
const MAILBOX_COLUMNS = `message_id, conversation_id, module, message_type, sender, recipient,
  received_at, status, expires_at,
  COALESCE(envelope_fields, ${ENVELOPE_FIELDS_OF_DOC}) AS envelope_fields`;

/** A row of the mailbox queries. */
interface MailboxRow {
  readonly message_id: string;
  readonly conversation_id: string;
  readonly module: string;
  readonly message_type: string;
  readonly sender: string;
  readonly recipient: string;
  readonly received_at: string;
  readonly status: MessageStatus;
  readonly expires_at: string;
  /** `[answerDueAt, inReplyTo, version, createdAt]`, JSON; `null` where absent. */
  readonly envelope_fields: string;
}

function mailboxEntryOf(row: MailboxRow): MailboxEntry {
  const [answerDueAt, inReplyTo, version, createdAt] = JSON.parse(row.envelope_fields) as [
    string | null,
    string | null,
    string,
    string,
  ];
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    module: row.module,
    messageType: row.message_type,
    sender: row.sender,
    recipient: row.recipient,
    receivedAt: row.received_at,
    status: row.status,
    ...(answerDueAt === null ? {} : { answerDueAt }),
    expiresAt: row.expires_at,
    envelope: { ...(inReplyTo === null ? {} : { inReplyTo }), version, createdAt },
  };
}

/**
 * A recipient's waiting messages, oldest first: one ordered range of the partial index
 * `messages_waiting` (only accepted and delivered messages, by recipient and time), no sort —
 * an empty mailbox is one index probe. A page after a cursor starts its range there.
 */
export const MAILBOX_QUERY = ((): { readonly first: string; readonly after: string } => {
  // INDEXED BY: without statistics the planner may take messages_log_recipient for a page
  // after a cursor, and walk the recipient's whole history from there.
  const query = (after: string): string => `SELECT ${MAILBOX_COLUMNS}
    FROM messages INDEXED BY messages_waiting
    WHERE recipient = @recipient AND status IN ('accepted', 'delivered')${after}
      AND (@module IS NULL OR module = @module) AND (@type IS NULL OR message_type = @type)
    ORDER BY received_at, message_id LIMIT @limit`;
  return {
    first: query(''),
    after: query('\n      AND (received_at, message_id) > (@afterAt, @afterId)'),
  };
})();

/**
 * The waiting messages by recipient (the backlog of the metrics and the console): the partial
 * index `messages_waiting` in recipient order, so no sort; without INDEXED BY the planner reads
 * both waiting statuses through `messages_expiry` and groups them in a temporary tree.
 */
export const WAITING_BY_RECIPIENT_QUERY = `SELECT recipient AS participant, COUNT(*) AS count,
    MIN(received_at) AS oldest
  FROM messages INDEXED BY messages_waiting
  WHERE status IN ('accepted', 'delivered') GROUP BY recipient ORDER BY recipient`;

/** The message-log search's fields and the SQL expressions they compare (fixed, never input). */
const SEARCH_COLUMNS: readonly [keyof MessageSearch, string][] = [
  ['messageId', 'message_id'],
  ['conversationId', 'conversation_id'],
  ['recipient', 'recipient'],
  ['sender', 'sender'],
  ['inReplyTo', "json_extract(doc, '$.envelope.inReplyTo')"],
  ['version', "json_extract(doc, '$.envelope.version')"],
  ['module', 'module'],
  ['messageType', 'message_type'],
  ['status', 'status'],
];
/** The search's sets (any of) and the SQL expressions they compare (fixed, never input). */
const SET_COLUMNS: readonly ['senderIn' | 'recipientIn', string][] = [
  ['recipientIn', 'recipient'],
  ['senderIn', 'sender'],
];

/** The conditions of an event search on type and period (the events_by_type index's columns). */
function eventConditions(query: Omit<EventSearch, 'cursor' | 'limit'>): {
  where: string[];
  values: Record<string, unknown>;
} {
  const values: Record<string, unknown> = {};
  query.types.forEach((type, index) => (values[`type${index}`] = type));
  const types = query.types.map((_, index) => `@type${index}`).join(', ');
  const where = [`type IN (${types})`];
  if (query.from !== undefined) {
    where.push('at >= @from');
    values['from'] = query.from;
  }
  if (query.to !== undefined) {
    where.push('at < @to');
    values['to'] = query.to;
  }
  if (query.actor !== undefined) {
    where.push('actor = @actor');
    values['actor'] = query.actor;
  }
  for (const field of EVENT_DATA_FIELDS) {
    const value = query.data?.[field];
    if (value === undefined) continue;
    // `field` is one of a fixed list, never input.
    where.push(`json_extract(doc, '$.data.${field}') = @data_${field}`);
    values[`data_${field}`] = value;
  }
  return { where, values };
}

/** Free space below which a ledger whose last write found the disk full still reports full. */
const FULL_MARGIN_BYTES = 1024 * 1024;

/** Bytes free for the ledger file's folder; unbounded for an in-memory ledger. */
function freeBytes(path: string): number {
  if (path === ':memory:') return Number.POSITIVE_INFINITY;
  const stats = statfsSync(dirname(path));
  return stats.bavail * stats.bsize;
}

/** A full disk as LEDGER_FULL (transient: nothing of the batch was stored); others as they are. */
function ledgerErrorOf(error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'SQLITE_FULL') return error;
  return new LedgerError('LEDGER_FULL', "the ledger's disk is full; nothing was stored", {
    cause: error,
  });
}

const ignore = (): void => undefined;

/**
 * The writer's own checkpoint while a thread of its own checkpoints (`checkpoints`): only if
 * that thread falls this far behind (40 MiB of log at 4 KiB pages; it keeps the log near 3,000
 * under load).
 */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;
/** The checkpoint thread's entry: the source loader, then sqlite_checkpoint_worker.ts. */
const CHECKPOINT_ENTRY = new URL('../../bin/sqlite_checkpoint.js', import.meta.url);

/** A thread that copies a writer's log into the file (SqliteLedgerOptions `checkpoints`). */
export interface CheckpointThreadOptions {
  /** Told why, should the thread end before the ledger closes (the writer checkpoints then). */
  readonly ended?: (error: Error) => void;
  /** Another entry for the thread (tests give one that fails). */
  readonly entry?: URL;
}

const parse = <T>(row: Row | undefined): T | undefined =>
  row === undefined ? undefined : (JSON.parse(row.doc) as T);

/**
 * The queried columns of a message: the field each statement binds it as (`@field`) and the
 * SQL column it fills (fixed names, never input). The INSERT and UPDATE statements of a
 * message are made from this table; `message_id` (the key) and `doc` (the record as JSON)
 * are not in it, every statement names them itself.
 */
const MESSAGE_COLUMNS = {
  recipient: 'recipient',
  conversationId: 'conversation_id',
  module: 'module',
  messageType: 'message_type',
  status: 'status',
  receivedAt: 'received_at',
  expiresAt: 'expires_at',
  dropPayloadAfter: 'drop_payload_after',
  notifyDueAt: 'notify_due_at',
  route: 'route',
  partition: 'partition_no',
  openAnswerDueAt: 'open_answer_due_at',
  sender: 'sender',
  envelopeFields: 'envelope_fields',
} as const;
type MessageColumnField = keyof typeof MESSAGE_COLUMNS;
type MessageColumns = Record<MessageColumnField, string | number | null>;
const MESSAGE_FIELDS = Object.keys(MESSAGE_COLUMNS) as MessageColumnField[];

/** A message's queried columns, by field. */
function rowOf(record: MessageRecord): MessageColumns {
  return {
    recipient: record.recipient,
    conversationId: record.conversationId,
    module: record.module,
    messageType: record.messageType,
    status: record.status,
    receivedAt: record.receivedAt,
    expiresAt: record.expiresAt,
    dropPayloadAfter: record.payload === null ? null : (record.dropPayloadAfter ?? null),
    notifyDueAt: record.notifyDueAt ?? null,
    route: record.route ?? 'rest',
    partition: record.partition ?? 0,
    openAnswerDueAt: record.openAnswerDueAt ?? null,
    sender: record.sender,
    // The order of ENVELOPE_FIELDS_OF_DOC (sqlite_schema.ts), which fills an older file's.
    envelopeFields: JSON.stringify([
      record.answerDueAt ?? null,
      record.envelope.inReplyTo ?? null,
      record.envelope.version,
      record.envelope.createdAt,
    ]),
  };
}

/** Stores a whole message, binding `@messageId`, every field of MESSAGE_COLUMNS and `@doc`. */
const PUT_MESSAGE = `INSERT OR REPLACE INTO messages
    (message_id, ${MESSAGE_FIELDS.map((field) => MESSAGE_COLUMNS[field]).join(', ')}, doc)
  VALUES (@messageId, ${MESSAGE_FIELDS.map((field) => `@${field}`).join(', ')}, @doc)`;

/**
 * Changes the document of message `@messageId` and the columns of `fields` (MESSAGE_COLUMNS
 * order), binding `@doc` and each field.
 */
function changeMessageSql(fields: readonly MessageColumnField[]): string {
  const set = [...fields.map((field) => `${MESSAGE_COLUMNS[field]} = @${field}`), 'doc = @doc'];
  return `UPDATE messages SET ${set.join(', ')} WHERE message_id = @messageId`;
}

/**
 * How a SqliteLedger shares its file with connections in other threads (sqlite_thread.ts): a
 * writer that counts, or a reader of such a writer — never both.
 */
export type SqliteLedgerOptions =
  | {
      /**
       * The writer's: it counts its commits and fsyncs here for readers elsewhere (with
       * `syncInCommit` there is nothing for them to wait for, only its end: `abandon`).
       */
      readonly counters?: CommitCounters;
      /**
       * Set to have each COMMIT sync the log itself (synchronous FULL: SQLite syncs the log
       * before it publishes the commit in the shared index), and no fsync after it (`#sync`):
       * then no connection, in any process, can see a commit before it is on disk. Needed when
       * other processes write this file too (`KNOOPPUNT_PROCESSES` above 1, a CLI command
       * beside a running hub): their readers cannot wait for this process's fsyncs (the
       * counters are per process). Set too in the ledger's own thread, where the fsync holds
       * no event loop: there it measured faster than an fsync on the pool (docs/performance.md).
       */
      readonly syncInCommit?: boolean;
      /**
       * Set to have a thread of its own copy the log into the file, from `init` to `close`
       * (sqlite_checkpoint_worker.ts): the writer's commits then no longer stop for it every
       * thousand pages. The writer checkpoints only past a backstop meanwhile, and as it did
       * before should that thread end.
       */
      readonly checkpoints?: CheckpointThreadOptions;
      readonly readerOf?: never;
    }
  | {
      /**
       * A reader's, on a read-only connection of its own beside the writer that keeps these
       * counters: its reads wait for the writer's fsyncs. Only its reads may be called.
       */
      readonly readerOf: CommitCounters;
      readonly counters?: never;
      readonly syncInCommit?: never;
      readonly checkpoints?: never;
    };

/** The SQLite ledger at `path` (`:memory:` for a throw-away one). */
export class SqliteLedger implements Ledger {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  #queue: {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];

  readonly #path: string;
  /** Attachments (standard 2.1): sqlite_attachments.ts, on this ledger's statements and queue. */
  readonly attachments: AttachmentStore = new SqliteAttachments({
    sql: (text) => this.#sql(text),
    write: (work) => this.#write(work),
    read: (query) => this.#read(query),
  });
  /** The last transaction failed because the disk is full (ping reports it while it is). */
  #full = false;
  /**
   * Set when an fsync of the log failed: what was committed may not be on disk, and after a
   * failed fsync the kernel may have dropped those pages and report the next fsync clean. The
   * ledger then takes and answers nothing more; a restart replays what reached the disk.
   */
  #failed: LedgerError | undefined;
  /** The write-ahead log, opened for fsync after the first commit (none in memory). */
  #walFd: number | undefined;
  /** Committed batches waiting for the next fsync of the log. */
  #unsynced: ((error: Error | null) => void)[] = [];
  /** The fsyncs running now (one at a time), and the round in flight. */
  #syncing: Promise<void> | undefined;
  #round: Promise<unknown> | undefined;

  /** Shared with readers on connections of their own: this ledger writes, and counts. */
  readonly #counters: CommitCounters | undefined;
  /** Set when this is such a reader: its reads wait for the writer's fsyncs, not its own. */
  readonly #writer: CommitCounters | undefined;
  /** Set when each COMMIT syncs the log itself (synchronous FULL, `syncInCommit`). */
  readonly #syncInCommit: boolean;
  /** The checkpoint thread asked for, and the thread while it runs (after `init`). */
  readonly #checkpoints: CheckpointThreadOptions | undefined;
  #checkpointer: Worker | undefined;

  constructor(path: string, options: SqliteLedgerOptions = {}) {
    this.#path = path;
    this.#counters = options.counters;
    this.#writer = options.readerOf;
    this.#syncInCommit = options.syncInCommit === true;
    this.#checkpoints = options.checkpoints;
    if (this.#writer !== undefined) {
      this.#db = new Database(path, { readonly: true, fileMustExist: true });
      this.#db.pragma('busy_timeout = 5000');
      return;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // FULL's durability comes from SQLite itself (syncInCommit), or from #sync (an fsync of
    // the log off the event loop, for this process's readers).
    this.#db.pragma(this.#syncInCommit ? 'synchronous = FULL' : 'synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
  }

  readonly #statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once per SQL text. */
  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  async init(): Promise<void> {
    // Ledger files made before a column existed get it first, filled from the documents.
    this.#db
      .transaction(() => {
        for (const [table, added] of Object.entries(ADDED_COLUMNS)) {
          const columns = new Set(
            (this.#db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
              (c) => c.name,
            ),
          );
          if (columns.size === 0) continue; // a new file: SQLITE_SCHEMA makes the table whole
          for (const [name, { definition, from }] of Object.entries(added)) {
            if (columns.has(name)) continue;
            this.#db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${definition}`);
            if (from !== undefined) this.#db.exec(`UPDATE ${table} SET ${name} = ${from}`);
          }
        }
        this.#dropEventKey();
      })
      .immediate();
    this.#db.exec(SQLITE_SCHEMA);
    this.#db.exec(SQLITE_ATTACHMENTS_SCHEMA);
    if (this.#checkpoints !== undefined && this.#path !== ':memory:') {
      this.#startCheckpoints(this.#checkpoints);
    }
  }

  async close(): Promise<void> {
    await this.#flushNow();
    await this.#durable();
    await this.#stopCheckpoints();
    this.#db.close();
    if (this.#walFd !== undefined) closeSync(this.#walFd);
    this.#walFd = undefined;
  }

  /**
   * Rebuilds an events table made with a key of its own on `event_id` (before 2026-12-04)
   * without it, keeping every row and its rowid (the sealer takes unsealed events in rowid
   * order); SQLITE_SCHEMA then makes its indexes again. Once, inside init's transaction: a
   * crash leaves the table as it was. About a second per 100,000 events (docs/operations.md).
   */
  #dropEventKey(): void {
    const columns = this.#db.prepare('PRAGMA table_info(events)').all() as {
      name: string;
      pk: number;
    }[];
    if (!columns.some((column) => column.name === 'event_id' && column.pk > 0)) return;
    const names = columns.map((column) => column.name).join(', ');
    this.#db.exec(`CREATE TABLE events_rebuilt (${EVENTS_TABLE})`);
    this.#db.exec(
      `INSERT INTO events_rebuilt (rowid, ${names}) SELECT rowid, ${names} FROM events ORDER BY rowid`,
    );
    this.#db.exec('DROP TABLE events');
    this.#db.exec('ALTER TABLE events_rebuilt RENAME TO events');
  }

  /**
   * Starts the thread that copies the log into the file (after the schema: it opens the file
   * the writer made), and has the writer's commits checkpoint only past a backstop. Should the
   * thread end, the writer's own `wal_autocheckpoint` (1,000 pages unless configured) is back.
   */
  #startCheckpoints(options: CheckpointThreadOptions): void {
    if (this.#checkpointer !== undefined) return; // init again
    const own = this.#db.pragma('wal_autocheckpoint', { simple: true }) as number;
    const checkpointer = new Worker(options.entry ?? CHECKPOINT_ENTRY, {
      workerData: { path: this.#path },
    });
    checkpointer.unref(); // the writer's users keep the process alive, not its housekeeping
    this.#checkpointer = checkpointer;
    let failure: Error | undefined;
    checkpointer.on('error', (error) => (failure = error));
    checkpointer.on('exit', (code) => {
      if (this.#checkpointer !== checkpointer) return; // stopped by close
      this.#checkpointer = undefined;
      if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${own}`);
      options.ended?.(failure ?? new Error(`the checkpoint thread exited with code ${code}`));
    });
    this.#db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  }

  /** Stops the checkpoint thread: its connection closes before the writer's. */
  async #stopCheckpoints(): Promise<void> {
    const checkpointer = this.#checkpointer;
    this.#checkpointer = undefined;
    if (checkpointer === undefined) return;
    // 'exit' follows an 'error' too (which `once` would reject on, leaving the file open).
    const exited = new Promise((resolve) => checkpointer.once('exit', resolve));
    checkpointer.ref(); // the process waits for it to close its connection
    checkpointer.postMessage('stop');
    await exited;
  }

  async ping(): Promise<void> {
    if (this.#failed !== undefined) throw this.#failed;
    this.#sql('SELECT 1').get();
    // Reads still work on a full disk; readiness should say that writes do not.
    if (this.#full && freeBytes(this.#path) < FULL_MARGIN_BYTES) {
      throw new LedgerError('LEDGER_FULL', "the ledger's disk is full");
    }
  }

  /** Runs `work` in the next group-commit transaction. */
  #write<T>(work: () => T): Promise<T> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    return new Promise<T>((resolve, reject) => {
      if (this.#queue.length === 0) setImmediate(() => this.#flush());
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.#db
        .transaction(() => {
          for (const item of batch) {
            try {
              results.push({ ok: true, value: this.#db.transaction(item.work)() });
            } catch (error) {
              // SQLITE_FULL, SQLITE_IOERR and the like may roll back the whole transaction
              // (https://sqlite.org/lang_transaction.html, "Response To Errors Within A
              // Transaction"): then every write of the batch is undone, and the next one must
              // not run on its own outside it.
              if (!this.#db.inTransaction) throw error;
              results.push({ ok: false, value: error });
            }
          }
          // Last before the COMMIT: from here on readers may see this transaction — unless
          // the COMMIT syncs the log itself, which publishes it only once it is on disk.
          if (!this.#syncInCommit) this.#counters?.committing();
        })
        .immediate();
    } catch (error) {
      // A COMMIT that synced the log itself (syncInCommit) and whose fsync failed: SQLite did
      // not publish it, but the disk may have dropped pages and report the next fsync clean,
      // so the ledger stops as when its own fsync fails (`#fail`).
      const failure =
        this.#syncInCommit && (error as { code?: unknown } | null)?.code === 'SQLITE_IOERR_FSYNC'
          ? this.#fail(error as Error)
          : ledgerErrorOf(error);
      this.#full = failure instanceof LedgerError && failure.code === 'LEDGER_FULL';
      for (const item of batch) item.reject(failure);
      // A COMMIT that failed was counted: the next fsync lets readers waiting for it go on.
      if (this.#counters !== undefined && !this.#syncInCommit) this.#sync(ignore);
      return;
    }
    // One write may find the disk full while the transaction goes on (its savepoint undone,
    // the others kept): that write is LEDGER_FULL too, and the ledger stays marked full.
    const failures = results.map((result) => (result.ok ? undefined : ledgerErrorOf(result.value)));
    this.#full = failures.some(
      (failure) => failure instanceof LedgerError && failure.code === 'LEDGER_FULL',
    );
    this.#sync((error) => {
      batch.forEach((item, i) => {
        const result = results[i] as { ok: boolean; value: unknown };
        if (error !== null) item.reject(ledgerErrorOf(error));
        else if (result.ok) item.resolve(result.value);
        else item.reject(failures[i]);
      });
    });
  }

  /**
   * Calls `done` once the log is on disk up to the commit just made: with the next fsync —
   * one at a time, each covering every commit made before it started. At once when there is
   * no log, or when the COMMIT synced it itself (synchronous FULL; it counted no commit for
   * readers beside it to wait for).
   */
  #sync(done: (error: Error | null) => void): void {
    if (this.#path === ':memory:' || this.#syncInCommit) {
      done(null);
      return;
    }
    this.#unsynced.push(done);
    if (this.#syncing === undefined) this.#syncing = this.#syncLog();
  }

  async #syncLog(): Promise<void> {
    while (this.#unsynced.length > 0) {
      const waiting = this.#unsynced;
      this.#unsynced = [];
      let failure: Error | null = null;
      const covered = this.#counters?.begun();
      try {
        this.#walFd ??= openSync(`${this.#path}-wal`, 'r');
        const fd = this.#walFd;
        this.#round = new Promise<void>((resolve, reject) =>
          fsync(fd, (error) => (error === null ? resolve() : reject(error))),
        );
        await this.#round;
      } catch (error) {
        failure = this.#fail(error as Error);
      }
      this.#round = undefined;
      // Readers wait for the round whatever became of it, as `#durable` does (after a failure
      // they find the ledger failed: `#read`, and `abandon` for readers elsewhere).
      if (covered !== undefined) this.#counters?.synced(covered);
      for (const done of waiting) done(failure);
    }
    this.#syncing = undefined;
  }

  /** Marks the ledger failed after an fsync error (once): the error every call gets now. */
  #fail(cause: Error): LedgerError {
    this.#failed ??= new LedgerError(
      'LEDGER_UNAVAILABLE',
      `the ledger's log could not be synced to disk (${(cause as NodeJS.ErrnoException).code ?? cause.message}): ` +
        'it takes nothing more until the hub is restarted',
      { cause },
    );
    this.#counters?.abandon();
    return this.#failed;
  }

  /**
   * Resolves once every commit made so far is on disk: with the round in flight, or the next
   * one when commits wait for it. Undefined when nothing is left to wait for (every commit
   * synced, no fsync running): the usual case outside a burst of writes costs no promise.
   */
  #durable(): Promise<void> | undefined {
    if (this.#unsynced.length > 0) {
      return new Promise<void>((resolve) => this.#unsynced.push(() => resolve()));
    }
    // No commit waits for the next round, so the one in flight covers them all.
    return this.#round?.then(ignore, ignore);
  }

  /**
   * A read whose answer may leave the hub (an acknowledgement or receipt, a mailbox, a
   * conversation, a participant's log or search, an export, the console and metrics, an
   * attachment): the
   * query runs now, and its answer is handed out once every commit it could see is on disk,
   * so nothing outside learns of a write that a power failure could still undo. Waiting first
   * and querying after would not do: a commit made during the wait would be read unsynced.
   *
   * The reads that do not go through here feed only this hub's own writes or coordination:
   * the sealer's `unsealedEvents`, housekeeping's `findDue`, the relays' `liveLeases`. What
   * they lead to is a write, which commits after everything they read and is acknowledged
   * only after the fsync that covers it — and so all they read. (The `all…` iterations do not
   * wait either: they stream for `ledger verify`, run once the writes it checks are done.)
   */
  async #read<T>(query: () => T): Promise<T> {
    if (this.#failed !== undefined) throw this.#failed;
    const answer = query();
    const durable = this.#writer === undefined ? this.#durable() : this.#writer.durable();
    if (durable !== undefined) await durable;
    if (this.#failed !== undefined) throw this.#failed;
    return answer;
  }

  async #flushNow(): Promise<void> {
    this.#flush();
  }

  insertMessage(
    record: MessageRecord,
    received: NewLedgerEvent,
    opens?: OpensConversation,
    follows?: FollowUps,
  ): Promise<InsertOutcome> {
    // One transaction: conversation, its opening event, the message and its received event,
    // then what it sets off (the request it answers, the conversation it closes).
    return this.#write((): InsertOutcome => {
      const existing = parse<MessageRecord>(
        this.#sql('SELECT doc FROM messages WHERE message_id = ?').get(record.messageId) as
          Row | undefined,
      );
      if (existing !== undefined) return { inserted: false, existing };
      if (opens !== undefined) this.#openNow(record, opens);
      this.#putMessage(record);
      const event = this.#appendNow(received);
      if (follows?.update !== undefined) {
        this.#updateNow(follows.update.messageId, follows.update.change);
      }
      const close = follows?.close;
      if (close !== undefined && this.#closeNow(close.conversationId, close.at)) {
        this.#appendNow(close.event);
      }
      return { inserted: true, event };
    });
  }

  #openNow(record: MessageRecord, opens: OpensConversation): void {
    const created = this.#sql(
      'INSERT OR IGNORE INTO conversations (conversation_id, doc) VALUES (?, ?)',
    ).run(opens.conversation.conversationId, JSON.stringify(opens.conversation));
    if (created.changes === 1) {
      this.#appendNow(opens.event);
      return;
    }
    const current = parse<ConversationRecord>(
      this.#sql('SELECT doc FROM conversations WHERE conversation_id = ?').get(
        opens.conversation.conversationId,
      ) as Row,
    ) as ConversationRecord;
    assertConversationParty(current, record);
  }

  #putMessage(record: MessageRecord): void {
    this.#sql(PUT_MESSAGE).run({
      messageId: record.messageId,
      ...rowOf(record),
      doc: JSON.stringify(record),
    });
  }

  /**
   * Writes a changed message: only the columns whose value changed, and the document. SQLite
   * then leaves alone every index none of whose columns changed (most of them on a status
   * change), where a replacement deletes and inserts the row in all of them.
   */
  #changeMessage(current: MessageRecord, next: MessageRecord): void {
    const before = rowOf(current);
    const after = rowOf(next);
    let changed = 0;
    const values: Record<string, unknown> = {
      messageId: next.messageId,
      doc: JSON.stringify(next),
    };
    MESSAGE_FIELDS.forEach((field, bit) => {
      if (before[field] === after[field]) return;
      changed |= 1 << bit;
      values[field] = after[field];
    });
    this.#changeStatement(changed).run(values);
  }

  /** The UPDATE of the columns in bit set `changed` (a bit per MESSAGE_FIELDS entry), made once. */
  readonly #changes = new Map<number, Database.Statement>();

  #changeStatement(changed: number): Database.Statement {
    let statement = this.#changes.get(changed);
    if (statement === undefined) {
      const fields = MESSAGE_FIELDS.filter((_, bit) => (changed & (1 << bit)) !== 0);
      statement = this.#sql(changeMessageSql(fields));
      this.#changes.set(changed, statement);
    }
    return statement;
  }

  getMessage(messageId: string): Promise<MessageRecord | undefined> {
    return this.#read(() =>
      parse(
        this.#sql('SELECT doc FROM messages WHERE message_id = ?').get(messageId) as
          Row | undefined,
      ),
    );
  }

  getMessageSummary(messageId: string): Promise<MessageSummary | undefined> {
    return this.#read(() =>
      parse(
        this.#sql(
          "SELECT json_remove(doc, '$.payload', '$.signature', '$.receipt') AS doc FROM messages WHERE message_id = ?",
        ).get(messageId) as Row | undefined,
      ),
    );
  }

  listMailbox(query: MailboxQuery): Promise<Page<MailboxEntry>> {
    return this.#read(() => {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const filters = {
        recipient: query.recipient,
        module: query.module ?? null,
        type: query.messageType ?? null,
        limit: query.limit + 1,
      };
      const rows = (
        after === undefined
          ? this.#sql(MAILBOX_QUERY.first).all(filters)
          : this.#sql(MAILBOX_QUERY.after).all({
              ...filters,
              afterAt: after.receivedAt,
              afterId: after.messageId,
            })
      ) as MailboxRow[];
      const items = rows.slice(0, query.limit).map(mailboxEntryOf);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : undefined,
      };
    });
  }

  listConversation(conversationId: string): Promise<MessageRecord[]> {
    return this.#read(() => {
      const rows = this.#sql(
        'SELECT doc FROM messages WHERE conversation_id = ? ORDER BY received_at, message_id',
      ).all(conversationId) as Row[];
      return rows.map((row) => JSON.parse(row.doc) as MessageRecord);
    });
  }

  updateMessage(messageId: string, update: MessageUpdate): Promise<boolean> {
    return this.#write(() => this.#updateNow(messageId, update));
  }

  #updateNow(messageId: string, update: MessageUpdate): boolean {
    const current = parse<MessageRecord>(
      this.#sql('SELECT doc FROM messages WHERE message_id = ?').get(messageId) as Row | undefined,
    );
    if (current === undefined || !update.fromStatus.includes(current.status)) return false;
    this.#changeMessage(current, { ...current, ...update.set } as MessageRecord);
    this.#appendNow(update.event);
    return true;
  }

  findUndelivered(
    route: 'amqp',
    partitions: readonly number[],
    limit: number,
  ): Promise<MessageRecord[]> {
    return this.#read(() => {
      if (partitions.length === 0) return [];
      const rows = this.#db
        .prepare(
          `SELECT doc FROM messages WHERE route = ? AND status = 'accepted'
             AND partition_no IN (${partitions.map(() => '?').join(', ')})
           ORDER BY received_at, message_id LIMIT ?`,
        )
        .all(route, ...partitions, limit) as Row[];
      return rows.map((row) => JSON.parse(row.doc) as MessageRecord);
    });
  }

  waitingByRecipient(): Promise<ParticipantBacklog[]> {
    return this.#read(() => this.#sql(WAITING_BY_RECIPIENT_QUERY).all() as ParticipantBacklog[]);
  }

  overdueByRecipient(now: string): Promise<ParticipantBacklog[]> {
    return this.#read(
      () =>
        this.#sql(
          `SELECT recipient AS participant, COUNT(*) AS count, MIN(open_answer_due_at) AS oldest
             FROM messages WHERE open_answer_due_at IS NOT NULL AND open_answer_due_at <= ?
             GROUP BY recipient ORDER BY recipient`,
        ).all(now) as ParticipantBacklog[],
    );
  }

  outboxSummary(): Promise<OutboxSummary> {
    return this.#read(() => {
      const row = this.#sql(
        `SELECT COUNT(*) AS count, MIN(received_at) AS oldest FROM messages
           WHERE route = 'amqp' AND status = 'accepted'`,
      ).get() as { count: number; oldest: string | null };
      return row.oldest === null ? { count: row.count } : { count: row.count, oldest: row.oldest };
    });
  }

  openAnswers(limit: number, recipient?: string): Promise<MessageRecord[]> {
    return this.#read(() =>
      (
        this.#sql(
          `SELECT doc FROM messages WHERE open_answer_due_at IS NOT NULL
             AND (@recipient IS NULL OR recipient = @recipient)
             ORDER BY open_answer_due_at, message_id LIMIT @limit`,
        ).all({ limit, recipient: recipient ?? null }) as Row[]
      ).map((row) => JSON.parse(row.doc) as MessageRecord),
    );
  }

  searchMessages(query: MessageSearch): Promise<Page<MessageRecord>> {
    return this.#read(() => {
      const where: string[] = [];
      const values: Record<string, unknown> = { limit: query.limit + 1 };
      for (const [field, column] of SEARCH_COLUMNS) {
        if (query[field] === undefined) continue;
        where.push(`${column} = @${field}`);
        values[field] = query[field];
      }
      for (const [field, column] of SET_COLUMNS) {
        const set = query[field];
        if (set === undefined) continue;
        // Parameters named by position, never by input: `sender IN (@senderIn0, …)`.
        set.forEach((oin, index) => (values[`${field}${index}`] = oin));
        const names = set.map((_, index) => `@${field}${index}`);
        where.push(names.length === 0 ? '0' : `${column} IN (${names.join(', ')})`);
      }
      if (query.from !== undefined) {
        where.push('received_at >= @from');
        values['from'] = query.from;
      }
      if (query.to !== undefined) {
        where.push('received_at < @to');
        values['to'] = query.to;
      }
      if (query.pickedUp !== undefined) {
        where.push(`json_extract(doc, '$.pickedUpAt') IS ${query.pickedUp ? 'NOT NULL' : 'NULL'}`);
      }
      if (query.fetched !== undefined) {
        // Fetched: delivered, or acknowledged straight away (a pickup needs no fetch first).
        const fetched =
          "COALESCE(json_extract(doc, '$.deliveredAt'), json_extract(doc, '$.pickedUpAt'))";
        where.push(`${fetched} IS ${query.fetched ? 'NOT NULL' : 'NULL'}`);
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        where.push('(received_at, message_id) < (@afterAt, @afterId)');
        Object.assign(values, { afterAt: after.receivedAt, afterId: after.messageId });
      }
      const rows = this.#sql(
        `SELECT doc FROM messages ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY received_at DESC, message_id DESC LIMIT @limit`,
      ).all(values) as Row[];
      return pageOf(
        rows.map((row) => JSON.parse(row.doc) as MessageRecord),
        query.limit,
        (last) => last,
      );
    });
  }

  messageFlow(from: string, to: string, buckets: number): Promise<MessageFlow> {
    return this.#read(() => {
      const counter = new FlowCounter(from, to, buckets);
      const rows = this.#sql(
        `SELECT module, message_type AS messageType, status, received_at AS receivedAt
           FROM messages WHERE received_at >= ? AND received_at < ?`,
      ).iterate(from, to) as Iterable<{
        module: string;
        messageType: string;
        status: MessageRecord['status'];
        receivedAt: string;
      }>;
      for (const row of rows) counter.add(row.module, row.messageType, row.status, row.receivedAt);
      return counter.result();
    });
  }

  searchEvents(query: EventSearch): Promise<Page<LedgerEvent>> {
    return this.#read(() => {
      const { where, values } = eventConditions(query);
      values['limit'] = query.limit + 1;
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        where.push('(at, event_id) < (@afterAt, @afterId)');
        Object.assign(values, { afterAt: after.receivedAt, afterId: after.messageId });
      }
      const rows = this.#sql(
        `SELECT doc, batch FROM events WHERE ${where.join(' AND ')}
           ORDER BY at DESC, event_id DESC LIMIT @limit`,
      ).all(values) as (Row & { batch: number | null })[];
      return pageOf(rows.map(withBatch), query.limit, (last) => ({
        receivedAt: last.at,
        messageId: last.eventId,
      }));
    });
  }

  countEvents(query: Omit<EventSearch, 'cursor' | 'limit'>): Promise<number> {
    return this.#read(() => {
      const { where, values } = eventConditions(query);
      const row = this.#sql(
        `SELECT COUNT(*) AS count FROM events WHERE ${where.join(' AND ')}`,
      ).get(values) as { count: number };
      return row.count;
    });
  }

  /** Housekeeping's: leads only to its writes, so it need not wait for the fsync (`#read`). */
  async findDue(kind: DueKind, now: string, limit: number): Promise<MessageRecord[]> {
    const sql = DUE_QUERIES[kind];
    return (this.#sql(sql).all(now, limit) as Row[]).map(
      (row) => JSON.parse(row.doc) as MessageRecord,
    );
  }

  appendEvent(event: NewLedgerEvent): Promise<LedgerEvent> {
    return this.#write(() => this.#appendNow(event));
  }

  /** Appends inside the current transaction: the subject's last event is read under its lock. */
  #appendNow(event: NewLedgerEvent): LedgerEvent {
    // The predecessor's position and hash, not its whole document (a rejection's is large).
    const last = this.#sql(
      `SELECT seq, json_extract(doc, '$.hash') AS hash FROM events
         WHERE subject = ? ORDER BY seq DESC LIMIT 1`,
    ).get(event.subject) as { seq: number; hash: string } | undefined;
    const chained = chainEvent(event, last === undefined ? 0 : last.seq + 1, last?.hash ?? '');
    this.#sql(
      `INSERT INTO events (event_id, subject, seq, batch, doc, at, type, actor)
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`,
    ).run(
      chained.eventId,
      chained.subject,
      chained.seq,
      JSON.stringify(chained),
      chained.at,
      chained.type,
      chained.actor ?? null,
    );
    return chained;
  }

  lastEvent(subject: string): Promise<LedgerEvent | undefined> {
    return this.#read(() => {
      const row = this.#sql(
        'SELECT doc, batch FROM events WHERE subject = ? ORDER BY seq DESC LIMIT 1',
      ).get(subject) as (Row & { batch: number | null }) | undefined;
      return row === undefined ? undefined : withBatch(row);
    });
  }

  listEvents(subject: string): Promise<LedgerEvent[]> {
    return this.#read(() => {
      const rows = this.#sql('SELECT doc, batch FROM events WHERE subject = ? ORDER BY seq').all(
        subject,
      ) as (Row & {
        batch: number | null;
      })[];
      return rows.map(withBatch);
    });
  }

  openConversation(record: ConversationRecord): Promise<ConversationRecord> {
    return this.#write(() => {
      this.#sql('INSERT OR IGNORE INTO conversations (conversation_id, doc) VALUES (?, ?)').run(
        record.conversationId,
        JSON.stringify(record),
      );
      return parse<ConversationRecord>(
        this.#sql('SELECT doc FROM conversations WHERE conversation_id = ?').get(
          record.conversationId,
        ) as Row,
      ) as ConversationRecord;
    });
  }

  getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.#read(() =>
      parse(
        this.#sql('SELECT doc FROM conversations WHERE conversation_id = ?').get(conversationId) as
          Row | undefined,
      ),
    );
  }

  closeConversation(conversationId: string, at: string): Promise<boolean> {
    return this.#write(() => this.#closeNow(conversationId, at));
  }

  #closeNow(conversationId: string, at: string): boolean {
    const current = parse<ConversationRecord>(
      this.#sql('SELECT doc FROM conversations WHERE conversation_id = ?').get(conversationId) as
        Row | undefined,
    );
    if (current?.status !== 'open') return false;
    this.#sql('UPDATE conversations SET doc = ? WHERE conversation_id = ?').run(
      JSON.stringify({ ...current, status: 'closed', closedAt: at }),
      conversationId,
    );
    return true;
  }

  putOperator(operator: Operator): Promise<void> {
    return this.#write(() => {
      this.#sql('INSERT OR REPLACE INTO operators (name, doc) VALUES (?, ?)').run(
        operator.name,
        JSON.stringify(operator),
      );
    });
  }

  getOperator(name: string): Promise<Operator | undefined> {
    return this.#read(() =>
      parse(this.#sql('SELECT doc FROM operators WHERE name = ?').get(name) as Row | undefined),
    );
  }

  listOperators(): Promise<Operator[]> {
    return this.#read(() => {
      const rows = this.#sql('SELECT doc FROM operators ORDER BY name').all() as Row[];
      return rows.map((row) => JSON.parse(row.doc) as Operator);
    });
  }

  deleteOperator(name: string): Promise<boolean> {
    return this.#write(
      () => this.#sql('DELETE FROM operators WHERE name = ?').run(name).changes === 1,
    );
  }

  updateLoginState(name: string, passwordHash: string, state: LoginState): Promise<boolean> {
    return this.#write(() => {
      const current = parse<Operator>(
        this.#sql('SELECT doc FROM operators WHERE name = ?').get(name) as Row | undefined,
      );
      if (current === undefined || current.passwordHash !== passwordHash) return false;
      const { lockedUntil: _lock, ...rest } = current;
      const updated: Operator = { ...rest, ...state };
      this.#sql('UPDATE operators SET doc = ? WHERE name = ?').run(JSON.stringify(updated), name);
      return true;
    });
  }

  putPortalUser(user: PortalUser): Promise<void> {
    return this.#write(() => {
      this.#sql(
        'INSERT OR REPLACE INTO portal_users (name, participant, doc) VALUES (?, ?, ?)',
      ).run(user.name, user.participant, JSON.stringify(user));
    });
  }

  getPortalUser(name: string): Promise<PortalUser | undefined> {
    return this.#read(() =>
      parse<PortalUser>(
        this.#sql('SELECT doc FROM portal_users WHERE name = ?').get(name) as Row | undefined,
      ),
    );
  }

  listPortalUsers(participant?: string): Promise<PortalUser[]> {
    return this.#read(() => {
      const rows = (
        participant === undefined
          ? this.#sql('SELECT doc FROM portal_users ORDER BY name').all()
          : this.#sql('SELECT doc FROM portal_users WHERE participant = ? ORDER BY name').all(
              participant,
            )
      ) as Row[];
      return rows.map((row) => JSON.parse(row.doc) as PortalUser);
    });
  }

  deletePortalUser(name: string): Promise<boolean> {
    return this.#write(
      () => this.#sql('DELETE FROM portal_users WHERE name = ?').run(name).changes === 1,
    );
  }

  updatePortalLoginState(
    name: string,
    passwordHash: string,
    state: PortalLoginState,
  ): Promise<boolean> {
    return this.#write(() => {
      const current = parse<PortalUser>(
        this.#sql('SELECT doc FROM portal_users WHERE name = ?').get(name) as Row | undefined,
      );
      if (current === undefined || current.passwordHash !== passwordHash) return false;
      // A code's step is spent once: two logins racing with one code, one of them wins.
      const step = state.lastTotpStep;
      if (
        step !== undefined &&
        current.lastTotpStep !== undefined &&
        current.lastTotpStep >= step
      ) {
        return false;
      }
      const { lockedUntil: _lock, ...rest } = current;
      const updated: PortalUser = { ...rest, ...state };
      this.#sql('UPDATE portal_users SET doc = ? WHERE name = ?').run(
        JSON.stringify(updated),
        name,
      );
      return true;
    });
  }

  claimPortalDigest(
    name: string,
    previous: string | undefined,
    next: string | undefined,
  ): Promise<boolean> {
    return this.#write(() => {
      const current = parse<PortalUser>(
        this.#sql('SELECT doc FROM portal_users WHERE name = ?').get(name) as Row | undefined,
      );
      if (current === undefined || current.lastDigestAt !== previous) return false;
      const { lastDigestAt: _last, ...rest } = current;
      const updated: PortalUser = next === undefined ? rest : { ...rest, lastDigestAt: next };
      this.#sql('UPDATE portal_users SET doc = ? WHERE name = ?').run(
        JSON.stringify(updated),
        name,
      );
      return true;
    });
  }

  putPortalSession(session: PortalSession): Promise<void> {
    return this.#write(() => {
      this.#sql('INSERT OR REPLACE INTO portal_sessions (id, user, doc) VALUES (?, ?, ?)').run(
        session.id,
        session.user,
        JSON.stringify(session),
      );
    });
  }

  getPortalSession(id: string): Promise<PortalSession | undefined> {
    return this.#read(() =>
      parse<PortalSession>(
        this.#sql('SELECT doc FROM portal_sessions WHERE id = ?').get(id) as Row | undefined,
      ),
    );
  }

  deletePortalSession(id: string): Promise<void> {
    return this.#write(() => {
      this.#sql('DELETE FROM portal_sessions WHERE id = ?').run(id);
    });
  }

  deletePortalSessionsOf(user: string): Promise<void> {
    return this.#write(() => {
      this.#sql('DELETE FROM portal_sessions WHERE user = ?').run(user);
    });
  }

  putSession(session: OperatorSession): Promise<void> {
    return this.#write(() => {
      this.#sql(
        'INSERT OR REPLACE INTO operator_sessions (id, operator, doc) VALUES (?, ?, ?)',
      ).run(session.id, session.operator, JSON.stringify(session));
    });
  }

  getSession(id: string): Promise<OperatorSession | undefined> {
    return this.#read(() =>
      parse(this.#sql('SELECT doc FROM operator_sessions WHERE id = ?').get(id) as Row | undefined),
    );
  }

  deleteSession(id: string): Promise<void> {
    return this.#write(() => {
      this.#sql('DELETE FROM operator_sessions WHERE id = ?').run(id);
    });
  }

  deleteSessionsOf(operator: string): Promise<void> {
    return this.#write(() => {
      this.#sql('DELETE FROM operator_sessions WHERE operator = ?').run(operator);
    });
  }

  putParticipant(participant: Participant): Promise<void> {
    return this.#write(() => {
      this.#sql('INSERT OR REPLACE INTO participants (oin, doc) VALUES (?, ?)').run(
        participant.oin,
        JSON.stringify(participant),
      );
      this.#sql('DELETE FROM certificates WHERE oin = ?').run(participant.oin);
      const insert = this.#sql(
        'INSERT OR REPLACE INTO certificates (thumbprint, oin) VALUES (?, ?)',
      );
      for (const certificate of participant.certificates)
        insert.run(certificate.thumbprint, participant.oin);
    });
  }

  getParticipant(oin: string): Promise<Participant | undefined> {
    return this.#read(() =>
      parse(this.#sql('SELECT doc FROM participants WHERE oin = ?').get(oin) as Row | undefined),
    );
  }

  listParticipants(): Promise<Participant[]> {
    return this.#read(() =>
      (this.#sql('SELECT doc FROM participants ORDER BY oin').all() as Row[]).map(
        (row) => JSON.parse(row.doc) as Participant,
      ),
    );
  }

  findParticipantByThumbprint(thumbprint: string): Promise<Participant | undefined> {
    return this.#read(() =>
      parse(
        this.#sql(
          'SELECT p.doc FROM certificates c JOIN participants p ON p.oin = c.oin WHERE c.thumbprint = ?',
        ).get(thumbprint) as Row | undefined,
      ),
    );
  }

  /** The sealer's: leads only to a seal written, so it need not wait for the fsync (`#read`). */
  async unsealedEvents(limit: number): Promise<LedgerEvent[]> {
    const rows = this.#sql(
      'SELECT doc, batch FROM events WHERE batch IS NULL ORDER BY rowid LIMIT ?',
    ).all(limit) as (Row & {
      batch: number | null;
    })[];
    return rows.map(withBatch);
  }

  lastSeal(): Promise<LedgerSeal | undefined> {
    return this.#read(() =>
      parse(
        this.#sql('SELECT doc FROM seals ORDER BY batch DESC LIMIT 1').get() as Row | undefined,
      ),
    );
  }

  writeSeal(seal: LedgerSeal): Promise<boolean> {
    return this.#write(() => {
      const result = this.#sql('INSERT OR IGNORE INTO seals (batch, doc) VALUES (?, ?)').run(
        seal.batch,
        JSON.stringify(seal),
      );
      return result.changes === 1;
    });
  }

  markSealed(eventIds: readonly string[], batch: number): Promise<void> {
    return this.#write(() => {
      // Found by subject and position (the table's key), which the id is made of.
      const mark = this.#sql(
        'UPDATE events SET batch = ? WHERE subject = ? AND seq = ? AND event_id = ? AND batch IS NULL',
      );
      for (const eventId of eventIds) {
        const { subject, seq } = eventPlaceOf(eventId);
        mark.run(batch, subject, seq, eventId);
      }
    });
  }

  tryLease(name: string, owner: string, now: string, until: string): Promise<boolean> {
    return this.#write(() => {
      const result = this.#sql(
        `INSERT INTO leases (name, owner, until) VALUES (@name, @owner, @until)
           ON CONFLICT (name) DO UPDATE SET owner = @owner, until = @until
           WHERE leases.owner = @owner OR leases.until <= @now`,
      ).run({ name, owner, now, until });
      return result.changes === 1;
    });
  }

  claimOnce(key: string, now: string, until: string): Promise<boolean> {
    // One statement in the writer's transaction: a new key, or an expired claim taken again.
    return this.#write(() => {
      const result = this.#sql(
        `INSERT INTO claims (key, until) VALUES (@key, @until)
           ON CONFLICT (key) DO UPDATE SET until = @until WHERE claims.until <= @now`,
      ).run({ key, now, until });
      return result.changes === 1;
    });
  }

  sweepClaims(now: string, limit: number): Promise<number> {
    return this.#write(
      () =>
        this.#sql(
          `DELETE FROM claims WHERE key IN
             (SELECT key FROM claims WHERE until <= ? ORDER BY until LIMIT ?)`,
        ).run(now, limit).changes,
    );
  }

  eventsSince(at: string, limit: number): Promise<LedgerEvent[]> {
    return this.#read(() => {
      const rows = this.#sql(
        'SELECT doc, batch FROM events WHERE at >= ? ORDER BY at, event_id LIMIT ?',
      ).all(at, limit) as (Row & { batch: number | null })[];
      return rows.map(withBatch);
    });
  }

  /** The relays' coordination, never shown outside: it need not wait for the fsync (`#read`). */
  liveLeases(prefix: string, now: string): Promise<LeaseHolder[]> {
    const rows = this.#sql(
      `SELECT name, owner, until FROM leases
         WHERE substr(name, 1, length(@prefix)) = @prefix AND until > @now ORDER BY name`,
    ).all({ prefix, now }) as LeaseHolder[];
    return Promise.resolve(rows);
  }

  async *allEvents(): AsyncIterable<LedgerEvent> {
    for (const row of this.#sql('SELECT doc, batch FROM events').iterate() as Iterable<
      Row & { batch: number | null }
    >) {
      yield withBatch(row);
    }
  }

  async *allMessages(): AsyncIterable<MessageRecord> {
    for (const row of this.#sql('SELECT doc FROM messages').iterate() as Iterable<Row>) {
      yield JSON.parse(row.doc) as MessageRecord;
    }
  }

  async *allSeals(): AsyncIterable<LedgerSeal> {
    for (const row of this.#sql('SELECT doc FROM seals').iterate() as Iterable<Row>) {
      yield JSON.parse(row.doc) as LedgerSeal;
    }
  }

  /** For tamper tests and repair tools only: reads raw rows. */
  unsafeQuery(sql: string, ...params: unknown[]): Record<string, unknown>[] {
    return this.#sql(sql).all(...params) as Record<string, unknown>[];
  }

  /** For tamper tests and repair tools only: runs raw SQL against the ledger file. */
  unsafeExec(sql: string, ...params: unknown[]): void {
    this.#sql(sql).run(...params);
  }
}

function withBatch(row: Row & { batch: number | null }): LedgerEvent {
  const event = JSON.parse(row.doc) as LedgerEvent;
  return row.batch === null ? event : { ...event, batch: row.batch };
}
