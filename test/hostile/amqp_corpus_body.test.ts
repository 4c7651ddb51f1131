/**
 * The hostile-input corpus over AMQP, the shape of a body (issue 12): malformed and truncated
 * JSON, content types and encodings in the AMQP properties that are not plain JSON, oversized
 * bodies, deep nesting, duplicate member names and `__proto__` / `constructor` members, in
 * submissions and in acknowledgements. Every case gets its own code in a signed rejection
 * receipt, stores nothing and leaves the hub serving (amqp_corpus_world.ts).
 */
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { AmqpCorpus, cases } from './amqp_corpus_world.ts';
import type { Case } from './amqp_corpus_world.ts';

/** The body limit of this hub: small, so that oversized cases stay cheap. */
const LIMIT = 64 * 1024;

describe('hostile AMQP bodies: syntax, content types, sizes, nesting, names', function () {
  this.timeout(60_000);
  let corpus: AmqpCorpus;
  const world = (): AmqpCorpus => corpus;

  before(async function () {
    corpus = await AmqpCorpus.start(this, { maxBodyBytes: LIMIT, ledger: 'sqlite' });
  });
  after(async () => corpus?.stop());

  describe('malformed and truncated JSON', () => {
    const cut = (where: string, at: (length: number) => number): Case => [
      `a message cut ${where}`,
      'MALFORMED_MESSAGE',
      (c) => c.edited((t) => t.slice(0, at(t.length))),
    ];
    // prettier-ignore
    cases(world, [
      ['an empty body', 'MALFORMED_MESSAGE', (c) => c.raw('')],
      ['a single brace', 'MALFORMED_MESSAGE', (c) => c.raw('{')],
      cut('after one byte', () => 1),
      cut('at half', (n) => Math.floor(n / 2)),
      cut('inside the signature', (n) => n - 2),
      cut('before the last brace', (n) => n - 1),
      ['null', 'MALFORMED_MESSAGE', (c) => c.raw('null')],
      ['an array', 'MALFORMED_MESSAGE', (c) => c.raw('[]')],
      ['a number', 'MALFORMED_MESSAGE', (c) => c.raw('42')],
      ['an empty object', 'MALFORMED_MESSAGE', (c) => c.raw('{}')],
      ['trailing garbage', 'MALFORMED_MESSAGE', (c) => c.edited((t) => `${t}x`)],
      ['two messages in one body', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t + t)],
      ['single quotes', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t.replaceAll('"', "'"))],
      ['a NaN literal', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t.replace('"peildatum":', '"n":NaN,"peildatum":'))],
      ['a byte-order mark before the JSON', 'MALFORMED_MESSAGE', (c) => c.edited((t) => `\uFEFF${t}`)],
      ['an envelope that is an array', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t.replace(/"envelope":\{[^}]*\}/, '"envelope":[]'))],
      ['no signature', 'SIGNATURE_MALFORMED', (c) => c.edited((t) => t.replace(/,"signature":"[^"]*"/, ''))],
      ['a signature that is a number', 'SIGNATURE_MALFORMED', (c) => c.edited((t) => t.replace(/"signature":"[^"]*"/, '"signature":1'))],
      ['an ack cut short', 'MALFORMED_MESSAGE', (c) => c.raw('{"messageId":"', { type: 'ack' })],
      ['an ack that is null', 'MALFORMED_MESSAGE', (c) => c.raw('null', { type: 'ack' })],
      ['an ack whose messageId is a number', 'MALFORMED_MESSAGE', (c) => c.raw('{"messageId":42}', { type: 'ack' })],
    ]);
  });

  describe('content types and encodings in the AMQP properties', () => {
    /** Publishes a fresh good message with these properties. */
    const typed = (publish: Parameters<AmqpCorpus['submit']>[1]) => (c: AmqpCorpus) =>
      c.submit(c.message(), publish);
    // prettier-ignore
    cases(world, [
      ['content_type text/plain', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'text/plain' })],
      ['content_type application/xml', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'application/xml' })],
      ['content_type application/octet-stream', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'application/octet-stream' })],
      ['content_type application/jsonx', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'application/jsonx' })],
      ['content_type application/merge-patch+json', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'application/merge-patch+json' })],
      ['content_type */*', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: '*/*' })],
      ['no content_type', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: null })],
      ['an empty content_type', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: '' })],
      ['content_type application/json; charset=utf-16', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentType: 'application/json; charset=utf-16' })],
      ['UTF-16 bytes labelled charset=utf-16', 'UNSUPPORTED_MEDIA_TYPE', (c) => c.raw(Buffer.from(JSON.stringify(c.message()), 'utf16le'), { contentType: 'application/json; charset=utf-16' })],
      ['UTF-16 bytes labelled application/json (NULs between ASCII: valid UTF-8, not JSON)', 'MALFORMED_MESSAGE', (c) => c.raw(Buffer.from(JSON.stringify(c.message()), 'utf16le'))],
      ['content_encoding gzip, plain bytes sent', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentEncoding: 'gzip' })],
      ['content_encoding gzip, gzip bytes sent', 'UNSUPPORTED_MEDIA_TYPE', (c) => c.raw(gzipSync(JSON.stringify(c.message())), { contentEncoding: 'gzip' })],
      ['content_encoding deflate', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentEncoding: 'deflate' })],
      ['content_encoding of an unknown name', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentEncoding: 'x-evil' })],
      ['content_encoding utf-16', 'UNSUPPORTED_MEDIA_TYPE', typed({ contentEncoding: 'utf-16' })],
      ['an ack as text/plain', 'UNSUPPORTED_MEDIA_TYPE', (c) => c.raw(JSON.stringify({ messageId: 'x' }), { type: 'ack', contentType: 'text/plain' })],
      ['an ack without content_type', 'UNSUPPORTED_MEDIA_TYPE', (c) => c.raw(JSON.stringify({ messageId: 'x' }), { type: 'ack', contentType: null })],
    ]);

    it('accepts application/json with charset=utf-8 and content_encoding utf-8 (the AsyncAPI binding)', async () => {
      const before = corpus.sender.received.length;
      const sent = await corpus.submit(corpus.message(), {
        contentType: 'application/json; charset=UTF-8',
        contentEncoding: 'utf-8',
      });
      const { body } = await corpus.sender.receiptAfter(before);
      expect(body).to.include({ status: 'accepted', messageId: sent.messageId });
      await corpus.delivered(sent.messageId as string);
    });
  });

  describe('oversized bodies', () => {
    // prettier-ignore
    cases(world, [
      ['a message one byte over the limit', 'BODY_TOO_LARGE', (c) => c.edited((t) => t.replace('"peildatum":', `"pad":"${'x'.repeat(LIMIT - t.length - 8)}","peildatum":`))],
      ['a signed message with a toelichting over the limit', 'BODY_TOO_LARGE', (c) => c.submit(c.withPayload((p) => ({ ...p, toelichting: 'x'.repeat(LIMIT) })))],
      ['4 MiB of zeros', 'BODY_TOO_LARGE', (c) => c.raw(Buffer.alloc(4 << 20, 0x30))],
      ['an ack over the limit', 'BODY_TOO_LARGE', (c) => c.raw(JSON.stringify({ messageId: 'x'.repeat(LIMIT) }), { type: 'ack' })],
    ]);
  });

  describe('deep nesting', () => {
    const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
    const objects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const inPayload = (c: AmqpCorpus, value: string) =>
      c.edited((t) => t.replace('"peildatum":', `"diep":${value},"peildatum":`));
    // prettier-ignore
    cases(world, [
      ['65 arrays in the payload', 'JSON_TOO_DEEP', (c) => inPayload(c, arrays(65))],
      ['65 objects in the payload', 'JSON_TOO_DEEP', (c) => inPayload(c, objects(65))],
      ['30,000 arrays in the payload', 'JSON_TOO_DEEP', (c) => inPayload(c, arrays(30_000))],
      ['nesting in the envelope', 'JSON_TOO_DEEP', (c) => c.edited((t) => t.replace('"envelope":{', `"envelope":{"diep":${arrays(80)},`))],
      ['10,000 opening brackets and no closing ones', 'JSON_TOO_DEEP', (c) => c.raw('['.repeat(10_000))],
      ['an ack nested 100 deep', 'JSON_TOO_DEEP', (c) => c.raw(`{"messageId":${objects(100)}}`, { type: 'ack' })],
    ]);
  });

  describe('duplicate member names', () => {
    // prettier-ignore
    cases(world, [
      ['the envelope twice', 'JSON_DUPLICATE_NAME', (c) => c.edited((t) => t.replace('{"envelope":', '{"envelope":{},"envelope":'))],
      ['the payload twice', 'JSON_DUPLICATE_NAME', (c) => c.edited((t) => t.replace('"payload":', '"payload":{},"payload":'))],
      ['the sender twice, another OIN first', 'JSON_DUPLICATE_NAME', (c) => c.edited((t) => t.replace('"sender":', '"sender":"00000001003214345000","sender":'))],
      ['a name twice deep in the payload', 'JSON_DUPLICATE_NAME', (c) => c.edited((t) => t.replace('"achternaam":', '"achternaam":"x","achternaam":'))],
      ['a name twice, once escaped (\\u0073ender)', 'JSON_DUPLICATE_NAME', (c) => c.edited((t) => t.replace('"sender":', '"\\u0073ender":"x","sender":'))],
      ['the messageId twice in an ack', 'JSON_DUPLICATE_NAME', (c) => c.raw('{"messageId":"a","messageId":"b"}', { type: 'ack' })],
    ]);
  });

  describe('__proto__ and constructor members', () => {
    const own = (name: string, value: unknown): Record<string, unknown> =>
      JSON.parse(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`) as Record<string, unknown>;
    // prettier-ignore
    cases(world, [
      ['the message only under __proto__', 'MALFORMED_MESSAGE', (c) => c.edited((t) => `{"__proto__":${t}}`)],
      ['the envelope under __proto__', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t.replace('{"envelope":', '{"__proto__":'))],
      ['the envelope under constructor.prototype', 'MALFORMED_MESSAGE', (c) => c.edited((t) => t.replace('{"envelope":', '{"constructor":{"prototype":{"envelope":{}}},"x":'))],
      ['a signed envelope with __proto__', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith(own('__proto__', 'x')))],
      ['a signed envelope with constructor', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith(own('constructor', 'x')))],
      ['a signed payload with __proto__', 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...own('__proto__', { polluted: true }), ...p }) as never))],
      ['an ack with its messageId only under __proto__', 'MALFORMED_MESSAGE', (c) => c.raw('{"__proto__":{"messageId":"x"}}', { type: 'ack' })],
      ['an ack with its messageId only under constructor.prototype', 'MALFORMED_MESSAGE', (c) => c.raw('{"constructor":{"prototype":{"messageId":"x"}}}', { type: 'ack' })],
    ]);
    it('leaves Object.prototype as it was', () => {
      const probe: Record<string, unknown> = {};
      expect([probe['polluted'], probe['messageId'], probe['envelope']]).to.deep.equal([
        undefined,
        undefined,
        undefined,
      ]);
    });
  });
});
