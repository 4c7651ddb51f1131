import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import type { MailboxItem } from '@knooppunt/standard';
import { kennisgeving, saldoverzoek } from './rest_world.ts';

describe('REST transport: mailbox and conversations', () => {
  let testHub: TestHub;
  let gemeente: RestClient;

  before(async () => {
    testHub = await startTestHub();
    gemeente = testHub.client('gemeente');
  });
  after(() => testHub.stop());

  async function submitAll(client: RestClient, messages: readonly unknown[]): Promise<void> {
    for (const message of messages) expect((await client.submit(message)).status).to.equal(201);
  }

  describe('GET /v1/mailbox', () => {
    let creditor: RestClient;
    let ids: string[];
    let kennisgevingId: string;

    before(async () => {
      creditor = testHub.client('gemeentebelastingen');
      const fromGemeente = [1, 2, 3].map(() =>
        saldoverzoek(testHub, 'gemeente', 'gemeentebelastingen'),
      );
      const notice = kennisgeving(testHub, 'gemeente', 'gemeentebelastingen');
      const fromKredietbank = saldoverzoek(testHub, 'kredietbank', 'gemeentebelastingen');
      await submitAll(gemeente, [...fromGemeente, notice]);
      await submitAll(testHub.client('kredietbank'), [fromKredietbank]);
      kennisgevingId = notice.envelope.messageId;
      ids = [...fromGemeente, notice, fromKredietbank].map((m) => m.envelope.messageId);
    });

    it('pages through the own mailbox with an opaque cursor, oldest first, metadata only', async () => {
      const seen: MailboxItem[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await creditor.mailbox({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(response.status).to.equal(200);
        expect(response.body.items.length).to.be.at.most(2);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      expect(pages).to.equal(3);
      expect(seen.map((item) => item.messageId)).to.have.members(ids);
      const order = seen.map((item) => `${item.receivedAt} ${item.messageId}`);
      expect(order).to.deep.equal([...order].sort());
      for (const item of seen) {
        expect(item.recipient).to.equal(devOin('gemeentebelastingen'));
        expect(item).not.to.have.property('payload');
      }
    });

    it('filters by module and by message type', async () => {
      const byModule = await creditor.mailbox({ module: 'schuldregeling' });
      expect(byModule.body.items.map((item) => item.messageId)).to.deep.equal([kennisgevingId]);
      const byType = await creditor.mailbox({ messageType: 'saldoverzoek' });
      expect(byType.body.items).to.have.length(4);
      expect(byType.body.nextCursor).to.equal(undefined);
    });

    it('drops a message from the mailbox once it is acknowledged', async () => {
      const [first] = ids as [string];
      expect((await creditor.ack(first)).status).to.equal(200);
      const response = await creditor.mailbox({ limit: 500 });
      expect(response.body.items.map((item) => item.messageId)).not.to.include(first);
      expect(response.body.items).to.have.length(ids.length - 1);
    });

    it('never shows another participant’s mailbox: recipient=<someone else> is 403 FORBIDDEN', async () => {
      const other = await gemeente.mailbox({ recipient: devOin('gemeentebelastingen') });
      expect(other.status).to.equal(403);
      expect(problemOf(other).code).to.equal('FORBIDDEN');
      const own = await gemeente.mailbox({ recipient: devOin('gemeente') });
      expect(own.status).to.equal(200);
      expect(own.body.items.map((item) => item.messageId)).not.to.include.members(ids);
    });

    it('answers bad parameters with 400 USAGE_INVALID', async () => {
      const queries: Record<string, string | number>[] = [
        { limit: 0 },
        { limit: 501 },
        { limit: 'ten' },
        { module: 'astrologie' },
        { messageType: 'liefdesbrief' },
        { cursor: 'not-a-cursor' },
      ];
      for (const query of queries) {
        const response = await creditor.mailbox(query);
        expect(response.status, JSON.stringify(query)).to.equal(400);
        expect(problemOf(response).code).to.equal('USAGE_INVALID');
      }
    });
  });

  describe('POST /v1/mailbox/ack', () => {
    it('acknowledges a page of messages in one request, an outcome per message in the order asked', async () => {
      const creditor = testHub.client('energie');
      const messages = [1, 2, 3].map(() => saldoverzoek(testHub, 'gemeente', 'energie'));
      await submitAll(gemeente, messages);
      const [first, second, third] = messages.map((m) => m.envelope.messageId) as [
        string,
        string,
        string,
      ];
      const before = await creditor.ack(first);
      const response = await creditor.ackAll([second, first, third.toUpperCase()]);
      expect(response.status).to.equal(200);
      expect(response.body.items.map((item) => [item.messageId, item.status])).to.deep.equal([
        [second, 'picked-up'],
        [first, 'picked-up'],
        [third, 'picked-up'],
      ]);
      // Idempotent: the one picked up before keeps its first pickup.
      expect(response.body.items[1]).to.deep.include({ pickedUpAt: before.body.pickedUpAt });
      const left = await creditor.mailbox({ limit: 500 });
      expect(left.body.items.map((item) => item.messageId)).not.to.include.members([
        first,
        second,
        third,
      ]);
      for (const id of [first, second, third]) {
        const timeline = (await creditor.status(id)).body.timeline.map((entry) => entry.type);
        expect(timeline.filter((type) => type === 'picked-up')).to.have.length(1);
      }
    });

    it('answers each message it cannot pick up with that message’s own problem, and picks up the rest', async () => {
      const creditor = testHub.client('telecom');
      const mine = saldoverzoek(testHub, 'gemeente', 'telecom');
      const someoneElses = saldoverzoek(testHub, 'gemeente', 'waterbedrijf');
      await submitAll(gemeente, [mine, someoneElses]);
      const unknown = randomUUID();
      const response = await creditor.ackAll([
        unknown,
        someoneElses.envelope.messageId,
        mine.envelope.messageId,
      ]);
      expect(response.status).to.equal(200);
      const [notFound, forbidden, pickedUp] = response.body.items;
      expect(notFound).to.deep.include({ messageId: unknown, status: 'failed' });
      expect(notFound).to.have.nested.property('problem.status', 404);
      expect(notFound).to.have.nested.property('problem.code', 'MESSAGE_NOT_FOUND');
      expect(forbidden).to.have.nested.property('problem.status', 403);
      expect(forbidden).to.have.nested.property('problem.code', 'FORBIDDEN');
      expect(pickedUp).to.deep.include({ messageId: mine.envelope.messageId, status: 'picked-up' });
      // The other recipient's message still waits for it.
      const theirs = await testHub.hub.ledger.getMessage(someoneElses.envelope.messageId);
      expect(theirs?.status).to.equal('accepted');
    });

    it('fails the request on an unexpected error once the acknowledgements under way settled, beginning none after it', async () => {
      const creditor = testHub.client('waterbedrijf');
      // More than the 32 acknowledgements at work at once: the last two begin only as others end.
      const messages = Array.from({ length: 34 }, () =>
        saldoverzoek(testHub, 'gemeente', 'waterbedrijf'),
      );
      await submitAll(gemeente, messages);
      const ids = messages.map((m) => m.envelope.messageId);
      const ledger = testHub.hub.ledger;
      const read = ledger.getMessageSummary;
      ledger.getMessageSummary = async (id: string) => {
        if (id === ids[0]) throw new TypeError('a defect, not a hub error');
        // Still at work when the first one fails.
        if (id === ids[1]) await new Promise((resolve) => setTimeout(resolve, 300));
        return read.call(ledger, id);
      };
      try {
        const response = await creditor.ackAll(ids);
        expect(response.status).to.equal(500);
        expect(problemOf(response).code).to.equal('INTERNAL');
        // Answered after the slow one settled, not while it was still at work …
        expect((await ledger.getMessage(ids[1] as string))?.status).to.equal('picked-up');
        // … and none begun after the failure, even a moment later.
        await new Promise((resolve) => setTimeout(resolve, 300));
        for (const id of ids.slice(32)) {
          expect((await ledger.getMessage(id))?.status).to.equal('accepted');
        }
      } finally {
        ledger.getMessageSummary = read;
      }
    });

    it('answers a body that is not a list of 1 to 500 message ids with 400 USAGE_INVALID', async () => {
      const creditor = testHub.client('telecom');
      const bodies: unknown[] = [
        {},
        [],
        { messageIds: [] },
        { messageIds: 'not-a-list' },
        { messageIds: ['not-a-uuid'] },
        { messageIds: [42] },
        { messageIds: Array.from({ length: 501 }, () => randomUUID()) },
      ];
      for (const body of bodies) {
        const response = await creditor.ackAll([], body);
        expect(response.status, JSON.stringify(body).slice(0, 80)).to.equal(400);
        expect(problemOf(response).code).to.equal('USAGE_INVALID');
      }
    });
  });

  describe('GET /v1/conversations/{id}', () => {
    const conversationId = randomUUID();

    before(async () => {
      await submitAll(gemeente, [
        saldoverzoek(testHub, 'gemeente', 'energie', { conversationId }),
        saldoverzoek(testHub, 'gemeente', 'telecom', { conversationId }),
      ]);
    });

    it('shows the owner every message of its conversation', async () => {
      const response = await gemeente.conversation(conversationId);
      expect(response.status).to.equal(200);
      expect(response.body).to.include({
        conversationId,
        owner: devOin('gemeente'),
        status: 'open',
      });
      expect(response.body.messages.map((m) => m.recipient)).to.have.members([
        devOin('energie'),
        devOin('telecom'),
      ]);
    });

    it('shows each creditor only its own messages, never another creditor’s', async () => {
      for (const handle of ['energie', 'telecom']) {
        const response = await testHub.client(handle).conversation(conversationId);
        expect(response.status).to.equal(200);
        expect(response.body.messages.map((m) => m.recipient)).to.deep.equal([devOin(handle)]);
      }
    });

    it('forbids a participant with no message in it (403) and answers an unknown id with 404', async () => {
      const outsider = await testHub.client('cjib').conversation(conversationId);
      expect(outsider.status).to.equal(403);
      expect(problemOf(outsider).code).to.equal('FORBIDDEN');
      const unknown = await gemeente.conversation(randomUUID());
      expect(unknown.status).to.equal(404);
      expect(problemOf(unknown).code).to.equal('CONVERSATION_UNKNOWN');
    });
  });
});
