/**
 * Identity and least privilege on the AMQP transport, against the real RabbitMQ: the sender is
 * the broker-validated user_id, a forged envelope sender is refused, the broker itself refuses
 * a foreign user_id, someone else's queue and the deliveries exchange; unreadable input gets a
 * rejection receipt and is dead-lettered without blocking the queue; suspension removes the
 * participant's broker user.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'chai';
import amqp from 'amqplib';
import { NAMES, participantQueue, verifyReceipt } from '@knooppunt/standard';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { amqpPassword, management, rabbitAvailable } from '../../support/amqp.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { startAmqpWorld } from './amqp_world.ts';
import { Provisioning } from '../../../src/transports/amqp/provisioning.ts';
import type { AmqpWorld } from './amqp_world.ts';

const MAX_BODY = 16_384;

describe('AMQP transport: identity, permissions and poison messages', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let gemeente: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld({ KNOOPPUNT_MAX_BODY_BYTES: String(MAX_BODY) });
    gemeente = await world.connect('gemeente');
  });
  after(async () => world?.stop());

  /** Opens a channel as `handle` and returns the broker's channel error of `provoke`. */
  async function channelError(
    handle: string,
    provoke: (client: ParticipantAmqp) => Promise<unknown>,
  ): Promise<{ code?: number; message: string }> {
    const client = await world.connect(handle, { consume: false });
    const closed = new Promise<{ code?: number; message: string }>((resolve) =>
      client.channel.once('error', (error: { code?: number; message: string }) => resolve(error)),
    );
    await provoke(client).catch(() => undefined);
    return closed;
  }

  it('refuses an envelope sender other than the broker-validated user (SENDER_MISMATCH) and stores nothing', async () => {
    const forged = saldoverzoek(world.testHub, 'kredietbank', 'cjib');
    await gemeente.submit(forged);
    const receipt = await gemeente.receipt(forged.envelope.messageId);
    expect(receipt['status']).to.equal('rejected');
    expect((receipt['reasons'] as { code: string }[])[0]?.code).to.equal('SENDER_MISMATCH');
    expect(await world.testHub.hub.ledger.getMessage(forged.envelope.messageId)).to.equal(
      undefined,
    );
  });

  it('the broker refuses a publish with the user_id of another user (406 PRECONDITION_FAILED)', async () => {
    const error = await channelError('gemeente', (client) =>
      client
        .submit(saldoverzoek(world.testHub, 'kredietbank', 'cjib'))
        .then(() => client.publish('submission', {}, { userId: devOin('kredietbank') })),
    );
    expect(error.code).to.equal(406);
    expect(error.message).to.include('PRECONDITION_FAILED');
  });

  it('the broker refuses consuming from another participant’s queue (403 ACCESS_REFUSED)', async () => {
    const error = await channelError('gemeente', (client) =>
      client.channel.consume(participantQueue(devOin('cjib')), () => undefined),
    );
    expect(error.code).to.equal(403);
    expect(error.message).to.include('ACCESS_REFUSED');
  });

  it('the broker refuses publishing to the deliveries exchange (403 ACCESS_REFUSED)', async () => {
    const error = await channelError('gemeente', async (client) => {
      client.channel.publish(NAMES.deliveriesExchange, devOin('cjib'), Buffer.from('{}'));
      await client.channel.waitForConfirms();
    });
    expect(error.code).to.equal(403);
  });

  it('answers a body that is not JSON with a MALFORMED_MESSAGE receipt and dead-letters it; the queue keeps flowing', async () => {
    await gemeente.publish('submission', Buffer.from('this is not json'), {
      messageId: 'poison-1',
    });
    const body = (await gemeente.receipt('poison-1')) as {
      status: string;
      reasons: { code: string }[];
    };
    expect(body.status).to.equal('rejected');
    expect(body.reasons[0]?.code).to.equal('MALFORMED_MESSAGE');
    const next = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    await gemeente.submit(next);
    expect(await gemeente.receipt(next.envelope.messageId)).to.include({ status: 'accepted' });
    expect(await deadLetters()).to.include('this is not json');
  });

  it('reads AMQP bodies with the strict reader: each breach of I-JSON gets its own code in a signed receipt', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    const text = JSON.stringify(message);
    const cases: [string, Buffer, string][] = [
      [
        'strict-1',
        Buffer.from(text.replace('{"envelope":', '{"payload":{},"envelope":')),
        'JSON_DUPLICATE_NAME',
      ],
      ['strict-2', Buffer.from(`${'['.repeat(3000)}${']'.repeat(3000)}`), 'JSON_TOO_DEEP'],
      [
        'strict-3',
        Buffer.from(text.replace('"peildatum":', '"x":1e999,"peildatum":')),
        'JSON_NUMBER_INVALID',
      ],
      [
        'strict-4',
        Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
        'JSON_INVALID_UTF8',
      ],
    ];
    for (const [id, body, code] of cases) {
      await gemeente.publish('submission', body, { messageId: id });
      const receipt = (await gemeente.receipt(id)) as {
        status: string;
        reasons: { code: string }[];
      };
      expect(receipt.status, id).to.equal('rejected');
      expect(receipt.reasons[0]?.code, id).to.equal(code);
    }
    expect(await world.testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(
      undefined,
    );
    const next = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    await gemeente.submit(next);
    expect(await gemeente.receipt(next.envelope.messageId)).to.include({ status: 'accepted' });
  });

  it('answers an oversized body with a BODY_TOO_LARGE receipt and dead-letters it', async () => {
    await gemeente.publish('submission', Buffer.alloc(MAX_BODY + 1, 'x'), {
      messageId: 'poison-2',
    });
    const body = (await gemeente.receipt('poison-2')) as { reasons: { code: string }[] };
    expect(body.reasons[0]?.code).to.equal('BODY_TOO_LARGE');
    expect((await deadLetters()).some((text) => text.length === MAX_BODY + 1)).to.equal(true);
  });

  it('refuses an ack by someone who is not the recipient (FORBIDDEN) and leaves the message as it was', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    await gemeente.submit(message);
    await gemeente.receipt(message.envelope.messageId);
    const before = gemeente.received.length;
    await gemeente.publish('ack', { messageId: message.envelope.messageId });
    const refusal = await gemeente.waitFor(
      (m) => gemeente.received.indexOf(m) >= before && m.properties.type === 'receipt',
    );
    const body = JSON.parse(refusal.content.toString('utf8')) as {
      reasons: { code: string }[];
      messageId: string;
      receipt: string;
    };
    expect(body.reasons[0]?.code).to.equal('FORBIDDEN');
    // The refusal names the acknowledged message, in the signed claims and as correlation_id.
    expect(refusal.properties.correlationId).to.equal(message.envelope.messageId);
    expect(body.messageId).to.equal(message.envelope.messageId);
    expect(verifyReceipt(body.receipt, world.testHub.hub.hubSigner.certificate)).to.include({
      status: 'rejected',
      messageId: message.envelope.messageId,
      sender: devOin('gemeente'),
    });
    const stored = await world.testHub.hub.ledger.getMessage(message.envelope.messageId);
    expect(stored?.status).to.equal('accepted');
  });

  it('refuses an ack of an unknown message (MESSAGE_NOT_FOUND), naming the id it was given', async () => {
    const unknown = randomUUID();
    await gemeente.publish('ack', { messageId: unknown });
    const refusal = await gemeente.waitFor(
      (m) => m.properties.type === 'receipt' && m.properties.correlationId === unknown,
    );
    const body = JSON.parse(refusal.content.toString('utf8')) as {
      reasons: { code: string }[];
      messageId: string;
    };
    expect(body).to.include({ messageId: unknown });
    expect(body.reasons[0]?.code).to.equal('MESSAGE_NOT_FOUND');
  });

  it('provisioning a participant added while the hub runs gives it a user, permissions and its bound queue', async () => {
    // Broker users are global, not per vhost: a fresh OIN per run, removed at the end.
    const oin = `00000003${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}0000`;
    const provisioning = new Provisioning({
      managementUrl: 'http://guest:guest@127.0.0.1:15672',
      vhost: world.vhost.name,
      pkiDir: join(world.testHub.dataDir, 'pki'),
    });
    const participant = await world.testHub.hub.registry.add({
      oin,
      name: 'Nieuwe Schuldeiser B.V.',
      kind: 'schuldeiser',
      transport: 'amqp',
    });
    const password = await provisioning.sync(participant);
    expect(password).to.be.a('string');
    const queue = await management(
      'GET',
      `/api/queues/${world.vhost.name}/knooppunt.participant.${oin}`,
    );
    expect(queue.status).to.equal(200);
    expect(((await queue.json()) as { type: string }).type).to.equal('quorum');
    const bindings = (await (
      await management(
        'GET',
        `/api/queues/${world.vhost.name}/knooppunt.participant.${oin}/bindings`,
      )
    ).json()) as { source: string; routing_key: string }[];
    expect(
      bindings.some((b) => b.source === 'knooppunt.deliveries' && b.routing_key === oin),
    ).to.equal(true);
    // It can consume from its own queue at once.
    const connection = await amqp.connect(world.vhost.urlFor(oin, password as string));
    const channel = await connection.createChannel();
    expect((await channel.checkQueue(`knooppunt.participant.${oin}`)).queue).to.equal(
      `knooppunt.participant.${oin}`,
    );
    await connection.close();
    expect(await provisioning.sync(participant)).to.equal(undefined); // idempotent: no new password
    await provisioning.remove(oin);
  });

  it('suspension deletes the broker user: its connection is closed and it cannot connect again', async () => {
    const { hub } = world.testHub;
    const oin = devOin('bewindvoerder');
    const password = amqpPassword(world.testHub.dataDir, oin);
    const client = await world.connect('bewindvoerder', { consume: false });
    const closed = new Promise<void>((resolve) =>
      (client as unknown as { channel: { once(e: string, f: () => void): void } }).channel.once(
        'close',
        resolve,
      ),
    );
    const suspended = await hub.registry.setStatus(oin, 'suspended');
    await hub.amqp?.participantChanged(suspended);
    await closed;
    let refused: unknown;
    await amqp
      .connect(world.vhost.urlFor(oin, password))
      .then((connection) => connection.close())
      .catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/ACCESS_REFUSED|403/);
  });

  it('counts the dead letters for the metrics on a channel of its own, leaving relaying alone', async () => {
    const amqpTransport = world.testHub.hub.amqp;
    const state = await amqpTransport?.brokerState();
    expect(state?.up).to.equal(true);
    expect(state?.deadLetters).to.equal((await deadLetters()).length);
    expect(state?.deadLetters).to.be.greaterThan(0);
    // The publishing channel is untouched: a message is still relayed to an AMQP recipient.
    const message = saldoverzoek(world.testHub, 'gemeente', 'cjib');
    await gemeente.submit(message);
    expect(await gemeente.receipt(message.envelope.messageId)).to.include({ status: 'accepted' });
  });

  /** The bodies in the dead-letter queue (read with the hub's guest user, requeued). */
  async function deadLetters(): Promise<string[]> {
    const connection = await amqp.connect(world.vhost.url);
    try {
      const channel = await connection.createChannel();
      const bodies: string[] = [];
      for (;;) {
        const message = await channel.get(NAMES.deadLetterQueue, { noAck: false });
        if (message === false) break;
        bodies.push(message.content.toString('utf8'));
      }
      return bodies;
    } finally {
      await connection.close(); // unacknowledged: they go back to the queue
    }
  }
});
