/**
 * The hostile-input corpus over AMQP, properties and the broker's boundary (issue 12): AMQP
 * properties that contradict the envelope or try to redirect the answer (message_id, type,
 * app_id, reply_to, correlation_id, user_id), headers nested deep enough to exhaust a
 * decoder's stack and headers larger than any need, and the permission boundary every
 * participant's broker user has — publishing to another participant's queue or to the hub's
 * exchanges, consuming or purging another's queue, declaring and binding — which the broker
 * itself must refuse. Cases the hub answers get their code in a signed rejection receipt;
 * cases the broker refuses get the broker's reply code; either way nothing is stored and the
 * hub serves the next message (amqp_corpus_world.ts).
 */
import { expect } from 'chai';
import amqp from 'amqplib';
import { NAMES, participantQueue } from '@knooppunt/standard';
import { amqpPassword, createTestVhost } from '../support/amqp.ts';
import {
  AmqpCorpus,
  brokerCases,
  cases,
  oin,
  publishOn,
  queueDepth,
  refusalOf,
} from './amqp_corpus_world.ts';
import type { BrokerRefusal } from './amqp_corpus_world.ts';

describe('hostile AMQP properties and the broker boundary', function () {
  this.timeout(60_000);
  let corpus: AmqpCorpus;
  const world = (): AmqpCorpus => corpus;

  before(async function () {
    corpus = await AmqpCorpus.start(this, { ledger: 'sqlite' });
  });
  after(async () => corpus?.stop());

  /** Headers nested `depth` tables deep. */
  const nested = (depth: number): Record<string, unknown> => {
    let headers: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < depth; i += 1) headers = { a: headers };
    return headers;
  };
  /** Headers holding arrays nested `depth` deep. */
  const arrays = (depth: number): Record<string, unknown> => {
    let value: unknown = [1];
    for (let i = 0; i < depth; i += 1) value = [value];
    return { a: value };
  };

  describe('properties that contradict the envelope or redirect the answer', () => {
    const [energie, cjib] = [oin('energie'), oin('cjib')];
    // prettier-ignore
    cases(world, [
      ['a message_id other than the envelope’s', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { messageId: crypto.randomUUID() })],
      ['a message_id of a message already accepted', 'MALFORMED_MESSAGE', async (c) => { const earlier = c.message(); await c.submit(earlier); await c.delivered(earlier.envelope.messageId); await c.rebase(); return c.submit(c.message(), { messageId: earlier.envelope.messageId }); }],
      ['a message_id with the envelope’s id in upper case', 'MALFORMED_MESSAGE', (c) => { const m = c.message(); return c.submit(m, { messageId: m.envelope.messageId.toUpperCase() }); }],
      ['type ack with a submission body', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'ack' })],
      ['type submission with an ack body', 'MALFORMED_MESSAGE', (c) => c.raw(JSON.stringify({ messageId: crypto.randomUUID() }), { type: 'submission' })],
      ['type receipt (the hub’s own)', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'receipt' })],
      ['type message (the hub’s own)', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'message' })],
      ['no type', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: null })],
      ['type SUBMISSION', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'SUBMISSION' })],
      ['type saldoverzoek (the envelope’s message type)', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { type: 'saldoverzoek' })],
      ['app_id naming energie, with energie’s message', 'SENDER_MISMATCH', (c) => c.submit(c.message('energie', 'gemeente'), { appId: energie })],
      ['reply_to energie’s queue: the refusal still comes to gemeente', 'SIGNATURE_MALFORMED', (c) => c.edited((t) => t.replace(/"signature":"[^"]*"/, '"signature":"x"'), { replyTo: participantQueue(energie) })],
      ['reply_to cjib’s queue and correlation_id of another message', 'SENDER_MISMATCH', (c) => c.submit(c.message('cjib', 'energie'), { replyTo: participantQueue(cjib), correlationId: crypto.randomUUID() })],
      ['headers naming another sender (x-sender, user)', 'SENDER_MISMATCH', (c) => c.submit(c.message('energie', 'gemeente'), { headers: { 'x-sender': energie, user: energie, 'x-user-id': energie } })],
      ['priority 255 and an expiration of 0 on a forged message', 'SENDER_MISMATCH', (c) => c.submit(c.message('energie', 'gemeente'), { priority: 255, expiration: '60000' })],
    ]);
  });

  describe('headers too deep or too large', () => {
    /** A good message with headers nested `depth` deep, published from a worker. */
    const deep = async (c: AmqpCorpus, kind: 'tables' | 'arrays', depth: number) => {
      const m = c.message();
      const id = m.envelope.messageId;
      await c.publishNested(kind, depth, JSON.stringify(m), { type: 'submission', messageId: id });
      return { messageId: id };
    };
    // prettier-ignore
    cases(world, [
      ['headers nested 65 tables deep', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { headers: nested(65) })],
      ['headers nested 6,000 tables deep (past a decoder’s stack)', 'MALFORMED_MESSAGE', (c) => deep(c, 'tables', 6000)],
      ['headers of arrays nested 8,000 deep', 'MALFORMED_MESSAGE', (c) => deep(c, 'arrays', 8000)],
      ['headers nested 65 arrays deep', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { headers: arrays(65) })],
      ['a 40 KB header value', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { headers: { 'x-pad': 'x'.repeat(40_000) } })],
      ['2,000 headers', 'MALFORMED_MESSAGE', (c) => c.submit(c.message(), { headers: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`x-h${i}`, i])) })],
      ['deep headers on an ack', 'MALFORMED_MESSAGE', async (c) => { await c.publishNested('tables', 6000, JSON.stringify({ messageId: crypto.randomUUID() }), { type: 'ack', messageId: crypto.randomUUID() }); return {}; }],
    ]);

    it('accepts a message with a few shallow headers (tracing)', async () => {
      const before = corpus.sender.received.length;
      const sent = await corpus.submit(corpus.message(), {
        headers: {
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          'x-retry': 1,
          nested: { a: [1, 'b'] },
        },
      });
      expect((await corpus.sender.receiptAfter(before)).body.status).to.equal('accepted');
      await corpus.delivered(sent.messageId as string);
    });
  });

  describe('the permission boundary: the broker refuses', () => {
    const [gemeente, energie] = [oin('gemeente'), oin('energie')];
    /** A refusal provoked on a fresh channel of gemeente's connection. */
    const onChannel =
      (provoke: Parameters<AmqpCorpus['sender']['refusal']>[0]) => (c: AmqpCorpus) =>
        c.sender.refusal(provoke);
    const publishTo = (exchange: string, key: string, userId = gemeente) =>
      onChannel((ch) =>
        publishOn(ch, exchange, key, { envelope: {} }, { userId, type: 'submission' }),
      );
    /** The refusal of a connection attempt as `user` with `password` to `vhost`. */
    const connecting = async (url: string): Promise<BrokerRefusal> => {
      try {
        const model = await amqp.connect(url);
        await model.close();
        return { code: 0, text: 'connected' };
      } catch (error) {
        const message = (error as Error).message;
        // amqplib drops the reply code of a connection.close that answers connection.open;
        // RabbitMQ answers so only a vhost the user may not use (530 NOT_ALLOWED).
        if (message.includes('Expected ConnectionOpenOk; got <ConnectionClose')) {
          return { code: 530, text: 'NOT_ALLOWED' };
        }
        return { code: 403, text: /ACCESS_REFUSED/.exec(message)?.[0] ?? message };
      }
    };
    const password = (c: AmqpCorpus, handle: string) =>
      amqpPassword(c.testHub.dataDir, oin(handle));
    // prettier-ignore
    brokerCases(world, [
      ['publishing to energie’s queue through the default exchange', '403 ACCESS_REFUSED', publishTo('', participantQueue(energie))],
      ['publishing to the deliveries exchange, routed to energie', '403 ACCESS_REFUSED', publishTo(NAMES.deliveriesExchange, energie)],
      ['publishing to the dead-letter exchange', '403 ACCESS_REFUSED', publishTo(NAMES.deadLetterExchange, '')],
      ['publishing to amq.topic', '403 ACCESS_REFUSED', publishTo('amq.topic', '#')],
      ['publishing with user_id energie', '406 PRECONDITION_FAILED', publishTo(NAMES.inboundExchange, 'submission', energie)],
      ['publishing with user_id guest', '406 PRECONDITION_FAILED', publishTo(NAMES.inboundExchange, 'submission', 'guest')],
      ['publishing with its own OIN in fullwidth digits as user_id', '406 PRECONDITION_FAILED', publishTo(NAMES.inboundExchange, 'submission', gemeente.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))))],
      ['consuming energie’s queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.consume(participantQueue(energie), () => undefined))],
      ['getting a message from energie’s queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.get(participantQueue(energie)))],
      ['consuming the hub’s inbound queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.consume(NAMES.inboundQueue, () => undefined))],
      ['consuming the dead-letter queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.consume(NAMES.deadLetterQueue, () => undefined))],
      ['purging energie’s queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.purgeQueue(participantQueue(energie)))],
      ['deleting energie’s queue', '403 ACCESS_REFUSED', onChannel((ch) => ch.deleteQueue(participantQueue(energie)))],
      ['deleting the inbound exchange', '403 ACCESS_REFUSED', onChannel((ch) => ch.deleteExchange(NAMES.inboundExchange))],
      ['declaring a queue of its own', '403 ACCESS_REFUSED', onChannel((ch) => ch.assertQueue('', { exclusive: true }))],
      ['declaring an exchange', '403 ACCESS_REFUSED', onChannel((ch) => ch.assertExchange('knooppunt.evil', 'fanout'))],
      ['binding its queue to the deliveries exchange with energie’s OIN', '403 ACCESS_REFUSED', onChannel((ch) => ch.bindQueue(participantQueue(gemeente), NAMES.deliveriesExchange, energie))],
      ['binding the inbound queue to amq.fanout', '403 ACCESS_REFUSED', onChannel((ch) => ch.bindQueue(NAMES.inboundQueue, 'amq.fanout', ''))],
      ['binding the inbound exchange to the deliveries exchange', '403 ACCESS_REFUSED', onChannel((ch) => ch.bindExchange(NAMES.deliveriesExchange, NAMES.inboundExchange, 'submission'))],
      ['connecting as energie with gemeente’s password', '403 ACCESS_REFUSED', (c) => connecting(c.vhost.urlFor(energie, password(c, 'gemeente')))],
      ['connecting as gemeente to a vhost of another hub', '530 NOT_ALLOWED', async (c) => { const other = await createTestVhost(); try { return await connecting(other.urlFor(gemeente, password(c, 'gemeente'))); } finally { await other.remove(); } }],
    ]);

    it('a publish without user_id is dead-lettered unanswered: no receipt, nothing recorded', async () => {
      const before = await queueDepth(corpus, NAMES.deadLetterQueue);
      await corpus.brokerRefuses(async () => {
        await corpus.sender.publish(JSON.stringify(corpus.message()), { userId: null });
        const deadline = Date.now() + 10_000;
        while ((await queueDepth(corpus, NAMES.deadLetterQueue)) === before) {
          if (Date.now() > deadline) return { code: 0, text: 'not dead-lettered' };
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return { code: 0, text: 'DEAD_LETTERED' };
      }, '0 DEAD_LETTERED');
    });

    it('refusals left nothing on energie’s queue but its deliveries', () => {
      const kinds = new Set(corpus.recipient.received.map((m) => m.properties.type as string));
      expect([...kinds]).to.deep.equal(['message']);
      expect(refusalOf({ message: 'x 403 (ACCESS-REFUSED) y' })).to.deep.equal({
        code: 403,
        text: 'ACCESS_REFUSED',
      });
    });
  });
});
