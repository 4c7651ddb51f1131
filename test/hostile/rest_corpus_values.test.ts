/**
 * The hostile-input corpus over REST, the values in a request (issue 12): huge numbers and
 * strings, bytes that are not UTF-8 (in bodies, paths and queries) and look-alike Unicode in
 * identifiers — fullwidth and Arabic-Indic digits, Cyrillic letters, zero-width and
 * bidirectional controls. Every case gets its own code, stores nothing and leaves the hub
 * serving (rest_corpus_world.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Payload } from '@knooppunt/standard';
import type { PortalClient } from '../support/portal_client.ts';
import { cases, JSON_TYPE, oin, RestCorpus } from './rest_corpus_world.ts';

describe('hostile REST values: huge numbers and strings, bad bytes, look-alikes', function () {
  this.timeout(60_000);
  let corpus: RestCorpus;
  let portal: PortalClient;
  const world = (): RestCorpus => corpus;

  before(async () => {
    corpus = await RestCorpus.start();
    portal = await corpus.portal('energie');
  });
  after(async () => corpus?.stop());

  /** POSTs `edit(text)` of a fresh message as gemeente. */
  const edited = (c: RestCorpus, edit: (text: string) => string | Buffer) => {
    const m = c.message();
    return c.post(edit(JSON.stringify(m)), m.envelope.messageId);
  };
  const login = (c: RestCorpus, body: string | Buffer) =>
    c.portalRaw(portal, 'POST', '/v1/portal/session', body, JSON_TYPE);

  describe('huge numbers and strings', () => {
    const huisnummer = (c: RestCorpus, value: string) =>
      edited(c, (t) => t.replace('"huisnummer":', `"huisnummer":${value},"x":`));
    /** A signed saldoverzoek whose debtor lives at house number `value`. */
    const house = (c: RestCorpus, value: number) =>
      c.submit(
        c.withPayload((p) => {
          const schuldenaar = p['schuldenaar'] as { adres: Record<string, unknown> };
          return {
            ...p,
            schuldenaar: { ...schuldenaar, adres: { ...schuldenaar.adres, huisnummer: value } },
          } as Payload;
        }),
      );
    const many = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, i]));
    // prettier-ignore
    cases(world, [
      ['a house number of 1e308, signed', 422, 'SCHEMA_INVALID', (c) => house(c, 1e308)],
      ['a house number of 2^60, signed', 422, 'SCHEMA_INVALID', (c) => house(c, 2 ** 60)],
      ['a house number of -0.5, signed', 422, 'SCHEMA_INVALID', (c) => house(c, -0.5)],
      ['a house number of -1e400', 400, 'JSON_NUMBER_INVALID', (c) => huisnummer(c, '-1e400')],
      ['a number of 400 digits', 400, 'JSON_NUMBER_INVALID', (c) => huisnummer(c, '9'.repeat(400))],
      ['a 200 KB toelichting, signed', 422, 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...p, toelichting: 'x'.repeat(200_000) })))],
      ['a 10 KB messageId, signed', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: 'a'.repeat(10_000) }))],
      ['a 10 KB messageType, signed', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageType: 'a'.repeat(10_000) }))],
      ['signed claims over 64 KiB (a 100 KB messageId)', 422, 'SIGNATURE_INVALID', (c) => c.submit(c.signedWith({ messageId: 'a'.repeat(100_000) }))],
      ['a 100 KB member name, signed', 422, 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...p, ['n'.repeat(100_000)]: 1 })))],
      ['10,000 members in the payload, signed', 422, 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...p, ...many(10_000) })))],
      ['a 200 KB signature', 422, 'SIGNATURE_MALFORMED', (c) => edited(c, (t) => t.replace(/"signature":"[^"]*"/, `"signature":"${'a'.repeat(200_000)}.b.c"`))],
      ['a mailbox limit of 20 digits', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?limit=99999999999999999999')],
      ['a mailbox limit of -1', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?limit=-1')],
      ['a mailbox wait of 1e3', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?wait=1e3')],
      ['a mailbox wait of 31 seconds', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?wait=31')],
      ['an 8 KB cursor', 400, 'USAGE_INVALID', (c) => c.send('GET', `/v1/mailbox?cursor=${'A'.repeat(8000)}`)],
      ['a 15 KB client assertion', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${'a'.repeat(15_000)}.b.c`))],
      ['a jti of 300 characters', 401, 'ASSERTION_INVALID', (c) => c.as('gemeente').requestToken({ jti: 'j'.repeat(300), iat: Math.floor(c.clock.now().getTime() / 1000) })],
      ['an 8 KB bearer token', 401, 'TOKEN_INVALID', (c) => c.send('GET', '/v1/mailbox', { auth: `${'a'.repeat(8000)}.b.c` })],
      ['a 4 KB message id in the path', 404, 'MESSAGE_NOT_FOUND', (c) => c.send('GET', `/v1/messages/${'a'.repeat(4000)}`)],
      ['a 4 KB portal conversation id', 404, 'CONVERSATION_UNKNOWN', (c) => c.portalRaw(portal, 'GET', `/v1/portal/conversations/${'a'.repeat(4000)}`)],
    ]);
  });

  describe('bytes that are not UTF-8', () => {
    const bytes = (c: RestCorpus, bad: number[]) =>
      edited(c, (t) => {
        const [head, tail] = t.split('"peildatum":') as [string, string];
        return Buffer.concat([
          Buffer.from(`${head}"x":"`),
          Buffer.from(bad),
          Buffer.from(`","peildatum":${tail}`),
        ]);
      });
    const named = (bad: number[]): Buffer =>
      Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from(bad),
        Buffer.from('","password":"x","code":"1"}'),
      ]);
    const energie = (c: RestCorpus): Buffer =>
      Buffer.concat([
        Buffer.from(JSON.stringify(c.message('energie', 'gemeente')).slice(0, -1)),
        Buffer.from([0x2c, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      ]);
    // prettier-ignore
    cases(world, [
      ['an overlong "/" (C0 AF)', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0xc0, 0xaf])],
      ['a surrogate encoded in UTF-8 (ED A0 80)', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0xed, 0xa0, 0x80])],
      ['a truncated sequence (E2 82)', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0xe2, 0x82])],
      ['FF FE', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0xff, 0xfe])],
      ['a code point above U+10FFFF (F4 90 80 80)', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0xf4, 0x90, 0x80, 0x80])],
      ['a lone continuation byte (80)', 400, 'JSON_INVALID_UTF8', (c) => bytes(c, [0x80])],
      ['a token JSON with 0xFF', 400, 'JSON_INVALID_UTF8', (c) => c.token(named([0xff]), JSON_TYPE)],
      ['a portal login with C0 80', 400, 'JSON_INVALID_UTF8', (c) => login(c, named([0xc0, 0x80]))],
      ['a portal outbox message with 0xFF', 400, 'JSON_INVALID_UTF8', (c) => c.portalRaw(portal, 'POST', '/v1/portal/outbox', energie(c), JSON_TYPE)],
      ['a message id of %FF', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/messages/%FF')],
      ['an acknowledgement of %FF', 400, 'USAGE_INVALID', (c) => c.send('POST', '/v1/messages/%FF/ack')],
      ['a conversation id of %C0%AF', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/conversations/%C0%AF')],
      ['a certificate thumbprint of %E0%80', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/certificates/%E0%80')],
      ['a portal message id of %ED%A0%80', 400, 'USAGE_INVALID', (c) => c.portalRaw(portal, 'GET', '/v1/portal/messages/%ED%A0%80')],
      ['a query module of %FF', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?module=%FF')],
    ]);
  });

  describe('look-alike Unicode in identifiers', () => {
    const fullwidth = (text: string): string =>
      text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const arabic = (text: string): string =>
      text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const cyrillic = (text: string): string => text.replace(/a/g, '\u0430').replace(/e/g, '\u0435');
    const [gemeente, energie] = [oin('gemeente'), oin('energie')];
    const q = encodeURIComponent;
    // prettier-ignore
    cases(world, [
      ['a sender OIN in fullwidth digits', 403, 'SENDER_MISMATCH', (c) => c.submit(c.signedWith({ sender: fullwidth(gemeente) }))],
      ['a recipient OIN in Arabic-Indic digits', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ recipient: arabic(energie) }))],
      ['a recipient OIN with a zero-width space', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ recipient: `${energie}\u200b` }))],
      ['a module with Cyrillic letters', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ module: cyrillic('schuldinventarisatie') }))],
      ['a messageType with a Cyrillic a', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageType: cyrillic('saldoverzoek') }))],
      ['a messageId with a Cyrillic a', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: cyrillic(randomUUID()) }))],
      ['a conversationId with a zero-width joiner', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ conversationId: `${randomUUID()}\u200d` }))],
      ['a version in fullwidth digits', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ version: fullwidth('2.0') }))],
      ['an inReplyTo with a right-to-left override', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ inReplyTo: `\u202e${randomUUID()}` }))],
      ['a message id in the path with a Cyrillic a', 404, 'MESSAGE_NOT_FOUND', (c) => c.send('GET', `/v1/messages/${q(cyrillic('aaaaaaaa-0000-4000-8000-000000000000'))}`)],
      ['a mailbox module with Cyrillic letters', 400, 'USAGE_INVALID', (c) => c.send('GET', `/v1/mailbox?module=${q(cyrillic('schuldregeling'))}`)],
      ['a mailbox recipient: its own OIN in fullwidth digits', 403, 'FORBIDDEN', (c) => c.send('GET', `/v1/mailbox?recipient=${q(fullwidth(gemeente))}`)],
      ['a directory module with Cyrillic letters', 400, 'USAGE_INVALID', (c) => c.send('GET', `/v1/participants?module=${q(cyrillic('schuldregeling'))}`)],
      ['a schema type with a Cyrillic e', 404, 'SCHEMA_UNKNOWN_TYPE', (c) => c.send('GET', `/v1/schemas/${q(cyrillic('saldoverzoek'))}/2.0`)],
      ['an assertion issuer in fullwidth digits', 401, 'ASSERTION_INVALID', (c) => c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${c.assertion({ iss: fullwidth(gemeente) })}`))],
      ['a portal login name with a Cyrillic e', 401, 'LOGIN_FAILED', (c) => login(c, JSON.stringify({ name: cyrillic('energie.beheer'), password: 'x', code: '123456' }))],
    ]);
  });
});
