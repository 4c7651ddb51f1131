/**
 * The SDK's AMQP client against a live hub with the real RabbitMQ (MongoDB ledger): the same
 * `send` call as over REST gives a verified receipt; a recipient taking delivery on its queue
 * receives and acknowledges (the ledger records the pickup); a refusal is a HubError with the
 * hub's code and signed rejection receipt.
 */
import { expect } from 'chai';
import { AmqpClient, HubError, MessageFactory, RestClient } from '@knooppunt/sdk';
import type { HubConnection, Saldoverzoek } from '@knooppunt/sdk';
import { amqpPassword, rabbitAvailable } from '../../support/amqp.ts';
import { examplePayload } from '../../support/examples.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { startAmqpWorld } from '../amqp/amqp_world.ts';
import type { AmqpWorld } from '../amqp/amqp_world.ts';

describe('SDK: the AMQP client against a live hub (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  /** One client per participant: its receipts arrive on its one queue. */
  const clients = new Map<string, AmqpClient>();

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    await world.preferAmqp('energie');
  });
  after(async () => {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await world?.stop();
  });

  const factory = (handle: string) =>
    new MessageFactory({ oin: devOin(handle), signer: world.testHub.signer(handle) });
  const rest = (handle: string) =>
    new RestClient({
      hubUrl: world.testHub.baseUrl,
      oin: devOin(handle),
      signer: world.testHub.signer(handle),
    });
  async function amqpClient(handle: string): Promise<AmqpClient> {
    const existing = clients.get(handle);
    if (existing !== undefined) return existing;
    const oin = devOin(handle);
    const client = await AmqpClient.connect({
      url: world.vhost.urlFor(oin, amqpPassword(world.testHub.dataDir, oin)),
      oin,
      hubCertificate: await rest(handle).hubCertificate(),
    });
    clients.set(handle, client);
    return client;
  }
  const saldoverzoek = (recipient: string) =>
    factory('gemeente').create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: devOin(recipient),
      payload: examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek,
    });

  it('sends with the same call over REST and over AMQP, each with a verified receipt', async () => {
    const connections: HubConnection[] = [rest('gemeente'), await amqpClient('gemeente')];
    for (const connection of connections) {
      const message = saldoverzoek('energie');
      const sent = await connection.send(message);
      expect(sent.claims).to.include({ status: 'accepted', messageId: message.envelope.messageId });
      const stored = await world.testHub.hub.ledger.getMessage(message.envelope.messageId);
      expect(stored?.transport).to.equal(connection instanceof AmqpClient ? 'amqp' : 'rest');
    }
  });

  it('delivers to a recipient on its queue, which acknowledges: picked up in the ledger', async () => {
    const energie = await amqpClient('energie');
    const message = saldoverzoek('energie');
    await (await amqpClient('gemeente')).send(message);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 20_000);
    let received;
    for await (const delivered of energie.receive({ signal: controller.signal })) {
      await energie.ack(delivered.envelope.messageId);
      if (delivered.envelope.messageId === message.envelope.messageId) {
        received = delivered;
        controller.abort();
      }
    }
    clearTimeout(timer);
    expect(received?.payload).to.deep.equal(message.payload);
    const { ledger } = world.testHub.hub;
    for (
      let i = 0;
      (await ledger.getMessage(message.envelope.messageId))?.status !== 'picked-up';
      i++
    ) {
      if (i > 100) throw new Error('the pickup was not recorded');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('raises a HubError with the hub’s code and signed rejection receipt', async () => {
    const error = await (await amqpClient('gemeente')).send(saldoverzoek('waarborgfonds')).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(HubError);
    expect((error as HubError).code).to.match(/^[A-Z_]+$/);
    expect((error as HubError).problem.receipt).to.be.a('string');
  });
});
