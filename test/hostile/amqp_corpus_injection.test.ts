/**
 * The hostile-input corpus over AMQP, injection (issue 12): MongoDB operator objects and SQL
 * fragments in every envelope identifier (as plain JSON and signed) — judged before the ledger
 * is asked, so on the SQLite ledger — and in the id an acknowledgement names, which the ledger
 * looks up — on the MongoDB ledger, where an operator object would matter; and path traversal
 * in ids and in the AMQP `type` property. Every case gets its own code in a signed rejection
 * receipt, stores nothing and leaves the hub serving (amqp_corpus_world.ts).
 */
import { expect } from 'chai';
import { AmqpCorpus, cases, MONGO_OPERATORS, SQL_FRAGMENTS } from './amqp_corpus_world.ts';
import type { Case } from './amqp_corpus_world.ts';

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

/** Path traversal in an id, as the raw string. */
const TRAVERSALS = [
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  'a/../../b\u0000',
] as const;

const [QUOTE, DROP, UNION] = SQL_FRAGMENTS;

describe('hostile AMQP injection: operators, SQL and traversal in identifiers', function () {
  this.timeout(60_000);
  const operator = (i: number) => MONGO_OPERATORS[i % MONGO_OPERATORS.length];
  const ack = (c: AmqpCorpus, messageId: unknown) =>
    c.raw(JSON.stringify({ messageId }), { type: 'ack' });

  describe('in envelopes, judged before the ledger is asked (SQLite ledger)', () => {
    let corpus: AmqpCorpus;
    const world = (): AmqpCorpus => corpus;
    before(async function () {
      corpus = await AmqpCorpus.start(this, { ledger: 'sqlite' });
    });
    after(async () => corpus?.stop());

    describe('MongoDB operator objects in envelope identifiers, unsigned', () => {
      // prettier-ignore
      cases(world, IDENTIFIERS.map((field, i): Case => [
        `${field} as ${JSON.stringify(operator(i))}`, 'MALFORMED_MESSAGE', (c) => {
          const m = c.message();
          return c.raw(JSON.stringify({ ...m, envelope: { ...m.envelope, [field]: operator(i) } }));
        },
      ]));
    });

    describe('MongoDB operator objects in envelope identifiers, signed', () => {
      // prettier-ignore
      cases(world, IDENTIFIERS.map((field, i): Case => [
        `${field} as ${JSON.stringify(operator(i + 1))}, signed`, 'MALFORMED_MESSAGE', (c) => c.submit(c.signedWith({ [field]: operator(i + 1) })),
      ]));
    });

    describe('SQL fragments in signed envelope identifiers', () => {
      const codeOf = (field: string): string =>
        field === 'sender'
          ? 'SENDER_MISMATCH'
          : field === 'createdAt'
            ? 'CLOCK_SKEW'
            : 'SCHEMA_INVALID';
      // prettier-ignore
      cases(world, IDENTIFIERS.flatMap((field) => [QUOTE, DROP].map((fragment): Case => [
        `${field} of ${fragment}`, codeOf(field), (c) => c.submit(c.signedWith({ [field]: fragment })),
      ])));
    });

    describe('path traversal in envelope ids', () => {
      // prettier-ignore
      cases(world, [
        ...TRAVERSALS.map((id): Case => [`a signed messageId of ${JSON.stringify(id)}`, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ messageId: id }))]),
        ...TRAVERSALS.map((id): Case => [`a signed conversationId of ${JSON.stringify(id)}`, 'SCHEMA_INVALID', (c) => c.submit(c.signedWith({ conversationId: id }))]),
        ['a type property of ../ack', 'MALFORMED_MESSAGE', (c) => c.raw('{"messageId":"x"}', { type: '../ack' })],
        ['a type property of submission/../ack', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'submission/../ack' })],
      ]);
    });
  });

  describe('in the id an acknowledgement looks up (MongoDB ledger)', () => {
    let corpus: AmqpCorpus;
    const world = (): AmqpCorpus => corpus;
    before(async function () {
      corpus = await AmqpCorpus.start(this, { ledger: 'mongodb' });
    });
    after(async () => corpus?.stop());

    describe('operators and SQL in the id an acknowledgement names', () => {
      // prettier-ignore
      cases(world, [
        ...MONGO_OPERATORS.map((value): Case => [`an ack of ${JSON.stringify(value)}`, 'MALFORMED_MESSAGE', (c) => ack(c, value)]),
        ...SQL_FRAGMENTS.map((value): Case => [`an ack of ${value}`, 'MESSAGE_NOT_FOUND', (c) => ack(c, value)]),
        ['an ack of the JSON text of an operator', 'MESSAGE_NOT_FOUND', (c) => ack(c, JSON.stringify(MONGO_OPERATORS[0]))],
        ['an ack of a regular expression', 'MESSAGE_NOT_FOUND', (c) => ack(c, '.*')],
        ['an ack naming $where in its body', 'MALFORMED_MESSAGE', (c) => c.raw('{"$where":"this.recipient != null"}', { type: 'ack' })],
        ['an ack of an array of ids', 'MALFORMED_MESSAGE', (c) => ack(c, [UNION, QUOTE])],
      ]);

      it('an ack of {"$ne": null} picks nothing up: energie’s delivered messages stay delivered', async () => {
        await corpus.stillServes();
        const before = await corpus.count(['picked-up']);
        const energie = corpus.recipient;
        const sent = energie.received.length;
        await energie.publish(JSON.stringify({ messageId: { $ne: null } }), { type: 'ack' });
        await energie.receiptAfter(sent);
        expect(await corpus.count(['picked-up'])).to.equal(before);
      });
    });

    describe('path traversal in the id an acknowledgement names', () => {
      // prettier-ignore
      cases(world, TRAVERSALS.map((id): Case => [`an ack of ${JSON.stringify(id)}`, 'MESSAGE_NOT_FOUND', (c) => ack(c, id)]));
    });
  });
});
