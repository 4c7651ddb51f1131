/**
 * Early signals over AMQP (issue 13, part 4; RabbitMQ + MongoDB): the energy company takes
 * delivery over AMQP, yet finds the municipality by postcode over REST — every participant may
 * take a REST token — and sends its signal with the SDK's `sendSignal` over its AMQP client. The
 * signal reaches Gemeente Utrecht's queue and no other queue or mailbox; Utrecht's outcome,
 * published over AMQP, comes back to the energy company and is counted in the reach figures; a
 * signal to the wrong municipality or for an unserved area gets a signed rejection with its code.
 */
import { expect } from 'chai';
import { participantQueue } from '@knooppunt/standard';
import { AmqpClient, HubError, MessageFactory, RestClient, sendSignal } from '@knooppunt/sdk';
import { amqpPassword, rabbitAvailable } from '../../support/amqp.ts';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { startAmqpWorld } from '../amqp/amqp_world.ts';
import type { AmqpWorld } from '../amqp/amqp_world.ts';
import { operatorReach, outcome, signal, signalPayload } from './signals_world.ts';

describe('vroegsignalering over AMQP: routed by postcode, answered, counted (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let energie: AmqpClient;
  let gemeente: ParticipantAmqp;
  let amersfoort: ParticipantAmqp;
  let woningcorporatie: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    for (const handle of ['energie', 'gemeente', 'gemeente-amersfoort', 'woningcorporatie'])
      await world.preferAmqp(handle);
    const oin = devOin('energie');
    energie = await AmqpClient.connect({
      url: world.vhost.urlFor(oin, amqpPassword(world.testHub.dataDir, oin)),
      oin,
      hubCertificate: await rest('energie').hubCertificate(),
    });
    gemeente = await world.connect('gemeente');
    // Not consuming: what reaches their queues stays there, to be counted.
    amersfoort = await world.connect('gemeente-amersfoort', { consume: false });
    woningcorporatie = await world.connect('woningcorporatie', { consume: false });
  });
  after(async () => {
    await energie?.close();
    await world?.stop();
  });

  function rest(handle: string): RestClient {
    return new RestClient({
      hubUrl: world.testHub.baseUrl,
      oin: devOin(handle),
      signer: world.testHub.signer(handle),
    });
  }
  /** Waits (up to 10 s) until the hub has relayed every AMQP delivery it accepted. */
  async function outboxEmptied(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await world.testHub.hub.ledger.outboxSummary()).count > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not empty');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const creditorFactory = () =>
    new MessageFactory({ oin: devOin('energie'), signer: world.testHub.signer('energie') });

  it("sends an energy company's signal for Utrecht over AMQP to Gemeente Utrecht only, and counts Utrecht's answer", async () => {
    const reach = await operatorReach(world.testHub);
    const sent = await sendSignal({
      factory: creditorFactory(),
      directory: rest('energie'),
      via: energie,
      payload: signalPayload() as never,
    });
    expect(sent.municipality.oin).to.equal(devOin('gemeente'));
    expect(sent.claims).to.include({ status: 'accepted', recipient: devOin('gemeente') });
    const delivery = await gemeente.delivery(sent.messageId);
    expect((delivery['envelope'] as { postcode: string }).postcode).to.equal('3531');
    await world.waitForStatus(sent.messageId, 'delivered');

    // Nobody else: once the outbox is empty every delivery the hub made is confirmed by the
    // broker, so the other municipality's and another creditor's queues hold what reached them.
    await outboxEmptied();
    for (const other of [amersfoort, woningcorporatie]) {
      const queue = await other.channel.checkQueue(participantQueue(other.oin));
      expect(queue.messageCount, other.oin).to.equal(0);
    }
    const stored = await world.testHub.hub.ledger.getMessage(sent.messageId);
    expect(stored).to.include({ recipient: devOin('gemeente'), route: 'amqp', transport: 'amqp' });

    const answer = outcome(world.testHub, signalOf(delivery));
    await gemeente.submit(answer);
    expect(await gemeente.receipt(answer.envelope.messageId)).to.include({ status: 'accepted' });
    const [received] = await receiveOne(energie, answer.envelope.messageId);
    expect(received?.payload).to.deep.equal({ uitkomst: 'bereikt', datum: '2026-11-18' });
    const figures = await reach();
    const utrecht = figures.municipalities.find((row) => row.oin === devOin('gemeente'));
    expect(utrecht).to.include({ signals: 1, answered: 1, reached: 1, shareReached: 1 });
    expect(figures.vasteLasten).to.deep.include({
      vasteLast: 'energie',
      signals: 1,
      answered: 1,
      uitkomsten: { bereikt: 1, 'niet-bereikt': 0, 'al-in-hulp': 0, afgewezen: 0 },
      reached: 1,
      shareReached: 1,
    });
  });

  it('gives a signal to the wrong municipality a signed rejection: RECIPIENT_NOT_RESPONSIBLE', async () => {
    const wrong = signal(world.testHub, { from: 'energie', to: 'gemeente-amersfoort' });
    const refusal = await energie.send(wrong).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).to.be.instanceOf(HubError);
    expect((refusal as HubError).code).to.equal('RECIPIENT_NOT_RESPONSIBLE');
    expect(await world.testHub.hub.ledger.getMessage(wrong.envelope.messageId)).to.equal(undefined);
  });

  it('refuses a signal for an area no municipality serves, before and at the hub: POSTCODE_UNSERVED', async () => {
    const payload = signalPayload();
    payload['adres'] = {
      straat: 'Oude Ebbingestraat',
      huisnummer: 12,
      postcode: '9712 HA',
      woonplaats: 'Groningen',
    };
    const lookup = await sendSignal({
      factory: creditorFactory(),
      directory: rest('energie'),
      via: energie,
      payload: payload as never,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((lookup as HubError).code).to.equal('POSTCODE_UNSERVED');
    const direct = signal(world.testHub, { from: 'energie', to: 'gemeente', payload });
    const refusal = await energie.send(direct).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refusal as HubError).code).to.equal('POSTCODE_UNSERVED');
  });
});

/** The signed signal as delivered (to answer it). */
function signalOf(delivery: Record<string, unknown>) {
  return delivery as unknown as Parameters<typeof outcome>[1];
}

/** The first message with `id` the AMQP client receives (it acknowledges it). */
async function receiveOne(client: AmqpClient, id: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    for await (const message of client.receive({ signal: controller.signal })) {
      if (message.envelope.messageId === id) {
        await client.ack(id);
        return [message] as const;
      }
    }
    return [] as const;
  } finally {
    clearTimeout(timer);
  }
}
