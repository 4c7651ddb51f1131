/**
 * The ledger contract: what every adapter must do, run against each of them (SQLite here,
 * MongoDB/FerretDB in ledger_mongo.test.ts). Tampering is done through each adapter's raw
 * access, since the contract's API itself cannot change history.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import type { Ledger, MessageRecord } from '../../src/ledger/index.ts';
import { sealPending, searchLog, searchRefusals, verifyChain } from '../../src/ledger/index.ts';
import type { LogSearch, RefusalSearch } from '../../src/ledger/index.ts';
import { rejectedEvent } from '../../src/pipeline/rejection.ts';
import {
  answer,
  conversationClosedEvent,
  conversationSubject,
  delivery,
  pickup,
} from '../../src/lifecycle/index.ts';
import type { Operator, OperatorSession } from '../../src/operators/types.ts';
import { ParticipantRegistry } from '../../src/participants/registry.ts';
import type { Participant } from '../../src/participants/types.ts';
import type { PortalUser } from '../../src/portal/types.ts';
import { createTestPki, OIN } from '../support/pki_fixtures.ts';
import {
  ENERGIE,
  GEMEENTE,
  ledgerRecord as message,
  receivedEventOf as received,
} from '../support/ledger_records.ts';

/** The raw edits a tamper test needs, per adapter. */
export interface Tamperer {
  editEventData(eventId: string, data: Record<string, unknown>): Promise<void>;
  deleteEvent(eventId: string): Promise<void>;
  /** Swaps the stored positions (seq) of two events of one subject. */
  swapEvents(first: string, second: string): Promise<void>;
  /** Sets fields of a stored message document (and its indexed columns) behind the ledger's back. */
  editMessage(messageId: string, fields: Record<string, unknown>): Promise<void>;
  /** Sets fields of a stored participant (the registry entry) behind the registry's back. */
  editParticipant(oin: string, fields: Record<string, unknown>): Promise<void>;
  deleteParticipant(oin: string): Promise<void>;
}

/** A fresh ledger and its tamperer; `dispose` removes it. */
export interface LedgerUnderTest {
  ledger: Ledger;
  tamper: Tamperer;
  dispose(): Promise<void>;
}

/** Registers the contract suite for one adapter. */
export function ledgerContract(
  name: string,
  open: (context: Mocha.Context) => Promise<LedgerUnderTest>,
): void {
  describe(`ledger contract: ${name}`, function () {
    let under: LedgerUnderTest;
    let ledger: Ledger;
    beforeEach(async function () {
      under = await open(this);
      ledger = under.ledger;
    });
    afterEach(async () => under?.dispose());

    it('stores a message once and returns the stored one for the same id', async () => {
      const record = message();
      const first = await ledger.insertMessage(record, received(record));
      expect(first.inserted).to.equal(true);
      if (first.inserted) expect(first.event.eventId).to.equal(`${record.messageId}#0`);
      const again = await ledger.insertMessage({ ...record, receipt: 'other' }, received(record));
      expect(again.inserted).to.equal(false);
      if (!again.inserted) expect(again.existing.receipt).to.equal('r.r.r');
      expect((await ledger.getMessage(record.messageId))?.payload).to.deep.equal(record.payload);
      expect(await ledger.listEvents(record.messageId)).to.have.length(1);
    });

    it('stores concurrent inserts of one id exactly once', async () => {
      const record = message();
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => ledger.insertMessage(record, received(record))),
      );
      expect(outcomes.filter((outcome) => outcome.inserted)).to.have.length(1);
      expect(await ledger.listEvents(record.messageId)).to.have.length(1);
    });

    it('writes what a stored message sets off with it, and none of it for one stored before', async () => {
      const request = message();
      const { conversationId } = request;
      await ledger.openConversation({
        conversationId,
        owner: GEMEENTE,
        status: 'open',
        openedAt: request.receivedAt,
        openedBy: request.messageId,
      });
      await ledger.insertMessage(request, received(request));
      const replyTo = (reply: MessageRecord) => ({
        update: { messageId: request.messageId, change: answer(request.messageId, reply) },
        close: { conversationId, at: reply.receivedAt, event: conversationClosedEvent(reply) },
      });
      const reply = (at: string) =>
        message({ conversationId, sender: ENERGIE, recipient: GEMEENTE, receivedAt: at });
      const first = reply('2026-11-23T09:30:00.000Z');
      await ledger.insertMessage(first, received(first));
      const again = await ledger.insertMessage(first, received(first), undefined, replyTo(first));
      expect(again.inserted).to.equal(false);
      expect((await ledger.getMessage(request.messageId))?.answeredAt).to.equal(undefined);
      expect((await ledger.getConversation(conversationId))?.status).to.equal('open');

      const second = reply('2026-11-23T09:31:00.000Z');
      const stored = await ledger.insertMessage(
        second,
        received(second),
        undefined,
        replyTo(second),
      );
      expect(stored.inserted).to.equal(true);
      expect((await ledger.getMessage(request.messageId))?.answeredAt).to.equal(second.receivedAt);
      const answered = (await ledger.listEvents(request.messageId)).at(-1);
      expect(answered?.type).to.equal('answered');
      expect(answered?.data['answerId']).to.equal(second.messageId);
      expect((await ledger.getConversation(conversationId))?.status).to.equal('closed');
      const third = reply('2026-11-23T09:32:00.000Z');
      await ledger.insertMessage(third, received(third), undefined, replyTo(third));
      const closings = (await ledger.listEvents(conversationSubject(conversationId))).filter(
        (event) => event.type === 'conversation-closed',
      );
      expect(closings.map((event) => event.data['messageId'])).to.deep.equal([second.messageId]);
    });

    it('pages a mailbox oldest first with a cursor and filters on module and type', async () => {
      const records = Array.from({ length: 5 }, (_, i) =>
        message({
          receivedAt: `2026-11-23T09:00:0${i}.000Z`,
          ...(i === 4 ? { module: 'schuldregeling', messageType: 'kennisgeving' } : {}),
        }),
      );
      for (const record of [...records].reverse())
        await ledger.insertMessage(record, received(record));
      const first = await ledger.listMailbox({ recipient: ENERGIE, limit: 2 });
      expect(first.items.map((item) => item.messageId)).to.deep.equal(
        records.slice(0, 2).map((r) => r.messageId),
      );
      const second = await ledger.listMailbox({
        recipient: ENERGIE,
        limit: 2,
        cursor: first.nextCursor as string,
      });
      expect(second.items.map((item) => item.messageId)).to.deep.equal(
        records.slice(2, 4).map((r) => r.messageId),
      );
      const third = await ledger.listMailbox({
        recipient: ENERGIE,
        limit: 2,
        cursor: second.nextCursor as string,
      });
      expect(third.items).to.have.length(1);
      expect(third.nextCursor).to.equal(undefined);
      const kennisgevingen = await ledger.listMailbox({
        recipient: ENERGIE,
        limit: 10,
        messageType: 'kennisgeving',
      });
      expect(kennisgevingen.items.map((item) => item.messageId)).to.deep.equal([
        records[4]?.messageId,
      ]);
      expect((await ledger.listMailbox({ recipient: GEMEENTE, limit: 10 })).items).to.have.length(
        0,
      );
    });

    it('reads a message without its payload, signature and receipt, before and after the payload is dropped', async () => {
      const record = message({ metadata: { kind: 'test' } });
      await ledger.insertMessage(record, received(record));
      const { payload: _payload, signature: _signature, receipt: _receipt, ...rest } = record;
      expect(await ledger.getMessageSummary(record.messageId)).to.deep.equal(rest);
      expect(await ledger.getMessageSummary(randomUUID())).to.equal(undefined);
      await ledger.updateMessage(record.messageId, {
        fromStatus: ['accepted'],
        set: { payload: null, payloadDroppedAt: '2026-11-30T10:00:00.000Z' },
        event: {
          subject: record.messageId,
          type: 'payload-dropped',
          at: '2026-11-30T10:00:00.000Z',
          actor: 'hub',
          data: {},
        },
      });
      expect(await ledger.getMessageSummary(record.messageId)).to.deep.equal({
        ...rest,
        payloadDroppedAt: '2026-11-30T10:00:00.000Z',
      });
    });

    it('hands out a message after a transition as the record and what the transition set, nothing of its own', async () => {
      const record = message({ receivedAt: '2026-11-23T09:00:00.000Z' });
      await ledger.insertMessage(record, received(record));
      const deliveredAt = '2026-11-23T09:00:01.000Z';
      expect(
        await ledger.updateMessage(record.messageId, {
          fromStatus: ['accepted'],
          set: { status: 'delivered', deliveredAt },
          event: {
            subject: record.messageId,
            type: 'delivered',
            at: deliveredAt,
            actor: 'hub',
            data: {},
          },
        }),
      ).to.equal(true);
      const expected = { ...record, status: 'delivered', deliveredAt };
      expect(await ledger.getMessage(record.messageId)).to.deep.equal(expected);
      expect(await ledger.listConversation(record.conversationId)).to.deep.equal([expected]);
      const found = await ledger.searchMessages({ recipient: record.recipient, limit: 10 });
      expect(found.items).to.deep.equal([expected]);
    });

    it('lists a mailbox as metadata only: the listing fields, never payload, signature or receipt', async () => {
      const request = message({
        receivedAt: '2026-11-23T09:00:00.000Z',
        answerDueAt: '2026-12-07T09:00:00.000Z',
      });
      const reply = message({
        sender: GEMEENTE,
        recipient: ENERGIE,
        receivedAt: '2026-11-23T09:01:00.000Z',
      });
      const answering = {
        ...reply,
        envelope: { ...reply.envelope, inReplyTo: request.messageId },
      };
      for (const record of [request, answering]) {
        await ledger.insertMessage(record, received(record));
      }
      const entryOf = (record: MessageRecord) => ({
        messageId: record.messageId,
        conversationId: record.conversationId,
        module: record.module,
        messageType: record.messageType,
        sender: record.sender,
        recipient: record.recipient,
        receivedAt: record.receivedAt,
        status: record.status,
        ...(record.answerDueAt === undefined ? {} : { answerDueAt: record.answerDueAt }),
        expiresAt: record.expiresAt,
        envelope: {
          ...(record.envelope.inReplyTo === undefined
            ? {}
            : { inReplyTo: record.envelope.inReplyTo }),
          version: record.envelope.version,
          createdAt: record.envelope.createdAt,
        },
      });
      const { items } = await ledger.listMailbox({ recipient: ENERGIE, limit: 10 });
      expect(reply.answerDueAt).to.equal(undefined);
      expect(items).to.deep.equal([entryOf(request), entryOf(answering)]);
    });

    it('changes a message state only from the expected states, recording one event each time', async () => {
      const record = message();
      await ledger.insertMessage(record, received(record));
      const pickup = {
        fromStatus: ['accepted', 'delivered'] as const,
        set: { status: 'picked-up' as const, pickedUpAt: '2026-11-23T10:00:00.000Z' },
        event: {
          subject: record.messageId,
          type: 'picked-up' as const,
          at: '2026-11-23T10:00:00.000Z',
          actor: ENERGIE,
          data: {},
        },
      };
      const results = await Promise.all([
        ledger.updateMessage(record.messageId, pickup),
        ledger.updateMessage(record.messageId, pickup),
      ]);
      expect(results.filter(Boolean)).to.have.length(1);
      expect((await ledger.getMessage(record.messageId))?.status).to.equal('picked-up');
      expect((await ledger.listEvents(record.messageId)).map((event) => event.type)).to.deep.equal([
        'received',
        'picked-up',
      ]);
      expect((await ledger.listMailbox({ recipient: ENERGIE, limit: 10 })).items).to.have.length(0);
    });

    it('finds messages due for expiry and for dropping their payload', async () => {
      const late = message({ expiresAt: '2026-11-20T00:00:00.000Z' });
      const fresh = message({ expiresAt: '2026-12-20T00:00:00.000Z' });
      const picked = message();
      for (const record of [late, fresh, picked])
        await ledger.insertMessage(record, received(record));
      await ledger.updateMessage(picked.messageId, {
        fromStatus: ['accepted'],
        set: {
          status: 'picked-up',
          pickedUpAt: '2026-11-21T00:00:00.000Z',
          dropPayloadAfter: '2026-11-22T00:00:00.000Z',
        },
        event: {
          subject: picked.messageId,
          type: 'picked-up',
          at: '2026-11-21T00:00:00.000Z',
          data: {},
        },
      });
      const now = '2026-11-23T00:00:00.000Z';
      expect((await ledger.findDue('expire', now, 10)).map((r) => r.messageId)).to.deep.equal([
        late.messageId,
      ]);
      expect((await ledger.findDue('drop-payload', now, 10)).map((r) => r.messageId)).to.deep.equal(
        [picked.messageId],
      );
      await ledger.updateMessage(picked.messageId, {
        fromStatus: ['picked-up'],
        set: { payload: null, payloadDroppedAt: now },
        event: { subject: picked.messageId, type: 'payload-dropped', at: now, data: {} },
      });
      expect(await ledger.findDue('drop-payload', now, 10)).to.have.length(0);
      expect((await ledger.getMessage(picked.messageId))?.payload).to.equal(null);

      await ledger.updateMessage(late.messageId, {
        fromStatus: ['accepted'],
        set: { status: 'expired', payload: null, notifyDueAt: now },
        event: { subject: late.messageId, type: 'expired', at: now, data: {} },
      });
      expect((await ledger.findDue('notify', now, 10)).map((r) => r.messageId)).to.deep.equal([
        late.messageId,
      ]);
      await ledger.updateMessage(late.messageId, {
        fromStatus: ['expired'],
        set: { notifyDueAt: null },
        event: { subject: late.messageId, type: 'sender-notified', at: now, data: {} },
      });
      expect(await ledger.findDue('notify', now, 10)).to.have.length(0);
    });

    it('chains concurrent appends to one subject without gaps or forks', async () => {
      const subject = `conversation:${randomUUID()}`;
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ledger.appendEvent({
            subject,
            type: 'conversation-opened',
            at: new Date(0).toISOString(),
            data: { i },
          }),
        ),
      );
      const events = await ledger.listEvents(subject);
      expect(events.map((event) => event.seq)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (let i = 1; i < events.length; i += 1)
        expect(events[i]?.prevHash).to.equal(events[i - 1]?.hash);
    });

    it('opens a conversation once and closes it once', async () => {
      const conversationId = randomUUID();
      const opened = await ledger.openConversation({
        conversationId,
        owner: GEMEENTE,
        status: 'open',
        openedAt: 'a',
        openedBy: 'm1',
      });
      const again = await ledger.openConversation({
        conversationId,
        owner: ENERGIE,
        status: 'open',
        openedAt: 'b',
        openedBy: 'm2',
      });
      expect(again.owner).to.equal(opened.owner);
      expect(await ledger.closeConversation(conversationId, 'c')).to.equal(true);
      expect(await ledger.closeConversation(conversationId, 'd')).to.equal(false);
      expect((await ledger.getConversation(conversationId))?.status).to.equal('closed');
    });

    it('stores participants and finds one by certificate thumbprint', async () => {
      const participant: Participant = {
        oin: ENERGIE,
        name: 'Energie Direct',
        kind: 'schuldeiser',
        modules: ['schuldinventarisatie'],
        publicBody: false,
        preferent: false,
        transport: 'rest',
        status: 'active',
        certificates: [
          {
            thumbprint: 'thumb-1',
            certificatePem: 'pem',
            status: 'active',
            validFrom: 'a',
            validTo: 'b',
            addedAt: 'a',
          },
        ],
        createdAt: 'a',
        updatedAt: 'a',
      };
      await ledger.putParticipant(participant);
      expect((await ledger.findParticipantByThumbprint('thumb-1'))?.oin).to.equal(ENERGIE);
      await ledger.putParticipant({ ...participant, certificates: [], status: 'suspended' });
      expect(await ledger.findParticipantByThumbprint('thumb-1')).to.equal(undefined);
      expect((await ledger.getParticipant(ENERGIE))?.status).to.equal('suspended');
      expect((await ledger.listParticipants()).map((p) => p.oin)).to.deep.equal([ENERGIE]);
    });

    it('watches what is open: waiting per recipient, overdue answers, the AMQP outbox', async () => {
      const at = (minute: number) => `2026-11-23T09:${String(minute).padStart(2, '0')}:00.000Z`;
      const GEMEENTE_DUE = '2026-12-07T23:00:00.000Z';
      const waiting = [
        message({ receivedAt: at(1) }),
        message({ receivedAt: at(2) }),
        message({ recipient: GEMEENTE, sender: ENERGIE, receivedAt: at(3) }),
        message({ receivedAt: at(4), route: 'amqp' }),
      ];
      const open = message({
        receivedAt: at(5),
        answerDueAt: GEMEENTE_DUE,
        openAnswerDueAt: GEMEENTE_DUE,
        status: 'picked-up',
      });
      const answered = message({
        receivedAt: at(6),
        answerDueAt: GEMEENTE_DUE,
        openAnswerDueAt: GEMEENTE_DUE,
        status: 'picked-up',
      });
      for (const record of [...waiting, open, answered]) {
        await ledger.insertMessage(record, received(record));
      }
      await ledger.updateMessage(
        answered.messageId,
        answer(answered.messageId, waiting[2] as MessageRecord),
      );

      expect(await ledger.waitingByRecipient()).to.deep.equal([
        { participant: GEMEENTE, count: 1, oldest: at(3) },
        { participant: ENERGIE, count: 3, oldest: at(1) },
      ]);
      expect(await ledger.overdueByRecipient('2026-12-07T22:59:59.000Z')).to.deep.equal([]);
      expect(await ledger.overdueByRecipient('2026-12-08T09:00:00.000Z')).to.deep.equal([
        { participant: ENERGIE, count: 1, oldest: GEMEENTE_DUE },
      ]);
      expect(await ledger.outboxSummary()).to.deep.equal({ count: 1, oldest: at(4) });
      await ledger.updateMessage(
        (waiting[3] as MessageRecord).messageId,
        delivery((waiting[3] as MessageRecord).messageId, new Date(at(7)), 'amqp'),
      );
      expect(await ledger.outboxSummary()).to.deep.equal({ count: 0 });
    });

    it('searches the message log, counts a period and finds events by type, newest first', async () => {
      const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const records = [
        message({ receivedAt: at(1) }),
        message({ receivedAt: at(2), sender: ENERGIE, recipient: GEMEENTE }),
        message({ receivedAt: at(3) }),
        message({ receivedAt: at(4), answerDueAt: at(50), openAnswerDueAt: at(50) }),
        message({ receivedAt: at(5), answerDueAt: at(40), openAnswerDueAt: at(40) }),
      ];
      for (const record of records) await ledger.insertMessage(record, received(record));
      const [first, second, third, fourth, fifth] = records as [
        MessageRecord,
        MessageRecord,
        MessageRecord,
        MessageRecord,
        MessageRecord,
      ];
      await ledger.updateMessage(
        third.messageId,
        pickup(third.messageId, ENERGIE, new Date(at(9)), 30, 'rest'),
      );
      const ids = (page: { items: readonly MessageRecord[] }) => page.items.map((r) => r.messageId);

      const fromGemeente = await ledger.searchMessages({ sender: GEMEENTE, limit: 2 });
      expect(ids(fromGemeente)).to.deep.equal([fifth.messageId, fourth.messageId]);
      const next = await ledger.searchMessages({
        sender: GEMEENTE,
        limit: 2,
        cursor: fromGemeente.nextCursor as string,
      });
      expect(ids(next)).to.deep.equal([third.messageId, first.messageId]);
      expect(next.nextCursor).to.equal(undefined);
      expect(ids(await ledger.searchMessages({ from: at(2), to: at(4), limit: 10 }))).to.deep.equal(
        [third.messageId, second.messageId],
      );
      expect(ids(await ledger.searchMessages({ pickedUp: true, limit: 10 }))).to.deep.equal([
        third.messageId,
      ]);
      expect(
        ids(await ledger.searchMessages({ pickedUp: false, recipient: GEMEENTE, limit: 10 })),
      ).to.deep.equal([second.messageId]);
      expect(
        ids(
          await ledger.searchMessages({
            conversationId: first.conversationId,
            version: '2.0',
            module: 'schuldinventarisatie',
            messageType: 'saldoverzoek',
            status: 'accepted',
            limit: 10,
          }),
        ),
      ).to.deep.equal([first.messageId]);
      expect(ids(await ledger.searchMessages({ version: '9.9', limit: 10 }))).to.deep.equal([]);
      expect(
        ids(await ledger.searchMessages({ messageId: fifth.messageId, limit: 10 })),
      ).to.deep.equal([fifth.messageId]);

      const flow = await ledger.messageFlow(at(0), at(6), 3);
      expect(flow.perBucket).to.deep.equal([1, 2, 2]);
      expect(flow.counts).to.deep.include({
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        status: 'accepted',
        count: 4,
      });
      expect(flow.counts.reduce((sum, count) => sum + count.count, 0)).to.equal(5);

      expect((await ledger.openAnswers(10)).map((r) => r.messageId)).to.deep.equal([
        fifth.messageId,
        fourth.messageId,
      ]);

      expect(await ledger.openAnswers(10, GEMEENTE)).to.deep.equal([]);
      expect((await ledger.openAnswers(10, ENERGIE)).map((r) => r.messageId)).to.deep.equal([
        fifth.messageId,
        fourth.messageId,
      ]);
      expect(await ledger.countEvents({ types: ['received', 'picked-up'], from: at(2) })).to.equal(
        5,
      );
      expect(await ledger.countEvents({ types: ['picked-up'], to: at(9) })).to.equal(0);

      const pickedUp = await ledger.searchEvents({ types: ['picked-up'], limit: 10 });
      expect(pickedUp.items.map((e) => e.subject)).to.deep.equal([third.messageId]);
      const received_ = await ledger.searchEvents({
        types: ['received', 'picked-up'],
        from: at(2),
        limit: 3,
      });
      expect(received_.items.map((e) => e.type)).to.deep.equal([
        'picked-up',
        'received',
        'received',
      ]);
      const rest = await ledger.searchEvents({
        types: ['received', 'picked-up'],
        from: at(2),
        limit: 3,
        cursor: received_.nextCursor as string,
      });
      expect(rest.items.map((e) => e.subject)).to.deep.equal([third.messageId, second.messageId]);
    });

    it("searches one participant's log: its sent and received messages only, by every filter, newest first", async () => {
      const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const BELASTING = OIN.belastingdienst;
      const sent = message({ receivedAt: at(1) });
      const reply = message({
        receivedAt: at(2),
        sender: ENERGIE,
        recipient: GEMEENTE,
        conversationId: sent.conversationId,
      });
      const answer_ = {
        ...reply,
        envelope: { ...reply.envelope, inReplyTo: sent.messageId, version: '2.1' },
      };
      const toBelasting = message({ receivedAt: at(3), recipient: BELASTING });
      const others = message({ receivedAt: at(4), sender: BELASTING, recipient: ENERGIE });
      const fromBelasting = message({ receivedAt: at(5), sender: BELASTING, recipient: GEMEENTE });
      for (const record of [sent, answer_, toBelasting, others, fromBelasting]) {
        await ledger.insertMessage(record, received(record));
      }
      await ledger.updateMessage(
        sent.messageId,
        delivery(sent.messageId, new Date(at(6)), 'rest', ENERGIE),
      );
      await ledger.updateMessage(
        sent.messageId,
        pickup(sent.messageId, ENERGIE, new Date(at(7)), 30, 'rest'),
      );
      // Acknowledged without a fetch first: fetched all the same.
      await ledger.updateMessage(
        fromBelasting.messageId,
        pickup(fromBelasting.messageId, GEMEENTE, new Date(at(8)), 30, 'rest'),
      );
      const log = async (query: Omit<LogSearch, 'participant' | 'limit'>, limit = 10) =>
        (await searchLog(ledger, { participant: GEMEENTE, limit, ...query })).items.map(
          (record) => record.messageId,
        );

      const all = [fromBelasting, toBelasting, answer_, sent].map((r) => r.messageId);
      expect(await log({})).to.deep.equal(all);
      expect(await log({}), 'never a message between others').not.to.include(others.messageId);
      const firstPage = await searchLog(ledger, { participant: GEMEENTE, limit: 3 });
      expect(firstPage.items.map((r) => r.messageId)).to.deep.equal(all.slice(0, 3));
      const rest = await searchLog(ledger, {
        participant: GEMEENTE,
        limit: 3,
        cursor: firstPage.nextCursor as string,
      });
      expect(rest.items.map((r) => r.messageId)).to.deep.equal(all.slice(3));
      expect(rest.nextCursor).to.equal(undefined);

      expect(await log({ direction: 'sent' })).to.deep.equal([
        toBelasting.messageId,
        sent.messageId,
      ]);
      expect(await log({ direction: 'received' })).to.deep.equal([
        fromBelasting.messageId,
        answer_.messageId,
      ]);
      expect(await log({ counterparty: BELASTING })).to.deep.equal([
        fromBelasting.messageId,
        toBelasting.messageId,
      ]);
      // A role's participants (counterpartyRole): any of a set, with the fetched filter too.
      expect(await log({ counterparties: [BELASTING, '00000009999999999000'] })).to.deep.equal([
        fromBelasting.messageId,
        toBelasting.messageId,
      ]);
      expect(await log({ counterparties: [ENERGIE, BELASTING], fetched: true })).to.deep.equal([
        fromBelasting.messageId,
        sent.messageId,
      ]);
      expect(await log({ counterparties: [ENERGIE], counterparty: BELASTING })).to.deep.equal([]);
      expect(await log({ counterparties: [] }), 'a role nobody plays').to.deep.equal([]);
      expect(await log({ messageId: others.messageId }), 'not even by its id').to.deep.equal([]);
      expect(await log({ messageId: sent.messageId })).to.deep.equal([sent.messageId]);
      expect(await log({ conversationId: sent.conversationId })).to.deep.equal([
        answer_.messageId,
        sent.messageId,
      ]);
      expect(await log({ inReplyTo: sent.messageId })).to.deep.equal([answer_.messageId]);
      expect(await log({ version: '2.1' })).to.deep.equal([answer_.messageId]);
      expect(
        await log({ messageType: 'saldoverzoek', module: 'schuldinventarisatie' }),
      ).to.have.length(4);
      expect(await log({ messageType: 'betaalvoorstel' })).to.deep.equal([]);
      expect(await log({ from: at(2), to: at(5) })).to.deep.equal([
        toBelasting.messageId,
        answer_.messageId,
      ]);
      expect(await log({ fetched: true })).to.deep.equal([fromBelasting.messageId, sent.messageId]);
      expect(await log({ fetched: false })).to.deep.equal([
        toBelasting.messageId,
        answer_.messageId,
      ]);
      expect(await log({ pickedUp: true, direction: 'sent' })).to.deep.equal([sent.messageId]);
      expect(await log({ pickedUp: false, fetched: true })).to.deep.equal([]);
      expect(await log({ status: 'picked-up' })).to.deep.equal([
        fromBelasting.messageId,
        sent.messageId,
      ]);
      // The energy company's log holds the exchange with the gemeente and the one with others.
      expect(
        (await searchLog(ledger, { participant: ENERGIE, limit: 10 })).items.map(
          (r) => r.messageId,
        ),
      ).to.deep.equal([others.messageId, answer_.messageId, sent.messageId]);
    });

    it("finds the submissions refused to one participant, by message id, recipient, type and period — never another's", async () => {
      const at = (minute: number) => `2026-11-24T11:${String(minute).padStart(2, '0')}:00.000Z`;
      const refused = (minute: number, sender: string, verified?: Record<string, string>) =>
        ledger.appendEvent(
          rejectedEvent({
            rejectionId: randomUUID(),
            ids: { sender, ...verified },
            ...(verified?.['messageType'] === undefined
              ? {}
              : { messageType: verified['messageType'] }),
            transport: 'rest',
            receivedAt: at(minute),
            reasons: [{ code: 'SCHEMA_INVALID', detail: 'required: peildatum' }],
          }),
        );
      const messageId = randomUUID();
      const unverified = await refused(1, GEMEENTE);
      const toEnergie = await refused(2, GEMEENTE, {
        messageId,
        recipient: ENERGIE,
        messageType: 'saldoverzoek',
      });
      const theirs = await refused(3, ENERGIE, { messageId: randomUUID(), recipient: GEMEENTE });
      const subjects = async (query: Omit<RefusalSearch, 'participant' | 'limit'>, limit = 10) =>
        (await searchRefusals(ledger, { participant: GEMEENTE, limit, ...query })).items.map(
          (event) => event.subject,
        );
      expect(await subjects({})).to.deep.equal([toEnergie.subject, unverified.subject]);
      expect(await subjects({}), 'never one refused to another').not.to.include(theirs.subject);
      expect(await subjects({ messageId })).to.deep.equal([toEnergie.subject]);
      expect(await subjects({ counterparty: ENERGIE })).to.deep.equal([toEnergie.subject]);
      expect(await subjects({ messageType: 'saldoverzoek' })).to.deep.equal([toEnergie.subject]);
      expect(await subjects({ messageType: 'betaalvoorstel' })).to.deep.equal([]);
      expect(await subjects({ to: at(2) })).to.deep.equal([unverified.subject]);
      const first = await searchRefusals(ledger, { participant: GEMEENTE, limit: 1 });
      const next = await searchRefusals(ledger, {
        participant: GEMEENTE,
        limit: 1,
        cursor: first.nextCursor as string,
      });
      expect(next.items.map((event) => event.subject)).to.deep.equal([unverified.subject]);
      expect(next.nextCursor).to.equal(undefined);
    });

    it('keeps portal users per participant, their login state only under the same password, and their sessions', async () => {
      const user: PortalUser = {
        name: 'energie.medewerker',
        participant: ENERGIE,
        role: 'medewerker',
        passwordHash: '$argon2id$stand-in',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: '2026-11-23T09:00:00.000Z',
        failedLogins: 0,
      };
      await ledger.putPortalUser(user);
      await ledger.putPortalUser({ ...user, name: 'gemeente.beheer', participant: GEMEENTE });
      expect(await ledger.getPortalUser('energie.medewerker')).to.deep.equal(user);
      expect((await ledger.listPortalUsers(ENERGIE)).map((u) => u.name)).to.deep.equal([
        'energie.medewerker',
      ]);
      expect((await ledger.listPortalUsers()).map((u) => u.name)).to.deep.equal([
        'energie.medewerker',
        'gemeente.beheer',
      ]);
      const locked = { failedLogins: 6, lockedUntil: '2026-11-23T09:01:00.000Z' };
      expect(await ledger.updatePortalLoginState(user.name, 'other', locked)).to.equal(false);
      expect(await ledger.updatePortalLoginState(user.name, user.passwordHash, locked)).to.equal(
        true,
      );
      expect(await ledger.getPortalUser(user.name)).to.include(locked);
      expect(
        await ledger.updatePortalLoginState(user.name, user.passwordHash, {
          failedLogins: 0,
          lastTotpStep: 42,
        }),
      ).to.equal(true);
      const after = await ledger.getPortalUser(user.name);
      expect(after).to.include({ failedLogins: 0, lastTotpStep: 42 });
      expect(after).to.not.have.property('lockedUntil');
      // A step is spent once: a second login with the same (or an older) code does not apply.
      for (const step of [42, 41]) {
        expect(
          await ledger.updatePortalLoginState(user.name, user.passwordHash, {
            failedLogins: 0,
            lastTotpStep: step,
          }),
          `step ${step}`,
        ).to.equal(false);
      }
      // (Two logins racing with one code: one wins where conditional updates are atomic —
      // SQLite, MongoDB — but not on FerretDB 1.x, docs/operations.md; not asserted here.)
      const session = {
        id: 'session-1',
        user: user.name,
        participant: ENERGIE,
        role: 'medewerker' as const,
        csrfToken: 'csrf',
        createdAt: '2026-11-23T09:00:00.000Z',
        expiresAt: '2026-11-23T09:30:00.000Z',
        endsAt: '2026-11-23T17:00:00.000Z',
      };
      await ledger.putPortalSession(session);
      await ledger.putPortalSession({ ...session, id: 'session-2' });
      expect(await ledger.getPortalSession('session-1')).to.deep.equal(session);
      await ledger.deletePortalSession('session-1');
      expect(await ledger.getPortalSession('session-1')).to.equal(undefined);
      await ledger.deletePortalSessionsOf(user.name);
      expect(await ledger.getPortalSession('session-2')).to.equal(undefined);
      expect(await ledger.deletePortalUser(user.name)).to.equal(true);
      expect(await ledger.deletePortalUser(user.name)).to.equal(false);
      expect(await ledger.getPortalUser(user.name)).to.equal(undefined);
    });

    it("claims a portal user's daily digest once: only from the last digest time it read", async () => {
      const user: PortalUser = {
        name: 'energie.anna',
        participant: ENERGIE,
        role: 'medewerker',
        passwordHash: '$argon2id$stand-in',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: '2026-11-23T09:00:00.000Z',
        failedLogins: 0,
        email: 'anna@energie.example',
      };
      await ledger.putPortalUser(user);
      const monday = '2026-11-23T06:00:00.000Z';
      const tuesday = '2026-11-24T06:00:00.000Z';
      // Two processes read "never"; the first claim applies, the second finds it taken.
      expect(await ledger.claimPortalDigest(user.name, undefined, monday)).to.equal(true);
      expect(await ledger.claimPortalDigest(user.name, undefined, monday)).to.equal(false);
      expect(await ledger.getPortalUser(user.name)).to.deep.equal({
        ...user,
        lastDigestAt: monday,
      });
      expect(
        await ledger.claimPortalDigest(user.name, '2026-11-22T06:00:00.000Z', tuesday),
      ).to.equal(false);
      expect(await ledger.claimPortalDigest(user.name, monday, tuesday)).to.equal(true);
      // Given back (the mail did not go): to the time before, and to "never".
      expect(await ledger.claimPortalDigest(user.name, tuesday, monday)).to.equal(true);
      expect(await ledger.claimPortalDigest(user.name, monday, undefined)).to.equal(true);
      expect(await ledger.getPortalUser(user.name)).to.deep.equal(user);
      expect(await ledger.claimPortalDigest('nobody', undefined, monday)).to.equal(false);
    });

    it('keeps operators and their sessions, and ends every session of one operator', async () => {
      const operator: Operator = {
        name: 'anna.jansen',
        role: 'admin',
        passwordHash: '$argon2id$stand-in',
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: '2026-11-23T09:00:00.000Z',
        failedLogins: 0,
      };
      await ledger.putOperator(operator);
      await ledger.putOperator({ ...operator, name: 'bart', role: 'viewer' });
      await ledger.putOperator({ ...operator, failedLogins: 2 });
      expect(await ledger.getOperator('anna.jansen')).to.deep.equal({
        ...operator,
        failedLogins: 2,
      });
      expect((await ledger.listOperators()).map((o) => o.name)).to.deep.equal([
        'anna.jansen',
        'bart',
      ]);
      const session = (id: string, name: string): OperatorSession => ({
        id,
        operator: name,
        role: 'admin',
        csrfToken: `csrf-${id}`,
        createdAt: '2026-11-23T09:00:00.000Z',
        expiresAt: '2026-11-23T09:30:00.000Z',
        endsAt: '2026-11-23T17:00:00.000Z',
      });
      for (const [id, name] of [
        ['s1', 'anna.jansen'],
        ['s2', 'anna.jansen'],
        ['s3', 'bart'],
      ] as const) {
        await ledger.putSession(session(id, name));
      }
      expect(await ledger.getSession('s1')).to.deep.equal(session('s1', 'anna.jansen'));
      await ledger.deleteSession('s1');
      expect(await ledger.getSession('s1')).to.equal(undefined);
      await ledger.deleteSessionsOf('anna.jansen');
      expect(await ledger.getSession('s2')).to.equal(undefined);
      expect(await ledger.getSession('s3')).to.deep.equal(session('s3', 'bart'));
      expect(await ledger.deleteOperator('bart')).to.equal(true);
      expect(await ledger.deleteOperator('bart')).to.equal(false);
      expect(await ledger.getOperator('bart')).to.equal(undefined);
    });

    it('changes a login state only of an operator that still has the password hash it was read with', async () => {
      const operator: Operator = {
        name: 'eva',
        role: 'viewer',
        passwordHash: '$argon2id$old',
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: '2026-11-23T09:00:00.000Z',
        failedLogins: 0,
      };
      await ledger.putOperator(operator);
      const locked = { failedLogins: 6, lockedUntil: '2026-11-23T09:01:00.000Z' };
      expect(await ledger.updateLoginState('eva', '$argon2id$old', locked)).to.equal(true);
      expect(await ledger.getOperator('eva')).to.deep.equal({ ...operator, ...locked });
      expect(await ledger.updateLoginState('eva', '$argon2id$old', { failedLogins: 0 })).to.equal(
        true,
      );
      expect(await ledger.getOperator('eva')).to.deep.equal(operator);
      // A password changed meanwhile, or the operator removed: a late write changes nothing.
      await ledger.putOperator({ ...operator, passwordHash: '$argon2id$new' });
      expect(await ledger.updateLoginState('eva', '$argon2id$old', locked)).to.equal(false);
      expect((await ledger.getOperator('eva'))?.passwordHash).to.equal('$argon2id$new');
      await ledger.deleteOperator('eva');
      expect(await ledger.updateLoginState('eva', '$argon2id$new', locked)).to.equal(false);
      expect(await ledger.getOperator('eva')).to.equal(undefined);
    });

    it('lists the AMQP outbox per partition, oldest first, until delivered', async () => {
      const amqp = [0, 1, 2].map((i) =>
        message({
          route: 'amqp',
          partition: i === 2 ? 5 : 3,
          receivedAt: `2026-11-23T09:00:0${i}.000Z`,
        }),
      );
      const rest = message({ route: 'rest', partition: 3 });
      for (const record of [...amqp, rest]) await ledger.insertMessage(record, received(record));
      expect((await ledger.findUndelivered('amqp', [3], 10)).map((r) => r.messageId)).to.deep.equal(
        [amqp[0]?.messageId, amqp[1]?.messageId],
      );
      expect(
        (await ledger.findUndelivered('amqp', [3, 5], 10)).map((r) => r.messageId),
      ).to.have.length(3);
      expect(await ledger.findUndelivered('amqp', [], 10)).to.have.length(0);
      await ledger.updateMessage(amqp[0]?.messageId as string, {
        fromStatus: ['accepted'],
        set: { status: 'delivered', deliveredAt: 'now' },
        event: {
          subject: amqp[0]?.messageId as string,
          type: 'delivered',
          at: '2026-11-23T09:01:00.000Z',
          data: {},
        },
      });
      expect((await ledger.findUndelivered('amqp', [3], 10)).map((r) => r.messageId)).to.deep.equal(
        [amqp[1]?.messageId],
      );
    });

    it('gives a lapsed lease to exactly one of many contenders', async () => {
      const winners = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          ledger.tryLease('relay:7', `hub-${i}`, '2026-01-01T00:00:00Z', '2026-01-01T00:00:30Z'),
        ),
      );
      expect(winners.filter(Boolean)).to.have.length(1);
      const later = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          ledger.tryLease('relay:7', `hub-${i}`, '2026-01-01T00:01:00Z', '2026-01-01T00:01:30Z'),
        ),
      );
      expect(later.filter(Boolean)).to.have.length(1);
    });

    it('gives a lease to one owner at a time until it lapses', async () => {
      expect(
        await ledger.tryLease('sealer', 'hub-a', '2026-01-01T00:00:00Z', '2026-01-01T00:00:30Z'),
      ).to.equal(true);
      expect(
        await ledger.tryLease('sealer', 'hub-b', '2026-01-01T00:00:10Z', '2026-01-01T00:00:40Z'),
      ).to.equal(false);
      expect(
        await ledger.tryLease('sealer', 'hub-a', '2026-01-01T00:00:10Z', '2026-01-01T00:00:40Z'),
      ).to.equal(true);
      expect(
        await ledger.tryLease('sealer', 'hub-b', '2026-01-01T00:00:41Z', '2026-01-01T00:01:10Z'),
      ).to.equal(true);
    });

    describe('one-time claims (client assertions used once by every hub process)', () => {
      const t = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
      const contenders = 12;

      it('gives a claim to exactly one of many concurrent claimants and refuses it while it lives', async () => {
        const key = `00000001001234560000 ${randomUUID()}`;
        const winners = await Promise.all(
          Array.from({ length: contenders }, () => ledger.claimOnce(key, t(0), t(30))),
        );
        expect(winners.filter(Boolean)).to.have.length(1);
        expect(await ledger.claimOnce(key, t(29), t(59))).to.equal(false);
        // Another key is its own.
        expect(await ledger.claimOnce(`${key}-2`, t(29), t(59))).to.equal(true);
      });

      it('takes an expired claim again, for exactly one of many concurrent claimants', async () => {
        const key = 'expires';
        expect(await ledger.claimOnce(key, t(0), t(30))).to.equal(true);
        const winners = await Promise.all(
          Array.from({ length: contenders }, () => ledger.claimOnce(key, t(30), t(60))),
        );
        expect(winners.filter(Boolean)).to.have.length(1);
        expect(await ledger.claimOnce(key, t(59), t(90))).to.equal(false);
        expect(await ledger.claimOnce(key, t(60), t(90))).to.equal(true);
      });

      it('sweeps expired claims only, and a swept key can be claimed again', async () => {
        expect(await ledger.claimOnce('short', t(0), t(10))).to.equal(true);
        expect(await ledger.claimOnce('long', t(0), t(100))).to.equal(true);
        expect(await ledger.sweepClaims(t(50), 500)).to.equal(1);
        expect(await ledger.sweepClaims(t(50), 500)).to.equal(0);
        expect(await ledger.claimOnce('long', t(50), t(80))).to.equal(false);
        expect(await ledger.claimOnce('short', t(50), t(80))).to.equal(true);
      });

      it('leaves one holder of an expired claim when a sweep and claimants meet', async () => {
        expect(await ledger.claimOnce('raced', t(0), t(10))).to.equal(true);
        const [swept, ...claims] = await Promise.all([
          ledger.sweepClaims(t(20), 500),
          ...Array.from({ length: contenders }, () => ledger.claimOnce('raced', t(20), t(90))),
        ]);
        const winners = claims.filter(Boolean).length;
        expect(winners).to.be.at.most(1);
        // Either a claimant took it (and holds it), or the sweep forgot it and it is free.
        const later = await ledger.claimOnce('raced', t(21), t(90));
        expect(winners + (later ? 1 : 0)).to.equal(1, `swept ${String(swept)}, ${winners} won`);
      });
    });

    it('lists the events from a moment on, by time then id (the live flow)', async () => {
      const at = (minute: number): string =>
        `2026-11-23T09:${String(minute).padStart(2, '0')}:00.000Z`;
      const records = [3, 1, 2].map((minute) => message({ receivedAt: at(minute) }));
      for (const record of records) await ledger.insertMessage(record, received(record));
      const [third, first] = records as [MessageRecord, MessageRecord, MessageRecord];
      await ledger.updateMessage(first.messageId, {
        fromStatus: ['accepted'],
        set: { status: 'delivered', deliveredAt: at(4) },
        event: { subject: first.messageId, type: 'delivered', at: at(4), data: {} },
      });
      const since = await ledger.eventsSince(at(2), 10);
      expect(since.map((event) => [event.at, event.type])).to.deep.equal([
        [at(2), 'received'],
        [at(3), 'received'],
        [at(4), 'delivered'],
      ]);
      expect(since[1]?.subject).to.equal(third.messageId);
      expect(await ledger.eventsSince(at(0), 2)).to.have.length(2);
      expect(await ledger.eventsSince(at(5), 10)).to.deep.equal([]);
    });

    it('lists the live leases under a prefix, each with its current holder', async () => {
      const t = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
      await ledger.tryLease('relay-member:a', 'a', t(0), t(30));
      await ledger.tryLease('relay-member:b', 'b', t(0), t(10));
      await ledger.tryLease('relay:3', 'a', t(0), t(30));
      // Lapsed at 20 s and taken over by b: b holds it now.
      await ledger.tryLease('relay:4', 'a', t(0), t(20));
      expect(await ledger.tryLease('relay:4', 'b', t(21), t(50))).to.equal(true);
      // Given back by its holder: not live.
      await ledger.tryLease('relay:5', 'a', t(0), t(30));
      await ledger.tryLease('relay:5', 'a', t(5), t(5));

      const members = await ledger.liveLeases('relay-member:', t(15));
      expect(members.map(({ name, owner }) => ({ name, owner }))).to.deep.equal([
        { name: 'relay-member:a', owner: 'a' },
      ]);
      const partitions = await ledger.liveLeases('relay:', t(22));
      expect(partitions).to.deep.equal([
        { name: 'relay:3', owner: 'a', until: t(30) },
        { name: 'relay:4', owner: 'b', until: t(50) },
      ]);
    });

    describe('tamper evidence', () => {
      async function populated(): Promise<MessageRecord[]> {
        const records = Array.from({ length: 6 }, () => message());
        for (const record of records) {
          await ledger.insertMessage(record, received(record));
          const at = new Date(record.receivedAt);
          await ledger.updateMessage(record.messageId, delivery(record.messageId, at, 'rest'));
          await ledger.updateMessage(
            record.messageId,
            pickup(record.messageId, ENERGIE, at, 7, 'rest'),
          );
        }
        const clock = new ManualClock();
        expect(await sealPending(ledger, { owner: 'test', clock, batchSize: 7 })).to.equal(18);
        return records;
      }

      it('verifies an untouched ledger, sealed in Merkle batches', async () => {
        await populated();
        const report = await verifyChain(ledger);
        expect(report.problems).to.deep.equal([]);
        expect(report).to.include({ ok: true, events: 18, seals: 3, unsealed: 0 });
      });

      it('detects an edited event', async () => {
        const [record] = await populated();
        await under.tamper.editEventData(`${record?.messageId}#1`, { via: 'amqp' });
        const report = await verifyChain(ledger);
        expect(report.ok).to.equal(false);
        expect(report.problems.map((p) => p.kind)).to.include('event-hash');
      });

      it('detects a deleted event, in the middle and at the end of a chain', async () => {
        const [first, second] = await populated();
        await under.tamper.deleteEvent(`${first?.messageId}#1`);
        await under.tamper.deleteEvent(`${second?.messageId}#2`);
        const kinds = (await verifyChain(ledger)).problems.map((p) => p.kind);
        expect(kinds).to.include('chain-gap');
        expect(kinds.filter((kind) => kind === 'seal-missing-event')).to.have.length(2);
      });

      it('detects a message document edited in the database: payload, recipient, status', async () => {
        const [payload, recipient, status, times] = await populated();
        await under.tamper.editMessage(payload?.messageId as string, {
          payload: { ...payload?.payload, toelichting: 'anders' },
        });
        await under.tamper.editMessage(recipient?.messageId as string, {
          recipient: '00000003999999990000',
        });
        await under.tamper.editMessage(status?.messageId as string, { status: 'accepted' });
        await under.tamper.editMessage(times?.messageId as string, {
          pickedUpAt: '2020-01-01T00:00:00.000Z',
        });
        const report = await verifyChain(ledger);
        expect(report.ok).to.equal(false);
        expect(report.messages).to.equal(6);
        const found = report.problems.map((p) => `${p.kind} ${p.where}`);
        expect(found).to.include(`message-payload message ${payload?.messageId}`);
        for (const record of [recipient, status, times]) {
          expect(found).to.include(`message-record message ${record?.messageId}`);
        }
        // Only those four: the event chains and seals are intact.
        expect(new Set(report.problems.map((p) => p.where)).size).to.equal(4);
      });

      describe('the participant registry against its chained history', () => {
        const at = new Date('2026-11-23T09:00:00.000Z');
        const pki = createTestPki({ at });
        const belastingdienst = pki.participant(OIN.belastingdienst, 'Belastingdienst');
        const energie = [1, 2].map(() => pki.participant(OIN.energie, 'Energie Direct'));
        const pemOf = (index: number) => energie[index]?.issued.certificatePem as string;
        let registry: ParticipantRegistry;

        /** Energie with two certificates, the second revoked; the Belastingdienst untouched. */
        async function registered(): Promise<Participant> {
          registry = new ParticipantRegistry(ledger, { clock: new ManualClock(at) });
          await registry.add({
            oin: OIN.belastingdienst,
            name: 'Belastingdienst',
            kind: 'schuldeiser',
            publicBody: true,
            preferent: true,
            certificatePems: [belastingdienst.issued.certificatePem],
          });
          await registry.add({
            oin: OIN.energie,
            name: 'Energie Direct',
            kind: 'schuldeiser',
            certificatePems: [pemOf(0), pemOf(1)],
          });
          const added = (await registry.get(OIN.energie)) as Participant;
          return registry.revokeCertificate(
            OIN.energie,
            added.certificates[1]?.thumbprint as string,
          );
        }

        async function problemsOf(): Promise<string[]> {
          const report = await verifyChain(ledger);
          return report.problems.map((p) => `${p.kind} ${p.where}`);
        }

        it('verifies a registry whose every entry equals the last record of its history', async () => {
          await registered();
          const report = await verifyChain(ledger);
          expect(report.problems).to.deep.equal([]);
          expect(report).to.include({ ok: true, participants: 2, participantsBehind: 0 });
          // Every change chained the whole record: kind, modules, flags, certificates, status.
          const history = await ledger.listEvents(`participant:${OIN.energie}`);
          expect(history.map((event) => event.data['change'])).to.deep.equal([
            'added',
            'certificate-revoked',
          ]);
          expect(history[1]?.data['record']).to.deep.include({
            publicBody: false,
            transport: 'rest',
          });
        });

        const edits: [string, (participant: Participant) => Record<string, unknown>][] = [
          ['made a public body (so that it receives BSNs)', () => ({ publicBody: true })],
          ['made preferent', () => ({ preferent: true })],
          ['given another kind', () => ({ kind: 'kredietbank' })],
          ['given fewer modules', () => ({ modules: [] })],
          ['switched to AMQP delivery', () => ({ transport: 'amqp' })],
          ['suspended or reactivated', () => ({ status: 'suspended' })],
          [
            'a revoked certificate made active again',
            (p) => ({ certificates: p.certificates.map((c) => ({ ...c, status: 'active' })) }),
          ],
          [
            'a certificate of another participant added',
            (p) => ({
              certificates: [
                ...p.certificates,
                {
                  ...p.certificates[0],
                  thumbprint: 'another-participants-thumbprint',
                  certificatePem: belastingdienst.issued.certificatePem,
                },
              ],
            }),
          ],
          [
            'a certificate swapped under its thumbprint',
            (p) => ({
              certificates: p.certificates.map((c, index) =>
                index === 0 ? { ...c, certificatePem: belastingdienst.issued.certificatePem } : c,
              ),
            }),
          ],
        ];
        for (const [what, edit] of edits) {
          it(`finds an entry ${what} in the database, and the hub refuses to act on it`, async () => {
            const participant = await registered();
            await under.tamper.editParticipant(OIN.energie, edit(participant));
            expect(await problemsOf()).to.deep.equal([
              `participant-record participant:${OIN.energie}`,
            ]);
            registry.clearCache();
            const refused = await registry.get(OIN.energie).then(
              () => undefined,
              (error: { code?: string }) => error.code,
            );
            expect(refused).to.equal('PARTICIPANT_UNVERIFIED');
            const byCertificate = await registry
              .byThumbprint(participant.certificates[0]?.thumbprint as string)
              .then(
                () => undefined,
                (error: { code?: string }) => error.code,
              );
            expect(byCertificate).to.equal('PARTICIPANT_UNVERIFIED');
            // The other participant is not affected.
            expect((await registry.get(OIN.belastingdienst))?.publicBody).to.equal(true);
          });
        }

        it('finds an entry deleted from the database, and one added without history', async () => {
          await registered();
          await under.tamper.deleteParticipant(OIN.energie);
          await ledger.putParticipant({
            ...((await registry.get(OIN.belastingdienst)) as Participant),
            oin: OIN.gemeente,
          });
          expect((await problemsOf()).sort()).to.deep.equal([
            `participant-record participant:${OIN.gemeente}`,
            `participant-record participant:${OIN.energie}`,
          ]);
          registry.clearCache();
          for (const oin of [OIN.energie, OIN.gemeente]) {
            const refused = await registry.get(oin).then(
              () => undefined,
              (error: { code?: string }) => error.code,
            );
            expect(refused, oin).to.equal('PARTICIPANT_UNVERIFIED');
          }
          // A restart does not make the entry without history legitimate.
          expect(await registry.anchorUnrecorded()).to.deep.equal([]);
          expect(await problemsOf()).to.include(`participant-record participant:${OIN.gemeente}`);
          // Listed: neither the deleted entry nor the one without history.
          expect((await registry.list()).map((p) => p.oin)).to.deep.equal([OIN.belastingdienst]);
        });

        it('lists and publishes a participant as its history says, not as edited: a suspension stays', async () => {
          await registered();
          await registry.setStatus(OIN.energie, 'suspended');
          await under.tamper.editParticipant(OIN.energie, { status: 'active' });
          expect((await registry.directory()).map((entry) => entry.oin)).to.deep.equal([
            OIN.belastingdienst,
          ]);
          const listed = await registry.list();
          expect(listed.find((p) => p.oin === OIN.energie)?.status).to.equal('suspended');
        });

        it('shows operators which entry differs, and restores it from its history', async () => {
          const participant = await registered();
          await under.tamper.editParticipant(OIN.energie, { publicBody: true });
          const listed = await registry.listWithHistory();
          expect(listed.map((entry) => [entry.participant.oin, entry.history])).to.deep.equal([
            [OIN.belastingdienst, { state: 'ok' }],
            [
              OIN.energie,
              {
                state: 'differs',
                detail: 'publicBody differs from its history',
                fields: ['publicBody'],
              },
            ],
          ]);
          const restored = await registry.restoreFromHistory(OIN.energie, 'operator-1');
          expect({ ...restored, updatedAt: participant.updatedAt }).to.deep.equal(participant);
          expect(await verifyChain(ledger)).to.include({ ok: true });
          expect((await registry.get(OIN.energie))?.publicBody).to.equal(false);
          const [last] = (await ledger.listEvents(`participant:${OIN.energie}`)).slice(-1);
          expect(last).to.deep.include({ actor: 'operator-1' });
          expect(last?.data['change']).to.equal('restored-from-history');
        });

        it('starts a change from the history, not from an edited entry: suspending writes over the edit', async () => {
          await registered();
          await under.tamper.editParticipant(OIN.energie, { publicBody: true, preferent: true });
          const suspended = await registry.setStatus(OIN.energie, 'suspended', 'operator-1');
          expect(suspended).to.include({
            status: 'suspended',
            publicBody: false,
            preferent: false,
          });
          expect(await verifyChain(ledger)).to.include({ ok: true });
        });

        it('brings an entry behind its history up to date (a crash between the two writes)', async () => {
          const participant = await registered();
          // The state before the revocation: what a crash after chaining it leaves.
          const before = (await ledger.listEvents(`participant:${OIN.energie}`))[0]?.data[
            'record'
          ] as Participant;
          await ledger.putParticipant(before);
          const report = await verifyChain(ledger);
          expect(report).to.include({ ok: true, participantsBehind: 1 });
          registry.clearCache();
          expect(await registry.get(OIN.energie)).to.deep.equal(participant);
          expect(await ledger.getParticipant(OIN.energie)).to.deep.equal(participant);
          expect(await verifyChain(ledger)).to.include({ ok: true, participantsBehind: 0 });
        });

        it('acts on the history when an entry is rolled back to an earlier point of it: a revocation stays', async () => {
          const participant = await registered();
          const [added] = await ledger.listEvents(`participant:${OIN.energie}`);
          await under.tamper.editParticipant(OIN.energie, {
            certificates: (added?.data['record'] as Participant).certificates,
          });
          // Indistinguishable from a crash between the two writes: counted, and repaired.
          expect(await verifyChain(ledger)).to.include({ ok: true, participantsBehind: 1 });
          registry.clearCache();
          const revoked = participant.certificates[1]?.thumbprint as string;
          expect((await registry.byThumbprint(revoked))?.status).to.equal('revoked');
          expect(await ledger.getParticipant(OIN.energie)).to.deep.equal(participant);
        });

        it('anchors the history of an entry written before histories held records', async () => {
          const participant = await registered();
          const legacy = {
            ...participant,
            oin: OIN.gemeente,
            kind: 'schuldhulpverlener-fase-1' as const,
          };
          await ledger.putParticipant(legacy);
          await ledger.appendEvent({
            subject: `participant:${OIN.gemeente}`,
            type: 'participant-changed',
            at: at.toISOString(),
            data: { change: 'added', status: 'active', kind: 'schuldhulpverlener-fase-1' },
          });
          expect(await problemsOf()).to.deep.equal([
            `participant-record participant:${OIN.gemeente}`,
          ]);
          expect(await registry.anchorUnrecorded()).to.deep.equal([OIN.gemeente]);
          expect(await registry.anchorUnrecorded()).to.deep.equal([]);
          expect(await problemsOf()).to.deep.equal([]);
          expect(await registry.get(OIN.gemeente)).to.deep.equal(legacy);
        });
      });

      it('detects reordered events', async () => {
        const [record] = await populated();
        await under.tamper.swapEvents(`${record?.messageId}#1`, `${record?.messageId}#2`);
        const report = await verifyChain(ledger);
        expect(report.ok).to.equal(false);
        expect(report.problems.map((p) => p.kind)).to.satisfy((kinds: string[]) =>
          kinds.some((k) => ['chain-link', 'event-id', 'event-hash', 'seal-root'].includes(k)),
        );
      });
    });
  });
}
