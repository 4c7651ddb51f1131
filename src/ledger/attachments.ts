/**
 * Attachments in the ledger (standard 2.1): documents a sender uploads before the message
 * that references them by SHA-256, stored apart from the message. An upload belongs to its
 * sender and expires unused after a short time; when the hub accepts a message it *binds* the
 * referenced uploads to it — a copy under the message, kept as long as its payload — so the
 * recipient can fetch them and housekeeping drops them with the payload. The hub stores bytes
 * and checks only digest and size: it never reads a document (in a sealed exchange it could
 * not). Both adapters keep one document per attachment within MongoDB's 16 MiB document limit
 * (ATTACHMENT_MAX_BYTES is 5 MiB) and without GridFS, which FerretDB lacks.
 */

/** What the ledger knows of a stored attachment besides its bytes. */
export interface AttachmentMeta {
  /** SHA-256 of the bytes, lowercase hexadecimal (computed by the hub at upload). */
  readonly sha256: string;
  /** Bytes. */
  readonly size: number;
  /** The media type the sender declared. */
  readonly mediaType: string;
  /** The participant that uploaded it (the message's sender once bound). */
  readonly owner: string;
  /** When it was stored (hub clock, ISO 8601). */
  readonly storedAt: string;
  /** An upload: when it expires unused. Absent once bound to a message. */
  readonly expiresAt?: string;
  /** A bound attachment: the message it belongs to. */
  readonly messageId?: string;
}

/** An attachment with its bytes. */
export interface StoredAttachment {
  readonly meta: AttachmentMeta;
  readonly content: Buffer;
}

/** The outcome of an upload: stored now, or already there (its expiry renewed). */
export type UploadOutcome = 'created' | 'exists';

/** The ledger's attachments. Every method names documents by key, never by scanning bytes. */
export interface AttachmentStore {
  /**
   * Stores an upload (`meta.expiresAt` set, no `messageId`) under its owner and digest; an
   * upload of the same owner and digest already there keeps its bytes and gets the new expiry.
   */
  putUpload(meta: AttachmentMeta, content: Buffer): Promise<UploadOutcome>;
  /** An owner's upload, without its bytes. */
  getUpload(owner: string, sha256: string): Promise<AttachmentMeta | undefined>;
  /**
   * Binds the owner's uploads of `sha256s` to `messageId` (a copy each, stored once: binding
   * again does nothing); false when an upload is gone meanwhile, and then no copy of this
   * call is left (all or nothing).
   */
  bindAttachments(
    messageId: string,
    owner: string,
    sha256s: readonly string[],
    at: string,
  ): Promise<boolean>;
  /** A message's attachment with its bytes. */
  readAttachment(messageId: string, sha256: string): Promise<StoredAttachment | undefined>;
  /** Drops a message's attachments (with its payload); how many it dropped. */
  dropAttachments(messageId: string, sha256s: readonly string[]): Promise<number>;
  /** Drops up to `limit` uploads that expired unused at `now` (housekeeping); how many. */
  sweepUploads(now: string, limit: number): Promise<number>;
}

/** The key of an owner's upload. */
export const uploadKey = (owner: string, sha256: string): string => `upload:${owner}:${sha256}`;
/** The key of a message's attachment. */
export const boundKey = (messageId: string, sha256: string): string =>
  `message:${messageId}:${sha256}`;
