import { expect } from 'chai';
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentError,
  attachmentDigest,
  attachmentReferences,
  verifyAttachment,
} from '@knooppunt/standard';
import type { AttachmentReference } from '@knooppunt/standard';
import type { AttachmentMeta } from '../../../src/ledger/attachments.ts';
import {
  attachmentReasons,
  bindReferencedAttachments,
  withAttachmentDigests,
} from '../../../src/pipeline/attachments.ts';
import { Rejection } from '../../../src/pipeline/rejection.ts';

const SENDER = '00000001003214345000';
const doc = Buffer.from('%PDF-1.4 a court decision');
const reference: AttachmentReference = {
  soort: 'rechterlijke-uitspraak',
  bestandsnaam: 'beschikking.pdf',
  mediaType: 'application/pdf',
  grootte: doc.length,
  sha256: attachmentDigest(doc),
};
const upload: AttachmentMeta = {
  sha256: reference.sha256,
  size: doc.length,
  mediaType: 'application/pdf',
  owner: SENDER,
  storedAt: '2026-03-02T16:45:00.000Z',
  expiresAt: '2026-03-02T17:45:00.000Z',
};

describe('attachments: references in a payload', () => {
  it('finds every reference once, wherever the payload keeps it (beschikking, bijlagen)', () => {
    const other = { ...reference, sha256: 'a'.repeat(64) };
    const payload = { beschikking: reference, bijlagen: [other, reference], toelichting: 'x' };
    expect(attachmentReferences(payload).map((r) => r.sha256)).to.deep.equal([
      reference.sha256,
      other.sha256,
    ]);
    expect(attachmentReferences({ sha256: 'not hex', grootte: 1, mediaType: 'x' })).to.deep.equal(
      [],
    );
    expect(attachmentReferences(null)).to.deep.equal([]);
  });

  it('verifyAttachment takes the bytes of the reference and refuses others by code', () => {
    expect(() => verifyAttachment(reference, doc)).to.not.throw();
    const tampered = Buffer.from(doc);
    tampered[0] = 0;
    expect(() => verifyAttachment(reference, tampered))
      .to.throw(AttachmentError)
      .with.property('code', 'ATTACHMENT_DIGEST_MISMATCH');
  });
});

describe('pipeline: the attachment step', () => {
  it('finds no reason when each reference has its upload', () => {
    expect(attachmentReasons([reference], new Map([[reference.sha256, upload]]))).to.deep.equal([]);
  });

  it('gives ATTACHMENT_MISSING for a reference without upload, ATTACHMENT_MISMATCH for another size or type', () => {
    expect(attachmentReasons([reference], new Map()).map((r) => r.code)).to.deep.equal([
      'ATTACHMENT_MISSING',
    ]);
    const bigger = new Map([[reference.sha256, { ...upload, size: upload.size + 1 }]]);
    expect(attachmentReasons([reference], bigger).map((r) => r.code)).to.deep.equal([
      'ATTACHMENT_MISMATCH',
    ]);
    const typed = new Map([[reference.sha256, { ...upload, mediaType: 'image/png' }]]);
    expect(attachmentReasons([reference], typed)[0]?.code).to.equal('ATTACHMENT_MISMATCH');
  });

  it('refuses references that add up to more than a message carries', () => {
    const huge = (c: string) => ({
      ...reference,
      sha256: c.repeat(64),
      grootte: ATTACHMENT_MAX_BYTES,
    });
    const three = [huge('a'), huge('b'), huge('c')];
    const uploads = new Map(
      three.map((r) => [r.sha256, { ...upload, sha256: r.sha256, size: r.grootte }]),
    );
    expect(attachmentReasons(three, uploads).map((r) => r.code)).to.deep.equal([
      'ATTACHMENT_MISMATCH',
    ]);
  });

  it('binds only after every check passed, and refuses when the store lost an upload meanwhile', async () => {
    const bound: string[][] = [];
    const store = {
      getUpload: async () => upload,
      bindAttachments: async (_id: string, _owner: string, digests: readonly string[]) => {
        bound.push([...digests]);
        return bound.length === 1;
      },
    };
    const ids = { messageId: 'm-1', sender: SENDER, at: upload.storedAt };
    await bindReferencedAttachments(store, ids, [reference]);
    expect(bound).to.deep.equal([[reference.sha256]]);
    const lost = await bindReferencedAttachments(store, ids, [reference]).catch((e: unknown) => e);
    expect(lost).to.be.instanceOf(Rejection);
    expect((lost as Rejection).code).to.equal('ATTACHMENT_MISSING');
    const none = await bindReferencedAttachments(undefined, ids, [reference]).catch(
      (e: unknown) => e,
    );
    expect((none as Rejection).code).to.equal('ATTACHMENT_MISSING');
    await bindReferencedAttachments(undefined, ids, []); // nothing referenced: nothing asked
  });

  it('records the digests and sizes in the received event, and leaves an event without references as it is', () => {
    const event = {
      subject: 'm-1',
      type: 'received' as const,
      at: upload.storedAt,
      data: { a: 1 },
    };
    expect(withAttachmentDigests(event, []).data).to.deep.equal({ a: 1 });
    expect(withAttachmentDigests(event, [reference]).data).to.deep.equal({
      a: 1,
      attachments: [{ sha256: reference.sha256, size: reference.grootte }],
    });
  });
});
