/**
 * Rejections on their own (pure): one reason per schema violation with its pointer, a
 * rejection's own list, one reason for any other error; the `rejected` event names the
 * authenticated submitter always and the envelope's fields only when the hub verified them.
 */
import { expect } from 'chai';
import { AuthorisationError, SchemaError } from '@knooppunt/standard';
import {
  Rejection,
  reasonsOf,
  rejectedEvent,
  rejectedIds,
} from '../../../src/pipeline/rejection.ts';
import { sameSubmission } from '../../../src/pipeline/pipeline.ts';
import { GEMEENTE, ledgerRecord } from '../../support/ledger_records.ts';

describe('pipeline rejections', () => {
  it('gives one reason per schema violation, a rejection its reasons, any other error one', () => {
    const schema = new SchemaError('SCHEMA_INVALID', 'invalid', [
      {
        instancePath: '/payload/a',
        schemaPath: '#/required',
        keyword: 'required',
        params: {},
        message: 'must have a',
      },
      {
        instancePath: '/payload/b',
        schemaPath: '#/type',
        keyword: 'type',
        params: {},
        message: 'must be string',
      },
    ]);
    expect(reasonsOf(schema)).to.deep.equal([
      { code: 'SCHEMA_INVALID', detail: 'required: must have a', pointer: '/payload/a' },
      { code: 'SCHEMA_INVALID', detail: 'type: must be string', pointer: '/payload/b' },
    ]);
    const reasons = [
      { code: 'ROLE_NOT_ALLOWED' as const, detail: 'role' },
      { code: 'MODULE_NOT_ALLOWED' as const, detail: 'module' },
    ];
    expect(reasonsOf(new Rejection(reasons))).to.deep.equal(reasons);
    expect(reasonsOf(new AuthorisationError('SENDER_MISMATCH', 'not you'))).to.deep.equal([
      { code: 'SENDER_MISMATCH', detail: 'not you' },
    ]);
  });

  it('names only the submitter of an unverified envelope, and the envelope’s ids once verified', () => {
    const { envelope } = ledgerRecord();
    expect(rejectedIds(GEMEENTE, undefined)).to.deep.equal({ sender: GEMEENTE });
    expect(rejectedIds(GEMEENTE, envelope)).to.deep.equal({
      sender: GEMEENTE,
      messageId: envelope.messageId,
      payloadDigest: envelope.payloadDigest,
      recipient: envelope.recipient,
    });
  });

  it('records a rejected event with metadata and reasons, under a subject of its own', () => {
    const event = rejectedEvent({
      rejectionId: 'r-1',
      ids: { sender: GEMEENTE },
      messageType: 'saldoverzoek',
      transport: 'amqp',
      receivedAt: '2026-11-23T09:00:00.000Z',
      reasons: [{ code: 'SIGNATURE_INVALID', detail: 'bad' }],
    });
    expect(event).to.deep.equal({
      subject: 'rejection:r-1',
      type: 'rejected',
      at: '2026-11-23T09:00:00.000Z',
      actor: GEMEENTE,
      data: {
        sender: GEMEENTE,
        messageType: 'saldoverzoek',
        transport: 'amqp',
        reasons: [{ code: 'SIGNATURE_INVALID', detail: 'bad' }],
      },
    });
    const untyped = rejectedEvent({
      rejectionId: 'r-2',
      ids: { sender: GEMEENTE },
      messageType: { not: 'a string' },
      transport: 'rest',
      receivedAt: '2026-11-23T09:00:00.000Z',
      reasons: [{ code: 'MALFORMED_MESSAGE', detail: 'no' }],
    });
    expect(untyped.data).to.not.have.property('messageType');
  });

  it('takes a resubmission as the same message when only the creation time differs', () => {
    const { envelope } = ledgerRecord();
    expect(
      sameSubmission(envelope, { ...envelope, createdAt: '2026-11-23T09:01:00.000Z' }),
    ).to.equal(true);
    expect(sameSubmission(envelope, { ...envelope, payloadDigest: 'y'.repeat(43) })).to.equal(
      false,
    );
    expect(sameSubmission(envelope, { ...envelope, recipient: GEMEENTE })).to.equal(false);
  });
});
