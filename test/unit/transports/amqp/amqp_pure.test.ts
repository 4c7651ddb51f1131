/**
 * The pure parts of the AMQP transport: how inbound messages are classified, the permissions a
 * participant's broker user gets, the reconnect backoff, and the topology arguments every hub
 * must declare identically.
 */
import { expect } from 'chai';
import { backoffMs } from '../../../../src/transports/amqp/connection.ts';
import {
  classifyInbound,
  receiptProperties,
  unsupportedMedia,
} from '../../../../src/transports/amqp/messages.ts';
import type { PipelineResult } from '../../../../src/pipeline/types.ts';
import { participantPermissions, vhostOf } from '../../../../src/transports/amqp/provisioning.ts';
import { ARGUMENTS, NAMES, participantQueue } from '@knooppunt/standard';
import { asyncApiDocument } from '../../../../src/transports/amqp/asyncapi.ts';

const OIN = '00000001002220647000';

describe('AMQP transport (pure parts)', () => {
  it('dead-letters a message without user_id: nobody to answer', () => {
    expect(classifyInbound({ type: 'submission' }, 10, 100)).to.deep.equal({
      kind: 'dead-letter',
      why: 'no user_id property',
    });
  });

  it('classifies by size first, then by the type property', () => {
    expect(classifyInbound({ userId: OIN, type: 'submission' }, 101, 100).kind).to.equal(
      'too-large',
    );
    expect(classifyInbound({ userId: OIN, type: 'ack' }, 10, 100).kind).to.equal('ack');
    expect(classifyInbound({ userId: OIN, type: 'submission' }, 10, 100).kind).to.equal(
      'submission',
    );
    expect(classifyInbound({ userId: OIN }, 10, 100)).to.include({ kind: 'unknown-type' });
  });

  it('reads only plain JSON: application/json (charset utf-8 at most), no content encoding but utf-8', () => {
    for (const contentType of ['application/json', 'Application/JSON; charset="UTF-8"']) {
      expect(unsupportedMedia({ contentType }), contentType).to.equal(undefined);
    }
    expect(
      unsupportedMedia({ contentType: 'application/json', contentEncoding: 'utf-8' }),
    ).to.equal(undefined);
    for (const contentType of [undefined, '', 'text/plain', 'application/json; charset=utf-16']) {
      expect(unsupportedMedia({ contentType }), String(contentType)).to.be.a('string');
    }
    for (const contentEncoding of ['gzip', 'deflate', 'utf-16', '', 42]) {
      expect(
        unsupportedMedia({ contentType: 'application/json', contentEncoding }),
        String(contentEncoding),
      ).to.be.a('string');
    }
  });

  it('leaves an id longer than an AMQP short string out of a receipt’s correlation_id', () => {
    const result = (messageId: string) => ({ claims: { messageId } }) as unknown as PipelineResult;
    const now = new Date('2027-05-03T10:00:00Z');
    expect(receiptProperties(result('a'.repeat(255)), now).correlationId).to.have.length(255);
    expect(receiptProperties(result('a'.repeat(256)), now).correlationId).to.equal(undefined);
    expect(receiptProperties(result('é'.repeat(128)), now, 'inbound').correlationId).to.equal(
      'inbound',
    );
  });

  it('gives a participant no configure right, write on the inbound exchange only, read on its own queue only', () => {
    const permissions = participantPermissions(OIN);
    expect(permissions.configure).to.equal('^$');
    expect(new RegExp(permissions.write).test(NAMES.inboundExchange)).to.equal(true);
    expect(new RegExp(permissions.write).test(NAMES.deliveriesExchange)).to.equal(false);
    expect(new RegExp(permissions.write).test('knooppunt-inbound')).to.equal(false);
    expect(new RegExp(permissions.read).test(participantQueue(OIN))).to.equal(true);
    expect(new RegExp(permissions.read).test(participantQueue('00000001003214345000'))).to.equal(
      false,
    );
  });

  it('reads the vhost from the AMQP URL', () => {
    expect(vhostOf('amqp://u:p@h:5672')).to.equal('/');
    expect(vhostOf('amqp://u:p@h:5672/knooppunt-test-1')).to.equal('knooppunt-test-1');
    expect(vhostOf('amqp://u:p@h/%2F')).to.equal('/');
  });

  it('backs off exponentially with jitter, capped', () => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const delay = backoffMs(attempt, 200, 10_000);
      const base = Math.min(10_000, 200 * 2 ** attempt);
      expect(delay).to.be.within(base / 2, base);
    }
  });

  it('declares every queue as a quorum queue and dead-letters the inbound queue', () => {
    for (const args of Object.values(ARGUMENTS)) expect(args['x-queue-type']).to.equal('quorum');
    expect(ARGUMENTS.inboundQueue['x-dead-letter-exchange']).to.equal(NAMES.deadLetterExchange);
  });

  it('describes the topology in an AsyncAPI 3.0 document, naming the vhost in use', () => {
    const document = asyncApiDocument({ host: 'rabbit:5672', vhost: 'knooppunt/prod' }) as {
      asyncapi: string;
      servers: { broker: { host: string; pathname: string } };
      channels: Record<
        string,
        { address: string; bindings?: { amqp: { exchange: { vhost: string } } } }
      >;
    };
    expect(document.asyncapi).to.equal('3.0.0');
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    expect(addresses).to.include.members([NAMES.inboundExchange, NAMES.deadLetterQueue]);
    expect(document.servers.broker).to.include({
      host: 'rabbit:5672',
      pathname: '/knooppunt%2Fprod',
    });
    const vhosts = Object.values(document.channels).flatMap((channel) =>
      channel.bindings === undefined ? [] : [channel.bindings.amqp.exchange.vhost],
    );
    expect(vhosts).to.have.length.greaterThan(0);
    expect(new Set(vhosts)).to.deep.equal(new Set(['knooppunt/prod']));
  });
});
