/**
 * Columns added after the first release, by table, with their definitions and, where rows
 * written before hold the value in their document, the expression that fills it from there:
 * `init` adds what an older ledger file lacks, in one transaction, before SQLITE_SCHEMA.
 */
/**
 * What a mailbox listing shows of a message's document, as one JSON array: `[answerDueAt,
 * inReplyTo, version, createdAt]`, `null` where absent (`envelope_fields`; the writer stores
 * the same array, sqlite_ledger.ts `rowOf`). Read from the document only to fill the column of
 * an older file.
 */
export const ENVELOPE_FIELDS_OF_DOC = `json_extract(doc, '$.answerDueAt', '$.envelope.inReplyTo',
  '$.envelope.version', '$.envelope.createdAt')`;

export const ADDED_COLUMNS: Readonly<
  Record<'messages' | 'events', Readonly<Record<string, { definition: string; from?: string }>>>
> = {
  messages: {
    notify_due_at: { definition: 'TEXT' },
    route: { definition: "TEXT NOT NULL DEFAULT 'rest'" },
    partition_no: { definition: 'INTEGER NOT NULL DEFAULT 0' },
    open_answer_due_at: { definition: 'TEXT' },
    sender: { definition: 'TEXT', from: "json_extract(doc, '$.sender')" },
    envelope_fields: { definition: 'TEXT', from: ENVELOPE_FIELDS_OF_DOC },
  },
  events: {
    at: { definition: 'TEXT', from: "json_extract(doc, '$.at')" },
    type: { definition: 'TEXT', from: "json_extract(doc, '$.type')" },
    actor: { definition: 'TEXT', from: "json_extract(doc, '$.actor')" },
  },
};

/** The events table's columns and constraint: the schema's, and an older file's rebuild's. */
export const EVENTS_TABLE = `
  event_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  seq INTEGER NOT NULL,
  batch INTEGER,
  doc TEXT NOT NULL,
  at TEXT,
  type TEXT,
  actor TEXT,
  UNIQUE (subject, seq)
`;

/** The SQLite ledger's tables and indexes; `CREATE … IF NOT EXISTS`, so safe to run again. */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  message_id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  module TEXT NOT NULL,
  message_type TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  drop_payload_after TEXT,
  notify_due_at TEXT,
  route TEXT NOT NULL DEFAULT 'rest',
  partition_no INTEGER NOT NULL DEFAULT 0,
  open_answer_due_at TEXT,
  sender TEXT,
  envelope_fields TEXT,
  doc TEXT NOT NULL
);
-- The mailbox: only the waiting messages, by recipient and time, so a mailbox read is one
-- ordered range (an empty one a single probe), without a sort; it replaces messages_mailbox
-- (every message by recipient and status), whose two ranges had to be merged and sorted.
DROP INDEX IF EXISTS messages_mailbox;
CREATE INDEX IF NOT EXISTS messages_waiting ON messages (recipient, received_at, message_id)
  WHERE status IN ('accepted', 'delivered');
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, received_at);
CREATE INDEX IF NOT EXISTS messages_expiry ON messages (status, expires_at);
CREATE INDEX IF NOT EXISTS messages_drop ON messages (drop_payload_after) WHERE drop_payload_after IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_outbox ON messages (route, status, partition_no, received_at);
CREATE INDEX IF NOT EXISTS messages_notify ON messages (notify_due_at) WHERE notify_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_overdue ON messages (open_answer_due_at) WHERE open_answer_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_received ON messages (received_at, message_id);
-- messages_log_by_sender below starts with the same columns: an index of its own only cost writes.
DROP INDEX IF EXISTS messages_sender;
-- The sender, the events' time, type and actor are columns, not expressions over the document:
-- SQLite re-evaluates an expression index on every change of the document (a status change
-- parsed the whole message twice), and the expressions cost a JSON parse each on every insert.
DROP INDEX IF EXISTS messages_log_sender;
DROP INDEX IF EXISTS events_at;
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_actor;
CREATE INDEX IF NOT EXISTS messages_log_by_sender ON messages (sender, received_at, message_id);
CREATE INDEX IF NOT EXISTS messages_log_recipient ON messages (recipient, received_at, message_id);
-- An event's id is its subject and position ("<subject>#<seq>"), so UNIQUE (subject, seq) keeps
-- it unique: a key of its own was a second b-tree at a random place per event written (a
-- quarter of a status change's log pages). Files made before lose it at init (sqlite_ledger.ts).
CREATE TABLE IF NOT EXISTS events (${EVENTS_TABLE});
CREATE INDEX IF NOT EXISTS events_unsealed ON events (batch) WHERE batch IS NULL;
CREATE INDEX IF NOT EXISTS events_by_at ON events (at, event_id);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, at, event_id);
CREATE INDEX IF NOT EXISTS events_by_actor ON events (actor, type, at, event_id);
CREATE TABLE IF NOT EXISTS seals (batch INTEGER PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (conversation_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS participants (oin TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS operators (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS operator_sessions (id TEXT PRIMARY KEY, operator TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS operator_sessions_operator ON operator_sessions (operator);
CREATE TABLE IF NOT EXISTS portal_users (name TEXT PRIMARY KEY, participant TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS portal_users_participant ON portal_users (participant, name);
CREATE TABLE IF NOT EXISTS portal_sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS portal_sessions_user ON portal_sessions (user);
CREATE TABLE IF NOT EXISTS certificates (thumbprint TEXT PRIMARY KEY, oin TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, until TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_until ON claims (until);
`;
