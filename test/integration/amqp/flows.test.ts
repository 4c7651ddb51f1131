/**
 * The AMQP transport over the same pipeline as REST, against the real RabbitMQ and the MongoDB
 * ledger: AMQP sender → REST recipient, REST sender → AMQP recipient, AMQP → AMQP, pickup by
 * an `ack` message, and receipts that carry the same signed claims as REST's.
 */
import { expect } from 'chai';
import { verifyReceipt } from '@knooppunt/standard';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

describe('AMQP transport: mixed-transport flows (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let gemeente: ParticipantAmqp;
  let energie: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    await world.preferAmqp('energie');
    gemeente = await world.connect('gemeente');
    energie = await world.connect('energie');
  });
  after(async () => world?.stop());

  it('AMQP sender → REST recipient: receipt on the sender queue, message in the REST mailbox', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    await gemeente.submit(message);
    const body = await gemeente.receipt(message.envelope.messageId);
    expect(body).to.include({ status: 'accepted', messageId: message.envelope.messageId });
    const claims = verifyReceipt(
      body['receipt'] as string,
      world.testHub.hub.hubSigner.certificate,
    );
    expect(claims).to.include({ status: 'accepted', sender: devOin('gemeente') });
    const stored = await world.testHub.hub.ledger.getMessage(message.envelope.messageId);
    expect(stored).to.include({ transport: 'amqp', route: 'rest', status: 'accepted' });
    const fetched = await world.testHub.client('cjib').fetchMessage(message.envelope.messageId);
    expect(fetched.status).to.equal(200);
  });

  it('REST sender → AMQP recipient: relayed to its queue with message_id, delivered, picked up by an ack message', async () => {
    const message = saldoverzoek(world.testHub, 'kredietbank', 'energie');
    const response = await world.testHub.client('kredietbank').submit(message);
    expect(response.status).to.equal(201);
    const id = message.envelope.messageId;
    const delivery = await energie.delivery(id);
    expect(delivery['envelope']).to.deep.equal(message.envelope);
    expect(delivery['signature']).to.equal(message.signature);
    await world.waitForStatus(id, 'delivered');
    await energie.publish('ack', { messageId: id });
    await world.waitForStatus(id, 'picked-up');
    const events = await world.testHub.hub.ledger.listEvents(id);
    expect(events.map((e) => e.type)).to.deep.equal(['received', 'delivered', 'picked-up']);
    expect(events[1]?.data).to.deep.equal({ transport: 'amqp' });
  });

  it('AMQP → AMQP: a message published by one participant arrives on the other one’s queue', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'energie');
    await gemeente.submit(message);
    expect(await gemeente.receipt(message.envelope.messageId)).to.include({ status: 'accepted' });
    await energie.delivery(message.envelope.messageId);
    await world.waitForStatus(message.envelope.messageId, 'delivered');
  });

  it('gives the same receipt claims over AMQP as over REST, verifiable with the hub certificate', async () => {
    const overRest = saldoverzoek(world.testHub, 'gemeente', 'duo');
    const overAmqp = saldoverzoek(world.testHub, 'gemeente', 'duo');
    const rest = await world.testHub.client('gemeente').submit(overRest);
    await gemeente.submit(overAmqp);
    const amqpBody = await gemeente.receipt(overAmqp.envelope.messageId);
    const certificate = world.testHub.hub.hubSigner.certificate;
    const restClaims = verifyReceipt(rest.body.receipt, certificate);
    const amqpClaims = verifyReceipt(amqpBody['receipt'] as string, certificate);
    expect(Object.keys(amqpClaims).sort()).to.deep.equal(Object.keys(restClaims).sort());
    expect(amqpClaims).to.include({ status: 'accepted', hub: restClaims.hub });
    const restKeys = Object.keys(rest.body as object).sort();
    expect(Object.keys(amqpBody).sort()).to.deep.equal(restKeys);
  });

  it('gives a resubmitted message its original receipt, marked duplicate, and stores it once', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'cak');
    await gemeente.submit(message);
    const first = await gemeente.receipt(message.envelope.messageId);
    await gemeente.submit(message);
    const second = await gemeente.waitFor(
      (m) =>
        m.properties.correlationId === message.envelope.messageId &&
        JSON.parse(m.content.toString('utf8')).duplicate === true,
    );
    expect(JSON.parse(second.content.toString('utf8')).receipt).to.equal(first['receipt']);
    const events = await world.testHub.hub.ledger.listEvents(message.envelope.messageId);
    expect(events.filter((e) => e.type === 'received')).to.have.length(1);
  });

  it('serves the AsyncAPI 3 document naming the exchanges, the queues and the vhost in use', async () => {
    const response = await fetch(`${world.testHub.baseUrl}/asyncapi.json`);
    expect(response.status).to.equal(200);
    const document = (await response.json()) as {
      asyncapi: string;
      servers: { broker: { pathname: string } };
      channels: object;
    };
    expect(document.asyncapi).to.equal('3.0.0');
    expect(JSON.stringify(document.channels)).to.include('knooppunt.dead-letters');
    expect(JSON.stringify(document.channels)).to.include(`"vhost":"${world.vhost.name}"`);
    expect(document.servers.broker.pathname).to.equal(`/${world.vhost.name}`);
  });

  it('reports the broker in readiness', async () => {
    const response = await fetch(`${world.testHub.baseUrl}/v1/ready`);
    expect(((await response.json()) as { checks: object }).checks).to.include({ broker: 'ok' });
  });
});
