/**
 * The hostile-input corpus over REST, injection (issue 12): MongoDB operator objects and SQL
 * fragments in every envelope identifier, every query parameter and every path id, in token
 * requests and the portal's login; and path traversal in ids on every route that takes one.
 * Every case gets its own code, stores nothing and leaves the hub serving
 * (rest_corpus_world.ts).
 */
import { expect } from 'chai';
import type { PortalClient } from '../support/portal_client.ts';
import {
  cases,
  JSON_TYPE,
  MONGO_OPERATORS,
  RestCorpus,
  SQL_FRAGMENTS,
  TRAVERSALS,
} from './rest_corpus_world.ts';
import type { Case } from './rest_corpus_world.ts';

/** The envelope's identifiers: each must be a string of its own shape. */
const IDENTIFIERS = [
  'messageId',
  'conversationId',
  'inReplyTo',
  'sender',
  'recipient',
  'module',
  'messageType',
  'version',
  'createdAt',
] as const;
const [QUOTE, DROP, UNION] = SQL_FRAGMENTS;
const OPERATOR = JSON.stringify(MONGO_OPERATORS[0]);

describe('hostile REST injection: operators, SQL and traversal in identifiers', function () {
  this.timeout(60_000);
  let corpus: RestCorpus;
  let portal: PortalClient;
  const world = (): RestCorpus => corpus;

  before(async () => {
    corpus = await RestCorpus.start();
    portal = await corpus.portal('energie');
  });
  after(async () => corpus?.stop());

  const get = (path: string) => (c: RestCorpus) => c.send('GET', path);
  const viaPortal = (method: string, path: string) => (c: RestCorpus) =>
    c.portalRaw(portal, method, path);
  const login = (body: unknown) => (c: RestCorpus) =>
    c.portalRaw(portal, 'POST', '/v1/portal/session', JSON.stringify(body), JSON_TYPE);
  /** A token request with one field replaced (JSON, so a field may be an object). */
  const tokenWith = (field: string, value: unknown) => (c: RestCorpus) =>
    c.token(
      JSON.stringify({ ...(JSON.parse(c.tokenJson()) as object), [field]: value }),
      JSON_TYPE,
    );

  describe('MongoDB operator objects in envelope identifiers', () => {
    // prettier-ignore
    cases(world, IDENTIFIERS.map((field, i): Case => [
      `${field} as ${JSON.stringify(MONGO_OPERATORS[i % MONGO_OPERATORS.length])}`, 400, 'MALFORMED_MESSAGE', (c) => {
        const m = c.message();
        const envelope = { ...m.envelope, [field]: MONGO_OPERATORS[i % MONGO_OPERATORS.length] };
        return c.post(JSON.stringify({ ...m, envelope }), m.envelope.messageId);
      },
    ]));
  });

  describe('SQL fragments in signed envelope identifiers', () => {
    const codeOf = (field: string): [number, string] =>
      field === 'sender'
        ? [403, 'SENDER_MISMATCH']
        : field === 'createdAt'
          ? [422, 'CLOCK_SKEW']
          : [422, 'SCHEMA_INVALID'];
    // prettier-ignore
    cases(world, IDENTIFIERS.flatMap((field) => [QUOTE, DROP].map((fragment): Case => [
      `${field} of ${fragment}`, ...codeOf(field), (c) => c.submit(c.signedWith({ [field]: fragment })),
    ])));
  });

  describe('injection in query parameters', () => {
    const b64 = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const q = encodeURIComponent;
    // prettier-ignore
    cases(world, [
      ['mailbox module', 400, 'USAGE_INVALID', get(`/v1/mailbox?module=${q(QUOTE)}`)],
      ['mailbox messageType', 400, 'USAGE_INVALID', get(`/v1/mailbox?messageType=${q(DROP)}`)],
      ['mailbox limit', 400, 'USAGE_INVALID', get(`/v1/mailbox?limit=${q('1 OR 1=1')}`)],
      ['mailbox wait', 400, 'USAGE_INVALID', get(`/v1/mailbox?wait=${q('0; SELECT sleep(10)')}`)],
      ['mailbox cursor of SQL', 400, 'USAGE_INVALID', get(`/v1/mailbox?cursor=${q(UNION)}`)],
      ['mailbox cursor of operator objects', 400, 'USAGE_INVALID', get(`/v1/mailbox?cursor=${b64([MONGO_OPERATORS[1], MONGO_OPERATORS[0]])}`)],
      ['mailbox cursor of an operator string', 400, 'USAGE_INVALID', get(`/v1/mailbox?cursor=${b64({ $gt: '' })}`)],
      ['mailbox recipient', 403, 'FORBIDDEN', get(`/v1/mailbox?recipient=${q(QUOTE)}`)],
      ['mailbox recipient as JSON operator text', 403, 'FORBIDDEN', get(`/v1/mailbox?recipient=${q(OPERATOR)}`)],
      ['directory module', 400, 'USAGE_INVALID', get(`/v1/participants?module=${q(OPERATOR)}`)],
      ['portal messages module', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?module=${q(QUOTE)}`)],
      ['portal messages status', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?status=${q(OPERATOR)}`)],
      ['portal messages cursor', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?cursor=${q(DROP)}`)],
      ['portal messages unread', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?unread=${q("true' --")}`)],
      ['portal messages answer', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?answer=${q(UNION)}`)],
      ['portal messages limit', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/messages?limit=${q('50; DROP')}`)],
      ['portal outbox cursor', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/outbox?cursor=${b64([{ $ne: null }, 'x'])}`)],
      ['portal outbox limit', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/outbox?limit=${q(OPERATOR)}`)],
      ['portal directory module', 400, 'USAGE_INVALID', viaPortal('GET', `/v1/portal/directory?module=${q(QUOTE)}`)],
    ]);

    it('reads operator-shaped query names (module[$ne]) as plain names: only its own mailbox', async () => {
      await corpus.stillServes();
      const answer = await corpus.send(
        'GET',
        '/v1/mailbox?recipient[$ne]=x&module[$ne]=y',
        {},
        'energie',
      );
      expect(answer.status).to.equal(200);
      const items = (answer.body as { items: { recipient: string }[] }).items;
      expect(items.length).to.be.greaterThan(0);
      expect(new Set(items.map((item) => item.recipient))).to.deep.equal(
        new Set([corpus.as('energie').oin]),
      );
    });
  });

  describe('injection in path ids', () => {
    const ids = [QUOTE, OPERATOR, '*', '%'].map(encodeURIComponent);
    // prettier-ignore
    const routes: readonly [string, string, number, string, (id: string) => (c: RestCorpus) => ReturnType<Case[3]>][] = [
      ['GET /v1/messages/{id}', 'a', 404, 'MESSAGE_NOT_FOUND', (id) => get(`/v1/messages/${id}`)],
      ['POST /v1/messages/{id}/ack', 'b', 404, 'MESSAGE_NOT_FOUND', (id) => (c) => c.send('POST', `/v1/messages/${id}/ack`)],
      ['GET /v1/messages/{id}/status', 'c', 404, 'MESSAGE_NOT_FOUND', (id) => get(`/v1/messages/${id}/status`)],
      ['GET /v1/conversations/{id}', 'd', 404, 'CONVERSATION_UNKNOWN', (id) => get(`/v1/conversations/${id}`)],
      ['GET /v1/schemas/{type}/2.0', 'e', 404, 'SCHEMA_UNKNOWN_TYPE', (id) => get(`/v1/schemas/${id}/2.0`)],
      ['GET /v1/schemas/saldoverzoek/{version}', 'f', 404, 'SCHEMA_UNKNOWN_TYPE', (id) => get(`/v1/schemas/saldoverzoek/${id}`)],
      ['GET /v1/certificates/{thumbprint}', 'g', 404, 'CERT_UNKNOWN', (id) => get(`/v1/certificates/${id}`)],
      ['GET /v1/portal/messages/{id}', 'h', 404, 'MESSAGE_NOT_FOUND', (id) => viaPortal('GET', `/v1/portal/messages/${id}`)],
      ['POST /v1/portal/messages/{id}/ack', 'i', 404, 'MESSAGE_NOT_FOUND', (id) => viaPortal('POST', `/v1/portal/messages/${id}/ack`)],
      ['GET /v1/portal/conversations/{id}', 'j', 404, 'CONVERSATION_UNKNOWN', (id) => viaPortal('GET', `/v1/portal/conversations/${id}`)],
      ['GET /v1/portal/schemas/{type}/2.0', 'k', 404, 'SCHEMA_UNKNOWN_TYPE', (id) => viaPortal('GET', `/v1/portal/schemas/${id}/2.0`)],
      ['POST /v1/portal/keys/{user}/{id}/approve', 'l', 404, 'PORTAL_KEY_NOT_FOUND', (id) => viaPortal('POST', `/v1/portal/keys/${id}/${id}/approve`)],
      ['DELETE /v1/portal/keys/{user}/{id}', 'm', 404, 'PORTAL_KEY_NOT_FOUND', (id) => viaPortal('DELETE', `/v1/portal/keys/${id}/${id}`)],
    ];
    // prettier-ignore
    cases(world, routes.flatMap(([route, , status, code, run], r) =>
      [ids[r % ids.length] as string, ids[(r + 1) % ids.length] as string].map((id): Case => [`${route} with ${decodeURIComponent(id)}`, status, code, run(id)]),
    ));

    describe('path traversal', () => {
      // prettier-ignore
      cases(world, routes.map(([route, , status, code, run], r): Case => {
        const id = TRAVERSALS[r % TRAVERSALS.length] as string;
        return [`${route} with ${decodeURIComponent(id).replace('\0', '\\0')}`, status, code, run(id)];
      }));
    });
  });

  describe('injection in token requests and the portal login', () => {
    // prettier-ignore
    cases(world, [
      ['client_assertion of SQL', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${encodeURIComponent(QUOTE)}`))],
      ['client_assertion as an operator object', 400, 'USAGE_INVALID', tokenWith('client_assertion', MONGO_OPERATORS[0])],
      ['grant_type as an operator object', 400, 'USAGE_INVALID', tokenWith('grant_type', MONGO_OPERATORS[1])],
      ['grant_type of SQL', 400, 'USAGE_INVALID', tokenWith('grant_type', DROP)],
      ['client_assertion_type as an operator object', 400, 'USAGE_INVALID', tokenWith('client_assertion_type', MONGO_OPERATORS[3])],
      ['client_id of SQL', 401, 'ASSERTION_INVALID', tokenWith('client_id', QUOTE)],
      ['client_id as an operator object', 400, 'USAGE_INVALID', tokenWith('client_id', MONGO_OPERATORS[0])],
      ['an assertion whose iss is an operator object', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${c.assertion({ iss: MONGO_OPERATORS[0] as unknown as string })}`))],
      ['an assertion whose x5t#S256 is an operator object', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${c.assertion({ header: { 'x5t#S256': MONGO_OPERATORS[1] } })}`))],
      ['an assertion whose x5t#S256 is SQL', 401, 'CERT_UNKNOWN', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${c.assertion({ header: { 'x5t#S256': QUOTE } })}`))],
      ['an assertion whose jti is an operator object', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${c.assertion({ jti: MONGO_OPERATORS[0] as unknown as string })}`))],
      ['a portal login name as an operator object', 400, 'USAGE_INVALID', login({ name: MONGO_OPERATORS[0], password: 'x', code: '123456' })],
      ['a portal login password as an operator object', 400, 'USAGE_INVALID', login({ name: 'energie.beheer', password: MONGO_OPERATORS[1], code: '123456' })],
      ['a portal login name of SQL', 401, 'LOGIN_FAILED', login({ name: QUOTE, password: QUOTE, code: '123456' })],
      ['a portal login code of SQL', 401, 'LOGIN_FAILED', login({ name: 'energie.beheer', password: 'x', code: DROP })],
    ]);
  });
});
