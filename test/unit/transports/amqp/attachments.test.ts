import { expect } from 'chai';
import {
  ATTACHMENT_HEADERS,
  ATTACHMENT_MAX_BYTES,
  attachmentDigest,
  KnooppuntError,
} from '@knooppunt/standard';
import { inboundUpload } from '../../../../src/transports/amqp/attachments.ts';
import { classifyInbound } from '../../../../src/transports/amqp/messages.ts';

const SENDER = '00000001003214345000';
const NOW = new Date('2026-03-02T16:45:00.000Z');

function delivery(content: Buffer, properties: Record<string, unknown> = {}) {
  return {
    content,
    properties: {
      contentType: 'application/pdf',
      headers: { [ATTACHMENT_HEADERS.sha256]: attachmentDigest(content) },
      ...properties,
    },
  } as unknown as Parameters<typeof inboundUpload>[0];
}

const codeOf = (result: ReturnType<typeof inboundUpload>) =>
  result instanceof KnooppuntError ? result.code : 'stored';

describe('AMQP attachments (pure)', () => {
  it('classifies an attachment before the JSON size limit: a document has its own', () => {
    expect(classifyInbound({ userId: SENDER, type: 'attachment' }, 6_000_000, 1024)).to.deep.equal({
      kind: 'attachment',
      sender: SENDER,
    });
    expect(classifyInbound({ userId: SENDER, type: 'submission' }, 2048, 1024).kind).to.equal(
      'too-large',
    );
  });

  it('takes a PDF of exactly ATTACHMENT_MAX_BYTES with its digest, and gives it an expiry', () => {
    const content = Buffer.alloc(ATTACHMENT_MAX_BYTES, 1);
    const meta = inboundUpload(delivery(content), SENDER, NOW, 3600);
    expect(meta).to.deep.equal({
      sha256: attachmentDigest(content),
      size: ATTACHMENT_MAX_BYTES,
      mediaType: 'application/pdf',
      owner: SENDER,
      storedAt: NOW.toISOString(),
      expiresAt: '2026-03-02T17:45:00.000Z',
    });
  });

  it('refuses one byte over, another digest, another type, an encoding and a missing header by code', () => {
    const over = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1);
    expect(codeOf(inboundUpload(delivery(over), SENDER, NOW, 60))).to.equal('ATTACHMENT_TOO_LARGE');
    const content = Buffer.from('%PDF');
    const named = { headers: { [ATTACHMENT_HEADERS.sha256]: attachmentDigest(Buffer.from('x')) } };
    expect(codeOf(inboundUpload(delivery(content, named), SENDER, NOW, 60))).to.equal(
      'ATTACHMENT_DIGEST_MISMATCH',
    );
    expect(
      codeOf(inboundUpload(delivery(content, { contentType: 'text/plain' }), SENDER, NOW, 60)),
    ).to.equal('UNSUPPORTED_MEDIA_TYPE');
    expect(
      codeOf(inboundUpload(delivery(content, { contentEncoding: 'gzip' }), SENDER, NOW, 60)),
    ).to.equal('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(inboundUpload(delivery(content, { headers: {} }), SENDER, NOW, 60))).to.equal(
      'MALFORMED_MESSAGE',
    );
  });
});
