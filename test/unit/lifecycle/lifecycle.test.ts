/**
 * The lifecycle module on its own (pure): the record of an accepted message with its expiry
 * and answer deadline in Dutch working days, the `received` event and conversation opening,
 * every move's allowed states, fields and event, and the receipt claims — applied to a real
 * ledger once, to show that what the functions build is what the ledger then holds.
 */
import { expect } from 'chai';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { chainEvent } from '../../../src/ledger/chain.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import {
  TRANSITIONS,
  acceptanceClaims,
  acceptedRecord,
  answer,
  applied,
  conversationClosedEvent,
  conversationOpening,
  delivery,
  expiry,
  payloadDrop,
  pickup,
  receivedEvent,
  rejectionClaims,
  senderNotification,
} from '../../../src/lifecycle/index.ts';
import { ENERGIE, GEMEENTE, ledgerRecord } from '../../support/ledger_records.ts';

const MONDAY = new Date('2026-11-23T09:00:00Z');

function signedSaldoverzoek(): Parameters<typeof acceptedRecord>[0]['message'] {
  const { envelope, payload, signature } = ledgerRecord();
  return { envelope, payload: payload ?? {}, signature };
}

describe('message lifecycle', () => {
  describe('records', () => {
    it('builds an accepted record that expires at the end of the 5th Dutch working day and is due by the deadline', () => {
      const message = signedSaldoverzoek();
      const record = acceptedRecord({
        message,
        receivedAt: MONDAY,
        transport: 'amqp',
        route: 'rest',
        receipt: 'r.r.r',
        answerDeadlineWorkingDays: 10,
      });
      expect(record).to.include({
        messageId: message.envelope.messageId,
        status: 'accepted',
        transport: 'amqp',
        route: 'rest',
        sender: GEMEENTE,
        recipient: ENERGIE,
        receivedAt: '2026-11-23T09:00:00.000Z',
        expiresAt: '2026-11-30T23:00:00.000Z', // Monday 30 November, 24:00 in Amsterdam
        answerDueAt: '2026-12-07T23:00:00.000Z',
        openAnswerDueAt: '2026-12-07T23:00:00.000Z', // open until answered: the overdue watch
      });
      expect(record.payload).to.equal(message.payload);
      const withoutDeadline = acceptedRecord({
        message,
        receivedAt: MONDAY,
        transport: 'hub',
        route: 'amqp',
        receipt: 'r.r.r',
        expiryWorkingDays: 1,
      });
      expect(withoutDeadline).to.not.have.property('answerDueAt');
      expect(withoutDeadline.expiresAt).to.equal('2026-11-24T23:00:00.000Z');
    });

    it('records the received event with the envelope metadata and never the payload', () => {
      const { envelope } = signedSaldoverzoek();
      const event = receivedEvent(
        { ...envelope, inReplyTo: 'req-1' },
        '2026-11-23T09:00:00.000Z',
        'rest',
      );
      expect(event).to.deep.include({
        subject: envelope.messageId,
        type: 'received',
        actor: GEMEENTE,
      });
      expect(event.data).to.deep.equal({
        sender: GEMEENTE,
        recipient: ENERGIE,
        conversationId: envelope.conversationId,
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        version: '2.0',
        payloadDigest: envelope.payloadDigest,
        transport: 'rest',
        inReplyTo: 'req-1',
      });
    });

    it('opens a conversation owned by the sender and closes it with an event naming the closing message', () => {
      const record = ledgerRecord();
      const opening = conversationOpening(record.envelope, record.receivedAt);
      expect(opening.conversation).to.deep.equal({
        conversationId: record.conversationId,
        owner: GEMEENTE,
        status: 'open',
        openedAt: record.receivedAt,
        openedBy: record.messageId,
      });
      expect(opening.event.subject).to.equal(`conversation:${record.conversationId}`);
      expect(conversationClosedEvent(record)).to.deep.include({
        subject: `conversation:${record.conversationId}`,
        type: 'conversation-closed',
        data: { messageId: record.messageId, messageType: 'saldoverzoek' },
      });
    });
  });

  describe('transitions', () => {
    const at = new Date('2026-11-24T10:00:00Z');

    it('delivers only an accepted message and records the transport and the fetching recipient', () => {
      const update = delivery('m-1', at, 'rest', ENERGIE);
      expect(update.fromStatus).to.deep.equal(['accepted']);
      expect(update.set).to.deep.equal({ status: 'delivered', deliveredAt: at.toISOString() });
      expect(update.event).to.deep.include({
        type: 'delivered',
        actor: ENERGIE,
        data: { transport: 'rest' },
      });
      expect(delivery('m-1', at, 'amqp').event).to.not.have.property('actor');
    });

    it('starts the retention clock at pickup', () => {
      const update = pickup('m-1', ENERGIE, at, 7, 'amqp');
      expect(update.fromStatus).to.deep.equal(['accepted', 'delivered']);
      expect(update.set).to.deep.equal({
        status: 'picked-up',
        pickedUpAt: '2026-11-24T10:00:00.000Z',
        dropPayloadAfter: '2026-12-01T10:00:00.000Z',
      });
      expect(update.event).to.deep.include({ actor: ENERGIE, data: { transport: 'amqp' } });
    });

    it('expires with the payload dropped and the sender to be told, except for the hub’s own notices', () => {
      const record = ledgerRecord();
      const update = expiry(record, at);
      expect(update.set).to.deep.include({
        status: 'expired',
        payload: null,
        notifyDueAt: at.toISOString(),
      });
      expect(expiry({ ...record, transport: 'hub' }, at).set).to.not.have.property('notifyDueAt');
    });

    it('takes an expired request out of the overdue watch: nobody took it up to answer', () => {
      const request = ledgerRecord({ openAnswerDueAt: '2026-12-07T23:00:00.000Z' });
      expect(expiry(request, at).set).to.include({ openAnswerDueAt: null });
    });

    it('marks a request answered from any state without changing its status', () => {
      const reply = ledgerRecord({ messageType: 'saldoverzoek-antwoord', sender: ENERGIE });
      const update = answer('req-1', reply);
      expect(update.fromStatus).to.deep.equal(TRANSITIONS.answered);
      expect(update.set).to.deep.equal({ answeredAt: reply.receivedAt, openAnswerDueAt: null });
      expect(update.event).to.deep.include({
        subject: 'req-1',
        actor: ENERGIE,
        data: { answerId: reply.messageId, answerType: 'saldoverzoek-antwoord' },
      });
    });

    it('drops a payload only after pickup and notes the notice sent for an expired message', () => {
      expect(payloadDrop('m-1', at).fromStatus).to.deep.equal(['picked-up']);
      expect(senderNotification('m-1', at, 'n-1')).to.deep.include({
        fromStatus: ['expired'],
        set: { notifyDueAt: null, senderNotifiedAt: at.toISOString() },
      });
    });

    it('is what the ledger holds after the update applied, move by move', async () => {
      const ledger = new SqliteLedger(':memory:');
      await ledger.init();
      try {
        const record = ledgerRecord();
        await ledger.insertMessage(
          record,
          receivedEvent(record.envelope, record.receivedAt, 'rest'),
        );
        let expected: MessageRecord = record;
        for (const update of [
          delivery(record.messageId, at, 'rest', ENERGIE),
          pickup(record.messageId, ENERGIE, at, 7, 'rest'),
          payloadDrop(record.messageId, new Date('2026-12-02T00:00:00Z')),
        ]) {
          expect(await ledger.updateMessage(record.messageId, update)).to.equal(true);
          expected = applied(expected, update);
          expect(await ledger.getMessage(record.messageId)).to.deep.equal(expected);
        }
        // A move from a state it may not leave is refused and changes nothing.
        expect(
          await ledger.updateMessage(record.messageId, delivery(record.messageId, at, 'rest')),
        ).to.equal(false);
        const events = await ledger.listEvents(record.messageId);
        expect(events.map((event) => event.type)).to.deep.equal([
          'received',
          'delivered',
          'picked-up',
          'payload-dropped',
        ]);
      } finally {
        await ledger.close();
      }
    });
  });

  describe('receipt claims', () => {
    it('names position 0 of the message’s chain and its hash in an acceptance', () => {
      const record = ledgerRecord();
      const received = receivedEvent(record.envelope, record.receivedAt, 'rest');
      const claims = acceptanceClaims('00000001999999990000', record.envelope, received);
      const position = chainEvent(received, 0, '');
      expect(claims).to.deep.equal({
        hub: '00000001999999990000',
        status: 'accepted',
        messageId: record.messageId,
        payloadDigest: record.envelope.payloadDigest,
        sender: GEMEENTE,
        recipient: ENERGIE,
        receivedAt: record.receivedAt,
        ledgerPosition: `${record.messageId}#0`,
        ledgerHash: position.hash,
        reasons: [],
      });
    });

    it('names the rejected event and every reason in a rejection', () => {
      const event = chainEvent(
        { subject: 'rejection:r-1', type: 'rejected', at: '2026-11-23T09:00:00.000Z', data: {} },
        0,
        '',
      );
      const reasons = [
        { code: 'SCHEMA_INVALID' as const, detail: 'required', pointer: '/payload' },
      ];
      expect(
        rejectionClaims('00000001999999990000', { sender: GEMEENTE }, event, reasons),
      ).to.deep.equal({
        hub: '00000001999999990000',
        status: 'rejected',
        sender: GEMEENTE,
        receivedAt: '2026-11-23T09:00:00.000Z',
        ledgerPosition: 'rejection:r-1#0',
        ledgerHash: event.hash,
        reasons,
      });
    });
  });
});
