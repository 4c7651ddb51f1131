/**
 * `GET /v1/log`, a participant's own message log, against a live hub on each ledger (SQLite,
 * and MongoDB when a server is up): the gemeente sees what it sent and received — by every
 * filter, newest first, paged — and never a message between others, not even by its id; and
 * (`GET /v1/log/rejections`) the submissions the hub refused it, with their reasons, never
 * another's. Bad parameters are 400 USAGE_INVALID. Every answer is checked against the served
 * OpenAPI document by the test client.
 */
import { expect } from 'chai';
import type { LogPage, RejectionPage } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient, RestResponse } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { kennisgeving, saldoverzoek } from './rest_world.ts';

for (const ledger of ['sqlite', 'mongodb'] as const) {
  describe(`REST transport: a participant’s own message log (GET /v1/log), ${ledger} ledger`, function () {
    this.timeout(30_000);
    let testHub: TestHub;
    let gemeente: RestClient;
    /** gemeente → energie, fetched and picked up. */
    let question: string;
    /** energie → gemeente in reply, fetched, not picked up. */
    let reply: string;
    /** gemeente → gemeentebelastingen, neither fetched nor picked up. */
    let notice: string;
    /** kredietbank → energie: none of the gemeente's business. */
    let others: string;
    let conversationId: string;
    let replyReceivedAt: string;
    /** A saldoverzoek the hub refused the gemeente, and one it refused the energy company. */
    let refusedId: string;
    let theirRefusedId: string;

    const log = (client: RestClient, query: Readonly<Record<string, string | number>> = {}) => {
      const search = new URLSearchParams(
        Object.entries(query).map(([name, value]) => [name, String(value)]),
      ).toString();
      return client.raw<LogPage>('GET', `/v1/log${search === '' ? '' : `?${search}`}`);
    };
    const ids = async (query: Readonly<Record<string, string | number>>, client = gemeente) => {
      const response = await log(client, query);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body.items.map((item) => item.messageId);
    };

    before(async function () {
      if (ledger === 'mongodb') {
        requirePrecondition(
          this,
          await mongoAvailable(),
          `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
        );
      }
      testHub = await startTestHub({ ledger });
      gemeente = testHub.client('gemeente');
      const energie = testHub.client('energie');
      const submit = async (client: RestClient, message: unknown) => {
        const response = await client.submit(message);
        expect(response.status, JSON.stringify(response.body)).to.equal(201);
        return response.body;
      };
      const asked = saldoverzoek(testHub, 'gemeente', 'energie');
      question = asked.envelope.messageId;
      conversationId = asked.envelope.conversationId;
      await submit(gemeente, asked);
      expect((await energie.fetchMessage(question)).status).to.equal(200);
      expect((await energie.ack(question)).status).to.equal(200);
      const answered = saldoverzoek(testHub, 'energie', 'gemeente', {
        messageType: 'saldoverzoek-antwoord',
        payload: examplePayload('saldoverzoek-antwoord', 'client-onbekend'),
        conversationId,
        inReplyTo: question,
      });
      reply = answered.envelope.messageId;
      replyReceivedAt = (await submit(energie, answered)).receivedAt;
      expect((await gemeente.fetchMessage(reply)).status).to.equal(200);
      const told = kennisgeving(testHub, 'gemeente', 'gemeentebelastingen');
      notice = told.envelope.messageId;
      await submit(gemeente, told);
      const elsewhere = saldoverzoek(testHub, 'kredietbank', 'energie');
      others = elsewhere.envelope.messageId;
      await submit(testHub.client('kredietbank'), elsewhere);
      // Refused: no message at all, then a saldoverzoek without its payload's required fields;
      // and one refused to the energy company.
      expect((await gemeente.submit([1, 2, 3])).status).to.be.within(400, 499);
      const broken = saldoverzoek(testHub, 'gemeente', 'energie', { payload: {} });
      refusedId = broken.envelope.messageId;
      expect((await gemeente.submit(broken)).status).to.equal(422);
      const theirs = saldoverzoek(testHub, 'energie', 'gemeente', { payload: {} });
      expect((await energie.submit(theirs)).status).to.equal(422);
      theirRefusedId = theirs.envelope.messageId;
    });
    after(() => testHub?.stop());

    it('lists what the participant sent and received, newest first, with the other party and the state — metadata only', async () => {
      const response = await log(gemeente);
      expect(response.status).to.equal(200);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const { items } = response.body;
      expect(items.map((item) => item.messageId)).to.deep.equal([notice, reply, question]);
      const [sentNotice, received, sentQuestion] = items;
      expect(sentNotice).to.include({
        direction: 'sent',
        counterparty: devOin('gemeentebelastingen'),
        fetched: false,
        pickedUp: false,
        status: 'accepted',
      });
      expect(received).to.include({
        direction: 'received',
        counterparty: devOin('energie'),
        inReplyTo: question,
        fetched: true,
        pickedUp: false,
        status: 'delivered',
      });
      expect(received?.deliveredAt).to.be.a('string');
      expect(sentQuestion).to.include({ direction: 'sent', fetched: true, pickedUp: true });
      expect(sentQuestion?.pickedUpAt).to.be.a('string');
      for (const item of items) {
        expect(item).not.to.have.property('payload');
        expect(item).not.to.have.property('receipt');
      }
    });

    it('never shows a message between others, not even by its id, and each party sees only its own', async () => {
      expect(await ids({})).not.to.include(others);
      expect(await ids({ messageId: others })).to.deep.equal([]);
      expect(await ids({ counterparty: devOin('kredietbank') })).to.deep.equal([]);
      expect(await ids({}, testHub.client('energie'))).to.deep.equal([others, reply, question]);
      expect(await ids({}, testHub.client('gemeentebelastingen'))).to.deep.equal([notice]);
      expect(await ids({}, testHub.client('kredietbank'))).to.deep.equal([others]);
    });

    it('finds messages by reference, conversation, in-reply-to, counterparty and direction', async () => {
      expect(await ids({ messageId: reply })).to.deep.equal([reply]);
      expect(await ids({ messageId: reply.toUpperCase() }), 'ids in any case').to.deep.equal([
        reply,
      ]);
      expect(await ids({ conversationId })).to.deep.equal([reply, question]);
      expect(await ids({ inReplyTo: question })).to.deep.equal([reply]);
      expect(await ids({ counterparty: devOin('energie') })).to.deep.equal([reply, question]);
      expect(await ids({ counterparty: devOin('gemeentebelastingen') })).to.deep.equal([notice]);
      expect(await ids({ direction: 'sent' })).to.deep.equal([notice, question]);
      expect(await ids({ direction: 'received' })).to.deep.equal([reply]);
      expect(await ids({ direction: 'received', counterparty: devOin('energie') })).to.deep.equal([
        reply,
      ]);
    });

    it("finds the exchange with the counterparties of one role (the registry's; the Schuldenknooppunt's Organisatietype)", async () => {
      const energie = testHub.client('energie');
      expect(await ids({ counterpartyRole: 'schuldeiser' })).to.deep.equal([
        notice,
        reply,
        question,
      ]);
      expect(await ids({ counterpartyRole: 'schuldhulpverlener' })).to.deep.equal([]);
      expect(await ids({ counterpartyRole: 'schuldhulpverlener' }, energie)).to.deep.equal([
        reply,
        question,
      ]);
      expect(await ids({ counterpartyRole: 'kredietbank' }, energie)).to.deep.equal([others]);
      expect(
        await ids({ counterpartyRole: 'schuldhulpverlener,kredietbank,bewindvoerder' }, energie),
        'any of several: the SKP’s SHV',
      ).to.deep.equal([others, reply, question]);
      expect(
        await ids({ counterpartyRole: 'schuldhulpverlener', direction: 'received' }, energie),
      ).to.deep.equal([question]);
      expect(
        await ids(
          { counterpartyRole: 'schuldhulpverlener', counterparty: devOin('kredietbank') },
          energie,
        ),
        'both must match',
      ).to.deep.equal([]);
    });

    it('filters by module, type, version, status and the period the hub received them in', async () => {
      expect(await ids({ module: 'schuldregeling' })).to.deep.equal([notice]);
      expect(await ids({ messageType: 'saldoverzoek-antwoord' })).to.deep.equal([reply]);
      expect(await ids({ version: '2.0' })).to.deep.equal([notice, reply, question]);
      expect(await ids({ version: '2.1' })).to.deep.equal([]);
      expect(await ids({ status: 'picked-up' })).to.deep.equal([question]);
      expect(await ids({ status: 'accepted' })).to.deep.equal([notice]);
      expect(await ids({ from: replyReceivedAt })).to.deep.equal([notice, reply]);
      expect(await ids({ to: replyReceivedAt })).to.deep.equal([question]);
      const later = new Date(Date.parse(replyReceivedAt) + 1).toISOString();
      expect(await ids({ from: replyReceivedAt, to: later })).to.deep.equal([reply]);
    });

    it('filters by fetched and picked up', async () => {
      expect(await ids({ fetched: 'true' })).to.deep.equal([reply, question]);
      expect(await ids({ fetched: 'false' })).to.deep.equal([notice]);
      expect(await ids({ pickedUp: 'true' })).to.deep.equal([question]);
      expect(await ids({ pickedUp: 'false' })).to.deep.equal([notice, reply]);
      expect(await ids({ fetched: 'true', pickedUp: 'false' })).to.deep.equal([reply]);
    });

    it('pages with an opaque cursor: every message once, in order', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await log(gemeente, { limit: 1, ...(cursor ? { cursor } : {}) });
        expect(response.status).to.equal(200);
        expect(response.body.items.length).to.be.at.most(1);
        seen.push(...response.body.items.map((item) => item.messageId));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      expect(seen).to.deep.equal([notice, reply, question]);
      expect(pages).to.equal(3);
    });

    it('answers bad parameters with 400 USAGE_INVALID naming the parameter', async () => {
      const bad: [Record<string, string | number>, RegExp][] = [
        [{ limit: 0 }, /limit/],
        [{ limit: 201 }, /limit/],
        [{ messageId: 'not-a-uuid' }, /messageId/],
        [{ conversationId: '42' }, /conversationId/],
        [{ inReplyTo: 'x' }, /inReplyTo/],
        [{ counterparty: '123' }, /counterparty/],
        [{ counterpartyRole: 'SE' }, /counterpartyRole must be one of schuldhulpverlener/],
        [{ counterpartyRole: 'schuldeiser,' }, /not ''/],
        [{ direction: 'up' }, /direction/],
        [{ module: 'nope' }, /module/],
        [{ messageType: 'nope' }, /messageType/],
        [{ version: 'two' }, /version/],
        [{ status: 'lost' }, /status/],
        [{ from: 'yesterday' }, /from/],
        [{ from: replyReceivedAt, to: replyReceivedAt }, /from must lie before to/],
        [{ fetched: 'yes' }, /fetched/],
        [{ pickedUp: '1' }, /pickedUp/],
        [{ cursor: 'not-ours' }, /cursor/],
        [{ recipient: devOin('energie') }, /'recipient' is not a parameter/],
      ];
      for (const [query, detail] of bad) {
        const response = await log(gemeente, query);
        expect(response.status, JSON.stringify(query)).to.equal(400);
        expect(problemOf(response).code).to.equal('USAGE_INVALID');
        expect(problemOf(response).detail).to.match(detail);
      }
      const twice = await gemeente.raw('GET', `/v1/log?messageId=${reply}&messageId=${question}`);
      expect(twice.status).to.equal(400);
      expect(problemOf(twice as RestResponse<unknown>).detail).to.match(
        /messageId may be given once/,
      );
    });

    it('lists the submissions the hub refused the participant, newest first, with their reasons — never another’s', async () => {
      const response = await gemeente.raw<RejectionPage>('GET', '/v1/log/rejections');
      expect(response.status).to.equal(200);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      const [schemaRefusal, noMessage, ...rest] = response.body.items;
      expect(rest).to.deep.equal([]);
      expect(schemaRefusal).to.include({
        messageId: refusedId,
        counterparty: devOin('energie'),
        messageType: 'saldoverzoek',
        transport: 'rest',
      });
      expect(schemaRefusal?.reasons[0]?.code).to.equal('SCHEMA_INVALID');
      expect(schemaRefusal?.ledgerPosition).to.equal(`rejection:${schemaRefusal?.rejectionId}#0`);
      expect(noMessage).not.to.have.property('messageId');
      expect(noMessage?.reasons.length).to.be.greaterThan(0);
      const ids = response.body.items.map((item) => item.messageId);
      expect(ids).not.to.include(theirRefusedId);
      const energie = await testHub
        .client('energie')
        .raw<RejectionPage>('GET', '/v1/log/rejections');
      expect(energie.body.items.map((item) => item.messageId)).to.deep.equal([theirRefusedId]);
    });

    it('finds refused submissions by message id, counterparty, type and period, and pages them', async () => {
      const refusals = async (query: string) => {
        const response = await gemeente.raw<RejectionPage>('GET', `/v1/log/rejections?${query}`);
        expect(response.status, JSON.stringify(response.body)).to.equal(200);
        return response.body;
      };
      const ids = async (query: string) =>
        (await refusals(query)).items.map((item) => item.messageId ?? '(none)');
      expect(await ids(`messageId=${refusedId}`)).to.deep.equal([refusedId]);
      expect(await ids(`messageId=${theirRefusedId}`)).to.deep.equal([]);
      expect(await ids(`counterparty=${devOin('energie')}`)).to.deep.equal([refusedId]);
      expect(await ids('messageType=saldoverzoek')).to.deep.equal([refusedId]);
      expect(await ids(`to=${replyReceivedAt}`)).to.deep.equal([]);
      expect(await ids(`from=${replyReceivedAt}`)).to.deep.equal([refusedId, '(none)']);
      const first = await refusals('limit=1');
      expect(first.items.map((item) => item.messageId)).to.deep.equal([refusedId]);
      const next = await refusals(`limit=1&cursor=${first.nextCursor as string}`);
      expect(next.items).to.have.length(1);
      expect(next.nextCursor).to.equal(undefined);
    });

    it('answers bad refusal parameters with 400 USAGE_INVALID', async () => {
      for (const query of [
        'messageType=Bad%20Type',
        'messageId=nope',
        'counterparty=1',
        `from=${replyReceivedAt}&to=${replyReceivedAt}`,
        'direction=sent',
        'limit=999',
      ]) {
        const response = await gemeente.raw('GET', `/v1/log/rejections?${query}`);
        expect(response.status, query).to.equal(400);
        expect(problemOf(response).code).to.equal('USAGE_INVALID');
      }
    });

    it('is for authenticated participants only', async () => {
      for (const path of ['/v1/log', '/v1/log/rejections']) {
        const anonymous = await gemeente.raw('GET', path, { auth: 'none' });
        expect(anonymous.status).to.equal(401);
      }
    });
  });
}
