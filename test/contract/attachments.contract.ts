/**
 * The attachment contract (AttachmentStore, src/ledger/attachments.ts): what every ledger
 * adapter must do with uploads and the attachments bound to a message, run against SQLite
 * (attachments_sqlite.test.ts) and MongoDB/FerretDB (attachments_mongo.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { attachmentDigest, ATTACHMENT_MAX_BYTES } from '@knooppunt/standard';
import type { Ledger } from '../../src/ledger/index.ts';
import type { AttachmentMeta } from '../../src/ledger/attachments.ts';

const OWNER = '00000001003214345000';
const AT = '2026-03-02T16:45:00.000Z';
const LATER = '2026-03-02T17:45:00.000Z';

function upload(content: Buffer, expiresAt = LATER): AttachmentMeta {
  return {
    sha256: attachmentDigest(content),
    size: content.length,
    mediaType: 'application/pdf',
    owner: OWNER,
    storedAt: AT,
    expiresAt,
  };
}

/** Registers the attachment contract for one adapter; `open` gives a fresh ledger. */
export function attachmentContract(
  name: string,
  open: (context: Mocha.Context) => Promise<{ ledger: Ledger; dispose(): Promise<void> }>,
): void {
  describe(`attachment contract: ${name}`, function () {
    let ledger: Ledger;
    let dispose: () => Promise<void>;
    beforeEach(async function () {
      ({ ledger, dispose } = await open(this));
    });
    afterEach(async () => dispose?.());

    it('stores an upload once; the same upload again is "exists" and renews its expiry', async () => {
      const content = randomBytes(1000);
      const meta = upload(content);
      expect(await ledger.attachments.putUpload(meta, content)).to.equal('created');
      const renewed = { ...meta, expiresAt: '2026-03-02T18:45:00.000Z' };
      expect(await ledger.attachments.putUpload(renewed, content)).to.equal('exists');
      expect(await ledger.attachments.getUpload(OWNER, meta.sha256)).to.deep.equal(renewed);
      expect(await ledger.attachments.getUpload('00000001999999999000', meta.sha256)).to.equal(
        undefined,
      );
    });

    it('binds uploads to a message (a copy, bound once) and reads them back byte for byte', async () => {
      const first = randomBytes(2048);
      const second = randomBytes(4096);
      await ledger.attachments.putUpload(upload(first), first);
      await ledger.attachments.putUpload(upload(second), second);
      const digests = [attachmentDigest(first), attachmentDigest(second)];
      expect(await ledger.attachments.bindAttachments('m-1', OWNER, digests, AT)).to.equal(true);
      expect(await ledger.attachments.bindAttachments('m-1', OWNER, digests, LATER)).to.equal(true);
      const read = await ledger.attachments.readAttachment('m-1', digests[1] as string);
      expect(read?.content.equals(second)).to.equal(true);
      expect(read?.meta).to.deep.include({ messageId: 'm-1', size: 4096, storedAt: AT });
      expect(read?.meta.expiresAt).to.equal(undefined);
      expect(await ledger.attachments.readAttachment('m-2', digests[1] as string)).to.equal(
        undefined,
      );
    });

    it('refuses to bind what the owner did not upload', async () => {
      const content = randomBytes(100);
      await ledger.attachments.putUpload(upload(content), content);
      const digest = attachmentDigest(content);
      expect(
        await ledger.attachments.bindAttachments('m-1', '00000001999999999000', [digest], AT),
      ).to.equal(false);
      expect(await ledger.attachments.readAttachment('m-1', digest)).to.equal(undefined);
    });

    it('binds all or nothing: a missing upload leaves no copy of this binding behind', async () => {
      const first = randomBytes(700);
      const earlier = randomBytes(701);
      const missing = attachmentDigest(randomBytes(702));
      await ledger.attachments.putUpload(upload(first), first);
      await ledger.attachments.putUpload(upload(earlier), earlier);
      expect(
        await ledger.attachments.bindAttachments('m-1', OWNER, [attachmentDigest(earlier)], AT),
      ).to.equal(true);
      const digests = [attachmentDigest(earlier), attachmentDigest(first), missing];
      expect(await ledger.attachments.bindAttachments('m-1', OWNER, digests, LATER)).to.equal(
        false,
      );
      expect(await ledger.attachments.readAttachment('m-1', attachmentDigest(first))).to.equal(
        undefined,
      );
      // What an earlier binding made stays: it was not this binding's.
      const kept = await ledger.attachments.readAttachment('m-1', attachmentDigest(earlier));
      expect(kept?.content.equals(earlier)).to.equal(true);
      expect(await ledger.attachments.dropAttachments('m-1', digests)).to.equal(1);
    });

    it('drops a message’s attachments with its payload, and only those', async () => {
      const content = randomBytes(512);
      const digest = attachmentDigest(content);
      await ledger.attachments.putUpload(upload(content), content);
      await ledger.attachments.bindAttachments('m-1', OWNER, [digest], AT);
      await ledger.attachments.bindAttachments('m-2', OWNER, [digest], AT);
      expect(await ledger.attachments.dropAttachments('m-1', [digest])).to.equal(1);
      expect(await ledger.attachments.readAttachment('m-1', digest)).to.equal(undefined);
      expect(
        (await ledger.attachments.readAttachment('m-2', digest))?.content.equals(content),
      ).to.equal(true);
      expect(await ledger.attachments.dropAttachments('m-1', [digest])).to.equal(0);
    });

    it('sweeps uploads that expired unused, keeping bound copies and live uploads', async () => {
      const old = randomBytes(300);
      const live = randomBytes(301);
      await ledger.attachments.putUpload(upload(old, AT), old);
      await ledger.attachments.putUpload(upload(live, '2026-03-03T00:00:00.000Z'), live);
      await ledger.attachments.bindAttachments('m-1', OWNER, [attachmentDigest(old)], AT);
      expect(await ledger.attachments.sweepUploads(LATER, 100)).to.equal(1);
      expect(await ledger.attachments.getUpload(OWNER, attachmentDigest(old))).to.equal(undefined);
      expect(await ledger.attachments.getUpload(OWNER, attachmentDigest(live))).to.not.equal(
        undefined,
      );
      expect(
        (await ledger.attachments.readAttachment('m-1', attachmentDigest(old)))?.content.length,
      ).to.equal(300);
    });

    it('stores a document of the largest allowed size (ATTACHMENT_MAX_BYTES)', async () => {
      const content = randomBytes(ATTACHMENT_MAX_BYTES);
      await ledger.attachments.putUpload(upload(content), content);
      await ledger.attachments.bindAttachments('m-1', OWNER, [attachmentDigest(content)], AT);
      const read = await ledger.attachments.readAttachment('m-1', attachmentDigest(content));
      expect(read?.content.equals(content)).to.equal(true);
    });
  });
}
