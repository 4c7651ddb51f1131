/**
 * Attachments on MongoDB (the AttachmentStore of the port, attachments.ts). Two collections,
 * both keyed by `_id` alone (on FerretDB the only filter answered from an index):
 * `attachments` holds what the ledger knows of each upload and bound copy (small), and
 * `attachment_contents` its bytes, one BSON document each — an attachment of at most 5 MiB
 * fits MongoDB's 16 MiB document limit, so no GridFS (which FerretDB 1.x lacks). The bytes are
 * written before their metadata and removed before it: metadata always names bytes that are
 * there, and the sweep of expired uploads scans only the small collection.
 */
import { Binary } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { boundKey, uploadKey } from './attachments.ts';
import type {
  AttachmentMeta,
  AttachmentStore,
  StoredAttachment,
  UploadOutcome,
} from './attachments.ts';
import { isDuplicate } from './mongo_claims.ts';

type MetaDoc = AttachmentMeta & { _id: string };
interface ContentDoc {
  _id: string;
  content: Binary;
}

/** The attachments of one database. */
export class MongoAttachments implements AttachmentStore {
  readonly #meta: Collection<MetaDoc>;
  readonly #contents: Collection<ContentDoc>;

  constructor(db: Db) {
    this.#meta = db.collection<MetaDoc>('attachments');
    this.#contents = db.collection<ContentDoc>('attachment_contents');
  }

  async putUpload(meta: AttachmentMeta, content: Buffer): Promise<UploadOutcome> {
    const _id = uploadKey(meta.owner, meta.sha256);
    if (await this.#renew(_id, meta)) return 'exists';
    await this.#contents.replaceOne({ _id }, { content: new Binary(content) }, { upsert: true });
    if (await this.#insert({ _id, ...meta })) return 'created';
    await this.#renew(_id, meta); // a concurrent upload of the same document stored it first
    return 'exists';
  }

  async getUpload(owner: string, sha256: string): Promise<AttachmentMeta | undefined> {
    const doc = await this.#meta.findOne({ _id: uploadKey(owner, sha256) });
    return doc === null ? undefined : metaOf(doc);
  }

  async bindAttachments(
    messageId: string,
    owner: string,
    sha256s: readonly string[],
    at: string,
  ): Promise<boolean> {
    // All or nothing: a copy made here is dropped again when a later upload is gone (no
    // transactions on FerretDB), so a binding that answers false leaves no copy behind.
    const made: string[] = [];
    for (const sha256 of sha256s) {
      const _id = boundKey(messageId, sha256);
      if ((await this.#meta.findOne({ _id })) !== null) continue;
      const from = uploadKey(owner, sha256);
      const [upload, content] = await Promise.all([
        this.#meta.findOne({ _id: from }),
        this.#contents.findOne({ _id: from }),
      ]);
      if (upload === null || content === null) {
        await this.#drop(made);
        return false;
      }
      const { expiresAt: _unused, ...meta } = metaOf(upload);
      await this.#contents.replaceOne({ _id }, { content: content.content }, { upsert: true });
      if (await this.#insert({ _id, ...meta, storedAt: at, messageId })) made.push(_id);
    }
    return true;
  }

  async readAttachment(messageId: string, sha256: string): Promise<StoredAttachment | undefined> {
    const _id = boundKey(messageId, sha256);
    const [meta, content] = await Promise.all([
      this.#meta.findOne({ _id }),
      this.#contents.findOne({ _id }),
    ]);
    if (meta === null || content === null) return undefined;
    return { meta: metaOf(meta), content: Buffer.from(content.content.buffer) };
  }

  dropAttachments(messageId: string, sha256s: readonly string[]): Promise<number> {
    return this.#drop(sha256s.map((sha256) => boundKey(messageId, sha256)));
  }

  async sweepUploads(now: string, limit: number): Promise<number> {
    const expired = await this.#meta
      .find({ expiresAt: { $lte: now } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return this.#drop(expired.map((doc) => doc._id));
  }

  /** Bytes first, then metadata: no metadata names bytes that are gone for good. */
  async #drop(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.#contents.deleteMany({ _id: { $in: [...ids] } });
    const { deletedCount } = await this.#meta.deleteMany({ _id: { $in: [...ids] } });
    return deletedCount;
  }

  /** Gives an existing upload the new expiry; false when there is none. */
  async #renew(_id: string, meta: AttachmentMeta): Promise<boolean> {
    const { matchedCount } = await this.#meta.updateOne(
      { _id },
      { $set: { expiresAt: meta.expiresAt, storedAt: meta.storedAt } },
    );
    return matchedCount === 1;
  }

  async #insert(doc: MetaDoc): Promise<boolean> {
    try {
      await this.#meta.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }
}

/** The metadata of a stored document, without its `_id`. */
function metaOf(doc: MetaDoc): AttachmentMeta {
  const { _id: _key, ...meta } = doc;
  return meta;
}
