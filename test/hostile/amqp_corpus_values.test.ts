/**
 * The hostile-input corpus over AMQP, the values in a message (issue 12): huge numbers and
 * strings, bytes that are not UTF-8, lone surrogates (escaped and raw) and look-alike Unicode
 * in identifiers — OINs, message ids, types and the AMQP `type` property. Every case gets its
 * own code in a signed rejection receipt, stores nothing and leaves the hub serving
 * (amqp_corpus_world.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Payload } from '@knooppunt/standard';
import { AmqpCorpus, cases, oin } from './amqp_corpus_world.ts';

describe('hostile AMQP values: huge numbers and strings, bad bytes, surrogates, look-alikes', function () {
  this.timeout(60_000);
  let corpus: AmqpCorpus;
  const world = (): AmqpCorpus => corpus;

  before(async function () {
    corpus = await AmqpCorpus.start(this, { ledger: 'sqlite' });
  });
  after(async () => corpus?.stop());

  describe('huge numbers and strings', () => {
    const huisnummer = (c: AmqpCorpus, value: string) =>
      c.edited((t) => t.replace('"huisnummer":', `"huisnummer":${value},"x":`));
    /** A signed saldoverzoek whose debtor lives at house number `value`. */
    const house = (c: AmqpCorpus, value: number) =>
      c.submit(
        c.withPayload((p) => {
          const schuldenaar = p['schuldenaar'] as { adres: Record<string, unknown> };
          return {
            ...p,
            schuldenaar: { ...schuldenaar, adres: { ...schuldenaar.adres, huisnummer: value } },
          } as Payload;
        }),
      );
    // prettier-ignore
    cases(world, [
      ['a house number of 1e308, signed', 'SCHEMA_INVALID', (c) => house(c, 1e308)],
      ['a house number of 2^60, signed', 'SCHEMA_INVALID', (c) => house(c, 2 ** 60)],
      ['a house number of 1e400', 'JSON_NUMBER_INVALID', (c) => huisnummer(c, '1e400')],
      ['a house number of -1e400', 'JSON_NUMBER_INVALID', (c) => huisnummer(c, '-1e400')],
      ['a number of 400 digits', 'JSON_NUMBER_INVALID', (c) => huisnummer(c, '9'.repeat(400))],
      ['an ack whose messageId is 1e999', 'JSON_NUMBER_INVALID', (c) => c.raw('{"messageId":1e999}', { type: 'ack' })],
      ['a 200 KB toelichting, signed', 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...p, toelichting: 'x'.repeat(200_000) })))],
      ['a 10 KB messageId, signed', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: 'a'.repeat(10_000) }))],
      ['a 10 KB messageType, signed', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageType: 'a'.repeat(10_000) }))],
      ['a 60 KB messageId, signed (claims just under 64 KiB)', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: 'a'.repeat(60_000) }))],
      ['signed claims over 64 KiB (a 100 KB messageId)', 'SIGNATURE_INVALID', (c) => c.submit(c.signedWith({ messageId: 'a'.repeat(100_000) }))],
      ['10,000 members in the payload, signed', 'SCHEMA_INVALID', (c) => c.submit(c.withPayload((p) => ({ ...p, ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`m${i}`, i])) })))],
      ['a 200 KB signature', 'SIGNATURE_MALFORMED', (c) => c.edited((t) => t.replace(/"signature":"[^"]*"/, `"signature":"${'a'.repeat(200_000)}.b.c"`))],
      ['an ack of a 100 KB message id', 'MESSAGE_NOT_FOUND', (c) => c.raw(JSON.stringify({ messageId: 'a'.repeat(100_000) }), { type: 'ack' })],
    ]);
  });

  describe('bytes that are not UTF-8 and lone surrogates', () => {
    const bytes = (c: AmqpCorpus, bad: number[]) =>
      c.edited((t) => {
        const [head, tail] = t.split('"peildatum":') as [string, string];
        return Buffer.concat([
          Buffer.from(`${head}"x":"`),
          Buffer.from(bad),
          Buffer.from(`","peildatum":${tail}`),
        ]);
      });
    const inPayload = (c: AmqpCorpus, text: string) =>
      c.edited((t) => t.replace('"peildatum":', `${text},"peildatum":`));
    const ack = (c: AmqpCorpus, bytes: Buffer) => c.raw(bytes, { type: 'ack' });
    // prettier-ignore
    cases(world, [
      ['an overlong "/" (C0 AF)', 'JSON_INVALID_UTF8', (c) => bytes(c, [0xc0, 0xaf])],
      ['a surrogate encoded in UTF-8 (ED A0 80)', 'JSON_INVALID_UTF8', (c) => bytes(c, [0xed, 0xa0, 0x80])],
      ['a truncated sequence (E2 82)', 'JSON_INVALID_UTF8', (c) => bytes(c, [0xe2, 0x82])],
      ['FF FE', 'JSON_INVALID_UTF8', (c) => bytes(c, [0xff, 0xfe])],
      ['a code point above U+10FFFF (F4 90 80 80)', 'JSON_INVALID_UTF8', (c) => bytes(c, [0xf4, 0x90, 0x80, 0x80])],
      ['a lone continuation byte (80)', 'JSON_INVALID_UTF8', (c) => bytes(c, [0x80])],
      ['an ack with 0xFF in its messageId', 'JSON_INVALID_UTF8', (c) => ack(c, Buffer.concat([Buffer.from('{"messageId":"'), Buffer.from([0xff]), Buffer.from('"}')]))],
      ['a lone high surrogate, escaped', 'JSON_LONE_SURROGATE', (c) => inPayload(c, '"x":"\\ud800"')],
      ['a lone low surrogate, escaped', 'JSON_LONE_SURROGATE', (c) => inPayload(c, '"x":"a\\udc00b"')],
      ['two high surrogates in a row', 'JSON_LONE_SURROGATE', (c) => inPayload(c, '"x":"\\ud800\\ud800"')],
      ['a lone surrogate in a member name', 'JSON_LONE_SURROGATE', (c) => inPayload(c, '"\\udfff":1')],
      ['a lone surrogate in the envelope messageId', 'JSON_LONE_SURROGATE', (c) => c.edited((t) => t.replace(/"messageId":"[^"]*"/, '"messageId":"\\ud83d"'))],
      ['a lone surrogate in an ack', 'JSON_LONE_SURROGATE', (c) => ack(c, Buffer.from('{"messageId":"\\ud800"}'))],
    ]);
  });

  describe('look-alike Unicode in identifiers', () => {
    const fullwidth = (text: string): string =>
      text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const arabic = (text: string): string =>
      text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const cyrillic = (text: string): string => text.replace(/a/g, '\u0430').replace(/e/g, '\u0435');
    const [gemeente, energie] = [oin('gemeente'), oin('energie')];
    // prettier-ignore
    cases(world, [
      ['a sender OIN in fullwidth digits', 'SENDER_MISMATCH', (c) => c.submit(c.signedWith({ sender: fullwidth(gemeente) }))],
      ['a sender OIN with a zero-width space', 'SENDER_MISMATCH', (c) => c.submit(c.signedWith({ sender: `${gemeente}\u200b` }))],
      ['a recipient OIN in Arabic-Indic digits', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ recipient: arabic(energie) }))],
      ['a recipient OIN with a zero-width space', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ recipient: `${energie}\u200b` }))],
      ['a module with Cyrillic letters', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ module: cyrillic('schuldinventarisatie') }))],
      ['a messageType with a Cyrillic a', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageType: cyrillic('saldoverzoek') }))],
      ['a messageId with a Cyrillic a', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: cyrillic(randomUUID()) }))],
      ['a conversationId with a zero-width joiner', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ conversationId: `${randomUUID()}\u200d` }))],
      ['a version in fullwidth digits', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ version: fullwidth('2.0') }))],
      ['an inReplyTo with a right-to-left override', 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ inReplyTo: `\u202e${randomUUID()}` }))],
      ['the type property submission with a Cyrillic i', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'subm\u0456ssion' })],
      ['the type property ack in fullwidth letters', 'MALFORMED_MESSAGE', (c) => c.raw('{"messageId":"x"}', { type: '\uff41\uff43\uff4b' })],
      ['an ack of a message id with a Cyrillic a', 'MESSAGE_NOT_FOUND', (c) => c.raw(JSON.stringify({ messageId: cyrillic('aaaaaaaa-0000-4000-8000-000000000000') }), { type: 'ack' })],
    ]);
  });
});
