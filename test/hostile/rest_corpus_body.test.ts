/**
 * The hostile-input corpus over REST, the shape of a body (issue 12): malformed and truncated
 * JSON, wrong media types and encodings, oversized bodies, deep nesting, duplicate member names
 * and `__proto__` / `constructor` members — at the message, token and portal routes. Every case
 * gets its own code, stores nothing and leaves the hub serving (rest_corpus_world.ts).
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { SignedMessage } from '@knooppunt/standard';
import type { PortalClient } from '../support/portal_client.ts';
import { cases, FORM_TYPE, JSON_TYPE, oin, RestCorpus } from './rest_corpus_world.ts';
import type { Case } from './rest_corpus_world.ts';

/** The body limit of this hub: small, so that oversized cases stay cheap. */
const LIMIT = 256 * 1024;
const type = (value: string): Record<string, string> => ({ 'Content-Type': value });

describe('hostile REST bodies: syntax, media types, sizes, nesting, names', function () {
  this.timeout(60_000);
  let corpus: RestCorpus;
  let portal: PortalClient;
  const world = (): RestCorpus => corpus;

  before(async () => {
    corpus = await RestCorpus.start({ env: { KNOOPPUNT_MAX_BODY_BYTES: String(LIMIT) } });
    portal = await corpus.portal('energie');
  });
  after(async () => corpus?.stop());

  /** POSTs `edit(text, message)` of a fresh message as gemeente. */
  const edited = (c: RestCorpus, edit: (text: string, m: SignedMessage) => string | Buffer) => {
    const m = c.message();
    return c.post(edit(JSON.stringify(m), m), m.envelope.messageId);
  };
  /** POSTs a fresh message's bytes with these headers. */
  const typedAs = (headers: Record<string, string>) => (c: RestCorpus) => {
    const m = c.message();
    return c.post(Buffer.from(JSON.stringify(m)), m.envelope.messageId, headers);
  };
  /** A portal route with a raw body, as the energie beheerder. */
  const portalPost = (c: RestCorpus, path: string, body: string | Buffer, headers = JSON_TYPE) =>
    c.portalRaw(portal, 'POST', path, body, headers);
  const login = (c: RestCorpus, body: string | Buffer, headers = JSON_TYPE) =>
    portalPost(c, '/v1/portal/session', body, headers);
  /** A fresh message of energie (the portal user's participant) as JSON text. */
  const energie = (c: RestCorpus): string => JSON.stringify(c.message('energie', 'gemeente'));
  const outbox = '/v1/portal/outbox';

  describe('malformed and truncated JSON', () => {
    const cut = (where: string, at: (length: number) => number): Case => [
      `a message cut ${where}`,
      400,
      'MALFORMED_MESSAGE',
      (c) => edited(c, (t) => t.slice(0, at(t.length))),
    ];
    // prettier-ignore
    cases(world, [
      ['an empty body', 400, 'MALFORMED_MESSAGE', (c) => c.post('')],
      ['a single brace', 400, 'MALFORMED_MESSAGE', (c) => c.post('{')],
      cut('after one byte', () => 1),
      cut('inside the first name', () => 5),
      cut('at a quarter', (n) => Math.floor(n / 4)),
      cut('at half', (n) => Math.floor(n / 2)),
      cut('at three quarters', (n) => Math.floor((3 * n) / 4)),
      cut('inside the signature', (n) => n - 2),
      cut('before the last brace', (n) => n - 1),
      ['null', 400, 'MALFORMED_MESSAGE', (c) => c.post('null')],
      ['an array', 400, 'MALFORMED_MESSAGE', (c) => c.post('[]')],
      ['a string', 400, 'MALFORMED_MESSAGE', (c) => c.post('"a message"')],
      ['a number', 400, 'MALFORMED_MESSAGE', (c) => c.post('42')],
      ['an empty object', 400, 'MALFORMED_MESSAGE', (c) => c.post('{}')],
      ['trailing garbage', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => `${t}x`)],
      ['two messages in one body', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t + t)],
      ['a trailing comma', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => `${t.slice(0, -1)},}`)],
      ['single quotes', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replaceAll('"', "'"))],
      ['a comment', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => `/* hi */${t}`)],
      ['a NaN literal', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace('"peildatum":', '"n":NaN,"peildatum":'))],
      ['an unquoted name', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace('"payload":', 'payload:'))],
      ['a byte-order mark before the JSON', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => `\uFEFF${t}`)],
      ['an envelope that is an array', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace(/"envelope":\{[^}]*\}/, '"envelope":[]'))],
      ['a payload that is null', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace('"payload":{', '"payload":null,"p":{'))],
      ['no signature', 422, 'SIGNATURE_MALFORMED', (c) => edited(c, (t) => t.replace(/,"signature":"[^"]*"/, ''))],
      ['a signature of two parts', 422, 'SIGNATURE_MALFORMED', (c) => edited(c, (t) => t.replace(/("signature":"[^".]*\.[^".]*)\.[^"]*"/, '$1"'))],
      ['a signature that is a number', 422, 'SIGNATURE_MALFORMED', (c) => edited(c, (t) => t.replace(/"signature":"[^"]*"/, '"signature":1'))],
      ['a token request cut short', 400, 'USAGE_INVALID', (c) => c.token(c.tokenJson().slice(0, 30), JSON_TYPE)],
      ['a token request that is an array', 400, 'USAGE_INVALID', (c) => c.token('[]', JSON_TYPE)],
      ['a token request that is null', 400, 'USAGE_INVALID', (c) => c.token('null', JSON_TYPE)],
      ['a form body under a JSON type', 400, 'USAGE_INVALID', (c) => c.token(c.tokenForm(), JSON_TYPE)],
      ['a portal login cut short', 400, 'USAGE_INVALID', (c) => login(c, '{"name":"energie.beheer","pass')],
      ['a portal key request cut short', 400, 'USAGE_INVALID', (c) => portalPost(c, '/v1/portal/keys', '{"label":')],
      ['a portal outbox message cut short', 400, 'MALFORMED_MESSAGE', (c) => portalPost(c, outbox, energie(c).slice(0, 100))],
    ]);
  });

  describe('wrong media types and encodings', () => {
    // prettier-ignore
    cases(world, [
      ['text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('text/plain'))],
      ['application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('application/xml'))],
      ['a form type', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(FORM_TYPE)],
      ['multipart/form-data', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('multipart/form-data; boundary=x'))],
      ['no Content-Type', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs({})],
      ['application/jsonx', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('application/jsonx'))],
      ['application/merge-patch+json', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('application/merge-patch+json'))],
      ['a wildcard type', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs(type('*/*'))],
      ['UTF-16 bytes labelled charset=utf-16', 400, 'MALFORMED_MESSAGE', (c) => c.post(Buffer.from(JSON.stringify(c.message()), 'utf16le'), undefined, type('application/json; charset=utf-16'))],
      ['Content-Encoding compress', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs({ ...JSON_TYPE, 'Content-Encoding': 'compress' })],
      ['Content-Encoding of an unknown name', 415, 'UNSUPPORTED_MEDIA_TYPE', typedAs({ ...JSON_TYPE, 'Content-Encoding': 'x-evil' })],
      ['gzip declared, plain bytes sent', 400, 'MALFORMED_MESSAGE', typedAs({ ...JSON_TYPE, 'Content-Encoding': 'gzip' })],
      ['deflate declared, plain bytes sent', 400, 'MALFORMED_MESSAGE', typedAs({ ...JSON_TYPE, 'Content-Encoding': 'deflate' })],
      ['a token request as text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => c.token(c.tokenForm(), type('text/plain'))],
      ['a token request without a type', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => c.token(c.tokenForm(), {})],
      ['a token request as multipart', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => c.token(c.tokenForm(), type('multipart/form-data; boundary=x'))],
      ['a portal login as a form', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => login(c, 'name=a&password=b&code=1', FORM_TYPE)],
      ['a portal outbox message as text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => portalPost(c, outbox, energie(c), type('text/plain'))],
      ['a portal key request as a form', 415, 'UNSUPPORTED_MEDIA_TYPE', (c) => portalPost(c, '/v1/portal/keys', 'label=x', FORM_TYPE)],
    ]);
  });

  describe('oversized bodies', () => {
    const big = (bytes: number): string => 'x'.repeat(bytes);
    const bomb = (): Buffer =>
      gzipSync(
        Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(20 << 20, 0x30), Buffer.from('"}')]),
      );
    // prettier-ignore
    cases(world, [
      ['a message over the limit', 413, 'BODY_TOO_LARGE', (c) => c.submit(c.withPayload((p) => ({ ...p, toelichting: big(LIMIT) })))],
      ['a gzip bomb (20 MiB of zeros in a small body)', 413, 'BODY_TOO_LARGE', (c) => c.post(bomb(), undefined, { ...JSON_TYPE, 'Content-Encoding': 'gzip' })],
      ['a token form over 16 KiB', 413, 'BODY_TOO_LARGE', (c) => c.token(c.tokenForm(`&pad=${big(17 * 1024)}`))],
      ['a token JSON over 16 KiB', 413, 'BODY_TOO_LARGE', (c) => c.token(JSON.stringify({ pad: big(17 * 1024) }), JSON_TYPE)],
      ['a portal login over 4 KiB', 413, 'BODY_TOO_LARGE', (c) => login(c, JSON.stringify({ name: big(5000), password: 'x', code: '1' }))],
      ['a portal key request over 16 KiB', 413, 'BODY_TOO_LARGE', (c) => portalPost(c, '/v1/portal/keys', JSON.stringify({ label: big(17_000) }))],
      ['a portal outbox message over the limit', 413, 'BODY_TOO_LARGE', (c) => portalPost(c, outbox, JSON.stringify({ pad: big(LIMIT) }))],
    ]);
  });

  describe('deep nesting', () => {
    const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    const objects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const inPayload = (c: RestCorpus, value: string) =>
      edited(c, (t) => t.replace('"peildatum":', `"diep":${value},"peildatum":`));
    // prettier-ignore
    cases(world, [
      ['65 arrays in the payload', 400, 'JSON_TOO_DEEP', (c) => inPayload(c, arrays(65))],
      ['65 objects in the payload', 400, 'JSON_TOO_DEEP', (c) => inPayload(c, objects(65))],
      ['100,000 arrays in the payload', 400, 'JSON_TOO_DEEP', (c) => inPayload(c, arrays(100_000))],
      ['nesting in the envelope', 400, 'JSON_TOO_DEEP', (c) => edited(c, (t) => t.replace('"envelope":{', `"envelope":{"diep":${arrays(80)},`))],
      ['10,000 opening brackets and no closing ones', 400, 'JSON_TOO_DEEP', (c) => c.post('['.repeat(10_000))],
      ['a token request nested 100 deep', 400, 'JSON_TOO_DEEP', (c) => c.token(objects(100), JSON_TYPE)],
      ['a portal login nested 100 deep', 400, 'JSON_TOO_DEEP', (c) => login(c, `{"name":${arrays(100)}}`)],
      ['a portal key request nested 100 deep', 400, 'JSON_TOO_DEEP', (c) => portalPost(c, '/v1/portal/keys', `{"publicKey":${objects(100)}}`)],
      ['bracketed form names (flat: extended parsing is off)', 400, 'USAGE_INVALID', (c) => c.token('a[b][c][d][e]=1&grant_type[x]=client_credentials')],
    ]);
  });

  describe('duplicate member names', () => {
    const [telecom, duo] = [oin('telecom'), oin('duo')];
    // prettier-ignore
    cases(world, [
      ['the envelope twice', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('{"envelope":', '{"envelope":{},"envelope":'))],
      ['the payload twice', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('"payload":', '"payload":{},"payload":'))],
      ['the sender twice, another OIN first', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('"sender":', `"sender":"${telecom}","sender":`))],
      ['the recipient twice', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('"recipient":', `"recipient":"${duo}","recipient":`))],
      ['a name twice deep in the payload', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('"achternaam":', '"achternaam":"x","achternaam":'))],
      ['a name twice, once escaped (\\u0073ender)', 400, 'JSON_DUPLICATE_NAME', (c) => edited(c, (t) => t.replace('"sender":', '"\\u0073ender":"x","sender":'))],
      ['grant_type twice in a token JSON', 400, 'JSON_DUPLICATE_NAME', (c) => c.token(c.tokenJson().replace('{', '{"grant_type":"password",'), JSON_TYPE)],
      ['client_assertion twice in a token form', 400, 'USAGE_INVALID', (c) => c.token(c.tokenForm('&client_assertion=x.y.z'))],
      ['grant_type twice in a token form', 400, 'USAGE_INVALID', (c) => c.token(`grant_type=password&${c.tokenForm()}`)],
      ['the name twice in a portal login', 400, 'JSON_DUPLICATE_NAME', (c) => login(c, '{"name":"a","name":"energie.beheer","password":"x","code":"1"}')],
      ['the envelope twice at the portal outbox', 400, 'JSON_DUPLICATE_NAME', (c) => portalPost(c, outbox, energie(c).replace('{"envelope":', '{"envelope":{},"envelope":'))],
      ['a query parameter twice (limit)', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/mailbox?limit=1&limit=500')],
      ['a query parameter twice (module)', 400, 'USAGE_INVALID', (c) => c.send('GET', '/v1/participants?module=schuldregeling&module=x')],
    ]);
  });

  describe('__proto__ and constructor members', () => {
    const own = (name: string, value: unknown): Record<string, string> =>
      JSON.parse(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`) as Record<string, string>;
    const payloadWith = (c: RestCorpus, name: string, value: unknown) =>
      c.submit(c.withPayload((p) => ({ ...own(name, value), ...p })));
    const login = (c: RestCorpus, body: string) => portalPost(c, '/v1/portal/session', body);
    // prettier-ignore
    cases(world, [
      ['the message only under __proto__', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => `{"__proto__":${t}}`)],
      ['the envelope under __proto__', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace('{"envelope":', '{"__proto__":'))],
      ['the envelope under constructor.prototype', 400, 'MALFORMED_MESSAGE', (c) => edited(c, (t) => t.replace('{"envelope":', '{"constructor":{"prototype":{"envelope":{}}},"x":'))],
      ['a signed envelope with __proto__', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith(own('__proto__', 'x')))],
      ['a signed envelope with constructor', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith(own('constructor', 'x')))],
      ['a signed envelope with hasOwnProperty', 422, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith(own('hasOwnProperty', 'x')))],
      ['a signed payload with __proto__', 422, 'SCHEMA_INVALID', (c) => payloadWith(c, '__proto__', { polluted: true })],
      ['a signed payload with constructor.prototype', 422, 'SCHEMA_INVALID', (c) => payloadWith(c, 'constructor', { prototype: { polluted: true } })],
      ['a token request under __proto__', 400, 'USAGE_INVALID', (c) => c.token(`{"__proto__":${c.tokenJson()}}`, JSON_TYPE)],
      ['a token request under constructor', 400, 'USAGE_INVALID', (c) => c.token(`{"constructor":${c.tokenJson()}}`, JSON_TYPE)],
      ['a token form with __proto__[grant_type]', 400, 'USAGE_INVALID', (c) => c.token('__proto__[grant_type]=client_credentials&__proto__=x')],
      ['a portal login under __proto__', 400, 'USAGE_INVALID', (c) => login(c, '{"__proto__":{"name":"energie.beheer","password":"x","code":"123456"}}')],
    ]);
    it('leaves Object.prototype as it was', () => {
      const probe: Record<string, unknown> = {};
      expect([probe['polluted'], probe['grant_type'], probe['envelope']]).to.deep.equal([
        undefined,
        undefined,
        undefined,
      ]);
    });
  });
});
