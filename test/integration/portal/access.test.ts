/**
 * The portal's API keeps each participant to its own messages: a user logs in with password
 * and TOTP code; lists only what is addressed to its participant; opens a message addressed to
 * it (which picks it up, recorded as via the portal) or one it sent; and gets 404, as for a
 * message that does not exist, when it tries to read or acknowledge another participant's. An
 * operator's cookie opens no portal route. The counts (unread, owed answers) and the inbox's
 * filters show only the participant's own; the schemas come self-contained. Every answer is
 * checked against the OpenAPI document.
 */
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import { totpCode } from '../../../src/portal/index.ts';
import { PortalClient } from '../../support/portal_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { kennisgeving, saldoverzoek } from '../rest/rest_world.ts';

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('portal: each participant sees and acknowledges only its own messages', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  const users: Record<string, PortalClient> = {};

  before(async () => {
    testHub = await startTestHub({ clock });
    for (const handle of ['energie', 'telecom', 'gemeente']) {
      const enrolment = await testHub.hub.portal.accounts.add(
        devOin(handle),
        `${handle}.medewerker`,
        'medewerker',
        'test',
      );
      const client = new PortalClient(testHub);
      const login = await client.login(
        `${handle}.medewerker`,
        enrolment.password,
        totpCode(enrolment.totpSecret, clock.now()),
      );
      expect(login.status).to.equal(201);
      users[handle] = client;
    }
  });
  after(async () => testHub?.stop());

  it("refuses a login to a suspended participant's portal", async () => {
    const enrolment = await testHub.hub.portal.accounts.add(
      devOin('cjib'),
      'cjib.medewerker',
      'medewerker',
      'test',
    );
    await testHub.hub.registry.setStatus(devOin('cjib'), 'suspended', 'test');
    try {
      const refused = await new PortalClient(testHub).login(
        'cjib.medewerker',
        enrolment.password,
        totpCode(enrolment.totpSecret, clock.now()),
      );
      expect(refused.status).to.equal(403);
      expect(await codeOf(refused)).to.equal('PARTICIPANT_SUSPENDED');
    } finally {
      await testHub.hub.registry.setStatus(devOin('cjib'), 'active', 'test');
    }
  });

  it("stops a suspended participant's open session: no reading, no pickup; logging out still works", async () => {
    const enrolment = await testHub.hub.portal.accounts.add(
      devOin('woningcorporatie'),
      'woning.medewerker',
      'medewerker',
      'test',
    );
    clock.advance(30_000);
    const user = new PortalClient(testHub);
    const login = await user.login(
      'woning.medewerker',
      enrolment.password,
      totpCode(enrolment.totpSecret, clock.now()),
    );
    expect(login.status).to.equal(201);
    const message = saldoverzoek(testHub, 'gemeente', 'woningcorporatie', {
      createdAt: clock.now(),
    });
    expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
    await testHub.hub.registry.setStatus(devOin('woningcorporatie'), 'suspended', 'test');
    try {
      for (const [method, path] of [
        ['GET', '/v1/portal/messages'],
        ['GET', `/v1/portal/messages/${message.envelope.messageId}`],
        ['POST', `/v1/portal/messages/${message.envelope.messageId}/ack`],
        ['GET', '/v1/portal/overview'],
        ['GET', '/v1/portal/keys'],
      ] as const) {
        const refused = await user.call(method, path);
        expect(refused.status, `${method} ${path}`).to.equal(403);
        expect(await codeOf(refused)).to.equal('PARTICIPANT_SUSPENDED');
      }
      expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.include({
        status: 'accepted',
      });
      expect((await user.call('DELETE', '/v1/portal/session')).status).to.equal(204);
    } finally {
      await testHub.hub.registry.setStatus(devOin('woningcorporatie'), 'active', 'test');
    }
  });

  it('refuses a login with a wrong code, and a cookie without a session', async () => {
    const { password } = await testHub.hub.portal.accounts.add(
      devOin('energie'),
      'energie.b',
      'medewerker',
      'test',
    );
    const refused = await new PortalClient(testHub).login('energie.b', password, '000000');
    expect(refused.status).to.equal(401);
    expect(await codeOf(refused)).to.equal('LOGIN_FAILED');
    const anonymous = new PortalClient(testHub);
    expect((await anonymous.call('GET', '/v1/portal/messages')).status).to.equal(401);
  });

  it('lists, reads, acknowledges only what belongs to the participant', async () => {
    const message = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    const id = message.envelope.messageId;
    expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
    const energie = users['energie'] as PortalClient;
    const telecom = users['telecom'] as PortalClient;
    const gemeente = users['gemeente'] as PortalClient;

    const listed = (await (await energie.call('GET', '/v1/portal/messages')).json()) as {
      items: { messageId: string }[];
    };
    expect(listed.items.map((m) => m.messageId)).to.deep.equal([id]);
    const others = (await (await telecom.call('GET', '/v1/portal/messages')).json()) as {
      items: unknown[];
    };
    expect(others.items).to.deep.equal([]);

    // Another participant: the same 404 as for a message that does not exist, and no change.
    for (const [method, path] of [
      ['GET', `/v1/portal/messages/${id}`],
      ['POST', `/v1/portal/messages/${id}/ack`],
    ] as const) {
      const response = await telecom.call(method, path);
      expect(response.status, `${method} ${path}`).to.equal(404);
      expect(await codeOf(response)).to.equal('MESSAGE_NOT_FOUND');
    }
    expect(await testHub.hub.ledger.getMessage(id)).to.include({ status: 'accepted' });
    // The sender reads what it sent, but cannot acknowledge it for the recipient.
    expect((await gemeente.call('GET', `/v1/portal/messages/${id}`)).status).to.equal(200);
    expect((await gemeente.call('POST', `/v1/portal/messages/${id}/ack`)).status).to.equal(404);
    expect(await testHub.hub.ledger.getMessage(id)).to.include({ status: 'accepted' });

    // Without the CSRF token no acknowledgement; opening it picks it up.
    const csrf = energie.csrf;
    energie.csrf = 'wrong';
    const noCsrf = await energie.call('POST', `/v1/portal/messages/${id}/ack`);
    energie.csrf = csrf;
    expect(noCsrf.status).to.equal(403);
    const opened = (await (await energie.call('GET', `/v1/portal/messages/${id}`)).json()) as {
      message: { status: string };
      payload: Record<string, unknown>;
    };
    expect(opened.message.status).to.equal('picked-up');
    expect(opened.payload).to.deep.equal(message.payload);
    const events = await testHub.hub.ledger.listEvents(id);
    expect(events.map((e) => [e.type, e.data['transport']])).to.deep.equal([
      ['received', 'rest'],
      ['delivered', 'portal'],
      ['picked-up', 'portal'],
    ]);
    expect((await energie.call('POST', `/v1/portal/messages/${id}/ack`)).status).to.equal(200);
    // The hub's copy is the portal user's only one: kept until the retention period after the
    // answer deadline, not after the pickup.
    const kept = await testHub.hub.ledger.getMessage(id);
    const retentionMs = testHub.hub.config.retentionDays * 86_400_000;
    expect(Date.parse(kept?.dropPayloadAfter ?? '')).to.be.at.least(
      Date.parse(kept?.answerDueAt ?? '') + retentionMs - 86_400_000,
    );

    // The case and the open answer: the creditor's, not another's.
    const conversation = `/v1/portal/conversations/${message.envelope.conversationId}`;
    const owed = (await (await energie.call('GET', '/v1/portal/deadlines')).json()) as {
      items: { messageId: string; overdue: boolean }[];
    };
    expect(owed.items.map((a) => [a.messageId, a.overdue])).to.deep.equal([[id, false]]);
    const notOwed = (await (await telecom.call('GET', '/v1/portal/deadlines')).json()) as {
      items: unknown[];
    };
    expect(notOwed.items).to.deep.equal([]);
    const shown = (await (await energie.call('GET', conversation)).json()) as {
      messages: { messageId: string }[];
      openAnswers: unknown[];
    };
    expect(shown.messages.map((m) => m.messageId)).to.deep.equal([id]);
    expect(shown.openAnswers).to.have.length(1);
    const hidden = await telecom.call('GET', conversation);
    expect(hidden.status).to.equal(404);
    expect(await codeOf(hidden)).to.equal('CONVERSATION_UNKNOWN');
  });

  it('counts unread messages and owed answers, and filters the inbox by them, per participant', async () => {
    const energie = users['energie'] as PortalClient;
    const telecom = users['telecom'] as PortalClient;
    const json = async <T>(client: PortalClient, path: string): Promise<T> => {
      const response = await client.call('GET', path);
      expect(response.status, path).to.equal(200);
      return (await response.json()) as T;
    };
    type Overview = {
      unread: { total: number; byModule: { module: string; count: number }[] };
      answers: { owed: number; open: number; overdue: number };
      capped: boolean;
    };
    type Listed = { items: { messageId: string }[] };
    const before = await json<Overview>(energie, '/v1/portal/overview');
    // Later than every message of the tests before, so "newest first" puts these on top.
    clock.advance(60_000);
    const notice = kennisgeving(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    const request = saldoverzoek(testHub, 'gemeente', 'energie', {
      createdAt: clock.now(),
      conversationId: notice.envelope.conversationId,
      module: 'schuldregeling',
    });
    for (const message of [notice, request]) {
      expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
    }
    const [noticeId, requestId] = [notice.envelope.messageId, request.envelope.messageId];

    const after = await json<Overview>(energie, '/v1/portal/overview');
    expect(after.unread.total).to.equal(before.unread.total + 2);
    const regeling = after.unread.byModule.find((m) => m.module === 'schuldregeling');
    expect(regeling?.count).to.equal(2);
    expect(after.answers).to.deep.equal({
      owed: before.answers.owed + 1,
      open: before.answers.open + 1,
      overdue: 0,
    });
    expect(after.capped).to.equal(false);

    const unread = await json<Listed>(energie, '/v1/portal/messages?unread=true');
    expect(unread.items.map((m) => m.messageId)).to.have.members([noticeId, requestId]);
    const owed = await json<Listed>(
      energie,
      '/v1/portal/messages?answer=owed&module=schuldregeling',
    );
    expect(owed.items.map((m) => m.messageId)).to.deep.equal([requestId]);
    const overdue = await json<Listed>(energie, '/v1/portal/messages?answer=overdue');
    expect(overdue.items).to.deep.equal([]);
    const paged = await json<Listed & { nextCursor?: string }>(
      energie,
      '/v1/portal/messages?answer=open&limit=1',
    );
    expect(paged.items.map((m) => m.messageId)).to.deep.equal([requestId]);
    const rest = await json<Listed>(
      energie,
      `/v1/portal/messages?answer=open&cursor=${paged.nextCursor ?? ''}`,
    );
    expect(rest.items.map((m) => m.messageId)).not.to.include(requestId);

    // Opening the request reads it: one unread fewer.
    expect((await energie.call('GET', `/v1/portal/messages/${requestId}`)).status).to.equal(200);
    const opened = await json<Overview>(energie, '/v1/portal/overview');
    expect(opened.unread.total).to.equal(after.unread.total - 1);

    // Another participant learns nothing: no counts, no messages under any filter.
    const theirs = await json<Overview>(telecom, '/v1/portal/overview');
    expect(theirs.unread).to.deep.equal({ total: 0, byModule: [], byMessageType: [] });
    expect(theirs.answers).to.deep.equal({ owed: 0, open: 0, overdue: 0 });
    for (const query of ['unread=true', 'answer=owed', 'unread=false', 'answer=overdue']) {
      const listed = await json<Listed>(telecom, `/v1/portal/messages?${query}`);
      expect(listed.items, query).to.deep.equal([]);
    }
    const wrong = await energie.call('GET', '/v1/portal/messages?answer=sometime');
    expect(wrong.status).to.equal(400);
    expect(await codeOf(wrong)).to.equal('USAGE_INVALID');
    expect((await new PortalClient(testHub).call('GET', '/v1/portal/overview')).status).to.equal(
      401,
    );
  });

  it('serves the schemas to a signed-in user, for forms and for reading', async () => {
    const energie = users['energie'] as PortalClient;
    const listing = (await (await energie.call('GET', '/v1/portal/schemas')).json()) as {
      items: { messageType: string }[];
    };
    expect(listing.items.map((i) => i.messageType)).to.include('saldoverzoek-antwoord');
    const schema = await energie.call('GET', '/v1/portal/schemas/saldoverzoek-antwoord/2.0');
    expect(schema.status).to.equal(200);
    const document = (await schema.json()) as { $schema?: string; $defs?: object };
    expect(document.$schema).to.match(/2020-12/);
    // Self-contained: every reference points into its own $defs.
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((ref) => !ref.startsWith('"$ref":"#/$defs/'))).to.deep.equal([]);
    expect(Object.keys(document.$defs ?? {})).to.include('bedragCent');
    expect((await new PortalClient(testHub).call('GET', '/v1/portal/schemas')).status).to.equal(
      401,
    );
  });

  it('opens no portal route with an operator’s session, nor a console route with a portal one', async () => {
    const { password } = await testHub.hub.operators.accounts.add('anna', 'admin', 'test');
    const login = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'anna', password }),
    });
    const operatorCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const asOperator = new PortalClient(testHub);
    asOperator.cookie = operatorCookie;
    expect((await asOperator.call('GET', '/v1/portal/session')).status).to.equal(401);
    const portalCookie = (users['energie'] as PortalClient).cookie;
    const console = await fetch(`${testHub.baseUrl}/v1/operator/overview`, {
      headers: { cookie: portalCookie },
    });
    expect(console.status).to.equal(401);
  });
});
