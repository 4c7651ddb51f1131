/**
 * The hostile-input corpus over REST, access (issue 12): another participant's message,
 * conversation, mailbox and portal keys by id on every route (the API answers 403 FORBIDDEN,
 * the portal 404 as for nothing at all), method confusion (405 with `Allow`, never a method
 * smuggled in a header or a parameter), and header abuse (malformed Authorization, cookies and
 * CSRF tokens crossed between the API and the portal, a Host header naming another audience).
 * Every case gets its own code, stores, moves or answers nothing, and leaves the hub serving
 * (rest_corpus_world.ts).
 */
import { expect } from 'chai';
import { BrowserKey, portalUser } from '../support/portal_client.ts';
import type { PortalClient } from '../support/portal_client.ts';
import { cases, oin, RestCorpus } from './rest_corpus_world.ts';
import type { RawInit } from './rest_corpus_world.ts';

describe('hostile REST access: other participants by id, method confusion, header abuse', function () {
  this.timeout(60_000);
  let corpus: RestCorpus;
  const world = (): RestCorpus => corpus;
  /** gemeente → energie, waiting for pickup: the message and conversation others reach for. */
  let message = '';
  let conversation = '';
  const portals: Record<string, PortalClient> = {};
  /** A key energie's medewerker asked for, pending its beheerder's approval. */
  const pendingKey = new BrowserKey();

  before(async () => {
    corpus = await RestCorpus.start();
    const m = corpus.message('gemeente', 'energie');
    expect((await corpus.as('gemeente').submit(m)).status).to.equal(201);
    [message, conversation] = [m.envelope.messageId, m.envelope.conversationId];
    for (const handle of ['energie', 'telecom', 'gemeente'])
      portals[handle] = await corpus.portal(handle);
    const medewerker = await portalUser(
      corpus.testHub,
      'energie',
      'energie.mw',
      'medewerker',
      corpus.clock,
    );
    const asked = await medewerker.json(
      'POST',
      '/v1/portal/keys',
      pendingKey.request('energie.mw'),
    );
    expect(asked.status).to.equal(201);
  });
  after(async () => corpus?.stop());

  afterEach(async () => {
    // Nobody but energie moved the message on: it still waits for pickup.
    expect((await corpus.testHub.hub.ledger.getMessage(message))?.status).to.equal('accepted');
  });

  const as =
    (handle: string, method: string, path: () => string, init: RawInit = {}) =>
    (c: RestCorpus) =>
      c.send(method, path(), init, handle);
  const portal =
    (handle: string, method: string, path: () => string, body?: () => unknown) => (c: RestCorpus) =>
      c.portalRaw(
        portals[handle] as PortalClient,
        method,
        path(),
        body === undefined ? undefined : JSON.stringify(body()),
      );

  describe("another participant's resources by id", () => {
    // prettier-ignore
    cases(world, [
      ["a creditor fetching another creditor's message", 403, 'FORBIDDEN', as('telecom', 'GET', () => `/v1/messages/${message}`)],
      ["a creditor acknowledging another creditor's message", 403, 'FORBIDDEN', as('telecom', 'POST', () => `/v1/messages/${message}/ack`)],
      ["a creditor reading another creditor's message status", 403, 'FORBIDDEN', as('telecom', 'GET', () => `/v1/messages/${message}/status`)],
      ["a creditor reading another creditor's conversation", 403, 'FORBIDDEN', as('telecom', 'GET', () => `/v1/conversations/${conversation}`)],
      ["a creditor reading another creditor's mailbox", 403, 'FORBIDDEN', as('telecom', 'GET', () => `/v1/mailbox?recipient=${oin('energie')}`)],
      ['the sender fetching its own message (only the recipient may)', 403, 'FORBIDDEN', as('gemeente', 'GET', () => `/v1/messages/${message}`)],
      ['the sender acknowledging its own message', 403, 'FORBIDDEN', as('gemeente', 'POST', () => `/v1/messages/${message}/ack`)],
      ["another debt helper reading the message status", 403, 'FORBIDDEN', as('kredietbank', 'GET', () => `/v1/messages/${message}/status`)],
      ["another debt helper reading the conversation", 403, 'FORBIDDEN', as('kredietbank', 'GET', () => `/v1/conversations/${conversation}`)],
      ["another debt helper's long poll on the recipient's mailbox", 403, 'FORBIDDEN', as('kredietbank', 'GET', () => `/v1/mailbox?recipient=${oin('energie')}&wait=5`)],
      ["a portal user opening another participant's message", 404, 'MESSAGE_NOT_FOUND', portal('telecom', 'GET', () => `/v1/portal/messages/${message}`)],
      ["a portal user acknowledging another participant's message", 404, 'MESSAGE_NOT_FOUND', portal('telecom', 'POST', () => `/v1/portal/messages/${message}/ack`)],
      ["a portal user reading another participant's case", 404, 'CONVERSATION_UNKNOWN', portal('telecom', 'GET', () => `/v1/portal/conversations/${conversation}`)],
      ["the sender's portal user acknowledging its own message", 404, 'MESSAGE_NOT_FOUND', portal('gemeente', 'POST', () => `/v1/portal/messages/${message}/ack`)],
      ["a beheerder approving another participant's key", 404, 'PORTAL_KEY_NOT_FOUND', portal('telecom', 'POST', () => `/v1/portal/keys/energie.mw/${pendingKey.id}/approve`)],
      ["a beheerder revoking another participant's key", 404, 'PORTAL_KEY_NOT_FOUND', portal('telecom', 'DELETE', () => `/v1/portal/keys/energie.mw/${pendingKey.id}`)],
      ["a portal user sending another participant's signed message", 403, 'PORTAL_KEY_NOT_ACTIVE', portal('telecom', 'POST', () => '/v1/portal/outbox', () => corpus.message('energie', 'gemeente'))],
    ]);
  });

  describe('method confusion', () => {
    // prettier-ignore
    cases(world, [
      ['PUT /v1/messages', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'PUT', () => '/v1/messages', { body: {} })],
      ['GET /v1/messages', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'GET', () => '/v1/messages?_method=POST')],
      ['DELETE a message, by its recipient', 405, 'METHOD_NOT_ALLOWED', as('energie', 'DELETE', () => `/v1/messages/${message}`)],
      ['PATCH a message status', 405, 'METHOD_NOT_ALLOWED', as('energie', 'PATCH', () => `/v1/messages/${message}/status`, { body: { status: 'picked-up' } })],
      ['GET an acknowledgement', 405, 'METHOD_NOT_ALLOWED', as('energie', 'GET', () => `/v1/messages/${message}/ack`)],
      ['POST a status', 405, 'METHOD_NOT_ALLOWED', as('energie', 'POST', () => `/v1/messages/${message}/status`)],
      ['GET /v1/token', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'GET', () => '/v1/token', { auth: 'none' })],
      ['PUT /v1/token', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'PUT', () => '/v1/token', { auth: 'none' })],
      ['POST /v1/mailbox', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'POST', () => '/v1/mailbox')],
      ['DELETE /v1/mailbox', 405, 'METHOD_NOT_ALLOWED', as('energie', 'DELETE', () => '/v1/mailbox')],
      ['DELETE a conversation', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'DELETE', () => `/v1/conversations/${conversation}`)],
      ['POST /v1/participants', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'POST', () => '/v1/participants', { body: { oin: oin('gemeente') } })],
      ['PUT /v1/schemas', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'PUT', () => '/v1/schemas', { body: {} })],
      ['POST a schema', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'POST', () => '/v1/schemas/saldoverzoek/2.0', { body: {} })],
      ['DELETE a certificate', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'DELETE', () => `/v1/certificates/${corpus.testHub.signer('gemeente').thumbprint}`)],
      ['OPTIONS /v1/messages', 405, 'METHOD_NOT_ALLOWED', as('gemeente', 'OPTIONS', () => '/v1/messages')],
      ['POST a portal message', 405, 'METHOD_NOT_ALLOWED', portal('energie', 'POST', () => `/v1/portal/messages/${message}`)],
      ['PUT the portal session', 405, 'METHOD_NOT_ALLOWED', portal('energie', 'PUT', () => '/v1/portal/session', () => ({}))],
      ['X-HTTP-Method-Override: GET on an acknowledgement by a stranger (still a POST)', 403, 'FORBIDDEN', as('telecom', 'POST', () => `/v1/messages/${message}/ack`, { headers: { 'X-HTTP-Method-Override': 'GET' } })],
      ['a path in capitals', 404, 'ROUTE_NOT_FOUND', as('gemeente', 'GET', () => '/V1/MAILBOX')],
      ['a verb as a path segment', 404, 'ROUTE_NOT_FOUND', as('energie', 'POST', () => `/v1/messages/${message}/delete`)],
      ['another API version', 404, 'ROUTE_NOT_FOUND', as('gemeente', 'GET', () => '/v2/mailbox')],
    ]);
  });

  describe('header abuse', () => {
    const auth = (value: string) =>
      as('gemeente', 'GET', () => '/v1/mailbox', {
        auth: 'none',
        headers: { Authorization: value },
      });
    const cookie = (value: string, headers: Record<string, string> = {}) =>
      as('gemeente', 'GET', () => '/v1/portal/messages', {
        auth: 'none',
        headers: { Cookie: value, ...headers },
      });
    const crossed = (csrf: () => string) => (c: RestCorpus) => {
      const user = portals['energie'] as PortalClient;
      return c.send('POST', `/v1/portal/messages/${message}/ack`, {
        auth: 'none',
        headers: { Cookie: user.cookie, 'X-CSRF-Token': csrf() },
      });
    };
    const hosted =
      (host: string, extra: Record<string, string> = {}) =>
      (c: RestCorpus) =>
        c.token(
          c
            .tokenForm()
            .replace(
              /client_assertion=[^&]*$/,
              `client_assertion=${c.assertion({ aud: `http://${host}/v1/token` })}`,
            ),
          {
            'Content-Type': 'application/x-www-form-urlencoded',
            Host: host,
            ...extra,
          },
        );
    // prettier-ignore
    cases(world, [
      ['Authorization: Basic', 401, 'UNAUTHENTICATED', auth(`Basic ${Buffer.from('gemeente:secret').toString('base64')}`)],
      ['Authorization: Bearer without a token', 401, 'UNAUTHENTICATED', auth('Bearer')],
      ['Authorization: Bearer with two tokens', 401, 'UNAUTHENTICATED', auth('Bearer a.b.c d.e.f')],
      ['Authorization: two Bearer credentials', 401, 'UNAUTHENTICATED', auth('Bearer a.b.c, Bearer d.e.f')],
      ['Authorization: Bearer with a quoted token', 401, 'UNAUTHENTICATED', auth('Bearer "a.b.c"')],
      ['Authorization: Bearer of a JWT with an empty signature', 401, 'TOKEN_INVALID', auth('Bearer e30.e30.')],
      ["a portal cookie at the participant API", 401, 'UNAUTHENTICATED', (c) => c.send('GET', '/v1/mailbox', { auth: 'none', headers: { Cookie: (portals['energie'] as PortalClient).cookie } })],
      ['a bearer token at the portal', 401, 'SESSION_INVALID', (c) => c.as('energie').token().then((t) => c.send('GET', '/v1/portal/messages', { auth: t }))],
      ['a forged portal cookie', 401, 'SESSION_INVALID', cookie(`knooppunt-portal=${'A'.repeat(43)}`)],
      ['a portal cookie of SQL', 401, 'SESSION_INVALID', cookie("knooppunt-portal=' OR 1=1 --")],
      ['the portal token in the operators\' cookie', 401, 'SESSION_INVALID', (c) => c.send('GET', '/v1/operator/session', { auth: 'none', headers: { Cookie: (portals['energie'] as PortalClient).cookie.replace('knooppunt-portal', 'knooppunt-session') } })],
      ['a portal change without a CSRF token', 403, 'CSRF_INVALID', (c) => c.send('POST', `/v1/portal/messages/${message}/ack`, { auth: 'none', headers: { Cookie: (portals['energie'] as PortalClient).cookie } })],
      ['a portal change with a wrong CSRF token', 403, 'CSRF_INVALID', crossed(() => 'x'.repeat(32))],
      ["a portal change with another session's CSRF token", 403, 'CSRF_INVALID', crossed(() => (portals['telecom'] as PortalClient).csrf)],
      ['a Host header naming another audience', 401, 'ASSERTION_INVALID', hosted('evil.example')],
      ['X-Forwarded-Host and -Proto naming another audience', 401, 'ASSERTION_INVALID', hosted('evil.example', { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' })],
      ['Accept: application/xml on a missing message', 404, 'MESSAGE_NOT_FOUND', as('energie', 'GET', () => '/v1/messages/nothing', { headers: { Accept: 'application/xml' } })],
    ]);

    it('does not echo a request id that is not an id', async () => {
      for (const offered of ['x'.repeat(4000), '<script>', 'a b']) {
        const answer = await corpus.send(
          'GET',
          '/v1/messages/nothing',
          { headers: { 'X-Request-Id': offered } },
          'energie',
        );
        expect(answer.status).to.equal(404);
        expect(answer.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      }
    });
  });
});
