/**
 * Attachments on SQLite (the AttachmentStore of the port, attachments.ts): one `attachments`
 * table, a row per upload and per bound copy, keyed as attachments.ts names them, the bytes
 * in a BLOB column. Writes go through the ledger's group-commit queue like every other write,
 * and reads, whose answers leave the hub, wait like the ledger's for the fsync covering what
 * they saw.
 */
import type Database from 'better-sqlite3';
import { boundKey, uploadKey } from './attachments.ts';
import type {
  AttachmentMeta,
  AttachmentStore,
  StoredAttachment,
  UploadOutcome,
} from './attachments.ts';

/** The table and its indexes; `IF NOT EXISTS`, so safe to run again. */
export const SQLITE_ATTACHMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  expires_at TEXT,
  meta TEXT NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_expiry ON attachments (expires_at) WHERE expires_at IS NOT NULL;
`;

/** What the store borrows from the ledger: its statements, its write queue and its durable read. */
export interface SqliteAccess {
  sql(text: string): Database.Statement;
  write<T>(work: () => T): Promise<T>;
  read<T>(query: () => T): Promise<T>;
}

interface Row {
  readonly meta: string;
  readonly content: Buffer;
}

/** The attachments of one SQLite ledger. */
export class SqliteAttachments implements AttachmentStore {
  readonly #db: SqliteAccess;

  constructor(access: SqliteAccess) {
    this.#db = access;
  }

  putUpload(meta: AttachmentMeta, content: Buffer): Promise<UploadOutcome> {
    const id = uploadKey(meta.owner, meta.sha256);
    return this.#db.write((): UploadOutcome => {
      const renewed = this.#db
        .sql('UPDATE attachments SET expires_at = ?, meta = ? WHERE id = ?')
        .run(meta.expiresAt ?? null, JSON.stringify(meta), id).changes;
      if (renewed > 0) return 'exists';
      this.#db
        .sql('INSERT INTO attachments (id, expires_at, meta, content) VALUES (?, ?, ?, ?)')
        .run(id, meta.expiresAt ?? null, JSON.stringify(meta), content);
      return 'created';
    });
  }

  getUpload(owner: string, sha256: string): Promise<AttachmentMeta | undefined> {
    return this.#db.read(() => {
      const row = this.#db
        .sql('SELECT meta FROM attachments WHERE id = ?')
        .get(uploadKey(owner, sha256)) as Pick<Row, 'meta'> | undefined;
      return row === undefined ? undefined : (JSON.parse(row.meta) as AttachmentMeta);
    });
  }

  bindAttachments(
    messageId: string,
    owner: string,
    sha256s: readonly string[],
    at: string,
  ): Promise<boolean> {
    // All or nothing: every upload is read before a copy is made (one synchronous write, so
    // nothing changes in between); a missing one leaves no copy behind.
    return this.#db.write(() => {
      const copies: { readonly id: string; readonly upload: Row }[] = [];
      for (const sha256 of sha256s) {
        const id = boundKey(messageId, sha256);
        if (this.#db.sql('SELECT 1 FROM attachments WHERE id = ?').get(id) !== undefined) continue;
        const upload = this.#db
          .sql('SELECT meta, content FROM attachments WHERE id = ?')
          .get(uploadKey(owner, sha256)) as Row | undefined;
        if (upload === undefined) return false;
        copies.push({ id, upload });
      }
      for (const { id, upload } of copies) {
        const { expiresAt: _unused, ...meta } = JSON.parse(upload.meta) as AttachmentMeta;
        const bound: AttachmentMeta = { ...meta, storedAt: at, messageId };
        this.#db
          .sql('INSERT INTO attachments (id, expires_at, meta, content) VALUES (?, NULL, ?, ?)')
          .run(id, JSON.stringify(bound), upload.content);
      }
      return true;
    });
  }

  readAttachment(messageId: string, sha256: string): Promise<StoredAttachment | undefined> {
    return this.#db.read(() => {
      const row = this.#db
        .sql('SELECT meta, content FROM attachments WHERE id = ?')
        .get(boundKey(messageId, sha256)) as Row | undefined;
      return row === undefined
        ? undefined
        : { meta: JSON.parse(row.meta) as AttachmentMeta, content: row.content };
    });
  }

  dropAttachments(messageId: string, sha256s: readonly string[]): Promise<number> {
    return this.#db.write(() =>
      sha256s.reduce(
        (dropped, sha256) =>
          dropped +
          this.#db.sql('DELETE FROM attachments WHERE id = ?').run(boundKey(messageId, sha256))
            .changes,
        0,
      ),
    );
  }

  sweepUploads(now: string, limit: number): Promise<number> {
    return this.#db.write(
      () =>
        this.#db
          .sql(
            `DELETE FROM attachments WHERE id IN
               (SELECT id FROM attachments WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)`,
          )
          .run(now, limit).changes,
    );
  }
}
